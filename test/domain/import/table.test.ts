import { expect, test } from 'vitest';
import { applyOverrides, detectTable, headerAliases, shapeProblems, type HeaderRole } from '@/domain/import/table';
import type { CsvRecord, Delimiter, TableShape } from '@/domain/import/types';
import { ruzhouSet } from '../../fixtures/ruzhou';

const SET = ruzhouSet();

/** Records as the CSV reader emits them: one per line, rows from 1, a blank line as one empty cell. No quoting. */
const recordsOf = (text: string, delimiter: Delimiter = ','): CsvRecord[] =>
  text.split('\n').map((line, i) => ({ row: i + 1, cells: line.split(delimiter) }));

const detect = (text: string, delimiter: Delimiter = ',') => detectTable(recordsOf(text, delimiter), SET, delimiter);

function detectShape(text: string, delimiter: Delimiter = ','): TableShape {
  const result = detect(text, delimiter);
  if (!result.ok) throw new Error(`no table: ${JSON.stringify(result.messages)}`);
  return result.shape;
}

const roles = (shape: TableShape) => shape.columns.map((c) => c.role);

test('a long file with title rows and a unit row above the data is found with Chinese headers', () => {
  const result = detect(['汝州市2020年教育统计', '填报单位：汝州市教育体育局', '乡镇,年份,指标,数值(%)', ',,,%', '煤山街道,2020,大班额比例,8.5'].join('\n'));
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.shape).toMatchObject({ delimiter: ',', headerRow: 3, titleRows: [1, 2], unitRow: 4, layout: 'long' });
  expect(roles(result.shape)).toEqual(['region', 'year', 'metric', 'value']);
  expect(result.shape.columns[3]).toEqual({ index: 3, header: '数值(%)', role: 'value', unit: '%', source: 'header' });
  expect(result.messages.map((m) => [m.code, m.row])).toEqual([
    ['title_row', 1],
    ['title_row', 2],
    ['unit_row', 4],
  ]);
  expect(result.messages[0]!.value).toBe('汝州市2020年教育统计');
});

test('English headers are recognised despite stray spaces, full-width letters and case', () => {
  const shape = detectShape(' Ｒｅｇｉｏｎ \t YEAR\tMetric_ID\tValue (%)\tNumerator\t DENOMINATOR', '\t');
  expect(shape.layout).toBe('long');
  expect(roles(shape)).toEqual(['region', 'year', 'metric', 'value', 'numerator', 'denominator']);
  expect(shape.columns[0]!.header).toBe('Ｒｅｇｉｏｎ');
  expect(shape.headerRow).toBe(1);
  expect(shape.titleRows).toEqual([]);
  expect(shape.unitRow).toBeUndefined();
});

const aliasCases = (Object.entries(headerAliases) as [HeaderRole, readonly string[]][]).flatMap(([role, names]) =>
  names.map((name) => ({ name, role })),
);

test.each(aliasCases)('the header "$name" is recognised as the $role column', ({ name, role }) => {
  // Pair each alias with a second recognised header so the row counts as the header.
  const other = role === 'year' ? '地区' : '年份';
  const shape = detectTable([{ row: 1, cells: [name, other, '指标', '数值', '学生数'] }], SET, ',');
  expect(shape.ok).toBe(true);
  if (shape.ok) expect(shape.shape.columns[0]!.role).toBe(role);
});

test('the alias table lists the names the import page shows', () => {
  expect(headerAliases.region).toEqual(expect.arrayContaining(['地区', '乡镇', '乡镇街道', '区域', '行政区划', '地区代码', 'region', 'township', 'area', 'region_code']));
  expect(headerAliases.students).toEqual(expect.arrayContaining(['学生数', '班额', '人数', '在班人数', '学生人数', 'students', 'class_size']));
  expect(headerAliases.year).toEqual(['年份', '年度', '统计年度', '统计年份', 'year']);
});

test('a long file with numerator and denominator and no value column is a long file', () => {
  const shape = detectShape('地区,年度,指标名称,分子,分母');
  expect(shape.layout).toBe('long');
  expect(roles(shape)).toEqual(['region', 'year', 'metric', 'numerator', 'denominator']);
});

test('columns named after metrics make a wide file, by Chinese name, alias, English name or id', () => {
  const result = detect('乡镇街道,年份,学前三年毛入园率,普惠园覆盖率（%）,Share of children in public kindergartens,highschool_large_class_share,备注');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.messages).toEqual([]);
  expect(result.shape.layout).toBe('wide');
  expect(result.shape.columns).toEqual([
    { index: 0, header: '乡镇街道', role: 'region', source: 'header' },
    { index: 1, header: '年份', role: 'year', source: 'header' },
    { index: 2, header: '学前三年毛入园率', role: 'metric_value', metric: 'preschool_gross_enrollment_rate', source: 'metric_name' },
    { index: 3, header: '普惠园覆盖率（%）', role: 'metric_value', metric: 'inclusive_kindergarten_coverage', unit: '%', source: 'metric_name' },
    { index: 4, header: 'Share of children in public kindergartens', role: 'metric_value', metric: 'public_kindergarten_share', source: 'metric_name' },
    { index: 5, header: 'highschool_large_class_share', role: 'metric_value', metric: 'highschool_large_class_share', source: 'metric_name' },
    { index: 6, header: '备注', role: 'citation', source: 'header' },
  ]);
});

test('a second column for the same metric or role is kept and reported as a conflict, never silently dropped', () => {
  const result = detect('地区,乡镇,毛入园率,学前三年毛入园率');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(roles(result.shape)).toEqual(['region', 'region', 'metric_value', 'metric_value']);
  expect(result.messages.map((m) => [m.code, m.column, m.params.first, m.params.firstColumn, m.params.second, m.params.secondColumn])).toEqual([
    ['column_conflict', '乡镇', '地区', 'A', '乡镇', 'B'],
    ['column_conflict', '学前三年毛入园率', '毛入园率', 'C', '学前三年毛入园率', 'D'],
  ]);
});

