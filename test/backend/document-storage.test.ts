// @vitest-environment node
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterAll, describe, expect, test } from 'vitest';
import { documentsOf } from '@/backend/documents';
import { appendDocument, commitBatch, createBackend, loadBatches, syncBackend, type Backend } from '@/backend/figure-store';
import type { Caller } from '@/backend/roles';
import { memoryBatchStorage, type BatchStorage } from '@/backend/storage';
import type { StoredBatch } from '@/domain/contract/api-contract';
import type { StoredDocument } from '@/domain/contract/document-contract';
import { indexedDbBatchStorage } from '@/mocks/batch-storage';
import { openPglite, type Db } from '@/server/db';
import { migrate } from '@/server/migrations';
import { sqlBatchStorage } from '@/server/sql-storage';
import { counts, SEED, SEED_UPDATED, TEST_SET } from './fixture';
import { freshDataDir, removeDataDir } from '../server/pglite';

/**
 * Documents (append-only records beside the batches) on every storage the
 * core runs over: memory, the demo's IndexedDB and PostgreSQL (PGlite). Each
 * storage is opened twice where it can be, as two tabs or processes are.
 */
type Store = { open(): BatchStorage; putRaw(record: Record<string, unknown>): Promise<void> };

const caller: Caller = { name: 'wang', role: 'analyst' };
let n = 0;

const pglite: { dir?: string; db?: Db } = {};
afterAll(async () => {
  await pglite.db?.close();
  if (pglite.dir) removeDataDir(pglite.dir);
});

const stores: { name: string; make(): Promise<Store> }[] = [
  {
    name: 'memory',
    async make() {
      // Memory has one handle, made on first use from the raw records put in before: it stands for every backend.
      const raw: StoredDocument[] = [];
      let storage: BatchStorage | undefined;
      return { open: () => (storage ??= memoryBatchStorage([], raw)), putRaw: async (r) => void raw.push(r as StoredDocument) };
    },
  },
  {
    name: 'IndexedDB',
    async make() {
      const name = `documents-${(n += 1)}`;
      return {
        open: () => indexedDbBatchStorage(name),
        async putRaw(record) {
          await indexedDbBatchStorage(name).revision(); // made by the code under test, at its version
          const db = await openDB(name, 3);
          await db.put('documents', record);
          await db.put('meta', Math.max(Number((await db.get('meta', 'revision')) ?? 0), Number(record.revision)), 'revision');
          db.close();
        },
      };
    },
  },
  {
    name: 'PostgreSQL (PGlite)',
    async make() {
      pglite.dir ??= await freshDataDir();
      pglite.db ??= await openPglite(pglite.dir);
      const db = pglite.db;
      await migrate(db);
      await db.query('DELETE FROM documents');
      await db.query('DELETE FROM batches');
      await db.query('UPDATE store_state SET revision = 0, changed_at = NULL');
      return {
        open: () => sqlBatchStorage(db),
        async putRaw(r) {
          await db.query(
            'INSERT INTO documents (id, revision, kind, target_set, created_at, author, body) VALUES ($1::uuid, $2, $3, $4, $5::timestamptz, $6, $7)',
            [r.id, r.revision, r.kind, r.targetSet, r.createdAt, r.author, JSON.stringify(r.body)],
          );
          await db.query('UPDATE store_state SET revision = GREATEST(revision, $1)', [r.revision]);
        },
      };
    },
  },
];

async function backendOver(storage: BatchStorage): Promise<Backend> {
  const backend = createBackend({ targetFiles: [{ file: 'test-set.yaml', content: TEST_SET }], seed: SEED, seedUpdated: SEED_UPDATED, storage });
  await loadBatches(backend);
  return backend;
}

const note = (text: string) => () => ({ ok: true as const, draft: { kind: 'note' as const, targetSet: 'test-set', body: { target: 'coverage-2020', text } } });

