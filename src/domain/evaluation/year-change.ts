import type { Evaluation } from './evaluate-target';
import type { Figure } from './figures';
import { isBand, marginToGoal, type Goal } from '@/domain/targets/comparator';
import type { Metric, Unit } from '@/domain/targets/target-set';

/**
 * The change a metric must exceed, in its unit, before a change on the previous year is shown (DHIS2's
 * "effective gap"), when the target file declares none (`change_threshold` on the metric): half a
 * percentage point for percents — below it a yearly move is mostly the noise of a one-decimal figure —
 * and 0 for counts of people and things, so any whole change (one class, one teacher) shows.
 */
export const DEFAULT_CHANGE_THRESHOLD: Readonly<Record<Unit, number>> = {
  percent: 0.5,
  persons: 0,
  classes: 0,
  classrooms: 0,
  schools: 0,
  count: 0,
};

/** The metric's declared `change_threshold`, else the unit's default (`DEFAULT_CHANGE_THRESHOLD`); ≥ 0, in the unit. */
export function changeThreshold(metric: Pick<Metric, 'unit' | 'change_threshold'>): number {
  return metric.change_threshold ?? DEFAULT_CHANGE_THRESHOLD[metric.unit];
}

/**
 * A figure's change on the figure of the year before it:
 * - `none`: nothing to compare — `no_figure` (no figure that year), `no_previous` (no figure the year before:
 *   a gap, never read as 0), `bound` (either figure is a published bound such as "95%以上": the difference of
 *   two bounds is no known change);
 * - `steady`: |difference| is at most the threshold — no arrow;
 * - `change`: |difference| exceeds it; `direction` is the sign of the difference and `effect` whether it
 *   moved the figure the comparator's way (`better`), the other way (`worse`), or neither (`neutral`).
 *
 * `difference` is `to.value − from.value` in the metric's unit (percentage points for percents, persons,
 * classes …) from the figures' own values, not from their rounded display.
 */
export type YearChange =
  | { kind: 'none'; reason: 'no_figure' | 'no_previous' | 'bound' }
  | { kind: 'steady'; from: Figure; to: Figure; difference: number; threshold: number }
  | {
      kind: 'change';
      from: Figure;
      to: Figure;
      difference: number;
      threshold: number;
      direction: 'up' | 'down';
      effect: 'better' | 'worse' | 'neutral';
    };

/** Float noise from num ÷ den: a difference this close to the threshold (relative to the values, at least 1) is at it. */
const EPSILON = 1e-9;

/**
 * Whether moving from one value to another is better, worse or neither against a goal, from the
 * comparator's own margin (`marginToGoal`, ≥ 0 meets): for a floor up is better, for a cap down is better
 * (its margin grows as the value falls). For a band ("approximately", "between") only the shortfall counts:
 * moving towards the band is better, away worse, and any move inside it, or one that stays as far outside,
 * is neutral — a value in the band is not "better" for nearing its centre.
 */
export function changeEffect(goal: Goal, from: number, to: number): 'better' | 'worse' | 'neutral' {
  const score = (value: number) => (isBand(goal) ? Math.min(0, marginToGoal(goal, value)) : marginToGoal(goal, value));
  const delta = score(to) - score(from);
  const noise = EPSILON * Math.max(1, Math.abs(from), Math.abs(to));
  if (delta > noise) return 'better';
  if (delta < -noise) return 'worse';
  return 'neutral';
}

/**
 * The change of a region's figure for `year` on its figure for `year − 1` (see `YearChange`), against the
 * region's goal, shown only when |difference| exceeds `threshold` (≥ 0, in the unit; a difference equal to
 * it, within float noise, is steady). `figures` are one region's, one per year (a `FigureSeries`' figures
 * or an evaluation's). Only the year immediately before counts: with it missing there is no change, even
 * when an earlier year has a figure.
 */
export function changeOnPreviousYear(figures: readonly Figure[], year: number, goal: Goal, threshold: number): YearChange {
  const to = figures.find((f) => f.year === year);
  if (!to) return { kind: 'none', reason: 'no_figure' };
  const from = figures.find((f) => f.year === year - 1);
  if (!from) return { kind: 'none', reason: 'no_previous' };
  if (from.qualifier !== undefined || to.qualifier !== undefined) return { kind: 'none', reason: 'bound' };
  const difference = to.value - from.value;
  const noise = EPSILON * Math.max(1, Math.abs(from.value), Math.abs(to.value));
  if (Math.abs(difference) <= threshold + noise) return { kind: 'steady', from, to, difference, threshold };
  return {
    kind: 'change',
    from,
    to,
    difference,
    threshold,
    direction: difference > 0 ? 'up' : 'down',
    effect: changeEffect(goal, from.value, to.value),
  };
}

/**
 * The change since the previous year of the figure an evaluation shows (its `latest`: for the as-of year,
 * or the latest before it, or from the deadline on the deadline year's), on the figure of the year before
 * that one, with the metric's threshold (`changeThreshold`) and the region's goal. No figure: `none`.
 */
export function changeSinceLastYear(evaluation: Pick<Evaluation, 'latest' | 'figures' | 'goal'>, metric: Pick<Metric, 'unit' | 'change_threshold'>): YearChange {
  const { latest } = evaluation;
  if (!latest) return { kind: 'none', reason: 'no_figure' };
  return changeOnPreviousYear(evaluation.figures, latest.year, evaluation.goal, changeThreshold(metric));
}
