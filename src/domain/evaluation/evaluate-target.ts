import type { Figure, FigureSeries, Unavailable } from './figures';
import { aimFor, goalFor, isBand, marginToGoal, meetsGoal, referenceScale, type Goal } from '@/domain/targets/comparator';
import { deadlineYear, type Metric, type Target } from '@/domain/targets/target-set';

export type Status = 'achieved' | 'missed' | 'on_track' | 'at_risk' | 'off_track' | 'undetermined' | 'no_data' | 'not_applicable';

/** Statuses from worst to best, for "worst first" sorting; not-applicable last. */
export const STATUS_ORDER: readonly Status[] = ['missed', 'off_track', 'at_risk', 'undetermined', 'no_data', 'on_track', 'achieved', 'not_applicable'];

/** Ratio of observed to required pace at or above which a target is on track (Open SDG's "substantial progress"). */
export const ON_TRACK_RATIO = 0.95;
/** Ratio below which a target is off track; between the two it is at risk. */
export const AT_RISK_RATIO = 0.5;
/** Shares whose goal or latest value is at least this are paced linearly: compound growth misbehaves near 100%. */
export const NEAR_FULL_SHARE = 90;

export type Pace = {
  method: 'linear' | 'compound';
  base: { year: number; value: number; fromBaseline: boolean };
  latest: { year: number; value: number };
  /** The value pace aims at: the goal, or the nearest edge of a band. */
  aim: number;
  deadlineYear: number;
  /** Per year: units (linear) or a growth rate such as 0.05 = 5% a year (compound). */
  observed: number;
  required: number;
  /** observed ÷ required; ≥ 0.95 on track, ≥ 0.5 at risk, below off track. Negative: moving away. */
  ratio: number;
  /** The value at the deadline if the observed pace continues. */
  projected: number;
};

export type StatusReason =
  | 'deadline_figure'
  | 'before_deadline_figure'
  | 'already_met'
  | 'pace'
  | 'single_point'
  | 'no_pace'
  | 'bound_undecided'
  | 'no_figure'
  | 'city_unavailable'
  | 'jurisdiction_only';

export type Evaluation = {
  target: Target;
  regionId: string;
  asOf: number;
  goal: Goal;
  status: Status;
  reason: StatusReason;
  /** The figure the status rests on: the deadline year's, or the latest up to the as-of year. */
  latest?: Figure;
  /** Signed distance to the goal in the target's unit: ≥ 0 meets it, < 0 falls short by that much. Direction-aware. */
  margin?: number;
  pace?: Pace;
  /** Figures up to the as-of year (and the deadline), for sparklines and tables. */
  figures: Figure[];
  /** Years where the city figure could not be built from townships, and why. */
  unavailable?: Unavailable;
  /** As of the deadline or later and the deadline year has no figure: `latest` is the earlier figure the verdict rests on. */
  deadlineMissing?: true;
  /** The latest figure after the deadline up to the as-of year, and whether it meets the goal; does not change the status. */
  afterDeadline?: { figure: Figure; met: boolean | 'undecided' };
  /** For `no_pace`: what the goal needs per year (metric unit, linear) from the latest figure to the deadline. */
  required?: { perYear: number; years: number };
};

/**
 * Which pace method applies. Compound growth (Open SDG's CAGR) by default;
 * linear for bands (`isBand`: a goal closed on both sides), for counts or values
 * that start at 0 (no growth rate exists), and for shares near 100% (where a
 * constant growth rate would overshoot 100%). base, latest and aim are in the
 * metric's unit.
 */
export function paceMethod(metric: Metric, goal: Goal, base: number, latest: number, aim: number): Pace['method'] {
  if (isBand(goal)) return 'linear';
  if (base <= 0 || latest <= 0 || aim <= 0) return 'linear';
  if (metric.kind === 'share' && (aim >= NEAR_FULL_SHARE || latest >= NEAR_FULL_SHARE)) return 'linear';
  return 'compound';
}

/**
 * Observed against required pace from a base point to the latest figure, and
 * the projection to the deadline year.
 * - linear: observed = (latest − base) ÷ years; required = (aim − latest) ÷ years left.
 * - compound: observed = (latest ÷ base)^(1/years) − 1; required = (aim ÷ latest)^(1/years left) − 1.
 * Callers ensure latest.year > base.year and deadline > latest.year.
 */
