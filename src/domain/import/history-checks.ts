import { isFiniteNumber, observationValue } from '@/domain/shared/observation';
import type { Metric, TargetSet } from '@/domain/targets/target-set';
import type { Candidate, ImportMessage, ImportMessageCode, StoredFigure } from './types';

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

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median and robust σ of year-on-year changes (consecutive years only), or undefined with too few. */
function changeStats(points: ReadonlyMap<number, Point>): { median: number; sigma: number } | undefined {
  const changes: number[] = [];
  for (const point of points.values()) {
    const before = points.get(point.year - 1);
    if (before) changes.push(point.value - before.value);
  }
  if (changes.length < HISTORY_RULES.minChanges) return undefined;
  changes.sort((a, b) => a - b);
  const m = median(changes);
  const deviations = changes.map((change) => Math.abs(change - m)).sort((a, b) => a - b);
  return { median: m, sigma: HISTORY_RULES.madScale * median(deviations) };
}

function pointOf(figure: Candidate | StoredFigure, percent: boolean): Point | undefined {
  const value = observationValue({ ...figure, source: 'import' }, percent);
  if (value === undefined) return undefined;
  return isFiniteNumber(figure.denominator) ? { year: figure.year, value, denominator: figure.denominator } : { year: figure.year, value };
}

/**
 * History warnings (`figure_jump`, `share_jump`, `denominator_jump`) for the
 * figures a file would add or change, against `stored` (the figures in force;
 * reference figures should be left out by the caller) — see the module
 * comment for the rule. `keep` is asked before each message is built, so past
 * a message cap only a count is made. Returns the messages kept, the number
 * found in all, and that number by code.
 */
export function historyChecks(
  figures: readonly Candidate[],
  stored: readonly StoredFigure[],
  set: Pick<TargetSet, 'metrics'>,
  keep: (index: number) => boolean = () => true,
): { messages: ImportMessage[]; count: number; countsByCode: Partial<Record<ImportMessageCode, number>> } {
  const metrics = new Map<string, Metric>(set.metrics.map((metric) => [metric.id, metric]));
  // Series by metric, then region, then year: the stored figures, with the file's over them.
  const series = new Map<string, Map<string, Map<number, Point>>>();
  const seriesOf = (metric: string, region: string) => {
    let byRegion = series.get(metric);
    if (!byRegion) series.set(metric, (byRegion = new Map()));
    let byYear = byRegion.get(region);
    if (!byYear) byRegion.set(region, (byYear = new Map()));
    return byYear;
  };
  const touched = new Set<string>();
  for (const figure of figures) touched.add(figure.metric);
  for (const figure of stored) {
    if (!touched.has(figure.metric)) continue;
    const point = pointOf(figure, metrics.get(figure.metric)?.unit === 'percent');
    if (point) seriesOf(figure.metric, figure.region).set(figure.year, point);
  }
  for (const figure of figures) {
    const point = pointOf(figure, metrics.get(figure.metric)?.unit === 'percent');
    if (point) seriesOf(figure.metric, figure.region).set(figure.year, point);
  }

  const stats = new Map<Map<number, Point>, ReturnType<typeof changeStats>>();
  const messages: ImportMessage[] = [];
  const countsByCode: Partial<Record<ImportMessageCode, number>> = {};
  let count = 0;
  const report = (code: ImportMessageCode, build: () => ImportMessage) => {
    if (keep(count)) messages.push(build());
    count += 1;
    countsByCode[code] = (countsByCode[code] ?? 0) + 1;
  };

  for (const figure of figures) {
    const metric = metrics.get(figure.metric);
    if (!metric) continue;
    const points = series.get(figure.metric)?.get(figure.region);
    const point = points?.get(figure.year);
    const before = points?.get(figure.year - 1);
    if (!points || !point || !before) continue;
    const row = figure.rows[0];
    const where = { metric: figure.metric, region: figure.region, year: figure.year, previousYear: before.year };
    const at = row !== undefined ? { row } : {};
    const change = point.value - before.value;

    let jumped = false;
    if (metric.kind === 'share' && metric.unit === 'percent' && Math.abs(change) > HISTORY_RULES.sharePoints) {
      jumped = true;
      report('share_jump', () => ({
        severity: 'warning',
        code: 'share_jump',
        ...at,
        params: { ...where, measure: metric.unit, old: round(before.value), new: round(point.value), change: round(change), limit: HISTORY_RULES.sharePoints },
      }));
    }
    if (!jumped) {
      if (!stats.has(points)) stats.set(points, changeStats(points));
      const found = stats.get(points);
      if (found) {
        const sigma = Math.max(found.sigma, HISTORY_RULES.sigmaFloor * Math.abs(before.value));
        if (sigma > 0 && Math.abs(change - found.median) > HISTORY_RULES.robustZ * sigma) {
          report('figure_jump', () => ({
            severity: 'warning',
            code: 'figure_jump',
            ...at,
            params: {
              ...where,
              measure: metric.unit,
              old: round(before.value),
              new: round(point.value),
              change: round(change),
              typical: round(found.median),
              limit: round(HISTORY_RULES.robustZ * sigma),
            },
          }));
        }
      }
    }
    if (point.denominator !== undefined && before.denominator !== undefined && before.denominator > 0) {
      const share = Math.abs(point.denominator / before.denominator - 1);
      if (share > HISTORY_RULES.denominatorShare) {
        report('denominator_jump', () => ({
          severity: 'warning',
          code: 'denominator_jump',
          ...at,
          params: {
            ...where,
            old: before.denominator!,
            new: point.denominator!,
            percent: round(share * 100),
            limit: HISTORY_RULES.denominatorShare * 100,
          },
        }));
      }
    }
  }
  return { messages, count, countsByCode };
}