for (const kind of stores) {
  describe(`documents on ${kind.name}`, () => {
    test('an appended document moves the revision (not lastUpdated), loads back as stored and is seen by a second backend', async () => {
      const store = await kind.make();
      const here = await backendOver(store.open());
      const there = await backendOver(store.open());
      const lastUpdated = here.lastUpdated;
      const result = await appendDocument(here, note('园舍改造推迟到9月'), { caller, now: new Date('2021-03-31T02:00:00.000Z') });
      if (!result.ok) throw new Error(result.refusal.message);
      expect(result.document).toMatchObject({ kind: 'note', revision: 1, author: 'wang', createdAt: '2021-03-31T02:00:00.000Z', targetSet: 'test-set' });
      expect(here.revision).toBe(1);
      expect(here.lastUpdated).toBe(lastUpdated);
      const { documents, revision, changedAt } = await store.open().load();
      expect(revision).toBe(1);
      expect(changedAt).toBeUndefined();
      expect(documents).toEqual([result.document]);
      await syncBackend(there);
      expect(there.documents).toEqual([result.document]);
      expect(there.lastUpdated).toBe(lastUpdated);
      // A restart reads it back the same.
      expect((await backendOver(store.open())).documents).toEqual(here.documents);
    });

    test('documents and batches share one revision: each write takes the next one, in the order the store took them', async () => {
      const store = await kind.make();
      const backend = await backendOver(store.open());
      const other = await backendOver(store.open());
      const first = await appendDocument(backend, note('一'), { caller });
      const batch = await commitBatch(
        other,
        { fileName: 'a.csv', encoding: 'utf-8', layout: 'long', targetSet: 'test-set', counts, figures: [{ metric: 'coverage', region: 'T1', year: 2020, value: 75 }] },
        { caller },
      );
      const second = await appendDocument(backend, note('二'), { caller });
      expect([first.ok && first.document.revision, batch.kind === 'created' && (batch.batch as StoredBatch).sequence, second.ok && second.document.revision]).toEqual([1, 2, 3]);
      expect(backend.batches.map((b) => b.sequence)).toEqual([2]);
      expect(documentsOf(backend.documents, 'note').map((d) => d.body.text)).toEqual(['一', '二']);
    });

    test('a refused draft stores nothing and leaves the revision', async () => {
      const store = await kind.make();
      const backend = await backendOver(store.open());
      const refused = await appendDocument(backend, () => ({ ok: false, refusal: { status: 409, code: 'snapshot_withdrawn', message: 'no' } }), { caller });
      expect(refused.ok).toBe(false);
      expect(await store.open().revision()).toBe(0);
      expect((await store.open().load()).documents ?? []).toEqual([]);
    });

    test('a bad stored document (unknown kind, bad body, a revision taken twice) is set aside; the others stand', async () => {
      const store = await kind.make();
      const good = { id: '00000000-0000-4000-8000-000000000001', kind: 'note', revision: 1, targetSet: 'test-set', createdAt: '2021-01-01T00:00:00.000Z', author: 'li', body: { target: 'coverage-2020', text: '好' } };
      await store.putRaw(good);
      await store.putRaw({ ...good, id: '00000000-0000-4000-8000-000000000002', revision: 2, kind: 'mystery' });
      await store.putRaw({ ...good, id: '00000000-0000-4000-8000-000000000003', revision: 3, body: { target: 'coverage-2020' } });
      const backend = await backendOver(store.open());
      expect(backend.documents.map((d) => d.id)).toEqual([good.id]);
      expect(backend.setAside.map((s) => [s.id, s.reason])).toEqual([
        ['00000000-0000-4000-8000-000000000002', expect.stringContaining('kind: "mystery" is not a kind this backend knows')],
        ['00000000-0000-4000-8000-000000000003', expect.stringContaining('body.text')],
      ]);
      // And the store goes on after them.
      const next = await appendDocument(backend, note('之后'), { caller });
      expect(next.ok && next.document.revision).toBe(4);
    });
  });
}

test('the IndexedDB v2 → v3 upgrade keeps the batches, the revision and the audit log, and documents are stored after them', async () => {
  const name = `documents-upgrade-${(n += 1)}`;
  // A version-2 database as the demo had it: made by this code's v2 step alone.
  const raw = await openDB(name, 2, {
    upgrade(db) {
      db.createObjectStore('batches', { keyPath: 'id' });
      db.createObjectStore('audit', { autoIncrement: true });
      db.createObjectStore('meta');
    },
  });
  const batch = {
    id: 'old-batch',
    sequence: 1,
    fileName: 'old.csv',
    createdAt: '2026-01-01T08:00:00.000Z',
    committedBy: 'demo',
    encoding: 'utf-8',
    layout: 'long',
    targetSet: 'test-set',
    counts,
    figureCount: 1,
    figures: [{ metric: 'coverage', region: 'T1', year: 2020, value: 71 }],
    replaced: [],
  };
  await raw.put('batches', batch);
  await raw.put('meta', 1, 'revision');
  await raw.put('meta', batch.createdAt, 'changedAt');
  await raw.add('audit', { at: batch.createdAt, user: 'demo', action: 'commit', batchId: 'old-batch' });
  raw.close();

  const backend = await backendOver(indexedDbBatchStorage(name));
  expect(backend.setAside).toEqual([]);
  expect(backend.batches.map((b) => b.id)).toEqual(['old-batch']);
  expect(backend.revision).toBe(1);
  const appended = await appendDocument(backend, note('升级后'), { caller });
  expect(appended.ok && appended.document.revision).toBe(2);
  const again = await backendOver(indexedDbBatchStorage(name));
  expect(again.batches.map((b) => b.id)).toEqual(['old-batch']);
  expect(again.documents.map((d) => d.body)).toEqual([{ target: 'coverage-2020', text: '升级后' }]);
  expect(await again.storage.auditLog(10)).toHaveLength(1);
  expect(again.lastUpdated).toBe(batch.createdAt);
});
