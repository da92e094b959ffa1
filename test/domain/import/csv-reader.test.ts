import { expect, test } from 'vitest';
import { createCsvReader, detectDelimiter } from '@/domain/import/csv-reader';
import type { CsvRecord, Delimiter } from '@/domain/import/types';

/** Reads text given in pieces; returns the records and what `end()` said. */
function read(chunks: readonly string[], delimiter: Delimiter = ',') {
  const records: CsvRecord[] = [];
  const reader = createCsvReader(delimiter, (record) => records.push(record));
  for (const chunk of chunks) reader.push(chunk);
  const end = reader.end();
  return { records, ...end };
}

/** Just the cells, for compact expectations. */
const cells = (text: string, delimiter: Delimiter = ',') => read([text], delimiter).records.map((r) => r.cells);

// ---- RFC 4180 -------------------------------------------------------------------------

test.each<[string, string, string[][]]>([
  ['plain fields', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
  ['a quoted delimiter', '"汝州市,本级",85.3\n', [['汝州市,本级', '85.3']]],
  ['a quoted CRLF', '"第一行\r\n第二行",1\r\n', [['第一行\r\n第二行', '1']]],
  ['a quoted LF', '"a\nb",1\n', [['a\nb', '1']]],
  ['escaped quotes', '"他说""好""",2\n', [['他说"好"', '2']]],
  ['a field that is only an escaped quote', '"""",x\n', [['"', 'x']]],
  ['an empty quoted field', '"",1,""\n', [['', '1', '']]],
  ['empty fields', ',,\n', [['', '', '']]],
  ['a stray quote inside an unquoted field, kept literally', '5"屏,a"b"\n', [['5"屏', 'a"b"']]],
  ['text after a closing quote, appended', '"85"%,"a" b\n', [['85%', 'a b']]],
  ['spaces around fields, kept', ' a , b \n', [[' a ', ' b ']]],
  ['a quote after leading spaces, literal', ' "a,b"\n', [[' "a', 'b"']]],
  ['a final record without a newline', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
  ['a final quoted field without a newline', 'a,"b""c"', [['a', 'b"c']]],
  ['a final record ending in a delimiter', 'a,', [['a', '']]],
  ['Chinese and full-width text', '地区，名称,８５．３％\n', [['地区，名称', '８５．３％']]],
])('%s', (_name, text, expected) => {
  expect(cells(text)).toEqual(expected);
});

// ---- line ends and row numbers ------------------------------------------------------

test.each<[string, string]>([
  ['LF', 'a,1\nb,2\nc,3\n'],
  ['CRLF', 'a,1\r\nb,2\r\nc,3\r\n'],
  ['CR only (old Mac Excel)', 'a,1\rb,2\rc,3\r'],
  ['mixed', 'a,1\r\nb,2\rc,3\n'],
  ['mixed without a final line end', 'a,1\nb,2\r\nc,3'],
])('%s line ends give the same records', (_name, text) => {
  const { records, rows } = read([text]);
  expect(records).toEqual([
    { row: 1, cells: ['a', '1'] },
    { row: 2, cells: ['b', '2'] },
    { row: 3, cells: ['c', '3'] },
  ]);
  expect(rows).toBe(3);
});

test('blank lines and comma-only lines are records, so row numbers match Excel', () => {
  const { records } = read(['地区,值\r\n\r\n,\r\n汝州,1\r\n\r\n']);
  expect(records).toEqual([
    { row: 1, cells: ['地区', '值'] },
    { row: 2, cells: [''] },
    { row: 3, cells: ['', ''] },
    { row: 4, cells: ['汝州', '1'] },
    { row: 5, cells: [''] },
  ]);
});

test('a blank line between CR-only line ends is a record', () => {
  expect(read(['a\r\rb\r']).records.map((r) => r.cells)).toEqual([['a'], [''], ['b']]);
});

test('a trailing newline at the end does not make an extra empty record', () => {
  expect(read(['a\n']).records).toEqual([{ row: 1, cells: ['a'] }]);
  expect(read(['a\r\n']).rows).toBe(1);
  expect(read(['a\r']).rows).toBe(1);
});

test('empty text has no records', () => {
  expect(read([]).rows).toBe(0);
  expect(read(['']).records).toEqual([]);
});

test('a quoted multi-line field stays on its row and the next records keep counting from there', () => {
  const { records } = read(['地区,说明\r\n汝州,"第一行\r\n第二行\r\n第三行"\r\n温泉镇,无\r\n']);
  expect(records).toEqual([
    { row: 1, cells: ['地区', '说明'] },
    { row: 2, cells: ['汝州', '第一行\r\n第二行\r\n第三行'] },
    { row: 3, cells: ['温泉镇', '无'] },
  ]);
});

test('an unclosed quote reports the row where the quoted field started and drops that record', () => {
  const { records, unclosedQuoteRow, rows } = read(['地区,值\n汝州,1\n温泉镇,"85.3\n小屯镇,2\n']);
  expect(records.map((r) => r.row)).toEqual([1, 2]);
  expect(unclosedQuoteRow).toBe(3);
  expect(rows).toBe(2);
});

test('a file that ends cleanly reports no unclosed quote', () => {
  expect(read(['a,"b"\n'])).not.toHaveProperty('unclosedQuoteRow');
});

test('a BOM left in the text stays in the first cell (callers skip it)', () => {
  expect(cells('\ufeff地区,值\n')[0]![0]).toBe('\ufeff地区');
});

// ---- other delimiters -----------------------------------------------------------------

test('a semicolon file keeps decimal commas inside fields', () => {
  expect(cells('地区;值\n汝州;85,3\n"a;b";1\n', ';')).toEqual([['地区', '值'], ['汝州', '85,3'], ['a;b', '1']]);
});

test('a tab file keeps commas and semicolons inside fields', () => {
  expect(cells('地区\t值\n汝州\t1,234\n"a\tb"\t;\n', '\t')).toEqual([['地区', '值'], ['汝州', '1,234'], ['a\tb', ';']]);
});

// ---- chunks cut anywhere --------------------------------------------------------------

const TRICKY = [
  '汝州市2020年教育统计\r\n',
  '\r\n',
  '地区,年份,"说明,备注",值\r\n',
  '"煤山街道",2020,"他说""好""\r\n下一行",85.3\r',
  '风穴路,2020,"""",\n',
  ',,,\n',
  '"a"b,5"屏,"",\r\n',
  '"末行\r\n"',
].join('');

test.each<[string, Delimiter, string]>([
  ['a CSV with titles, quotes, escaped quotes, quoted line breaks and every line end', ',', TRICKY],
  ['a semicolon CSV', ';', 'a;"b;\r\nc"\r\r\n;;"x""y"'],
  ['a tab CSV ending in CR', '\t', '地区\t值\r汝州\t"1\t2"\r'],
  ['a CSV with an unclosed quote', ',', 'a,b\r\n"c\r\nd,e\r\n'],
])('%s split in two at every position gives the same records', (_name, delimiter, text) => {
  const whole = read([text], delimiter);
  expect(whole.rows).toBeGreaterThan(0);
  for (let at = 0; at <= text.length; at++) {
    expect(read([text.slice(0, at), text.slice(at)], delimiter), `split at ${at}`).toEqual(whole);
  }
});

test('the tricky CSV read whole gives the expected records', () => {
  expect(read([TRICKY]).records).toEqual([
    { row: 1, cells: ['汝州市2020年教育统计'] },
    { row: 2, cells: [''] },
    { row: 3, cells: ['地区', '年份', '说明,备注', '值'] },
    { row: 4, cells: ['煤山街道', '2020', '他说"好"\r\n下一行', '85.3'] },
    { row: 5, cells: ['风穴路', '2020', '"', ''] },
    { row: 6, cells: ['', '', '', ''] },
    { row: 7, cells: ['ab', '5"屏', '', ''] },
    { row: 8, cells: ['末行\r\n'] },
  ]);
});

test('the tricky CSV fed one character at a time gives the same records', () => {
  expect(read([...TRICKY.split('')])).toEqual(read([TRICKY]));
});

test('the tricky CSV fed in three pieces at every pair of positions gives the same records', () => {
  const text = TRICKY.slice(60, 120);
  const whole = read([text]);
  for (let a = 0; a <= text.length; a++) {
    for (let b = a; b <= text.length; b++) {
      expect(read([text.slice(0, a), text.slice(a, b), text.slice(b)])).toEqual(whole);
    }
  }
});

// ---- delimiter detection -------------------------------------------------------------

test.each<[string, string, Delimiter]>([
  ['a comma file', '地区,年份,值\n汝州,2020,85.3\n温泉镇,2020,80\n', ','],
  ['a semicolon file with decimal commas', 'region;year;value\nRuzhou;2020;85,3\nWenquan;2020;80,1\n', ';'],
  ['a tab file with thousands separators', '地区\t年份\t人数\n汝州\t2020\t1,234\n温泉镇\t2020\t987\n', '\t'],
  ['a tab file under a title row that has a comma', '汝州市教育统计表,2020年\n\n地区\t年份\t值\n汝州\t2020\t1\n温泉镇\t2020\t2\n', '\t'],
  ['a semicolon file under title rows without delimiters', '汝州市2020年教育统计\n单位：%\n地区;年份;值\n汝州;2020;1\n温泉镇;2020;2\n', ';'],
  ['a comma file whose quoted cells hold semicolons', 'a,b\n"x;y;z",1\n"p;q;r",2\n', ','],
  ['a comma file with a quoted line break', 'a,b,c\n"1\n2",2,3\n4,5,6\n', ','],
  ['a one-column file', '地区\n汝州\n温泉镇\n', ','],
  ['an empty sample', '', ','],
])('detectDelimiter finds the delimiter of %s', (_name, sample, expected) => {
  expect(detectDelimiter(sample)).toBe(expected);
});

test('detectDelimiter ignores a last line cut in the middle', () => {
  const sample = `${'地区;年份;值;说明\n'}${'汝州;2020;1;无\n'.repeat(20)}汝州;20`;
  expect(detectDelimiter(sample)).toBe(';');
});
