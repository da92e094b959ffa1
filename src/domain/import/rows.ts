import { closestMatch } from '@/domain/shared/closest-match';
import { labelKey, metricLookup, shapeProblems } from './table';
import {
  MESSAGE_LIMIT,
  type Candidate,
  type ColumnMapping,
  type ColumnRole,
  type CsvRecord,
  type ImportMessage,
  type ImportMessageCode,
  type Severity,
  type TableShape,
} from './types';
import type { ValueMap } from './types';
import { agreementProblem, partProblem, partsProblem, valueProblem, type FigureProblem } from './figure-rules';
import { isMissingToken, normalizeLabel, parseNumberCell, parseYearCell, visibleText, type NumberCell, type YearCell } from './cells';
import { rosterMetricOf, type Metric, type Region, type TargetSet } from '@/domain/targets/target-set';

/**
 * Turning records into candidate figures, one record at a time, with a located
 * message for everything that is refused, doubtful or worth knowing. Built to
 * stream a million rows: look-ups are cached by the raw cell, messages are
 * capped (their counts are not), and nothing is kept per row but the figure.
 */

/** What mapping a whole file produced. */
export type MappedFile = {
  /** Figures to import, keyed uniquely by metric × region × year (conflicting duplicates removed). */
  candidates: Candidate[];
  /** At most `MESSAGE_LIMIT` messages: errors, then warnings, then notes, each in row order. */
  messages: ImportMessage[];
  /** Every message counted by code, including those cut from `messages`, and blank rows (`blank_row`). */
  countsByCode: Partial<Record<ImportMessageCode, number>>;
  /** Every message counted by severity, including those cut from `messages`. */
  countsBySeverity: Record<Severity, number>;
  /** True when `messages` does not hold every message. */
  truncated: boolean;
  /** Data rows read (title, header, unit, blank and total rows excluded). */
  rows: number;
  /** Data rows with at least one error; what they held (or the erroneous part of it) is not imported. */
  rejectedRows: number;
};

/** Streams records into candidate figures; call `finish` once, after the last record. */
export type RowMapper = { map(record: CsvRecord): void; finish(): MappedFile };

/** How many source rows a roster figure keeps in `rows`. */
const ROSTER_ROWS_KEPT = 5;
/** How many other rows a duplicate message lists. */
const RELATED_LIMIT = 20;
/** Look-up caches are cleared when they reach this size (a file of unique junk must not grow them without bound). */
const CACHE_LIMIT = 10_000;

/** Region cells meaning a total row, compared after `normalizeLabel`. */
const TOTAL_WORDS: ReadonlySet<string> = new Set(['合计', '总计', '小计', '全市合计', '总数', 'total', 'sum', 'grandtotal']);

type RegionHit =
  | { kind: 'region'; region: Region }
  | { kind: 'comparison'; region: Region }
  | { kind: 'unknown'; suggestion: string }
  | { kind: 'missing' }
  | { kind: 'total' };

type MetricHit = { kind: 'metric'; metric: Metric } | { kind: 'unknown'; suggestion: string } | { kind: 'missing' };

const MISSING_HIT = { kind: 'missing' } as const;
const NO_NUMBER: NumberCell = { kind: 'missing' };
/** Longer cells get no "did you mean": nothing in a target set is that long, and edit distance is quadratic. */
const SUGGEST_MAX_LENGTH = 60;

function suggest(key: string, names: readonly string[]): string {
  if (key.length > SUGGEST_MAX_LENGTH) return '';
  return closestMatch(key, names) ?? '';
}

