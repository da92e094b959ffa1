// @vitest-environment node
import { expect, test } from 'vitest';
import type { ImportMessage } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import { batchRequest, inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf } from '@/workers/import-protocol';
import { ruzhouSet } from '../fixtures/ruzhou';

/**
 * Issue 9, bounds and sources through the real pipeline (sniff → decode → parse → map → preview → batch):
 * a GBK file as Excel on Chinese Windows saves it, with a 数据来源 column and values written as bounds.
 */

const set: TargetSet = ruzhouSet();

/**
 * GBK bytes (made with Python's gbk codec) of, with CRLF line ends:
 *   地区,年份,指标,数值,分子,分母,数据来源
 *   寄料镇,2020,残疾儿童少年义务教育入学率,95%以上,,,《汝州市教育统计公报》
 *   温泉镇,2020,残疾儿童少年义务教育入学率,不低于９０％,,,县教育局 “年报”
 *   临汝镇,2020,高中56人以上大班额比例,低于5%,,,
 *   小屯镇,2020,高中56人以上大班额比例,5%以下,,,—
 *   杨楼镇,2020,普惠性幼儿园覆盖率,,≥950,1000,乡镇上报
 *   蟒川镇,2020,普惠性幼儿园覆盖率,≥95%,950,1000,乡镇上报
 */
const GBK_HEX = 'b5d8c7f82cc4eab7dd2cd6b8b1ea2ccafdd6b52cb7d6d7d32cb7d6c4b82ccafdbeddc0b4d4b40d0abcc4c1cfd5f22c323032302cb2d0bcb2b6f9cdafc9d9c4ead2e5cef1bdccd3fdc8ebd1a7c2ca2c393525d2d4c9cf2c2c2ca1b6c8ead6ddcad0bdccd3fdcdb3bcc6b9abb1a8a1b70d0acec2c8aad5f22c323032302cb2d0bcb2b6f9cdafc9d9c4ead2e5cef1bdccd3fdc8ebd1a7c2ca2cb2bbb5cdd3daa3b9a3b0a3a52c2c2ccfd8bdccd3fdbed620a1b0c4eab1a8a1b10d0ac1d9c8ead5f22c323032302cb8dfd6d03536c8cbd2d4c9cfb4f3b0e0b6eeb1c8c0fd2cb5cdd3da35252c2c2c0d0ad0a1cdcdd5f22c323032302cb8dfd6d03536c8cbd2d4c9cfb4f3b0e0b6eeb1c8c0fd2c3525d2d4cfc22c2c2ca1aa0d0ad1eec2a5d5f22c323032302cc6d5bbddd0d4d3d7b6f9d4b0b8b2b8c7c2ca2c2ca1dd3935302c313030302ccfe7d5f2c9cfb1a80d0af2feb4a8d5f22c323032302cc6d5bbddd0d4d3d7b6f9d4b0b8b2b8c7c2ca2ca1dd3935252c3935302c313030302ccfe7d5f2c9cfb1a80d0a';
const gbkBytes = () => new Uint8Array(GBK_HEX.match(/../g)!.map((h) => parseInt(h, 16)));

async function run(file: File) {
  const inspected = await inspectFile(file, set, {});
  const decisions = inspected.type === 'inspected' ? decisionsOf(inspected) : undefined;
  if (inspected.type !== 'inspected' || !decisions) throw new Error(`inspecting ${file.name} found no table`);
  const { result, batch } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions, stored: [] }, () => undefined);
  if (result.type !== 'done') throw new Error(`${file.name} failed: ${JSON.stringify(result)}`);
  return { inspected, preview: result.preview, figures: batchRequest(batch!).figures };
}

const located = (m: ImportMessage) => [m.severity, m.code, m.row, m.column, m.value];

test('the GBK bytes are GBK: not UTF-8, and they decode to the text above', () => {
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkBytes())).toThrow();
  expect(new TextDecoder('gb18030').decode(gbkBytes())).toContain('95%以上,,,《汝州市教育统计公报》');
});

test('a GBK file: bounds become qualifiers, the 数据来源 column each row’s citation, and bounds on parts are located errors', async () => {
  const { inspected, preview, figures } = await run(new File([gbkBytes()], '特教统计.csv'));
  expect(inspected.encoding).toBe('gb18030');
  expect(inspected.shape?.columns.find((c) => c.header === '数据来源')).toMatchObject({ role: 'citation', source: 'header' });
  expect(figures).toEqual([
    { metric: 'special_needs_enrollment_rate', region: '410482101', year: 2020, value: 95, qualifier: 'at_least', citation: '《汝州市教育统计公报》' },
    { metric: 'special_needs_enrollment_rate', region: '410482102', year: 2020, value: 90, qualifier: 'at_least', citation: '县教育局 “年报”' },
    { metric: 'highschool_large_class_share', region: '410482103', year: 2020, value: 5, qualifier: 'at_most' },
    { metric: 'highschool_large_class_share', region: '410482104', year: 2020, value: 5, qualifier: 'at_most' },
  ]);
  expect(preview.counts).toMatchObject({ rows: 6, added: 4, rejectedRows: 2, errors: 2 });
  expect(preview.messages.filter((m) => m.severity !== 'note' || m.code === 'strict_bound').map(located)).toEqual([
    ['error', 'qualifier_on_part', 6, '分子', '≥950'],
    ['error', 'qualifier_with_parts', 7, '数值', '≥95%'],
    ['note', 'strict_bound', 4, '数值', '低于5%'],
  ]);
});

