import { closestMatch } from '@/domain/shared/closest-match';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';
import { foldText, hasInvisible, isMissingToken, normalizeLabel } from './cells';

/**
 * Name look-up for the import, in one place: which region or metric a cell
 * names — by id, statistical code (also in its 12-digit form), Chinese or
 * English name, alias, or a name the analyst matched by hand — which region
 * cells mean a total row, and the "did you mean" for a name that matches
 * nothing. Table detection (header cells named after metrics) and row mapping
 * both look names up here.
 *
 * A cell that is one of the names as written (spaces and tabs around it
 * aside) matches silently. One that matches only after folding — a line break,
 * a bracketed part dropped (城关镇（城区）), letter case, invisible characters,
 * full-width forms, spaces — still matches, and its hit says how it differs
 * (`differs`), for the row mapper to warn with the cell as written.
 */

/** The names an analyst may write for a region or metric: its id, Chinese and English name, then its aliases. */
type Named = { id: string; name: { zh: string; en: string }; aliases: readonly string[] };

/** Names the analyst matched by hand: the name as written → the id it stands for. */
export type ChosenNames = Readonly<Record<string, string>>;

/** How a cell matched only after folding, in the order they are told. */
export type NameDifference = 'line_break' | 'bracket' | 'invisible' | 'case' | 'form';

/**
 * The params of the warning for a name written differently: the id matched
 * (`region` or `metric`, which the UI names in its language) and `how`, the
 * `NameDifference`s joined by ",".
 */
export type Differs = Readonly<Record<string, string>>;

/** What a region cell names. */
export type RegionHit =
  | { kind: 'region'; region: Region; differs?: Differs }
  /** A comparison area (平顶山市, 全国): it carries benchmarks, which analysts do not import. */
  | { kind: 'comparison'; region: Region }
  /** No such region; `suggestion` is the nearest name, or '' when nothing is close (searched for when first read). */
  | { kind: 'unknown'; readonly suggestion: string }
  /** Empty, or a gap mark such as "-" or "无". */
  | { kind: 'missing' }
  /** A total row (合计, 总计, total …). */
  | { kind: 'total' };

/** What a metric cell names. */
export type MetricHit = { kind: 'metric'; metric: Metric; differs?: Differs } | { kind: 'unknown'; readonly suggestion: string } | { kind: 'missing' };

/** Look-up caches are cleared when they reach this size, so a file of unique junk cannot grow them without bound. */
export const CACHE_LIMIT = 10_000;

/** Region cells meaning a total row, compared after `normalizeLabel`. */
const TOTAL_WORDS: ReadonlySet<string> = new Set(['合计', '总计', '小计', '全市合计', '总数', 'total', 'sum', 'grandtotal']);

/** Longer cells get no "did you mean": nothing in a target set is that long, and edit distance is quadratic. */
const SUGGEST_MAX_LENGTH = 60;

const MISSING_HIT = { kind: 'missing' } as const;
const TOTAL_HIT = { kind: 'total' } as const;

/**
 * The key a header or metric name is compared by: `normalizeLabel`, then
 * "_" and "-" dropped ("Metric_ID", "metric id" and "metric-id" all match).
 */
export function labelKey(text: string, keepCase = false): string {
  return normalizeLabel(text, keepCase).replace(/[_-]/g, '');
}

const namesOf = (item: Named): string[] => [item.id, item.name.zh, item.name.en, ...item.aliases];

/**
 * Items by every name written for them, keyed by `keyOf`: the first item to
 * claim a name keeps it, and a name the analyst chose (`chosen`, name → id)
 * overrides it. Chosen names for ids the list does not hold are ignored.
 */
function indexNames<T extends Named>(items: readonly T[], keyOf: (name: string) => string, chosen: ChosenNames): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    for (const name of namesOf(item)) {
      const key = keyOf(name);
      if (key !== '' && !byKey.has(key)) byKey.set(key, item);
    }
  }
  for (const [label, id] of Object.entries(chosen)) {
    const item = items.find((candidate) => candidate.id === id);
    if (item) byKey.set(keyOf(label), item);
  }
  return byKey;
}

/**
 * Metrics by every name an analyst may write for them — id, Chinese and
 * English name, aliases, and the names in `chosen` — keyed by `labelKey`. The
 * first metric to claim a name keeps it; a chosen name overrides.
 */
export function metricLookup(set: Pick<TargetSet, 'metrics'>, chosen: ChosenNames = {}): Map<string, Metric> {
  return indexNames(set.metrics, labelKey, chosen);
}

/** The nearest of `names` to a key that matched nothing, or '' when nothing is close (or the key is too long to compare). */
function suggest(key: string, names: readonly string[]): string {
  if (key.length > SUGGEST_MAX_LENGTH) return '';
  return closestMatch(key, names) ?? '';
}

