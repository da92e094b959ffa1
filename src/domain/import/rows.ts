import { isMissingToken, parseYearCell, visibleText } from './cells';
import { citationProblem, comparisonSourceProblem } from './figure-rules';
import { createFigureIndex, type FigureFields, type FigureTable } from './duplicates';
import { createLongRowMapper, type AddFields } from './long-rows';
import { MessageSink } from './message-sink';
import { cacheByCell, createIndexedRegionResolver, type Indexed, type RegionHit } from './names';
import { createRosterRowMapper, createRosterTally, type RosterTally } from './roster';
import { isExampleMarker } from './templates';
import { cellAt, cityWideMetrics, createCityWideCheck, RowChecks, type AddFigure, type LayoutRowMapper } from './row-checks';
import { regionInScope, type ImportScope } from './scope';
import { shapeProblems } from './table';
import type { Candidate, ColumnMapping, ColumnRole, CsvRecord, ImportMessage, ImportMessageCode, Severity, TableShape, ValueMap } from './types';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';
import { createYearColumnsRowMapper, type YearColumns } from './year-columns';

/**
 * Turning records into candidate figures, one record at a time, with a located
 * message for everything that is refused, doubtful or worth knowing. Built to
 * stream a million rows: look-ups are cached by the raw cell, messages are
 * capped (their counts are not), and nothing is kept per row but the figure.
 *
 * This module composes the parts: names.ts (regions and metrics), row-checks.ts
 * (cells and their messages, with figure-rules.ts), long-rows.ts, year-columns.ts, roster.ts,
 * duplicates.ts and message-sink.ts.
 */

/** What mapping a whole file produced. */
export type MappedFile = {
  /**
   * Figures to import, keyed uniquely by metric × region × year: the live slots of the table (conflicting
   * duplicates and figures outside the analyst's scope dropped).
   */
  table: FigureTable;
  /** The same figures as objects, built when read: for small files and tests (a large file reads `table`). */
  readonly candidates: Candidate[];
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

const MISSING_HIT: Indexed<RegionHit> = { hit: { kind: 'missing' }, at: -1 };

/** The columns of a shape by role (the first of each), the wide layout's metric columns and the year-column layout's year columns. */
type Columns = Partial<Record<ColumnRole, ColumnMapping>> & { metricValues: { column: ColumnMapping; metric: Metric }[] } & YearColumns;

/** The shape's columns by role; a wide column naming a metric the set lacks is reported (`metric_unknown`) and left out. */
function columnsOf(shape: TableShape, set: TargetSet, sink: MessageSink): Columns {
  const columns: Columns = {
    metricValues: [],
    yearValues: shape.columns.flatMap((column) => (column.role === 'year_value' && column.year !== undefined ? [{ column, year: column.year }] : [])),
  };
  for (const role of ['region', 'year', 'metric', 'value', 'numerator', 'denominator', 'students', 'school', 'class', 'citation'] as const) {
    const found = shape.columns.find((c) => c.role === role);
    if (found) columns[role] = found;
  }
  const metricsById = new Map(set.metrics.map((metric) => [metric.id, metric]));
  for (const c of shape.columns) {
    if (c.role !== 'metric_value' || c.metric === undefined) continue;
    const metric = metricsById.get(c.metric);
    if (metric) columns.metricValues.push({ column: c, metric });
    else sink.add({ severity: 'error', code: 'metric_unknown', column: c.header, value: visibleText(c.metric), params: { suggestion: '' } });
  }
  return columns;
}

/**
 * Reports what stops every row of the file from being mapped — a missing
 * required column, no year column and no default year, a roster without a
 * roster metric — and returns true when there is any.
 */
function reportFatal(shape: TableShape, columns: Columns, roster: RosterTally | undefined, sink: MessageSink): boolean {
  let fatal = false;
  for (const problem of shapeProblems(shape)) {
    sink.add(problem, true);
    fatal = true;
  }
  // A year-column file takes its years from its header.
  if (shape.layout !== 'year_columns' && !columns.year && shape.defaultYear === undefined) {
    sink.add({ severity: 'error', code: 'year_missing', params: {} }, true);
    fatal = true;
  }
  if (shape.layout === 'roster' && !roster) {
    sink.add({ severity: 'error', code: 'roster_metric_missing', params: {} }, true);
    fatal = true;
  }
  return fatal;
}

function isBlank(cells: readonly string[]): boolean {
  // Most rows start with a cell whose first character is a digit, a letter or a CJK character: not blank.
  const first = cells[0];
  if (first !== undefined && first.length > 0 && isPlainCode(first.charCodeAt(0))) return false;
  for (const c of cells) if (c.length > 0 && c.trim().length > 0) return false;
  return true;
}

/** ASCII letters and digits, and CJK unified ideographs: never white space for `trim`. */
function isPlainCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x4e00 && c <= 0x9fff);
}

