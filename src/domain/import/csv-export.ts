import type { Language } from '@/domain/shared/locale';
import type { Observation, ObservationSource } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';

/**
 * Writing CSV that Excel and WPS on Chinese Windows open correctly and safely:
 * RFC 4180 quoting, CRLF line ends, a UTF-8 BOM (without it Excel reads the
 * file as GBK and shows mojibake), and text cells that would start a formula
 * neutralised (CSV injection, OWASP). Pure: no DOM, no Node APIs.
 */

export type CsvCell = string | number | null | undefined;

/** First characters that make Excel, WPS or LibreOffice read a cell as a formula (ASCII and full-width). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/**
 * Neutralises a text cell that a spreadsheet would run as a formula.
 *
 * @returns The cell with a leading `'` when it begins with `=`, `+`, `-`, `@`, tab, carriage return or the
 *   full-width `＝ ＋ － ＠` (Excel accepts those too); otherwise the cell unchanged. The empty string is
 *   unchanged. Text such as "-1" is neutralised too — write numbers as numbers (see `toCsv`) to keep them numeric.
 */
export function neutralizeFormula(cell: string): string {
  return cell.length > 0 && FORMULA_START.has(cell[0]!) ? `'${cell}` : cell;
}

/**
 * Writes rows as RFC 4180 CSV.
 *
 * @param rows Rows of cells; rows may have different lengths.
 * @returns The CSV text, every row (the last one too) ended by CRLF; `''` for no rows. Strings are
 *   neutralised (`neutralizeFormula`) and then quoted when they contain `,` `"` CR or LF (quotes doubled).
 *   Finite numbers are written with `String(n)` — the shortest text that reads back as the same number,
 *   never rounded and never neutralised (so -1 stays a number); `NaN` and ±Infinity, like `null` and
 *   `undefined`, are written as an empty cell. No BOM: see `withBom`.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  let out = '';
  for (const row of rows) {
    out += row.map(csvField).join(',');
    out += '\r\n';
  }
  return out;
}

/**
 * @returns The text with a leading byte-order mark (U+FEFF), which Excel needs to read UTF-8 — and so
 *   Chinese — correctly. Text that already starts with one is returned unchanged.
 */
export function withBom(text: string): string {
  return text.startsWith('\ufeff') ? text : `\ufeff${text}`;
}

const HEADERS = {
  zh: ['地区代码', '地区', '年份', '指标代码', '指标', '数值', '分子', '分母', '来源', '说明'],
  en: ['region_code', 'region', 'year', 'metric_id', 'metric', 'value', 'numerator', 'denominator', 'source', 'note'],
} as const;

const SOURCE_NAMES: Record<Language, Record<ObservationSource, string>> = {
  zh: { demo: '模拟演示数据', reference: '公开发布数据', import: '导入数据' },
  en: { demo: 'demo', reference: 'reference', import: 'import' },
};

/**
 * The stored figures as a CSV file to download.
 *
 * @param observations The figures to write (any order).
 * @param set The target set, for region and metric names and their order.
 * @param lang Language of the header, the names and the source column (zh: words such as 模拟演示数据;
 *   en: the codes demo, reference, import, like the snake_case header).
 * @returns CSV text with a BOM and CRLF line ends: a header, then one row per observation with the region
 *   code and name, year, metric id and name, value, numerator, denominator, source and note (the source
 *   citation or import batch). Rows are sorted by metric, then region — both in the order the target set
 *   declares them, ids the set does not know after the known ones, by id — then year, ascending. Numbers are
 *   written exactly as stored (no rounding, in the metric's unit, percent as 0–100); a missing value, part
 *   or note is an empty cell, never 0. An id the set does not know keeps its code with an empty name.
 */
export function observationsCsv(observations: readonly Observation[], set: TargetSet, lang: Language): string {
  const metricOrder = new Map(set.metrics.map((metric, index) => [metric.id, index]));
  const regionOrder = new Map(set.regions.map((region, index) => [region.id, index]));
  const metricNames = new Map(set.metrics.map((metric) => [metric.id, metric.name[lang]]));
  const regionNames = new Map(set.regions.map((region) => [region.id, region.name[lang]]));

  const sorted = [...observations].sort(
    (a, b) =>
      byOrder(metricOrder, a.metric, b.metric) || byOrder(regionOrder, a.region, b.region) || a.year - b.year,
  );
  const rows: CsvCell[][] = [[...HEADERS[lang]]];
  for (const o of sorted) {
    rows.push([
      o.region,
      regionNames.get(o.region) ?? '',
      o.year,
      o.metric,
      metricNames.get(o.metric) ?? '',
      o.value,
      o.numerator,
      o.denominator,
      SOURCE_NAMES[lang][o.source] ?? o.source,
      o.sourceNote,
    ]);
  }
  return withBom(toCsv(rows));
}

// ---- helpers ----------------------------------------------------------------

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutralizeFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Declared order first; ids not in the set after, by id. */
function byOrder(order: ReadonlyMap<string, number>, a: string, b: string): number {
  const ia = order.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = order.get(b) ?? Number.MAX_SAFE_INTEGER;
  if (ia !== ib) return ia - ib;
  return a < b ? -1 : a > b ? 1 : 0;
}
