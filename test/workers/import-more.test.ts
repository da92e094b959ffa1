// @vitest-environment node
import { expect, test } from 'vitest';
import type { StoredFigure } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import { batchRequest, inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf } from '@/workers/import-protocol';
import { ruzhouSet } from '../fixtures/ruzhou';

/**
 * Issue 10, items 7–9 on real CSV bytes (UTF-8 with a BOM, CRLF, as Excel's
 * "CSV UTF-8" saves it), run the way the worker runs them: inspect, then run.
 */

const set: TargetSet = ruzhouSet();
const CITY = '410482';
const JILIAO = '410482101';
const LARGE = 'highschool_large_class_share';
const MASTERS = 'provincial_master_teachers';

function csvFile(lines: string[], name = 'file.csv'): File {
  const body = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  return new File([new Uint8Array([0xef, 0xbb, 0xbf]), body], name, { type: 'text/csv' });
}

async function run(file: File, stored: StoredFigure[] = []) {
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error(`inspecting ${file.name} found no table`);
  const { result, batch } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: decisionsOf(inspected)!, stored }, () => undefined);
  if (result.type !== 'done') throw new Error(`running ${file.name} failed: ${JSON.stringify(result)}`);
  return { preview: result.preview, figures: batch ? batchRequest(batch).figures : [] };
}

const ROSTER = '学校,乡镇,年份,班级,学生数';
const stored = (metric: string, region: string, year: number, value: number): StoredFigure => ({ metric, region, year, value, source: 'import' });

test('a roster of one township writes that township only: the city stays the roll-up, and the preview says so', async () => {
  const { preview, figures } = await run(csvFile([ROSTER, '寄料镇高级中学,寄料镇,2020,高一(1)班,60', '寄料镇高级中学,寄料镇,2020,高一(2)班,40']), [stored(LARGE, CITY, 2020, 12)]);
  expect(figures).toEqual([{ metric: LARGE, region: JILIAO, year: 2020, numerator: 1, denominator: 2 }]);
  expect(preview.replacements).toEqual([]);
  const partial = preview.messages.filter((m) => m.code === 'roster_partial');
  expect(partial.map((m) => [m.severity, m.params.region, m.params.covered, m.params.cityClasses])).toEqual([['note', CITY, 1, 0]]);
});

test('八（3）班 and 八(3)班 of the same school with the same size are one class, counted once with a warning', async () => {
  const school = '寄料镇第一初级中学';
  // school_levels [senior_secondary] leaves grade 8 out: its duplicate is warned of and the class skipped once.
  const { preview, figures } = await run(
    csvFile([ROSTER, `${school},寄料镇,2020,八（3）班,60`, `${school},寄料镇,2020,八(3)班,60`, '寄料镇高级中学,寄料镇,2020,高一（3）班,58', '寄料镇高级中学 ,寄料镇,2020,高一(3)班,58', '寄料镇高级中学,寄料镇,2020,高一(4)班,40']),
  );
  expect(preview.messages.filter((m) => m.code === 'class_duplicate').map((m) => [m.severity, m.row, m.params.firstRow])).toEqual([
    ['warning', 3, 2],
    ['warning', 5, 4],
  ]);
  expect(preview.messages.find((m) => m.code === 'roster_level_skipped')?.params.classes).toBe(1);
  expect(figures).toEqual([{ metric: LARGE, region: JILIAO, year: 2020, numerator: 1, denominator: 2 }]);
});

test('the same class again with another size is an error: the first row is counted', async () => {
  const { preview, figures } = await run(csvFile([ROSTER, '寄料镇高级中学,寄料镇,2020,高一(3)班,58', '寄料镇高级中学,寄料镇,2020,高一（3）班,40']));
  expect(preview.messages.filter((m) => m.code === 'class_conflict').map((m) => [m.severity, m.row, m.params.firstStudents, m.params.students])).toEqual([['error', 3, 58, 40]]);
  expect(figures).toEqual([{ metric: LARGE, region: JILIAO, year: 2020, numerator: 1, denominator: 1 }]);
});

test('a class above max_class_size (150) is an error located on its cell; 150 itself is accepted', async () => {
  const { preview, figures } = await run(csvFile([ROSTER, '寄料镇高级中学,寄料镇,2020,高一(1)班,151', '寄料镇高级中学,寄料镇,2020,高一(2)班,150']));
  expect(preview.messages.filter((m) => m.code === 'class_size_implausible')).toEqual([
    { severity: 'error', code: 'class_size_implausible', row: 2, column: '学生数', value: '151', params: { students: 151, max: 150 } },
  ]);
  expect(figures).toEqual([{ metric: LARGE, region: JILIAO, year: 2020, numerator: 1, denominator: 1 }]);
});

