import type { Figure, FigureSeries, Unavailable } from './figures';
import { aimFor, boundSide, goalFor, isBand, marginToGoal, proveAgainstGoal, referenceScale, type Goal } from '@/domain/targets/comparator';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Metric, Target } from '@/domain/targets/target-set';

export type Status = 'achieved' | 'missed' | 'on_track' | 'at_risk' | 'off_track' | 'undetermined' | 'no_data' | 'not_applicable';

/** Statuses from worst to best, for "worst first" sorting; not-applicable last. */
export const STATUS_ORDER: readonly Status[] = [
  'missed',
  'off_track',
  'at_risk',
  'undetermined',
  'no_data',
  'on_track',
  'achieved',
  'not_applicable',
];

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

/**
 * Why a target has its status.
 * - `deadline_figure`: as of the deadline year or later, the deadline year's figure decides (achieved / missed;
 *   a bound that proves neither: undetermined).
 * - `before_deadline_figure`: as of the deadline year or later, the deadline year has no figure; the latest
 *   earlier figure decides (achieved / missed / undetermined) and `deadlineMissing` is set.
 * - `already_met`: before the deadline, the latest figure already meets the goal (on track).
 * - `pace`: before the deadline, observed against required pace (on track / at risk / off track).
 * - `no_pace`: before the deadline, one figure and no baseline: no pace can be observed (undetermined,
 *   with `required`).
 * - `bound_undecided`: the figure is a bound that proves neither way (undetermined).
 * - `no_figure`, `city_unavailable`: no data; `jurisdiction_only`: not applicable.
 */
export type StatusReason =
  | 'deadline_figure'
  | 'before_deadline_figure'
  | 'already_met'
  | 'pace'
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
  /**
   * The figure the status rests on: as of the deadline year or later the deadline year's (or, with
   * `deadlineMissing`, the latest earlier one); before it the latest up to the as-of year.
   */
  latest?: Figure;
  /**
   * Signed distance to the goal in the target's unit: ≥ 0 meets it, < 0 falls short by that much. Direction-aware.
   * For a bound (`latest.qualifier`), the margin at the bound; `boundMargin` says what is known of the true one.
   */
  margin?: number;
  pace?: Pace;
  /** As of the deadline year or later, the deadline year has no figure: `latest` is the earlier figure the verdict rests on. */
  deadlineMissing?: true;
  /**
   * The latest figure after the deadline year up to the as-of year, and whether it meets the goal
   * ('undecided' for a bound that proves neither): "reached in 2021 (82.6%)" / "still short in 2023".
   * It does not change the status, which is about the deadline.
   */
  afterDeadline?: { figure: Figure; met: boolean | 'undecided' };
  /**
   * For `no_pace`: what reaching the goal needs from the latest figure, linearly: `perYear` in the
   * metric's unit (signed: negative for a cap to come down) over `years` from the latest figure's year
   * to the deadline year.
   */
  required?: { perYear: number; years: number };
  /** Figures up to the as-of year (including any after the deadline), for sparklines and tables. */
  figures: readonly Figure[];
  /** Years where the city figure could not be built from townships, and why. */
  unavailable?: Unavailable;
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

/** The pace status of a value (latest figure's value): the band an exact figure falls in. */
const PACE_ORDER = ['off_track', 'at_risk', 'on_track'] as const;

/**
 * The status of one target for one region as of a year.
 *
 * 1. A city-wide target (`applies_to: jurisdiction`) is not applicable to a township.
 * 2. Figures up to the as-of year count. None up to the deadline year: no data (for the city, with
 *    the reason a roll-up was impossible when that is why); a figure after the deadline is still
 *    reported in `afterDeadline`.
 * 3. As of the deadline year or later, never pace: the deadline year's figure decides achieved or
 *    missed (`deadline_figure`); without one, the latest earlier figure does (`before_deadline_figure`,
 *    `deadlineMissing`). The latest figure after the deadline is `afterDeadline` (not the status).
 * 4. Before the deadline, from the latest figure: meeting the goal already is on track; with a base
 *    point (the declared baseline, else the earliest exact figure before the latest) the ratio of
 *    observed to required pace gives on track (≥ 0.95), at risk (≥ 0.5) or off track; one figure and
 *    no baseline is undetermined (`no_pace`), with the pace the goal requires.
 * 5. Bounds ("≥ 95"): `proveAgainstGoal` says what they prove. At the deadline a bound that proves
 *    neither is undetermined (`bound_undecided`). Before it, a bound proving the goal met is on track;
 *    otherwise pace is computed at the bound, and its status stands only when every value the bound
 *    allows gives the same one: on track from a bound that is the worst value it allows (a lower bound
 *    against a floor), off track from one that is the best; anything else is undetermined.
 */
