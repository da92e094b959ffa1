import type { ColumnMapping, ColumnRole, CsvRecord, Delimiter, ImportMessage, ImportMessageCode, ImportOverrides, Layout, TableShape } from './types';
import { parseNumberCell, parseYearCell, visibleText } from './cells';
import { labelKey, metricLookup } from './names';
import { unbracketed, writtenUnit } from './units';
import { columnName } from './xlsx-cells';
import type { Metric, TargetSet } from '@/domain/targets/target-set';

/**
 * Finding the table in the first records of a file: which row is the header,
 * which rows above it are titles, whether a row of units follows it, the
 * layout (long, wide, roster or year columns), what each column holds and
 * the unit the file gives for it.
 */

/** The column roles a header name can stand for (wide-layout metric columns are found by metric name, year columns by their year). */
export type HeaderRole = Exclude<ColumnRole, 'metric_value' | 'year_value' | 'ignore'>;

/**
 * Header names recognised for each role, as analysts write them. Compared
 * after `normalizeLabel` with "_" and "-" dropped, so stray spaces, full-width
 * letters, case and a trailing unit in brackets ("数值(%)") do not matter.
 * Exported so the import page can list them.
 */
export const headerAliases: Readonly<Record<HeaderRole, readonly string[]>> = {
  region: ['地区', '乡镇', '乡镇街道', '区域', '行政区划', '地区代码', '地区名称', '乡镇名称', '区划代码', 'region', 'township', 'area', 'region_code', 'region_name'],
  year: ['年份', '年度', '统计年度', '统计年份', 'year'],
  metric: ['指标', '指标名称', '指标代码', 'metric', 'indicator', 'metric_id', 'metric_name'],
  value: ['数值', '值', '数据', '实际值', '指标值', '统计值', 'value', 'actual'],
  numerator: ['分子', 'numerator'],
  denominator: ['分母', 'denominator'],
  school: ['学校', '学校名称', 'school'],
  class: ['班级', '班级名称', '班号', 'class'],
  students: ['学生数', '班额', '人数', '在班人数', '学生人数', 'students', 'class_size'],
  citation: ['来源', '数据来源', '资料来源', '数据出处', '出处', '备注', 'source', 'sources', 'data_source', 'note', 'notes', 'citation', 'remarks'],
};

/**
 * Headers that give a region's or a metric's code rather than its name. A code column beside a name
 * column (地区代码 and 地区, as the figure export writes them) names one thing twice, not two things: the
 * code is read and the name column is for people. Two code columns, or two name columns, are a conflict.
 */
const CODE_HEADERS: ReadonlySet<string> = new Set(['地区代码', '区划代码', 'region_code', '指标代码', 'metric_id'].map((header) => labelKey(header)));

/** How many records are examined to find the header. */
export const DETECT_RECORDS = 50;

const HEADER_LOOKUP: ReadonlyMap<string, HeaderRole> = new Map(
  (Object.entries(headerAliases) as [HeaderRole, readonly string[]][]).flatMap(([role, names]) =>
    names.map((name): [string, HeaderRole] => [labelKey(name), role]),
  ),
);

type HeaderMatch = { role: HeaderRole } | { metric: Metric } | undefined;

function matchHeader(cell: string, metrics: ReadonlyMap<string, Metric>): HeaderMatch {
  const key = labelKey(cell);
  if (key === '') return undefined;
  const role = HEADER_LOOKUP.get(key);
  if (role) return { role };
  const metric = metrics.get(key);
  return metric ? { metric } : undefined;
}

/** True for a unit as written in a unit row: "%", "人", "（%）", "单位：人", "percent". */
function isUnitToken(cell: string): boolean {
  return unbracketed(cell).startsWith('单位') || writtenUnit(cell) !== undefined;
}

/** The unit in brackets at the end of a header ("实际值(%)" → "%", "人数（人）" → "人"), when it is one. */
function bracketUnit(header: string): string | undefined {
  const match = /[([{【]([^()[\]{}【】]*)[)\]}】]$/.exec(header.normalize('NFKC').trim());
  return match && writtenUnit(match[1]!) !== undefined ? match[1]!.trim() : undefined;
}

