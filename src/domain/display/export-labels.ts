import type { ObservationSource } from '@/domain/shared/observation';

/**
 * What every export (CSV and PNG) says about where it stands: the region, the
 * as-of year and where each figure comes from — in words, so a file or image
 * taken out of the app still says what it is. Pure: the words come from the
 * i18n `export` block (see `ExportWords`), the rules live here, once.
 */

/** The i18n `export` block's words an export needs (zh / en). */
export type ExportWords = {
  /** Header of the column naming the region the export is about ("地区" / "Region"). */
  region: string;
  /** Header of the as-of year column ("截至年份" / "As of"). */
  asOf: string;
  /** Header of the source column ("数据来源" / "Data source"). */
  source: string;
  /** A synthetic figure's source: "模拟演示数据" / "Synthetic demo data". */
  demo: string;
  /** A published figure without a citation of its own. */
  reference: string;
  /** An imported figure without a citation of its own. */
  imported: string;
  /** Between the sources of a line of several ("；" / "; "). */
  sourceSeparator?: string;
};

/** Where a figure comes from: an Observation or an evaluation Figure (its `citation` once it carries one). */
export type Provenance = { source: ObservationSource; sourceNote?: string | undefined; citation?: string | undefined };

/**
 * The source words of one figure: the demo label for synthetic figures (whatever their note says: a
 * synthetic figure is never passed off as cited), else its own citation, else its source note (the
 * publication for reference figures, the file for imports), else the kind of source. '' for no figure.
 */
export function sourceText(figure: Provenance | undefined, words: ExportWords): string {
  if (!figure) return '';
  if (figure.source === 'demo') return words.demo;
  const citation = figure.citation?.trim();
  if (citation) return citation;
  const note = figure.sourceNote?.trim();
  if (note) return note;
  return figure.source === 'reference' ? words.reference : words.imported;
}

/**
 * The source line of a chart or file: each distinct source once, in first-seen order, the demo label
 * first when any figure is synthetic. '' when there are no figures.
 */
export function sourceLine(figures: readonly (Provenance | undefined)[], words: ExportWords, separator: string): string {
  const texts = figures.map((figure) => sourceText(figure, words)).filter((text) => text !== '');
  const unique = [...new Set(texts)];
  const demoFirst = unique.includes(words.demo) ? [words.demo, ...unique.filter((text) => text !== words.demo)] : unique;
  return demoFirst.join(separator);
}

/** True when any of the figures is synthetic: an export of them carries the demo label. */
export function hasDemoFigures(figures: readonly (Provenance | undefined)[]): boolean {
  return figures.some((figure) => figure?.source === 'demo');
}
