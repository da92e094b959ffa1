// @vitest-environment node
import { expect, test } from 'vitest';
import type { TargetSet } from '@/domain/targets/target-set';
import { batchBody, batchRequest, inspectFile, runImport, type RunInput } from '@/workers/import-pipeline';
import { decisionsOf, type ImportDecisions, type Progress } from '@/workers/import-protocol';
import { ruzhouSet } from '../fixtures/ruzhou';

const set: TargetSet = ruzhouSet();

/** GBK bytes for a small long-format file with a title row and a total row, as Excel on Chinese Windows saves it. */
function gbkFile(): File {
  const text = [
    '汝州市2020年统计表',
    '地区,年份,指标,数值',
    '寄料镇,2020,普惠性幼儿园覆盖率,85.3%',
    '温泉镇,2020年,普惠性幼儿园覆盖率,８５．０％',
    '合计,2020,普惠性幼儿园覆盖率,85.1',
    '',
  ].join('\r\n');
  // GBK encoding of exactly these characters, built from a table so the test does not need an encoder.
  const bytes = encodeGbk(text);
  return new File([bytes], '统计.csv', { type: 'text/csv' });
}

const GBK: Record<string, number[]> = {
  汝: [0xc8, 0xea], 州: [0xd6, 0xdd], 市: [0xca, 0xd0], 年: [0xc4, 0xea], 统: [0xcd, 0xb3], 计: [0xbc, 0xc6], 表: [0xb1, 0xed],
  地: [0xb5, 0xd8], 区: [0xc7, 0xf8], 份: [0xb7, 0xdd], 指: [0xd6, 0xb8], 标: [0xb1, 0xea], 数: [0xca, 0xfd], 值: [0xd6, 0xb5],
  寄: [0xbc, 0xc4], 料: [0xc1, 0xcf], 镇: [0xd5, 0xf2], 温: [0xce, 0xc2], 泉: [0xc8, 0xaa], 普: [0xc6, 0xd5], 惠: [0xbb, 0xdd],
  性: [0xd0, 0xd4], 幼: [0xd3, 0xd7], 儿: [0xb6, 0xf9], 园: [0xd4, 0xb0], 覆: [0xb8, 0xb2], 盖: [0xb8, 0xc7], 率: [0xc2, 0xca],
  合: [0xba, 0xcf], '８': [0xa3, 0xb8], '５': [0xa3, 0xb5], '．': [0xa3, 0xae], '０': [0xa3, 0xb0], '％': [0xa3, 0xa5],
};

function encodeGbk(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (GBK[char]) out.push(...GBK[char]);
    else throw new Error(`no GBK bytes for ${char} in the test table`);
  }
  return new Uint8Array(out);
}

/** A run of `file` with the decisions its inspection made (and `change` on top), as the import page sends them. */
async function inspectedRun(file: File, change: Partial<ImportDecisions> = {}): Promise<RunInput> {
  const inspected = await inspectFile(file, set, {});
  const decisions = inspected.type === 'inspected' ? decisionsOf(inspected) : undefined;
  if (!decisions) throw new Error(`inspecting ${file.name} found no table`);
  return { file, set, targetSetId: 'ruzhou-2020', decisions: { ...decisions, ...change }, stored: [] };
}

test('the GBK test bytes decode back to the same text, so the table above is right', () => {
  expect(new TextDecoder('gb18030').decode(encodeGbk('汝州市普惠性幼儿园覆盖率８５．０％'))).toBe('汝州市普惠性幼儿园覆盖率８５．０％');
});

test('inspecting a GBK file detects the encoding, the title row and the header', async () => {
  const inspected = await inspectFile(gbkFile(), set, {});
  expect(inspected.type).toBe('inspected');
  if (inspected.type !== 'inspected') return;
  expect(inspected.encoding).toBe('gb18030');
  expect(inspected.sample[1]?.cells).toEqual(['地区', '年份', '指标', '数值']);
  expect(inspected.shape).toMatchObject({ headerRow: 2, titleRows: [1], layout: 'long' });
});

