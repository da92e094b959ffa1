import type { CreateBatchRequest } from '@/domain/contract/api-contract';
import type {
  Candidate,
  CsvRecord,
  Delimiter,
  Encoding,
  ImportMessage,
  ImportOverrides,
  ImportPreview,
  RejectedFileCode,
  StoredFigure,
  TableShape,
} from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';

/** Messages between the import page and the import worker. */

export type InspectRequest = { type: 'inspect'; file: File; set: TargetSet; overrides: ImportOverrides };
export type RunRequest = {
  type: 'run';
  file: File;
  set: TargetSet;
  targetSetId: string;
  overrides: ImportOverrides;
  stored: StoredFigure[];
};
/** Asks for the batch to post, serialised in the worker so the page never handles a large body itself. */
export type BatchBodyRequest = { type: 'batch-body' };
export type WorkerRequest = InspectRequest | RunRequest | BatchBodyRequest;

export type Inspected = {
  type: 'inspected';
  fileName: string;
  size: number;
  encoding: Encoding;
  detectedEncoding: Encoding;
  fromBom: boolean;
  delimiter: Delimiter;
  /** The first records as decoded with `encoding`, for the live preview. */
  sample: CsvRecord[];
  shape?: TableShape;
  messages: ImportMessage[];
};
export type Rejected = { type: 'rejected'; fileName: string; code: RejectedFileCode; params: Record<string, string | number> };
export type Progress = { type: 'progress'; bytesRead: number; totalBytes: number; rows: number };
/** The preview, with additions and replacements cut to what a page can show; counts are complete. */
export type Done = {
  type: 'done';
  preview: ImportPreview;
  shape: TableShape;
  encoding: Encoding;
  /** How many additions/replacements the full preview holds (the lists above may be shortened). */
  totals: { additions: number; replacements: number };
  elapsedMs: number;
};
export type Failed = { type: 'failed'; message: ImportMessage };
export type BatchBody = { type: 'batch-body'; json: string; figures: number };
export type WorkerResponse = Inspected | Rejected | Progress | Done | Failed | BatchBody;

/** How many additions and replacements are sent to the page for display. */
export const PREVIEW_LIST_LIMIT = 500;

export type { Candidate, CreateBatchRequest };
