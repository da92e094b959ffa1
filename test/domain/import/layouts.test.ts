// @vitest-environment node
import { expect, test } from 'vitest';
import { withShapeProblems } from '@/domain/import/table';
import type { ColumnMapping, ImportMessage } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import { enImport } from '@/i18n/en-import';
import { zhCNImport } from '@/i18n/zh-cn-import';
import { inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf, type ImportDecisions, type Inspected } from '@/workers/import-protocol';
import { ruzhouSet } from '../../fixtures/ruzhou';
import { buildXlsx } from './xlsx-fixture';

/**
 * Headers and layouts (issue 10, item 3), on real bytes through the worker's
 * pipeline as the import page runs it: inspect the file's head, then run the
 * whole file with the decisions (as the analyst corrected them).
 */

const set: TargetSet = ruzhouSet();
const MEISHAN = '410482001';
const ZHONGLOU = '410482003';
const GER = 'preschool_gross_enrollment_rate';
const MASTERS = 'provincial_master_teachers';

/** A CSV as Excel's "CSV UTF-8" writes it: a byte-order mark, then UTF-8 with CRLF line ends. */
function csvFile(lines: readonly string[], name = 'figures.csv'): File {
  return new File([new TextEncoder().encode('\ufeff' + lines.join('\r\n') + '\r\n')], name, { type: 'text/csv' });
}

async function inspect(file: File): Promise<Inspected> {
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error(`not inspected: ${JSON.stringify(inspected)}`);
  return inspected;
}

async function run(file: File, inspected: Inspected, edit: (decisions: ImportDecisions) => ImportDecisions = (d) => d) {
  const decisions = decisionsOf(inspected);
  if (!decisions) throw new Error(`no table: ${JSON.stringify(inspected.messages)}`);
  const { result, batch } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: edit(decisions), stored: [] }, () => undefined);
  if (result.type !== 'done') throw new Error(`the run failed: ${result.message.code}`);
  return { preview: result.preview, figures: batch?.figures ?? [], layout: batch?.layout };
}

/** Inspects and runs a CSV file, with the analyst's edit of the decisions if any. */
async function importCsv(lines: readonly string[], edit?: (decisions: ImportDecisions) => ImportDecisions) {
  const file = csvFile(lines);
  const inspected = await inspect(file);
  return { inspected, ...(await run(file, inspected, edit)) };
}

/** The analyst sets one column's meaning in the column-mapping editor. */
const mapColumn =
  (index: number, role: ColumnMapping['role']) =>
  (decisions: ImportDecisions): ImportDecisions => ({
    ...decisions,
    shape: { ...decisions.shape, columns: decisions.shape.columns.map((c) => (c.index === index ? { index, header: c.header, role, source: 'analyst' } : c)) },
  });

/** These files put township rows on 省级名师, a city-wide metric: that warning (severities.test.ts's) is not what is tested here. */
const notCityWide = (m: ImportMessage) => m.code !== 'subunit_on_city_target';
const brief = (messages: readonly ImportMessage[]) => messages.map((m) => [m.severity, m.code, m.row, m.column, m.value]);
const conflict = (m: ImportMessage) => [m.code, m.row, m.params.role, m.params.first, m.params.firstColumn, m.params.second, m.params.secondColumn];

// (a) two columns claiming one meaning

test('two 数值 columns refuse the file, naming both by header and column letter; mapping one to 不导入 makes it pass', async () => {
  const lines = ['乡镇,年份,指标,数值,数值', '煤山街道,2020,毛入园率,91,92', '钟楼街道,2020,毛入园率,88,'];
  const refused = await importCsv(lines);
  // Seen while inspecting, before anything is checked …
  expect(refused.inspected.messages.map(conflict)).toEqual([['column_conflict', 1, 'value', '数值', 'D', '数值', 'E']]);
  // … and the check imports nothing while it stands: every row is rejected.
  expect(refused.figures).toEqual([]);
  expect(refused.preview.counts).toMatchObject({ rows: 2, rejectedRows: 2, errors: 1, added: 0 });
  expect(refused.preview.messages.map(conflict)).toEqual([['column_conflict', 1, 'value', '数值', 'D', '数值', 'E']]);

  const second = await importCsv(lines, mapColumn(3, 'ignore'));
  expect(brief(second.preview.messages)).toEqual([['note', 'value_missing', 3, '数值', '']]);
  expect(second.figures).toEqual([{ metric: GER, region: MEISHAN, year: 2020, value: 92, rows: [2] }]);
  const first = await importCsv(lines, mapColumn(4, 'ignore'));
  expect(first.figures.map((f) => [f.region, f.value])).toEqual([
    [MEISHAN, 91],
    [ZHONGLOU, 88],
  ]);
});

