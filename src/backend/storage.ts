import type { AuditEntry, StoredBatch } from '@/domain/contract/api-contract';
import type { StoredDocument } from '@/domain/contract/document-contract';

/**
 * Where the backend keeps import batches and the audit log: the one thing a
 * host must provide. IndexedDB in the browser demo (`mocks/batch-storage.ts`),
 * memory in tests, PostgreSQL on the server (`server/sql-storage.ts`).
 *
 * **Revision.** The store has one counter, the revision, that every commit and
 * every undo moves on by one, whoever makes it (another tab, another user,
 * another server process on the same database). A committed batch's
 * `sequence` is the revision its commit made, so batches are ordered by the
 * store, never by a clock. Reading the revision is cheap: the core reads it
 * before answering a request and, when it moved, loads the records again.
 *
 * **Writes.** `write(change)` runs `change` alone: no other write to the same
 * store, from this process or any other, runs between its start and its end
 * (a PostgreSQL transaction holding the revision row; a Web Lock across the
 * demo's tabs). What `change` does through its transaction is kept together or
 * not at all; `write` resolves only once it is durable, so the core applies a
 * change to its own state only after the store has it.
 *
 * **Documents.** Besides batches the store keeps documents (`StoredDocument`):
 * append-only records of a kind (a published snapshot, its withdrawal, a note on
 * a target; later other kinds) with an id, a time, an author and a JSON body.
 * A document is never changed or removed: a correction is a new document. Each
 * append moves the revision by one like a commit (so other tabs and processes
 * load it), but not `changedAt`, which says when the figures changed.
 *
 * Records are `unknown` on purpose: the core checks each one when it is loaded
 * and sets aside a bad one instead of applying it.
 */
export type BatchStorage = {
  /** The store's revision now. */
  revision(): Promise<number>;
  /** Every stored batch and document, in any order, and the revision they make. */
  load(): Promise<StoredState>;
  write<T>(change: (tx: StorageTransaction) => Promise<T>): Promise<T>;
  /** The audit log, newest first, at most `limit` entries (unknown: checked by the core). */
  auditLog(limit: number): Promise<readonly unknown[]>;
};

/**
 * The store as loaded: its revision, when its figures last changed (the last
 * commit's or undo's time, so every process serves the same `lastUpdated`;
 * absent before the first change), every stored batch (`records`) and every
 * stored document (`documents`; absent from a store that keeps none).
 */
export type StoredState = { revision: number; changedAt?: string | undefined; records: readonly unknown[]; documents?: readonly unknown[] | undefined };

/** What a write can do; every call takes effect only if the whole write does. */
export type StorageTransaction = {
  /** The revision as of this write (no other write can move it until this one ends). */
  revision(): Promise<number>;
  /** Every stored batch as of this write, to catch up with writes made elsewhere. */
  load(): Promise<StoredState>;
  /** Stores a new batch; the revision becomes `batch.sequence` (one more than before). */
  insert(batch: StoredBatch): Promise<void>;
  /** Takes a batch away (undo) at `at` (ISO 8601); the revision becomes `revision` (one more than before). */
  remove(id: string, revision: number, at: string): Promise<void>;
  /** Appends a document; the revision becomes `document.revision` (one more than before). `changedAt` stays. */
  append(document: StoredDocument): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
};

/**
 * What a collected write changes: `from` is the revision before its first move (checked again by a
 * store that can, under its own transaction), `revision` the one after its last.
 */
type Change = {
  insert?: StoredBatch;
  remove?: string;
  documents: StoredDocument[];
  from?: number;
  revision?: number;
  changedAt?: string;
  audit: AuditEntry[];
};

/**
 * A write for a store that cannot hold a transaction open across the core's
 * work (IndexedDB closes an idle transaction; memory has none): reads go
 * straight through, changes are collected and handed to `apply` together when
 * `change` has finished. The caller holds the store's lock around it.
 */
export async function collectedWrite<T>(
  read: Pick<BatchStorage, 'revision' | 'load'>,
  change: (tx: StorageTransaction) => Promise<T>,
  apply: (collected: Change) => Promise<void>,
): Promise<T> {
  const collected: Change = { documents: [], audit: [] };
  const move = (to: number) => {
    if (collected.revision !== undefined && to !== collected.revision + 1) {
      throw new Error(`A write must move the revision from ${collected.revision} to ${collected.revision + 1}, not to ${to}.`);
    }
    collected.from ??= to - 1;
    collected.revision = to;
  };
  const result = await change({
    revision: async () => collected.revision ?? read.revision(),
    load: () => read.load(),
    insert: async (batch) => {
      if (collected.insert || collected.remove !== undefined) throw new Error('A write stores or removes at most one batch.');
      move(batch.sequence);
      collected.insert = batch;
      collected.changedAt = batch.createdAt;
    },
    remove: async (id, revision, at) => {
      if (collected.insert || collected.remove !== undefined) throw new Error('A write stores or removes at most one batch.');
      move(revision);
      collected.remove = id;
      collected.changedAt = at;
    },
    append: async (document) => {
      move(document.revision);
      collected.documents.push(document);
    },
    audit: async (entry) => void collected.audit.push(entry),
  });
  // A write that changed nothing (a repeat, a stale preview, nothing to undo) touches nothing.
  if (collected.insert || collected.remove !== undefined || collected.documents.length > 0 || collected.audit.length > 0) await apply(collected);
  return result;
}

/** Runs writes one after another within this process. */
export function serialQueue() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const result = last.then(run);
    last = result.catch(() => undefined);
    return result;
  };
}

/** Batches and documents in memory: for tests, and for a host that needs no persistence. */
export function memoryBatchStorage(initial: readonly StoredBatch[] = [], initialDocuments: readonly StoredDocument[] = []): BatchStorage {
  const batches = new Map(initial.map((b) => [b.id, b]));
  const documents = [...initialDocuments];
  const log: AuditEntry[] = [];
  let revision = Math.max(0, ...initial.map((b) => b.sequence), ...initialDocuments.map((d) => d.revision));
  let changedAt: string | undefined;
  const read = {
    revision: async () => revision,
    load: async () => ({ revision, changedAt, records: [...batches.values()], documents: [...documents] }),
  };
  const queue = serialQueue();
  return {
    ...read,
    write: (change) =>
      queue(() =>
        collectedWrite(read, change, async (c) => {
          if (c.insert) batches.set(c.insert.id, c.insert);
          if (c.remove !== undefined) batches.delete(c.remove);
          documents.push(...c.documents);
          if (c.revision !== undefined) revision = c.revision;
          if (c.changedAt !== undefined) changedAt = c.changedAt;
          log.push(...c.audit);
        }),
      ),
    auditLog: async (limit) => log.slice(-limit).reverse(),
  };
}
