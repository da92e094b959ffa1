import type { Encoding, ImportCounts, Layout } from '@/domain/import/types';
import type { FigureValues, Observation } from '@/domain/shared/observation';
import type { LocalizedText, Region } from '@/domain/targets/target-set';

/**
 * The HTTP contract between the dashboard and its backend (see docs/api.md).
 * The in-browser mock backend and a real server both speak it.
 */

export type TargetSetSummary = {
  /** The file name without extension; stable in URLs. */
  id: string;
  file: string;
  /** Present when the file is valid. */
  title?: LocalizedText;
  valid: boolean;
};

export type TargetSetListResponse = { targetSets: TargetSetSummary[] };

/** A target file as written; the client validates it, so an invalid file can show its errors. */
export type TargetSetFileResponse = { id: string; file: string; format: 'yaml' | 'json'; content: string };

export type RegionListResponse = { regions: Region[] };

/** `targetSet` limits figures to that set's metrics, so they can be fetched alongside the set itself. */
export type ActualsQuery = { targetSet?: string; metrics?: string[]; regions?: string[]; from?: number; to?: number };

export type ActualsResponse = { observations: Observation[]; lastUpdated: string };

export type MetaResponse = {
  lastUpdated: string;
  /** True when figures are synthetic demo data (模拟演示数据). */
  demo: boolean;
};

export type ApiErrorBody = { error: { code: string; message: string } };

/**
 * Who is asking. The demo sends it in the `X-Demo-Role` header; a real backend
 * takes it from its own authentication and ignores the header.
 */
export type Role = 'viewer' | 'analyst';
export const ROLE_HEADER = 'X-Demo-Role';

/** One figure in an import batch, as posted. */
export type BatchFigure = FigureValues;

export type CreateBatchRequest = {
  fileName: string;
  encoding: Encoding;
  layout: Layout;
  targetSet: string;
  counts: ImportCounts;
  figures: BatchFigure[];
};

export type BatchSummary = {
  id: string;
  fileName: string;
  createdAt: string;
  encoding: Encoding;
  layout: Layout;
  targetSet: string;
  counts: ImportCounts;
  /** Figures the batch sets. */
  figureCount: number;
};

/** A batch with its figures and the values they replaced when it was committed. */
export type BatchDetail = BatchSummary & { figures: BatchFigure[]; replaced: Observation[] };

export type BatchListResponse = { batches: BatchSummary[] };
export type BatchResponse = { batch: BatchDetail };
