import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toCsv, withBom } from '@/domain/import/csv-export';
import { DownloadButton } from './download-button';

export type Column<Row> = {
  key: string;
  header: string;
  /** The value sorted on and exported; undefined sorts last and exports as an empty cell. */
  value: (row: Row) => string | number | undefined;
  /** How the cell shows; defaults to the value as text. */
  render?: (row: Row) => ReactNode;
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
};

/**
 * An accessible, sortable table (headers are buttons; aria-sort says the order)
 * with a CSV export of every row — UTF-8 with BOM, formula-like cells neutralised.
 * Used under every chart as its text alternative.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, exportName, sort: initial }: Props<Row>) {
  const { t } = useTranslation();
  const [sort, setSort] = useState(initial);
  const sorted = sort ? sortRows(rows, columns.find((c) => c.key === sort.key), sort.direction) : rows;
  const toggle = (key: string) =>
    setSort((current) => (current?.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));
  return (
    <div className="data-table">
      <div className="table-scroll">
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
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
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column, i) => {
                  const content = column.render ? column.render(row) : (column.value(row) ?? '—');
                  return i === 0 ? (
                    <th key={column.key} scope="row">
                      {content}
                    </th>
                  ) : (
                    <td key={column.key} className={column.numeric ? 'num' : undefined}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {exportName && (
        <DownloadButton
          fileName={`${exportName}.csv`}
          build={() => withBom(toCsv([columns.map((c) => c.header), ...sorted.map((row) => columns.map((c) => c.value(row)))]))}
        >
          {t('detail.exportCsv')}
        </DownloadButton>
      )}
    </div>
  );
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