/** Looks regions up by statistical code, Chinese or English name, or alias; caches by the raw cell. */
function regionResolver(set: TargetSet, chosen: Readonly<Record<string, string>> = {}): (raw: string) => RegionHit {
  const byKey = new Map<string, Region>();
  const names: string[] = [];
  // The analyst's own choices come first.
  for (const [label, id] of Object.entries(chosen)) {
    const region = set.regions.find((r) => r.id === id);
    if (region) byKey.set(normalizeLabel(label), region);
  }
  for (const region of set.regions) {
    for (const name of [region.id, region.name.zh, region.name.en, ...region.aliases]) {
      const key = normalizeLabel(name);
      if (key !== '' && !byKey.has(key)) byKey.set(key, region);
      // Benchmarks are never imported, so they are never suggested either.
      if (region.kind !== 'comparison') names.push(name);
    }
  }
  const cache = new Map<string, RegionHit>();
  const resolve = (raw: string): RegionHit => {
    if (isMissingToken(raw)) return MISSING_HIT;
    const key = normalizeLabel(raw);
    if (TOTAL_WORDS.has(key)) return { kind: 'total' };
    let region = byKey.get(key);
    // A 12-digit statistical code (县 410482000000, 乡 410482001000) names the same area as its short form.
    if (!region && key.length === 12 && /^\d{12}$/.test(key)) {
      region = key.endsWith('000000') ? byKey.get(key.slice(0, 6)) : key.endsWith('000') ? byKey.get(key.slice(0, 9)) : undefined;
    }
    if (!region) return { kind: 'unknown', suggestion: suggest(key, names) };
    return region.kind === 'comparison' ? { kind: 'comparison', region } : { kind: 'region', region };
  };
  return (raw) => cached(cache, raw, resolve);
}

/** Looks metrics up by id, Chinese or English name, or alias; caches by the raw cell. */
function metricResolver(set: TargetSet, chosen: Readonly<Record<string, string>> = {}): (raw: string) => MetricHit {
  const byKey = metricLookup(set);
  for (const [label, id] of Object.entries(chosen)) {
    const metric = set.metrics.find((m) => m.id === id);
    if (metric) byKey.set(labelKey(label), metric);
  }
  const names = set.metrics.flatMap((metric) => [metric.id, metric.name.zh, metric.name.en, ...metric.aliases]);
  const cache = new Map<string, MetricHit>();
  const resolve = (raw: string): MetricHit => {
    if (isMissingToken(raw)) return MISSING_HIT;
    const metric = byKey.get(labelKey(raw));
    return metric ? { kind: 'metric', metric } : { kind: 'unknown', suggestion: suggest(normalizeLabel(raw), names) };
  };
  return (raw) => cached(cache, raw, resolve);
}

function cached<T>(cache: Map<string, T>, raw: string, resolve: (raw: string) => T): T {
  let hit = cache.get(raw);
  if (hit === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    hit = resolve(raw);
    cache.set(raw, hit);
  }
  return hit;
}

/** Decimals written after the point of a number cell ("85.30%" → 2, "８５．３" → 1, "85" → 0). */
function writtenDecimals(raw: string): number {
  let end = raw.length;
  while (end > 0 && ' %％\u00a0\u3000\t'.includes(raw[end - 1]!)) end -= 1;
  let digits = 0;
  for (let i = end - 1; i >= 0; i -= 1) {
    const char = raw[i]!;
    if (char === '.' || char === '．') return digits;
    if ((char >= '0' && char <= '9') || (char >= '０' && char <= '９')) digits += 1;
    else return 0;
  }
  return 0;
}

/** Rules that hold for every metric (a zero denominator), checked when the row's metric is unknown. */
const ANY_METRIC: Metric = { id: '', name: { zh: '', en: '' }, aliases: [], unit: 'count', kind: 'count' };

/** Collects messages: every one counted, at most `MESSAGE_LIMIT` of each severity kept while streaming. */
class MessageSink {
  readonly countsByCode: Partial<Record<ImportMessageCode, number>> = {};
  readonly countsBySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  private readonly kept: Record<Severity, ImportMessage[]> = { error: [], warning: [], note: [] };

  count(code: ImportMessageCode): void {
    this.countsByCode[code] = (this.countsByCode[code] ?? 0) + 1;
  }

  /** Adds a message; `force` keeps it even past the limit (file-level messages, sorted in at the end). */
  add(message: ImportMessage, force = false): void {
    this.count(message.code);
    this.countsBySeverity[message.severity] += 1;
    const bucket = this.kept[message.severity];
    if (force || bucket.length < MESSAGE_LIMIT) bucket.push(message);
  }

