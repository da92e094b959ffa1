import type { Encoding, RejectedFileCode, SniffResult } from './types';

/**
 * First look at an uploaded file's bytes: refuse what is not a CSV (empty,
 * too large, an image, a PDF, a web page, binary data) and choose the text
 * encoding. A workbook is told apart here too: the import pipeline reads a
 * `xlsx` result with the workbook reader (xlsx-reader.ts) instead of refusing
 * it, and checks an `xls` result for a password-protected .xlsx. Files come from Excel/WPS on Chinese Windows, so
 * the encodings met in practice are UTF-8 (with or without BOM), GBK/GB18030
 * ("CSV" saved by Excel on a Chinese system) and UTF-16 ("Unicode text").
 *
 * Pure: no DOM, no Node APIs; `TextDecoder` only. Runs in the import worker.
 */

const MIB = 1024 * 1024;

/** How many leading bytes the UTF-16-without-BOM heuristic looks at. */
const UTF16_PROBE_BYTES = 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const GIF = [0x47, 0x49, 0x46, 0x38]; // "GIF8"
const PDF = [0x25, 0x50, 0x44, 0x46]; // "%PDF"

/** Magic numbers, checked in this order before anything is decoded. */
const SIGNATURES: readonly { bytes: readonly number[]; code: 'png' | 'jpeg' | 'gif' | 'pdf' | 'xls' }[] = [
  { bytes: PNG, code: 'png' },
  { bytes: JPEG, code: 'jpeg' },
  { bytes: GIF, code: 'gif' },
  { bytes: PDF, code: 'pdf' },
  { bytes: OLE2, code: 'xls' },
];

const HTML_MARKERS = ['<html', '<table', '<!doctype', '<body'];

/**
 * Classifies a file from its first bytes.
 *
 * @param head The first bytes of the file (the caller reads at most 64 KiB; the whole file when smaller).
 * @param size The whole file's size in bytes.
 * @param limitBytes The largest size accepted, in bytes.
 * @returns `{ ok: true, encoding, bomLength, fromBom }` for text the pipeline can read, where
 *   `bomLength` is the number of bytes to skip (0, 2 or 3); or `{ ok: false, code, params }`.
 *   Checks run in this order, the first match wins:
 *   1. `empty` — size 0.
 *   2. `too_large` — size above the limit; params `{ limitMb, sizeMb }` in MiB (1 MiB = 1,048,576 bytes),
 *      the limit rounded to one decimal, the size rounded UP to one decimal so it never reads as equal to the limit.
 *   3. Signatures: `png`, `jpeg`, `gif`, `pdf`, `xlsx` (a ZIP whose head names `xl/` or `[Content_Types].xml`:
 *      the pipeline reads it as a workbook), any other ZIP as `zip`, and `xls` (OLE2 compound file, also old
 *      .doc/.et files, and an .xlsx saved with a password, which the pipeline tells apart).
 *   4. A byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE) picks the encoding (`fromBom: true`);
 *      a file that holds nothing but the BOM and whitespace is `bom_only`
 *      (only when the head is the whole file).
 *   5. Without a BOM, UTF-16 is recognised by ASCII code units (a zero high byte) in one byte order clearly
 *      outnumbering the other in the first 1 KiB, which must decode to text (see `guessUtf16`);
 *      the result says `guessed: true`, for the pipeline to warn that the encoding was guessed.
 *   6. Any other NUL byte in the head (UTF-8 with BOM included) is `nul_bytes`: binary data, not text.
 *   7. `html`: after an optional BOM and whitespace the text starts with `<` and contains `<html`, `<table`,
 *      `<!doctype` or `<body` (any case) — Excel's "save as web page" renamed to .csv.
 *   8. UTF-8 when the head decodes strictly (a character cut by the end of the head is allowed), else `gb18030`
 *      (a superset of GBK and GB2312, which is what Excel on Chinese Windows writes).
 */
export function sniffBytes(head: Uint8Array, size: number, limitBytes: number): SniffResult {
  if (size === 0) return reject('empty');
  if (size > limitBytes) {
    return reject('too_large', {
      limitMb: Math.round((limitBytes / MIB) * 10) / 10,
      sizeMb: Math.ceil((size / MIB) * 10) / 10,
    });
  }

  if (startsWith(head, ZIP)) {
    return reject(indexOfAscii(head, 'xl/') >= 0 || indexOfAscii(head, '[Content_Types].xml') >= 0 ? 'xlsx' : 'zip');
  }
  for (const { bytes, code } of SIGNATURES) if (startsWith(head, bytes)) return reject(code);

  const bom = detectBom(head);
  let encoding: Encoding | undefined = bom?.encoding;
  const bomLength = bom?.length ?? 0;

  if (bom && head.length >= size && isBlank(decodeHead(head, bom.encoding, bom.length))) return reject('bom_only');
  if (!encoding) encoding = guessUtf16(head);
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && head.includes(0)) return reject('nul_bytes');

  if (looksLikeHtml(head, encoding ?? 'utf-8', bomLength)) return reject('html');

  if (bom) return { ok: true, encoding: bom.encoding, bomLength, fromBom: true };
  if (encoding) return { ok: true, encoding, bomLength: 0, fromBom: false, guessed: true };
  return { ok: true, encoding: isStrictUtf8(head) ? 'utf-8' : 'gb18030', bomLength: 0, fromBom: false };
}

