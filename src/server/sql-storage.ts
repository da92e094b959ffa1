import { serialQueue, type BatchStorage, type StorageTransaction, type StoredState } from '@/backend/storage';
import type { AuditEntry, StoredBatch } from '@/domain/contract/api-contract';
import type { StoredDocument } from '@/domain/contract/document-contract';
import type { Db, Queryable } from './db';

/**
 * The backend core's `BatchStorage` in PostgreSQL (PGlite or a server; the
 * same SQL). The revision is the one row of `store_state`; a write is one
 * transaction that first locks that row (`SELECT … FOR UPDATE`), so writes
 * from every process on the database run one after another, and within this
 * process a queue keeps them from waiting on each other's connections. A
 * commit (batch, figures, replaced values, revision, audit entry), an undo and
 * a document's append are each one transaction: all of it or none.
 */

/** Figures per stored chunk (the views in the migration count ordinals with the same number). */
const CHUNK = 50_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type BatchRow = {
  id: string;
  sequence: number;
  file_name: string;
  created_at: Date;
  committed_by: string;
  encoding: string;
  layout: string;
  target_set: string;
  counts: unknown;
  figure_count: number;
  idempotency_key: string | null;
};

type DocumentRow = { id: string; revision: number; kind: string; target_set: string; created_at: Date; author: string; body: string };

type AuditRow = {
  at: Date;
  user_name: string;
  action: string;
  batch_id: string | null;
  file_name: string | null;
  target_set: string | null;
  figure_count: number | null;
  counts: unknown;
  detail: string | null;
};

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
/** A nullable column as an optional field: present only when it has a value. */
const optional = <K extends string>(key: K, value: unknown) => (value === null || value === undefined ? {} : ({ [key]: value } as Record<K, unknown>));
const numberOrNull = (value: number | undefined) => (value === undefined ? null : value);

/** Reads the revision; inside a write the row is already locked by it. */
async function readRevision(q: Queryable, lock = false): Promise<number> {
  const rows = await q.query<{ revision: number }>(`SELECT revision FROM store_state WHERE id${lock ? ' FOR UPDATE' : ''}`);
  if (rows.length !== 1) throw new Error('store_state has no revision row: the database was not migrated.');
  return Number(rows[0]!.revision);
}

/**
 * A figure as stored: metric, region, year, value, numerator, denominator, then — only when the figure has
 * one — qualifier and citation (indexes 6 and 7), so figures stored before those existed read as they were.
 * A replaced value adds its source, source note and batch at 6–8 and its qualifier and citation at 9–10
 * (after, so the migration's views keep their indexes).
 */
type FigureTuple = [string, string, number, number | null, number | null, number | null, (string | null)?, (string | null)?];
type ReplacedTuple = [string, string, number, number | null, number | null, number | null, string, string | null, string | null, (string | null)?, (string | null)?];

const figureOf = ([metric, region, year, value, numerator, denominator]: readonly unknown[], qualifier: unknown, citation: unknown) => ({
  metric,
  region,
  year,
  ...optional('value', value),
  ...optional('numerator', numerator),
  ...optional('denominator', denominator),
  ...optional('qualifier', qualifier),
  ...optional('citation', citation),
});

/** The figures (or replaced values) of each batch, from their chunks in order. */
async function chunksByBatch(q: Queryable, table: 'batch_figures' | 'batch_replaced', column: 'figures' | 'replaced') {
  const byBatch = new Map<string, unknown[]>();
  for (const row of await q.query<{ id: string; part: string }>(`SELECT batch_id::text AS id, ${column} AS part FROM ${table} ORDER BY batch_id, chunk`)) {
    const list = byBatch.get(row.id) ?? [];
    for (const item of JSON.parse(row.part) as unknown[]) list.push(item);
    byBatch.set(row.id, list);
  }
  return byBatch;
}

