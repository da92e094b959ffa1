/** Messages between the benchmark page (harness.ts) and its helper worker (harness-worker.ts). */

export type FileKind = 'long' | 'roster';

/** A file's format: CSV text, or an .xlsx workbook with the same rows in one sheet. */
export type FileFormat = 'csv' | 'xlsx';

/** What file to generate: row data cycles over the given township and metric names. */
export type GenerateSpec = {
  kind: FileKind;
  format: FileFormat;
  /** Data rows, not counting the header. */
  rows: number;
  fileName: string;
  townships: string[];
  metrics: string[];
};

export type HarnessRequest = { type: 'generate'; spec: GenerateSpec } | { type: 'parse'; file: File };

export type Generated = { type: 'generated'; file: File; rows: number; ms: number };
/** The bare parser's run: `records` includes the header record. */
export type Parsed = { type: 'parsed'; ms: number; records: number; cells: number; unclosedQuoteRow: number | null };
export type HarnessFailed = { type: 'failed'; message: string };
export type HarnessResponse = Generated | Parsed | HarnessFailed;
