import * as z from 'zod';
import { observationSchema } from './api-contract';

/**
 * What the backend keeps besides import batches: append-only documents, and
 * the API shapes built on them — published snapshots of a target set (issue
 * 12.1), their withdrawals, and notes on targets (12.4). See docs/api.md.
 *
 * A stored document is `{ id, kind, revision, createdAt, author, targetSet,
 * body }`: the envelope is checked here for every kind, the body by its kind
 * (`documentBodySchemas`). Documents are never changed or removed; what
 * changes is said by a later document (a withdrawal names the snapshot it
 * withdraws, a snapshot the one it supersedes).
 */

/** A kind: lower-case letters and "-" (`snapshot`, `snapshot-withdrawal`, `note`, later `target-version`). */
export const documentKindSchema = z.string().regex(/^[a-z][a-z-]{0,39}$/);

export const storedDocumentSchema = z.object({
  id: z.string().min(1).max(100),
  kind: documentKindSchema,
  /** The store revision this document's write made: documents (and batches) are ordered by it. */
  revision: z.int().min(1),
  /** The backend's clock when it was stored (ISO 8601), for people. */
  createdAt: z.string(),
  /** Who stored it (the user's name; `demo` in the demo). */
  author: z.string().min(1).max(100),
  /** The target set it is about (a snapshot keeps its own copy of the set's file). */
  targetSet: z.string().min(1),
  body: z.unknown(),
});
export type StoredDocument = z.infer<typeof storedDocumentSchema>;

/** The longest snapshot name, note and withdrawal reason, in UTF-16 code units. */
export const MAX_SNAPSHOT_NAME_LENGTH = 100;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_REASON_LENGTH = 500;

const year = z.int().min(1949).max(2100);
const nonBlank = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank');