/** Every batch with its figures and replaced values, as plain records (the core checks them). */
async function loadState(q: Queryable): Promise<StoredState> {
  const revision = await readRevision(q);
  const [state] = await q.query<{ changed_at: Date | string | null }>('SELECT changed_at FROM store_state WHERE id');
  const batches = await q.query<BatchRow>(
    `SELECT id::text AS id, sequence, file_name, created_at, committed_by, encoding, layout, target_set, counts, figure_count, idempotency_key
       FROM batches ORDER BY sequence`,
  );
  const figures = await chunksByBatch(q, 'batch_figures', 'figures');
  const replaced = await chunksByBatch(q, 'batch_replaced', 'replaced');
  const records = batches.map((b) => ({
    id: b.id,
    sequence: Number(b.sequence),
    fileName: b.file_name,
    createdAt: iso(b.created_at),
    committedBy: b.committed_by,
    encoding: b.encoding,
    layout: b.layout,
    targetSet: b.target_set,
    counts: b.counts,
    figureCount: Number(b.figure_count),
    figures: ((figures.get(b.id) ?? []) as FigureTuple[]).map((f) => figureOf(f, f[6], f[7])),
    replaced: ((replaced.get(b.id) ?? []) as ReplacedTuple[]).map((r) => ({
      ...figureOf(r, r[9], r[10]),
      source: r[6],
      ...optional('sourceNote', r[7]),
      ...optional('batchId', r[8]),
    })),
    ...optional('idempotencyKey', b.idempotency_key),
  }));
  const documents = (
    await q.query<DocumentRow>('SELECT id::text AS id, revision, kind, target_set, created_at, author, body FROM documents ORDER BY revision')
  ).map((d) => ({
    id: d.id,
    revision: Number(d.revision),
    kind: d.kind,
    targetSet: d.target_set,
    createdAt: iso(d.created_at),
    author: d.author,
    body: parseBody(d.body),
  }));
  return { revision, ...(state?.changed_at ? { changedAt: iso(state.changed_at) } : {}), records, documents };
}

/** A stored body as JSON; a damaged one becomes a value the core sets aside (a document's body is never a string). */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return `unreadable JSON (${text.length} characters)`;
  }
}

async function insertDocument(q: Queryable, document: StoredDocument): Promise<void> {
  if (!UUID.test(document.id)) throw new Error(`A document's id must be a UUID, not ${JSON.stringify(document.id.slice(0, 60))}.`);
  await q.query(
    `INSERT INTO documents (id, revision, kind, target_set, created_at, author, body)
     VALUES ($1::uuid, $2, $3, $4, $5::timestamptz, $6, $7)`,
    [document.id, document.revision, document.kind, document.targetSet, document.createdAt, document.author, JSON.stringify(document.body)],
  );
}

/** A figure's tuple: six fields, then its qualifier and citation only when it has either (no array is built per figure but the tuple). */
const figureTuple = (f: StoredBatch['figures'][number]): FigureTuple =>
  f.qualifier === undefined && f.citation === undefined
    ? [f.metric, f.region, f.year, numberOrNull(f.value), numberOrNull(f.numerator), numberOrNull(f.denominator)]
    : [f.metric, f.region, f.year, numberOrNull(f.value), numberOrNull(f.numerator), numberOrNull(f.denominator), f.qualifier ?? null, f.citation ?? null];
const replacedTuple = (r: StoredBatch['replaced'][number]): ReplacedTuple => {
  const tuple: ReplacedTuple = [r.metric, r.region, r.year, numberOrNull(r.value), numberOrNull(r.numerator), numberOrNull(r.denominator), r.source, r.sourceNote ?? null, r.batchId ?? null];
  if (r.qualifier !== undefined || r.citation !== undefined) tuple.push(r.qualifier ?? null, r.citation ?? null);
  return tuple;
};

/** Stores a list in chunks of `CHUNK` items, each one JSON array (see the migration). */
async function insertChunks<T>(q: Queryable, sql: string, id: string, items: readonly T[], tuple: (item: T) => unknown[]): Promise<void> {
  for (let from = 0, chunk = 0; from < items.length; from += CHUNK, chunk++) {
    await q.query(sql, [id, chunk, JSON.stringify(items.slice(from, from + CHUNK).map(tuple))]);
  }
}

