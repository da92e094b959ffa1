import { expect, test } from 'vitest';
import { decodeHead, sniffBytes } from '@/domain/import/sniff';
import type { Encoding, RejectedFileCode } from '@/domain/import/types';

// ---- builders: real bytes --------------------------------------------------------

const MIB = 1024 * 1024;
const LIMIT = 50 * MIB;
const HEAD = 64 * 1024;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function concat(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [first, second] = order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    out[i * 2] = first;
    out[i * 2 + 1] = second;
  }
  return out;
}

/** What the worker does: the first 64 KiB and the whole size. */
const sniff = (bytes: Uint8Array) => sniffBytes(bytes.subarray(0, HEAD), bytes.length, LIMIT);

const BOM8 = [0xef, 0xbb, 0xbf];
const BOM_LE = [0xff, 0xfe];
const BOM_BE = [0xfe, 0xff];

const TABLE = '地区,乡镇,年份,数值\r\n汝州市,温泉镇,2020,85.3\r\n';

// GBK / GB18030, written by hand.
const GBK_HEADER = [0xb5, 0xd8, 0xc7, 0xf8, 0x2c, 0xcf, 0xe7, 0xd5, 0xf2, 0x2c, 0xc4, 0xea, 0xb7, 0xdd, 0x2c, 0xca, 0xfd, 0xd6, 0xb5, 0x0d, 0x0a]; // 地区,乡镇,年份,数值\r\n
const GBK_RUZHOU_CITY = [0xc8, 0xea, 0xd6, 0xdd, 0xca, 0xd0, 0x2c]; // 汝州市,
const GB18030_TOWN = [0x95, 0x32, 0x82, 0x36, 0xd5, 0xf2]; // 𠀀镇 (U+20000 is four bytes in GB18030)
const ASCII_TAIL = [0x2c, 0x32, 0x30, 0x32, 0x30, 0x2c, 0x38, 0x35, 0x2e, 0x33, 0x0d, 0x0a]; // ,2020,85.3\r\n
const GB18030_FILE = concat(GBK_HEADER, GBK_RUZHOU_CITY, GB18030_TOWN, ASCII_TAIL);

// ---- rejections -------------------------------------------------------------------

test('an empty file is refused as empty', () => {
  expect(sniffBytes(new Uint8Array(0), 0, LIMIT)).toEqual({ ok: false, code: 'empty', params: {} });
});

test('a file above the limit is refused with the limit and its size in MiB, the size rounded up', () => {
  expect(sniffBytes(utf8(TABLE), 60 * MIB + 1, LIMIT)).toEqual({ ok: false, code: 'too_large', params: { limitMb: 50, sizeMb: 60.1 } });
});

test('a file exactly at the limit is accepted', () => {
  expect(sniffBytes(utf8(TABLE), LIMIT, LIMIT)).toMatchObject({ ok: true });
});

const ZIP = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00];

test.each<[string, Uint8Array, RejectedFileCode]>([
  ['a PNG image', concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]), 'png'],
  ['a JPEG photo', concat([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], utf8('JFIF')), 'jpeg'],
  ['a GIF image', utf8('GIF89a\u0001\u0000'), 'gif'],
  ['a PDF', utf8('%PDF-1.7\n%âãÏÓ\n'), 'pdf'],
  ['an .xlsx workbook naming [Content_Types].xml', concat(ZIP, utf8('\u0000\u0000[Content_Types].xml')), 'xlsx'],
  ['an .xlsx workbook naming xl/worksheets', concat(ZIP, utf8('\u0000\u0000xl/worksheets/sheet1.xml')), 'xlsx'],
  ['any other ZIP archive', concat(ZIP, utf8('\u0000\u0000data/figures.csv')), 'zip'],
  ['an old .xls workbook (OLE2)', concat([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(24)), 'xls'],
])('%s is refused by its signature', (_name, bytes, code) => {
  expect(sniff(bytes)).toMatchObject({ ok: false, code });
});