/**
 * An unknown name's hit, its "did you mean" (`suggest`) searched for when first read, then kept: a file of
 * 400,000 distinct unknown names does not pay for searches whose messages are past the limit and never shown.
 */
function unknownHit(key: string, names: () => readonly string[]): { kind: 'unknown'; readonly suggestion: string } {
  let suggestion: string | undefined;
  return {
    kind: 'unknown',
    get suggestion() {
      return (suggestion ??= suggest(key, names()));
    },
  };
}

/** `list()`, computed the first time it is asked for (the names a "did you mean" is searched among). */
function once<T>(list: () => T): () => T {
  let value: { list: T } | undefined;
  return () => (value ??= { list: list() }).list;
}

/** A cell text's cached answer, and the entry that came after it the last time it was read. */
type CacheEntry<T> = { readonly raw: string; readonly hit: T; next: CacheEntry<T> | undefined };

/**
 * `resolve` with its answers cached by the raw cell text: a million rows name
 * a few dozen things, so each distinct cell is resolved once. Before the map,
 * two guesses that cost a string comparison each, not a hash of freshly sliced
 * text and a map look-up: the same text as the previous cell (a column sorted
 * or grouped by it), and the text that followed the previous cell's text the
 * last time it was read (a column that goes through the same list in the
 * same order in every block, such as the regions under each metric and year).
 * The cache is cleared when it holds `limit` entries. `resolve` must be pure
 * and never return undefined.
 */
export function cacheByCell<T>(resolve: (raw: string) => T, limit = CACHE_LIMIT): (raw: string) => T {
  const cache = new Map<string, CacheEntry<T>>();
  let last: CacheEntry<T> | undefined;
  return (raw) => {
    if (last !== undefined) {
      if (raw === last.raw) return last.hit;
      const next = last.next;
      if (next !== undefined && raw === next.raw) {
        last = next;
        return next.hit;
      }
    }
    let entry = cache.get(raw);
    if (entry === undefined) {
      if (cache.size >= limit) {
        // Cleared entries must not stay reachable through the guesses.
        for (const old of cache.values()) old.next = undefined;
        cache.clear();
      }
      entry = { raw, hit: resolve(raw), next: undefined };
      cache.set(raw, entry);
    }
    if (last !== undefined) last.next = entry;
    last = entry;
    return entry.hit;
  };
}

/** The 6- or 9-digit code a 12-digit statistical code stands for (县 410482000000 → 410482, 乡 410482001000 → 410482001). */
function shortCode(key: string): string | undefined {
  if (key.length !== 12 || !/^\d{12}$/.test(key)) return undefined;
  return key.endsWith('000000') ? key.slice(0, 6) : key.endsWith('000') ? key.slice(0, 9) : undefined;
}

