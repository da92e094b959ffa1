import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, expect, test, vi } from 'vitest';
import { COLUMN_PAGE, ColumnMappingEditor } from '@/components/column-mapping-editor';
import type { ColumnMapping, TableShape } from '@/domain/import/types';
import { setupI18n } from '@/i18n/setup-i18n';
import { ruzhouSet } from '../fixtures/ruzhou';

const set = ruzhouSet();

beforeAll(() => {
  setupI18n('en');
});

/** A long-layout header: 地区, 年份, 指标, 数值, then `extra` columns headed by `header(i)`. */
function wideHeader(extra: number, header: (i: number) => string): TableShape {
  const known: ColumnMapping[] = [
    { index: 0, header: '地区', role: 'region', source: 'header' },
    { index: 1, header: '年份', role: 'year', source: 'header' },
    { index: 2, header: '指标', role: 'metric', source: 'header' },
    { index: 3, header: '数值', role: 'value', source: 'header' },
  ];
  const rest = Array.from({ length: extra }, (_, i): ColumnMapping => ({ index: i + 4, header: header(i), role: 'ignore', source: 'none' }));
  return { delimiter: ',', headerRow: 1, titleRows: [], layout: 'long', columns: [...known, ...rest] };
}

const meaningSelects = () => screen.queryAllByRole('combobox', { name: /^Meaning of column/ });

function show(shape: TableShape, onChange = vi.fn()) {
  render(<ColumnMappingEditor shape={shape} metrics={set.metrics} lang="en" locale="en" onChange={onChange} />);
  return onChange;
}

test('a header of 5,000 empty columns draws a select only for the columns with a meaning, and finds any other by its number', () => {
  const onChange = show(wideHeader(5_000, () => ''));
  expect(meaningSelects()).toHaveLength(4);
  expect(screen.getByRole('status')).toHaveTextContent('Listing 4 of 4 columns (the header row has 5,004).');
  expect(screen.getByRole('status')).toHaveTextContent('5,000 columns without a header or meaning are not listed');
  expect(screen.queryByRole('button', { name: /more column/ })).toBeNull();

  fireEvent.change(screen.getByRole('searchbox', { name: 'Find a column (header text or column number)' }), { target: { value: '4711' } });
  expect(meaningSelects()).toHaveLength(1);
  const found = screen.getByRole('combobox', { name: 'Meaning of column “4711”' });
  fireEvent.change(found, { target: { value: 'citation' } });
  const edited = onChange.mock.calls.at(-1)![0] as Pick<TableShape, 'columns'>;
  expect(edited.columns[4710]).toEqual({ index: 4710, header: '', role: 'citation', source: 'analyst' });
  expect(edited.columns.filter((c) => c.source === 'analyst')).toHaveLength(1);
});

test('a header of 5,000 named columns draws them a page at a time, "show more" adds a page, and a search narrows them', () => {
  show(wideHeader(5_000, (i) => `extra ${i + 1}`));
  expect(meaningSelects()).toHaveLength(4 + COLUMN_PAGE);
  expect(screen.getByRole('status')).toHaveTextContent(`Listing ${4 + COLUMN_PAGE} of 5,004 columns (the header row has 5,004).`);

  fireEvent.click(screen.getByRole('button', { name: `Show ${COLUMN_PAGE} more columns` }));
  expect(meaningSelects()).toHaveLength(4 + 2 * COLUMN_PAGE);
  // The columns with a meaning stay first, in file order; the page after them continues the file.
  const headers = screen.getAllByRole('rowheader').map((cell) => cell.textContent);
  expect(headers.slice(0, 5)).toEqual(['地区', '年份', '指标', '数值', 'extra 1']);
  expect(headers.at(-1)).toBe(`extra ${2 * COLUMN_PAGE}`);

  fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'EXTRA 499' } });
  // While searching only what is found is listed: "extra 499" and "extra 4990" … "extra 4999".
  expect(meaningSelects()).toHaveLength(11);
  expect(screen.queryByRole('button', { name: /more column/ })).toBeNull();
});

test('a header of a few columns lists every one, without a search', () => {
  show(wideHeader(COLUMN_PAGE - 4, () => ''));
  expect(meaningSelects()).toHaveLength(COLUMN_PAGE);
  expect(screen.queryByRole('searchbox')).toBeNull();
});