  /** True while messages of this severity are still kept. */
  keeps(severity: Severity): boolean {
    return this.kept[severity].length < MESSAGE_LIMIT;
  }

  /** Counts a message without keeping it (it is known not to fit). */
  tally(code: ImportMessageCode, severity: Severity, times = 1): void {
    if (times <= 0) return;
    this.countsByCode[code] = (this.countsByCode[code] ?? 0) + times;
    this.countsBySeverity[severity] += times;
  }

  finish(): { messages: ImportMessage[]; truncated: boolean } {
    const byRow = (a: ImportMessage, b: ImportMessage) => (a.row ?? 0) - (b.row ?? 0);
    const messages = [
      ...this.kept.error.sort(byRow),
      ...this.kept.warning.sort(byRow),
      ...this.kept.note.sort(byRow),
    ].slice(0, MESSAGE_LIMIT);
    const total = this.countsBySeverity.error + this.countsBySeverity.warning + this.countsBySeverity.note;
    return { messages, truncated: messages.length < total };
  }
}

type RosterTally = { region: string; year: number; classes: number; large: number; rows: number[] };
type Conflict = { first: Candidate; rows: number[]; column?: string };

/**
 * Maps records (as the CSV reader emits them) to candidate figures for the
 * given shape. Rows at or above the header, title and unit rows are skipped
 * (`title_row` / `unit_row` notes), blank rows silently (counted as
 * `blank_row`), total rows (合计, 总计, total …) with a `total_row` note.
 *
 * - long: one figure per row from value and/or numerator and denominator;
 * - wide: one figure per metric column per row (an empty cell is a gap);
 * - roster: rows are classes, aggregated per township and year (and for the
 *   whole jurisdiction) into the metric that declares `class_roster`, as
 *   classes of at least its `large_class_size` students over all classes.
 *
 * A missing figure is never a 0. The same metric × region × year twice is a
 * conflict: every row involved gets `duplicate_key` and none is imported.
 * Required columns missing from the shape (or no year and no default year)
 * are reported once and every data row is rejected.
 */
