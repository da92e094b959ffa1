/**
 * Reading single cells as analysts write them in Excel or WPS on Chinese
 * Windows: "85.3%", "８５．３％", "1,234", "2020年", "—" for a gap.
 */

import type { FigureQualifier } from '@/domain/shared/observation';

export type NumberCell =
  | {
      kind: 'number';
      value: number;
      percent: boolean;
      /** A published bound written with the number ("95%以上", "≥95", "at most 5"): see `splitQualifier`. */
      qualifier?: FigureQualifier;
      /**
       * The bound was strict ("低于5%", "<5", "more than 95"): it is kept as the non-strict bound
       * (< 5 is stored as ≤ 5, which is still true of the figure; the status can only be more cautious).
       */
      strict?: true;
      /** Written in scientific notation as Excel writes it ("8.53E+01"): read, with a note. */
      exponent?: true;
    }
  | {
      kind: 'missing';
      /** The Excel error value the cell held ("#N/A", "#DIV/0!" …): a gap, with a note naming it. */
      excelError?: string;
    }
  | {
      kind: 'invalid';
      code: 'number_invalid' | 'number_ideographic_point' | 'number_exponent' | 'number_hex' | 'number_not_finite';
    };

/** Words and marks that mean "no figure": a gap, never 0. Compared after `normalizeLabel`. */
const MISSING = new Set(['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', 'null', 'none', '无', '空', '暂无', '缺', '不详', '..', '…']);

/**
 * Characters Excel users cannot see: NBSP, the Unicode spaces, full-width space, zero-width space and
 * (non-)joiners, direction marks, word joiner, invisible operators, the BOM, the soft hyphen and the Mongolian
 * vowel separator.
 */
const INVISIBLE = /[\u00a0\u00ad\u180e\u2000-\u200f\u202f\u205f\u2060-\u2064\u3000\ufeff]/g;

/** True when the text holds a character of `INVISIBLE` other than the ordinary space. */
export function hasInvisible(text: string): boolean {
  return HAS_INVISIBLE.test(text);
}
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

/** Full-width ASCII (０-９, ．, ％, ，, －, ＋) to half-width, NBSP and friends to spaces. */
function halfWidth(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, ' ');
}

/** Excel's error values: a formula that failed leaves no figure. Compared upper-cased, after NFKC. */
const EXCEL_ERRORS = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#FIELD!', '#BLOCKED!', '#UNKNOWN!', '#BUSY!'];

/** One frozen gap per Excel error value, so reading a column of "#N/A" allocates nothing per cell. */
const EXCEL_ERROR_CELLS: ReadonlyMap<string, NumberCell> = new Map(EXCEL_ERRORS.map((error) => [error, Object.freeze({ kind: 'missing', excelError: error } as const)]));

/** True for the marks analysts use for a missing figure ("", "-", "—", "N/A", "无", …). */
export function isMissingToken(raw: string): boolean {
  return MISSING.has(normalizeLabel(raw));
}

const SIMPLE = /^-?\d{1,15}(?:\.\d{1,15})?$/;
const SIMPLE_PERCENT = /^(-?\d{1,15}(?:\.\d{1,15})?) ?%$/;
/** Scientific notation as Excel writes it ("8.53E+01", "1E-05"), and lower-case forms. */
const EXPONENT = /^[+-]?(?:\d+\.?\d*|\.\d+)e[+-]?\d{1,3}$/;
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

/** Powers of ten that are exact doubles, for `simpleNumber`. */
const EXACT_TENS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Full-width digits, point and percent sign (０-９, ．, ％) as their ASCII forms, as NFKC reads them; other codes as they are. */
function halfWidthCode(c: number): number {
  if (c < 0xff05) return c;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xfee0;
  return c === 0xff0e ? 0x2e : c === 0xff05 ? 0x25 : c;
}

/**
 * `SIMPLE` or `SIMPLE_PERCENT` read by hand, without a regex match or a slice, for a cell of at most 15
 * digits in all ("-85.3", "85.3%", "85.3 %", and in full-width forms "８５．３％", which the slow path reads the same
 * after NFKC); undefined for anything else (the regexes and the slow path then decide). The
 * digits as one integer (exact below 2^53) divided by an exact power of ten is the correctly rounded
 * double, as `Number` reads the text.
 */
