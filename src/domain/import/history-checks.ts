import { isFiniteNumber, observationValue, ratioValue } from '@/domain/shared/observation';
import type { Metric, TargetSet } from '@/domain/targets/target-set';
import type { FigureTable } from './duplicates';
import type { ImportMessage, ImportMessageCode, StoredFigure } from './types';

/**
 * Figures checked against their own history before anything is saved (what
 * DHIS2's outlier tables do, tied to the target file's metrics): each figure
 * the file brings is compared with the figure of the year before for the same
 * metric and region — the file's own if it has one, else the stored one — and
 * warned about when
 *
 * - its year-on-year change lies more than `HISTORY_RULES.robustZ` (3) robust
 *   standard deviations from the median change of its series (`figure_jump`):
 *   σ̂ = 1.4826 × the median absolute deviation of the series' year-on-year
 *   changes (the file's figures merged over the stored ones), at least
 *   `HISTORY_RULES.sigmaFloor` (1%) of the year before's value so a series that
 *   moved by exactly the same step every year does not flag every other step;
 *   only for a series with at least `HISTORY_RULES.minChanges` (3) changes;
 * - it is a share (0–100%) that moves more than `HISTORY_RULES.sharePoints`
 *   (15) percentage points in one year (`share_jump`), whatever the history;
 * - its denominator differs from the year before's by more than
 *   `HISTORY_RULES.denominatorShare` (50%) of it (`denominator_jump`).
 *
 * A figure gets at most one jump warning (a share jump first). Messages carry
 * the old (year before) and new values as plain numbers and ids for metric and
 * region; the page words them. Pure; linear in the figures plus a sort per series.
 */

export const HISTORY_RULES = {
  robustZ: 3,
  /** 1.4826 × MAD estimates the standard deviation of normally distributed changes. */
  madScale: 1.4826,
  minChanges: 3,
  sigmaFloor: 0.01,
  sharePoints: 15,
  denominatorShare: 0.5,
} as const;

type Point = { year: number; value: number; denominator?: number };

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function median(sorted: ArrayLike<number>): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median and robust σ of year-on-year changes (consecutive years only), or undefined with too few. */
function changeStats(years: readonly number[], valueAt: (year: number) => number | undefined): { median: number; sigma: number } | undefined {
  const changes: number[] = [];
  for (const year of years) {
    const value = valueAt(year);
    const before = valueAt(year - 1);
    if (value !== undefined && before !== undefined) changes.push(value - before);
  }
  return statsOfChanges(changes);
}

/** Median and robust σ of a series' year-on-year changes (in any order), or undefined with too few. */
function statsOfChanges(changes: readonly number[]): { median: number; sigma: number } | undefined {
  if (changes.length < HISTORY_RULES.minChanges) return undefined;
  const sorted = Float64Array.from(changes).sort();
  const m = median(sorted);
  const deviations = sorted.map((change) => Math.abs(change - m)).sort();
  return { median: m, sigma: HISTORY_RULES.madScale * median(deviations) };
}

function pointOf(figure: StoredFigure, percent: boolean): Point | undefined {
  const value = observationValue({ ...figure, source: 'import' }, percent);
  if (value === undefined) return undefined;
  return isFiniteNumber(figure.denominator) ? { year: figure.year, value, denominator: figure.denominator } : { year: figure.year, value };
}

/** The value a slot's figure stands for (its stated value, else its parts' ratio), as `observationValue` reads it. */
export function slotValue(table: FigureTable, slot: number, percent: boolean): number | undefined {
  const value = table.value(slot);
  if (Number.isFinite(value)) return value;
  const numerator = table.numerator(slot);
  const denominator = table.denominator(slot);
  return Number.isFinite(numerator) && Number.isFinite(denominator) && denominator > 0 ? ratioValue(numerator, denominator, percent) : undefined;
}