test('数值 and 实际值 are both the value: refused until one is remapped, and the inspection shows the conflict gone once it is', async () => {
  const lines = ['地区,年份,指标,实际值,数值', '煤山街道,2020,毛入园率,91,91.5'];
  const { inspected, figures } = await importCsv(lines);
  expect(inspected.messages.map(conflict)).toEqual([['column_conflict', 1, 'value', '实际值', 'D', '数值', 'E']]);
  expect(figures).toEqual([]);
  const fixed = mapColumn(4, 'ignore')(decisionsOf(inspected)!);
  // What the import page shows after the correction: detection's messages with the shape's problems as they are now.
  expect(withShapeProblems(inspected.messages, fixed.shape)).toEqual([]);
  expect((await importCsv(lines, mapColumn(4, 'ignore'))).figures).toMatchObject([{ value: 91 }]);
});

test('two 年份 columns and two 乡镇 columns are conflicts too, each naming its pair', async () => {
  const { inspected, figures } = await importCsv(['乡镇,地区,年份,年度,指标,数值', '煤山街道,煤山街道,2020,2020,毛入园率,91']);
  expect(inspected.messages.map(conflict)).toEqual([
    ['column_conflict', 1, 'region', '乡镇', 'A', '地区', 'B'],
    ['column_conflict', 1, 'year', '年份', 'C', '年度', 'D'],
  ]);
  expect(figures).toEqual([]);
});

test('a code column beside a name column (区划代码, 乡镇) and 来源 beside 备注 are not conflicts: the code and the first source are read', async () => {
  const { inspected, figures, preview } = await importCsv(['区划代码,乡镇,年份,指标,数值,来源,备注', '410482001,煤山街道,2020,毛入园率,91,年报,核对过']);
  expect(inspected.messages).toEqual([]);
  expect(preview.messages).toEqual([]);
  expect(figures).toEqual([{ metric: GER, region: MEISHAN, year: 2020, value: 91, citation: '年报', rows: [2] }]);
});

test('the conflict message names both columns in zh-CN and English', () => {
  for (const text of [zhCNImport.importMessages.column_conflict, enImport.importMessages.column_conflict]) {
    for (const param of ['{{first}}', '{{firstColumn}}', '{{second}}', '{{secondColumn}}', '{{role}}']) expect(text).toContain(param);
  }
});

// (b) one column per year

test('a table with one column per year (乡镇, 指标, 2021, 2022, 2023年) is its own layout: each cell a figure, an empty cell a gap', async () => {
  const { inspected, figures, preview, layout } = await importCsv([
    '乡镇,指标,2021,2022,2023年',
    '煤山街道,毛入园率,91,,93.5',
    '钟楼街道,省级名师,3,4,—',
  ]);
  expect(inspected.messages).toEqual([]);
  expect(inspected.shape).toMatchObject({ layout: 'year_columns' });
  expect(inspected.shape!.columns.map((c) => [c.role, c.year])).toEqual([
    ['region', undefined],
    ['metric', undefined],
    ['year_value', 2021],
    ['year_value', 2022],
    ['year_value', 2023],
  ]);
  expect(preview.messages.filter(notCityWide)).toEqual([]);
  expect(preview.counts).toMatchObject({ rows: 2, added: 4, rejectedRows: 0 });
  // 煤山 2022 and 钟楼 2023 are gaps: no figure, never 0.
  expect(figures).toEqual([
    { metric: GER, region: MEISHAN, year: 2021, value: 91, rows: [2] },
    { metric: GER, region: MEISHAN, year: 2023, value: 93.5, rows: [2] },
    { metric: MASTERS, region: ZHONGLOU, year: 2021, value: 3, rows: [3] },
    { metric: MASTERS, region: ZHONGLOU, year: 2022, value: 4, rows: [3] },
  ]);
  // The batch records the layout the figures were read in.
  expect(layout).toBe('year_columns');
});

test('year-column rows get located messages: a bad cell refuses its figure only, an unknown metric its row, a repeated row is a conflict', async () => {
  const { figures, preview } = await importCsv([
    '乡镇,指标,2021,2022',
    '煤山街道,毛入园率,91,9l',
    '钟楼街道,不存在的指标,80,81',
    '寄料镇,毛入园率,120,',
    '寄料镇,毛入园率,121,',
  ]);
  expect(brief(preview.messages)).toEqual([
    ['error', 'number_invalid', 2, '2022', '9l'],
    ['error', 'metric_unknown', 3, '指标', '不存在的指标'],
    ['error', 'duplicate_key', 4, '2021', undefined],
    ['error', 'duplicate_key', 5, '2021', undefined],
    ['note', 'gross_rate_over_100', 4, '2021', '120'],
    ['note', 'gross_rate_over_100', 5, '2021', '121'],
  ]);
  expect(figures).toEqual([{ metric: GER, region: MEISHAN, year: 2021, value: 91, rows: [2] }]);
  expect(preview.messages.filter((m) => m.code === 'duplicate_key').map((m) => [m.row, m.relatedRows])).toEqual([
    [4, [5]],
    [5, [4]],
  ]);
});

