import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { batchListResponseSchema, batchResponseSchema, type BatchResponse, type CreateBatchRequest } from '@/domain/contract/api-contract';
import { actualQueries } from './actuals';
import { getJson, sendJson, sendJsonText } from './http';
import { metaQueries } from './meta';

/** Query options for import batches; the writes are `batchMutations` below. */
export const batchQueries = {
  all: () => ['batches'] as const,
  list: () =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson('/batches', {}, signal, batchListResponseSchema),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getJson(`/batches/${encodeURIComponent(id)}`, {}, signal, batchResponseSchema),
    }),
};

export function createBatch(request: CreateBatchRequest): Promise<BatchResponse> {
  return sendJson('POST', '/batches', request, batchResponseSchema);
}

/** Posts a batch serialised elsewhere (the import worker), as `CreateBatchRequest` JSON. */
export function createBatchFromJson(json: string): Promise<BatchResponse> {
  return sendJsonText('POST', '/batches', json, batchResponseSchema);
}

export function removeBatch(id: string): Promise<void> {
  return sendJson<void>('DELETE', `/batches/${encodeURIComponent(id)}`);
}

/**
 * Marks stale every query a change of stored figures touches — the figures,
 * the meta (years and counts) and the batch list — by the factories' keys, and
 * resolves once the active ones have refetched. The one place that knows this.
 */
export async function invalidateFigureQueries(client: QueryClient): Promise<void> {
  const keys = [actualQueries.all(), metaQueries.all(), batchQueries.all()];
  await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}

/** Mutation options for the two writes; each refreshes what it changed through `invalidateFigureQueries`. */
export const batchMutations = {
  /** Commits a batch serialised in the import worker (`CreateBatchRequest` JSON). */
  commit: () =>
    mutationOptions({
      mutationKey: [...batchQueries.all(), 'commit'] as const,
      mutationFn: (json: string) => createBatchFromJson(json),
      onSuccess: (_data, _json, _result, { client }) => invalidateFigureQueries(client),
    }),
  /** Undoes a batch: the figures it replaced come back. */
  undo: () =>
    mutationOptions({
      mutationKey: [...batchQueries.all(), 'undo'] as const,
      mutationFn: (id: string) => removeBatch(id),
      onSuccess: (_data, _id, _result, { client }) => invalidateFigureQueries(client),
    }),
};