test('English spellings and headers, UTF-8 with a BOM: at least, or more, at most, or less, more than (strict), under (strict)', async () => {
  const text = [
    'region,year,metric,value,source',
    'Jiliao Town,2020,special_needs_enrollment_rate,at least 95,MOE statistical bulletin 2020',
    'Wenquan Town,2020,special_needs_enrollment_rate,95% or more,  Henan yearbook  ',
    'Linru Town,2020,highschool_large_class_share,at most 5%,',
    'Xiaotun Town,2020,highschool_large_class_share,5 or less,',
    'Yanglou Town,2020,special_needs_enrollment_rate,more than 90%,',
    'Mangchuan Town,2020,highschool_large_class_share,under 5%,',
    'Jiliao Town,2019,special_needs_enrollment_rate,>=93,',
    'Wenquan Town,2019,highschool_large_class_share,<=7.5%,',
  ].join('\n');
  const { preview, figures } = await run(new File([`\ufeff${text}\n`], 'bounds.csv'));
  expect(figures.map((f) => [f.region, f.year, f.value, f.qualifier, f.citation])).toEqual([
    ['410482101', 2020, 95, 'at_least', 'MOE statistical bulletin 2020'],
    ['410482102', 2020, 95, 'at_least', 'Henan yearbook'],
    ['410482103', 2020, 5, 'at_most', undefined],
    ['410482104', 2020, 5, 'at_most', undefined],
    ['410482105', 2020, 90, 'at_least', undefined],
    ['410482106', 2020, 5, 'at_most', undefined],
    ['410482101', 2019, 93, 'at_least', undefined],
    ['410482102', 2019, 7.5, 'at_most', undefined],
  ]);
  expect(preview.messages.filter((m) => m.code === 'strict_bound').map((m) => [m.row, m.value])).toEqual([
    [6, 'more than 90%'],
    [7, 'under 5%'],
  ]);
});

test('a wide file: a bound in a metric column, the row’s 备注 on every figure of the row', async () => {
  const text = '乡镇,年份,残疾儿童少年义务教育入学率,普惠性幼儿园覆盖率,备注\n寄料镇,2020,95%以上,81.5%,教育局年报\n温泉镇,2020,至少95%,,\n';
  const { figures } = await run(new File([text], 'wide.csv'));
  expect(figures).toEqual([
    { metric: 'special_needs_enrollment_rate', region: '410482101', year: 2020, value: 95, qualifier: 'at_least', citation: '教育局年报' },
    { metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 81.5, citation: '教育局年报' },
    { metric: 'special_needs_enrollment_rate', region: '410482102', year: 2020, value: 95, qualifier: 'at_least' },
  ]);
});

test('a citation over 500 characters is a located error and its row is not imported; nothing is cut', async () => {
  const long = '来'.repeat(501);
  const text = `地区,年份,指标,数值,来源\n寄料镇,2020,普惠性幼儿园覆盖率,81,${long}\n温泉镇,2020,普惠性幼儿园覆盖率,82,${'源'.repeat(500)}\n`;
  const { preview, figures } = await run(new File([text], 'long.csv'));
  expect(figures).toEqual([{ metric: 'inclusive_kindergarten_coverage', region: '410482102', year: 2020, value: 82, citation: '源'.repeat(500) }]);
  const error = preview.messages.find((m) => m.code === 'citation_too_long');
  expect(error).toMatchObject({ severity: 'error', row: 2, column: '来源', params: { length: 501, max: 500 } });
  expect(error!.value!.startsWith('来来来')).toBe(true);
  expect(preview.counts).toMatchObject({ added: 1, rejectedRows: 1 });
});

test('a stored figure with another bound or source is replaced, old → new, not counted unchanged', async () => {
  const file = new File(['地区,年份,指标,数值,来源\n寄料镇,2020,残疾儿童少年义务教育入学率,95%以上,公报\n温泉镇,2020,残疾儿童少年义务教育入学率,95,公报\n小屯镇,2020,残疾儿童少年义务教育入学率,95以上,公报\n'], 'r.csv');
  const inspected = await inspectFile(file, set, {});
  const decisions = inspected.type === 'inspected' ? decisionsOf(inspected) : undefined;
  if (!decisions) throw new Error('no table');
  const metric = 'special_needs_enrollment_rate';
  const stored = [
    { metric, region: '410482101', year: 2020, value: 95, source: 'import' },
    { metric, region: '410482102', year: 2020, value: 95, qualifier: 'at_least' as const, citation: '公报', source: 'import' },
    { metric, region: '410482104', year: 2020, value: 95, qualifier: 'at_least' as const, citation: '公报', source: 'import' },
  ];
  const { result } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions, stored }, () => undefined);
  if (result.type !== 'done') throw new Error('failed');
  expect(result.preview.counts).toMatchObject({ replaced: 2, unchanged: 1 });
  expect(result.preview.messages.filter((m) => m.code === 'replaces_value').map((m) => [m.row, m.params.old, m.params.new])).toEqual([
    [2, '95', '≥95 [公报]'],
    [3, '≥95 [公报]', '95 [公报]'],
  ]);
});
