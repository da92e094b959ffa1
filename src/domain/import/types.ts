/**
 * Types shared by the CSV import pipeline's pure steps (domain/import-*.ts),
 * the import worker that streams a file through them, and the import pages.
 *
 *   bytes ──sniff──▶ encoding ──decode (TextDecoder, streaming)──▶ text
 *   text ──CSV reader──▶ records (cells + spreadsheet row)
 *   first records ──detect table──▶ TableShape (header row, layout, column roles), editable by the analyst
 *   records ──map rows──▶ candidate figures + messages (roster rows are aggregated per township and year)
 *   candidates + stored figures ──build preview──▶ ImportPreview (adds, old → new, conflicts, rejected)
 */

import type { FigureValues } from '@/domain/shared/observation';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export const ENCODINGS: readonly Encoding[] = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'];

/**
 * How a batch's file was read, as the batch records it: a CSV's text encoding, or `xlsx` for an Excel
 * workbook, whose cells are text already (its XML carries its own encoding; there is none to choose).
 */
export type BatchEncoding = Encoding | 'xlsx';

export const BATCH_ENCODINGS: readonly BatchEncoding[] = [...ENCODINGS, 'xlsx'];

/** The `BatchEncoding` of a run's decisions: `xlsx` when a workbook's sheet was read, else the text encoding. */
export function batchEncoding(decisions: { encoding: Encoding; sheet?: string | undefined }): BatchEncoding {
  return decisions.sheet !== undefined ? 'xlsx' : decisions.encoding;
}

/** Why a file is refused before parsing. */
export type RejectedFileCode =
  | 'empty'
  | 'bom_only'
  | 'too_large'
  | 'xlsx'
  | 'xls'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'pdf'
  | 'zip'
  | 'html'
  | 'nul_bytes';

export type SniffResult =
  | {
      ok: true;
      /** The encoding chosen: BOM first, then strict UTF-8, then GB18030. */
      encoding: Encoding;
      /** Bytes of byte-order mark to skip (0 when none). */
      bomLength: number;
      /** True when the encoding came from a byte-order mark, which then decides it (a choice in the UI does not override it). */
      fromBom: boolean;
      /** UTF-16 recognised without a byte-order mark: a guess from the content, which the analyst is warned of. */
      guessed?: true;
    }
  | { ok: false; code: RejectedFileCode; params: Record<string, string | number> };

export type Delimiter = ',' | ';' | '\t';

/** One CSV record: its cells and the spreadsheet row it starts on (1-based; a quoted line break does not start a row). */
export type CsvRecord = { row: number; cells: string[] };

/**
 * long: one figure per row (region × year × metric); wide: one column per metric; roster: one class per
 * row; year_columns: one column per year (乡镇, 指标, 2021, 2022, 2023), each cell a figure of its row's
 * region and metric for its column's year.
 */
export type Layout = 'long' | 'wide' | 'roster' | 'year_columns';

export type ColumnRole =
  | 'region'
  | 'year'
  | 'metric'
  | 'value'
  | 'numerator'
  | 'denominator'
  /** Roster: the school's name (kept for messages only). */
  | 'school'
  /** Roster: a class's name or number (kept for messages only). */
  | 'class'
  /** Roster: the number of students in the class. */
  | 'students'
  /** Wide layout: a column holding one metric's values. */
  | 'metric_value'
  /** Year-column layout: a column holding the values of one year (its header is the year: 2021, 2021年). */
  | 'year_value'
  /** Where the row's figures come from (来源, 备注, 数据来源 …): stored with each figure the row yields. */
  | 'citation'
  | 'ignore';

export type ColumnMapping = {
  index: number;
  /** The header as written in the file (trimmed). */
  header: string;
  role: ColumnRole;
  /** For `metric_value` columns: the metric id. */
  metric?: string;
  /** For `year_value` columns: the year. */
  year?: number;
  /**
   * The unit the file gives for the column, as written: in brackets after the header ("实际值(%)",
   * "人数（人）") or in the unit row below it. Checked against the metric's unit (see `unitMismatch`).
   */
  unit?: string;
  /**
   * The analyst's decision for a column whose percent values look like fractions (0.853): `times_100`
   * reads every number of a percent metric written without "%" as a fraction (0.853 → 85.3), `as_written`
   * keeps it as it is (0.853%). Without a decision such a value is an error and is not imported.
   */
  fractions?: 'times_100' | 'as_written';
  /** How the role was found, for the UI: by header alias, by metric name, or set by the analyst. */
  source: 'header' | 'metric_name' | 'analyst' | 'none';
};

export type TableShape = {
  delimiter: Delimiter;
  /** Spreadsheet row of the header (1-based). Rows above it are title rows. */
  headerRow: number;
  /** Rows above the header (titles, notes), recognised and not imported. */
  titleRows: number[];
  /** A row of units just below the header ("%", "人"), recognised and not imported. */
  unitRow?: number;
  layout: Layout;
  columns: ColumnMapping[];
  /** For long files without a year column, or rosters: a year the analyst chooses for every row. */
  defaultYear?: number;
};