test('a code column beside a name column (地区代码 and 地区, as the figure export writes) reads the code, without a conflict', () => {
  const result = detect('地区,地区代码,年份,指标代码,指标,数值');
  expect(result.ok && result.messages).toEqual([]);
  if (result.ok) expect(roles(result.shape)).toEqual(['ignore', 'region', 'year', 'metric', 'ignore', 'value']);
});

test('a class roster is recognised by its students column', () => {
  const shape = detectShape('学校名称,班级,乡镇,统计年度,班额（人）\n,,,,人\n汝州市第一高级中学,高一(1)班,煤山街道,2020,58');
  expect(shape.layout).toBe('roster');
  expect(shape.unitRow).toBe(2);
  expect(roles(shape)).toEqual(['school', 'class', 'region', 'year', 'students']);
});

test.each([
  ['%,人,（%）', true],
  ['单位：%,,', true],
  ['percent,persons,', true],
  ['%,85.3,', false],
  ['煤山街道,2020,8.5', false],
  [',,', false],
])('the row "%s" below the header is a unit row: %s', (line, isUnit) => {
  const shape = detectShape(`地区,年份,毛入园率\n${line}`);
  expect(shape.unitRow).toBe(isUnit ? 2 : undefined);
});

test('a file without two recognised header names in its first 50 rows has no header', () => {
  const lines = Array.from({ length: 60 }, (_, i) => `第${i}行,说明`);
  lines.push('地区,年份,指标,数值');
  const result = detect(lines.join('\n'));
  expect(result).toEqual({ ok: false, messages: [{ severity: 'error', code: 'no_header', params: { rows: 50 } }] });
});

test('a header of known names that fits no layout is refused as layout_unknown', () => {
  const result = detect('标题\n地区,年份,备注\n煤山,2020,好');
  expect(result.ok).toBe(false);
  expect(result.messages.map((m) => m.code)).toEqual(['title_row', 'layout_unknown']);
  expect(result.messages[1]!.row).toBe(2);
});

test('a missing region column is reported with its role and the shape is still returned for the analyst to fix', () => {
  const result = detect('年份,指标,数值');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.shape.layout).toBe('long');
  expect(result.messages).toEqual([{ severity: 'error', code: 'missing_column', row: 1, params: { role: 'region' } }]);
});

test.each([
  ['地区,年份,指标,分子', 'denominator'],
  ['地区,年份,指标,分母', 'numerator'],
  ['地区,年份,指标,备注', 'value'],
  ['学生数,年份,班级', 'region'],
  ['毛入园率,年份,普惠园覆盖率', 'region'],
])('the header "%s" lacks the %s column', (header, role) => {
  const result = detect(header);
  expect(result.ok).toBe(true);
  expect(result.messages.filter((m) => m.code === 'missing_column').map((m) => m.params.role)).toEqual([role]);
});

test('a file without a year column is not refused at detection, since a default year may be chosen', () => {
  const result = detect('地区,指标,数值');
  expect(result.ok).toBe(true);
  expect(result.messages).toEqual([]);
});

test('a header cell such as __proto__ is an ignored column and pollutes nothing', () => {
  const shape = detectShape('__proto__,constructor,地区,年份,toString,毛入园率');
  expect(roles(shape)).toEqual(['ignore', 'ignore', 'region', 'year', 'ignore', 'metric_value']);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('the analyst can name the header row, and rows above it become title rows', () => {
  const records = recordsOf('地区,年份\n旧表头,说明\n乡镇,年度,指标,数值\n煤山,2020,毛入园率,88');
  expect(detectTable(records, SET, ',').ok).toBe(false);
  const result = detectTable(records, SET, ',', { headerRow: 3 });
  expect(result.ok).toBe(true);
  if (result.ok) expect(result.shape).toMatchObject({ headerRow: 3, titleRows: [1, 2], layout: 'long' });
});

test('overrides change layout, default year and named columns, and leave the rest as detected', () => {
  const shape = detectShape('标题\n地区,年份,指标,数值,备注\n,,,%,');
  const changed = applyOverrides(shape, {
    layout: 'long',
    defaultYear: 2020,
    columns: [{ index: 4, header: '备注', role: 'ignore', source: 'analyst' }, { index: 1, header: '年份', role: 'ignore', source: 'analyst' }],
  });
  expect(changed.defaultYear).toBe(2020);
  expect(roles(changed)).toEqual(['region', 'ignore', 'metric', 'value', 'ignore']);
  expect(changed.columns[1]!.source).toBe('analyst');
  expect(changed.columns[0]).toBe(shape.columns[0]);
  expect(shape.defaultYear).toBeUndefined();
  expect(applyOverrides(shape, undefined)).toBe(shape);
});

test('moving the header row up drops the title rows below it and keeps the unit row below it', () => {
  const shape = detectShape('标题\n说明\n地区,年份,指标,数值\n,,,%');
  expect(applyOverrides(shape, { headerRow: 2 })).toMatchObject({ headerRow: 2, titleRows: [1], unitRow: 4 });
  const moved = applyOverrides(shape, { headerRow: 5 });
  expect(moved).toMatchObject({ headerRow: 5, titleRows: [1, 2] });
  expect(moved.unitRow).toBeUndefined();
});

test('a default year can be cleared by an override', () => {
  const shape = { ...detectShape('地区,指标,数值'), defaultYear: 2019 };
  expect(applyOverrides(shape, { defaultYear: undefined }).defaultYear).toBeUndefined();
  expect(shapeProblems(shape)).toEqual([]);
});