/** A cell as written, for the silent exact match: only spaces and tabs around it are dropped. */
function asWritten(raw: string): string {
  return raw.replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * Names matched exactly (`asWritten`) and, apart, by folded key (`keyOf`);
 * `chosen` (the analyst's names) override in both, and a folded match through
 * one is silent too: it is what the analyst chose. The folded index is built
 * when first asked for: a file whose names are all written as they are in the
 * target file never folds the set's thousands of names.
 */
function nameIndex<T extends Named>(items: readonly T[], keyOf: (name: string) => string, chosen: ChosenNames) {
  const exact = indexNames(items, asWritten, chosen);
  let folded: { byKey: Map<string, T>; chosenKeys: ReadonlySet<string> } | undefined;
  const foldedIndex = () => (folded ??= { byKey: indexNames(items, keyOf, chosen), chosenKeys: new Set(Object.keys(chosen).map(keyOf)) });
  return { exact, foldedIndex };
}

/**
 * How a cell that matched `item` only by its folded key differs from the names
 * written for it: the differences found, or "form" (spaces, full-width forms,
 * "_" or "-") when none of the others is.
 */
function differences(raw: string, item: Named, keyOf: (text: string, keepCase?: boolean) => string): string {
  const how: NameDifference[] = [];
  if (/[\r\n\u2028\u2029\u0085]/.test(raw)) how.push('line_break');
  // A part in brackets was dropped, and no name of the item has it ("学前三年毛入园率(%)" is an alias).
  const whole = foldText(raw);
  if (normalizeLabel(raw) !== whole && !namesOf(item).some((name) => foldText(name) === whole)) how.push('bracket');
  if (hasInvisible(raw)) how.push('invisible');
  // Letter case: no name of the item has the cell's key with letter case kept.
  const written = keyOf(raw, true);
  if (/[a-z]/i.test(written) && !namesOf(item).some((name) => keyOf(name, true) === written)) how.push('case');
  if (how.length === 0) how.push('form');
  return how.join(',');
}

/**
 * A resolver of names: exact first (silent), then folded (`differs` says how,
 * unless through a name the analyst chose), else undefined.
 */
function nameMatcher<T extends Named>(items: readonly T[], keyOf: (text: string, keepCase?: boolean) => string, chosen: ChosenNames, role: 'region' | 'metric') {
  const { exact, foldedIndex } = nameIndex(items, keyOf, chosen);
  return (raw: string, key: string, alternative?: string): { item: T; differs?: Differs } | undefined => {
    const written = asWritten(raw);
    // A 12-digit statistical code written in ASCII digits is as exact as the short one.
    const hit = exact.get(written) ?? (alternative !== undefined && /^\d{12}$/.test(written) ? exact.get(alternative) : undefined);
    if (hit) return { item: hit };
    const { byKey: folded, chosenKeys } = foldedIndex();
    const found = folded.get(key) ?? (alternative !== undefined ? folded.get(alternative) : undefined);
    if (!found) return undefined;
    if (chosenKeys.has(key)) return { item: found };
    return { item: found, differs: { [role]: found.id, how: differences(raw, found, keyOf) } };
  };
}

/**
 * Resolves region cells: a gap mark is `missing`, a total word (合计, 总计,
 * total …) is `total`, then statistical code (12-digit forms too), names,
 * aliases and the analyst's `chosen` names — as written, or else compared
 * after `normalizeLabel` with `differs` saying how the cell differs.
 * Comparison areas resolve as `comparison`, and are never suggested. Cached by
 * the raw cell (see `cacheByCell`).
 */
export function createRegionResolver(set: Pick<TargetSet, 'regions'>, chosen: ChosenNames = {}): (raw: string) => RegionHit {
  const resolve = createIndexedRegionResolver(set, chosen);
  return (raw) => resolve(raw).hit;
}

/**
 * A name's hit with the position in the set's list (`regions` or `metrics`) of the region or metric it
 * names, -1 for none: the row mapper hands the position to the figure table, which then finds the figure's
 * metric × region pair in an array instead of by its ids.
 */
export type Indexed<Hit> = { readonly hit: Hit; readonly at: number };

/** Positions in a list, for the hits a cache keeps (looked up once per distinct cell). */
function positionsOf<T>(items: readonly T[]): (item: T) => number {
  const positions = new Map(items.map((item, i) => [item, i]));
  return (item) => positions.get(item) ?? -1;
}

/** `createRegionResolver` with each hit's position in `set.regions` (see `Indexed`); cached by the raw cell. */
export function createIndexedRegionResolver(set: Pick<TargetSet, 'regions'>, chosen: ChosenNames = {}): (raw: string) => Indexed<RegionHit> {
  const match = nameMatcher(set.regions, normalizeLabel, chosen, 'region');
  // Benchmarks are never imported, so they are never suggested either.
  const names = once(() => set.regions.filter((region) => region.kind !== 'comparison').flatMap(namesOf));
  const positionOf = positionsOf(set.regions);
  const none = (hit: RegionHit): Indexed<RegionHit> => ({ hit, at: -1 });
  return cacheByCell((raw): Indexed<RegionHit> => {
    if (isMissingToken(raw)) return none(MISSING_HIT);
    const key = normalizeLabel(raw);
    if (TOTAL_WORDS.has(key)) return none(TOTAL_HIT);
    const found = match(raw, key, shortCode(key));
    if (!found) return none(unknownHit(key, names));
    const { item: region, differs } = found;
    const at = positionOf(region);
    if (region.kind === 'comparison') return { hit: { kind: 'comparison', region }, at };
    return { hit: differs ? { kind: 'region', region, differs } : { kind: 'region', region }, at };
  });
}

/**
 * Resolves metric cells by id, names, aliases and the analyst's `chosen`
 * names — as written, or else by `labelKey` with `differs` saying how the cell
 * differs (see `metricLookup`); a gap mark is `missing`. Cached by the raw cell.
 */
export function createMetricResolver(set: Pick<TargetSet, 'metrics'>, chosen: ChosenNames = {}): (raw: string) => MetricHit {
  const resolve = createIndexedMetricResolver(set, chosen);
  return (raw) => resolve(raw).hit;
}

/** `createMetricResolver` with each hit's position in `set.metrics` (see `Indexed`); cached by the raw cell. */
export function createIndexedMetricResolver(set: Pick<TargetSet, 'metrics'>, chosen: ChosenNames = {}): (raw: string) => Indexed<MetricHit> {
  const match = nameMatcher(set.metrics, labelKey, chosen, 'metric');
  const names = once(() => set.metrics.flatMap(namesOf));
  const positionOf = positionsOf(set.metrics);
  return cacheByCell((raw): Indexed<MetricHit> => {
    if (isMissingToken(raw)) return { hit: MISSING_HIT, at: -1 };
    const found = match(raw, labelKey(raw));
    if (!found) return { hit: unknownHit(normalizeLabel(raw), names), at: -1 };
    const hit: MetricHit = found.differs ? { kind: 'metric', metric: found.item, differs: found.differs } : { kind: 'metric', metric: found.item };
    return { hit, at: positionOf(found.item) };
  });
}
