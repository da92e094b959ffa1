import { queryOptions } from '@tanstack/react-query';
import type { BatchListResponse, BatchResponse, CreateBatchRequest } from '@/domain/contract/api-contract';
import { getJson, sendJson, sendJsonText } from './http';

/** Query options for import batches, and the two writes. After a write, invalidate `batchQueries.all()` and `actualQueries.all()`. */
export const batchQueries = {
  all: () => ['batches'] as const,
  list: () =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson<BatchListResponse>('/batches', {}, signal),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getJson<BatchResponse>(`/batches/${encodeURIComponent(id)}`, {}, signal),
    }),
};

export function createBatch(request: CreateBatchRequest): Promise<BatchResponse> {
  return sendJson<BatchResponse>('POST', '/batches', request);
}

/** Posts a batch serialised elsewhere (the import worker), as `CreateBatchRequest` JSON. */
export function createBatchFromJson(json: string): Promise<BatchResponse> {
  return sendJsonText<BatchResponse>('POST', '/batches', json);
}

export function removeBatch(id: string): Promise<void> {
  return sendJson<void>('DELETE', `/batches/${encodeURIComponent(id)}`);
}
