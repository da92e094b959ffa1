// @vitest-environment node
import { expect, test } from 'vitest';
import { firstInvalidUtf8, sniffBytes, utf8CutLength } from '@/domain/import/sniff';
import { inspectFile, runImport, type RunInput } from '@/workers/import-pipeline';
import { decisionsOf, type InspectChoices } from '@/workers/import-protocol';
import { ruzhouSet } from '../../fixtures/ruzhou';

/** Encodings with real bytes: UTF-16 without a byte-order mark, invalid UTF-8 located in the file, a BOM over a choice. */

const set = ruzhouSet();
const LIMIT = 50 * 1024 * 1024;
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

function utf16(text: string, order: 'le' | 'be'): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2 + (order === 'le' ? 0 : 1)] = unit & 0xff;
    out[i * 2 + (order === 'le' ? 1 : 0)] = unit >> 8;
  }
  return out;
}

function concat(...parts: (Uint8Array | readonly number[])[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A file whose stream delivers chunks of `size` bytes, so chunk boundaries fall where a test wants them. */
class ChunkedFile extends File {
  constructor(
    private readonly content: Uint8Array<ArrayBuffer>,
    name: string,
    private readonly chunkSize: number,
  ) {
    super([content], name);
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let at = 0;
    const { content: bytes, chunkSize } = this;
    return new ReadableStream({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + chunkSize));
        at += chunkSize;
      },
    });
  }
}

async function run(file: File, choices: InspectChoices = {}) {
  const inspected = await inspectFile(file, set, choices);
  if (inspected.type !== 'inspected') throw new Error(`not inspected: ${inspected.type}`);
  const decisions = decisionsOf(inspected);
  if (!decisions) throw new Error('no table');
  const input: RunInput = { file, set, targetSetId: 'ruzhou-2020', decisions, stored: [] };
  return { inspected, ...(await runImport(input, () => undefined)) };
}

// A roster in UTF-16: 一 is U+4E00, so in LE its low byte is 0x00 — zero bytes on both sides.
const ROSTER = `学校,乡镇,年份,班级,学生数\r\n${Array.from({ length: 12 }, (_, i) => `一高,寄料镇,2020,高一${i + 1}班,${i < 3 ? 61 : 50}\r\n`).join('')}`;
const LONG = '地区,年份,指标,数值\r\n寄料镇,2020,普惠性幼儿园覆盖率,85.3\r\n温泉镇,2020,普惠性幼儿园覆盖率,80\r\n';

test.each(['le', 'be'] as const)('a UTF-16 %s roster without a byte-order mark, full of 一 (U+4E00), is recognised as a guess', (order) => {
  const bytes = utf16(ROSTER, order);
  expect(bytes.filter((byte, i) => byte === 0 && i % 2 === (order === 'le' ? 0 : 1)).length).toBeGreaterThan(10);
  expect(sniffBytes(bytes, bytes.length, LIMIT)).toEqual({ ok: true, encoding: `utf-16${order}`, bomLength: 0, fromBom: false, guessed: true });
});

test('binary data with zero bytes at both parities is not taken for UTF-16', () => {
  const bytes = new Uint8Array(512).map((_, i) => (i % 3 === 0 ? 0 : (i * 37) & 0xff));
  expect(sniffBytes(bytes, bytes.length, LIMIT)).toMatchObject({ ok: false, code: 'nul_bytes' });
});

test('UTF-16 LE with control characters (a binary record, not text) is not taken for UTF-16', () => {
  const bytes = utf16('a\u0001b\u0002c\u0003,1\r\n'.repeat(20), 'le');
  expect(sniffBytes(bytes, bytes.length, LIMIT)).toMatchObject({ ok: false, code: 'nul_bytes' });
});

test.each(['le', 'be'] as const)('a UTF-16 %s file without a BOM is imported, with a warning at inspection that the encoding was guessed', async (order) => {
  const file = new File([utf16(LONG, order)], 'unicode.csv');
  const { inspected, result, batch } = await run(file);
  expect(inspected.encoding).toBe(`utf-16${order}`);
  expect(inspected.messages).toContainEqual({ severity: 'warning', code: 'encoding_guessed', params: { encoding: `utf-16${order}` } });
  expect(result.type).toBe('done');
  expect(batch?.figures.map((f) => [f.region, f.value])).toEqual([
    ['410482101', 85.3],
    ['410482102', 80],
  ]);
});

test('a UTF-16 encoding the analyst chose is no guess: no warning', async () => {
  const inspected = await inspectFile(new File([utf16(LONG, 'le')], 'unicode.csv'), set, { encoding: 'utf-16le' });
  expect(inspected.type === 'inspected' && inspected.messages.map((m) => m.code)).not.toContain('encoding_guessed');
});

test('a file with a byte-order mark is read in its encoding whatever the analyst chose, and nothing is guessed', async () => {
  const file = new File([concat([0xef, 0xbb, 0xbf], utf8(LONG))], 'bom.csv');
  const { inspected, result } = await run(file, { encoding: 'gb18030' });
  expect(inspected).toMatchObject({ encoding: 'utf-8', bomLength: 3, detectedEncoding: 'utf-8', fromBom: true });
  expect(inspected.sample[1]?.cells[0]).toBe('寄料镇');
  expect(inspected.messages.map((m) => m.code)).not.toContain('encoding_guessed');
  expect(result.type).toBe('done');
  const le = await inspectFile(new File([concat([0xff, 0xfe], utf16(LONG, 'le'))], 'bom16.csv'), set, { encoding: 'utf-8' });
  expect(le).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
});

// ---- invalid UTF-8: located by byte offset and spreadsheet row ----------------------------------------

