import type { Metric, Region, RegionKind, Target, TargetSet } from './target-set';

/**
 * Small questions about a target set's parts, kept apart from the zod schemas in `target-set.ts`
 * so that code which only reads a parsed set (the dashboard, the scorecard, the backend's scope
 * rule) does not load zod: these import the schema module's types only, which are erased.
 */

/** A target file's set id: its name without the extension (`ruzhou-2020.yaml` → `ruzhou-2020`). */
export function targetFileId(file: string): string {
  return file.replace(/\.(ya?ml|json)$/i, '');
}

/** The year a target's deadline falls in; statuses are judged per year. */
export function deadlineYear(target: Target): number {
  return Number(target.deadline.slice(0, 4));
}

/**
 * The administrative levels, coarsest first (0: nation … 4: 街道/镇/乡); `jurisdiction` (a governing area
 * of unstated level) and `comparison` (a benchmark area) have none.
 */
const TIERS: Readonly<Partial<Record<RegionKind, number>>> = {
  nation: 0,
  province: 1,
  prefecture: 2,
  county: 3,
  district: 3,
  subdistrict: 4,
  town: 4,
  township: 4,
};

/** A kind's administrative tier (0: nation … 4: 街道/镇/乡), undefined for `jurisdiction` and `comparison`. */
export function tierOf(kind: RegionKind): number | undefined {
  return TIERS[kind];
}

/** True for the township-level kinds (街道/镇/乡), the sub-units of a city or county plan. */
export function isSubUnit(region: Pick<Region, 'kind'>): boolean {
  return tierOf(region.kind) === 4;
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
 * The sub-units a jurisdiction's figure is rolled up from: the regions under it at any depth, in file
 * order, of the finest administrative level declared under it — a county's or city's townships
 * (街道/镇/乡), a province's prefectures when it declares no finer level, or a province's townships under
 * its counties (the counties are then not sub-units, so nothing is counted twice). Regions of kind
 * `jurisdiction` (a governing area of unstated level) are never sub-units; a set with nothing under its
 * jurisdiction has none. Every page, the import preview and the demo seed roll up over exactly these.
 */
export function rollupSubUnits(set: Pick<TargetSet, 'regions' | 'jurisdiction'>): Region[] {
  const byId = new Map(set.regions.map((r) => [r.id, r]));
  const under = set.regions.filter((r) => r.id !== set.jurisdiction && tierOf(r.kind) !== undefined && regionWithin(byId, r.id, set.jurisdiction));
  const finest = Math.max(-1, ...under.map((r) => tierOf(r.kind)!));
  return under.filter((r) => tierOf(r.kind) === finest);
}

/**
 * The kinds of a set's sub-units (`rollupSubUnits`), each once, in the order of `RegionKind`: what the
 * pages call them by (a province's 地市, a county's 乡镇/街道). Empty for a set without sub-units.
 */
export function subUnitKinds(set: Pick<TargetSet, 'regions' | 'jurisdiction'>): RegionKind[] {
  const kinds = new Set(rollupSubUnits(set).map((r) => r.kind));
  return (Object.keys(TIERS) as RegionKind[]).filter((kind) => kinds.has(kind));
}

/** The metric a class roster rolls up to (the one declaring `class_roster`), if the set has one. */
export function rosterMetricOf(set: Pick<TargetSet, 'metrics'>): Metric | undefined {
  return set.metrics.find((metric) => metric.class_roster !== undefined);
}