/** A note on a target: dated by when it was written, plain text (rendered as text). */
export const noteSchema = z.object({
  id: z.string(),
  targetSet: z.string(),
  target: z.string(),
  text: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type Note = z.infer<typeof noteSchema>;

/** A note's body as stored (the envelope carries the rest). */
export const noteBodySchema = z.strictObject({ target: z.string().min(1), text: nonBlank(MAX_NOTE_LENGTH) });

/** The status a target had for a region when the snapshot was published. */
export const frozenStatusSchema = z.object({
  target: z.string(),
  region: z.string(),
  status: z.enum(['achieved', 'missed', 'on_track', 'at_risk', 'off_track', 'undetermined', 'no_data', 'not_applicable']),
});
export type FrozenStatus = z.infer<typeof frozenStatusSchema>;

/** The target file as it was: its name, format, text and the SHA-256 of the text (hex). */
export const frozenFileSchema = z.object({
  file: z.string(),
  format: z.enum(['yaml', 'json']),
  content: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * A snapshot's body as stored: its name and as-of year, the one it supersedes,
 * and what was published — the file, every figure the set's evaluation reads
 * (its regions' own figures and the comparison areas' published ones), the
 * status of every target for the jurisdiction and each sub-unit, and the notes.
 */
export const snapshotBodySchema = z.object({
  name: z.string().min(1).max(MAX_SNAPSHOT_NAME_LENGTH),
  asOf: year,
  supersedes: z.string().optional(),
  file: frozenFileSchema,
  observations: z.array(observationSchema),
  statuses: z.array(frozenStatusSchema),
  notes: z.array(noteSchema),
});
export type SnapshotBody = z.infer<typeof snapshotBodySchema>;

/** A withdrawal's body: which snapshot, and why. */
export const snapshotWithdrawalBodySchema = z.object({ snapshot: z.string().min(1), reason: nonBlank(MAX_REASON_LENGTH) });

/** The largest target file a version holds, in UTF-16 code units (the Ruzhou file is about 20,000). */
export const MAX_TARGET_FILE_LENGTH = 1_000_000;

/**
 * A saved version of a target file (`PUT /target-sets/{id}`): its name,
 * format and text, valid when it was saved. The latest version of a set
 * stands for it; the earlier ones stay readable.
 */
export const targetVersionBodySchema = z.strictObject({
  file: z.string().min(1).max(200),
  format: z.enum(['yaml', 'json']),
  content: z.string().max(MAX_TARGET_FILE_LENGTH),
});
export type TargetVersionBody = z.infer<typeof targetVersionBodySchema>;

/** The bodies of the kinds this backend knows; a document of another kind is set aside when loaded. */
export const documentBodySchemas = {
  snapshot: snapshotBodySchema,
  'snapshot-withdrawal': snapshotWithdrawalBodySchema,
  note: noteBodySchema,
  'target-version': targetVersionBodySchema,
} as const satisfies Record<string, z.ZodType>;
export type DocumentKind = keyof typeof documentBodySchemas;

// ---------------------------------------------------------------- requests

/** `POST /target-sets/{id}/snapshots`: publish the current figures as of `asOf` under `name`. */
export const createSnapshotRequestSchema = z.strictObject({
  name: nonBlank(MAX_SNAPSHOT_NAME_LENGTH),
  asOf: year,
  /** A snapshot of the same set that this one replaces (it stays, marked superseded). */
  supersedes: z.string().min(1).max(100).optional(),
});
export type CreateSnapshotRequest = z.infer<typeof createSnapshotRequestSchema>;

/** `POST /target-sets/{id}/snapshots/{sid}/withdraw`. */
export const withdrawSnapshotRequestSchema = z.strictObject({ reason: nonBlank(MAX_REASON_LENGTH) });
export type WithdrawSnapshotRequest = z.infer<typeof withdrawSnapshotRequestSchema>;

/** `POST /target-sets/{id}/notes`. */
export const createNoteRequestSchema = z.strictObject({ target: z.string().min(1).max(200), text: nonBlank(MAX_NOTE_LENGTH) });
export type CreateNoteRequest = z.infer<typeof createNoteRequestSchema>;

// ---------------------------------------------------------------- responses

/** A snapshot without its frozen content, for lists. */
export const snapshotSummarySchema = z.object({
  id: z.string(),
  targetSet: z.string(),
  name: z.string(),
  asOf: z.int(),
  /** When it was published, by the backend's clock (ISO 8601): the banner's date. */
  publishedAt: z.string(),
  publishedBy: z.string(),
  /** The store revision its publication made. */
  revision: z.int(),
  fileSha256: z.string(),
  figureCount: z.int().min(0),
  supersedes: z.string().optional(),
  /** The later snapshot that superseded it. */
  supersededBy: z.string().optional(),
  withdrawn: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

/** A snapshot with everything it froze. */
export const snapshotDetailSchema = snapshotSummarySchema.extend({
  file: frozenFileSchema,
  observations: z.array(observationSchema),
  statuses: z.array(frozenStatusSchema),
  notes: z.array(noteSchema),
});
export type SnapshotDetail = z.infer<typeof snapshotDetailSchema>;

export const snapshotListResponseSchema = z.object({ snapshots: z.array(snapshotSummarySchema) });
export type SnapshotListResponse = z.infer<typeof snapshotListResponseSchema>;
export const snapshotResponseSchema = z.object({ snapshot: snapshotDetailSchema });
export type SnapshotResponse = z.infer<typeof snapshotResponseSchema>;
export const snapshotSummaryResponseSchema = z.object({ snapshot: snapshotSummarySchema });
export type SnapshotSummaryResponse = z.infer<typeof snapshotSummaryResponseSchema>;
export const noteListResponseSchema = z.object({ notes: z.array(noteSchema) });
export type NoteListResponse = z.infer<typeof noteListResponseSchema>;
export const noteResponseSchema = z.object({ note: noteSchema });
export type NoteResponse = z.infer<typeof noteResponseSchema>;

/** One side of a comparison: a snapshot, or the set's figures now (evaluated as of the earlier snapshot's year). */
export const comparedSideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), id: z.string(), name: z.string(), asOf: z.int(), publishedAt: z.string() }),
  z.object({ kind: z.literal('current'), asOf: z.int(), revision: z.int() }),
]);
export type ComparedSide = z.infer<typeof comparedSideSchema>;

/**
 * `GET /target-sets/{id}/snapshots/{sid}/compare?with=current|{sid2}`: what
 * changed from the snapshot to the other side — figures added (`before`
 * absent), removed (`after` absent) or revised (both; `after.batchId` and
 * `after.sourceNote` name the batch that set the new value), statuses that
 * differ for a target and region both sides evaluate, and targets added to
 * or removed from the set's file.
 */
export const snapshotComparisonResponseSchema = z.object({
  from: comparedSideSchema,
  to: comparedSideSchema,
  figures: z.array(z.object({ metric: z.string(), region: z.string(), year: z.int(), before: observationSchema.optional(), after: observationSchema.optional() })),
  statuses: z.array(z.object({ target: z.string(), region: z.string(), before: frozenStatusSchema.shape.status, after: frozenStatusSchema.shape.status })),
  targetsAdded: z.array(z.string()),
  targetsRemoved: z.array(z.string()),
});
export type SnapshotComparisonResponse = z.infer<typeof snapshotComparisonResponseSchema>;
