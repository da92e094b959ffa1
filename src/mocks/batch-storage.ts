import { openDB, type IDBPDatabase } from 'idb';
import type { BatchDetail } from '@/domain/contract/api-contract';

/** Where the mock backend keeps import batches. */
export type BatchStorage = {
  load(): Promise<BatchDetail[]>;
  put(batch: BatchDetail): Promise<void>;
  remove(id: string): Promise<void>;
};

const DB_NAME = 'education-targets-demo';
const STORE = 'batches';

/**
 * Batches in the browser's IndexedDB, so a reload keeps what an analyst
 * imported. Each batch is one record, written in one transaction: a commit is
 * all or nothing.
 */
export function indexedDbBatchStorage(name = DB_NAME): BatchStorage {
  let db: Promise<IDBPDatabase> | undefined;
  const open = () =>
    (db ??= openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore(STORE, { keyPath: 'id' });
      },
    }));
  return {
    async load() {
      const batches = (await (await open()).getAll(STORE)) as BatchDetail[];
      return batches.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async put(batch) {
      await (await open()).put(STORE, batch);
    },
    async remove(id) {
      await (await open()).delete(STORE, id);
    },
  };
}

/** Batches in memory, for tests that do not need persistence. */
export function memoryBatchStorage(initial: BatchDetail[] = []): BatchStorage {
  const batches = new Map(initial.map((b) => [b.id, b]));
  return {
    load: async () => [...batches.values()],
    put: async (batch) => void batches.set(batch.id, batch),
    remove: async (id) => void batches.delete(id),
  };
}
