/**
 * Turning a stored workbook cell into the text the import's cell rules read
 * (cells.ts), from what is stored, never from what Excel displays: a number
 * is written out in full as stored ("86.5999", not the "86.6" a format shows);
 * a percent-formatted number is shifted two places and marked "%" (0.866 →
 * "86.6%"), exactly in decimal, never by multiplying floats; a date serial
 * becomes an ISO date ("2020-09-01", read as the year 2020 in a year
 * column), or the bare year when its format shows only the year.
 */

/** What a cell's number format says about its number. */
export type NumberKind = 'plain' | 'percent' | 'date' | 'year';

/** Built-in format ids (ECMA-376 §18.8.30, plus the zh-CN ones Excel uses for 27–36 and 50–58). */
const BUILTIN_PERCENT = new Set([9, 10]);
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * Classifies a number format.
 *
 * @param id The `numFmtId` of the cell's style.
 * @param code The format code for custom ids (164 and up), as written in styles.xml.
 * @returns `percent` when the code has a `%` outside quotes; `date` when it has date or time letters (y m d h s,
 *   or 年 月 日) outside quotes, brackets and escapes; `year` when the only such letter is `y`; else `plain`.
 */
export function numberKind(id: number, code: string | undefined): NumberKind {
  if (BUILTIN_PERCENT.has(id)) return 'percent';
  if (BUILTIN_DATE.has(id)) return 'date';
  if (code === undefined) return 'plain';
  // The first section decides (positive numbers); drop quoted text, escapes and [colour]/[$-804] brackets.
  const section = code.split(';')[0] ?? '';
  const bare = section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_./g, '');
  if (bare.includes('%')) return 'percent';
  const letters = bare.toLowerCase().replace(/[^ymdhse]/g, '').replace(/e/g, '');
  if (letters === '') return 'plain';
  return /^y+$/.test(letters) ? 'year' : 'date';
}

const MS_PER_DAY = 86_400_000;

/**
 * The calendar date of an Excel date serial (days since 1900-01-00, with
 * Excel's phantom 1900-02-29 as serial 60; or since 1904-01-01 when the
 * workbook uses the 1904 system). The time of day is ignored.
 *
 * @returns `{ year, month, day }`, or undefined for a serial below 1 (1900 system) or not finite.
 */
export function serialDate(serial: number, date1904: boolean): { year: number; month: number; day: number } | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const days = Math.floor(serial);
  let epoch: number;
  if (date1904) epoch = Date.UTC(1904, 0, 1);
  else {
    if (days < 1) return undefined;
    // Serial 1 is 1900-01-01; from 61 on, Excel counts a 29 February 1900 that never was.
    epoch = days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  }
  const date = new Date(epoch + days * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * A number as stored (`<v>` text, e.g. "0.866", "1.5E-3") written as a plain
 * decimal with the point moved `shift` places to the right, by moving digits,
 * so no binary rounding enters: ("0.866", 2) → "86.6"; ("7E-2", 2) → "7";
 * ("-1.25E3", 0) → "-1250". Returns undefined when the text is not a number.
 */
export function shiftDecimal(stored: string, shift: number): string | undefined {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(stored);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const sign = match[1] === '-' ? '-' : '';
  const intPart = match[2]!;
  const fracPart = match[3] ?? '';
  const exponent = Number(match[4] ?? '0') + shift;
  const digits = intPart + fracPart;
  let point = intPart.length + exponent;
  let all = digits;
  if (point < 0) {
    all = '0'.repeat(-point) + all;
    point = 0;
  } else if (point > all.length) all += '0'.repeat(point - all.length);
  let whole = all.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = all.slice(point).replace(/0+$/, '');
  if (whole === '') whole = '0';
  const text = frac === '' ? whole : `${whole}.${frac}`;
  return text === '0' ? '0' : sign + text;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The text the import reads for a stored number under its format kind
 * (see the module comment). A stored text that is not a number is returned as it is.
 */
export function numberText(stored: string, kind: NumberKind, date1904: boolean): string {
  if (kind === 'date' || kind === 'year') {
    const date = serialDate(Number(stored), date1904);
    if (date) return kind === 'year' ? String(date.year) : `${date.year}-${pad(date.month)}-${pad(date.day)}`;
    return stored;
  }
  const text = shiftDecimal(stored, kind === 'percent' ? 2 : 0);
  if (text === undefined) return stored;
  return kind === 'percent' ? `${text}%` : text;
}

/**
 * The 0-based column of a cell reference ("A1" → 0, "AB12" → 27), or -1 when
 * it does not start with column letters.
 */
export function columnIndex(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const upper = c >= 97 ? c - 32 : c;
    if (upper < 65 || upper > 90) break;
    column = column * 26 + (upper - 64);
  }
  return i === 0 ? -1 : column - 1;
}

/** Column letters of a 0-based column (0 → "A", 27 → "AB"). */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell range "B3:D4" as 1-based rows and 0-based columns; undefined when malformed. */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const match = /^([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?$/.exec(ref.trim());
  if (!match) return undefined;
  const left = columnIndex(match[1]!);
  const top = Number(match[2]);
  const right = match[3] ? columnIndex(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return { top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: Math.min(left, right), right: Math.max(left, right) };
}
