import { languageOf, type Locale } from '@/domain/shared/locale';
import { observationValue, type FigureQualifier, type Observation, type ObservationSource } from '@/domain/shared/observation';
import type { TargetSet, Unit } from '@/domain/targets/target-set';

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
 *   Finite numbers are written with `plainNumber` — the shortest digits that read back as the same number,
 *   in plain decimal (never `1e-7`), never rounded and never neutralised (so -1 stays a number); `NaN` and ±Infinity, like `null` and
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

/**
 * The figure export's header. The import recognises 地区代码 / 地区 (region: the first one claims the
 * role), 年份, 指标代码 / 指标, 数值, 分子, 分母 and 来源 (the figure's citation); 显示值 (the value as the app
 * shows it, rounded, with its unit), 数据类型 (synthetic, published or imported) and 说明 (the file or
 * publication) are for people and ignored by the import. The order matters: 来源 comes before 说明, so it
 * is 来源 that the import reads as the citation.
 */
export const FIGURE_EXPORT_HEADERS = {
  zh: ['地区代码', '地区', '年份', '指标代码', '指标', '数值', '分子', '分母', '显示值', '来源', '数据类型', '说明'],
  en: ['region_code', 'region', 'year', 'metric_id', 'metric', 'value', 'numerator', 'denominator', 'shown', 'source', 'data_kind', 'note'],
} as const;

/** The words the figure export writes for where a figure comes from (the i18n `export` block). */
export type FigureSourceWords = { demo: string; reference: string; imported: string };

/**
 * A value as the app shows it, rounded, with its unit and a bound's sign: `formatFigure` in the
 * caller's locale (the display layer's; the import layer does not format).
 */
export type ShowFigure = (value: number, unit: Unit, qualifier: FigureQualifier | undefined) => string;

const QUALIFIER_SIGN: Record<FigureQualifier, string> = { at_least: '≥', at_most: '≤' };

/**
 * The stored figures as a CSV file to download, in a form the import reads back to the same figures.
 *
 * @param observations The figures to write (any order).
 * @param set The target set, for region and metric names, units and their order.
 * @param locale Language of the header and the names.
 * @param words The source words (i18n `export.demo` …: 模拟演示数据 / "Synthetic demo data").
 * @param show How a value is shown (`formatFigure` in the locale), for 显示值.
 * @param options.title A first row saying what the file is (the import skips it as a title row).
 * @returns CSV text with a BOM and CRLF line ends: the title row when given, the header
 *   (`FIGURE_EXPORT_HEADERS`), then one row per observation with the region code and name, year, metric
 *   id and name, value, numerator, denominator, the value as shown (`show`, rounded, with its
 *   unit), source, data kind and note. Rows are sorted by metric, then region — both in the order
 *   the target set declares them, ids the set does not know after the known ones, by id — then year.
 *   数值, 分子 and 分母 are written exactly as stored (never rounded; percent as 0–100); a bound is
 *   written "≥95" / "≤5", as the import reads it. 来源 is the figure's own citation; for a synthetic
 *   figure it is the demo label whatever else it says, for a published one its publication; an imported
 *   figure without a citation leaves it empty (its file name is in 说明). A missing value, part or note
 *   is an empty cell, never 0. An id the set does not know keeps its code with an empty name.
 */
export function observationsCsv(
  observations: readonly Observation[],
  set: TargetSet,
  locale: Locale,
  words: FigureSourceWords,
  show: ShowFigure,
  options: { title?: string } = {},
): string {
  const lang = languageOf(locale);
  const metricOrder = new Map(set.metrics.map((metric, index) => [metric.id, index]));
  const regionOrder = new Map(set.regions.map((region, index) => [region.id, index]));
  const metrics = new Map(set.metrics.map((metric) => [metric.id, metric]));
  const regionNames = new Map(set.regions.map((region) => [region.id, region.name[lang]]));
  const kinds: Record<ObservationSource, string> = { demo: words.demo, reference: words.reference, import: words.imported };

  const sorted = [...observations].sort(
    (a, b) =>
      byOrder(metricOrder, a.metric, b.metric) || byOrder(regionOrder, a.region, b.region) || a.year - b.year,
  );
  const rows: CsvCell[][] = options.title ? [[options.title]] : [];
  rows.push([...FIGURE_EXPORT_HEADERS[lang]]);
  for (const o of sorted) {
    const metric = metrics.get(o.metric);
    const value = metric ? observationValue(o, metric.unit === 'percent') : undefined;
    rows.push([
      o.region,
      regionNames.get(o.region) ?? '',
      o.year,
      o.metric,
      metric?.name[lang] ?? '',
      exactValue(o, metric?.unit === 'percent'),
      o.numerator,
      o.denominator,
      metric && value !== undefined ? show(value, metric.unit, o.qualifier) : undefined,
      citationCell(o, words),
      kinds[o.source] ?? o.source,
      o.sourceNote,
    ]);
  }
  return withBom(toCsv(rows));
}

/**
 * The stored value exactly (`plainNumber` reads back as the same number); a bound with its sign, as the import
 * reads it; a percent with its sign, so a small share (0.3%) reads back as written and never as a fraction
 * to be multiplied by 100 (the import's `fraction_in_percent` rule).
 */
function exactValue(o: Observation, percent: boolean): CsvCell {
  if (o.value === undefined || !Number.isFinite(o.value)) return undefined;
  const text = `${o.qualifier ? QUALIFIER_SIGN[o.qualifier] : ''}${plainNumber(o.value)}${percent ? '%' : ''}`;
  return o.qualifier || percent ? text : o.value;
}

/** 来源: the demo label for synthetic figures, else the figure's citation, else a published figure's publication. */
function citationCell(o: Observation, words: FigureSourceWords): string | undefined {
  if (o.source === 'demo') return words.demo;
  if (o.citation?.trim()) return o.citation;
  return o.source === 'reference' ? o.sourceNote : undefined;
}

// ---- helpers ----------------------------------------------------------------

/**
 * A finite number as plain decimal text: the shortest digits that read back as the same number
 * (`String(n)`'s), with the exponent written out — 0.0000001, never `1e-7`; 1e21 as
 * 1000000000000000000000 — since a spreadsheet or a reader may not take the exponent form. The one
 * number formatter of every export.
 */
export function plainNumber(n: number): string {
  const text = String(n);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = '', exponentText] = match;
  const digits = `${whole}${fraction}`;
  const point = whole!.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? plainNumber(cell) : '';
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
