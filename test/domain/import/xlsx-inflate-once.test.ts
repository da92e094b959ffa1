import { beforeEach, expect, test, vi } from 'vitest';
import type { CsvRecord } from '@/domain/import/types';
import { buildXlsx } from './xlsx-fixture';

/** Every inflation of a part, by part name: counted by wrapping the real `inflateEntry`. */
const inflated = vi.hoisted(() => [] as string[]);
vi.mock('@/domain/import/xlsx-zip', async (importOriginal) => {
  const zip = await importOriginal<typeof import('@/domain/import/xlsx-zip')>();
  return {
    ...zip,
    inflateEntry: (...args: Parameters<typeof zip.inflateEntry>) => {
      inflated.push(args[1].name);
      return zip.inflateEntry(...args);
    },
  };
});
const { firstSheetWithData, openWorkbook, readSheet } = await import('@/domain/import/xlsx-reader');

const SHEET = 'xl/worksheets/sheet1.xml';

/**
 * A title, a two-row merged header and a township merged down over 120 metric rows, so the merges reach far
 * past the 50-record sample; `<mergeCells>` comes after the cells, as Excel writes it.
 */
function workbookBytes(): Uint8Array {
  const rows: Record<number, (string | { n: number })[]> = {
    1: ['2023年汝州市教育统计'],
    3: ['乡镇', '指标', '数值', ''],
    4: ['', '', '分子', '分母'],
  };
  for (let r = 5; r < 125; r++) rows[r] = r === 5 ? ['城关镇', `指标${r}`, { n: r }, { n: 200 }] : ['', `指标${r}`, { n: r }, { n: 200 }];
  rows[125] = ['寄料镇', '指标125', { n: 1 }, { n: 2 }];
  return buildXlsx([{ name: '数据', rows, merges: ['A1:D1', 'A3:A4', 'B3:B4', 'C3:D3', 'A5:A124'] }]);
}

function open(bytes: Uint8Array) {
  const opened = openWorkbook(bytes);
  if (!opened.ok) throw new Error(opened.problem.code);
  return opened.workbook;
}

function read(workbook: ReturnType<typeof open>, maxRecords?: number): CsvRecord[] {
  const out: CsvRecord[] = [];
  const result = readSheet(workbook, workbook.sheets[0]!, (r) => out.push(r), maxRecords === undefined ? {} : { maxRecords });
  if (!result.ok) throw new Error(result.problem.code);
  return out;
}

beforeEach(() => {
  inflated.length = 0;
});

test('a sample is read in one pass and gives the same records as the whole sheet, merges filled and the header folded', () => {
  const bytes = workbookBytes();
  const whole = read(open(bytes));
  expect(whole).toHaveLength(123);
  expect(whole[1]).toEqual({ row: 4, cells: ['乡镇', '指标', '分子', '分母'] });
  // The township fills its merged rows, also the last one inside the range, and not the row after it.
  expect(whole[121]!.cells[0]).toBe('城关镇');
  expect(whole[122]!.cells[0]).toBe('寄料镇');
  inflated.length = 0;
  const sample = read(open(bytes), 50);
  expect(inflated.filter((name) => name === SHEET)).toHaveLength(1);
  expect(sample).toEqual(whole.slice(0, 50));
});

test('after its sample, reading the whole sheet inflates it once more, not twice', () => {
  const workbook = open(workbookBytes());
  inflated.length = 0;
  read(workbook, 50);
  const whole = read(workbook);
  expect(inflated.filter((name) => name === SHEET)).toHaveLength(2);
  expect(whole).toEqual(read(open(workbookBytes())));
});

test('finding the first sheet with data does not look for merged ranges, and stops at its first record', () => {
  const workbook = open(workbookBytes());
  inflated.length = 0;
  const first = firstSheetWithData(workbook);
  expect(first.ok && first.sheet.name).toBe('数据');
  expect(inflated.filter((name) => name === SHEET)).toHaveLength(1);
  expect(read(workbook, 1)).toEqual([{ row: 1, cells: Array(4).fill('2023年汝州市教育统计') }]);
});

test('a whole read on its own still finds the merged ranges first, since they fill rows anywhere in the sheet', () => {
  const workbook = open(workbookBytes());
  inflated.length = 0;
  const whole = read(workbook);
  expect(inflated.filter((name) => name === SHEET)).toHaveLength(2);
  expect(whole[100]!.cells[0]).toBe('城关镇');
});
