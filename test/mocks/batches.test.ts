import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { expect, test } from 'vitest';
import { createBatch, removeBatch } from '@/api/batches';
import { getJson, setApiRole } from '@/api/http';
import { commitBatch, currentObservations, loadBatches, removeBatch as removeFromBackend, syncBackend, type Backend } from '@/backend/figure-store';
import type { Caller } from '@/backend/roles';
import type { ActualsResponse, BatchListResponse, BatchResponse, CreateBatchRequest, StoredBatch } from '@/domain/contract/api-contract';
import { observationValue } from '@/domain/shared/observation';
import { createMockBackend } from '@/mocks/backend';
import { indexedDbBatchStorage } from '@/mocks/batch-storage';
import { ruzhouTargetFile, setupMockApi } from '../mock-server';

const api = setupMockApi();

const counts = { rows: 1, added: 0, replaced: 1, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 };
const request = (value: number, fileName = 'a.csv'): CreateBatchRequest => ({
  fileName,
  encoding: 'gb18030',
  layout: 'long',
  targetSet: 'ruzhou-2020',
  counts,
  figures: [{ metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value }],
});
const caller: Caller = { name: 'demo', role: 'analyst' };
const isFigure = (o: { metric: string; region: string; year: number }) => o.metric === 'inclusive_kindergarten_coverage' && o.region === '410482101' && o.year === 2020;
let databases = 0;
const freshName = () => `test-batches-${(databases += 1)}`;

async function commit(backend: Backend, value: number, fileName?: string): Promise<StoredBatch> {
  const result = await commitBatch(backend, request(value, fileName), { caller });
  if (result.kind === 'stale') throw new Error('unexpectedly stale');
  return result.batch;
}

async function figure(): Promise<number | undefined> {
  const { observations } = await getJson<ActualsResponse>('/actuals', {
    metric: ['inclusive_kindergarten_coverage'],
    region: ['410482101'],
    from: 2020,
    to: 2020,
  });
  const [o] = observations;
  return o && observationValue(o, true);
}

test('a viewer cannot import: the API answers 403 with a reason and nothing changes', async () => {
  api.useBackend();
  setApiRole('viewer');
  const before = await figure();
  await expect(createBatch(request(99))).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  expect(await figure()).toBe(before);
});

test('an analyst’s batch replaces the stored figure, is listed, and removing it restores the old value exactly', async () => {
  api.useBackend();
  setApiRole('analyst');
  const before = await figure();
  const { batch } = await createBatch(request(91.5));
  expect(await figure()).toBe(91.5);
  expect(batch.replaced).toHaveLength(1);
  expect(batch.committedBy).toBe('demo');
  const { batches } = await getJson<BatchListResponse>('/batches');
  expect(batches.map((b) => b.id)).toEqual([batch.id]);
  expect((await getJson<BatchResponse>(`/batches/${batch.id}`)).batch.figures).toEqual(request(91.5).figures);
  await removeBatch(batch.id);
  expect(await figure()).toBe(before);
  setApiRole('viewer');
});

test('a viewer cannot remove a batch either', async () => {
  api.useBackend();
  setApiRole('analyst');
  const { batch } = await createBatch(request(90));
  setApiRole('viewer');
  await expect(removeBatch(batch.id)).rejects.toMatchObject({ status: 403 });
});

test('a malformed batch is refused with 400 and a located reason', async () => {
  api.useBackend();
  setApiRole('analyst');
  const bad = { ...request(1), figures: [{ metric: 'x', region: 'y', year: 2020.5 }] } as unknown as CreateBatchRequest;
  await expect(createBatch(bad)).rejects.toMatchObject({ status: 400, message: expect.stringContaining('figures[0]') });
  setApiRole('viewer');
});

test('batches persist in IndexedDB: a new backend (a reload) sees them in order, and a removal too', async () => {
  const name = freshName();
  const backend = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage(name) });
  await loadBatches(backend);
  const first = await commit(backend, 77, 'first.csv');
  const second = await commit(backend, 78, 'second.csv');
  const reloaded = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage(name) });
  await loadBatches(reloaded);
  expect(reloaded.batches).toEqual([first, second]);
  expect(reloaded.revision).toBe(2);
  expect(reloaded.lastUpdated).toBe(second.createdAt);
  expect(currentObservations(reloaded).find(isFigure)).toMatchObject({ value: 78, batchId: second.id });
  await removeFromBackend(reloaded, second.id, { caller });
  const again = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage(name) });
  await loadBatches(again);
  expect(again.batches.map((b) => b.id)).toEqual([first.id]);
  expect(again.revision).toBe(3);
  expect(await again.storage.auditLog(10)).toMatchObject([
    { action: 'undo', batchId: second.id, user: 'demo' },
    { action: 'commit', batchId: second.id },
    { action: 'commit', batchId: first.id },
  ]);
});

