import type { CreateBatchRequest } from '@/domain/contract/api-contract';
import type {
  Candidate,
  CsvRecord,
  Encoding,
  ImportMessage,
  ImportOverrides,
  ImportPreview,
  RejectedFileCode,
  StoredFigure,
  TableShape,
  ValueMap,
} from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import type { ReadProgress } from '@/domain/import/progress';

/** Messages between the import page and the import worker. */

/**
 * What inspection must honour when it reads a file's head: an encoding the
 * analyst chose, and the parts of the table shape they set (a header row, or
 * their corrections, kept when the file is read again in another encoding).
 */
export type InspectChoices = Pick<ImportOverrides, 'encoding' | 'shape'> & {
  /** For a workbook, the sheet to read by name (default: the first visible sheet with data). */
  sheet?: string;
};

export type InspectRequest = { type: 'inspect'; file: File; set: TargetSet; choices: InspectChoices };

/**
 * What inspection decided, as the analyst confirmed or corrected it. A run
 * applies these as they are and detects none of them again.
 */
export type ImportDecisions = {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip: the BOM's length when it belongs to `encoding`, else 0. */
  bomLength: number;
  /** The table: delimiter, header, title and unit rows, layout, column roles, default year. */
  shape: TableShape;
  /** Names in the file the analyst matched by hand (the name as written → region or metric id). */
  values: ValueMap;
  /** For a workbook (.xlsx), the sheet read; absent for a CSV file. */
  sheet?: string;
};

export type RunRequest = {
  type: 'run';
  file: File;
  set: TargetSet;
  targetSetId: string;
  decisions: ImportDecisions;
  stored: StoredFigure[];
  /**
   * The region the analyst is limited to, if any: rows of other regions are
   * refused (`region_out_of_scope`) and left out of the batch.
   */
  scope?: string;
};
/** Asks for the batch to post, serialised in the worker so the page never handles a large body itself. */
export type BatchBodyRequest = { type: 'batch-body' };
export type WorkerRequest = InspectRequest | RunRequest | BatchBodyRequest;

export type Inspected = {
  type: 'inspected';
  fileName: string;
  size: number;
  /** The encoding in use: the analyst's choice, else the one sniffed. */
  encoding: Encoding;
  /** Bytes of byte-order mark to skip with `encoding` (0 when the mark belongs to another encoding). */
  bomLength: number;
  detectedEncoding: Encoding;
  fromBom: boolean;
  /** The first records as decoded with `encoding`, for the live preview. */
  sample: CsvRecord[];
  /** The table found in the head (with the analyst's choices applied); absent when there is none. */
  shape?: TableShape;
  messages: ImportMessage[];
  /** For a workbook (.xlsx): the sheet read and the names of all its sheets (hidden ones included). */
  workbook?: { sheet: string; sheets: string[] };
};

/** The decisions an inspection makes, ready for a run; undefined when it found no table to run. */
export function decisionsOf(inspected: Inspected, values: ValueMap = {}): ImportDecisions | undefined {
  if (!inspected.shape) return undefined;
  const sheet = inspected.workbook?.sheet;
  return { encoding: inspected.encoding, bomLength: inspected.bomLength, shape: inspected.shape, values, ...(sheet !== undefined ? { sheet } : {}) };
}

export type Rejected = { type: 'rejected'; fileName: string; code: RejectedFileCode; params: Record<string, string | number> };
/** How far a run is (`ReadProgress`: rows, and bytes of a CSV or rows of a workbook's sheet). */
export type Progress = { type: 'progress' } & ReadProgress;

/** A name the file uses that the target set does not know, with the id its "did you mean" hint names, if any. */
export type UnknownName = { label: string; suggested?: string };
export type UnknownNames = { regions: UnknownName[]; metrics: UnknownName[] };

/** The preview, with additions and replacements cut to what a page can show; counts are complete. */
export type Done = {
  type: 'done';
  preview: ImportPreview;
  /** How many additions/replacements the full preview holds (the lists above may be shortened). */
  totals: { additions: number; replacements: number };
  /** Unknown region and metric names, each matchable by hand to an id. */
  unknownNames: UnknownNames;
  elapsedMs: number;
};
export type Failed = { type: 'failed'; message: ImportMessage };

/** The failure when the worker's code does not load: its script or a chunk it imports is gone, as after a new version was deployed. */
export const WORKER_OUTDATED: Failed = { type: 'failed', message: { severity: 'error', code: 'worker_outdated', params: {} } };

/**
 * True for the error a failed module import raises (Chromium: "Failed to fetch dynamically imported
 * module", Firefox: "error loading dynamically imported module", Safari: "Importing a module script failed").
 */
export function isModuleLoadFailure(error: unknown): boolean {
  return error instanceof Error && /dynamically imported module|importing a module script failed/i.test(error.message);
}
/** The checked batch as `CreateBatchRequest` JSON in UTF-8 bytes, transferred: a million figures reach the page without a copy. */
export type BatchBody = { type: 'batch-body'; bytes: ArrayBuffer; figures: number };
export type WorkerResponse = Inspected | Rejected | Progress | Done | Failed | BatchBody;

/** How many additions and replacements are sent to the page for display. */
export const PREVIEW_LIST_LIMIT = 500;

export type { Candidate, CreateBatchRequest };
