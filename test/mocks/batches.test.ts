import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { createBatch, removeBatch } from '@/api/batches';
import { getJson, setApiRole } from '@/api/http';
import type { ActualsResponse, BatchListResponse, BatchResponse, CreateBatchRequest } from '@/domain/contract/api-contract';
import { observationValue } from '@/domain/shared/observation';
import { commitBatch, currentObservations, loadBatches, removeBatch as removeFromBackend } from '@/backend/figure-store';
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

test('removing an earlier batch keeps a later batch’s value for the same figure', async () => {
  const backend = createMockBackend([ruzhouTargetFile()]);
  const first = await commitBatch(backend, request(80, 'first.csv'));
  await commitBatch(backend, request(81, 'second.csv'));
  await removeFromBackend(backend, first.id);
  const value = currentObservations(backend).find((o) => o.metric === 'inclusive_kindergarten_coverage' && o.region === '410482101' && o.year === 2020);
  expect(value).toMatchObject({ value: 81, source: 'import', sourceNote: 'second.csv' });
});

test('batches persist in IndexedDB: a new backend (a reload) sees them, and a removal too', async () => {
  const storage = indexedDbBatchStorage('test-persistence');
  const backend = createMockBackend([ruzhouTargetFile()], { storage });
  const batch = await commitBatch(backend, request(77));
  const reloaded = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage('test-persistence') });
  await loadBatches(reloaded);
  expect(reloaded.batches.map((b) => b.id)).toEqual([batch.id]);
  expect(reloaded.lastUpdated).toBe(batch.createdAt);
  await removeFromBackend(reloaded, batch.id);
  const again = createMockBackend([ruzhouTargetFile()], { storage: indexedDbBatchStorage('test-persistence') });
  await loadBatches(again);
  expect(again.batches).toEqual([]);
});

test('a failed write changes nothing', async () => {
  const backend = createMockBackend([ruzhouTargetFile()], {
    storage: { load: async () => [], put: async () => Promise.reject(new Error('disk full')), remove: async () => undefined },
  });
  const before = currentObservations(backend);
  await expect(commitBatch(backend, request(70))).rejects.toThrow('disk full');
  expect(backend.batches).toEqual([]);
  expect(currentObservations(backend)).toBe(before);
});
