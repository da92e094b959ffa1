import { figureSeries, indexObservations } from '@/domain/evaluation/figures';
import type { FigureTable } from './duplicates';
import { historyChecks, slotValue } from './history-checks';
import type { MappedFile } from './rows';
import { MESSAGE_LIMIT, type Candidate, type ImportMessage, type ImportPreview, type Severity, type StoredFigure } from './types';
import { isFiniteNumber, observationValue, type Observation } from '@/domain/shared/observation';
import { rollupSubUnits } from '@/domain/targets/target-helpers';
import type { TargetSet } from '@/domain/targets/target-set';

/**
 * The last step before an import is committed: what the file adds, what it
 * changes (old → new) and where the city's own figure disagrees with the sum
 * of its townships once the file is in.
 */

/** Stored figures an import may replace; reference figures are published sources and stay as they are. */
const REPLACEABLE: ReadonlySet<string> = new Set(['demo', 'import']);

/**
 * How far the city's own figure may be from its townships' roll-up and still be rounding: 0.05 percentage
 * points (a share written with one decimal), or 0.5 for counts. Beyond it, a `city_differs_from_rollup` warning.
 */
export const ROLLUP_TOLERANCE = { percent: 0.05, other: 0.5 } as const;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

const keyOf = (figure: { metric: string; region: string; year: number }) => `${figure.metric}|${figure.region}|${figure.year}`;

/** A number as plain text, without locale grouping (at most 4 decimals). */
function plain(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

const numberOrUndefined = (value: unknown) => (isFiniteNumber(value) ? value : undefined);

const BOUND_SIGN = { at_least: '≥', at_most: '≤' } as const;

/**
 * A figure as plain text: "85.3", "≥95" (a bound), "85.3 (853/1000)", or for parts only the value they
 * give and the parts; with its citation after it, in brackets ("≥95 [教育统计公报]").
 */
function plainFigure(figure: Candidate | StoredFigure, percent: boolean): string {
  const numerator = numberOrUndefined(figure.numerator);
  const denominator = numberOrUndefined(figure.denominator);
  const shown = effectiveValue(figure, percent);
  const partsText = numerator !== undefined && denominator !== undefined ? `${plain(numerator)}/${plain(denominator)}` : '';
  const bound = figure.qualifier === 'at_least' || figure.qualifier === 'at_most' ? BOUND_SIGN[figure.qualifier] : '';
  const numbers = shown === undefined ? partsText : partsText ? `${bound}${plain(shown)} (${partsText})` : `${bound}${plain(shown)}`;
  return typeof figure.citation === 'string' && figure.citation !== '' ? `${numbers} [${figure.citation}]` : numbers;
}

function sameNumber(a: unknown, b: unknown): boolean {
  const x = numberOrUndefined(a);
  const y = numberOrUndefined(b);
  if (x === undefined || y === undefined) return x === y;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
}

/**
 * The same figure: the same parts (or none on both sides) and the same value
 * they stand for — a stated value, else the one the parts give — the same bound
 * (or none) and the same citation (or none). A value stored alone is not the
 * same as that value with parts: the parts are new; "95" is not "≥95"; and a
 * figure replaced by the file takes the file's qualifier and citation, even
 * when they are absent, so a figure never keeps another batch's source.
 */
function sameFigureAt(stored: StoredFigure, table: FigureTable, slot: number, percent: boolean): boolean {
  const absent = (n: number) => (Number.isNaN(n) ? undefined : n);
  return (
    stored.qualifier === table.qualifier(slot) &&
    stored.citation === table.citation(slot) &&
    sameNumber(stored.numerator, absent(table.numerator(slot))) &&
    sameNumber(stored.denominator, absent(table.denominator(slot))) &&
    sameNumber(effectiveValue(stored, percent), slotValue(table, slot, percent))
  );
}

function effectiveValue(figure: Candidate | StoredFigure, percent: boolean): number | undefined {
  const value = numberOrUndefined(figure.value);
  const numerator = numberOrUndefined(figure.numerator);
  const denominator = numberOrUndefined(figure.denominator);
  return observationValue({ metric: figure.metric, region: figure.region, year: figure.year, value, numerator, denominator, source: 'import' }, percent);
}

function compareMessages(a: ImportMessage, b: ImportMessage): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.row ?? 0) - (b.row ?? 0);
}

/** The figures of a preview as slots of the mapped file's table: what the batch posts, without a second copy. */
export type PreviewFigures = {
  table: FigureTable;
  /** The slots to post: the additions, then the replacements, each in the table's (row) order. */
  slots: Int32Array;
  additions: number;
  replacements: number;
};