function simpleNumber(raw: string): NumberCell | undefined {
  const n = raw.length;
  let i = 0;
  let negative = false;
  if (n > 0 && raw.charCodeAt(0) === 0x2d) {
    negative = true;
    i = 1;
  }
  let digits = 0;
  let whole = 0;
  let decimals = -1;
  let percent = false;
  for (; i < n; i += 1) {
    const c = halfWidthCode(raw.charCodeAt(i));
    if (c >= 0x30 && c <= 0x39) {
      whole = whole * 10 + (c - 0x30);
      digits += 1;
      if (decimals >= 0) decimals += 1;
    } else if (c === 0x2e && decimals < 0 && digits > 0) {
      decimals = 0;
    } else if (c === 0x25 || c === 0x20) {
      // "%" at the end, or " %" at the end.
      if (c === 0x20 && (i !== n - 2 || halfWidthCode(raw.charCodeAt(n - 1)) !== 0x25)) return undefined;
      if (c === 0x25 && i !== n - 1) return undefined;
      percent = true;
      break;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15 || decimals === 0) return undefined;
  const magnitude = decimals > 0 ? whole / EXACT_TENS[decimals]! : whole;
  return { kind: 'number', value: (negative ? -magnitude : magnitude) + 0, percent };
}

/**
 * A number cell: optional sign, digits with correct thousands separators,
 * optional decimals and an optional trailing "%" (spaces allowed before it).
 * Full-width forms are accepted. "-0" is 0. Excel's error values ("#N/A",
 * "#DIV/0!" …) are gaps that name the error (`excelError`); scientific notation
 * as Excel writes it ("8.53E+01") is read and flagged (`exponent`). Rejected
 * rather than guessed: "85。3" (an ideographic full stop is not a decimal point
 * — reading it as 85 would be wrong), hex, Infinity/NaN and anything else.
 */
export function parseNumberCell(raw: string): NumberCell {
  // Fast paths for the common cases (plain ASCII "85.3", "85.3%", "85.3 %"), most cells of a large file.
  // `+ 0` turns "-0" into 0.
  const simple = simpleNumber(raw);
  if (simple !== undefined) return simple;
  if (SIMPLE.test(raw)) return { kind: 'number', value: Number(raw) + 0, percent: false };
  const simplePercent = SIMPLE_PERCENT.exec(raw);
  if (simplePercent) return { kind: 'number', value: Number(simplePercent[1]) + 0, percent: true };
  if (raw.includes('。')) return { kind: 'invalid', code: 'number_ideographic_point' };
  const text = halfWidth(raw).trim();
  if (text.startsWith('#')) {
    const error = EXCEL_ERROR_CELLS.get(text.toUpperCase());
    if (error) return error;
  }
  if (isMissingToken(text)) return { kind: 'missing' };
  const bound = splitQualifier(text);
  if (bound) {
    const inner = parseNumberCell(bound.body);
    // A bound of a gap ("—以上") or of another bound ("≥95以上") is not a number.
    if (inner.kind !== 'number' || inner.qualifier) return inner.kind === 'invalid' ? inner : { kind: 'invalid', code: 'number_invalid' };
    return { ...inner, qualifier: bound.qualifier, ...(bound.strict ? { strict: true as const } : {}) };
  }
  let body = text;
  let percent = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trimEnd();
  }
  if (PLAIN_NUMBER.test(body)) {
    const value = Number(body.replaceAll(',', '')) + 0;
    if (Number.isFinite(value)) return { kind: 'number', value, percent };
  }
  const lower = body.toLowerCase();
  if (/^[+-]?0x[0-9a-f]+$/.test(lower)) return { kind: 'invalid', code: 'number_hex' };
  if (EXPONENT.test(lower)) {
    const value = Number(lower) + 0;
    return Number.isFinite(value) ? { kind: 'number', value, percent, exponent: true } : { kind: 'invalid', code: 'number_not_finite' };
  }
  if (/^[+-]?(inf|infinity|∞|nan)$/.test(lower)) return { kind: 'invalid', code: 'number_not_finite' };
  return { kind: 'invalid', code: 'number_invalid' };
}

type QualifierWord = { word: string; qualifier: FigureQualifier; strict?: true };