/**
 * Decodes the sample for previews and for detecting the table's shape.
 *
 * @param head Leading bytes of the file.
 * @param encoding The encoding to decode with (sniffed, or chosen by the analyst).
 * @param bomLength Bytes of byte-order mark to skip first (0 when none).
 * @returns The text. Invalid bytes become U+FFFD (never throws); a character cut
 *   in half at the end of `head` (a UTF-8/GB18030 lead byte, an odd UTF-16 byte)
 *   is dropped rather than shown as U+FFFD. A BOM of the chosen encoding right
 *   after `bomLength` bytes is also removed (TextDecoder's default).
 */
export function decodeHead(head: Uint8Array, encoding: Encoding, bomLength: number): string {
  // `stream: true` keeps an incomplete trailing sequence back instead of emitting U+FFFD; we never flush it.
  return new TextDecoder(encoding).decode(head.subarray(bomLength), { stream: true });
}

// The first malformed UTF-8 sequence is found by the one rule in domain/shared (target files use it too).
export { firstInvalidUtf8, type InvalidUtf8 } from '@/domain/shared/utf8';

/**
 * How many bytes at the end of `bytes` (valid UTF-8) begin a character the end
 * cuts (0–3): what a streaming decoder holds back for the next chunk.
 */
export function utf8CutLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}

// ---- helpers ----------------------------------------------------------------

function reject(code: RejectedFileCode, params: Record<string, string | number> = {}): SniffResult {
  return { ok: false, code, params };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Offset of an ASCII string in the bytes, or -1. */
function indexOfAscii(bytes: Uint8Array, text: string): number {
  const first = text.charCodeAt(0);
  let at = bytes.indexOf(first);
  while (at >= 0 && at + text.length <= bytes.length) {
    let k = 1;
    while (k < text.length && bytes[at + k] === text.charCodeAt(k)) k++;
    if (k === text.length) return at;
    at = bytes.indexOf(first, at + 1);
  }
  return -1;
}

function detectBom(head: Uint8Array): { encoding: Encoding; length: number } | undefined {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM. In the text of a CSV file (digits, commas, line
 * breaks) most code units are ASCII, whose high byte is 0x00: the odd bytes in
 * LE, the even ones in BE. Chinese characters rarely have a zero byte, but the
 * one that does is common — 一 is U+4E00, so in LE its *low* byte is zero — so
 * the two orders are compared by code units of the form (x, 00) against (00, x)
 * with x ≠ 0, not by counting zero bytes, and the stronger order must lead
 * clearly. The first 1 KiB must then decode in that order to text: no unpaired
 * surrogate, no control character but tab, CR and LF (binary data fails here).
 * Undefined when it does not look like UTF-16.
 */
function guessUtf16(head: Uint8Array): Encoding | undefined {
  const probe = head.subarray(0, Math.floor(Math.min(head.length, UTF16_PROBE_BYTES) / 2) * 2);
  const pairs = probe.length / 2;
  if (pairs === 0) return undefined;
  let lowFirst = 0; // (x, 00): ASCII in LE
  let highFirst = 0; // (00, x): ASCII in BE
  for (let i = 0; i < probe.length; i += 2) {
    const first = probe[i]!;
    const second = probe[i + 1]!;
    if (second === 0 && first !== 0) lowFirst++;
    else if (first === 0 && second !== 0) highFirst++;
  }
  const enough = Math.max(1, pairs * 0.1);
  const order: Encoding | undefined =
    lowFirst >= enough && lowFirst >= highFirst * 3 ? 'utf-16le' : highFirst >= enough && highFirst >= lowFirst * 3 ? 'utf-16be' : undefined;
  return order && isUtf16Text(probe, order) ? order : undefined;
}

/** Control characters no CSV text holds (tab, LF and CR excepted). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The bytes decode strictly in `order` (a unit or surrogate cut by the end is allowed) to text without control characters. */
function isUtf16Text(bytes: Uint8Array, order: Encoding): boolean {
  try {
    return !CONTROL.test(new TextDecoder(order, { fatal: true }).decode(bytes, { stream: true }));
  } catch {
    return false;
  }
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * HTML markers are ASCII, so decoding as UTF-8 (non-fatal) also finds them in
 * GB18030 text. The whole head is decoded only when the text starts with "<".
 */
function looksLikeHtml(head: Uint8Array, encoding: Encoding, bomLength: number): boolean {
  const start = decodeHead(head.subarray(0, bomLength + 1024), encoding, bomLength).trimStart();
  if (!start.startsWith('<')) return false;
  const lower = decodeHead(head, encoding, bomLength).toLowerCase();
  return HTML_MARKERS.some((marker) => lower.includes(marker));
}

/** Strict UTF-8; `stream: true` so a character cut by the end of the head is not an error. */
function isStrictUtf8(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
