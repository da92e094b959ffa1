import { sourceLine, sourceText, type ExportWords, type Provenance } from './export-labels';

/** A cell of an exported table: text or a number; null/undefined is an empty cell (never 0). */
export type ExportCell = string | number | null | undefined;

/** One column of a table's CSV: its header and each row's cell as the table shows it. */
export type ExportColumn<Row> = { header: string; cell: (row: Row) => ExportCell };

/**
 * What a table's CSV says about itself, beside its own columns: the region it is about, the as-of
 * year and, per row, where the row's figure comes from.
 */
export type ExportScope<Row> = {
  region: string;
  asOf: number;
  /**
   * The row's figure; undefined for a row without one (an empty source cell, never a guess). A row of
   * several figures (a scorecard row) gives them all: its source cell is their `sourceLine`.
   */
  figure: (row: Row) => Provenance | readonly (Provenance | undefined)[] | undefined;
  words: ExportWords;
};

/**
 * A table's rows to save as CSV (the caller writes them with `toCsv` and `withBom`: UTF-8 with BOM,
 * CRLF, formula-like text neutralised). The header, then one row per table row in the order shown; with a scope, three more columns at the end —
 * region, as-of year and source (`sourceText`: 模拟演示数据 for synthetic figures) — so a file taken out
 * of the app still says what it is. Cells are what the table shows (words and units), never sort keys.
 */
export function tableRows<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[], scope?: ExportScope<Row>): ExportCell[][] {
  const header: ExportCell[] = columns.map((column) => column.header);
  if (scope) header.push(scope.words.region, scope.words.asOf, scope.words.source);
  const body = rows.map((row) => {
    const cells: ExportCell[] = columns.map((column) => column.cell(row));
    if (scope) {
      const figure = scope.figure(row);
      const source = Array.isArray(figure) ? sourceLine(figure, scope.words, scope.words.sourceSeparator ?? '; ') : sourceText(figure as Provenance | undefined, scope.words);
      cells.push(scope.region, scope.asOf, source);
    }
    return cells;
  });
  return [header, ...body];
}
