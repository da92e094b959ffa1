import { render, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { FigureTable } from '@/components/figure-table';
import { setupI18n } from '@/i18n/setup-i18n';

setupI18n('zh-CN');

const row = (key: string, citation?: string) => ({ key, region: '汝州市', metric: '残疾儿童少年义务教育入学率', year: 2020, cells: ['≥ 95.0%'], ...(citation !== undefined ? { citation } : {}) });

test('a 来源 column appears when a figure has a citation, and its text is shown as text, never as markup', () => {
  render(<FigureTable headers={['新值']} rows={[row('a', '<b>公报</b> & 年鉴'), row('b')]} />);
  const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
  expect(headers).toEqual(['地区', '指标', '年份', '新值', '来源']);
  const [, first, second] = screen.getAllByRole('row');
  expect(within(first!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['汝州市', '残疾儿童少年义务教育入学率', '2020', '≥ 95.0%', '<b>公报</b> & 年鉴']);
  expect(first!.querySelector('b')).toBeNull();
  expect(within(second!).getAllByRole('cell').at(-1)).toHaveTextContent('—');
});

test('without any citation there is no 来源 column', () => {
  render(<FigureTable headers={['新值']} rows={[row('a'), row('b', '')]} />);
  expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['地区', '指标', '年份', '新值']);
});