test('firstInvalidUtf8 finds the malformed sequence by the decoder’s rules', () => {
  expect(firstInvalidUtf8(utf8('汝州,85.3\n𠀀'), true)).toBeUndefined();
  expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80, 0x62]), true)).toEqual({ offset: 1, bytes: '80' }); // a lone continuation byte
  expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]), true)).toEqual({ offset: 1, bytes: 'C0' }); // overlong
  expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]), true)).toEqual({ offset: 0, bytes: 'ED' }); // a surrogate
  expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe6, 0xb1, 0x2c]), true)).toEqual({ offset: 1, bytes: 'E6 B1' }); // 汝 cut by a comma
  expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe6, 0xb1]), false)).toBeUndefined(); // may go on in the next chunk
  expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe6, 0xb1]), true)).toEqual({ offset: 1, bytes: 'E6 B1' }); // the file ends there
  expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]), true)).toEqual({ offset: 0, bytes: 'F4' }); // above U+10FFFF
});

test('utf8CutLength counts the bytes of a character cut by the end', () => {
  expect(utf8CutLength(utf8('a汝'))).toBe(0);
  expect(utf8CutLength(utf8('a汝').subarray(0, 3))).toBe(2);
  expect(utf8CutLength(utf8('𠀀').subarray(0, 3))).toBe(3);
  expect(utf8CutLength(utf8('𠀀'))).toBe(0);
});

/** A UTF-8 file of `rows` data rows (the second with a quoted line break) and one GBK byte pair in row `badRow`'s region cell. */
function fileWithBadByte(rows: number, badRow: number): { bytes: Uint8Array<ArrayBuffer>; offset: number } {
  const parts: Uint8Array[] = [utf8('地区,年份,指标,数值\r\n'), utf8('温泉镇,2020,"普惠性幼儿园\n覆盖率",80\r\n')];
  let offset = -1;
  for (let row = 3; row <= rows + 1; row++) {
    if (row === badRow) {
      offset = parts.reduce((sum, part) => sum + part.length, 0);
      parts.push(new Uint8Array([0xc8, 0xea]), utf8(`,2020,普惠性幼儿园覆盖率,85\r\n`)); // 汝 in GBK
    } else parts.push(utf8(`寄料镇,${2000 + (row % 20)},普惠性幼儿园覆盖率,85\r\n`));
  }
  return { bytes: concat(...parts), offset };
}

test.each([
  ['chunks of 64 KiB', 65536, 4000, 3000],
  ['chunks of 7 bytes (characters cut between chunks)', 7, 4000, 3000],
  // A file this small holds the bad byte in its head, which is then no UTF-8: the analyst chose UTF-8.
  ['chunks of 1 byte, UTF-8 chosen', 1, 600, 500],
])('an invalid byte far into a UTF-8 file is reported at its offset and row, in %s', async (_name, chunkSize, rows, row) => {
  const { bytes, offset } = fileWithBadByte(rows, row);
  expect(bytes[offset]).toBe(0xc8);
  const { inspected, result, batch } = await run(new ChunkedFile(bytes, 'mixed.csv', chunkSize), chunkSize === 1 ? { encoding: 'utf-8' } : {});
  expect(inspected.encoding).toBe('utf-8');
  // Far beyond the first chunk, and not at a chunk's end.
  if (chunkSize > 1) expect(offset).toBeGreaterThan(65536);
  expect(result).toEqual({ type: 'failed', message: { severity: 'error', code: 'invalid_byte', row, params: { row, offset, bytes: 'C8', encoding: 'utf-8' } } });
  expect(batch).toBeUndefined();
});

test('a UTF-8 file that ends inside a character is reported at that character', async () => {
  const bytes = concat(utf8(LONG), utf8('汝州').subarray(0, 5));
  const { result } = await run(new ChunkedFile(bytes, 'cut.csv', 4));
  expect(result).toMatchObject({ type: 'failed', message: { code: 'invalid_byte', row: 4, params: { offset: bytes.length - 2, bytes: 'E5 B7' } } });
});

test('an invalid byte right after a byte-order mark is at offset 3, row 1', async () => {
  const bytes = concat([0xef, 0xbb, 0xbf], utf8('地区,年份,指标,数值\r\n'), [0xff], utf8(',2020,x,1\r\n'));
  const file = new File([bytes], 'bom-bad.csv');
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error('not inspected');
  const { result } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: decisionsOf(inspected)!, stored: [] }, () => undefined);
  expect(result).toMatchObject({ type: 'failed', message: { code: 'invalid_byte', row: 2, params: { offset: bytes.indexOf(0xff, 3), bytes: 'FF' } } });
});

test('choosing UTF-8 for a file whose head is not UTF-8 says where at once, before the check', async () => {
  const bytes = concat(utf8('地区,年份,指标,数值\r\n"寄料镇\n"'), [0xc8, 0xea], utf8(',2020,普惠性幼儿园覆盖率,85\r\n'));
  const inspected = await inspectFile(new File([bytes], 'gbk-ish.csv'), set, { encoding: 'utf-8' });
  expect(inspected.type === 'inspected' && inspected.messages.filter((m) => m.code === 'invalid_byte')).toEqual([
    { severity: 'error', code: 'invalid_byte', row: 2, params: { row: 2, offset: bytes.indexOf(0xc8), bytes: 'C8', encoding: 'utf-8' } },
  ]);
  const sniffed = await inspectFile(new File([utf8(LONG)], 'fine.csv'), set, { encoding: 'utf-8' });
  expect(sniffed.type === 'inspected' && sniffed.messages.map((m) => m.code)).not.toContain('invalid_byte');
});
