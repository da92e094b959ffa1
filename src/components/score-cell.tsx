import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '@/domain/evaluation/evaluate-target';
import { ChangeArrowView, type ChangeWords } from './change-arrow';
import { StatusBadgeView, STATUS_ICONS } from './status-badge';

/**
 * One scorecard cell as words: what the page worked out for a township and a target. Both the screen
 * cell and the printed one show this, so anything added to a cell (a change since last year) goes in
 * here and in the two components below.
 */
export type ScoreCellView = {
  status: Status;
  /** The status in words (`status.<status>`), as its badge says it. */
  statusText: string;
  /** The value as shown (`formatFigureOf`); undefined for no figure (a gap, never 0). */
  value?: string | undefined;
  /** The change since last year in words (`changeWords`); undefined when no arrow is shown. */
  change?: ChangeWords | undefined;
  /** A goal of its own, a missing deadline-year figure, a figure after the deadline. */
  notes: readonly string[];
  /** The whole cell read out: region, target, value, status and the notes. */
  label: string;
  /** Faded: outside the status filter (`?status=`). */
  dim?: boolean;
};

type ScoreCellProps = {
  cell: ScoreCellView;
  href: string;
  targetId: string;
  regionId: string;
  /** Opens the township's target (the page's navigation), given the click and the cell's target and region. */
  onOpen: (event: MouseEvent<HTMLAnchorElement>, targetId: string, regionId: string) => void;
  /**
   * The cell is of a grid on its way out (a year change at province scale shows the last year's grid, inert,
   * until the new one is evaluated): its link is then not drawn again for the new address alone.
   */
  stale?: boolean;
};

/** Whether a cell may keep what it drew: the same view and link, or a stale grid's cell whose view is unchanged. */
const sameCell = (before: ScoreCellProps, after: ScoreCellProps) =>
  before.cell === after.cell &&
  before.targetId === after.targetId &&
  before.regionId === after.regionId &&
  before.onOpen === after.onOpen &&
  (before.href === after.href || after.stale === true);

/**
 * A scorecard cell on screen: a link to the township's target, with its value, status and notes. Memoised: a
 * province's grid is drawn again on a year change, a sort, its progress and on scrolling, and a cell with the
 * same view (the page keeps one per evaluation) and link is not; nor, while its grid is stale, for a link
 * that changed with the address (the year just chosen) — the grid is inert, and drawn anew once evaluated.
 */
export const ScoreCell = memo(function ScoreCell({ cell, href, targetId, regionId, onOpen }: ScoreCellProps) {
  return (
    <td className={`score score--${cell.status}${cell.dim ? ' score--dim' : ''}`}>
      <a href={href} aria-label={cell.label} onClick={(event) => onOpen(event, targetId, regionId)}>
        <span className="score__value">{cell.value ?? '—'}</span>
        {cell.change && <ChangeArrowView words={cell.change} compact />}
        <StatusBadgeView status={cell.status} text={cell.statusText} />
        {cell.notes.map((line) => (
          <small key={line} className="score__note muted">
            {line}
          </small>
        ))}
      </a>
    </td>
  );
}, sameCell);

/** On paper only the arrow (▲/▼, coloured better/worse): the amount does not fit a printed cell; the screen and the CSV carry it. */
function PrintChange({ change }: { change: ChangeWords }) {
  return (
    <span className={`sheet-cell__change change--${change.effect}`} data-direction={change.direction}>
      {change.direction === 'up' ? '▲' : '▼'}
    </span>
  );
}

/** A scorecard cell on paper: the value and the status's icon and short word on one line; `*` for notes (explained on the page). */
export function PrintScoreCell({ cell }: { cell: ScoreCellView }) {
  const { t } = useTranslation();
  return (
    <td className={`sheet-cell score--${cell.status}${cell.dim ? ' score--dim' : ''}`}>
      <span className="sheet-cell__value">{cell.value ?? '—'}</span>
      {cell.change && <PrintChange change={cell.change} />}
      {cell.notes.length > 0 && <span className="sheet-cell__mark">*</span>}{' '}
      <span className="sheet-cell__status">
        {STATUS_ICONS[cell.status]}
        {t(`scorecard.statusShort.${cell.status}`)}
      </span>
    </td>
  );
}