export function evaluateTarget(input: EvaluateInput): Evaluation {
  const { target, metric, regionId, asOf, series } = input;
  const goal = goalFor(target, regionId);
  const deadline = deadlineYear(target);

  if (target.applies_to === 'jurisdiction' && regionId !== input.jurisdictionId) {
    return { target, regionId, asOf, goal, status: 'not_applicable', reason: 'jurisdiction_only', figures: [] };
  }

  // One pass over the series (years ascending): the figures up to the as-of year, the latest of them up to the
  // deadline, the latest after it, and the earliest exact one up to the deadline (a possible base point). The
  // scorecard runs this for every cell (24,000 of them in a province), so nothing is copied when every figure
  // is up to the as-of year (the series' own list is shared: evaluations never change it), and the evaluation
  // is one object, built field by field.
  const all = series.figures;
  let upTo = all.length;
  let latest: Figure | undefined;
  let after: Figure | undefined;
  let earliest: Figure | undefined;
  for (let i = 0; i < all.length; i++) {
    const f = all[i]!;
    if (f.year > asOf) {
      upTo = i;
      break;
    }
    if (f.year > deadline) after = f;
    else {
      latest = f;
      if (earliest === undefined && f.qualifier === undefined) earliest = f;
    }
  }
  const figures = upTo === all.length ? all : all.slice(0, upTo);
  const evaluation: Evaluation = { target, regionId, asOf, goal, status: 'no_data', reason: 'no_figure', figures };
  if (after) evaluation.afterDeadline = { figure: after, met: metOf(goal, after) };
  if (!latest) {
    const unavailable = series.unavailable.filter((u) => u.year <= Math.min(asOf, deadline)).at(-1);
    if (unavailable) {
      evaluation.reason = 'city_unavailable';
      evaluation.unavailable = unavailable;
    }
    return evaluation;
  }
  evaluation.latest = latest;
  evaluation.margin = marginToGoal(goal, latest.value);
  const proof = proveAgainstGoal(goal, latest.value, latest.qualifier);

  if (asOf >= deadline) {
    if (latest.year < deadline) evaluation.deadlineMissing = true;
    evaluation.reason = proof === 'undecided' ? 'bound_undecided' : latest.year === deadline ? 'deadline_figure' : 'before_deadline_figure';
    evaluation.status = proof === 'met' ? 'achieved' : proof === 'missed' ? 'missed' : 'undetermined';
    return evaluation;
  }
  // Before the deadline (so with no figure after it) the status is about pace.
  if (proof === 'met') return settle(evaluation, 'on_track', 'already_met');

  const baseline = target.baseline;
  const basePoint =
    baseline && baseline.year < latest.year
      ? { year: baseline.year, value: baseline.value, fromBaseline: true }
      : earliest && earliest.year < latest.year
        ? { year: earliest.year, value: earliest.value, fromBaseline: false }
        : undefined;
  if (!basePoint) {
    if (proof === 'undecided') return settle(evaluation, 'undetermined', 'bound_undecided');
    const years = deadline - latest.year;
    evaluation.required = { perYear: (aimFor(goal, latest.value) - latest.value) / years, years };
    return settle(evaluation, 'undetermined', 'no_pace');
  }

  const pace = computePace(metric, goal, basePoint, { year: latest.year, value: latest.value }, deadline);
  const status = statusFromRatio(pace.ratio);
  const side = boundSide(goal, latest.value, latest.qualifier);
  // A bound's pace status stands only when no value the bound allows could give another one.
  const decided = side === 'exact' || (side === 'worst' && status === PACE_ORDER[2]) || (side === 'best' && status === PACE_ORDER[0]);
  if (!decided) return settle(evaluation, 'undetermined', 'bound_undecided');
  evaluation.pace = pace;
  return settle(evaluation, status, 'pace');
}

/** The evaluation with its status and reason set in place (no object spread or assign: this runs for every scorecard cell). */
function settle(evaluation: Evaluation, status: Status, reason: StatusReason): Evaluation {
  evaluation.status = status;
  evaluation.reason = reason;
  return evaluation;
}

/** Whether a figure meets a goal: true, false, or 'undecided' for a bound that proves neither. */
function metOf(goal: Goal, figure: Figure): boolean | 'undecided' {
  const proof = proveAgainstGoal(goal, figure.value, figure.qualifier);
  return proof === 'undecided' ? 'undecided' : proof === 'met';
}

/**
 * The statuses that need attention: the worst ones of `STATUS_ORDER`, before "progress unclear" (missed,
 * off track, at risk). The scorecard's default order counts them; projector mode lists them first.
 */
export const ATTENTION_STATUSES: readonly Status[] = STATUS_ORDER.slice(0, STATUS_ORDER.indexOf('undetermined'));
export const needsAttention = (status: Status): boolean => ATTENTION_STATUSES.includes(status);

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
