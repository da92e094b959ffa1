import { queryOptions } from '@tanstack/react-query';
import { batchListResponseSchema, batchResponseSchema, type BatchResponse, type CreateBatchRequest } from '@/domain/contract/api-contract';
import { getJson, sendJson, sendJsonText } from './http';

/** Query options for import batches, and the two writes. After a write, invalidate `batchQueries.all()` and `actualQueries.all()`. */
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
