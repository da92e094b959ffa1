import type { ColumnMapping, ColumnRole, CsvRecord, Delimiter, ImportMessage, ImportOverrides, Layout, TableShape } from './types';
import { parseNumberCell, visibleText } from './cells';
import { labelKey, metricLookup } from './names';
import type { Metric, TargetSet } from '@/domain/targets/target-set';

/**
 * Finding the table in the first records of a file: which row is the header,
 * which rows above it are titles, whether a row of units follows it, the
 * layout (long, wide or roster) and what each column holds.
 */

/** The column roles a header name can stand for (wide-layout metric columns are found by metric name instead). */
export type HeaderRole = Exclude<ColumnRole, 'metric_value' | 'ignore'>;

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
  value: ['数值', '值', '数据', 'value'],
  numerator: ['分子', 'numerator'],
  denominator: ['分母', 'denominator'],
  school: ['学校', '学校名称', 'school'],
  class: ['班级', '班级名称', '班号', 'class'],
  students: ['学生数', '班额', '人数', '在班人数', '学生人数', 'students', 'class_size'],
  citation: ['来源', '数据来源', '资料来源', '数据出处', '出处', '备注', 'source', 'sources', 'data_source', 'note', 'notes', 'citation', 'remarks'],
};

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

const UNIT_TOKENS = new Set(['%', '‰', '人', '个', '所', '间', '班', '名', '人次', '万人', '元', '单位', 'percent', 'persons', 'person', 'classes', 'schools']);

/** True for a unit as written in a unit row: "%", "人", "（%）", "单位：人", "percent". */
function isUnitToken(cell: string): boolean {
  let text = cell.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  while (text.length >= 2 && '([{【'.includes(text[0]!) && ')]}】'.includes(text[text.length - 1]!)) text = text.slice(1, -1);
  return UNIT_TOKENS.has(text) || text.startsWith('单位');
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
 * just below it is a unit row when most of its cells are units. The layout is
 * roster when there is a students column, long when there is a metric column
 * with values or parts, wide when columns are named after metrics.
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

  const roles = new Set<ColumnRole>();
  const metricColumns = new Set<string>();
  const columns = header.cells.map((cell, index): ColumnMapping => {
    const text = cell.trim();
    const match = matchHeader(cell, metrics);
    if (match && 'role' in match && !roles.has(match.role)) {
      roles.add(match.role);
      return { index, header: text, role: match.role, source: 'header' };
    }
    if (match && 'metric' in match && !metricColumns.has(match.metric.id)) {
      metricColumns.add(match.metric.id);
      return { index, header: text, role: 'metric_value', metric: match.metric.id, source: 'metric_name' };
    }
    return { index, header: text, role: 'ignore', source: 'none' };
  });

  let layout: Layout;
  if (roles.has('students')) layout = 'roster';
  else if (roles.has('metric')) layout = 'long';
  else if (metricColumns.size > 0) layout = 'wide';
  else {
    messages.push({ severity: 'error', code: 'layout_unknown', row: header.row, params: {} });
    return { ok: false, messages };
  }
  // Metric-named columns only hold values in a wide file.
  const finalColumns =
    layout === 'wide'
      ? columns
      : columns.map((column): ColumnMapping =>
          column.role === 'metric_value' ? { index: column.index, header: column.header, role: 'ignore', source: 'none' } : column,
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

/**
 * The required columns a shape lacks for its layout, as `missing_column`
 * errors (params.role): region always; for long files a metric column and a
 * value (or numerator and denominator); for wide files at least one metric
 * column; for rosters a students column. A year column is not required here
 * (see `createRowMapper`, which reports `year_missing` when there is no
 * default year either).
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
  } else if (!has('students')) missing.push('students');
  return missing.map((role): ImportMessage => ({ severity: 'error', code: 'missing_column', params: { role } }));
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
