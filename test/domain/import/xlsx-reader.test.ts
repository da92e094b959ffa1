import { expect, test } from 'vitest';
import { openWorkbook, readSheet, firstSheetWithData, isEncryptedWorkbook } from '@/domain/import/xlsx-reader';
import { shiftDecimal, numberText } from '@/domain/import/xlsx-cells';
import type { CsvRecord } from '@/domain/import/types';
import { buildXlsx } from './xlsx-fixture';

function records(bytes: Uint8Array, sheet = 0): CsvRecord[] {
  const opened = openWorkbook(bytes);
  if (!opened.ok) throw new Error(opened.problem.code);
  const out: CsvRecord[] = [];
  const read = readSheet(opened.workbook, opened.workbook.sheets[sheet]!, (r) => out.push(r));
  if (!read.ok) throw new Error(read.problem.code);
  return out;
}

test('a title row and a two-row merged header become one header record on Excel row numbers', () => {
  const bytes = buildXlsx([
    {
      name: '数据',
      rows: {
        1: ['2023年汝州市教育统计'],
        3: ['乡镇', '指标', '数值', undefined],
        4: [undefined, undefined, '分子', '分母'],
        6: ['城关镇', 'rate', { n: 12 }, { n: 20 }],
      },
      merges: ['A1:D1', 'A3:A4', 'B3:B4', 'C3:D3'],
    },
  ]);
  expect(records(bytes)).toEqual([
    { row: 1, cells: ['2023年汝州市教育统计', '2023年汝州市教育统计', '2023年汝州市教育统计', '2023年汝州市教育统计'] },
    { row: 4, cells: ['乡镇', '指标', '分子', '分母'] },
    { row: 6, cells: ['城关镇', 'rate', '12', '20'] },
  ]);
});

test('numbers as stored, percent formats shifted exactly, date serials as dates or years, formulas by cached value', () => {
  const bytes = buildXlsx([
    {
      name: 'S',
      rows: {
        1: [{ n: 0.866, s: 1 }, { n: 86.5999 }, { n: 43831, s: 2 }, { n: 43831, s: 4 }, { f: 'A1*100', v: 86.6 }, { e: '#N/A' }, { n: 0.07, s: 3 }],
      },
    },
  ]);
  expect(records(bytes)[0]!.cells).toEqual(['86.6%', '86.5999', '2020-01-01', '2020', '86.6', '#N/A', '7%']);
});

test('a row of only styled empty cells is not emitted, and rows keep their Excel numbers', () => {
  const bytes = buildXlsx([{ name: 'S', rows: { 2: [{ styleOnly: 1 }, { styleOnly: 1 }], 5: ['a'] } }]);
  expect(records(bytes)).toEqual([{ row: 5, cells: ['a'] }]);
});

test('the first visible sheet with data is opened first', () => {
  const bytes = buildXlsx([
    { name: 'empty', rows: {} },
    { name: 'hidden', rows: { 1: ['x'] }, hidden: true },
    { name: 'data', rows: { 1: ['y'] } },
  ]);
  const opened = openWorkbook(bytes);
  if (!opened.ok) throw new Error('not opened');
  const first = firstSheetWithData(opened.workbook);
  expect(first.ok && first.sheet.name).toBe('data');
});

test('a corrupt workbook is a located problem, not an exception', () => {
  const bytes = buildXlsx([{ name: 'S', rows: { 1: ['a'] } }]).slice(0, 200);
  const opened = openWorkbook(bytes);
  expect(opened.ok).toBe(false);
  if (!opened.ok) expect(opened.problem.code).toBe('workbook_corrupt');
});

test('a value beyond the column cap is refused with its row and column', () => {
  const cells = [];
  cells[2500] = { n: 1 };
  const opened = openWorkbook(buildXlsx([{ name: 'S', rows: { 7: cells } }]));
  if (!opened.ok) throw new Error('not opened');
  const read = readSheet(opened.workbook, opened.workbook.sheets[0]!, () => undefined);
  expect(read).toEqual({ ok: false, problem: { code: 'sheet_too_wide', params: { row: 7, column: 'CRE', limit: 2000 } } });
});

test('decimal shifting is exact', () => {
  expect(shiftDecimal('0.866', 2)).toBe('86.6');
  expect(shiftDecimal('1.5E-3', 0)).toBe('0.0015');
  expect(shiftDecimal('-1.25E3', 0)).toBe('-1250');
  expect(numberText('0.30000000000000004', 'plain', false)).toBe('0.30000000000000004');
});

test('an OLE file without EncryptedPackage is not taken for an encrypted workbook', () => {
  const head = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
  expect(isEncryptedWorkbook(head)).toBe(false);
  const name = Array.from('EncryptedPackage').flatMap((c) => [c.charCodeAt(0), 0]);
  expect(isEncryptedWorkbook(new Uint8Array([...head, ...name]))).toBe(true);
});