/**
 * History warnings (`figure_jump`, `share_jump`, `denominator_jump`) for the
 * figures a file would add or change — the `slots` of `table` (live ones), in that order —
 * against `stored` (the figures in force; reference figures should be left out
 * by the caller) — see the module comment for the rule. A series is the stored
 * figures with the file's (its live slots) over them. `keep` is asked before
 * each message is built, so past a message cap only a count is made. Returns
 * the messages kept, the number found in all, and that number by code. No
 * object is made per figure: points are read from the table's columns.
 */
export function historyChecks(
  table: FigureTable,
  slots: ArrayLike<number>,
  stored: readonly StoredFigure[],
  set: Pick<TargetSet, 'metrics'>,
  keep: (index: number) => boolean = () => true,
): { messages: ImportMessage[]; count: number; countsByCode: Partial<Record<ImportMessageCode, number>> } {
  const messages: ImportMessage[] = [];
  const countsByCode: Partial<Record<ImportMessageCode, number>> = {};
  if (slots.length === 0) return { messages, count: 0, countsByCode };
  const metricsById = new Map<string, Metric>(set.metrics.map((metric) => [metric.id, metric]));
  // The table's metrics by index: the rule and the unit of each.
  const metrics = table.metrics.names.map((id) => metricsById.get(id));
  const percent = metrics.map((metric) => metric?.unit === 'percent');
  // Shares (0–100%) can jump by points, whatever their history.
  const shares = metrics.map((metric) => metric?.kind === 'share' && metric.unit === 'percent');

  // Stored series by metric, then region, then year, for the metrics the file touches.
  const storedSeries = new Map<string, Map<string, Map<number, Point>>>();
  for (const figure of stored) {
    const m = table.metrics.find(figure.metric);
    if (m < 0) continue;
    const point = pointOf(figure, percent[m]!);
    if (!point) continue;
    let byRegion = storedSeries.get(figure.metric);
    if (!byRegion) storedSeries.set(figure.metric, (byRegion = new Map()));
    let byYear = byRegion.get(figure.region);
    if (!byYear) byRegion.set(figure.region, (byYear = new Map()));
    byYear.set(figure.year, point);
  }
  const storedOf = (pair: number) =>
    storedSeries.size === 0 ? undefined : storedSeries.get(table.metrics.names[table.pairMetricIndex(pair)]!)?.get(table.regions.names[table.pairRegionIndex(pair)]!);

  /** The series' value for a year: the file's live figure, else the stored one. */
  const valueAt = (pair: number, pct: boolean, own: ReadonlyMap<number, Point> | undefined, year: number): number | undefined => {
    const slot = table.slotAt(pair, year);
    if (slot >= 0 && table.isLive(slot)) return slotValue(table, slot, pct);
    return own?.get(year)?.value;
  };
  const denominatorAt = (pair: number, own: ReadonlyMap<number, Point> | undefined, year: number): number | undefined => {
    const slot = table.slotAt(pair, year);
    if (slot >= 0 && table.isLive(slot)) {
      const denominator = table.denominator(slot);
      return Number.isFinite(denominator) ? denominator : undefined;
    }
    return own?.get(year)?.denominator;
  };

  /** Change statistics per pair, computed when first needed (null: too few changes). */
  const stats: ({ median: number; sigma: number } | null | undefined)[] = [];
  /** A series of the file's figures alone, all in its pair's block of years: its changes read in year order. */
  const blockChanges: number[] = [];
  const blockStats = (pair: number, pct: boolean) => {
    blockChanges.length = 0;
    // Years outside the block's range have no figure, so no change starts or ends there.
    const { first, last } = table.blockRange(pair);
    let before: number | undefined;
    for (let offset = first; offset <= last; offset += 1) {
      const slot = table.blockSlot(pair, offset);
      const value = slot >= 0 && table.isLive(slot) ? slotValue(table, slot, pct) : undefined;
      if (value !== undefined && before !== undefined) blockChanges.push(value - before);
      before = value;
    }
    return statsOfChanges(blockChanges);
  };
  const statsOf = (pair: number, pct: boolean, own: ReadonlyMap<number, Point> | undefined) => {
    let found = stats[pair];
    if (found === undefined && own === undefined && !table.hasOtherYears) found = stats[pair] = blockStats(pair, pct) ?? null;
    if (found === undefined) {
      const years = table.yearsOf(pair).filter((year) => table.isLive(table.slotAt(pair, year)));
      if (own) for (const year of own.keys()) if (!(table.slotAt(pair, year) >= 0 && table.isLive(table.slotAt(pair, year)))) years.push(year);
      found = stats[pair] = changeStats(years, (year) => valueAt(pair, pct, own, year)) ?? null;
    }
    return found;
  };

  let count = 0;
  /** Counts a message; true when it is to be kept (built by the caller then, never past the cap). */
  const counted = (code: ImportMessageCode) => {
    const kept = keep(count);
    count += 1;
    countsByCode[code] = (countsByCode[code] ?? 0) + 1;
    return kept;
  };
  const where = (metric: Metric, slot: number, year: number) => ({ metric: metric.id, region: table.region(slot), year, previousYear: year - 1 });
  const at = (slot: number) => {
    const row = table.firstRow(slot);
    return row !== undefined ? { row } : {};
  };

  for (let i = 0; i < slots.length; i += 1) {
    const slot = slots[i]!;
    const pair = table.pair(slot);
    const m = table.pairMetricIndex(pair);
    const metric = metrics[m];
    if (!metric) continue;
    const pct = percent[m]!;
    const year = table.year(slot);
    const own = storedOf(pair);
    // The slot is live and the only one for its key: its value is the series' value for its year.
    const value = slotValue(table, slot, pct);
    if (value === undefined) continue;
    const beforeValue = valueAt(pair, pct, own, year - 1);
    if (beforeValue === undefined) continue;
    const change = value - beforeValue;

    let jumped = false;
    if (shares[m] && Math.abs(change) > HISTORY_RULES.sharePoints) {
      jumped = true;
      if (counted('share_jump')) {
        messages.push({
          severity: 'warning',
          code: 'share_jump',
          ...at(slot),
          params: { ...where(metric, slot, year), measure: metric.unit, old: round(beforeValue), new: round(value), change: round(change), limit: HISTORY_RULES.sharePoints },
        });
      }
    }
    if (!jumped) {
      const found = statsOf(pair, pct, own);
      if (found) {
        const sigma = Math.max(found.sigma, HISTORY_RULES.sigmaFloor * Math.abs(beforeValue));
        if (sigma > 0 && Math.abs(change - found.median) > HISTORY_RULES.robustZ * sigma && counted('figure_jump')) {
          messages.push({
            severity: 'warning',
            code: 'figure_jump',
            ...at(slot),
            params: {
              ...where(metric, slot, year),
              measure: metric.unit,
              old: round(beforeValue),
              new: round(value),
              change: round(change),
              typical: round(found.median),
              limit: round(HISTORY_RULES.robustZ * sigma),
            },
          });
        }
      }
    }
    const ownDenominator = table.denominator(slot);
    const denominator = Number.isFinite(ownDenominator) ? ownDenominator : undefined;
    const beforeDenominator = denominator === undefined ? undefined : denominatorAt(pair, own, year - 1);
    if (denominator !== undefined && beforeDenominator !== undefined && beforeDenominator > 0) {
      const share = Math.abs(denominator / beforeDenominator - 1);
      if (share > HISTORY_RULES.denominatorShare && counted('denominator_jump')) {
        messages.push({
          severity: 'warning',
          code: 'denominator_jump',
          ...at(slot),
          params: {
            ...where(metric, slot, year),
            old: beforeDenominator,
            new: denominator,
            percent: round(share * 100),
            limit: HISTORY_RULES.denominatorShare * 100,
          },
        });
      }
    }
  }
  return { messages, count, countsByCode };
}
