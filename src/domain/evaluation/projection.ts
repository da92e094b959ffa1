import { bestValueIn, marginToGoal, meetsGoal, type Goal } from '@/domain/targets/comparator';

/**
 * Projection of a series to a target year, with an uncertainty band.
 *
 * Method (the ESCAP / UNECE "anticipated progress" idea): extrapolate the
 * recent trend to the target year and compare the extrapolated value with the
 * target. The trend is an ordinary least-squares line through the most recent
 * points; the band is the classical prediction interval for a new observation
 * at the target year,
 *
 *   ŷ ± t(1 − α/2, n − 2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx),
 *
 * where n is the number of points fitted, s the residual standard deviation
 * (√(SSE / (n − 2))), x₀ the target year, x̄ the mean year and
 * Sxx = Σ(x − x̄)². The band says how far a single future figure may fall from
 * the trend if the past scatter continues; it does not cover a change of trend.
 */

/** One figure of a series: a calendar year and a value in the metric's unit (percent 0–100, persons …). */
export type YearPoint = { year: number; value: number };

/** Confidence levels of the prediction band the t table supports. */
export type ProjectionConfidence = 0.8 | 0.9 | 0.95;

/**
 * The result of `projectLinear`.
 * - `projection`: the trend value at `year` (`value`, in the series' unit) and
 *   the prediction band `low`..`high` at `confidence`. `slope` is units per year;
 *   `intercept` is the line's value at year 0, so ŷ = intercept + slope · year
 *   (a large number for calendar years — use `value` for the projection itself).
 *   `points` are the points fitted (the most recent `window` at most), `window`
 *   the window in effect, and `residualSd` the residual standard deviation s
 *   (0 for a flat series or a perfect line: the band then has zero width).
 * - `insufficient`: no projection. `too_few_points` when fewer than `needed`
 *   (3) usable points exist; `deadline_passed` when the target year is not after
 *   the last point's year — the figure is known, nothing is projected.
 *   `points` are the usable points given, by year.
 */
export type Projection =
  | {
      kind: 'projection';
      year: number;
      value: number;
      low: number;
      high: number;
      confidence: number;
      slope: number;
      intercept: number;
      points: YearPoint[];
      window: number;
      residualSd: number;
    }
  | { kind: 'insufficient'; reason: 'too_few_points' | 'deadline_passed'; points: YearPoint[]; needed: number };

/** Points a linear projection needs: two fix a line, a third is needed to measure scatter (n − 2 ≥ 1 degree of freedom). */
export const MIN_PROJECTION_POINTS = 3;
/** Most recent points fitted when no window is given. */
export const DEFAULT_PROJECTION_WINDOW = 5;
/** Confidence of the band when none is given: 80%, a band officials read as "likely range". */
export const DEFAULT_PROJECTION_CONFIDENCE: ProjectionConfidence = 0.8;

/** Two-sided Student-t critical values t(1 − α/2, df) for df = 1 … 30, four decimals. */
const T_TABLE: Record<ProjectionConfidence, readonly number[]> = {
  0.8: [
    3.0777, 1.8856, 1.6377, 1.5332, 1.4759, 1.4398, 1.4149, 1.3968, 1.383, 1.3722, 1.3634, 1.3562, 1.3502, 1.345, 1.3406,
    1.3368, 1.3334, 1.3304, 1.3277, 1.3253, 1.3232, 1.3212, 1.3195, 1.3178, 1.3163, 1.315, 1.3137, 1.3125, 1.3114, 1.3104,
  ],
  0.9: [
    6.3138, 2.92, 2.3534, 2.1318, 2.015, 1.9432, 1.8946, 1.8595, 1.8331, 1.8125, 1.7959, 1.7823, 1.7709, 1.7613, 1.7531,
    1.7459, 1.7396, 1.7341, 1.7291, 1.7247, 1.7207, 1.7171, 1.7139, 1.7109, 1.7081, 1.7056, 1.7033, 1.7011, 1.6991, 1.6973,
  ],
  0.95: [
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314,
    2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
  ],
};

/** Standard normal quantiles z(1 − α/2), used beyond df 30. */
const NORMAL: Record<ProjectionConfidence, number> = { 0.8: 1.2816, 0.9: 1.6449, 0.95: 1.96 };

/**
 * The two-sided Student-t critical value t(1 − α/2, df) for a confidence of
 * 80, 90 or 95% (α = 1 − confidence), from a table to four decimals for df 1 … 30
 * and the normal quantile (1.2816, 1.6449, 1.96) beyond — which understates the
 * t value by under 2.5% at df 31. Throws for df < 1 or a non-integer df.
 */
