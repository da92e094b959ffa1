// @vitest-environment node
import { expect, test } from 'vitest';
import type { TargetSet } from '@/domain/targets/target-set';
import { batchRequest, inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf, type Progress } from '@/workers/import-protocol';
import { buildXlsx, type FixtureCell } from '../domain/import/xlsx-fixture';
import { ruzhouSet } from '../fixtures/ruzhou';

const set: TargetSet = ruzhouSet();
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The same table as a CSV file saved from Excel (UTF-8 with a BOM) and as a workbook. */
const CSV = ['\ufeff汝州市教育统计', '乡镇,年份,指标,数值', '寄料镇,2020,普惠性幼儿园覆盖率,85.3%', '温泉镇,2021,普惠性幼儿园覆盖率,80', '温泉镇,2020,普惠性幼儿园覆盖率,', ''].join('\r\n');

/**
 * The workbook stores the cells as Excel does: the percent as 0.853 with a
 * percent format, 80 as a formula's cached value, the 2021 as a number; it has
 * a hidden sheet and an empty sheet before the one with data, and the title row
 * on row 1 as in the CSV, so rows are numbered alike.
 */
function workbook(): Uint8Array<ArrayBuffer> {
  const rows: Record<number, (FixtureCell | undefined)[]> = {
    1: ['汝州市教育统计'],
    2: ['乡镇', '年份', '指标', '数值'],
    3: ['寄料镇', { n: 2020 }, '普惠性幼儿园覆盖率', { n: 0.853, s: 1 }],
    4: ['温泉镇', { n: 2021 }, '普惠性幼儿园覆盖率', { f: 'SUM(40,40)', v: 80 }],
    5: ['温泉镇', { n: 2020 }, '普惠性幼儿园覆盖率'],
  };
  const bytes = buildXlsx([
    { name: '说明', hidden: true, rows: { 1: ['此表仅供填报说明'] } },
    { name: '空白', rows: {} },
    { name: '2020-2021', rows },
  ]);
  return new Uint8Array(bytes);
}

async function importFile(file: File) {
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error(`inspecting ${file.name}: ${JSON.stringify(inspected)}`);
  const decisions = decisionsOf(inspected);
  if (!decisions) throw new Error(`no table in ${file.name}: ${JSON.stringify(inspected.messages)}`);
  const progress: Progress[] = [];
  const { result, batch } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions, stored: [] }, (p) => progress.push(p));
  return { inspected, result, batch };
}

test('an .xlsx with Chinese headers imports through the pipeline with the same figures, rows and messages as the same table as CSV', async () => {
  const csv = await importFile(new File([new TextEncoder().encode(CSV)], '统计.csv', { type: 'text/csv' }));
  const xlsx = await importFile(new File([workbook()], '统计.xlsx', { type: XLSX_TYPE }));

  // The first visible sheet with data is read, and its name goes with the decisions to the run.
  expect(xlsx.inspected.workbook).toEqual({ sheet: '2020-2021', sheets: ['说明', '空白', '2020-2021'] });
  expect(decisionsOf(xlsx.inspected)?.sheet).toBe('2020-2021');
  expect(xlsx.inspected.sample.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
  expect(xlsx.inspected.shape).toMatchObject({ headerRow: 2, titleRows: [1], layout: 'long' });
  expect(xlsx.inspected.shape).toMatchObject({ headerRow: csv.inspected.shape?.headerRow, layout: csv.inspected.shape?.layout });

  expect(xlsx.result.type).toBe('done');
  expect(csv.result.type).toBe('done');
  const xlsxFigures = batchRequest(xlsx.batch!).figures;
  expect(xlsxFigures).toEqual([
    { metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 85.3 },
    { metric: 'inclusive_kindergarten_coverage', region: '410482102', year: 2021, value: 80 },
  ].map((f) => expect.objectContaining(f)));
  expect(xlsxFigures).toEqual(batchRequest(csv.batch!).figures);
  if (xlsx.result.type !== 'done' || csv.result.type !== 'done') return;
  expect(xlsx.result.preview.counts).toEqual(csv.result.preview.counts);
  // The empty value is a gap on the row Excel shows, in both files; the workbook's row ends before 数值
  // (a sheet stores no empty cells) and is not a short row.
  expect(xlsx.result.preview.messages.map((m) => m.code)).toEqual(csv.result.preview.messages.map((m) => m.code));
  const gaps = (r: typeof xlsx.result) => r.preview.messages.filter((m) => m.code === 'value_missing').map((m) => m.row);
  expect(gaps(xlsx.result)).toEqual([5]);
  expect(gaps(csv.result)).toEqual([5]);
});

test('a corrupt workbook (cut short in a download) gets its message naming the file, and no batch', async () => {
  const whole = workbook();
  const file = new File([whole.slice(0, Math.floor(whole.length * 0.6))], '统计.xlsx', { type: XLSX_TYPE });
  const inspected = await inspectFile(file, set, {});
  expect(inspected).toMatchObject({ type: 'failed', message: { severity: 'error', code: 'workbook_corrupt', params: { file: '统计.xlsx' } } });
});

test('a value beyond the columns an import reads is refused with its row and column, at inspection or in the run', async () => {
  const wide: (FixtureCell | undefined)[] = [];
  wide[2000] = { n: 1 }; // column BXY, the 2,001st
  const rows: Record<number, (FixtureCell | undefined)[]> = { 1: ['乡镇', '年份', '指标', '数值'] };
  for (let r = 2; r <= 60; r++) rows[r] = ['寄料镇', { n: 2020 }, '普惠性幼儿园覆盖率', { n: 80 }];
  rows[61] = wide;
  const file = new File([new Uint8Array(buildXlsx([{ name: 'Sheet1', rows }]))], 'wide.xlsx');
  // Found while inspecting when the head holds it …
  expect(await inspectFile(file, set, {})).toMatchObject({ type: 'failed', message: { code: 'sheet_too_wide', row: 61, column: 'BXY' } });
  // … and in the run otherwise: the decisions come from the same sheet without the wide row.
  const narrow = new File([new Uint8Array(buildXlsx([{ name: 'Sheet1', rows: { ...rows, 61: rows[60]! } }]))], 'wide.xlsx');
  const inspected = await inspectFile(narrow, set, {});
  if (inspected.type !== 'inspected') throw new Error(`the head should inspect: ${JSON.stringify(inspected)}`);
  const { result, batch } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: decisionsOf(inspected)!, stored: [] }, () => undefined);
  expect(result).toMatchObject({ type: 'failed', message: { code: 'sheet_too_wide', row: 61, column: 'BXY', params: { file: 'wide.xlsx', limit: 2000 } } });
  expect(batch).toBeUndefined();
});

/** An OLE compound file header, optionally with an `EncryptedPackage` directory entry (UTF-16LE). */
function oleFile(encrypted: boolean): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (encrypted) bytes.set(Array.from('EncryptedPackage').flatMap((ch) => [ch.charCodeAt(0), 0]), 1024);
  else bytes.set(Array.from('Workbook').flatMap((ch) => [ch.charCodeAt(0), 0]), 1024);
  return bytes;
}

test('a password-protected workbook says so; an .xls says to save it as .xlsx or CSV', async () => {
  expect(await inspectFile(new File([oleFile(true)], '加密.xlsx'), set, {})).toMatchObject({
    type: 'failed',
    message: { severity: 'error', code: 'workbook_encrypted', params: { file: '加密.xlsx' } },
  });
  expect(await inspectFile(new File([oleFile(false)], '旧表.xls'), set, {})).toMatchObject({ type: 'rejected', code: 'xls' });
});