/** The year a header cell names ("2021", "2021年", "2021年度"), for the year-column layout; undefined for any other header. */
export function headerYear(cell: string): number | undefined {
  if (cell.trim() === '') return undefined;
  const year = parseYearCell(cell);
  return year.kind === 'year' ? year.year : undefined;
}

/** A row of units: most non-empty cells are units and none is a number. */
function isUnitRow(cells: readonly string[]): boolean {
  let nonEmpty = 0;
  let units = 0;
  for (const cell of cells) {
    if (cell.trim() === '') continue;
    nonEmpty += 1;
    if (parseNumberCell(cell).kind === 'number') return false;
    if (isUnitToken(cell)) units += 1;
  }
  return nonEmpty > 0 && units * 2 > nonEmpty;
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

/** The result of `detectTable`: a shape (possibly with errors to fix, such as a missing column) or no table at all. */
export type DetectResult = { ok: true; shape: TableShape; messages: ImportMessage[] } | { ok: false; messages: ImportMessage[] };

/**
 * Finds the table in the first records of a file (at most `DETECT_RECORDS`).
 *
 * The header is the first record with at least two recognised names (see
 * `headerAliases`, plus metric ids, names and aliases for wide files), unless
 * `options.headerRow` names it. Records above it are title rows; the record
 * just below it is a unit row when most of its cells are units. A column's
 * unit is the one in brackets after its header ("实际值(%)"), else its cell in
 * the unit row. The layout is roster when there is a students column, long
 * when there is a metric column with values or parts, year columns when there
 * is a metric column and columns headed by years ("2021", "2021年") instead,
 * wide when columns are named after metrics. Two columns claiming one role
 * are both kept and reported (`column_conflict`, see `shapeProblems`).
 *
 * Returns `ok: false` only when there is no table to show (`no_header`,
 * `layout_unknown`). A missing required column (`missing_column`, params.role)
 * comes back as an error alongside the shape, so the analyst can assign the
 * column and go on; a missing year column is not an error here, since a
 * default year may still be chosen.
 */
export function detectTable(
  records: readonly CsvRecord[],
  set: TargetSet,
  delimiter: Delimiter,
  options: { headerRow?: number } = {},
): DetectResult {
  const window = records.slice(0, DETECT_RECORDS);
  const metrics = metricLookup(set);
  const headerIndex =
    options.headerRow !== undefined
      ? window.findIndex((record) => record.row === options.headerRow)
      : window.findIndex((record) => record.cells.filter((cell) => matchHeader(cell, metrics) !== undefined).length >= 2);
  const header = window[headerIndex];
  if (!header) {
    return { ok: false, messages: [{ severity: 'error', code: 'no_header', params: { rows: window.length } }] };
  }

  const messages: ImportMessage[] = [];
  const titleRows: number[] = [];
  for (const record of window.slice(0, headerIndex)) {
    if (isBlank(record.cells)) continue;
    titleRows.push(record.row);
    const text = record.cells.find((cell) => cell.trim() !== '') ?? '';
    messages.push({ severity: 'note', code: 'title_row', row: record.row, value: visibleText(text.trim()), params: {} });
  }
  const next = window[headerIndex + 1];
  const unitRow = next && isUnitRow(next.cells) ? next.row : undefined;
  if (unitRow !== undefined) messages.push({ severity: 'note', code: 'unit_row', row: unitRow, params: {} });

  const unitCells = unitRow !== undefined ? next!.cells : undefined;
  const citations: number[] = [];
  const columns = header.cells.map((cell, index): ColumnMapping => {
    const text = cell.trim();
    const unitText = bracketUnit(cell) ?? unitOf(unitCells?.[index]);
    const unit = unitText !== undefined ? { unit: unitText } : {};
    const match = matchHeader(cell, metrics);
    // Only the first source column is a citation: 来源 and 备注 side by side are common, and the first is the source.
    if (match && 'role' in match && match.role === 'citation' && citations.push(index) > 1) return { index, header: text, role: 'ignore', source: 'none' };
    // A role claimed by two columns (数值 and 实际值) keeps both: `shapeProblems` refuses the file until the analyst picks one.
    if (match && 'role' in match) return { index, header: text, role: match.role, ...unit, source: 'header' };
    if (match && 'metric' in match) return { index, header: text, role: 'metric_value', metric: match.metric.id, ...unit, source: 'metric_name' };
    const year = headerYear(cell);
    if (year !== undefined) return { index, header: text, role: 'year_value', year, ...unit, source: 'header' };
    return { index, header: text, role: 'ignore', source: 'none' };
  });

  for (const role of ['region', 'metric'] as const) {
    const claiming = columns.filter((column) => column.role === role);
    const codes = claiming.filter((column) => CODE_HEADERS.has(labelKey(column.header)));
    if (claiming.length !== 2 || codes.length !== 1) continue;
    const name = claiming.find((column) => column !== codes[0])!;
    columns[name.index] = { index: name.index, header: name.header, role: 'ignore', source: 'none' };
  }

  const has = (role: ColumnRole) => columns.some((column) => column.role === role);
  let layout: Layout;
  if (has('students')) layout = 'roster';
  else if (has('metric')) layout = !has('value') && !has('numerator') && !has('denominator') && has('year_value') ? 'year_columns' : 'long';
  else if (has('metric_value')) layout = 'wide';
  else {
    messages.push({ severity: 'error', code: 'layout_unknown', row: header.row, params: {} });
    return { ok: false, messages };
  }
  // Metric-named columns only hold values in a wide file, year-named ones in a year-column file.
  const finalColumns = columns.map((column): ColumnMapping =>
    (column.role === 'metric_value' && layout !== 'wide') || (column.role === 'year_value' && layout !== 'year_columns')
      ? { index: column.index, header: column.header, role: 'ignore', source: 'none' }
      : column,
  );

  const shape: TableShape = {
    delimiter,
    headerRow: header.row,
    titleRows,
    ...(unitRow !== undefined ? { unitRow } : {}),
    layout,
    columns: finalColumns,
  };
  messages.push(...shapeProblems(shape).map((problem) => ({ ...problem, row: header.row })));
  return { ok: true, shape, messages };
}

/** A unit row's cell as a column's unit, when it is one ("%", "（人）"); undefined otherwise. */
function unitOf(cell: string | undefined): string | undefined {
  if (cell === undefined || writtenUnit(cell) === undefined) return undefined;
  return cell.trim();
}

/**
 * The roles each layout reads (a citation is read by every layout but the roster, and may be repeated).
 * A column with any other role is not read; two columns with one of these roles are a conflict.
 */
export const LAYOUT_ROLES: Readonly<Record<Layout, readonly ColumnRole[]>> = {
  long: ['region', 'year', 'metric', 'value', 'numerator', 'denominator'],
  wide: ['region', 'year', 'metric_value'],
  roster: ['region', 'year', 'students', 'school', 'class'],
  year_columns: ['region', 'metric', 'year_value'],
};

/** What a column claims in its layout: its role, a wide column its metric, a year column its year; undefined when the layout does not read it. */
function claimOf(column: ColumnMapping, layout: Layout): string | undefined {
  if (!LAYOUT_ROLES[layout].includes(column.role)) return undefined;
  if (column.role === 'metric_value') return column.metric === undefined ? undefined : `metric:${column.metric}`;
  if (column.role === 'year_value') return column.year === undefined ? undefined : `year:${column.year}`;
  return column.role;
}

/** A column as Excel shows it, for messages: its header and its column letters. */
const columnParams = (column: ColumnMapping, prefix: 'first' | 'second') => ({
  [prefix]: column.header,
  [`${prefix}Column`]: columnName(column.index),
});

/**
 * Two columns that mean the same thing in the shape's layout — two value columns (数值 and 实际值), two
 * year or region columns, two columns of one metric (wide) or of one year (year columns) — as
 * `column_conflict` errors at the header row, naming both columns by header and column letters (params
 * first, firstColumn, second, secondColumn; role, and metric or year). Which one holds the figure cannot
 * be guessed: the analyst maps one of them to something else.
 */
function conflicts(shape: TableShape): ImportMessage[] {
  const claimed = new Map<string, ColumnMapping>();
  const found: ImportMessage[] = [];
  for (const column of shape.columns) {
    const claim = claimOf(column, shape.layout);
    if (claim === undefined) continue;
    const first = claimed.get(claim);
    if (!first) {
      claimed.set(claim, column);
      continue;
    }
    found.push({
      severity: 'error',
      code: 'column_conflict',
      row: shape.headerRow,
      column: column.header,
      params: {
        role: column.role,
        ...(column.metric !== undefined && column.role === 'metric_value' ? { metric: column.metric } : {}),
        ...(column.year !== undefined && column.role === 'year_value' ? { year: column.year } : {}),
        ...columnParams(first, 'first'),
        ...columnParams(column, 'second'),
      },
    });
  }
  return found;
}

/** The codes `shapeProblems` reports: they change when the analyst corrects the shape. */
export const SHAPE_PROBLEM_CODES: ReadonlySet<ImportMessageCode> = new Set(['missing_column', 'column_conflict']);

/**
 * What stops a shape from being read, as errors: the required columns it
 * lacks for its layout (`missing_column`, params.role) — region always; for long files a
 * metric column and a value (or numerator and denominator); for wide files at
 * least one metric column; for rosters a students column; for year-column
 * files a metric column and at least one year column — and two columns that
 * mean the same thing (`column_conflict`, see `conflicts`). A year column is
 * not required here (see `createRowMapper`, which reports `year_missing` when
 * there is no default year either).
 */
export function shapeProblems(shape: TableShape): ImportMessage[] {
  const has = (role: ColumnRole) => shape.columns.some((column) => column.role === role);
  const missing: ColumnRole[] = [];
  if (!has('region')) missing.push('region');
  if (shape.layout === 'long') {
    if (!has('metric')) missing.push('metric');
    if (!has('value') && !(has('numerator') && has('denominator'))) {
      missing.push(has('numerator') ? 'denominator' : has('denominator') ? 'numerator' : 'value');
    }
  } else if (shape.layout === 'wide') {
    if (!shape.columns.some((column) => column.role === 'metric_value' && column.metric !== undefined)) missing.push('metric_value');
  } else if (shape.layout === 'year_columns') {
    if (!has('metric')) missing.push('metric');
    if (!shape.columns.some((column) => column.role === 'year_value' && column.year !== undefined)) missing.push('year_value');
  } else if (!has('students')) missing.push('students');
  return [
    ...missing.map((role): ImportMessage => ({ severity: 'error', code: 'missing_column', params: { role } })),
    ...conflicts(shape),
  ];
}

/**
 * Detection's messages with its shape problems replaced by those of `shape`
 * as the analyst corrected it, so what still blocks the check is shown and
 * what the analyst fixed (a column mapped to 不导入) is gone.
 */
export function withShapeProblems(messages: readonly ImportMessage[], shape: TableShape): ImportMessage[] {
  const problems = shapeProblems(shape).map((problem) => ({ ...problem, row: shape.headerRow }));
  return [...messages.filter((message) => !SHAPE_PROBLEM_CODES.has(message.code)), ...problems];
}

/**
 * The shape with the analyst's choices applied: layout, default year, header
 * row and column mappings (matched by column index; columns not named keep
 * what was detected). Moving the header row drops title rows below it and a
 * unit row above it; the column names are not re-read — call `detectTable`
 * with `{ headerRow }` for that.
 */
export function applyOverrides(shape: TableShape, overrides: ImportOverrides['shape']): TableShape {
  if (!overrides) return shape;
  const next: TableShape = { ...shape };
  if (overrides.layout !== undefined) next.layout = overrides.layout;
  if ('defaultYear' in overrides) {
    if (overrides.defaultYear === undefined) delete next.defaultYear;
    else next.defaultYear = overrides.defaultYear;
  }
  if (overrides.headerRow !== undefined && overrides.headerRow !== shape.headerRow) {
    const headerRow = overrides.headerRow;
    next.headerRow = headerRow;
    next.titleRows = shape.titleRows.filter((row) => row < headerRow);
    if (shape.unitRow !== undefined && shape.unitRow <= headerRow) delete next.unitRow;
  }
  if (overrides.columns) {
    const chosen = new Map(overrides.columns.map((column) => [column.index, column]));
    const known = new Set(shape.columns.map((column) => column.index));
    next.columns = [
      ...shape.columns.map((column) => chosen.get(column.index) ?? column),
      ...overrides.columns.filter((column) => !known.has(column.index)),
    ].sort((a, b) => a.index - b.index);
  }
  return next;
}
