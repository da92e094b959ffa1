import * as z from 'zod';
import { BATCH_ENCODINGS, ENCODINGS, type BatchEncoding, type Encoding, type ImportCounts, type Layout } from '@/domain/import/types';
import { MAX_CITATION_LENGTH } from '@/domain/import/figure-rules';
import type { FigureQualifier, FigureValues, Observation } from '@/domain/shared/observation';
import { localizedTextSchema, regionSchema } from '@/domain/targets/target-set';
import { ROLES, type Role } from './contract-values';

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

const LAYOUTS = ['long', 'wide', 'roster', 'year_columns'] as const satisfies readonly Layout[];

export const encodingSchema = z.enum(ENCODINGS);
/** What a batch records of how its file was read: a text encoding, or `xlsx` for a workbook (`BatchEncoding`). */
export const batchEncodingSchema = z.enum(BATCH_ENCODINGS);
export const layoutSchema = z.enum(LAYOUTS);

const QUALIFIERS = ['at_least', 'at_most'] as const satisfies readonly FigureQualifier[];
export const qualifierSchema = z.enum(QUALIFIERS);

const figureShape = {
  metric: z.string(),
  region: z.string(),
  year: z.number(),
  value: z.number().optional(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /** A published bound ("95%以上" is `at_least` 95); only with a value and without parts (the backend checks). */
  qualifier: qualifierSchema.optional(),
  /** The figure's own source (a 来源 / 备注 cell), as written, trimmed. */
  citation: z.string().optional(),
};

/** As posted, a citation is bounded: 1 to `MAX_CITATION_LENGTH` UTF-16 code units (stored ones were checked when posted). */
const postedFigureShape = { ...figureShape, citation: z.string().min(1).max(MAX_CITATION_LENGTH).optional() };

export const observationSchema = z.object({
  ...figureShape,
  source: z.enum(['demo', 'reference', 'import']),
  sourceNote: z.string().optional(),
  batchId: z.string().optional(),
});

const count = z.int().min(0);
const countsShape = { rows: count, added: count, replaced: count, unchanged: count, rejectedRows: count, errors: count, warnings: count, notes: count };

/** Which saved version of a target file is served: its number (1 = the first save), when and by whom. */
export const targetVersionSchema = z.object({
  number: z.int().min(1),
  savedAt: z.string(),
  savedBy: z.string(),
  /** The store revision its save made. */
  revision: z.int().min(1),
});
export type TargetVersion = z.infer<typeof targetVersionSchema>;

export const targetSetSummarySchema = z.object({
  /** The file name without extension; stable in URLs. */
  id: z.string(),
  file: z.string(),
  /** Present when the file is valid. */
  title: localizedTextSchema.optional(),
  valid: z.boolean(),
  /** The file declares itself the default set (`default: true`): opened when the address names none. */
  default: z.boolean().optional(),
  /** The file asks for synthetic demo figures (`demo: true`); the demo label is shown for it only. */
  demo: z.boolean().optional(),
  /** The saved version served; absent while the set is the file shipped with the app. */
  version: targetVersionSchema.optional(),
});
export type TargetSetSummary = z.infer<typeof targetSetSummarySchema>;

export const targetSetListResponseSchema = z.object({ targetSets: z.array(targetSetSummarySchema) });
export type TargetSetListResponse = z.infer<typeof targetSetListResponseSchema>;

/** A target file as written; the client validates it, so an invalid file can show its errors. */
export const targetSetFileResponseSchema = z.object({
  id: z.string(),
  file: z.string(),
  format: z.enum(['yaml', 'json']),
  content: z.string(),
  /** The saved version this text is; absent for the file shipped with the app. */
  version: targetVersionSchema.optional(),
});
export type TargetSetFileResponse = z.infer<typeof targetSetFileResponseSchema>;

export const regionListResponseSchema = z.object({ regions: z.array(regionSchema) });
export type RegionListResponse = z.infer<typeof regionListResponseSchema>;

/** `targetSet` limits figures to that set's metrics, so they can be fetched alongside the set itself. (Query parameters, not a body.) */
/** `target`: only the figures of the metric that target of `targetSet` measures (what a target's page shows). */
export type ActualsQuery = { targetSet?: string; target?: string; metrics?: string[]; regions?: string[]; from?: number; to?: number };

/**
 * `years` (with `set`): the years that have figures of the set's own, over all its metrics and regions whatever
 * else the query leaves out, ascending; reference figures do not count. The as-of years a page offers.
 */
const setYearsSchema = z.array(z.int()).optional();

/** `lastUpdated`: as in `GET /meta`; `years`: see `setYearsSchema`. */
export const actualsResponseSchema = z.object({ observations: z.array(observationSchema), lastUpdated: z.string().optional(), years: setYearsSchema });
export type ActualsResponse = z.infer<typeof actualsResponseSchema>;

/**
 * `GET /actuals?form=columns`: the same figures one array per field (docs/api.md). Each string field is a
 * position in `strings`; an absent field is `null`; a column with nothing in it may be left out. What the
 * schema cannot say (every column `count` long, positions within `strings`, a source or qualifier naming
 * one of the contract's) `packColumns` (`actuals-columns.ts`) checks.
 */
const positionColumn = z.array(z.int().nullable());
const numberColumn = z.array(z.number().nullable());
export const actualsColumnsSchema = z.object({
  count: z.int().min(0),
  strings: z.array(z.string()),
  metric: z.array(z.int()),
  region: z.array(z.int()),
  year: z.array(z.number()),
  source: z.array(z.int()),
  value: numberColumn.optional(),
  numerator: numberColumn.optional(),
  denominator: numberColumn.optional(),
  qualifier: positionColumn.optional(),
  citation: positionColumn.optional(),
  sourceNote: positionColumn.optional(),
  batchId: positionColumn.optional(),
});
export type ActualsColumns = z.infer<typeof actualsColumnsSchema>;
export const actualsColumnsResponseSchema = z.object({ columns: actualsColumnsSchema, lastUpdated: z.string().optional(), years: setYearsSchema });
export type ActualsColumnsResponse = z.infer<typeof actualsColumnsResponseSchema>;

export const metaResponseSchema = z.object({
  /**
   * When the set's own figures last changed (the last commit or undo, or when
   * the demo's synthetic figures were made); absent while there are none —
   * nothing imported and no demo data. Never the reference series' date.
   */
  lastUpdated: z.string().optional(),
  /** True when figures are synthetic demo data (模拟演示数据). */
  demo: z.boolean(),
  /**
   * The store's revision: a whole number that grows with every commit and
   * undo, from any tab, user or server process. A client that saw it change
   * refetches; an import preview sends the one it was checked against.
   */
  revision: z.int().min(0),
});
export type MetaResponse = z.infer<typeof metaResponseSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** `invalid_target_file`: every located problem of the refused file (`TargetFileProblem`). */
    problems: z.array(z.object({ file: z.string(), line: z.int().optional(), column: z.int().optional(), path: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).loose()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** Roles and header names live in `contract-values.ts` (no zod); the schema of a role is built from the same list. */
export const roleSchema = z.enum(ROLES);
export type { Role };

/** A commit's retry key as `IDEMPOTENCY_HEADER` carries it. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/);

/** The signed-in person as the API knows them: `GET /session`. */
export const sessionUserSchema = z.object({
  name: z.string(),
  role: roleSchema,
  /** An analyst limited to one region (and the regions under it) imports and undoes only there. */
  region: z.string().optional(),
  /** That region's name, as its target file gives it (absent when no target file declares the region). */
  regionName: localizedTextSchema.optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;
export const sessionResponseSchema = z.object({ user: sessionUserSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** `POST /session` (a real server only): sign in. */
export const signInRequestSchema = z.strictObject({ name: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** One figure in an import batch, as posted: no other fields. */
export const batchFigureSchema = z.strictObject(postedFigureShape);
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
  encoding: batchEncodingSchema,
  layout: layoutSchema,
  targetSet: z.string().min(1),
  counts: importCountsSchema,
  figures: z.array(batchFigureSchema),
});
export type CreateBatchRequest = z.infer<typeof createBatchRequestSchema>;

export const batchSummarySchema = z.object({
  id: z.string(),
  /** Commit order: the store's revision this batch's commit made. Later wins. */
  sequence: z.int().min(1),
  fileName: z.string(),
  /** When it was committed, by the backend's clock (for people; order is `sequence`). */
  createdAt: z.string(),
  /** Who committed it (the user's name; `demo` in the demo). */
  committedBy: z.string(),
  encoding: batchEncodingSchema,
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

/** A batch as a storage keeps it: the detail and the retry key it was committed with. */
export const storedBatchSchema = batchDetailSchema.extend({ idempotencyKey: z.string().optional() });
export type StoredBatch = z.infer<typeof storedBatchSchema>;

const figureKeyShape = { metric: z.string(), region: z.string(), year: z.number() };

/**
 * What undoing a batch does, figure by figure, as of now: the values that come
 * back (from the seed or an earlier batch), the figures that become gaps (the
 * batch added them), and the figures that stay as they are because a later
 * batch set them again (the later batch wins; the undo never clobbers it).
 */
export const undoEffectSchema = z.object({
  restored: z.array(observationSchema),
  cleared: z.array(z.object(figureKeyShape)),
  kept: z.array(z.object({ ...figureKeyShape, batchId: z.string(), fileName: z.string() })),
});
export type UndoEffect = z.infer<typeof undoEffectSchema>;

export const batchListResponseSchema = z.object({ batches: z.array(batchSummarySchema) });
export type BatchListResponse = z.infer<typeof batchListResponseSchema>;
export const batchResponseSchema = z.object({ batch: batchDetailSchema });
export type BatchResponse = z.infer<typeof batchResponseSchema>;
/**
 * `POST /batches` sent with `Prefer: return=minimal` (RFC 7240): the batch
 * stored, without its figures echoed back — what the import page asks for, as
 * a million figures' echo would be 90 MB to read for nothing.
 */
export const batchCommittedResponseSchema = z.object({ batch: batchSummarySchema });
export type BatchCommittedResponse = z.infer<typeof batchCommittedResponseSchema>;
/** `GET /batches/{id}`: the batch and what undoing it would do now. */
export const batchDetailResponseSchema = z.object({ batch: batchDetailSchema, undo: undoEffectSchema });
export type BatchDetailResponse = z.infer<typeof batchDetailResponseSchema>;
/** `DELETE /batches/{id}`: what the undo did. */
export const undoResponseSchema = z.object({ undone: z.string(), effect: undoEffectSchema });
export type UndoResponse = z.infer<typeof undoResponseSchema>;

/** One line of the audit log: every commit and undo (and, on a server, sign-ins and user changes). */
export const auditEntrySchema = z.object({
  at: z.string(),
  user: z.string(),
  action: z.enum(['commit', 'undo', 'sign_in', 'sign_in_failed', 'sign_out', 'user_added', 'user_removed', 'password_changed']),
  batchId: z.string().optional(),
  fileName: z.string().optional(),
  targetSet: z.string().optional(),
  figureCount: z.int().min(0).optional(),
  counts: z.object(countsShape).optional(),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditResponse = z.infer<typeof auditResponseSchema>;

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
  Assert<Same<z.infer<typeof batchEncodingSchema>, BatchEncoding>>,
  Assert<Same<z.infer<typeof layoutSchema>, Layout>>,
  Assert<Same<z.infer<typeof qualifierSchema>, FigureQualifier>>,
  Assert<Same<keyof z.infer<typeof observationSchema>, keyof Observation>>,
  Assert<Same<keyof BatchFigure, keyof FigureValues>>,
];

/** `PUT /target-sets/{id}`: a target file's new text, saved as its next version when it is valid. */
export const saveTargetFileRequestSchema = z.strictObject({ format: z.enum(['yaml', 'json']), content: z.string() });
export type SaveTargetFileRequest = z.infer<typeof saveTargetFileRequestSchema>;

export const targetSetSavedResponseSchema = z.object({ targetSet: targetSetSummarySchema, version: targetVersionSchema });
export type TargetSetSavedResponse = z.infer<typeof targetSetSavedResponseSchema>;

/** `GET /target-sets/{id}/versions`: the saved versions, oldest first, and whether a file shipped with the app came before them (version 0). */
export const targetVersionListResponseSchema = z.object({
  versions: z.array(targetVersionSchema.extend({ file: z.string(), format: z.enum(['yaml', 'json']) })),
  bundled: z.boolean(),
});
export type TargetVersionListResponse = z.infer<typeof targetVersionListResponseSchema>;