const atLeast = (word: string, strict?: true): QualifierWord => ({ word, qualifier: 'at_least', ...(strict ? { strict } : {}) });
const atMost = (word: string, strict?: true): QualifierWord => ({ word, qualifier: 'at_most', ...(strict ? { strict } : {}) });

/**
 * Words before the number that make it a bound, longest first (compared lower-cased, after NFKC and with
 * the spaces around them dropped). "以上" and "以下" include the number itself, as in Chinese statutes and
 * statistical bulletins ("95%以上" is ≥ 95); "低于", "少于", "不足", "超过", "高于" and "<", ">" are strict.
 */
const QUALIFIER_PREFIXES: readonly QualifierWord[] = [
  atLeast('大于或等于'),
  atLeast('大于等于'),
  atLeast('不低于'),
  atLeast('不少于'),
  atLeast('不小于'),
  atLeast('至少'),
  atLeast('最少'),
  atLeast('最低'),
  atLeast('>='),
  atLeast('≥'),
  atLeast('≧'),
  atLeast('⩾'),
  atLeast('at least'),
  atLeast('no less than'),
  atLeast('not less than'),
  atLeast('minimum'),
  atLeast('超过', true),
  atLeast('高于', true),
  atLeast('多于', true),
  atLeast('大于', true),
  atLeast('more than', true),
  atLeast('greater than', true),
  atLeast('above', true),
  atLeast('over', true),
  atLeast('>', true),
  atMost('小于或等于'),
  atMost('小于等于'),
  atMost('不超过'),
  atMost('不高于'),
  atMost('不多于'),
  atMost('不大于'),
  atMost('至多'),
  atMost('最多'),
  atMost('最高'),
  atMost('<='),
  atMost('≤'),
  atMost('≦'),
  atMost('⩽'),
  atMost('at most'),
  atMost('up to'),
  atMost('no more than'),
  atMost('not more than'),
  atMost('maximum'),
  atMost('低于', true),
  atMost('少于', true),
  atMost('小于', true),
  atMost('不足', true),
  atMost('不到', true),
  atMost('less than', true),
  atMost('fewer than', true),
  atMost('below', true),
  atMost('under', true),
  atMost('<', true),
].sort((a, b) => b.word.length - a.word.length);

/** Words after the number that make it a bound ("95%以上", "95% or more"), longest first. */
const QUALIFIER_SUFFIXES: readonly QualifierWord[] = [
  atLeast('及以上'),
  atLeast('或以上'),
  atLeast('以上'),
  atLeast('or more'),
  atLeast('or above'),
  atLeast('or higher'),
  atLeast('and above'),
  atLeast('and over'),
  atLeast('or over'),
  atLeast('+'),
  atMost('及以下'),
  atMost('或以下'),
  atMost('以下'),
  atMost('or less'),
  atMost('or fewer'),
  atMost('or below'),
  atMost('or lower'),
  atMost('and below'),
  atMost('and under'),
].sort((a, b) => b.word.length - a.word.length);

/** Words before a suffixed bound that say only that it was reached ("已达95%以上"); dropped. */
const REACHED = ['已达到', '已经达到', '已达', '达到', 'reached'];

/**
 * The number and the bound of a cell written as a bound, or undefined for a plain cell. One qualifier,
 * before or after the number, not both: "≥95%", "不低于95%", "95%以上", "已达95%以上", "at least 95", "95 or
 * more", "≤5", "5%以下", "不超过5%", "低于5%" (strict), "<5" (strict). The text is NFKC-normalised and trimmed.
 */
export function splitQualifier(text: string): { body: string; qualifier: FigureQualifier; strict: boolean } | undefined {
  const lower = text.toLowerCase();
  // The cheap test first: most cells hold no letter, no CJK character and none of the signs.
  if (!/[<>≤≥≦≧⩽⩾+a-z一-鿿]/.test(lower)) return undefined;
  for (const prefix of QUALIFIER_PREFIXES) {
    if (!lower.startsWith(prefix.word)) continue;
    const body = text.slice(prefix.word.length).trim();
    if (!/^[+-]?[\d.]/.test(body)) continue;
    return { body, qualifier: prefix.qualifier, strict: prefix.strict === true };
  }
  for (const suffix of QUALIFIER_SUFFIXES) {
    if (!lower.endsWith(suffix.word)) continue;
    let body = text.slice(0, text.length - suffix.word.length).trim();
    const reached = REACHED.find((word) => body.toLowerCase().startsWith(word));
    if (reached) body = body.slice(reached.length).trim();
    if (!/[\d.]%?$/.test(body)) continue;
    return { body, qualifier: suffix.qualifier, strict: suffix.strict === true };
  }
  return undefined;
}