export type Severity = 'error' | 'warning' | 'note';

export type ImportMessageCode =
  // file level
  | 'no_header'
  | 'layout_unknown'
  | 'missing_column'
  | 'column_conflict'
  | 'unclosed_quote'
  | 'decode_failed'
  | 'invalid_byte'
  | 'encoding_guessed'
  /** The import worker's code did not load (a new version was deployed): reload the page. */
  | 'worker_outdated'
  // workbooks (.xlsx)
  | 'workbook_corrupt'
  | 'workbook_too_large'
  | 'workbook_encrypted'
  | 'sheet_too_wide'
  | 'ragged_row'
  | 'short_row'
  | 'title_row'
  | 'unit_row'
  | 'total_row'
  | 'blank_row'
  // values
  | 'number_invalid'
  | 'number_ideographic_point'
  | 'number_exponent'
  | 'number_hex'
  | 'number_not_finite'
  | 'excel_error'
  | 'value_missing'
  | 'fraction_in_percent'
  | 'share_out_of_range'
  | 'gross_rate_over_100'
  | 'value_above_warning'
  | 'unit_mismatch'
  | 'unit_mismatch_column'
  | 'negative_value'
  | 'count_not_integer'
  | 'denominator_zero'
  | 'numerator_above_denominator'
  | 'value_disagrees_with_parts'
  | 'year_invalid'
  | 'year_missing'
  // bounds and sources
  | 'qualifier_on_part'
  | 'qualifier_with_parts'
  | 'qualifier_without_value'
  | 'strict_bound'
  | 'citation_too_long'
  // references
  | 'metric_unknown'
  | 'region_unknown'
  | 'region_written_differently'
  | 'metric_written_differently'
  | 'comparison_source_missing'
  | 'metric_missing'
  | 'region_missing'
  | 'region_out_of_scope'
  // rows
  | 'duplicate_key'
  | 'students_invalid'
  | 'roster_aggregated'
  | 'roster_metric_missing'
  | 'replaces_value'
  | 'city_differs_from_rollup'
  | 'subunit_on_city_target'
  // rosters, templates and history (import-more)
  | 'class_size_implausible'
  | 'class_level_unknown'
  | 'class_duplicate'
  | 'class_conflict'
  | 'roster_partial'
  | 'roster_level_skipped'
  | 'example_row'
  | 'figure_jump'
  | 'share_jump'
  | 'denominator_jump';

/**
 * A located message. `row` is the spreadsheet row as Excel shows it, `column`
 * the header as written in the file, `value` the raw cell with invisible
 * characters made visible (see `visibleText`). Words come from i18n by `code`.
 */
export type ImportMessage = {
  severity: Severity;
  code: ImportMessageCode;
  row?: number;
  column?: string;
  value?: string;
  /** Other rows involved, e.g. the other rows of a duplicate. */
  relatedRows?: number[];
  params: Record<string, string | number>;
};

/** A figure read from the file, before it is compared with what is stored. */
export type Candidate = FigureValues & {
  /** The spreadsheet row(s) it came from (a roster figure comes from many; the first few are kept). */
  rows: number[];
};

/** Counts for the preview, the batch record and the progress bar. */
export type ImportCounts = {
  /** Data rows read (title, header, unit, blank and total rows excluded). */
  rows: number;
  added: number;
  replaced: number;
  unchanged: number;
  /** Rows that produced an error and are not imported. */
  rejectedRows: number;
  errors: number;
  warnings: number;
  notes: number;
};

/** The stored figure a candidate would replace (from the API's observations). */
export type StoredFigure = FigureValues & { source: string; sourceNote?: string };

export type ImportPreview = {
  counts: ImportCounts;
  /** Figures that are new. */
  additions: Candidate[];
  /** Figures that change a stored value: old → new. */
  replacements: { old: StoredFigure; new: Candidate }[];
  /**
   * Messages, most severe first, at most `MESSAGE_LIMIT` of them; `countsByCode`
   * has the full tally so nothing is hidden silently.
   */
  messages: ImportMessage[];
  countsByCode: Partial<Record<ImportMessageCode, number>>;
  truncated: boolean;
};

/** How many messages a preview keeps in full. */
export const MESSAGE_LIMIT = 2000;

/**
 * Names in the file the analyst has matched to a region or metric by hand
 * (the name as written → id). They are looked up like aliases, before them.
 */
export type ValueMap = { regions?: Record<string, string>; metrics?: Record<string, string> };

/** What the analyst chose in the UI, applied on top of what was detected. */
export type ImportOverrides = {
  encoding?: Encoding;
  values?: ValueMap;
  shape?: Partial<Pick<TableShape, 'headerRow' | 'layout' | 'defaultYear'>> & { columns?: ColumnMapping[] };
};
