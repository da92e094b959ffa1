import { openDB, type IDBPDatabase } from 'idb';
import type { BatchStorage } from '@/backend/storage';

const DB_NAME = 'education-targets-demo';
const STORE = 'batches';

/**
 * Batches in the browser's IndexedDB, so a reload keeps what an analyst
 * imported. Each batch is one record, written in one transaction: a commit is
 * all or nothing. Records come back as stored; the core checks and orders them.
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
      return (await (await open()).getAll(STORE)) as unknown[];
    },
    async put(batch) {
      await (await open()).put(STORE, batch);
    },
    async remove(id) {
      await (await open()).delete(STORE, id);
    },
  };
}
