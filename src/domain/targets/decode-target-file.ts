import { firstInvalidUtf8, hex } from '@/domain/shared/utf8';
import { severityOf, type TargetFileProblem, type TargetFileProblemCode } from './target-file-problem';

/** The encodings a target file is read in: UTF-8 (the norm), else what an editor on Chinese Windows writes. */
export type TargetFileEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type DecodedTargetFile =
  | { ok: true; text: string; encoding: TargetFileEncoding; problems: TargetFileProblem[] }
  | { ok: false; problems: TargetFileProblem[] };

const BOMS: readonly { bytes: readonly number[]; encoding: TargetFileEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/**
 * A target file's bytes as text. In order:
 *   1. a byte-order mark picks the encoding and is dropped (UTF-8 silently; UTF-16, which Notepad calls
 *      "Unicode", with a `decoded_utf16` warning); bytes the marked encoding cannot read are refused (`not_utf8`);
 *   2. a NUL byte without a BOM is refused (`not_text`: UTF-16 without a BOM, or not a text file);
 *   3. strict UTF-8;
 *   4. strict GB18030 (a superset of GBK and GB2312, what Notepad and WPS on Chinese Windows save as "ANSI"),
 *      with a `decoded_gb18030` warning located at the first byte that is not UTF-8;
 *   5. anything else is refused (`not_utf8`), located at the first byte that is not UTF-8.
 * Located problems carry line and column (1-based; the column in UTF-16 code units of the decoded line, as the parser counts).
 */
export function decodeTargetFile(bytes: Uint8Array, file: string): DecodedTargetFile {
  const problem = (code: TargetFileProblemCode, at: number, params: TargetFileProblem['params'], decodeAs: TargetFileEncoding): TargetFileProblem => ({
    file,
    ...positionOf(bytes, at, decodeAs),
    path: '',
    severity: severityOf(code),
    code,
    params,
  });

  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const body = bytes.subarray(bom.bytes.length);
    const text = strict(body, bom.encoding);
    if (text === undefined) {
      const bad = bom.encoding === 'utf-8' ? firstInvalidUtf8(body, true) : undefined;
      const at = bom.bytes.length + (bad?.offset ?? 0);
      return { ok: false, problems: [problem('not_utf8', at, { bytes: bad?.bytes ?? hex(bytes.subarray(at, at + 2)), encoding: bom.encoding }, 'utf-8')] };
    }
    if (bom.encoding === 'utf-8') return { ok: true, text, encoding: 'utf-8', problems: [] };
    return { ok: true, text, encoding: bom.encoding, problems: [{ file, path: '', severity: 'warning', code: 'decoded_utf16', params: { encoding: bom.encoding } }] };
  }

  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problems: [problem('not_text', nul, {}, 'utf-8')] };

  const utf8 = strict(bytes, 'utf-8');
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8', problems: [] };

  const bad = firstInvalidUtf8(bytes, true) ?? { offset: 0, bytes: '' };
  const gb = strict(bytes, 'gb18030');
  if (gb !== undefined) {
    return { ok: true, text: gb, encoding: 'gb18030', problems: [problem('decoded_gb18030', bad.offset, { bytes: bad.bytes }, 'gb18030')] };
  }
  return { ok: false, problems: [problem('not_utf8', bad.offset, { bytes: bad.bytes, encoding: 'utf-8' }, 'utf-8')] };
}

function strict(bytes: Uint8Array, encoding: TargetFileEncoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Line and column (1-based) of byte `offset`, the column counted in the line decoded as `encoding`. */
function positionOf(bytes: Uint8Array, offset: number, encoding: TargetFileEncoding): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(lineStart, offset)).replace(/^\uFEFF/, '');
  // In UTF-16 code units, as the parser counts its columns (and editors do).
  return { line, column: before.length + 1 };
}
