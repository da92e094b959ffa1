import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

export type FigureRow = {
  key: string;
  region: string;
  metric: string;
  year: number;
  cells: ReactNode[];
  /** The figure's own source (its 来源 / 备注 cell), shown as text in the 来源 column; "—" when it has none. */
  citation?: ReactNode;
};

/**
 * Figures one per row — region, metric, year, then the columns a view needs
 * (old and new value in an import preview, new and replaced in a batch), and
 * a 来源 (source) column when any row has a citation. Names come in already
 * resolved; values already formatted (a bound with its sign: "≥ 95.0%").
 */
export function FigureTable({ caption, headers, rows }: { caption?: string; headers: readonly string[]; rows: readonly FigureRow[] }) {
  const { t } = useTranslation();
  const withCitation = rows.some((row) => row.citation !== undefined && row.citation !== '');
  return (
    <div className="table-scroll">
      <table className="table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('import.colRegion')}</th>
            <th scope="col">{t('import.colMetric')}</th>
            <th scope="col">{t('import.colYear')}</th>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
            {withCitation && <th scope="col">{t('import.colCitation')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.region}</td>
              <td>{row.metric}</td>
              <td>{row.year}</td>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
              {withCitation && <td className="figure-table__citation">{row.citation ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
