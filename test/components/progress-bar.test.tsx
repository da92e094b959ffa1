import { render, screen } from '@testing-library/react';
import { beforeAll, expect, test } from 'vitest';
import { ProgressBar } from '@/components/progress-bar';
import { setupI18n } from '@/i18n/setup-i18n';

/** The import's progress bar: the share of a CSV's bytes, of a workbook sheet's rows, or rows read only. */

const i18n = setupI18n('zh-CN');
beforeAll(() => i18n.changeLanguage('zh-CN'));

const bar = () => screen.getByRole('progressbar', { name: '导入进度' });

test('a CSV: the share of its bytes read', () => {
  render(<ProgressBar progress={{ rows: 12_000, bytesRead: 250, totalBytes: 1000 }} locale="zh-CN" onCancel={() => undefined} />);
  expect(bar()).toHaveAttribute('aria-valuenow', '25');
  expect(screen.getByText('已读取 12,000 行 · 25%')).toBeInTheDocument();
});

test('a workbook: the share of its sheet’s rows, by the row Excel numbers', () => {
  render(<ProgressBar progress={{ rows: 49_999, row: 50_001, lastRow: 200_001 }} locale="zh-CN" onCancel={() => undefined} />);
  expect(bar()).toHaveAttribute('aria-valuenow', '25');
  expect(screen.getByText('已读取 49,999 行 · 25%')).toBeInTheDocument();
});

test('a workbook that does not say how many rows it has: rows read only, no share claimed', async () => {
  await i18n.changeLanguage('en');
  render(<ProgressBar progress={{ rows: 3_000, row: 3_001, lastRow: undefined }} locale="en" onCancel={() => undefined} />);
  expect(screen.getByRole('progressbar', { name: 'Import progress' })).not.toHaveAttribute('aria-valuenow');
  expect(screen.getByText('3,000 rows read')).toBeInTheDocument();
  await i18n.changeLanguage('zh-CN');
});