test('a long file with a stray year-like column stays long, and the year column is not read', async () => {
  const { inspected, figures } = await importCsv(['乡镇,年份,指标,数值,2021', '煤山街道,2020,毛入园率,91,95']);
  expect(inspected.shape).toMatchObject({ layout: 'long' });
  expect(inspected.shape!.columns[4]).toMatchObject({ role: 'ignore' });
  expect(figures).toMatchObject([{ year: 2020, value: 91 }]);
});

test('a year-column workbook with its years stored as numbers is read the same way', async () => {
  const bytes = buildXlsx([{ name: 'Sheet1', rows: { 1: ['汝州市分年数据'], 2: ['乡镇', '指标', { n: 2021 }, { n: 2022 }], 3: ['煤山街道', '毛入园率', { n: 90 }, { n: 0.925, s: 1 }] } }]);
  const file = new File([new Uint8Array(bytes)], 'years.xlsx');
  const inspected = await inspect(file);
  expect(inspected.shape).toMatchObject({ layout: 'year_columns', headerRow: 2, titleRows: [1] });
  const { figures } = await run(file, inspected);
  expect(figures).toEqual([
    { metric: GER, region: MEISHAN, year: 2021, value: 90, rows: [3] },
    { metric: GER, region: MEISHAN, year: 2022, value: 92.5, rows: [3] },
  ]);
});

// (c) units in headers

test('a unit in brackets is recognised and kept with its column: 实际值(%), 人数（人）, 数值（所）', async () => {
  const long = await inspect(csvFile(['乡镇,年份,指标,实际值(%)', '煤山街道,2020,毛入园率,91']));
  expect(long.shape!.columns[3]).toEqual({ index: 3, header: '实际值(%)', role: 'value', unit: '%', source: 'header' });
  const roster = await inspect(csvFile(['学校,乡镇,年份,班级,人数（人）', '一中,煤山街道,2020,1班,50']));
  expect(roster.shape!.columns[4]).toMatchObject({ role: 'students', unit: '人' });
  const schools = await inspect(csvFile(['乡镇,年份,指标,数值（所）', '煤山街道,2020,毛入园率,91']));
  expect(schools.shape!.columns[3]).toMatchObject({ role: 'value', unit: '所' });
  // Text in brackets that is not a unit is no unit.
  const note = await inspect(csvFile(['乡镇,年份,指标,数值(2020口径)', '煤山街道,2020,毛入园率,91']));
  expect(note.shape!.columns[3]).toEqual({ index: 3, header: '数值(2020口径)', role: 'value', source: 'header' });
});

test('a % header for a count metric warns at the row and cell, and the figure is imported in the metric’s unit; a match is silent', async () => {
  const { figures, preview } = await importCsv(['乡镇,年份,指标,实际值(%)', '煤山街道,2020,毛入园率,91', '钟楼街道,2020,省级名师,12']);
  expect(preview.messages.filter(notCityWide)).toEqual([
    { severity: 'warning', code: 'unit_mismatch', row: 3, column: '实际值(%)', value: '12', params: { written: '%', unit: 'persons', metric: MASTERS } },
  ]);
  expect(figures.map((f) => [f.metric, f.value])).toEqual([
    [GER, 91],
    [MASTERS, 12],
  ]);
});

test('a count header (数值（所）) for a percent metric warns; a bare count (个) fits any count; a unit row gives the unit too', async () => {
  const schools = await importCsv(['乡镇,年份,指标,数值（所）', '煤山街道,2020,毛入园率,91']);
  expect(brief(schools.preview.messages.filter(notCityWide))).toEqual([['warning', 'unit_mismatch', 2, '数值（所）', '91']]);
  const bare = await importCsv(['乡镇,年份,指标,数值（个）', '煤山街道,2020,省级名师,12']);
  expect(bare.preview.messages.filter(notCityWide)).toEqual([]);
  const unitRow = await importCsv(['乡镇,年份,指标,数值', ',,,人', '煤山街道,2020,毛入园率,91', '钟楼街道,2020,省级名师,12']);
  expect(brief(unitRow.preview.messages.filter(notCityWide))).toEqual([
    ['warning', 'unit_mismatch', 3, '数值', '91'],
    ['note', 'unit_row', 2, undefined, undefined],
  ]);
});

test('a metric’s own column whose unit contradicts the metric (省级名师(%)) is an error at each cell, and that column is not imported', async () => {
  const { figures, preview } = await importCsv(['乡镇,年份,省级名师(%),毛入园率（%）', '煤山街道,2020,12,91']);
  expect(brief(preview.messages)).toEqual([['error', 'unit_mismatch_column', 2, '省级名师(%)', '12']]);
  expect(preview.messages[0]!.params).toEqual({ written: '%', unit: 'persons', metric: MASTERS });
  expect(figures).toEqual([{ metric: GER, region: MEISHAN, year: 2020, value: 91, rows: [2] }]);
  expect(preview.counts.rejectedRows).toBe(1);
});
