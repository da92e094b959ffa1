/**
 * Reading single cells as analysts write them in Excel or WPS on Chinese
 * Windows: "85.3%", "８５．３％", "1,234", "2020年", "—" for a gap.
 */

export type NumberCell =
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'missing' }
  | {
      kind: 'invalid';
      code: 'number_invalid' | 'number_ideographic_point' | 'number_exponent' | 'number_hex' | 'number_not_finite';
    };

/** Words and marks that mean "no figure": a gap, never 0. Compared after `normalizeLabel`. */
const MISSING = new Set(['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', 'null', 'none', '无', '空', '暂无', '缺', '不详', '..', '…']);

/** Whitespace Excel users cannot see: NBSP, full-width space, zero-width characters, BOM. */
const INVISIBLE = /[\u00a0\u2000-\u200b\u200e\u200f\u202f\u205f\u3000\ufeff]/g;

/** Full-width ASCII (０-９, ．, ％, ，, －, ＋) to half-width, NBSP and friends to spaces. */
function halfWidth(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, ' ');
}

/** True for the marks analysts use for a missing figure ("", "-", "—", "N/A", "无", …). */
export function isMissingToken(raw: string): boolean {
  return MISSING.has(normalizeLabel(raw));
}

const SIMPLE = /^-?\d{1,15}(?:\.\d{1,15})?$/;
const SIMPLE_PERCENT = /^(-?\d{1,15}(?:\.\d{1,15})?) ?%$/;
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

/**
 * A number cell: optional sign, digits with correct thousands separators,
 * optional decimals and an optional trailing "%" (spaces allowed before it).
 * Full-width forms are accepted. Rejected rather than guessed: "85。3" (an
 * ideographic full stop is not a decimal point — reading it as 85 would be
 * wrong), hex, exponents, Infinity/NaN and anything else.
 */
export function parseNumberCell(raw: string): NumberCell {
  // Fast paths for the common cases (plain ASCII "85.3", "85.3%", "85.3 %"), most cells of a large file.
  if (SIMPLE.test(raw)) return { kind: 'number', value: Number(raw), percent: false };
  const simplePercent = SIMPLE_PERCENT.exec(raw);
  if (simplePercent) return { kind: 'number', value: Number(simplePercent[1]), percent: true };
  if (raw.includes('。')) return { kind: 'invalid', code: 'number_ideographic_point' };
  const text = halfWidth(raw).trim();
  if (isMissingToken(text)) return { kind: 'missing' };
  let body = text;
  let percent = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trimEnd();
  }
  if (PLAIN_NUMBER.test(body)) {
    const value = Number(body.replaceAll(',', ''));
    if (Number.isFinite(value)) return { kind: 'number', value, percent };
  }
  const lower = body.toLowerCase();
  if (/^[+-]?0x[0-9a-f]+$/.test(lower)) return { kind: 'invalid', code: 'number_hex' };
  if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/.test(lower)) return { kind: 'invalid', code: 'number_exponent' };
  if (/^[+-]?(inf|infinity|∞|nan)$/.test(lower)) return { kind: 'invalid', code: 'number_not_finite' };
  return { kind: 'invalid', code: 'number_invalid' };
}

export type YearCell = { kind: 'year'; year: number } | { kind: 'missing' } | { kind: 'invalid' };

/** Years accepted: 1949–2100. */
export const YEAR_RANGE = { min: 1949, max: 2100 } as const;

/** A year written 2020, 2020年, 2020-12-31, 2020/12/31, 2020.12.31 or 2020年12月31日 (the date's year). */
export function parseYearCell(raw: string): YearCell {
  const text = halfWidth(raw).trim();
  if (isMissingToken(text)) return { kind: 'missing' };
  const match = /^(\d{4})(?:年(?:度)?|(?:[-/.]\d{1,2}[-/.]\d{1,2})|(?:年\d{1,2}月(?:\d{1,2}日)?))?$/.exec(text);
  if (!match) return { kind: 'invalid' };
  const year = Number(match[1]);
  return year >= YEAR_RANGE.min && year <= YEAR_RANGE.max ? { kind: 'year', year } : { kind: 'invalid' };
}

/**
 * A label for matching headers, metric and region names: NFKC (full-width to
 * half-width), invisible spaces removed, lower case, inner whitespace and a
 * trailing unit in brackets ("数值(%)", "值（人）") dropped.
 */
export function normalizeLabel(text: string): string {
  return halfWidth(text)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[([{【][^)\]}】]*[)\]}】]$/, '');
}

const NAMED: Record<string, string> = { '\t': '⇥', '\r': '␍', '\n': '␊', '\u00a0': '⍽', '\u3000': '□' };

/**
 * A raw cell as it can be shown in a message: leading and trailing spaces as
 * "·", tabs and line breaks as symbols, other invisible characters as [U+XXXX].
 */
export function visibleText(raw: string, maxLength = 80): string {
  const clipped = raw.length > maxLength ? `${raw.slice(0, maxLength)}…` : raw;
  const lead = /^ */.exec(clipped)![0].length;
  const trail = clipped.length === lead ? 0 : /( *)$/.exec(clipped)![1]!.length;
  const middle = clipped.slice(lead, clipped.length - trail);
  // Control characters are exactly what this makes visible.
  // eslint-disable-next-line no-control-regex
  const shown = middle.replace(/[\t\r\n\u00a0\u3000]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]/g, (char) =>
    NAMED[char] ?? `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
  );
  return `${'·'.repeat(lead)}${shown}${'·'.repeat(trail)}`;
}
