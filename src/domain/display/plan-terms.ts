import { subUnitKinds } from '@/domain/targets/target-helpers';
import type { RegionKind, TargetSet } from '@/domain/targets/target-set';

/**
 * What a plan's texts call its jurisdiction as a whole and its sub-units, as keys into the messages'
 * `plan.*` words (so each language has its own words for them), plus the jurisdiction's names.
 *
 * - `whole`: the jurisdiction's level as Chinese names it — from its declared name's administrative
 *   suffix (汝州市 → `city` → 全市, 河南省 → `province` → 全省, 全国 → `nation`), else from its declared
 *   kind; `none` when neither says (the texts then use its name);
 * - `units`: its sub-units (`rollupSubUnits`) by their declared kinds — `town_township` for 乡镇 (with or
 *   without 街道), `subdistrict`, `county`, `district`, `county_district`, `prefecture` (地市),
 *   `province`; `none` for a plan without sub-units.
 */
export type PlanTerms = {
  whole: WholeKey;
  units: UnitsKey;
  nameZh: string;
  nameEn: string;
};

export type WholeKey = 'nation' | 'province' | 'prefecture' | 'city' | 'county' | 'district' | 'league' | 'banner' | 'none';
export type UnitsKey = 'province' | 'prefecture' | 'county' | 'district' | 'county_district' | 'subdistrict' | 'town_township' | 'none';

/** The administrative suffixes of Chinese place names, and the level each names (全省, 全市, 全县 …). */
const SUFFIXES: readonly (readonly [string, WholeKey])[] = [
  ['国', 'nation'],
  ['省', 'province'],
  ['市', 'city'],
  ['州', 'prefecture'],
  ['盟', 'league'],
  ['县', 'county'],
  ['区', 'district'],
  ['旗', 'banner'],
];

/** A level by kind, for a name without a suffix (a prefecture is mostly a city: 全市). */
const BY_KIND: Partial<Record<RegionKind, WholeKey>> = {
  nation: 'nation',
  province: 'province',
  prefecture: 'city',
  county: 'county',
  district: 'district',
};

function unitsKey(kinds: readonly RegionKind[]): UnitsKey {
  const has = (kind: RegionKind) => kinds.includes(kind);
  if (kinds.length === 0) return 'none';
  if (has('town') || has('township')) return 'town_township';
  if (has('subdistrict')) return 'subdistrict';
  if (has('county') && has('district')) return 'county_district';
  if (has('county')) return 'county';
  if (has('district')) return 'district';
  if (has('prefecture')) return 'prefecture';
  if (has('province')) return 'province';
  return 'none';
}

/**
 * The plan's terms (see `PlanTerms`). Sub-units all share one administrative tier (`rollupSubUnits`),
 * so the key names one level (乡镇 and 街道 are one level; so are 县 and 区).
 */
export function planTerms(set: Pick<TargetSet, 'regions' | 'jurisdiction'>): PlanTerms {
  const jurisdiction = set.regions.find((r) => r.id === set.jurisdiction);
  const nameZh = jurisdiction?.name.zh ?? set.jurisdiction;
  const nameEn = jurisdiction?.name.en ?? set.jurisdiction;
  const suffix = SUFFIXES.find(([ending]) => nameZh.endsWith(ending))?.[1];
  const whole = suffix ?? (jurisdiction ? BY_KIND[jurisdiction.kind] : undefined) ?? 'none';
  return { whole, units: unitsKey(subUnitKinds(set)), nameZh, nameEn };
}