export function createRowMapper(shape: TableShape, set: TargetSet, values: ValueMap = {}): RowMapper {
  const sink = new MessageSink();
  const lookUpRegion = regionResolver(set, values.regions);
  const lookUpMetric = metricResolver(set, values.metrics);
  const yearCache = new Map<string, YearCell>();
  const metricsById = new Map(set.metrics.map((metric) => [metric.id, metric]));

  const column = (role: ColumnRole) => shape.columns.find((c) => c.role === role);
  const regionColumn = column('region');
  const yearColumn = column('year');
  const metricColumn = column('metric');
  const valueColumn = column('value');
  const numeratorColumn = column('numerator');
  const denominatorColumn = column('denominator');
  const studentsColumn = column('students');
  const metricColumns: { column: ColumnMapping; metric: Metric }[] = [];
  for (const c of shape.columns) {
    if (c.role !== 'metric_value' || c.metric === undefined) continue;
    const metric = metricsById.get(c.metric);
    if (metric) metricColumns.push({ column: c, metric });
    else sink.add({ severity: 'error', code: 'metric_unknown', column: c.header, value: visibleText(c.metric), params: { suggestion: '' } });
  }
  const parts = numeratorColumn && denominatorColumn ? { numerator: numeratorColumn, denominator: denominatorColumn } : undefined;

  /** Columns a row of this layout reads. */
  const used: (ColumnMapping | undefined)[] =
    shape.layout === 'long'
      ? [regionColumn, yearColumn, metricColumn, valueColumn, numeratorColumn, denominatorColumn]
      : shape.layout === 'wide'
        ? [regionColumn, yearColumn, ...metricColumns.map((m) => m.column)]
        : [regionColumn, yearColumn, studentsColumn];
  const neededWidth = Math.max(0, ...used.map((c) => (c ? c.index + 1 : 0)));
  const headerWidth = Math.max(0, ...shape.columns.map((c) => (c.header !== '' ? c.index + 1 : 0)));

  let fatal = false;
  for (const problem of shapeProblems(shape)) {
    sink.add(problem, true);
    fatal = true;
  }
  if (!yearColumn && shape.defaultYear === undefined) {
    sink.add({ severity: 'error', code: 'year_missing', params: {} }, true);
    fatal = true;
  }
  const rosterMetric = rosterMetricOf(set);
  if (shape.layout === 'roster' && !rosterMetric) {
    sink.add({ severity: 'error', code: 'roster_metric_missing', params: {} }, true);
    fatal = true;
  }
  const largeClassSize = rosterMetric?.class_roster?.large_class_size ?? Infinity;

  const titleRows = new Set(shape.titleRows);
  /** Figures in row order; those in `conflicts` are dropped at the end. */
  const candidates: Candidate[] = [];
  /** Figures by metric → region → year: nested maps keyed by the set's own id strings and a number, so no key is built per row. */
  const byKey = new Map<string, Map<string, Map<number, Candidate>>>();
  /** Conflicts by the first figure written for the key. */
  const conflicts = new Map<Candidate, Conflict>();
  /** Rows with an error that still gave a figure (wide layout), so a later duplicate does not count them twice. */
  const rejectedWithFigure = new Set<number>();
  const roster = new Map<string, RosterTally>();
  const rosterCity = new Map<number, RosterTally>();
  let rows = 0;
  let rejectedRows = 0;
  let lastRow = 0;

  // Per-row state, reset for each data row (kept in closure variables, not per-row objects).
  let rowError = false;
  let rowFigures = 0;

  const cell = (cells: readonly string[], c: ColumnMapping | undefined) => (c ? (cells[c.index] ?? '') : '');

  function error(code: ImportMessageCode, row: number, c: ColumnMapping | undefined, raw: string | undefined, params: Record<string, string | number> = {}) {
    rowError = true;
    emit('error', code, row, c, raw, params);
  }

  function emit(severity: Severity, code: ImportMessageCode, row: number, c: ColumnMapping | undefined, raw: string | undefined, params: Record<string, string | number> = {}) {
    // Past the limit a message is only counted: nothing is built for it.
    if (!sink.keeps(severity)) {
      sink.tally(code, severity);
      return;
    }
    sink.add({
      severity,
      code,
      row,
      ...(c ? { column: c.header } : {}),
      ...(raw !== undefined ? { value: visibleText(raw) } : {}),
      params,
    });
  }

  function addCandidate(candidate: Candidate, c: ColumnMapping | undefined) {
    rowFigures += 1;
    let byRegion = byKey.get(candidate.metric);
    if (!byRegion) byKey.set(candidate.metric, (byRegion = new Map()));
    let byYear = byRegion.get(candidate.region);
    if (!byYear) byRegion.set(candidate.region, (byYear = new Map()));
    const first = byYear.get(candidate.year);
    if (!first) {
      byYear.set(candidate.year, candidate);
      candidates.push(candidate);
      return;
    }
    const conflict = conflicts.get(first);
    if (conflict) conflict.rows.push(candidate.rows[0]!);
    else conflicts.set(first, { first, rows: [first.rows[0]!, candidate.rows[0]!], ...(c ? { column: c.header } : {}) });
  }

  /** The region of a row, or undefined after reporting why there is none. */
  function readRegion(hit: RegionHit, raw: string, row: number): Region | undefined {
    switch (hit.kind) {
      case 'region':
        return hit.region;
      case 'comparison':
        error('region_comparison', row, regionColumn, raw, { region: hit.region.id });
        return undefined;
      case 'unknown':
        error('region_unknown', row, regionColumn, raw, { suggestion: hit.suggestion, label: raw.trim() });
        return undefined;
      default:
        error('region_missing', row, regionColumn, raw);
        return undefined;
    }
  }

  function readYear(cells: readonly string[], row: number): number | undefined {
    if (yearColumn) {
      const raw = cell(cells, yearColumn);
      const year = cached(yearCache, raw, parseYearCell);
      if (year.kind === 'year') return year.year;
      if (year.kind === 'invalid') {
        error('year_invalid', row, yearColumn, raw);
        return undefined;
      }
    }
    if (shape.defaultYear !== undefined) return shape.defaultYear;
    error('year_missing', row, yearColumn, yearColumn ? cell(cells, yearColumn) : undefined);
    return undefined;
  }

  /** Parses a number cell, reporting it when it is not a number or a gap. */
  function readNumber(raw: string, c: ColumnMapping, row: number): NumberCell {
    if (raw === '') return NO_NUMBER;
    const parsed = parseNumberCell(raw);
    if (parsed.kind === 'invalid') error(parsed.code, row, c, raw);
    return parsed;
  }

  /** Reports a figure rule's problem at a cell; true when it is an error (the value must not be imported). */
  function report(problem: FigureProblem | undefined, c: ColumnMapping | undefined, raw: string, row: number): boolean {
    if (!problem) return false;
    if (problem.severity === 'error') error(problem.code, row, c, raw, problem.params);
    else emit(problem.severity, problem.code, row, c, raw, problem.params);
    return problem.severity === 'error';
  }

  /** Checks a value against its metric's kind and unit; false when it must not be imported. */
  function checkValue(metric: Metric, parsed: NumberCell & { kind: 'number' }, raw: string, c: ColumnMapping, row: number): boolean {
    return !report(valueProblem(metric, parsed.value, parsed.percent), c, raw, row);
  }

  /** A numerator or denominator: a plain non-negative number, or a gap. Undefined for a gap, null when refused. */
  function readPart(raw: string, c: ColumnMapping, row: number): number | undefined | null {
    const parsed = readNumber(raw, c, row);
    if (parsed.kind === 'missing') return undefined;
    if (parsed.kind === 'invalid') return null;
    return report(partProblem(parsed.value, parsed.percent), c, raw, row) ? null : parsed.value;
  }

  function mapLong(cells: readonly string[], row: number, region: Region | undefined, year: number | undefined) {
    const metricRaw = cell(cells, metricColumn);
    const metricHit = lookUpMetric(metricRaw);
    let metric: Metric | undefined;
    if (metricHit.kind === 'metric') metric = metricHit.metric;
    else if (metricHit.kind === 'unknown') error('metric_unknown', row, metricColumn, metricRaw, { suggestion: metricHit.suggestion, label: metricRaw.trim() });
    else error('metric_missing', row, metricColumn, metricRaw);

    const valueRaw = cell(cells, valueColumn);
    const parsed = valueColumn ? readNumber(valueRaw, valueColumn, row) : NO_NUMBER;
    const numeratorRaw = cell(cells, parts?.numerator);
    const denominatorRaw = cell(cells, parts?.denominator);
    const numerator = parts ? readPart(numeratorRaw, parts.numerator, row) : undefined;
    const denominator = parts ? readPart(denominatorRaw, parts.denominator, row) : undefined;

    if (parsed.kind === 'missing' && numerator === undefined && denominator === undefined) {
      emit('note', 'value_missing', row, valueColumn ?? parts?.numerator, valueColumn ? valueRaw : numeratorRaw);
      return;
    }
    let value: number | undefined;
    if (parsed.kind === 'number') {
      if (metric) {
        if (checkValue(metric, parsed, valueRaw, valueColumn!, row)) value = parsed.value;
      } else report(partProblem(parsed.value), valueColumn, valueRaw, row);
    }

    // Parts: both or neither; a lone part cannot be used.
    let partsOk = false;
    if (parts && typeof numerator === 'number' && typeof denominator === 'number') {
      const problem = partsProblem(metric ?? ANY_METRIC, numerator, denominator);
      if (problem?.severity === 'error') {
        const at = problem.field === 'denominator' ? { c: parts.denominator, raw: denominatorRaw } : { c: parts.numerator, raw: numeratorRaw };
        error(problem.code, row, at.c, at.raw, problem.params);
      } else partsOk = true;
    } else if (parts && numerator !== null && denominator !== null && (numerator === undefined) !== (denominator === undefined)) {
      const absent = numerator === undefined ? parts.numerator : parts.denominator;
      emit('note', 'value_missing', row, absent, cell(cells, absent), { part: absent.role });
    }

    if (!metric || !region || year === undefined || rowError || (value === undefined && !partsOk)) return;
    const candidate: Candidate = { metric: metric.id, region: region.id, year, rows: [row] };
    if (value !== undefined) candidate.value = value;
    if (partsOk) {
      const n = numerator as number;
      const d = denominator as number;
      candidate.numerator = n;
      candidate.denominator = d;
      // Without a stated value the parts give it, so its own note (a gross rate above 100%) applies.
      if (value === undefined) report(partsProblem(metric, n, d), parts!.numerator, numeratorRaw, row);
      else report(agreementProblem(metric, value, n, d, writtenDecimals(valueRaw)), valueColumn, valueRaw, row);
    }
    addCandidate(candidate, metricColumn);
  }

  function mapWide(cells: readonly string[], row: number, region: Region | undefined, year: number | undefined) {
    for (const { column: c, metric } of metricColumns) {
      const raw = cell(cells, c);
      const parsed = readNumber(raw, c, row);
      if (parsed.kind !== 'number') continue;
      if (!checkValue(metric, parsed, raw, c, row) || !region || year === undefined) continue;
      addCandidate({ metric: metric.id, region: region.id, year, value: parsed.value, rows: [row] }, c);
    }
  }

  function mapRoster(cells: readonly string[], row: number, region: Region | undefined, year: number | undefined) {
    const raw = cell(cells, studentsColumn);
    const parsed = parseNumberCell(raw);
    const students = parsed.kind === 'number' && !parsed.percent && Number.isInteger(parsed.value) && parsed.value > 0 ? parsed.value : undefined;
    if (students === undefined) error('students_invalid', row, studentsColumn, raw);
    if (students === undefined || !region || year === undefined || rowError) return;
    const large = students >= largeClassSize ? 1 : 0;
    // A class under the jurisdiction itself (a city-run school) counts towards the city only.
    if (region.id !== set.jurisdiction) tally(roster, `${region.id}|${year}`, region.id, year, large, row);
    tally(rosterCity, year, set.jurisdiction, year, large, row);
    rowFigures += 1;
  }

  function tally<K>(map: Map<K, RosterTally>, key: K, region: string, year: number, large: number, row: number) {
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = { region, year, classes: 0, large: 0, rows: [] }));
    entry.classes += 1;
    entry.large += large;
    if (entry.rows.length < ROSTER_ROWS_KEPT) entry.rows.push(row);
  }

  function isBlank(cells: readonly string[]): boolean {
    for (const c of cells) if (c.length > 0 && c.trim().length > 0) return false;
    return true;
  }

  function checkRagged(cells: readonly string[], row: number) {
    let extra = false;
    for (let i = headerWidth; i < cells.length; i += 1) {
      if (cells[i]!.trim() !== '') {
        extra = true;
        break;
      }
    }
    if (extra || cells.length < neededWidth) {
      emit('warning', 'ragged_row', row, undefined, undefined, { cells: cells.length, expected: headerWidth });
    }
  }

  function map(record: CsvRecord): void {
    const { row, cells } = record;
    if (row <= shape.headerRow || row === shape.unitRow) {
      if (titleRows.has(row) && !isBlank(cells)) sink.add({ severity: 'note', code: 'title_row', row, params: {} });
      else if (row === shape.unitRow) sink.add({ severity: 'note', code: 'unit_row', row, params: {} });
      return;
    }
    if (isBlank(cells)) {
      sink.count('blank_row');
      return;
    }
    const regionRaw = cell(cells, regionColumn);
    const regionHit = regionColumn ? lookUpRegion(regionRaw) : MISSING_HIT;
    if (regionHit.kind === 'total' || (regionHit.kind === 'missing' && regionColumn?.index !== 0 && isTotalCell(cells[0]))) {
      const totalColumn = regionHit.kind === 'total' ? regionColumn : shape.columns.find((c) => c.index === 0);
      emit('note', 'total_row', row, totalColumn, regionHit.kind === 'total' ? regionRaw : cells[0]);
      return;
    }
    rows += 1;
    if (row > lastRow) lastRow = row;
    if (fatal) {
      rejectedRows += 1;
      return;
    }
    rowError = false;
    rowFigures = 0;
    checkRagged(cells, row);
    const region = readRegion(regionHit, regionRaw, row);
    const year = readYear(cells, row);
    if (shape.layout === 'long') mapLong(cells, row, region, year);
    else if (shape.layout === 'wide') mapWide(cells, row, region, year);
    else mapRoster(cells, row, region, year);
    if (rowError) {
      rejectedRows += 1;
      if (rowFigures > 0) rejectedWithFigure.add(row);
    }
  }

  function isTotalCell(raw: string | undefined): boolean {
    return raw !== undefined && raw !== '' && lookUpRegion(raw).kind === 'total';
  }

  function finishRoster() {
    if (shape.layout !== 'roster' || !rosterMetric || rosterCity.size === 0) return;
    let classes = 0;
    let large = 0;
    const townships = new Set<string>();
    for (const entry of roster.values()) townships.add(entry.region);
    for (const entry of [...roster.values(), ...rosterCity.values()]) {
      addCandidate(
        { metric: rosterMetric.id, region: entry.region, year: entry.year, numerator: entry.large, denominator: entry.classes, rows: entry.rows },
        undefined,
      );
    }
    for (const entry of rosterCity.values()) {
      classes += entry.classes;
      large += entry.large;
    }
    sink.add({ severity: 'note', code: 'roster_aggregated', params: { classes, large, townships: townships.size, size: largeClassSize } }, true);
  }

  function finishDuplicates() {
    if (conflicts.size === 0) return;
    // Rows involved, counted in a typed array (a wide row can be in several conflicts): no object per row.
    const perRow = new Uint32Array(lastRow + 1);
    let total = 0;
    for (const conflict of conflicts.values()) {
      for (const row of conflict.rows) perRow[row] = (perRow[row] ?? 0) + 1;
      total += conflict.rows.length;
    }
    // Only the first MESSAGE_LIMIT messages by row can be kept: find the row they end at.
    let bound = 0;
    for (let seen = 0; bound < perRow.length && seen < MESSAGE_LIMIT; bound += 1) seen += perRow[bound] ?? 0;
    for (let row = 0; row < perRow.length; row += 1) if ((perRow[row] ?? 0) > 0 && !rejectedWithFigure.has(row)) rejectedRows += 1;

    const shown: { row: number; conflict: Conflict }[] = [];
    for (const conflict of conflicts.values()) for (const row of conflict.rows) if (row < bound) shown.push({ row, conflict });
    shown.sort((a, b) => a.row - b.row);
    const kept = Math.min(shown.length, MESSAGE_LIMIT);
    for (const { row, conflict } of shown.slice(0, kept)) {
      sink.add(
        {
          severity: 'error',
          code: 'duplicate_key',
          row,
          ...(conflict.column !== undefined ? { column: conflict.column } : {}),
          relatedRows: conflict.rows.filter((other) => other !== row).slice(0, RELATED_LIMIT),
          params: { metric: conflict.first.metric, region: conflict.first.region, year: conflict.first.year, count: conflict.rows.length },
        },
        true,
      );
    }
    sink.tally('duplicate_key', 'error', total - kept);
  }

  return {
    map,
    finish() {
      finishRoster();
      finishDuplicates();
      const { messages, truncated } = sink.finish();
      return {
        candidates: conflicts.size === 0 ? candidates : candidates.filter((candidate) => !conflicts.has(candidate)),
        messages,
        countsByCode: sink.countsByCode,
        countsBySeverity: sink.countsBySeverity,
        truncated,
        rows,
        rejectedRows,
      };
    },
  };
}
