import type { Status } from './evaluate-target';
import { evaluateScorecard, indexFigures } from './figure-index';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';

/** The status one target had for one region, as a snapshot freezes it. */
export type FrozenStatus = { target: string; region: string; status: Status };

/**
 * The figures a published view of a set rests on: every figure of the set's
 * metrics for the set's regions — the jurisdiction's and the sub-units' own,
 * and the comparison areas' published ones — in the order they came. Figures
 * of other sets' metrics or regions are left out.
 */
export function figuresOfSet(set: TargetSet, observations: readonly Observation[]): Observation[] {
  const metrics = new Set(set.metrics.map((m) => m.id));
  const regions = new Set(set.regions.map((r) => r.id));
  return observations.filter((o) => metrics.has(o.metric) && regions.has(o.region));
}

/**
 * The status of every target for the jurisdiction and each sub-unit (the
 * scorecard's grid) as of `asOf`, jurisdiction first, targets in file order.
 * One `indexFigures`, linear in the figures.
 */
export function frozenStatuses(set: TargetSet, observations: readonly Observation[], asOf: number): FrozenStatus[] {
  const { regions, cells } = evaluateScorecard(indexFigures(set, observations), asOf);
  return regions.flatMap((region) => set.targets.map((target) => ({ target: target.id, region: region.id, status: cells.get(region.id)!.get(target.id)!.status })));
}

/** One side of a comparison: a set as it was (or is), its figures and the statuses they gave. */
export type ComparedView = { set: TargetSet; observations: readonly Observation[]; statuses: readonly FrozenStatus[] };

/**
 * A figure that differs between the two sides: `before` absent for a figure
 * added since, `after` absent for one that is gone (an undone import), both
 * for a revised value. `after.batchId` / `after.sourceNote` name the batch
 * that set the new value.
 */
export type FigureRevision = { metric: string; region: string; year: number; before?: Observation; after?: Observation };

/** A target whose status for a region differs between the two sides. */
export type StatusChange = { target: string; region: string; before: Status; after: Status };

export type ViewComparison = {
  /** Figures added, removed or revised, by metric (file order of the later set), region and year. */
  figures: FigureRevision[];
  /** Statuses that differ for a target and region both sides evaluate. */
  statuses: StatusChange[];
  /** Target ids in the later set only, and in the earlier set only. */
  targetsAdded: string[];
  targetsRemoved: string[];
};

const keyOf = (o: Pick<Observation, 'metric' | 'region' | 'year' | 'source'>) => `${o.metric}|${o.region}|${o.year}|${isReferenceFigure(o) ? 'ref' : 'own'}`;

/**
 * Whether two figures say the same: value, parts and bound. Where a figure
 * came from (seed, import, another batch with the same number) is not a
 * revision; a different number is.
 */
export function sameFigure(a: Observation, b: Observation): boolean {
  return a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator && a.qualifier === b.qualifier;
}

/**
 * What changed from `before` to `after` (a snapshot and now, or two
 * snapshots): figures added, removed or revised (an own figure and a published
 * comparison figure for one key are compared apart), statuses that differ for
 * a target and region on both sides, and targets added or removed from the
 * set's file. A figure re-imported with the same number is not listed. Pure;
 * linear in the figures and statuses.
 */
export function compareViews(before: ComparedView, after: ComparedView): ViewComparison {
  const earlier = new Map(before.observations.map((o) => [keyOf(o), o]));
  const later = new Map(after.observations.map((o) => [keyOf(o), o]));
  const figures: FigureRevision[] = [];
  for (const [key, o] of later) {
    const old = earlier.get(key);
    if (!old) figures.push({ metric: o.metric, region: o.region, year: o.year, after: o });
    else if (!sameFigure(old, o)) figures.push({ metric: o.metric, region: o.region, year: o.year, before: old, after: o });
  }
  for (const [key, o] of earlier) if (!later.has(key)) figures.push({ metric: o.metric, region: o.region, year: o.year, before: o });
  const metricOrder = new Map([...after.set.metrics, ...before.set.metrics].map((m, i) => [m.id, i] as const).reverse());
  const regionOrder = new Map([...after.set.regions, ...before.set.regions].map((r, i) => [r.id, i] as const).reverse());
  const order = (id: string, within: Map<string, number>) => within.get(id) ?? Number.MAX_SAFE_INTEGER;
  figures.sort((a, b) => order(a.metric, metricOrder) - order(b.metric, metricOrder) || order(a.region, regionOrder) - order(b.region, regionOrder) || a.year - b.year);

  const was = new Map(before.statuses.map((s) => [`${s.target}|${s.region}`, s.status]));
  const statuses: StatusChange[] = [];
  for (const s of after.statuses) {
    const old = was.get(`${s.target}|${s.region}`);
    if (old !== undefined && old !== s.status) statuses.push({ target: s.target, region: s.region, before: old, after: s.status });
  }
  const beforeTargets = new Set(before.set.targets.map((t) => t.id));
  const afterTargets = new Set(after.set.targets.map((t) => t.id));
  return {
    figures,
    statuses,
    targetsAdded: after.set.targets.filter((t) => !beforeTargets.has(t.id)).map((t) => t.id),
    targetsRemoved: before.set.targets.filter((t) => !afterTargets.has(t.id)).map((t) => t.id),
  };
}
