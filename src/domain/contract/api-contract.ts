import * as z from 'zod';
import { ENCODINGS, type Encoding, type ImportCounts, type Layout } from '@/domain/import/types';
import type { FigureValues, Observation } from '@/domain/shared/observation';
import { localizedTextSchema, regionSchema } from '@/domain/targets/target-set';

/**
 * The HTTP contract between the dashboard and its backend (see docs/api.md),
 * as zod schemas whose inferred types are the contract's types. The backend
 * parses requests with them; the client checks responses with them.
 *
 * Requests are strict (an unknown field is refused: the server decides what it
 * accepts). Responses are plain objects (unknown fields are dropped), so a
 * newer server can add a field without breaking an older client. No schema
 * has transforms or refinements that run per item: /actuals can carry 100,000+
 * observations and the client checks every one.
 */

/** The longest `fileName` a batch may carry, in UTF-16 code units. */
export const MAX_FILE_NAME_LENGTH = 255;

const LAYOUTS = ['long', 'wide', 'roster'] as const satisfies readonly Layout[];

export const encodingSchema = z.enum(ENCODINGS);
export const layoutSchema = z.enum(LAYOUTS);

const figureShape = {
  metric: z.string(),
  region: z.string(),
  year: z.number(),
  value: z.number().optional(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
};

export const observationSchema = z.object({
  ...figureShape,
  source: z.enum(['demo', 'reference', 'import']),
  sourceNote: z.string().optional(),
  batchId: z.string().optional(),
});

const count = z.int().min(0);
const countsShape = { rows: count, added: count, replaced: count, unchanged: count, rejectedRows: count, errors: count, warnings: count, notes: count };

export const targetSetSummarySchema = z.object({
  /** The file name without extension; stable in URLs. */
  id: z.string(),
  file: z.string(),
  /** Present when the file is valid. */
  title: localizedTextSchema.optional(),
  valid: z.boolean(),
});
export type TargetSetSummary = z.infer<typeof targetSetSummarySchema>;

export const targetSetListResponseSchema = z.object({ targetSets: z.array(targetSetSummarySchema) });
export type TargetSetListResponse = z.infer<typeof targetSetListResponseSchema>;

/** A target file as written; the client validates it, so an invalid file can show its errors. */
export const targetSetFileResponseSchema = z.object({ id: z.string(), file: z.string(), format: z.enum(['yaml', 'json']), content: z.string() });
export type TargetSetFileResponse = z.infer<typeof targetSetFileResponseSchema>;

export const regionListResponseSchema = z.object({ regions: z.array(regionSchema) });
export type RegionListResponse = z.infer<typeof regionListResponseSchema>;

/** `targetSet` limits figures to that set's metrics, so they can be fetched alongside the set itself. (Query parameters, not a body.) */
export type ActualsQuery = { targetSet?: string; metrics?: string[]; regions?: string[]; from?: number; to?: number };

export const actualsResponseSchema = z.object({ observations: z.array(observationSchema), lastUpdated: z.string() });
export type ActualsResponse = z.infer<typeof actualsResponseSchema>;

export const metaResponseSchema = z.object({
  lastUpdated: z.string(),
  /** True when figures are synthetic demo data (模拟演示数据). */
  demo: z.boolean(),
});
export type MetaResponse = z.infer<typeof metaResponseSchema>;

export const apiErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/**
 * Who is asking. The demo sends it in the `X-Demo-Role` header; a real backend
 * takes it from its own authentication and ignores the header.
 */
export const roleSchema = z.enum(['viewer', 'analyst']);
export type Role = z.infer<typeof roleSchema>;
export const ROLE_HEADER = 'X-Demo-Role';

/** One figure in an import batch, as posted: no other fields. */
export const batchFigureSchema = z.strictObject(figureShape);
export type BatchFigure = z.infer<typeof batchFigureSchema>;

/** The import's counts, every one a whole number ≥ 0. */
export const importCountsSchema = z.strictObject(countsShape);

/**
 * A batch as posted. The shape is checked here; the figures' rules (metric and
 * region of the set, values, duplicates) need the target set and are checked
 * by the backend with the import's own rules.
 */
export const createBatchRequestSchema = z.strictObject({
  fileName: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
  encoding: encodingSchema,
  layout: layoutSchema,
  targetSet: z.string().min(1),
  counts: importCountsSchema,
  figures: z.array(batchFigureSchema),
});
export type CreateBatchRequest = z.infer<typeof createBatchRequestSchema>;

export const batchSummarySchema = z.object({
  id: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  encoding: encodingSchema,
  layout: layoutSchema,
  targetSet: z.string(),
  counts: z.object(countsShape),
  /** Figures the batch sets. */
  figureCount: z.number(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

/** A batch with its figures and the values they replaced when it was committed. */
export const batchDetailSchema = batchSummarySchema.extend({ figures: z.array(z.object(figureShape)), replaced: z.array(observationSchema) });
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const batchListResponseSchema = z.object({ batches: z.array(batchSummarySchema) });
export type BatchListResponse = z.infer<typeof batchListResponseSchema>;
export const batchResponseSchema = z.object({ batch: batchDetailSchema });
export type BatchResponse = z.infer<typeof batchResponseSchema>;

/**
 * Where an issue is, as a person reads it: `figures[3].value`, `counts.rows`,
 * or `body` for the whole thing.
 */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || 'body';
}

/**
 * The first problem of a failed parse, located (`figures[3].year: Invalid
 * input: expected number, received string`), and how many more there are.
 * Kept short: an unknown key 5 MB long must not come back as a 5 MB message.
 */
export function describeIssues(error: z.ZodError): string {
  const [first] = error.issues;
  if (!first) return 'body: invalid';
  const more = error.issues.length - 1;
  const message = first.message.length > 200 ? `${first.message.slice(0, 200)}…` : first.message;
  return `${issuePath(first.path)}: ${message}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time proof that the schemas describe the domain's own types; a type error here means they drifted apart. */
export type SchemasMatchDomain = [
  Assert<Same<z.infer<typeof observationSchema>, Observation>>,
  Assert<Same<BatchFigure, FigureValues>>,
  Assert<Same<z.infer<typeof importCountsSchema>, ImportCounts>>,
  Assert<Same<z.infer<typeof encodingSchema>, Encoding>>,
  Assert<Same<z.infer<typeof layoutSchema>, Layout>>,
];