test('running a GBK file previews two additions, notes the total row and builds the batch', async () => {
  const progress: Progress[] = [];
  const { result, batch } = await runImport(await inspectedRun(gbkFile()), (p) => progress.push(p));
  expect(result.type).toBe('done');
  if (result.type !== 'done') return;
  expect(result.preview.counts).toMatchObject({ rows: 2, added: 2, rejectedRows: 0 });
  expect(result.preview.messages.some((m) => m.code === 'total_row' && m.row === 5)).toBe(true);
  expect(progress.at(-1)).toMatchObject({ bytesRead: gbkFile().size, totalBytes: gbkFile().size });
  const request = batchRequest(batch!);
  expect(request).toMatchObject({ fileName: '统计.csv', encoding: 'gb18030', layout: 'long', targetSet: 'ruzhou-2020' });
  expect(request.figures).toEqual([
    { metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 85.3 },
    { metric: 'inclusive_kindergarten_coverage', region: '410482102', year: 2020, value: 85 },
  ]);
});

test('choosing UTF-8 for a GBK file fails with a located decode message and no batch', async () => {
  const { result, batch } = await runImport(await inspectedRun(gbkFile(), { encoding: 'utf-8', bomLength: 0 }), () => undefined);
  // 汝 in GBK is C8 EA: C8 opens a two-byte UTF-8 character that EA cannot continue, at the file's first byte.
  expect(result).toMatchObject({ type: 'failed', message: { code: 'invalid_byte', row: 1, params: { offset: 0, bytes: 'C8' } } });
  expect(batch).toBeUndefined();
});

test('an unclosed quote fails with the row where it opened', async () => {
  const file = new File(['地区,年份,指标,数值\r\n寄料镇,2020,"普惠性幼儿园覆盖率,85\r\n温泉镇,2020,x,1\r\n'], 'q.csv');
  const { result } = await runImport(await inspectedRun(file), () => undefined);
  expect(result).toMatchObject({ type: 'failed', message: { code: 'unclosed_quote', row: 2 } });
});

test('a workbook renamed .csv is read as a workbook: these bytes are no readable one', async () => {
  const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('[Content_Types].xml xl/workbook.xml')])], 'data.csv');
  expect(await inspectFile(file, set, {})).toMatchObject({ type: 'failed', message: { code: 'workbook_corrupt', params: { file: 'data.csv' } } });
});

test('a class roster becomes large-class shares per township; the city stays their roll-up', async () => {
  const rows = ['学校,乡镇,年份,班级,学生数'];
  for (let i = 0; i < 10; i += 1) rows.push(`一高,寄料镇,2020,高一${i + 1}班,${i < 3 ? 60 : 50}`);
  for (let i = 0; i < 5; i += 1) rows.push(`二高,温泉镇,2020,高二${i + 1}班,${i < 1 ? 56 : 40}`);
  const file = new File([`${rows.join('\n')}\n`], 'roster.csv');
  const { result, batch } = await runImport(await inspectedRun(file), () => undefined);
  expect(result.type).toBe('done');
  const figures = batchRequest(batch!).figures;
  expect(figures).toEqual([
    { metric: 'highschool_large_class_share', region: '410482101', year: 2020, numerator: 3, denominator: 10 },
    { metric: 'highschool_large_class_share', region: '410482102', year: 2020, numerator: 1, denominator: 5 },
  ]);
});

test('names the analyst matches by hand are read like aliases on the next check', async () => {
  const file = () => new File(['地区,年份,指标,数值\nJiliao,2020,inclusive share,81\n'], 'names.csv');
  const run = async (values = {}) => runImport(await inspectedRun(file(), { values }), () => undefined);
  const first = await run();
  expect(first.result.type === 'done' && first.result.preview.messages.map((m) => [m.code, m.params.label])).toEqual(
    expect.arrayContaining([
      ['region_unknown', 'Jiliao'],
      ['metric_unknown', 'inclusive share'],
    ]),
  );
  const second = await run({ regions: { Jiliao: '410482101' }, metrics: { 'inclusive share': 'inclusive_kindergarten_coverage' } });
  expect(batchRequest(second.batch!).figures).toEqual([{ metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 81 }]);
});