test('two tabs on one database: each sees the other’s commit and undo, and two commits at once both land with distinct sequences', async () => {
  const name = freshName();
  const one = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage(name) });
  const two = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage(name) });
  await Promise.all([loadBatches(one), loadBatches(two)]);
  const [a, b] = await Promise.all([commit(one, 60, 'one.csv'), commit(two, 61, 'two.csv')]);
  expect([a.sequence, b.sequence].sort()).toEqual([1, 2]);
  const [earlier, later] = a.sequence < b.sequence ? [a, b] : [b, a];
  expect(later.replaced).toMatchObject([{ batchId: earlier.id }]);
  await Promise.all([syncBackend(one), syncBackend(two)]);
  expect(one.batches.map((x) => x.id)).toEqual([earlier.id, later.id]);
  expect(two.batches).toEqual(one.batches);
  await removeFromBackend(two, later.id, { caller });
  await syncBackend(one);
  expect(one.batches.map((x) => x.id)).toEqual([earlier.id]);
  expect(currentObservations(one).find(isFigure)).toMatchObject({ batchId: earlier.id });
});

test('the IndexedDB v1 → v2 upgrade keeps every old batch, numbered in their createdAt order, and commits go on after them', async () => {
  const name = freshName();
  const v1 = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('batches', { keyPath: 'id' }) });
  // What version 1 stored: no sequence, no committedBy; its ids sort against their time order.
  const old = (id: string, value: number, createdAt: string) => {
    const { sequence: _s, committedBy: _c, ...record } = { ...request(value, `${id}.csv`), id, sequence: 0, committedBy: '', createdAt, figureCount: 1, replaced: [] };
    return record;
  };
  await v1.put('batches', old('c-oldest', 71, '2026-01-01T08:00:00.000Z'));
  await v1.put('batches', old('a-newest', 73, '2026-01-01T08:00:00.002Z'));
  await v1.put('batches', old('b-middle', 72, '2026-01-01T08:00:00.001Z'));
  v1.close();

  const backend = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage(name) });
  await loadBatches(backend);
  expect(backend.setAside).toEqual([]);
  expect(backend.batches.map((b) => [b.id, b.sequence, b.committedBy])).toEqual([
    ['c-oldest', 1, 'demo'],
    ['b-middle', 2, 'demo'],
    ['a-newest', 3, 'demo'],
  ]);
  expect(backend.revision).toBe(3);
  expect(currentObservations(backend).find(isFigure)).toMatchObject({ value: 73, batchId: 'a-newest' });
  const next = await commit(backend, 74, 'after-upgrade.csv');
  expect(next.sequence).toBe(4);
  expect(next.replaced).toMatchObject([{ value: 73, batchId: 'a-newest' }]);
  const undone = await removeFromBackend(backend, 'b-middle', { caller });
  expect(undone).toMatchObject({ kind: 'undone', effect: { kept: [{ batchId: next.id }] } });
  expect(await backend.storage.auditLog(10)).toHaveLength(2);
});

test('a failed write changes nothing', async () => {
  const name = freshName();
  const storage = indexedDbBatchStorage(name);
  const backend = createMockBackend([ruzhouTargetFile()], { storage: { ...storage, write: () => Promise.reject(new Error('disk full')) } });
  await loadBatches(backend);
  const before = currentObservations(backend);
  await expect(commitBatch(backend, request(70), { caller })).rejects.toThrow('disk full');
  expect(backend.batches).toEqual([]);
  expect(currentObservations(backend)).toBe(before);
  expect(await storage.revision()).toBe(0);
});

test('a write finding the revision moved underneath it (a tab writing without the lock) stores nothing and says so', async () => {
  const name = freshName();
  const storage = indexedDbBatchStorage(name);
  const backend = createMockBackend([ruzhouTargetFile()], { storage });
  await loadBatches(backend);
  const template = await commit(backend, 70, 'template.csv');
  const raw = await openDB(name, 3);
  const write = storage.write(async (tx) => {
    const revision = await tx.revision();
    await raw.put('meta', revision + 1, 'revision'); // another writer gets in between
    await tx.insert({ ...template, id: 'lost-race', sequence: revision + 1 });
    await tx.audit({ at: template.createdAt, user: 'demo', action: 'commit', batchId: 'lost-race' });
  });
  await expect(write).rejects.toThrow('the revision moved to 2 during a write that expected 1; nothing was written');
  const { records } = await storage.load();
  expect(records.map((r) => (r as StoredBatch).id)).toEqual([template.id]);
  expect(await storage.auditLog(10)).toHaveLength(1);
  raw.close();
});
