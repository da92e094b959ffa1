import type { BatchDetail } from '@/domain/contract/api-contract';

/**
 * Where the backend keeps import batches: the one thing a host must provide.
 * IndexedDB in the browser demo (`mocks/batch-storage.ts`), memory in tests,
 * SQL on the server. Each batch is one record, keyed by `id`.
 *
 * - `load()` returns every stored record, in any order. Records are `unknown`
 *   on purpose: the core checks each one when it is loaded and sets aside a
 *   bad one instead of applying it.
 * - `put(batch)` stores a new batch, all or nothing, and resolves only when it
 *   is durable; the core applies the batch after that, so a failed write
 *   changes nothing. A SQL storage writes it in one transaction (a `batches`
 *   row and its figures).
 * - `remove(id)` deletes a batch; removing one that is not there is no error.
 *
 * **Commit order.** Later batches win over earlier ones for the same metric,
 * region and year, so the order matters and survives a reload: the core orders
 * loaded records by `createdAt` (ISO 8601 UTC, millisecond precision), then by
 * `id`. It gives each new batch a `createdAt` strictly later than the last
 * one's, so that order is the commit order. A storage keeps `createdAt` as
 * given (SQL: the text, or a `timestamptz` with millisecond precision) and may
 * return records in `ORDER BY created_at, id` or any other order.
 */
export type BatchStorage = {
  load(): Promise<readonly unknown[]>;
  put(batch: BatchDetail): Promise<void>;
  remove(id: string): Promise<void>;
};

/** Batches in memory: for tests, and for a host that needs no persistence. */
export function memoryBatchStorage(initial: readonly BatchDetail[] = []): BatchStorage {
  const batches = new Map(initial.map((b) => [b.id, b]));
  return {
    load: async () => [...batches.values()],
    put: async (batch) => void batches.set(batch.id, batch),
    remove: async (id) => void batches.delete(id),
  };
}