/**
 * Refuses a row with non-empty cells beyond the header (an error). For a row too short to hold every column
 * its layout reads, returns the header's width (0 for any other row), for `createRowMapper` to report once
 * the row is mapped (`reportShortRow`).
 */
function raggedCheck(shape: TableShape, columns: Columns, checks: RowChecks): (cells: readonly string[], row: number) => number {
  const used =
    shape.layout === 'long'
      ? [columns.region, columns.year, columns.metric, columns.value, columns.numerator, columns.denominator]
      : shape.layout === 'wide'
        ? [columns.region, columns.year, ...columns.metricValues.map((m) => m.column)]
        : shape.layout === 'year_columns'
          ? [columns.region, columns.metric, ...columns.yearValues.map((y) => y.column)]
          : [columns.region, columns.year, columns.students];
  const neededWidth = Math.max(0, ...used.map((c) => (c ? c.index + 1 : 0)));
  const headerWidth = Math.max(0, ...shape.columns.map((c) => (c.header !== '' ? c.index + 1 : 0)));
  return (cells, row) => {
    // The usual row: no cell beyond the header, and every column its layout reads.
    if (cells.length <= headerWidth && cells.length >= neededWidth) return 0;
    let extra = false;
    for (let i = headerWidth; i < cells.length; i += 1) {
      if (cells[i]!.trim() !== '') {
        extra = true;
        break;
      }
    }
    // Cells beyond the header: a row split by unquoted thousands separators ("1,234,1,350") would be read
    // shifted, so nothing of it is imported.
    if (extra) checks.error('ragged_row', row, undefined, undefined, { cells: cells.length, expected: headerWidth });
    return !extra && cells.length < neededWidth ? headerWidth : 0;
  };
}

/**
 * A short row (fewer cells than the columns its layout reads; the cells it lacks are gaps): an error when it
 * gives no figure, since nothing of it is imported (it is counted as rejected); a warning when it gives some
 * (params.context = 'partial': what it holds is imported, the missing cells are gaps).
 */
function reportShortRow(checks: RowChecks, row: number, cells: number, expected: number, figures: number): void {
  if (figures === 0) checks.error('short_row', row, undefined, undefined, { cells, expected });
  else checks.notice('warning', 'short_row', row, undefined, undefined, { cells, expected, context: 'partial' });
}

/** The region of a row, or undefined after reporting why there is none. */
function regionOf(hit: RegionHit, raw: string, row: number, column: ColumnMapping | undefined, checks: RowChecks): Region | undefined {
  switch (hit.kind) {
    case 'region':
      if (hit.differs) checks.notice('warning', 'region_written_differently', row, column, raw, hit.differs);
      return hit.region;
    case 'comparison':
      // A benchmark area: imported like any region, with its source (checked once the citation is read).
      return hit.region;
    case 'unknown':
      // The "did you mean" is searched for only if the message is kept.
      checks.error('region_unknown', row, column, raw, { suggestion: () => hit.suggestion, label: raw.trim() });
      return undefined;
    default:
      checks.error('region_missing', row, column, raw);
      return undefined;
  }
}

/**
 * The row's region when the analyst may import it; for a region outside the
 * analyst's scope, undefined after a `region_out_of_scope` error at the region
 * cell naming the file, the region as written and the scope (nothing of the row
 * is imported, and so nothing of it is sent).
 */
