import { evaluateTarget, type Evaluation, type Status } from './evaluate-target';
import { evaluateRegion, indexFigures } from './figure-index';
import { figureSeries, type ObservationIndex } from './figures';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Metric, Target, TargetSet } from '@/domain/targets/target-set';

/**
 * Evaluates every target of a set for one region as of a year, in file order. Indexes the figures for
 * this one call: a page that evaluates more than one region or year uses one `indexFigures` and
 * `evaluateRegion` / `evaluateScorecard` instead.
 */
export function evaluateTargetSet(
  set: TargetSet,
  observations: readonly Observation[],
  regionId: string,
  asOf: number,
): Evaluation[] {
  return evaluateRegion(indexFigures(set, observations), regionId, asOf);
}

/** One target for one region as of a year, from indexed observations (reference figures already left out). */
export function evaluateForRegion(set: TargetSet, target: Target, metric: Metric, index: ObservationIndex, regionId: string, asOf: number): Evaluation {
  return evaluateTarget({ target, metric, regionId, jurisdictionId: set.jurisdiction, asOf, series: figureSeries(set, metric, regionId, index) });
}

export type StatusCounts = Record<Status, number>;

/** How many evaluations have each status. */
export function countStatuses(evaluations: readonly Evaluation[]): StatusCounts {
  const counts: StatusCounts = { achieved: 0, missed: 0, on_track: 0, at_risk: 0, off_track: 0, undetermined: 0, no_data: 0, not_applicable: 0 };
  for (const evaluation of evaluations) counts[evaluation.status] += 1;
  return counts;
}

/** The years for which any target-relevant figure exists, ascending. One pass, no intermediate lists: a province has 240,000 figures. */
export function yearsWithData(observations: Iterable<Observation>): number[] {
  const years = new Set<number>();
  for (const o of observations) if (!isReferenceFigure(o)) years.add(o.year);
  return [...years].sort((a, b) => a - b);
}

/**
 * The as-of years a page offers: the years with figures of the set's own, or —
 * before anything was imported (a new server) — the targets' deadline years,
 * so the page is "as of 2020" with no data rather than as of today's year.
 */
export function selectableYears(set: Pick<TargetSet, 'targets'>, observations: readonly Observation[]): number[] {
  return asOfYears(set, yearsWithData(observations));
}

/** `selectableYears` from the years with figures already counted (`yearsWithData`, or a server's `years`). */
export function asOfYears(set: Pick<TargetSet, 'targets'>, yearsWithFigures: readonly number[]): number[] {
  return yearsWithFigures.length > 0 ? [...yearsWithFigures] : [...new Set(set.targets.map(deadlineYear))].sort((a, b) => a - b);
}