/**
 * Compares what a file would import with what is stored (`demo` and `import`
 * figures; `reference` figures are ignored): new keys are additions, equal
 * figures are counted as unchanged, different ones are replacements with a
 * `replaces_value` warning (params old, new as plain numbers). The figures added
 * or changed are checked against their history (`historyChecks`: jumps and
 * denominators that change too much, warnings with old and new). For each metric and
 * year the file touches, when the city's own figure (after the import) and the
 * roll-up of its townships differ by more than `ROLLUP_TOLERANCE`, a
 * `city_differs_from_rollup` warning says which the dashboard shows: the city's
 * own figure (`figureSeries` takes a jurisdiction's own figure over its roll-up
 * and keeps the roll-up beside it only for comparison; params.shown = 'own').
 * Messages: errors, warnings, notes, each by row; at most `MESSAGE_LIMIT`.
 *
 * The preview's `additions` and `replacements` hold every figure; a large file goes through `previewParts`,
 * whose lists are bounded.
 */
export function buildPreview(mapped: MappedFile, stored: readonly StoredFigure[], set: TargetSet): ImportPreview {
  return previewParts(mapped, stored, set, Number.POSITIVE_INFINITY).preview;
}

/**
 * `buildPreview` with its `additions` and `replacements` cut to the first `listLimit` of each (objects are
 * built for those only; the counts are complete), and the figures to post as slots of the mapped table.
 */
export function previewParts(mapped: MappedFile, stored: readonly StoredFigure[], set: TargetSet, listLimit: number): { preview: ImportPreview; figures: PreviewFigures } {
  const { table } = mapped;
  const metrics = new Map(set.metrics.map((metric) => [metric.id, metric]));
  const isPercent = (metricId: string) => metrics.get(metricId)?.unit === 'percent';
  const percentByIndex = table.metrics.names.map(isPercent);

  const storedByKey = new Map<string, StoredFigure>();
  for (const figure of stored) {
    if (!REPLACEABLE.has(figure.source)) continue;
    const key = keyOf(figure);
    // Should a key be stored twice, an imported figure is the one in force over a demo one.
    if (storedByKey.get(key)?.source === 'import' && figure.source !== 'import') continue;
    storedByKey.set(key, figure);
  }
  // The stored figure each slot would replace: looked up from the stored side, so no key is built per figure.
  const storedAt = new Map<number, StoredFigure>();
  for (const figure of storedByKey.values()) {
    const slot = table.find(figure.metric, figure.region, figure.year);
    if (slot >= 0 && table.isLive(slot)) storedAt.set(slot, figure);
  }

  const additionSlots = new Int32Array(table.live);
  const replacementSlots = new Int32Array(Math.min(storedAt.size, table.live));
  let additionCount = 0;
  let replacementCount = 0;
  let unchanged = 0;
  for (let slot = 0; slot < table.size; slot += 1) {
    if (!table.isLive(slot)) continue;
    const old = storedAt.size === 0 ? undefined : storedAt.get(slot);
    if (!old) additionSlots[additionCount++] = slot;
    else if (sameFigureAt(old, table, slot, percentByIndex[table.metricIndex(slot)]!)) unchanged += 1;
    else replacementSlots[replacementCount++] = slot;
  }
  const additions = additionSlots.subarray(0, additionCount);
  const replaced = replacementSlots.subarray(0, replacementCount);

  const countsByCode = { ...mapped.countsByCode };
  const added: ImportMessage[] = [];
  let addedNotes = 0;
  let addedWarnings = 0;
  const note = (message: ImportMessage, keep: boolean) => {
    countsByCode[message.code] = (countsByCode[message.code] ?? 0) + 1;
    if (message.severity === 'warning') addedWarnings += 1;
    else addedNotes += 1;
    if (keep) added.push(message);
  };

  // Only the first MESSAGE_LIMIT replacement notes by row can be shown; the rest are counted.
  const firstRow = (slot: number) => table.firstRow(slot) ?? 0;
  const byRow = replaced.length > MESSAGE_LIMIT ? Int32Array.from(replaced).sort((a, b) => firstRow(a) - firstRow(b)) : replaced;
  for (let i = 0; i < byRow.length; i += 1) {
    if (i >= MESSAGE_LIMIT) {
      countsByCode.replaces_value = (countsByCode.replaces_value ?? 0) + (byRow.length - i);
      addedWarnings += byRow.length - i;
      break;
    }
    const slot = byRow[i]!;
    const old = storedAt.get(slot)!;
    const candidate = table.candidate(slot);
    const percent = isPercent(candidate.metric);
    note(
      {
        // A figure that revises one already stored is worth a look before it is saved.
        severity: 'warning',
        code: 'replaces_value',
        ...(candidate.rows[0] !== undefined ? { row: candidate.rows[0] } : {}),
        params: {
          metric: candidate.metric,
          region: candidate.region,
          year: candidate.year,
          old: plainFigure(old, percent),
          new: plainFigure(candidate, percent),
          source: old.source,
        },
      },
      true,
    );
  }

  for (const message of rollupWarnings(table, storedByKey, set)) note(message, true);

  // Against their history: only what the file adds or changes; the first MESSAGE_LIMIT are kept.
  const changed = new Int32Array(additions.length + replaced.length);
  changed.set(additions);
  changed.set(replaced, additions.length);
  const history = historyChecks(table, changed, [...storedByKey.values()], set, (i) => i < MESSAGE_LIMIT);
  added.push(...history.messages);
  addedWarnings += history.count;
  for (const [code, count] of Object.entries(history.countsByCode) as [keyof typeof countsByCode, number][]) countsByCode[code] = (countsByCode[code] ?? 0) + count;

  const messages = [...mapped.messages, ...added].sort(compareMessages).slice(0, MESSAGE_LIMIT);
  const { error: errors, warning: warnings, note: notes } = mapped.countsBySeverity;
  const listed = (slots: Int32Array) => Array.from(slots.subarray(0, Math.min(slots.length, listLimit)), (slot) => table.candidate(slot));
  const preview: ImportPreview = {
    counts: {
      rows: mapped.rows,
      added: additions.length,
      replaced: replaced.length,
      unchanged,
      rejectedRows: mapped.rejectedRows,
      errors,
      warnings: warnings + addedWarnings,
      notes: notes + addedNotes,
    },
    additions: listed(additions),
    replacements: listed(replaced).map((candidate, i) => ({ old: storedAt.get(replaced[i]!)!, new: candidate })),
    messages,
    countsByCode,
    truncated: mapped.truncated || messages.length < errors + warnings + notes + addedNotes + addedWarnings,
  };
  return { preview, figures: { table, slots: changed, additions: additions.length, replacements: replaced.length } };
}