function scopedRegion(
  region: Region | undefined,
  within: ((region: string) => boolean) | undefined,
  scope: ImportScope | undefined,
  raw: string,
  row: number,
  column: ColumnMapping | undefined,
  checks: RowChecks,
): Region | undefined {
  if (!region || !within || !scope || within(region.id)) return region;
  checks.error('region_out_of_scope', row, column, raw, { file: scope.file, row, label: raw.trim(), region: region.id, scope: scope.region });
  return undefined;
}

/**
 * Reads a row's citation (its 来源 / 备注 cell), trimmed; undefined for an empty cell or a gap mark ("—",
 * "无"). One too long for a figure to carry is an error at the cell (`citation_too_long`), and the row's
 * figures are not imported: a source is not cut short silently.
 */
function citationReader(column: ColumnMapping | undefined, checks: RowChecks): (cells: readonly string[], row: number) => string | undefined | null {
  if (!column) return () => undefined;
  return (cells, row) => {
    const raw = cellAt(cells, column);
    const text = raw.trim();
    if (text === '' || isMissingToken(text)) return undefined;
    return checks.problem(citationProblem(text), column, raw, row) ? null : text;
  };
}

/**
 * Reads a row's year: its year cell (cached by cell), else the default year; undefined after reporting why there is none.
 * A year-column row has no year of its own (each of its year columns has one): undefined, without a message.
 */
function yearReader(shape: TableShape, column: ColumnMapping | undefined, checks: RowChecks): (cells: readonly string[], row: number) => number | undefined {
  if (shape.layout === 'year_columns') return () => undefined;
  const parseYear = cacheByCell(parseYearCell);
  return (cells, row) => {
    if (column) {
      const raw = cellAt(cells, column);
      const year = parseYear(raw);
      if (year.kind === 'year') return year.year;
      if (year.kind === 'invalid') {
        checks.error('year_invalid', row, column, raw);
        return undefined;
      }
    }
    if (shape.defaultYear !== undefined) return shape.defaultYear;
    checks.error('year_missing', row, column, column ? cellAt(cells, column) : undefined);
    return undefined;
  };
}

/** Wide rows: one figure per metric column (an empty cell or a gap mark is a gap, without a message). */
function wideRowMapper(columns: Columns, checks: RowChecks, addFigure: AddFigure): LayoutRowMapper {
  return (cells, row, region, year) => {
    for (const { column: c, metric } of columns.metricValues) {
      const raw = cellAt(cells, c);
      const parsed = checks.number(raw, c, row);
      if (parsed.kind !== 'number') continue;
      const value = checks.value(metric, parsed, raw, c, row);
      if (value === undefined || !region || year === undefined) continue;
      addFigure({ metric: metric.id, region: region.id, year, value, ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}), rows: [row] }, c);
    }
  };
}

/**
 * Sorts out the rows that are not data: rows at or above the header (a title
 * row is noted), the unit row (noted), blank rows (counted as `blank_row`) and
 * total rows (noted). Returns undefined for those, and for a data row what its
 * region cell names, with its position in the set (`Indexed`).
 */
function dataRowFilter(
  shape: TableShape,
  columns: Columns,
  lookUpRegion: (raw: string) => Indexed<RegionHit>,
  sink: MessageSink,
  checks: RowChecks,
): (row: number, cells: readonly string[]) => Indexed<RegionHit> | undefined {
  const titleRows = new Set(shape.titleRows);
  const isTotalCell = (raw: string | undefined) => raw !== undefined && raw !== '' && lookUpRegion(raw).hit.kind === 'total';
  return (row, cells) => {
    if (row <= shape.headerRow || row === shape.unitRow) {
      if (titleRows.has(row) && !isBlank(cells)) sink.add({ severity: 'note', code: 'title_row', row, params: {} });
      else if (row === shape.unitRow) sink.add({ severity: 'note', code: 'unit_row', row, params: {} });
      return undefined;
    }
    if (isBlank(cells)) {
      sink.count('blank_row');
      return undefined;
    }
    const regionRaw = cellAt(cells, columns.region);
    const indexed = columns.region ? lookUpRegion(regionRaw) : MISSING_HIT;
    const { hit } = indexed;
    if (hit.kind === 'total') {
      checks.notice('note', 'total_row', row, columns.region, regionRaw);
      return undefined;
    }
    // An empty region cell and a total word in the first cell: a total row laid out the other way round.
    if (hit.kind === 'missing' && columns.region?.index !== 0 && isTotalCell(cells[0])) {
      checks.notice('note', 'total_row', row, shape.columns.find((c) => c.index === 0), cells[0]);
      return undefined;
    }
    return indexed;
  };
}

