import { evaluateTarget, type Evaluation } from './evaluate-target';
import { figureSeries, indexObservations, type FigureSeries, type ObservationIndex } from './figures';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import { rollupSubUnits } from '@/domain/targets/target-helpers';
import type { Metric, Region, Target, TargetSet } from '@/domain/targets/target-set';

/**
 * A target set's figures indexed once, for every page that evaluates it: the dashboard, the scorecard,
 * the target page and the report look figures up here instead of scanning (or re-indexing) the whole list.
 *
 * - `figures`: the set's own figures (reference figures left out) by metric → region → year, as
 *   `indexObservations` builds it (a later figure for the same key replaces an earlier one);
 * - `references`: the published reference figures by metric, in the order they came;
 * - `metrics`, `targets`, `regions`: by id; `subUnits`: the sub-units the jurisdiction's roll-up counts, in
 *   file order (`rollupSubUnits`: at any depth — a city's townships, or a province's townships under its
 *   counties); `scorecardRegions`: the jurisdiction, then those sub-units.
 *
 * Series and evaluations are computed on first use and kept (`seriesOf`, `evaluateRegion`), so a
 * page that asks again — the scorecard after a sort, the dashboard after the scorecard — pays nothing.
 * Building is linear in the figures; every look-up after it is constant-time per figure.
 */
export type FigureIndex = {
  readonly set: TargetSet;
  readonly figures: ObservationIndex;
  readonly references: ReadonlyMap<string, readonly Observation[]>;
  readonly metrics: ReadonlyMap<string, Metric>;
  readonly targets: ReadonlyMap<string, Target>;
  readonly regions: ReadonlyMap<string, Region>;
  readonly subUnits: readonly Region[];
  readonly scorecardRegions: readonly Region[];
  /** Memo of `seriesOf`: metric → region → series. */
  readonly series: Map<string, Map<string, FigureSeries>>;
  /** Memo of `evaluateRegion`: as-of year → region → evaluations in file order. */
  readonly evaluations: Map<number, Map<string, Evaluation[]>>;
};

/** Indexes a set's figures once (linear in the figures); see `FigureIndex`. */
export function indexFigures(set: TargetSet, observations: readonly Observation[]): FigureIndex {
  const own: Observation[] = [];
  const references = new Map<string, Observation[]>();
  for (const o of observations) {
    if (!isReferenceFigure(o)) {
      own.push(o);
      continue;
    }
    const list = references.get(o.metric);
    if (list) list.push(o);
    else references.set(o.metric, [o]);
  }
  const regions = new Map(set.regions.map((r) => [r.id, r]));
  const jurisdiction = regions.get(set.jurisdiction);
  if (!jurisdiction) throw new Error(`the jurisdiction ${set.jurisdiction} is not among the regions; validate the set first`);
  const subUnits = rollupSubUnits(set);
  return {
    set,
    figures: indexObservations(own),
    references,
    metrics: new Map(set.metrics.map((m) => [m.id, m])),
    targets: new Map(set.targets.map((t) => [t.id, t])),
    regions,
    subUnits,
    scorecardRegions: [jurisdiction, ...subUnits],
    series: new Map(),
    evaluations: new Map(),
  };
}

/** The metric a target measures; throws for a set that was not validated (a target naming an unknown metric). */
export function metricOf(index: FigureIndex, target: Target): Metric {
  const metric = index.metrics.get(target.metric);
  if (!metric) throw new Error(`target ${target.id} names unknown metric ${target.metric}; validate the set first`);
  return metric;
}

/**
 * A region's figures for a metric (`figureSeries`: own figures, and for the jurisdiction the roll-up from
 * its sub-units), computed once per index. O(years) for a sub-unit, O(sub-units × years) for the jurisdiction.
 */
export function seriesOf(index: FigureIndex, metric: Metric, regionId: string): FigureSeries {
  let byRegion = index.series.get(metric.id);
  if (!byRegion) index.series.set(metric.id, (byRegion = new Map()));
  let series = byRegion.get(regionId);
  if (!series) byRegion.set(regionId, (series = figureSeries(index.set, metric, regionId, index.figures, index.subUnits)));
  return series;
}

/** One target for one region as of a year (`evaluateTarget` over `seriesOf`). */
export function evaluateTargetIn(index: FigureIndex, target: Target, regionId: string, asOf: number): Evaluation {
  const metric = metricOf(index, target);
  return evaluateTarget({ target, metric, regionId, jurisdictionId: index.set.jurisdiction, asOf, series: seriesOf(index, metric, regionId) });
}

/** Every target of the set for one region as of a year, in file order; computed once per index, region and year. */
export function evaluateRegion(index: FigureIndex, regionId: string, asOf: number): Evaluation[] {
  let byRegion = index.evaluations.get(asOf);
  if (!byRegion) index.evaluations.set(asOf, (byRegion = new Map()));
  let evaluations = byRegion.get(regionId);
  if (!evaluations) byRegion.set(regionId, (evaluations = index.set.targets.map((target) => evaluateTargetIn(index, target, regionId, asOf))));
  return evaluations;
}

/** True when every scorecard region has been evaluated as of the year (`evaluateScorecard` then only assembles the grid). */
export function scorecardEvaluated(index: FigureIndex, asOf: number): boolean {
  return (index.evaluations.get(asOf)?.size ?? 0) >= index.scorecardRegions.length;
}

/** The scorecard's grid: for the jurisdiction and each of its sub-units, every target's evaluation by target id. */
export type Scorecard = {
  /** The jurisdiction, then its sub-units in file order. */
  regions: readonly Region[];
  cells: ReadonlyMap<string, ReadonlyMap<string, Evaluation>>;
};

/**
 * Every target for the jurisdiction and each sub-unit as of a year: linear in the figures (each region's
 * series is read from the index; the jurisdiction's roll-up is built once per metric).
 */
export function evaluateScorecard(index: FigureIndex, asOf: number): Scorecard {
  const regions = index.scorecardRegions;
  const cells = new Map(regions.map((region) => [region.id, new Map(evaluateRegion(index, region.id, asOf).map((e) => [e.target.id, e]))] as const));
  return { regions, cells };
}
