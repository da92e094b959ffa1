import { render, screen, within } from '@testing-library/react';
import { beforeAll, expect, test, vi } from 'vitest';
import { COLUMN_PAGE } from '@/components/column-mapping-editor';
import { ImportInspection } from '@/components/import-inspection';
import { SAMPLE_COLUMNS } from '@/components/sample-table';
import type { ColumnMapping, CsvRecord, TableShape } from '@/domain/import/types';
import { setupI18n } from '@/i18n/setup-i18n';
import { ruzhouSet } from '../fixtures/ruzhou';

const set = ruzhouSet();

beforeAll(() => {
  setupI18n('en');
});

function inspection(sample: CsvRecord[], shape: TableShape | undefined) {
  render(
    <ImportInspection
      fileName="wide.csv"
      encoding="utf-8"
      detected={{ encoding: 'utf-8', fromBom: false }}
      sample={sample}
      messages={[]}
      {...(shape ? { shape } : {})}
      metrics={set.metrics}
      lang="en"
      locale="en"
      onEncoding={vi.fn()}
      onShape={vi.fn()}
      onCheck={vi.fn()}
      onCancel={vi.fn()}
      onDiscard={vi.fn()}
    />,
  );
}

test('a header row of 5,000 named columns draws a bounded sample and a bounded column editor', () => {
  const width = 5_000;
  const header = ['地区', '年份', '指标', '数值', ...Array.from({ length: width - 4 }, (_, i) => `c${i + 5}`)];
  const sample: CsvRecord[] = [{ row: 1, cells: header }, ...Array.from({ length: 14 }, (_, i) => ({ row: i + 2, cells: header.map(() => '1') }))];
  const columns = header.map((text, index): ColumnMapping => ({ index, header: text, role: index === 0 ? 'region' : 'ignore', source: index === 0 ? 'header' : 'none' }));
  inspection(sample, { delimiter: ',', headerRow: 1, titleRows: [], layout: 'long', columns });

  const table = screen.getByRole('table', { name: /The first rows/ });
  for (const row of within(table).getAllByRole('row')) expect(within(row).queryAllByRole('cell')).toHaveLength(SAMPLE_COLUMNS);
  expect(screen.getByText('The first 30 of 5,000 columns are shown here.')).toBeInTheDocument();
  // One region column plus a page of the others, and the layout select.
  expect(screen.getAllByRole('combobox', { name: /^Meaning of column/ })).toHaveLength(1 + COLUMN_PAGE);
  expect(screen.getByRole('button', { name: 'Check the file' })).toBeEnabled();
});