test('a head whose header is not recognised comes with a shape to correct: its columns not imported, the header row choosable', async () => {
  const csv = (text: string) => new File([text], 'unknown.csv', { type: 'text/csv' });
  const file = csv('说明：本表为示例\r\n甲,乙,丙\r\n寄料镇,2020,85.3\r\n');
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error(inspected.type);
  expect(inspected.messages.map((m) => [m.severity, m.code])).toEqual([['error', 'no_header']]);
  expect(inspected.shape).toMatchObject({ headerRow: 2, titleRows: [1], layout: 'long' });
  expect(inspected.shape!.columns).toEqual(['甲', '乙', '丙'].map((header, index) => ({ index, header, role: 'ignore', source: 'none' })));
  // The analyst's header row and meanings are kept when the head is read again.
  const chosen = await inspectFile(file, set, { shape: { headerRow: 3, columns: [{ index: 0, header: '寄料镇', role: 'region', source: 'analyst' }] } });
  if (chosen.type !== 'inspected') throw new Error(chosen.type);
  expect(chosen.shape).toMatchObject({ headerRow: 3, titleRows: [1, 2] });
  expect(chosen.shape!.columns.map((c) => c.role)).toEqual(['region', 'ignore', 'ignore']);
  // A head with nothing in it has nothing to map.
  const empty = await inspectFile(csv('\r\n\r\n'), set, {});
  expect(empty.type === 'inspected' && empty.shape).toBeFalsy();
});

test('a run reads the file with the shape it is given and detects nothing again', async () => {
  const file = new File(['地区,年份,指标,数值\n寄料镇,2019,普惠性幼儿园覆盖率,81\n'], 'shape.csv');
  const input = await inspectedRun(file);
  // The analyst says the year column is not to be read and every row is for 2020.
  const columns = input.decisions.shape.columns.map((c) => (c.role === 'year' ? { ...c, role: 'ignore' as const, source: 'analyst' as const } : c));
  const { batch } = await runImport({ ...input, decisions: { ...input.decisions, shape: { ...input.decisions.shape, columns, defaultYear: 2020 } } }, () => undefined);
  expect(batchRequest(batch!).figures).toEqual([{ metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 81 }]);
});

test('unknown names come once each with the id of the suggested match, an alias included', async () => {
  const file = new File(['地区,年份,指标,数值\n风穴,2020,普惠幼儿园覆盖率,81\n风穴,2019,普惠幼儿园覆盖率,80\n火星,2020,普惠性幼儿园覆盖率,1\n'], 'names.csv');
  const { result } = await runImport(await inspectedRun(file), () => undefined);
  expect(result.type === 'done' && result.unknownNames).toEqual({
    regions: [{ label: '风穴', suggested: '410482002' }, { label: '火星' }],
    metrics: [{ label: '普惠幼儿园覆盖率', suggested: 'inclusive_kindergarten_coverage' }],
  });
});

test('a run for an analyst limited to a township leaves other regions’ rows out of the batch, refused with the file named', async () => {
  const input = await inspectedRun(gbkFile());
  const { result, batch } = await runImport({ ...input, scope: '410482101' }, () => undefined);
  if (result.type !== 'done' || !batch) throw new Error('the run failed');
  expect(batchRequest(batch).figures.map((f) => f.region)).toEqual(['410482101']);
  expect(result.preview.counts).toMatchObject({ added: 1, rejectedRows: 1 });
  expect(result.preview.messages.filter((m) => m.code === 'region_out_of_scope')).toEqual([
    expect.objectContaining({ row: 4, column: '地区', params: expect.objectContaining({ file: '统计.csv', label: '温泉镇', scope: '410482101' }) }),
  ]);
});

test('the batch body the worker posts is byte for byte the JSON of the batch request, bounds, parts and citations included', async () => {
  const text = [
    '地区,年份,指标,数值,分子,分母,来源',
    '寄料镇,2020,普惠性幼儿园覆盖率,85.3%,,,"公报 ""2020"""',
    '温泉镇,2020,普惠性幼儿园覆盖率,95%以上,,,',
    '煤山街道,2020,普惠性幼儿园覆盖率,,853,1000,',
    '',
  ].join('\n');
  const file = new File([new TextEncoder().encode(text)], 'body.csv', { type: 'text/csv' });
  const { result, batch } = await runImport(await inspectedRun(file), () => undefined);
  expect(result.type).toBe('done');
  expect(batch!.figures).toHaveLength(3);
  expect(new TextDecoder().decode(batchBody(batch!))).toBe(JSON.stringify(batchRequest(batch!)));
});