export function tCritical(confidence: ProjectionConfidence, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a whole number ≥ 1, got ${df}`);
  return T_TABLE[confidence][df - 1] ?? NORMAL[confidence];
}

/**
 * Zero residuals computed in floating point are rarely exactly 0; below this
 * share of the values' magnitude the residual SD is taken as 0, so a flat series
 * or a perfect line gets a band of exactly zero width.
 */
const RESIDUAL_NOISE = 1e-12;

/**
 * Projects a series linearly to `targetYear` with a prediction band (see the
 * module comment for the method).
 *
 * - Points with a non-finite year or value are dropped (a missing figure is
 *   never 0); the rest are sorted by year. Years are expected to be distinct.
 * - The fit uses the most recent `window` points (default 5; values below 3 are
 *   raised to 3; `Infinity` uses all).
 * - `targetYear` at or before the last point's year → `deadline_passed`
 *   (checked first: the figure is known). Fewer than 3 points → `too_few_points`.
 * - The value and band are not clamped: a share may be projected past 100% or
 *   below 0; callers clamp for display if they wish.
 */
export function projectLinear(
  points: readonly YearPoint[],
  targetYear: number,
  options: { window?: number; confidence?: ProjectionConfidence } = {},
): Projection {
  const confidence = options.confidence ?? DEFAULT_PROJECTION_CONFIDENCE;
  const window = Math.max(MIN_PROJECTION_POINTS, Math.floor(options.window ?? DEFAULT_PROJECTION_WINDOW));
  const usable = points
    .filter((p) => Number.isFinite(p.year) && Number.isFinite(p.value))
    .map((p) => ({ year: p.year, value: p.value }))
    .sort((a, b) => a.year - b.year);
  const last = usable.at(-1);
  if (last && targetYear <= last.year) {
    return { kind: 'insufficient', reason: 'deadline_passed', points: usable, needed: MIN_PROJECTION_POINTS };
  }
  if (usable.length < MIN_PROJECTION_POINTS) {
    return { kind: 'insufficient', reason: 'too_few_points', points: usable, needed: MIN_PROJECTION_POINTS };
  }

  const fitted = usable.slice(-window);
  const n = fitted.length;
  const meanX = fitted.reduce((sum, p) => sum + p.year, 0) / n;
  const meanY = fitted.reduce((sum, p) => sum + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of fitted) {
    sxx += (p.year - meanX) ** 2;
    sxy += (p.year - meanX) * (p.value - meanY);
  }
  const slope = sxy / sxx;
  let sse = 0;
  for (const p of fitted) sse += (p.value - (meanY + slope * (p.year - meanX))) ** 2;
  const rawSd = Math.sqrt(sse / (n - 2));
  const scale = fitted.reduce((max, p) => Math.max(max, Math.abs(p.value)), 1);
  const residualSd = rawSd <= RESIDUAL_NOISE * scale ? 0 : rawSd;

  const value = meanY + slope * (targetYear - meanX);
  const halfWidth =
    residualSd === 0 ? 0 : tCritical(confidence, n - 2) * residualSd * Math.sqrt(1 + 1 / n + (targetYear - meanX) ** 2 / sxx);
  return {
    kind: 'projection',
    year: targetYear,
    value,
    low: value - halfWidth,
    high: value + halfWidth,
    confidence,
    slope,
    intercept: meanY - slope * meanX,
    points: fitted,
    window,
    residualSd,
  };
}

/**
 * How a projection stands against a goal.
 * - `likely`: every value in the band meets the goal — even the pessimistic end;
 * - `possible`: part of the band meets it (for a floor, the optimistic end only);
 * - `unlikely`: no value in the band meets it.
 */
export type ProjectionLikelihood = 'likely' | 'possible' | 'unlikely';

/**
 * Margins (see `marginToGoal`: ≥ 0 meets, < 0 short by that much, in the goal's
 * unit, direction-aware) of a projection and its band.
 * `pessimistic` is the worst margin anywhere in the band — at the low end for a
 * floor, the high end for a cap, the end farther out for a band goal;
 * `optimistic` the best (for a band goal inside the projection band, the margin
 * at the value in the band nearest the goal's centre).
 */
export type ProjectionGap = {
  /** Margin at the projected value. */
  margin: number;
  /** Margins at the band's low and high ends. */
  low: number;
  high: number;
  pessimistic: number;
  optimistic: number;
  /** True when the projected value itself meets the goal. */
  meetsAtValue: boolean;
  likelihood: ProjectionLikelihood;
};

/**
 * The gap between a projection and a goal: the signed margin of the projected
 * value and of both band ends, and how likely the goal is to be met.
 * Returns undefined for an insufficient projection. With a zero-width band the
 * likelihood is `likely` or `unlikely`, never `possible`.
 * Meeting uses `meetsGoal` (inclusive bounds, float noise ignored), as statuses do.
 */
export function projectionGap(projection: Projection, goal: Goal): ProjectionGap | undefined {
  if (projection.kind !== 'projection') return undefined;
  const { value, low, high } = projection;
  const atLow = marginToGoal(goal, low);
  const atHigh = marginToGoal(goal, high);
  // Margins are concave in the value, so the worst point of the band is one of its ends.
  const worst = atLow <= atHigh ? low : high;
  const best = bestValueIn(goal, low, high);
  const likelihood: ProjectionLikelihood = meetsGoal(goal, worst) ? 'likely' : meetsGoal(goal, best) ? 'possible' : 'unlikely';
  return {
    margin: marginToGoal(goal, value),
    low: atLow,
    high: atHigh,
    pessimistic: Math.min(atLow, atHigh),
    optimistic: marginToGoal(goal, best),
    meetsAtValue: meetsGoal(goal, value),
    likelihood,
  };
}