test('the high-school metric leaves a primary class out, told from the class or the school name', async () => {
  const { preview, figures } = await run(
    csvFile([ROSTER, '寄料镇中心小学,寄料镇,2020,五(2)班,60', '寄料镇实验学校,寄料镇,2020,三年级1班,70', '寄料镇高级中学,寄料镇,2020,1班,57']),
  );
  expect(preview.messages.find((m) => m.code === 'roster_level_skipped')).toMatchObject({ severity: 'note', params: { classes: 2, levels: 'senior_secondary' } });
  expect(figures).toEqual([{ metric: LARGE, region: JILIAO, year: 2020, numerator: 1, denominator: 1 }]);
});

test('a class whose level cannot be told is an error when the metric counts only some levels', async () => {
  const { preview, figures } = await run(csvFile([ROSTER, '寄料镇实验学校,寄料镇,2020,1班,57']));
  expect(preview.messages.filter((m) => m.code === 'class_level_unknown').map((m) => [m.severity, m.row, m.value])).toEqual([['error', 2, '1班']]);
  expect(figures).toEqual([]);
});

test('a jump far from the series’ usual change is a warning with the old and new values', async () => {
  const history = [2016, 2017, 2018, 2019].map((year, i) => stored(MASTERS, JILIAO, year, 10 + i));
  const { preview, figures } = await run(csvFile(['地区,年份,指标,数值', '寄料镇,2020,省级名师人数,40']), history);
  expect(figures).toHaveLength(1);
  expect(preview.messages.filter((m) => m.code === 'figure_jump')).toEqual([
    expect.objectContaining({ severity: 'warning', row: 2, params: expect.objectContaining({ metric: MASTERS, region: JILIAO, year: 2020, previousYear: 2019, old: 13, new: 40 }) }),
  ]);
  // The same series moving by its usual step is not flagged.
  const usual = await run(csvFile(['地区,年份,指标,数值', '寄料镇,2020,省级名师人数,14']), history);
  expect(usual.preview.messages.some((m) => m.code === 'figure_jump')).toBe(false);
});

test('a template’s example rows are skipped with a note; a real row beside them is imported', async () => {
  const { preview, figures } = await run(
    csvFile([
      '地区,年份,指标,数值,分子,分母,备注',
      '汝州市,2020,学前三年毛入园率,92.5,,,示例（导入时跳过，请删除）',
      '寄料镇,2020,学前三年毛入园率,90,,,统计年报',
      '温泉镇,2020,学前三年毛入园率,91,,,Example (skipped on import; delete this row)',
    ]),
  );
  expect(preview.messages.filter((m) => m.code === 'example_row').map((m) => [m.severity, m.row])).toEqual([
    ['note', 2],
    ['note', 4],
  ]);
  expect(figures.map((f) => [f.region, f.value])).toEqual([[JILIAO, 90]]);
});

test('a share moving more than 15 points in a year is a share jump, whatever the history; 15 points is not', async () => {
  const before = [stored('inclusive_kindergarten_coverage', JILIAO, 2019, 60)];
  const lines = (value: number) => csvFile(['地区,年份,指标,数值', `寄料镇,2020,普惠性幼儿园覆盖率,${value}`]);
  const jumped = await run(lines(75.5), before);
  expect(jumped.preview.messages.filter((m) => m.code === 'share_jump').map((m) => [m.severity, m.row, m.params.old, m.params.new, m.params.change])).toEqual([
    ['warning', 2, 60, 75.5, 15.5],
  ]);
  expect((await run(lines(75), before)).preview.messages.some((m) => m.code === 'share_jump')).toBe(false);
});

test('a denominator changing by more than half from the year before is warned of with both denominators', async () => {
  const before: StoredFigure[] = [{ metric: 'inclusive_kindergarten_coverage', region: JILIAO, year: 2019, numerator: 800, denominator: 1000, source: 'import' }];
  const { preview } = await run(csvFile(['地区,年份,指标,数值,分子,分母', '寄料镇,2020,普惠性幼儿园覆盖率,,1300,1600']), before);
  expect(preview.messages.filter((m) => m.code === 'denominator_jump').map((m) => [m.severity, m.row, m.params.old, m.params.new, m.params.percent])).toEqual([
    ['warning', 2, 1000, 1600, 60],
  ]);
});