export type YearCell = { kind: 'year'; year: number } | { kind: 'missing' } | { kind: 'invalid' };

/** Years accepted: 1949–2100. */
export const YEAR_RANGE = { min: 1949, max: 2100 } as const;

const YEAR_PATTERN = /^(\d{4})(?:\.0+|年(?:度)?|[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(?:(\d{1,2})日)?)?$/;

/** True when month/day (1-based) is a date of `year` (29 February in leap years only). */
function isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A year written 2020, 2020.0 (a year column Excel saved as a decimal), 2020年, 2020-12-31, 2020/12/31,
 * 2020.12.31, 2020年12月 or 2020年12月31日 (the date's year). A date that does not exist (2020-13-01,
 * 2021-02-29) is invalid, never its year.
 */
export function parseYearCell(raw: string): YearCell {
  const text = halfWidth(raw).trim();
  if (isMissingToken(text)) return { kind: 'missing' };
  const match = YEAR_PATTERN.exec(text);
  if (!match) return { kind: 'invalid' };
  const year = Number(match[1]);
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return { kind: 'invalid' };
  const month = match[2] ?? match[4];
  const day = match[3] ?? match[5];
  if (month !== undefined && !isDate(year, Number(month), day === undefined ? 1 : Number(day))) return { kind: 'invalid' };
  return { kind: 'year', year };
}

/** Text NFKC leaves as it is and with nothing to fold: printable ASCII but space and capitals, and CJK ideographs. */
const FOLDED = /^[!-@[-~\u4e00-\u9fff]*$/;

/**
 * Text as names are compared: NFKC (full-width to half-width, 八（３）班 =
 * 八(3)班), invisible characters and all whitespace (line breaks too) removed,
 * lower case unless `keepCase`. Text with nothing to fold is returned as it is, at once.
 */
export function foldText(text: string, keepCase = false): string {
  if (FOLDED.test(text)) return text;
  const folded = halfWidth(text).replace(/\s+/g, '');
  return keepCase ? folded : folded.toLowerCase();
}

/** A trailing part in brackets: a unit ("数值(%)", "值（人）") or a qualifier ("城关镇(城区)"). */
const BRACKETED_SUFFIX = /[([{【][^)\]}】]*[)\]}】]$/;

/**
 * A label for matching headers, metric and region names: `foldText`, then a
 * trailing part in brackets ("数值(%)", "值（人）") dropped. `keepCase` keeps
 * letter case (to tell whether a match needed case folding).
 */
export function normalizeLabel(text: string, keepCase = false): string {
  return foldText(text, keepCase).replace(BRACKETED_SUFFIX, '');
}

const NAMED: Record<string, string> = { '\t': '⇥', '\r': '␍', '\n': '␊', '\u00a0': '⍽', '\u3000': '□' };

/**
 * A raw cell as it can be shown in a message: leading and trailing spaces as
 * "·", tabs and line breaks as symbols, other invisible characters (those
 * names are folded without, see `INVISIBLE`, and controls) as [U+XXXX].
 */
export function visibleText(raw: string, maxLength = 80): string {
  const clipped = raw.length > maxLength ? `${raw.slice(0, maxLength)}…` : raw;
  const lead = /^ */.exec(clipped)![0].length;
  const trail = clipped.length === lead ? 0 : /( *)$/.exec(clipped)![1]!.length;
  const middle = clipped.slice(lead, clipped.length - trail);
  // Control characters are exactly what this makes visible.
  // eslint-disable-next-line no-control-regex
  const shown = middle.replace(/[\t\r\n\u00a0\u3000]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u180e\u2000-\u200f\u2028\u2029\u202a-\u202f\u205f-\u2064\ufeff]/g, (char) =>
    NAMED[char] ?? `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
  );
  return `${'·'.repeat(lead)}${shown}${'·'.repeat(trail)}`;
}
