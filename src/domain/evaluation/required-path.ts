import { paceMethod, type Evaluation, type Pace } from './evaluate-target';
import type { YearPoint } from './projection';
import { aimFor, type Goal } from '@/domain/targets/comparator';
import type { Metric } from '@/domain/targets/target-set';

/**
 * The path a region would have to follow to reach its goal exactly at the
 * deadline: one point per calendar year from `base.year` to `deadlineYear`
 * inclusive, values in the metric's unit.
 *
 * - Aim: the goal for floors and caps; for a band the edge nearer the base
 *   (`aimFor`), so the path ends exactly on that edge.
 * - Method: the one the status logic uses (`paceMethod`) — compound growth,
 *   value = base · (aim ÷ base)^((year − base.year) ÷ (deadline − base.year)),
 *   by default; a straight line for bands, for a base, latest or aim of 0 or
 *   below (no growth rate exists), and for shares near 100%.
 *   `latest` is the latest figure's value when the path is drawn beside a status
 *   (the status chooses its method from base and latest); it defaults to the base.
 * - The first point is the base value and the last the aim, exactly (no float drift).
 * - Empty when the deadline is not after the base year. A base that already
 *   meets the goal still gets a path to the aim; callers may hide it.
 */
export function requiredPath(metric: Metric, goal: Goal, base: YearPoint, deadlineYear: number, latest: number = base.value): YearPoint[] {
  if (!(deadlineYear > base.year)) return [];
  const aim = aimFor(goal, base.value);
  const method = paceMethod(metric, goal, base.value, latest, aim);
  const span = deadlineYear - base.year;
  const path: YearPoint[] = [];
  for (let year = base.year; year <= deadlineYear; year += 1) {
    const share = (year - base.year) / span;
    const value =
      year === base.year
        ? base.value
        : year === deadlineYear
          ? aim
          : method === 'linear'
            ? base.value + (aim - base.value) * share
            : base.value * (aim / base.value) ** share;
    path.push({ year, value });
  }
  return path;
}

/**
 * The observed trend the status logic judged (`Evaluation.pace`, from
 * `computePace`), drawn as one point per year from the pace's base year to
 * `deadlineYear` (by default the target's deadline year), in the metric's unit:
 * - linear: base + observed · (year − base.year), observed in units per year;
 * - compound: base · (1 + observed)^(year − base.year), observed a yearly growth rate.
 * The line passes through the base and the latest figure and, at the target's
 * deadline, reaches `pace.projected`.
 * Empty when the evaluation has no pace (no data, already met, a single figure,
 * a deadline-year figure) or the deadline is not after the base year.
 */
export function observedTrend(evaluation: Pick<Evaluation, 'pace'>, deadlineYear?: number): YearPoint[] {
  const pace = evaluation.pace;
  if (!pace) return [];
  const end = deadlineYear ?? pace.deadlineYear;
  const trend: YearPoint[] = [];
  for (let year = pace.base.year; year <= end; year += 1) trend.push({ year, value: trendValue(pace, year) });
  return trend.length > 1 ? trend : [];
}

/** The observed-pace line's value in a year; the base and latest figures themselves are returned exactly. */
function trendValue(pace: Pace, year: number): number {
  if (year === pace.base.year) return pace.base.value;
  if (year === pace.latest.year) return pace.latest.value;
  if (year === pace.deadlineYear) return pace.projected;
  const elapsed = year - pace.base.year;
  return pace.method === 'linear' ? pace.base.value + pace.observed * elapsed : pace.base.value * (1 + pace.observed) ** elapsed;
}