/** The row mapper of the shape's layout. */
function layoutRowMapper(
  shape: TableShape,
  set: TargetSet,
  values: ValueMap,
  columns: Columns,
  checks: RowChecks,
  addFigure: AddFigure,
  addFields: AddFields,
  roster: RosterTally | undefined,
): LayoutRowMapper & { finish?: () => ImportMessage | undefined } {
  if (shape.layout === 'long') return createLongRowMapper(columns, set, values.metrics, checks, addFields);
  if (shape.layout === 'wide') return wideRowMapper(columns, checks, addFigure);
  if (shape.layout === 'year_columns') return createYearColumnsRowMapper(columns, set, values.metrics, checks, addFigure);
  // Without a roster metric the file is refused (see `reportFatal`) and no row reaches this.
  return roster ? createRosterRowMapper(roster, columns, set, checks) : () => undefined;
}

/**
 * Keeps the figures inside the analyst's scope. Rows of other regions were refused
 * as they were read, so what is left outside is a roll-up the file implies
 * (a roster's jurisdiction total): one `region_out_of_scope` error per such
 * region, without a row, and those figures are dropped (not imported either).
 */
function dropOutsideScope(table: FigureTable, within: (region: string) => boolean, scope: ImportScope, sink: MessageSink): void {
  const outside = new Map<string, number>();
  for (let slot = 0; slot < table.size; slot += 1) {
    if (!table.isLive(slot)) continue;
    const region = table.region(slot);
    if (within(region)) continue;
    table.drop(slot);
    outside.set(region, (outside.get(region) ?? 0) + 1);
  }
  for (const [region, count] of outside) {
    sink.add({ severity: 'error', code: 'region_out_of_scope', params: { file: scope.file, region, label: region, scope: scope.region, count } }, true);
  }
}

/**
 * Maps records (as the CSV reader emits them) to candidate figures for the
 * given shape. Rows at or above the header, title and unit rows are skipped
 * (`title_row` / `unit_row` notes), blank rows silently (counted as
 * `blank_row`), total rows (合计, 总计, total …) with a `total_row` note.
 *
 * - long: one figure per row from value and/or numerator and denominator;
 *   a bound ("95%以上") is kept as the value's `qualifier`;
 * - wide: one figure per metric column per row (an empty cell is a gap);
 * - year columns: one figure per year column per row, for the row's region
 *   and metric (an empty cell is a gap);
 * - roster: rows are classes, aggregated per township and year (and for the
 *   whole jurisdiction) into the metric that declares `class_roster`, as
 *   classes of at least its `large_class_size` students over all classes.
 *
 * A missing figure is never a 0. The same metric × region × year twice is a
 * conflict: every row involved gets `duplicate_key` and none is imported.
 * A `citation` column (来源, 备注 …) gives each figure of its row that text as
 * its `citation` (long and wide layouts; a roster's figures are roll-ups of
 * many rows and take none).
 * Required columns missing from the shape (or no year and no default year)
 * are reported once and every data row is rejected. With a `scope` (an
 * analyst limited to a region), rows of other regions are refused
 * (`region_out_of_scope`) by the backend's rule, `regionWithin`.
 */
