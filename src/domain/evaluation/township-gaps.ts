import { compareWorstFirst, type Evaluation } from './evaluate-target';
import { countStatuses, type StatusCounts } from './evaluate-target-set';
import { evaluateTargetIn, indexFigures, metricOf, type FigureIndex } from './figure-index';
import type { Figure } from './figures';
import { ratioValue, type Observation } from '@/domain/shared/observation';
import { goalInterval, marginToGoal, meetsGoal, proveAgainstGoal, type Goal } from '@/domain/targets/comparator';
import type { Metric, Target, TargetSet } from '@/domain/targets/target-set';

/** One township (sub-unit) of the list, with what it would take to meet its goal. */
export type TownshipGap = {
  regionId: string;
  evaluation: Evaluation;
  /** The figure the township's status rests on (its latest up to the as-of year); absent with no data. */
  figure?: Figure;
  /**
   * pp (or units) the city figure would move towards the goal if this township alone met it; 0 when it
   * already meets it; undefined when it cannot be computed (no parts, no city roll-up).
   * Precisely: the city's margin to its goal (`marginToGoal`) after the change minus before, over the
   * roll-up in `TownshipGaps.rollup` — for a floor the rise of the city value, for a cap its fall.
   */
  contribution?: number;
  /**
   * absolute change of the numerator needed for this township to meet the goal: positive = add (children
   * to enrol, classrooms to equip, teachers to add), negative = remove (large classes to eliminate); for
   * counts without parts, goal − value; undefined when no figure (and for a rate reported without its parts).
   * Always the smallest whole number that meets the goal; 0 when it is met.
   */
  whatItTakes?: number;
  /**
   * for the large-class cap, the classes to SPLIT: splitting one class of 56+ into two lowers the numerator
   * by 1 and raises the denominator by 1, so k = ceil((num − g·den)/(1 + g)) with g the goal as a fraction.
   * 0 when the cap is met; only for the class-roster metric (`class_roster`) with a cap (an `at_most` goal: open
   * below, `goalInterval`) and parts.
   */
  splits?: number;
};

/**
 * The city roll-up the contributions are measured against, for one year:
 * Σ numerators ÷ Σ denominators (× 100 for percents) over the townships whose
 * figure that year has parts, or for counts the sum of all townships' counts.
 */
export type TownshipRollup = {
  year: number;
  /** In the metric's unit. */
  value: number;
  numerator: number;
  denominator?: number;
  /** Townships counted. */
  counted: number;
};

/**
 * The result of `townshipGaps`: the city's own evaluation, one row per township
 * (worst first, townships without a figure last) and the roll-up the
 * contributions are measured against (absent when none can be made).
 */
export type TownshipGaps = { city: Evaluation; rows: TownshipGap[]; rollup?: TownshipRollup };

/** Slack, relative to the numbers involved, for float noise in g · den (0.85 · 20 may not be exactly 17). */
const EPSILON = 1e-9;

/**
 * The township list of one target: the city's evaluation and, for every
 * sub-unit under the jurisdiction at any depth (`FigureIndex.scorecardRegions`:
 * a city's townships, or a province's townships under its counties — the rows
 * the scorecard has), its evaluation, figure, what it takes to meet its goal
 * and how much that would move the city.
 *
 * - Evaluations are `evaluateTarget` over `figureSeries`; 'reference'
 *   observations (published benchmarks) are ignored, as in `evaluateTargetSet`.
 *   Each township is held to its own goal (`region_goals`).
 * - What it takes (ratios with parts; the bounds ÷ 100 for percents): below the
 *   goal's interval [low, high] (`goalInterval`) → ceil(low·den − num); above it →
 *   −ceil(num − high·den) — for a floor, a cap or a band alike. The
 *   result is then checked with `meetsGoal` so it is the smallest whole number
 *   that meets the goal: a township exactly on the goal needs 0.
 *   Counts: the nearer edge − value, rounded away from 0 to a whole number. A bounded figure
 *   ("≥ 93") has no exact distance: 0 when the bound proves the goal met, else unknown.
 * - The roll-up is over the sub-units the jurisdiction's own figure is rolled up
 *   from (`FigureIndex.subUnits`, parent = jurisdiction), so a contribution moves
 *   the figure the city is judged on; a sub-unit outside it (one under a county,
 *   or under another sub-unit) is listed with what it takes but no contribution.
 *   The roll-up year is the latest year of any of their figures; townships
 *   whose latest figure is older are not in it and get no contribution.
 * - Rows are sorted worst first (`compareWorstFirst`); townships without a
 *   figure (no data, not applicable) come last, in file order. A missing value
 *   is never taken as 0.
 */
