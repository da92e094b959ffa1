import { Inflate } from 'fflate';

/**
 * The ZIP container of an .xlsx file, read with limits. The central directory
 * (at the end of the file) lists the parts; a part is inflated with fflate's
 * streaming `Inflate` in slices, so its text reaches the XML tokenizer a piece
 * at a time and a zip bomb is stopped as soon as its output passes a limit,
 * never after it has filled memory. Pure: bytes in, bytes out.
 */

/** One part of the package, as the central directory describes it. */
export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

/** Why a ZIP could not be read: not a ZIP at all (or truncated), or a part over a limit. */
export type ZipProblem = { kind: 'corrupt'; detail: string } | { kind: 'too_large'; part: string; limitMb: number };

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.kind === 'corrupt' ? problem.detail : `${problem.part} over ${problem.limitMb} MB`);
  }
}

export type InflateLimits = {
  /** Most bytes a part may inflate to. */
  maxBytes: number;
  /** Most output bytes per compressed byte, checked once the output passes `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const SLICE = 64 * 1024;
const MIB = 1024 * 1024;

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

/**
 * Lists the parts of a ZIP file from its central directory.
 *
 * @throws ZipError `corrupt` when there is no end-of-directory record, the directory runs past the file, or
 *   an entry is malformed (ZIP64 archives, over 4 GB, count as corrupt here: no workbook the import takes needs them).
 */
export function listZipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const corrupt = (detail: string) => new ZipError({ kind: 'corrupt', detail });
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  if (at === 0xffffffff || count === 0xffff) throw corrupt('zip64');
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw corrupt(`central directory entry ${n + 1}`);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extra = u16(bytes, at + 30);
    const comment = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw corrupt('zip64');
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, { name, method, compressedSize, size, localOffset });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/**
 * Inflates one part, passing its bytes to `onData` in slices as they come.
 * `onData` returns false to stop early (the rest is not inflated).
 *
 * @throws ZipError `too_large` when the output passes `limits.maxBytes`, or the output per compressed byte
 *   passes `limits.maxRatio` beyond `limits.ratioFloorBytes` (a zip bomb); `corrupt` for a bad local header,
 *   an unknown compression method or deflate data that does not decode.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, limits: InflateLimits, onData: (chunk: Uint8Array) => boolean): void {
  const corrupt = (detail: string) => new ZipError({ kind: 'corrupt', detail: `${entry.name}: ${detail}` });
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw corrupt('local header');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt('data runs past the end of the file');
  const data = bytes.subarray(start, end);
  let out = 0;
  let consumed = 0;
  let stop = false;
  /** An error thrown by `onData` (or a limit) passes through as it is; only fflate's own are `corrupt`. */
  let passed: unknown;
  const tooLarge = () => new ZipError({ kind: 'too_large', part: entry.name, limitMb: Math.round(limits.maxBytes / MIB) });
  const take = (chunk: Uint8Array) => {
    if (stop) return;
    out += chunk.length;
    if (out > limits.maxBytes) throw tooLarge();
    if (out > limits.ratioFloorBytes && out > limits.maxRatio * Math.max(consumed, 1)) throw tooLarge();
    try {
      if (!onData(chunk)) stop = true;
    } catch (error) {
      passed = error;
      throw error;
    }
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length && !stop; i += SLICE) {
      consumed = Math.min(data.length, i + SLICE);
      take(data.subarray(i, consumed));
    }
    return;
  }
  if (entry.method !== 8) throw corrupt(`compression method ${entry.method}`);
  const inflate = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; i < data.length && !stop; i += SLICE) {
      consumed = Math.min(data.length, i + SLICE);
      inflate.push(data.subarray(i, consumed), consumed === data.length);
    }
  } catch (error) {
    if (error instanceof ZipError || (passed !== undefined && error === passed)) throw error;
    throw corrupt(error instanceof Error ? error.message : String(error));
  }
}

/** Inflates a whole (small) part into text; see `inflateEntry` for the limits and errors. */
export function inflateText(bytes: Uint8Array, entry: ZipEntry, limits: InflateLimits): string {
  const decoder = new TextDecoder();
  let text = '';
  inflateEntry(bytes, entry, limits, (chunk) => {
    text += decoder.decode(chunk, { stream: true });
    return true;
  });
  return text + decoder.decode();
}