test.each<[string, Uint8Array]>([
  ['a UTF-8 BOM alone', new Uint8Array(BOM8)],
  ['a UTF-8 BOM and line breaks', concat(BOM8, utf8('\r\n\r\n'))],
  ['a UTF-8 BOM, spaces and a full-width space', concat(BOM8, utf8('  \u3000\n'))],
  ['a UTF-16 LE BOM and a line break', concat(BOM_LE, utf16('\r\n', 'le'))],
  ['a UTF-16 BE BOM alone', new Uint8Array(BOM_BE)],
])('%s is refused as bom_only', (_name, bytes) => {
  expect(sniff(bytes)).toEqual({ ok: false, code: 'bom_only', params: {} });
});

test('a head that is only a BOM is not bom_only when the file goes on beyond the head', () => {
  expect(sniffBytes(new Uint8Array(BOM8), 100, LIMIT)).toEqual({ ok: true, encoding: 'utf-8', bomLength: 3, fromBom: true });
});

test.each<[string, Uint8Array]>([
  ['a NUL byte after some text', concat(utf8('地区,年份\n'), [0x00], utf8('汝州,2020\n'))],
  ['binary data with zeros at odd and even offsets', new Uint8Array([0x01, 0x00, 0x00, 0x02, 0x03, 0x00, 0x00, 0x04, 0x10, 0x00, 0x00, 0x7f])],
  ['a UTF-8 BOM followed by NUL bytes', concat(BOM8, utf8('a,b\n'), [0x00, 0x00, 0x00])],
])('%s is refused as nul_bytes', (_name, bytes) => {
  expect(sniff(bytes)).toEqual({ ok: false, code: 'nul_bytes', params: {} });
});

test.each<[string, Uint8Array]>([
  ['Excel’s “save as web page”', utf8('<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<body><table><tr><td>地区</td></tr></table></body></html>')],
  ['a doctype in capitals', utf8('<!DOCTYPE html>\n<HTML><BODY>汝州</BODY></HTML>')],
  ['a bare table after a BOM and blank lines', concat(BOM8, utf8('\r\n  <TABLE border=1><tr><td>1</td></tr></TABLE>'))],
  ['a UTF-16 LE web page with a BOM', concat(BOM_LE, utf16('<html><body>汝州</body></html>', 'le'))],
  ['a GBK web page', concat(utf8('<meta charset="gbk"><table><tr><td>'), GBK_RUZHOU_CITY, utf8('</td></tr></table>'))],
])('%s is refused as html', (_name, bytes) => {
  expect(sniff(bytes)).toEqual({ ok: false, code: 'html', params: {} });
});

