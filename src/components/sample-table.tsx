import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/domain/display/format';
import type { CsvRecord, TableShape } from '@/domain/import/types';
import type { Locale } from '@/domain/shared/locale';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** The sample shows at most this many columns: a header row of thousands of columns would be a table of tens of thousands of cells. */
export const SAMPLE_COLUMNS = 30;

/**
 * The first rows as decoded, with spreadsheet row numbers and the header, title and unit rows marked; at
 * most `SAMPLE_COLUMNS` columns, saying so when the file has more.
 */
export function SampleTable({ records, shape, locale }: { records: readonly CsvRecord[]; shape?: TableShape; locale: Locale }) {
  const { t } = useTranslation();
  const fileWidth = records.reduce((widest, r) => Math.max(widest, r.cells.length), 1);
  const width = Math.min(fileWidth, SAMPLE_COLUMNS);
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
      {fileWidth > width && (
        <p className="muted">{t('import.sampleColumnsCut', { shown: formatNumber(width, locale, 0), total: formatNumber(fileWidth, locale, 0) })}</p>
      )}
    </div>
  );
}
