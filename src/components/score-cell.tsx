import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '@/domain/evaluation/evaluate-target';
import { ChangeArrow, type ChangeInput } from './change-arrow';
import { StatusBadge, STATUS_ICONS } from './status-badge';

/**
 * One scorecard cell as words: what the page worked out for a township and a target. Both the screen
 * cell and the printed one show this, so anything added to a cell (a change since last year) goes in
 * here and in the two components below.
 */
export type ScoreCellView = {
  status: Status;
  /** The value as shown (`formatFigureOf`); undefined for no figure (a gap, never 0). */
  value?: string | undefined;
  /** What the change since last year is worked out from (`ChangeArrow`; nothing within the threshold). */
  change?: ChangeInput;
  /** A goal of its own, a missing deadline-year figure, a figure after the deadline. */
  notes: readonly string[];
  /** The whole cell read out: region, target, value, status and the notes. */
  label: string;
  /** Faded: outside the status filter (`?status=`). */
  dim?: boolean;
};

/** A scorecard cell on screen: a link to the township's target, with its value, status and notes. */
export function ScoreCell({ cell, href, onOpen }: { cell: ScoreCellView; href: string; onOpen: (event: MouseEvent<HTMLAnchorElement>) => void }) {
  return (
    <td className={`score score--${cell.status}${cell.dim ? ' score--dim' : ''}`}>
      <a href={href} aria-label={cell.label} onClick={onOpen}>
        <span className="score__value">{cell.value ?? '—'}</span>
        {cell.change && <ChangeArrow {...cell.change} compact />}
        <StatusBadge status={cell.status} />
        {cell.notes.map((line) => (
          <small key={line} className="score__note muted">
            {line}
          </small>
        ))}
      </a>
    </td>
  );
}

/** A scorecard cell on paper: the value and the status's icon and short word on one line; `*` for notes (explained on the page). */
export function PrintScoreCell({ cell }: { cell: ScoreCellView }) {
  const { t } = useTranslation();
  return (
    <td className={`sheet-cell score--${cell.status}${cell.dim ? ' score--dim' : ''}`}>
      <span className="sheet-cell__value">{cell.value ?? '—'}</span>
      {cell.change && <ChangeArrow {...cell.change} compact />}
      {cell.notes.length > 0 && <span className="sheet-cell__mark">*</span>}{' '}
      <span className="sheet-cell__status">
        {STATUS_ICONS[cell.status]}
        {t(`scorecard.statusShort.${cell.status}`)}
      </span>
    </td>
  );
}
