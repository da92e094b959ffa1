import type { Evaluation, Status } from './evaluate-target';
import { evaluateTargetIn, metricOf, seriesOf, type FigureIndex } from './figure-index';
import type { Figure } from './figures';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Target } from '@/domain/targets/target-set';

/**
 * What, in one as-of year, differs from the year before for a target's status:
 * - `new_figure`: the figure the status rests on (`Evaluation.latest`) is a newer one — `figure`;
 * - `deadline_reached`: the as-of year is the deadline year, from which the status is a verdict on the
 *   deadline year's figure (achieved / missed) instead of a pace judgement; `missing` when that year has no
 *   figure and an earlier one decides (`Evaluation.deadlineMissing`).
 *
 * Nothing else moves a status from one as-of year to the next: before the deadline it depends only on the
 * figures up to the latest one (and the declared baseline), and from the deadline year on only on the
 * figures up to the deadline year, all known by then. A figure after the deadline (`afterDeadline`) never
 * changes it and is not a cause.
 */
export type StatusCause = { kind: 'new_figure'; figure: Figure } | { kind: 'deadline_reached'; deadlineYear: number; missing: boolean };

/**
 * One as-of year of a target's status history: the evaluation as of that year (`evaluateTarget`, exactly
 * what the dashboard shows for it), what is new that year (`causes`, in the order figure then deadline),
 * and `changedFrom`: the previous as-of year's status when this one differs (absent for the first year and
 * for an unchanged status).
 */
export type StatusYear = {
  year: number;
  status: Status;
  evaluation: Evaluation;
  causes: StatusCause[];
  changedFrom?: Status;
};

/**
 * The status a target would have had for a region as of each year, from the year of the region's first
 * figure for the metric to `until` (inclusive; the page passes the later of its last as-of year and the
 * deadline year, or today's year before the deadline). Each year's evaluation is `evaluateTarget` over the
 * same series (`evaluateTargetIn`), so a year's status is the one the dashboard shows as of that year.
 * Empty when the region has no figure for the metric up to `until` (every year would be no data), and for
 * a city-wide target viewed for a sub-unit (not applicable throughout).
 */
export function statusHistory(index: FigureIndex, target: Target, regionId: string, until: number): StatusYear[] {
  if (target.applies_to === 'jurisdiction' && regionId !== index.set.jurisdiction) return [];
  const first = seriesOf(index, metricOf(index, target), regionId).figures[0];
  if (!first || first.year > until) return [];
  const deadline = deadlineYear(target);
  const years: StatusYear[] = [];
  let previous: Evaluation | undefined;
  for (let year = first.year; year <= until; year++) {
    const evaluation = evaluateTargetIn(index, target, regionId, year);
    const causes: StatusCause[] = [];
    if (evaluation.latest && evaluation.latest.year !== previous?.latest?.year) causes.push({ kind: 'new_figure', figure: evaluation.latest });
    if (year === deadline) causes.push({ kind: 'deadline_reached', deadlineYear: deadline, missing: evaluation.deadlineMissing === true });
    const entry: StatusYear = { year, status: evaluation.status, evaluation, causes };
    if (previous && previous.status !== evaluation.status) entry.changedFrom = previous.status;
    years.push(entry);
    previous = evaluation;
  }
  return years;
}

/**
 * The last as-of year a status history runs to: the page's last as-of year, or — when the deadline is later
 * — the deadline year, but never past `currentYear` (no status is claimed for a year still to come).
 */
export function historyUntil(target: Target, lastAsOf: number, currentYear: number): number {
  return Math.max(lastAsOf, Math.min(deadlineYear(target), currentYear));
}