export function createRowMapper(shape: TableShape, set: TargetSet, values: ValueMap = {}, scope?: ImportScope): RowMapper {
  const sink = new MessageSink();
  const within = scope ? regionInScope(set, scope.region) : undefined;
  const checks = new RowChecks(sink);
  const columns = columnsOf(shape, set, sink);
  const roster = shape.layout === 'roster' ? createRosterTally(set) : undefined;
  const fatal = reportFatal(shape, columns, roster, sink);
  const figures = createFigureIndex(set.regions.length);
  /** Rows with an error that still gave a figure (wide layout), so a later duplicate does not count them twice. */
  const rejectedWithFigure = new Set<number>();
  let rows = 0;
  let rejectedRows = 0;
  let lastRow = 0;
  // Figures of the row being mapped, and its citation (closure variables, not a per-row object).
  let rowFigures = 0;
  let rowCitation: string | undefined;
  let rowRegionRaw = '';
  const checkCityWide = createCityWideCheck(set, checks);
  const cityWide = cityWideMetrics(set);
  // The same, by the metric's position in the set (a long row's figure names it so: `FigureFields.metricAt`).
  const cityWideAt = set.metrics.map((metric) => cityWide.has(metric.id));
  const addFigure: AddFigure = (candidate, c) => {
    rowFigures += 1;
    if (rowCitation !== undefined) candidate.citation = rowCitation;
    checkCityWide(candidate, columns.region, rowRegionRaw);
    figures.add(candidate, c?.header);
  };
  // A long row's figure, without an object: one is made only for the city-wide check of a metric it concerns.
  const addFields: AddFields = (fields: FigureFields, metric, c) => {
    rowFigures += 1;
    fields.citation = rowCitation;
    if (fields.metricAt >= 0 ? cityWideAt[fields.metricAt] : cityWide.has(metric.id)) checkCityWide({ metric: fields.metric, region: fields.region, year: fields.year, rows: [fields.row] }, columns.region, rowRegionRaw);
    figures.addFields(fields, c?.header);
  };
  const regionHitOf = dataRowFilter(shape, columns, createIndexedRegionResolver(set, values.regions), sink, checks);
  const mapLayout = layoutRowMapper(shape, set, values, columns, checks, addFigure, addFields, roster);
  const checkRagged = raggedCheck(shape, columns, checks);
  const readYear = yearReader(shape, columns.year, checks);
  const readCitation = citationReader(shape.layout === 'roster' ? undefined : columns.citation, checks);

  function map({ row, cells }: CsvRecord): void {
    const indexed = regionHitOf(row, cells);
    if (!indexed) return;
    const regionHit = indexed.hit;
    // A template's example row (示例 in its 备注 cell) is never data.
    if (columns.citation && isExampleMarker(cellAt(cells, columns.citation))) {
      sink.add({ severity: 'note', code: 'example_row', row, params: {} });
      return;
    }
    rows += 1;
    if (row > lastRow) lastRow = row;
    if (fatal) {
      rejectedRows += 1;
      return;
    }
    checks.startRow();
    rowFigures = 0;
    const shortOf = checkRagged(cells, row);
    const regionRaw = cellAt(cells, columns.region);
    rowRegionRaw = regionRaw;
    const region = scopedRegion(regionOf(regionHit, regionRaw, row, columns.region, checks), within, scope, regionRaw, row, columns.region, checks);
    const citation = readCitation(cells, row);
    rowCitation = citation ?? undefined;
    // A refused citation refuses the row: its figures are not stored without their source; nor is a
    // comparison area's figure without one (`comparisonSourceProblem`).
    const unsourced = region && citation !== null && checks.problem(comparisonSourceProblem(region, citation), columns.citation ?? columns.region, columns.citation ? cellAt(cells, columns.citation) : regionRaw, row);
    if (citation !== null && !unsourced) mapLayout(cells, row, region, readYear(cells, row), region ? indexed.at : -1);
    if (shortOf > 0) reportShortRow(checks, row, cells.length, shortOf, rowFigures);
    if (checks.failed) {
      rejectedRows += 1;
      if (rowFigures > 0) rejectedWithFigure.add(row);
    }
  }

  function finish(): MappedFile {
    const rolledUp = roster?.finish();
    if (rolledUp) {
      for (const figure of rolledUp.figures) figures.add(figure, undefined);
      sink.add(rolledUp.note, true);
      for (const message of rolledUp.partial) sink.add(message, true);
    }
    const skippedLevels = mapLayout.finish?.();
    if (skippedLevels) sink.add(skippedLevels, true);
    rejectedRows += figures.reportConflicts(sink, lastRow, rejectedWithFigure);
    const { table } = figures;
    if (within && scope) dropOutsideScope(table, within, scope, sink);
    const { messages, truncated } = sink.finish();
    return {
      table,
      get candidates() {
        return table.candidates();
      },
      messages,
      countsByCode: sink.countsByCode,
      countsBySeverity: sink.countsBySeverity,
      truncated,
      rows,
      rejectedRows,
    };
  }

  return { map, finish };
}