export function townshipGaps(
  set: TargetSet,
  target: Target,
  metric: Metric,
  observations: readonly Observation[],
  asOf: number,
): TownshipGaps {
  const index = indexFigures(set, observations);
  if (metric.id !== target.metric) throw new Error(`target ${target.id} measures ${target.metric}, not ${metric.id}`);
  return townshipGapsIn(index, target, asOf);
}

/**
 * `townshipGaps` from a shared `FigureIndex`: reads only the target's metric, O(sub-units × years).
 */
export function townshipGapsIn(index: FigureIndex, target: Target, asOf: number): TownshipGaps {
  const { set } = index;
  const metric = metricOf(index, target);
  const evaluate = (regionId: string) => evaluateTargetIn(index, target, regionId, asOf);
  const city = evaluate(set.jurisdiction);
  const percent = metric.unit === 'percent';

  const rows: TownshipGap[] = index.scorecardRegions
    .slice(1)
    .map((region) => {
      const evaluation = evaluate(region.id);
      const figure = evaluation.latest;
      if (!figure) return { regionId: region.id, evaluation };
      const whatItTakes = stepToGoal(evaluation.goal, figure, metric);
      const splits =
        metric.class_roster !== undefined && hasFigureParts(figure)
          ? splitsToCap(evaluation.goal, figure.numerator, figure.denominator, percent)
          : undefined;
      return {
        regionId: region.id,
        evaluation,
        figure,
        ...(whatItTakes !== undefined ? { whatItTakes } : {}),
        ...(splits !== undefined ? { splits } : {}),
      };
    });

  const rolledUp = new Set(index.subUnits.map((region) => region.id));
  const parts = rows.filter((row) => rolledUp.has(row.regionId));
  const rollup = cityRollup(metric, parts);
  if (rollup) {
    const before = marginToGoal(city.goal, rollup.value);
    for (const row of parts) {
      if (row.figure?.year !== rollup.year || row.whatItTakes === undefined) continue;
      if (metric.kind !== 'count' && !hasFigureParts(row.figure)) continue;
      if (row.whatItTakes === 0) {
        row.contribution = 0;
        continue;
      }
      const numerator = rollup.numerator + row.whatItTakes;
      const after = rollup.denominator === undefined ? numerator : ratioValue(numerator, rollup.denominator, percent);
      row.contribution = marginToGoal(city.goal, after) - before;
    }
  }

  const known = rows.filter((row) => row.figure).sort((a, b) => compareWorstFirst(a.evaluation, b.evaluation));
  const unknown = rows.filter((row) => !row.figure);
  return { city, rows: [...known, ...unknown], ...(rollup ? { rollup } : {}) };
}

/**
 * How many targets each listed sub-unit has in each status, from the township lists of one jurisdiction's
 * targets as of one year (one list per target that applies to every region): what
 * `countStatuses(evaluateRegion(index, subUnit, asOf))` gives, less the targets that do not apply to a
 * sub-unit (`not_applicable`, the jurisdiction's own), read from the lists without evaluating again.
 */
export function subUnitStatusCounts(lists: readonly TownshipGaps[]): Map<string, StatusCounts> {
  const counts = new Map<string, StatusCounts>();
  for (const list of lists) {
    for (const row of list.rows) {
      let regionCounts = counts.get(row.regionId);
      if (!regionCounts) counts.set(row.regionId, (regionCounts = countStatuses([])));
      regionCounts[row.evaluation.status] += 1;
    }
  }
  return counts;
}

type FigureWithParts = Figure & { numerator: number; denominator: number };

function hasFigureParts(figure: Figure): figure is FigureWithParts {
  return figure.numerator !== undefined && figure.denominator !== undefined && figure.denominator > 0;
}


/** ceil with float noise forgiven: 17.000000000000004 counts as 17. */
function ceilish(x: number): number {
  return Math.ceil(x - EPSILON * Math.max(1, Math.abs(x)));
}

