import type { Observation } from './observation';
import type { LocalizedText, Region } from './target-set';

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
