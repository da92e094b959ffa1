import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportWords } from '@/domain/display/export-labels';
import { tableRows, type ExportCell, type ExportScope } from '@/domain/display/export-table';
import { toCsv, withBom } from '@/domain/import/csv-export';
import { DownloadButton } from './download-button';
import { WindowedTable } from './windowed-table';

export type Column<Row> = {
  key: string;
  header: string;
  /**
   * The sort key; undefined sorts last. Shown (as text) only when the column has neither `render` nor
   * `text`, and exported only then: a rank or a raw float never reaches the CSV in place of what is shown.
   */
  value: (row: Row) => string | number | undefined;
  /** How the cell shows; defaults to `text`, else the value as text. */
  render?: (row: Row) => ReactNode;
  /**
   * What the cell says in words and units — the status word, "77.8%" — for the CSV (and the cell, without
   * `render`). Needed when `render` draws an element (a badge, a link): text `render`s are exported as shown.
   */
  text?: (row: Row) => string | undefined;
  /** Numbers align right. */
  numeric?: boolean;
};

type Props<Row> = {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** File name for the CSV export (without .csv); no export button when absent. */
  exportName?: string;
  /** Initial sort; rows keep their given order until a header is used. */
  sort?: { key: string; direction: 'asc' | 'desc' };
  /** The region, as-of year and each row's figure, written into the CSV as three more columns (see `tableCsv`). */
  exportScope?: Omit<ExportScope<Row>, 'words'>;
  /**
   * For tables that can be long (a province's 2,000 townships): rendered as a `WindowedTable` — only the
   * rows near the scroll box past its threshold, arrow-key navigation, row and column counts announced,
   * every row in print. The caption is then read out, not shown (the section's heading names the table).
   * Without it the table is a plain one with a visible caption, as every short table is.
   */
  windowed?: { estimateRowHeight: number; windowFrom?: number };
};

/**
 * An accessible, sortable table (headers are buttons; aria-sort says the order)
 * with a CSV export of every row — UTF-8 with BOM, formula-like cells neutralised.
 * Used under every chart as its text alternative.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, exportName, sort: initial, exportScope, windowed }: Props<Row>) {
  const { t } = useTranslation();
  const [sort, setSort] = useState(initial);
  const sorted = sort ? sortRows(rows, columns.find((c) => c.key === sort.key), sort.direction) : rows;
  const toggle = (key: string) =>
    setSort((current) => (current?.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));
  const head = columns.map((column) => (
    <th
      key={column.key}
      scope="col"
      className={column.numeric ? 'num' : undefined}
      aria-sort={sort?.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
        {column.header}
        <span aria-hidden="true">{sort?.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  ));
  const cells = (row: Row) =>
    columns.map((column, i) => {
      const content = column.render ? column.render(row) : column.text ? (column.text(row) ?? '—') : (column.value(row) ?? '—');
      return i === 0 ? (
        <th key={column.key} scope="row">
          {content}
        </th>
      ) : (
        <td key={column.key} className={column.numeric ? 'num' : undefined}>
          {content}
        </td>
      );
    });
  return (
    <div className="data-table">
      {windowed ? (
        <WindowedTable
          className="table-scroll data-table__window"
          tableClassName="table"
          caption={caption}
          head={head}
          rowCount={sorted.length}
          colCount={columns.length}
          estimateRowHeight={windowed.estimateRowHeight}
          {...(windowed.windowFrom !== undefined ? { windowFrom: windowed.windowFrom } : {})}
          row={(index, rowProps) => {
            const row = sorted[index]!;
            return (
              <tr key={rowKey(row)} {...rowProps}>
                {cells(row)}
              </tr>
            );
          }}
        />
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption>{caption}</caption>
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={rowKey(row)}>{cells(row)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {exportName && (
        <DownloadButton
          fileName={`${exportName}.csv`}
          build={() =>
            withBom(
              toCsv(
                tableRows(
                  columns.map((column) => ({ header: column.header, cell: (row: Row) => exportCell(column, row) })),
                  sorted,
                  exportScope && { ...exportScope, words: t('export', { returnObjects: true }) as ExportWords },
                ),
              ),
            )
          }
        >
          {t('detail.exportCsv')}
        </DownloadButton>
      )}
    </div>
  );
}

/**
 * A column's CSV cell, as the table shows it: its `text`, else what a text `render` shows, else (no
 * `render` at all) its value. A `render` that draws an element without a `text` exports an empty cell —
 * never the sort key behind it.
 */
export function exportCell<Row>(column: Column<Row>, row: Row): ExportCell {
  if (column.text) return column.text(row);
  if (!column.render) return column.value(row);
  const shown = column.render(row);
  return typeof shown === 'string' || typeof shown === 'number' ? shown : undefined;
}

function sortRows<Row>(rows: readonly Row[], column: Column<Row> | undefined, direction: 'asc' | 'desc'): readonly Row[] {
  if (!column) return rows;
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN'));
  });
}