/**
 * The smallest whole change of the numerator that meets the goal, found from the
 * closed formula and then checked (and nudged by a step) against `meetsGoal`.
 * Undefined when no whole number does (a band narrower than one unit of the denominator).
 */
function stepToGoal(goal: Goal, figure: Figure, metric: Metric): number | undefined {
  const percent = metric.unit === 'percent';
  // A bound ("≥ 93") gives no exact distance: 0 when it proves the goal met, else unknown.
  if (figure.qualifier !== undefined) return proveAgainstGoal(goal, figure.value, figure.qualifier) === 'met' ? 0 : undefined;
  if (meetsGoal(goal, figure.value)) return 0;
  const { low: lo, high: hi } = goalInterval(goal);
  const below = figure.value < lo;

  let value: (step: number) => number;
  let estimate: number;
  if (hasFigureParts(figure)) {
    const { numerator, denominator } = figure;
    const scale = percent ? 100 : 1;
    value = (step) => ratioValue(numerator + step, denominator, percent);
    estimate = below ? ceilish((lo * denominator) / scale - numerator) : -ceilish(numerator - (hi * denominator) / scale);
  } else if (metric.kind === 'count') {
    value = (step) => figure.value + step;
    estimate = below ? ceilish(lo - figure.value) : -ceilish(figure.value - hi);
  } else {
    return undefined;
  }
  return smallestMeeting((step) => meetsGoal(goal, value(step)), estimate, below ? 1 : -1);
}

/**
 * From an estimate of the smallest step (in the direction `sign`) that meets
 * the goal, moves by single steps until it is the smallest: a few steps at most,
 * since the estimate is off by float noise only.
 */
function smallestMeeting(meets: (step: number) => boolean, estimate: number, sign: 1 | -1): number | undefined {
  let step = sign * Math.max(1, sign * estimate);
  for (let i = 0; i < 3 && !meets(step); i += 1) step += sign;
  if (!meets(step)) return undefined;
  while (step !== sign && meets(step - sign)) step -= sign;
  return step;
}

/**
 * Large classes to split to meet a cap (percent or fraction): each split turns
 * one class of 56+ into two ordinary classes, so after k splits the share is
 * (num − k) ÷ (den + k). Smallest k with (num − k) ≤ g · (den + k), g the cap:
 * k = ceil((num − g·den) ÷ (1 + g)), checked with `meetsGoal`. 0 when the cap is met.
 * Undefined unless the goal is a cap: its interval open below and closed above (`at_most`).
 */
function splitsToCap(goal: Goal, numerator: number, denominator: number, percent: boolean): number | undefined {
  const { low, high: cap } = goalInterval(goal);
  if (low !== -Infinity || !Number.isFinite(cap)) return undefined;
  const meets = (k: number) => meetsGoal(goal, ratioValue(numerator - k, denominator + k, percent));
  if (meets(0)) return 0;
  const scale = percent ? 100 : 1;
  // (num − g·den) ÷ (1 + g) with g = cap ÷ scale, multiplied through by scale.
  return smallestMeeting(meets, ceilish((numerator * scale - cap * denominator) / (scale + cap)), 1);
}

/**
 * The roll-up of the latest year any township figure has: for ratios over the
 * townships with parts that year; for counts the sum, only when every township
 * has a figure that year (as `figureSeries` does).
 */
function cityRollup(metric: Metric, rows: readonly TownshipGap[]): TownshipRollup | undefined {
  const years = rows.flatMap((row) => (row.figure ? [row.figure.year] : []));
  if (years.length === 0) return undefined;
  const year = Math.max(...years);
  // A bound is not an exact figure: it is left out of the sums (so a count roll-up with one is incomplete).
  const inYear = rows.flatMap((row) => (row.figure?.year === year && row.figure.qualifier === undefined ? [row.figure] : []));
  if (metric.kind === 'count') {
    if (inYear.length < rows.length) return undefined;
    const numerator = inYear.reduce((sum, f) => sum + f.value, 0);
    return { year, value: numerator, numerator, counted: inYear.length };
  }
  const withParts = inYear.filter(hasFigureParts);
  if (withParts.length === 0) return undefined;
  const numerator = withParts.reduce((sum, f) => sum + f.numerator, 0);
  const denominator = withParts.reduce((sum, f) => sum + f.denominator, 0);
  return { year, value: ratioValue(numerator, denominator, metric.unit === 'percent'), numerator, denominator, counted: withParts.length };
}