test('a CSV whose first cell starts with "<" is not mistaken for HTML', () => {
  expect(sniff(utf8('<5岁,人数\n汝州,12\n'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0, fromBom: false });
});

test('a CSV that mentions <table> in a later cell but does not start with "<" is not HTML', () => {
  expect(sniff(utf8('说明,值\n"<table> 不是网页",1\n'))).toMatchObject({ ok: true, encoding: 'utf-8' });
});

// ---- encodings -----------------------------------------------------------------------

const ASCII_TABLE = 'region,year,value\r\nRuzhou,2020,85.3\r\n';

test.each<[string, Uint8Array, { encoding: Encoding; bomLength: number; fromBom: boolean; guessed?: true }, string]>([
  ['UTF-8 with a BOM', concat(BOM8, utf8(TABLE)), { encoding: 'utf-8', bomLength: 3, fromBom: true }, TABLE],
  ['UTF-8 without a BOM', utf8(TABLE), { encoding: 'utf-8', bomLength: 0, fromBom: false }, TABLE],
  ['plain ASCII', utf8(ASCII_TABLE), { encoding: 'utf-8', bomLength: 0, fromBom: false }, ASCII_TABLE],
  ['UTF-16 LE with a BOM', concat(BOM_LE, utf16(TABLE, 'le')), { encoding: 'utf-16le', bomLength: 2, fromBom: true }, TABLE],
  ['UTF-16 BE with a BOM', concat(BOM_BE, utf16(TABLE, 'be')), { encoding: 'utf-16be', bomLength: 2, fromBom: true }, TABLE],
  ['UTF-16 LE without a BOM', utf16(TABLE, 'le'), { encoding: 'utf-16le', bomLength: 0, fromBom: false, guessed: true }, TABLE],
  ['UTF-16 BE without a BOM', utf16(TABLE, 'be'), { encoding: 'utf-16be', bomLength: 0, fromBom: false, guessed: true }, TABLE],
  ['GBK/GB18030 with a four-byte character', GB18030_FILE, { encoding: 'gb18030', bomLength: 0, fromBom: false }, '地区,乡镇,年份,数值\r\n汝州市,𠀀镇,2020,85.3\r\n'],
])('%s is sniffed as such and its preview decodes', (_name, bytes, expected, text) => {
  const result = sniff(bytes);
  expect(result).toEqual({ ok: true, ...expected });
  expect(decodeHead(bytes, expected.encoding, expected.bomLength)).toBe(text);
});

test('TextDecoder reads GBK 汝州 and the four-byte GB18030 character in a township name', () => {
  const decoder = new TextDecoder('gb18030');
  expect(decoder.decode(new Uint8Array([0xc8, 0xea, 0xd6, 0xdd]))).toBe('汝州');
  const town = decoder.decode(new Uint8Array(GB18030_TOWN));
  expect(town).toBe('𠀀镇');
  expect(town.codePointAt(0)).toBe(0x20000);
});

test('a UTF-8 file whose 64 KiB head cuts a Chinese character in half is still UTF-8', () => {
  // 65,535 ASCII bytes, then 汝 (E6 B1 9D): the head ends after its first byte.
  const filler = utf8('a,1\n'.repeat(16384)).subarray(0, HEAD - 1);
  const file = concat(filler, utf8('汝州,2\n'));
  const head = file.subarray(0, HEAD);
  expect(head[HEAD - 1]).toBe(0xe6);
  expect(sniffBytes(head, file.length, LIMIT)).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0, fromBom: false });
  const text = decodeHead(head, 'utf-8', 0);
  expect(text.endsWith('\uFFFD')).toBe(false);
  expect(text.length).toBe(HEAD - 1);
});

test('a GBK file whose head cuts a two-byte character in half is GB18030, and the preview drops the half', () => {
  const row = concat(GBK_RUZHOU_CITY, ASCII_TAIL);
  const rows = Math.ceil(HEAD / row.length) + 1;
  const file = concat(...Array.from({ length: rows }, () => row));
  // Cut one byte into 汝 (C8 EA) somewhere near the end of the head.
  const cut = (rows - 2) * row.length + 1;
  const head = file.subarray(0, cut);
  expect(sniffBytes(head, file.length, LIMIT)).toMatchObject({ ok: true, encoding: 'gb18030' });
  const text = decodeHead(head, 'gb18030', 0);
  expect(text.endsWith('85.3\r\n')).toBe(true);
  expect(text).not.toContain('\uFFFD');
});

test('a UTF-16 preview drops a trailing odd byte', () => {
  const bytes = concat(BOM_LE, utf16('汝州,1', 'le'), [0x0d]);
  expect(decodeHead(bytes, 'utf-16le', 2)).toBe('汝州,1');
});

test('the preview skips the BOM it is told about and keeps everything else', () => {
  expect(decodeHead(concat(BOM8, utf8('地区\n')), 'utf-8', 3)).toBe('地区\n');
});

test('GBK text read as UTF-8 (the analyst’s override) shows replacement characters rather than failing', () => {
  expect(decodeHead(new Uint8Array([0xc8, 0xea, 0xd6, 0xdd, 0x2c, 0x31]), 'utf-8', 0)).toMatch(/\uFFFD.*,1$/);
});
