import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { BatchCommittedResponse, BatchResponse, CreateBatchRequest, UndoResponse } from '@/domain/contract/api-contract';
import { IDEMPOTENCY_HEADER, PRECONDITION_HEADER } from '@/domain/contract/contract-values';
import { directCore } from './direct-core';
import { refetchFiguresOffThread } from './actuals';
import type { RefetchProgress } from './figures-off-thread';
import { ApiError, DEFAULT_TIMEOUT_MS, getJson, sendJsonText } from './http';
import { metaQueries } from './meta';

/** Query options for import batches, the audit log and who is asking; the writes are `batchMutations` below. */
export const batchQueries = {
  all: () => ['batches'] as const,
  list: () =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson('/batches', {}, signal, (c) => c.batchListResponseSchema),
    }),
  /** A batch with what undoing it would do now: fetched fresh whenever it is shown, since any write changes the effect. */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getJson(`/batches/${encodeURIComponent(id)}`, {}, signal, (c) => c.batchDetailResponseSchema),
      staleTime: 0,
    }),
  /** The regions of a batch's target set: whether a scoped analyst may undo it depends on them. */
  regions: (targetSet: string) =>
    queryOptions({
      queryKey: ['target-sets', 'regions', targetSet] as const,
      queryFn: ({ signal }) => getJson(`/target-sets/${encodeURIComponent(targetSet)}/regions`, {}, signal, (c) => c.regionListResponseSchema),
      staleTime: Infinity,
    }),
  /** The audit log, newest first (under `batches`, so every write refreshes it). */
  audit: () =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'audit'] as const,
      queryFn: ({ signal }) => getJson('/audit', {}, signal, (c) => c.auditResponseSchema),
    }),
};

/**
 * `GET /session`: who the API takes the caller to be (name, role and, for an
 * analyst limited to a region, that region), on both hosts. `role` is part of
 * the key because the demo's answer follows the role it is sent.
 */
/**
 * A commit's retry key: 32 hex digits from `crypto.getRandomValues`, which
 * (unlike `randomUUID`) also exists on a page served over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A batch serialised elsewhere (the import worker, as `CreateBatchRequest`
 * JSON in UTF-8 bytes; in the demo they are handed to its core, so the buffer
 * is given up), the retry key made when the analyst confirmed this preview,
 * and the store revision the preview was checked against.
 */
export type CommitInput = { body: ArrayBuffer; idempotencyKey: string; revision: number };

/**
 * Posts a batch with `Idempotency-Key` (a repeated commit answers 200 with the
 * batch already stored, a first one 201: both are success) and
 * `If-Match: "<revision>"` (409 `stale_preview` when the store moved since),
 * and `Prefer: return=minimal`: the answer is the batch without its figures.
 */
export function commitBatch({ body, idempotencyKey, revision }: CommitInput, onProgress?: (progress: CommitProgress) => void): Promise<BatchCommittedResponse> {
  const bytes = body.byteLength;
  onProgress?.({ phase: 'storing', bytes });
  return sendJsonText('POST', '/batches', body, (c) => c.batchCommittedResponseSchema, {
    // The batch stored, not its figures echoed back: the page has them (and reads them again, off its thread).
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey, [PRECONDITION_HEADER]: `"${revision}"`, Prefer: 'return=minimal' },
    // A second for every megabyte beyond the usual wait: a million figures take tens of seconds to check and store.
    timeoutMs: DEFAULT_TIMEOUT_MS + Math.ceil(bytes / 1e6) * 1000,
    // In the demo, straight to its core: through the service worker the body would cross the page twice.
    ...withDirectCore(),
  });
}

function withDirectCore(): { transport?: (url: URL, init: RequestInit) => Promise<Response> } {
  const core = directCore();
  return core ? { transport: (url, init) => core.fetch(url, init) } : {};
}

/** Posts a batch given as an object (scripts and tests), optionally with a retry key and the revision it was checked against. */
export function createBatch(request: CreateBatchRequest, options: { idempotencyKey?: string; revision?: number } = {}): Promise<BatchResponse> {
  const headers: Record<string, string> = {};
  if (options.idempotencyKey !== undefined) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
  if (options.revision !== undefined) headers[PRECONDITION_HEADER] = `"${options.revision}"`;
  return sendJsonText('POST', '/batches', JSON.stringify(request), (c) => c.batchResponseSchema, { headers });
}

/** True for the refusal of a commit whose preview was checked against figures that have changed since. */
export function isStalePreview(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.code === 'stale_preview';
}

/** Undoes a batch; the answer says what the undo did (`undoResponseSchema`). */
export function removeBatch(id: string): Promise<UndoResponse> {
  return sendJsonText('DELETE', `/batches/${encodeURIComponent(id)}`, undefined, (c) => c.undoResponseSchema);
}

/**
 * Where a commit is: the batch (`bytes` of JSON)
 * sent and being stored, then the figures on screen read again (`bytes` so
 * far, then `figures` of `total` taken over).
 */
export type CommitProgress = { phase: 'storing'; bytes: number } | ({ phase: 'refreshing' } & RefetchProgress);

/**
 * Marks stale every query a change of stored figures touches — the figures,
 * the meta (years, counts, revision), the batch list, details and audit log —
 * by the factories' keys, and resolves once the active ones have refetched.
 * The figures are read, parsed and checked off the page's thread and taken
 * over in chunks (`refetchFiguresOffThread`), so a million of them never
 * block the page; `onProgress` hears how far that got. The one place that
 * knows this.
 */
export async function invalidateFigureQueries(client: QueryClient, onProgress?: (progress: RefetchProgress) => void): Promise<void> {
  const keys = [metaQueries.all(), batchQueries.all()];
  await Promise.all([refetchFiguresOffThread(client, onProgress), ...keys.map((queryKey) => client.invalidateQueries({ queryKey }))]);
}

/** After a commit or an undo of this tab: this tab refreshes, and the others are told. */
async function afterStoreWrite(client: QueryClient, onProgress?: (progress: CommitProgress) => void): Promise<void> {
  // Other tabs learn of it from src/api/store-watch.ts, which announces every settled `batches` mutation.
  await invalidateFigureQueries(client, onProgress && ((progress) => onProgress({ phase: 'refreshing', ...progress })));
}

/** Mutation options for the two writes; each refreshes what it changed (`afterStoreWrite`). */
export const batchMutations = {
  /** Commits a checked batch, safely retried with the same key (see `commitBatch`); `onProgress` hears where it is. */
  commit: (onProgress?: (progress: CommitProgress) => void) =>
    mutationOptions({
      mutationKey: [...batchQueries.all(), 'commit'] as const,
      mutationFn: (input: CommitInput) => commitBatch(input, onProgress),
      onSuccess: (_data, _input, _result, { client }) => afterStoreWrite(client, onProgress),
    }),
  /** Undoes a batch: the values it replaced come back, unless a later batch set them again. */
  undo: () =>
    mutationOptions({
      mutationKey: [...batchQueries.all(), 'undo'] as const,
      mutationFn: (id: string) => removeBatch(id),
      onSuccess: (_data, _id, _result, { client }) => afterStoreWrite(client),
    }),
};