export function computePace(
  metric: Metric,
  goal: Goal,
  base: Pace['base'],
  latest: Pace['latest'],
  deadline: number,
): Pace {
  const aim = aimFor(goal, latest.value);
  const method = paceMethod(metric, goal, base.value, latest.value, aim);
  const elapsed = latest.year - base.year;
  const remaining = deadline - latest.year;
  let observed: number;
  let required: number;
  let projected: number;
  if (method === 'linear') {
    observed = (latest.value - base.value) / elapsed;
    required = (aim - latest.value) / remaining;
    projected = latest.value + observed * remaining;
  } else {
    observed = (latest.value / base.value) ** (1 / elapsed) - 1;
    required = (aim / latest.value) ** (1 / remaining) - 1;
    projected = latest.value * (1 + observed) ** remaining;
  }
  const ratio = required === 0 ? Infinity : observed / required;
  return { method, base, latest, aim, deadlineYear: deadline, observed, required, ratio, projected };
}

/** The pace status a ratio of observed to required pace stands for. */
export function statusFromRatio(ratio: number): 'on_track' | 'at_risk' | 'off_track' {
  if (ratio >= ON_TRACK_RATIO) return 'on_track';
  if (ratio >= AT_RISK_RATIO) return 'at_risk';
  return 'off_track';
}

export type EvaluateInput = {
  target: Target;
  metric: Metric;
  regionId: string;
  jurisdictionId: string;
  /** The year the dashboard is "as of". */
  asOf: number;
  series: FigureSeries;
};

/**
 * The status of one target for one region as of a year.
 *
 * 1. A city-wide target (`applies_to: jurisdiction`) is not applicable to a township.
 * 2. Only figures up to the as-of year and the deadline year count. None: no data
 *    (for the city, with the reason a roll-up was impossible when that is why).
 * 3. The deadline year has a figure: achieved or missed.
 * 4. Otherwise pace, from the latest figure: already meeting the goal is on track;
 *    with a base point (the declared baseline, else the earliest figure) the ratio
 *    of observed to required pace gives on track (≥ 0.95), at risk (≥ 0.5) or off
 *    track; a single figure and no baseline give at risk, since no trend exists.
 */
export function evaluateTarget(input: EvaluateInput): Evaluation {
  const { target, metric, regionId, asOf, series } = input;
  const goal = goalFor(target, regionId);
  const deadline = deadlineYear(target);
  const base = { target, regionId, asOf, goal };

  if (target.applies_to === 'jurisdiction' && regionId !== input.jurisdictionId) {
    return { ...base, status: 'not_applicable', reason: 'jurisdiction_only', figures: [] };
  }

  const lastYear = Math.min(asOf, deadline);
  const figures = series.figures.filter((f) => f.year <= lastYear);
  const latest = figures.at(-1);
  if (!latest) {
    const unavailable = series.unavailable.filter((u) => u.year <= lastYear).at(-1);
    return unavailable
      ? { ...base, status: 'no_data', reason: 'city_unavailable', figures, unavailable }
      : { ...base, status: 'no_data', reason: 'no_figure', figures };
  }
  const margin = marginToGoal(goal, latest.value);
  const met = meetsGoal(goal, latest.value);
  const judged = { ...base, latest, margin, figures };

  if (latest.year === deadline) {
    return { ...judged, status: met ? 'achieved' : 'missed', reason: 'deadline_figure' };
  }
  if (met) return { ...judged, status: 'on_track', reason: 'already_met' };

  const baseline = target.baseline;
  const basePoint =
    baseline && baseline.year < latest.year
      ? { year: baseline.year, value: baseline.value, fromBaseline: true }
      : figures[0] && figures[0].year < latest.year
        ? { year: figures[0].year, value: figures[0].value, fromBaseline: false }
        : undefined;
  if (!basePoint) return { ...judged, status: 'at_risk', reason: 'single_point' };

  const pace = computePace(metric, goal, basePoint, { year: latest.year, value: latest.value }, deadline);
  return { ...judged, status: statusFromRatio(pace.ratio), reason: 'pace', pace };
}

/** Orders evaluations worst first (see `STATUS_ORDER`), then by how far they fall short. */
export function compareWorstFirst(a: Evaluation, b: Evaluation): number {
  const byStatus = STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
  if (byStatus !== 0) return byStatus;
  return relativeMargin(a) - relativeMargin(b);
}

/** The margin relative to the size of the goal (`referenceScale`), so targets of different sizes compare. */
function relativeMargin(evaluation: Evaluation): number {
  if (evaluation.margin === undefined) return 0;
  return evaluation.margin / referenceScale(evaluation.goal);
}
