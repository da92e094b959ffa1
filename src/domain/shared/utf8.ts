/** UTF-8 as `TextDecoder` reads it: where a byte sequence stops being UTF-8. Host-neutral, used by the import and the target files. */

/** A malformed UTF-8 sequence: where it starts (an index into the bytes given) and its bytes, in hex ("E4 B8"). */
export type InvalidUtf8 = { offset: number; bytes: string };

/**
 * The first malformed UTF-8 sequence, by the rules `TextDecoder` applies
 * (WHATWG Encoding: shortest forms only, no surrogates, nothing above
 * U+10FFFF); the sequence is its maximal valid prefix, or the one bad byte.
 *
 * @param bytes The bytes to check, starting at a character boundary.
 * @param final True at the end of the file: a character the end cuts is then malformed too;
 *   false for a chunk of a stream, whose last character may go on in the next chunk.
 * @returns The sequence, or undefined when the bytes are valid UTF-8.
 */
export function firstInvalidUtf8(bytes: Uint8Array, final: boolean): InvalidUtf8 | undefined {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    // The second byte's range depends on the lead (no overlong forms, no surrogates, nothing above U+10FFFF).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    let k = 1;
    while (need > 0 && k <= need && i + k < n) {
      const next = bytes[i + k]!;
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) break;
      k++;
    }
    if (need > 0 && k > need) {
      i += k;
      continue;
    }
    if (need > 0 && i + k === n && !final) return undefined; // cut by the end of the chunk
    return { offset: i, bytes: hex(bytes.subarray(i, i + k)) };
  }
  return undefined;
}

/** Bytes in hex, upper case, space-separated: `E4 B8`. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
