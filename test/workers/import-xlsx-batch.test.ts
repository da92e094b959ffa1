// @vitest-environment node
import { expect, test } from 'vitest';
import { createBatchRequestSchema } from '@/domain/contract/api-contract';
import { progressPercent } from '@/domain/import/progress';
import { openWorkbook, readSheet } from '@/domain/import/xlsx-reader';
import type { TargetSet } from '@/domain/targets/target-set';
import { batchRequest, inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf, type Progress } from '@/workers/import-protocol';
import { buildXlsx, type FixtureCell } from '../domain/import/xlsx-fixture';
import { ruzhouSet } from '../fixtures/ruzhou';

/** A workbook's batch records `xlsx`, not a text encoding it never had; its progress counts rows, not bytes. */

const set: TargetSet = ruzhouSet();
const TOWNSHIPS = set.regions.filter((r) => r.parent === set.jurisdiction);

/** A long sheet with a header on row 1 and `count` data rows, with the `<dimension>` Excel writes when `dimension` is given. */
function sheet(count: number, dimension?: string): Uint8Array<ArrayBuffer> {
  const rows: Record<number, (FixtureCell | undefined)[]> = { 1: ['乡镇', '年份', '指标', '数值'] };
  for (let i = 0; i < count; i++) rows[i + 2] = [TOWNSHIPS[i % TOWNSHIPS.length]!.name.zh, { n: 1900 + Math.floor(i / TOWNSHIPS.length) }, '毛入园率', { n: 80 }];
  const bytes = buildXlsx([{ name: 'Sheet1', rows }], {
    sheetXml: (_index, xml) => (dimension ? xml.replace('<sheetData>', `<dimension ref="${dimension}"/><sheetData>`) : xml),
  });
  return new Uint8Array(bytes);
}

async function run(file: File) {
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error(`inspecting: ${JSON.stringify(inspected)}`);
  const progress: Progress[] = [];
  const { result, batch } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: decisionsOf(inspected)!, stored: [] }, (p) => progress.push(p));
  if (result.type !== 'done' || !batch) throw new Error(`the run failed: ${JSON.stringify(result)}`);
  return { result, batch, progress };
}

test('a batch from a workbook records encoding xlsx, which the API contract takes; a CSV’s records its text encoding', async () => {
  const xlsx = await run(new File([sheet(3)], '统计.xlsx'));
  expect(xlsx.batch.encoding).toBe('xlsx');
  expect(createBatchRequestSchema.safeParse(batchRequest(xlsx.batch)).success).toBe(true);
  const csv = await run(new File([new TextEncoder().encode('乡镇,年份,指标,数值\r\n寄料镇,2020,毛入园率,80\r\n')], '统计.csv'));
  expect(csv.batch.encoding).toBe('utf-8');
  expect(createBatchRequestSchema.safeParse({ ...batchRequest(csv.batch), encoding: 'latin1' }).success).toBe(false);
});

test('a workbook’s progress counts rows of its sheet, never bytes, and ends at its last row', async () => {
  const { progress, result } = await run(new File([sheet(1500, 'A1:D1501')], '统计.xlsx'));
  expect(progress.length).toBeGreaterThan(0);
  for (const p of progress) {
    expect(p).not.toHaveProperty('bytesRead');
    expect(p).toMatchObject({ lastRow: 1501 });
  }
  expect(progress.at(-1)).toEqual({ type: 'progress', rows: 1500, row: 1501, lastRow: 1501 });
  expect(result.preview.counts.rows).toBe(1500);
  expect(progressPercent(progress.at(-1)!)).toBe(100);
});

test('a sheet without a <dimension> gives rows read only until its end', async () => {
  const { progress } = await run(new File([sheet(10)], '统计.xlsx'));
  expect(progress.slice(0, -1).every((p) => 'row' in p && p.lastRow === undefined)).toBe(true);
  expect(progress.at(-1)).toEqual({ type: 'progress', rows: 10, row: 11, lastRow: 11 });
  expect(progressPercent({ rows: 5, row: 6, lastRow: undefined })).toBeUndefined();
  expect(progressPercent({ rows: 5, row: 6, lastRow: 12 })).toBe(50);
  expect(progressPercent({ rows: 5, bytesRead: 25, totalBytes: 100 })).toBe(25);
});

test('readSheet reports the last row its <dimension> names, and nothing for one it cannot read or beyond Excel’s last row', () => {
  const lastRowOf = (dimension?: string) => {
    const opened = openWorkbook(sheet(2, dimension));
    if (!opened.ok) throw new Error('the workbook should open');
    const seen: number[] = [];
    readSheet(opened.workbook, opened.workbook.sheets[0]!, () => undefined, { onDimension: (n) => seen.push(n) });
    return seen;
  };
  expect(lastRowOf('A1:D3')).toEqual([3]);
  expect(lastRowOf('B2')).toEqual([2]);
  expect(lastRowOf()).toEqual([]);
  expect(lastRowOf('nonsense')).toEqual([]);
  expect(lastRowOf('A1:D2000000')).toEqual([]);
});