/**
 * `city_differs_from_rollup` warnings for the metric × years the file touches: the city's own figure and its
 * townships' roll-up differ by more than rounding, and the dashboard shows the own figure (`figureSeries`:
 * basis 'own' wins; the roll-up is kept only beside it), so the townships' figures do not make the city's.
 */
function rollupWarnings(table: FigureTable, storedByKey: ReadonlyMap<string, StoredFigure>, set: TargetSet): ImportMessage[] {
  const city = set.jurisdiction;
  // Only a metric × year where the city has a figure of its own can disagree with its roll-up: find
  // those first, so a large file of township rows does not rebuild every series for nothing.
  const cityOwnYears = new Map<string, Set<number>>();
  const addOwn = (metric: string, year: number) => {
    let years = cityOwnYears.get(metric);
    if (!years) cityOwnYears.set(metric, (years = new Set()));
    years.add(year);
  };
  const cityIndex = table.regions.find(city);
  if (cityIndex >= 0) {
    for (let slot = 0; slot < table.size; slot += 1) if (table.regionIndex(slot) === cityIndex && table.isLive(slot)) addOwn(table.metric(slot), table.year(slot));
  }
  storedByKey.forEach((figure) => {
    if (figure.region === city) addOwn(figure.metric, figure.year);
  });
  if (cityOwnYears.size === 0) return [];
  const cityOwn = { has: (metric: string, year: number) => cityOwnYears.get(metric)?.has(year) === true };
  const inCity = new Set([city, ...rollupSubUnits(set).map((r) => r.id)]);
  // The table's regions in the city, by index, so the loop below reads no id string.
  const regionInCity = table.regions.names.map((id) => inCity.has(id));
  const touched = new Map<string, Set<number>>();
  const cityRows = new Map<string, number>();
  const merged: Observation[] = [];
  for (const figure of storedByKey.values()) {
    if (inCity.has(figure.region) && cityOwn.has(figure.metric, figure.year)) {
      merged.push({ ...figure, source: figure.source === 'import' ? 'import' : 'demo' });
    }
  }
  for (let slot = 0; slot < table.size; slot += 1) {
    if (!table.isLive(slot) || !regionInCity[table.regionIndex(slot)]) continue;
    const metric = table.metric(slot);
    const year = table.year(slot);
    if (!cityOwn.has(metric, year)) continue;
    let years = touched.get(metric);
    if (!years) touched.set(metric, (years = new Set()));
    years.add(year);
    const candidate = table.candidate(slot);
    if (candidate.region === city && candidate.rows[0] !== undefined) cityRows.set(`${metric}|${year}`, candidate.rows[0]);
    const { region, value, numerator, denominator } = candidate;
    merged.push({ metric, region, year, value, numerator, denominator, source: 'import' });
  }
  if (touched.size === 0) return [];

  const index = indexObservations(merged);
  const warnings: ImportMessage[] = [];
  for (const metric of set.metrics) {
    const years = touched.get(metric.id);
    if (!years) continue;
    const tolerance = metric.unit === 'percent' ? ROLLUP_TOLERANCE.percent : ROLLUP_TOLERANCE.other;
    for (const figure of figureSeries(set, metric, city, index).figures) {
      if (figure.basis !== 'own' || !figure.rollup || !years.has(figure.year)) continue;
      if (Math.abs(figure.value - figure.rollup.value) <= tolerance + 1e-9) continue;
      const row = cityRows.get(`${metric.id}|${figure.year}`);
      warnings.push({
        severity: 'warning',
        code: 'city_differs_from_rollup',
        ...(row !== undefined ? { row } : {}),
        params: { metric: metric.id, year: figure.year, own: plain(figure.value), rollup: plain(figure.rollup.value), shown: 'own' },
      });
    }
  }
  return warnings;
}
