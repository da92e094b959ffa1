import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { collectedWrite, serialQueue, type BatchStorage } from '@/backend/storage';

const DB_NAME = 'education-targets-demo';
const BATCHES = 'batches';
const AUDIT = 'audit';
const DOCUMENTS = 'documents';
const META = 'meta';
const REVISION_KEY = 'revision';
const CHANGED_KEY = 'changedAt';

type Upgrade = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * Where the browser has no Web Locks (and in Node's tests), writes to one
 * database wait for each other within this page: one queue per database name,
 * shared by every storage opened on it, so two backends on one database (two
 * tabs as the tests play them) still write one at a time.
 */
const queues = new Map<string, ReturnType<typeof serialQueue>>();

/**
 * Version 1 kept batches ordered by their `createdAt` (the PC's clock). Version
 * 2 gives each a `sequence` in that order, adds the revision and the audit log;
 * nothing an analyst imported before is lost.
 */
async function upgradeToV2(database: IDBPDatabase, transaction: Upgrade, oldVersion: number): Promise<void> {
  if (oldVersion < 1) database.createObjectStore(BATCHES, { keyPath: 'id' });
  database.createObjectStore(AUDIT, { autoIncrement: true });
  database.createObjectStore(META);
  const batches = transaction.objectStore(BATCHES);
  const old = (await batches.getAll()) as Record<string, unknown>[];
  old.sort((a, b) => Date.parse(String(a.createdAt)) - Date.parse(String(b.createdAt)) || String(a.id).localeCompare(String(b.id)));
  for (const [i, record] of old.entries()) await batches.put({ ...record, sequence: i + 1, committedBy: record.committedBy ?? 'demo' });
  await transaction.objectStore(META).put(old.length, REVISION_KEY);
}

/** Version 3 adds the store of documents (snapshots, withdrawals, notes); batches, audit log and revision stay as they are. */
function upgradeToV3(database: IDBPDatabase): void {
  database.createObjectStore(DOCUMENTS, { keyPath: 'id' });
}

/** The database's version: 3 since documents. */
const DB_VERSION = 3;

/**
 * Batches (and documents) in the browser's IndexedDB, so a reload keeps what an analyst
 * imported, and every tab of the demo shares them. A write holds a Web Lock
 * across the tabs (`navigator.locks`, where the browser has it) and lands in
 * one IndexedDB transaction — the batch, the revision and the audit entry
 * together or not at all. Records come back as stored; the core checks them.
 */
export function indexedDbBatchStorage(name = DB_NAME): BatchStorage {
  let db: Promise<IDBPDatabase> | undefined;
  const open = () =>
    (db ??= openDB(name, DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        // Each step creates its stores before its first await, so the next one can run in the same callback.
        if (oldVersion < 2) void upgradeToV2(database, transaction as unknown as Upgrade, oldVersion);
        if (oldVersion < 3) upgradeToV3(database);
      },
    }));
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (locks) return locks.request(`${name}:write`, run) as Promise<T>;
    let queue = queues.get(name);
    if (!queue) queues.set(name, (queue = serialQueue()));
    return queue(run);
  };
  const read = {
    async revision() {
      return Number((await (await open()).get(META, REVISION_KEY)) ?? 0);
    },
    async load() {
      const tx = (await open()).transaction([BATCHES, DOCUMENTS, META]);
      const meta = tx.objectStore(META);
      const [records, documents, revision, changedAt] = await Promise.all([
        tx.objectStore(BATCHES).getAll(),
        tx.objectStore(DOCUMENTS).getAll(),
        meta.get(REVISION_KEY),
        meta.get(CHANGED_KEY),
      ]);
      return {
        revision: Number(revision ?? 0),
        changedAt: typeof changedAt === 'string' ? changedAt : undefined,
        records: records as unknown[],
        documents: documents as unknown[],
      };
    },
  };
  return {
    ...read,
    write: (change) =>
      exclusive(() =>
        collectedWrite(read, change, async (c) => {
          const tx = (await open()).transaction([BATCHES, DOCUMENTS, AUDIT, META], 'readwrite');
          // The lock makes this hold; should a tab ever write without it, refuse rather than reuse a sequence.
          const before = Number((await tx.objectStore(META).get(REVISION_KEY)) ?? 0);
          if (c.from !== undefined && before !== c.from) {
            tx.done.catch(() => undefined);
            tx.abort();
            throw new Error(`IndexedDB ${name}: the revision moved to ${before} during a write that expected ${c.from}; nothing was written.`);
          }
          if (c.insert) void tx.objectStore(BATCHES).put(c.insert);
          if (c.remove !== undefined) void tx.objectStore(BATCHES).delete(c.remove);
          // `add`, not `put`: a document is never replaced; an id stored already fails the whole write.
          for (const document of c.documents) void tx.objectStore(DOCUMENTS).add(document);
          if (c.revision !== undefined) void tx.objectStore(META).put(c.revision, REVISION_KEY);
          if (c.changedAt !== undefined) void tx.objectStore(META).put(c.changedAt, CHANGED_KEY);
          for (const entry of c.audit) void tx.objectStore(AUDIT).add(entry);
          await tx.done;
        }),
      ),
    async auditLog(limit) {
      const entries: unknown[] = [];
      let cursor = await (await open()).transaction(AUDIT).store.openCursor(null, 'prev');
      while (cursor && entries.length < limit) {
        entries.push(cursor.value);
        cursor = await cursor.continue();
      }
      return entries;
    },
  };
}
