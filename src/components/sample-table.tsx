import { useTranslation } from 'react-i18next';
import type { CsvRecord, TableShape } from '@/domain/import/types';

/** The first rows as decoded, with spreadsheet row numbers and the header, title and unit rows marked. */
export function SampleTable({ records, shape }: { records: readonly CsvRecord[]; shape?: TableShape }) {
  const { t } = useTranslation();
  const width = Math.max(1, ...records.map((r) => r.cells.length));
  const kind = (row: number) =>
    row === shape?.headerRow ? 'header' : row === shape?.unitRow ? 'unit' : shape?.titleRows.includes(row) ? 'title' : undefined;
  return (
    <div className="table-scroll">
      <table className="table table--sample">
        <caption>{t('import.sampleCaption')}</caption>
        <tbody>
          {records.map((record) => {
            const rowKind = kind(record.row);
            return (
              <tr key={record.row} className={rowKind ? `sample--${rowKind}` : undefined}>
                <th scope="row" className="sample__row">
                  {record.row}
                  {rowKind && <span className="sample__kind">{t(`import.rowKind.${rowKind}`)}</span>}
                </th>
                {Array.from({ length: width }, (_, i) => (
                  <td key={i}>{record.cells[i] ?? ''}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
