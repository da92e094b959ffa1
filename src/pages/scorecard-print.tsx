import { useTranslation } from 'react-i18next';
import { PrintScoreCell, type ScoreCellView } from '@/components/score-cell';
import { STATUS_ICONS } from '@/components/status-badge';
import { SUMMARY_STATUSES } from '@/components/summary-strip';
import { usePrinting } from '@/components/windowed-table';
import type { Status } from '@/domain/evaluation/evaluate-target';

/** Rows on one printed page: at the sheet's type sizes 25 rows and the header fit an A4 landscape page. */
export const ROWS_PER_PAGE = 25;

export type SheetColumn = { id: string; name: string; goal?: string | undefined; unit: string };
export type SheetRow = { id: string; name: string; summary: string; worst: Status; city: boolean; cells: readonly ScoreCellView[] };

/** What the sheets show beyond the title: built only while printing (a province's is 24,000 cells in words). */
export type SheetContent = {
  /** "数据来源：…" (`sourceLine` of every figure shown). */
  source: string;
  /** The demo notice when any figure shown is synthetic. */
  demo?: string | undefined;
  rows: readonly SheetRow[];
};

type Props = {
  title: string;
  /** "汝州市 · 截至2020年" is built per page with the rows it holds. */
  region: string;
  year: number;
  columns: readonly SheetColumn[];
  /** Called when printing starts, never on screen: the page's every cell in words is work a screen render does not need. */
  content: () => SheetContent;
};

/** Type size by how many target columns share the page's 273 mm: more targets, smaller type, never a cut column. */
function sizeClass(columns: number): string {
  if (columns <= 8) return 'sheet--m';
  if (columns <= 13) return 'sheet--s';
  if (columns <= 20) return 'sheet--xs';
  return 'sheet--xxs';
}

/**
 * The scorecard on paper (rendered, and its content built, while printing only: `usePrinting`): A4 landscape (`@page` from the
 * page), one sheet per ROWS_PER_PAGE rows, each with the title, region, year, its rows' range, the
 * data source and, for synthetic figures, the demo notice, then the table under its own header (goal
 * and unit per column) and the status legend. Fixed table layout: every column shares the width.
 */
export function ScorecardPrint({ title, region, year, columns, content }: Props) {
  const { t } = useTranslation();
  const printing = usePrinting();
  if (!printing) return null;
  const { source, demo, rows } = content();
  const sheets: SheetRow[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PAGE) sheets.push(rows.slice(i, i + ROWS_PER_PAGE));
  const legend = SUMMARY_STATUSES.map((s) => `${STATUS_ICONS[s]}${t(`scorecard.statusShort.${s}`)} = ${t(`status.${s}`)}`).join(t('scorecard.separator'));
  return (
    <div className="scorecard-print print-only">
      {sheets.map((sheet, n) => {
        const from = n * ROWS_PER_PAGE + 1;
        const marked = sheet.some((row) => row.cells.some((cell) => cell.notes.length > 0));
        return (
          <section key={from} className={`sheet ${sizeClass(columns.length)}`} aria-label={t('scorecard.printScope', { region, year, from, to: from + sheet.length - 1, total: rows.length })}>
            <header className="sheet__header">
              <p className="sheet__title">{title}</p>
              <p>{t('scorecard.printScope', { region, year, from, to: from + sheet.length - 1, total: rows.length })}</p>
              <p>{source}</p>
              {demo && <p className="sheet__demo">{demo}</p>}
            </header>
            <table className="sheet__table">
              <colgroup>
                <col className="sheet__col-region" />
                <col className="sheet__col-summary" />
                {columns.map((column) => (
                  <col key={column.id} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t('scorecard.region')}</th>
                  <th scope="col">{t('scorecard.summaryColumn')}</th>
                  {columns.map((column) => (
                    <th key={column.id} scope="col">
                      <span className="sheet__name">{column.name}</span>
                      {column.goal && <span className="sheet__goal">{column.goal}</span>}
                      <span className="sheet__unit">{column.unit}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sheet.map((row) => (
                  <tr key={row.id} className={row.city ? 'sheet__row--city' : undefined}>
                    <th scope="row">{row.name}</th>
                    <td className={`sheet-cell score--${row.worst}`}>
                      {row.summary}
                      {row.worst !== 'not_applicable' && <span className="sheet-cell__status"> {STATUS_ICONS[row.worst]}{t(`scorecard.statusShort.${row.worst}`)}</span>}
                    </td>
                    {row.cells.map((cell, i) => (
                      <PrintScoreCell key={columns[i]!.id} cell={cell} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <footer className="sheet__footer">
              <p>{t('scorecard.printLegend', { items: legend })}</p>
              {marked && <p>{t('scorecard.printNoteMark')}</p>}
            </footer>
          </section>
        );
      })}
    </div>
  );
}