async function insertBatch(q: Queryable, batch: StoredBatch): Promise<void> {
  await q.query(
    `INSERT INTO batches (id, sequence, file_name, created_at, committed_by, encoding, layout, target_set, counts, figure_count, idempotency_key)
     VALUES ($1::uuid, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [
      batch.id,
      batch.sequence,
      batch.fileName,
      batch.createdAt,
      batch.committedBy,
      batch.encoding,
      batch.layout,
      batch.targetSet,
      JSON.stringify(batch.counts),
      batch.figureCount,
      batch.idempotencyKey ?? null,
    ],
  );
  await insertChunks(q, 'INSERT INTO batch_figures (batch_id, chunk, figures) VALUES ($1::uuid, $2, $3)', batch.id, batch.figures, figureTuple);
  await insertChunks(q, 'INSERT INTO batch_replaced (batch_id, chunk, replaced) VALUES ($1::uuid, $2, $3)', batch.id, batch.replaced, replacedTuple);
}

/** Adds an audit entry (commits and undos here; sign-ins and user changes from `auth.ts`, `users.ts`). */
export async function insertAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, user_name, action, batch_id, file_name, target_set, figure_count, counts, detail)
     VALUES ($1::timestamptz, $2, $3, $4::uuid, $5, $6, $7, $8::jsonb, $9)`,
    [
      entry.at,
      entry.user,
      entry.action,
      entry.batchId ?? null,
      entry.fileName ?? null,
      entry.targetSet ?? null,
      entry.figureCount ?? null,
      entry.counts === undefined ? null : JSON.stringify(entry.counts),
      entry.detail ?? null,
    ],
  );
}

export type SqlBatchStorage = BatchStorage & { readonly db: Db };

export function sqlBatchStorage(db: Db): SqlBatchStorage {
  const queue = serialQueue();
  return {
    db,
    revision: () => readRevision(db),
    // One snapshot: the revision and the batches it makes, even while another process commits.
    load: () =>
      db.transaction(async (q) => {
        await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        return loadState(q);
      }),
    write: (change) =>
      queue(() =>
        db.transaction(async (q) => {
          let revision = await readRevision(q, true);
          const next = (to: number) => {
            if (to !== revision + 1) throw new Error(`A write must move the revision from ${revision} to ${revision + 1}, not to ${to}.`);
            revision = to;
          };
          const setRevision = (at: string) => q.query('UPDATE store_state SET revision = $1, changed_at = $2::timestamptz WHERE id', [revision, at]);
          // A document moves the revision only: changed_at is when the figures changed.
          const moveRevision = () => q.query('UPDATE store_state SET revision = $1 WHERE id', [revision]);
          const tx: StorageTransaction = {
            revision: async () => revision,
            load: () => loadState(q),
            async insert(batch) {
              next(batch.sequence);
              await insertBatch(q, batch);
              await setRevision(batch.createdAt);
            },
            async remove(id, to, at) {
              if (!UUID.test(id)) throw new Error(`No stored batch can have the id ${JSON.stringify(id.slice(0, 60))}.`);
              next(to);
              const removed = await q.query('DELETE FROM batches WHERE id = $1::uuid RETURNING id', [id]);
              if (removed.length !== 1) throw new Error(`Batch ${id} is not stored.`);
              await setRevision(at);
            },
            async append(document) {
              next(document.revision);
              await insertDocument(q, document);
              await moveRevision();
            },
            audit: (entry) => insertAudit(q, entry),
          };
          return change(tx);
        }),
      ),
    async auditLog(limit) {
      const rows = await db.query<AuditRow>(
        `SELECT at, user_name, action, batch_id::text AS batch_id, file_name, target_set, figure_count, counts, detail
           FROM audit_log ORDER BY id DESC LIMIT $1`,
        [Math.max(0, Math.floor(limit))],
      );
      return rows.map((r) => ({
        at: iso(r.at),
        user: r.user_name,
        action: r.action,
        ...optional('batchId', r.batch_id),
        ...optional('fileName', r.file_name),
        ...optional('targetSet', r.target_set),
        ...optional('figureCount', r.figure_count === null ? null : Number(r.figure_count)),
        ...optional('counts', r.counts),
        ...optional('detail', r.detail),
      }));
    },
  };
}
