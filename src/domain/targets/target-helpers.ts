import type { Metric, Region, Target, TargetSet } from './target-set';

/**
 * Small questions about a target set's parts, kept apart from the zod schemas in `target-set.ts`
 * so that code which only reads a parsed set (the dashboard, the scorecard, the backend's scope
 * rule) does not load zod: these import the schema module's types only, which are erased.
 */

/** The year a target's deadline falls in; statuses are judged per year. */
export function deadlineYear(target: Target): number {
  return Number(target.deadline.slice(0, 4));
}

/** True for the sub-units (街道/镇/乡) of a jurisdiction. */
export function isSubUnit(region: Region): boolean {
  return region.kind === 'subdistrict' || region.kind === 'town' || region.kind === 'township';
}

/**
 * Whether `region` is `scope` or lies under it (following `parent`), by the
 * set's regions by id. An analyst limited to a region writes only there; the
 * backend and the import preview both ask this.
 */
export function regionWithin(regions: ReadonlyMap<string, Pick<Region, 'parent'>>, region: string, scope: string): boolean {
  let id: string | undefined = region;
  for (let depth = 0; id !== undefined && depth < 32; depth += 1) {
    if (id === scope) return true;
    id = regions.get(id)?.parent;
  }
  return false;
}

/**
 * The sub-units a jurisdiction's figure is rolled up from: every sub-unit (街道/镇/乡) under it at any
 * depth, in file order — a city's townships, or a province's townships under its counties (the
 * counties themselves are not sub-units, so nothing is counted twice). Every page, the import
 * preview and the demo seed roll up over exactly these.
 */
export function rollupSubUnits(set: Pick<TargetSet, 'regions' | 'jurisdiction'>): Region[] {
  const byId = new Map(set.regions.map((r) => [r.id, r]));
  return set.regions.filter((r) => isSubUnit(r) && r.id !== set.jurisdiction && regionWithin(byId, r.id, set.jurisdiction));
}

/** The metric a class roster rolls up to (the one declaring `class_roster`), if the set has one. */
export function rosterMetricOf(set: Pick<TargetSet, 'metrics'>): Metric | undefined {
  return set.metrics.find((metric) => metric.class_roster !== undefined);
}
