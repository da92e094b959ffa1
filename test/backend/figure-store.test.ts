import { expect, test } from 'vitest';
import { commitBatch, currentObservations, loadBatches, removeBatch } from '@/backend/figure-store';
import { memoryBatchStorage, type BatchStorage } from '@/backend/storage';
import type { ActualsResponse, BatchDetail, BatchResponse, CreateBatchRequest } from '@/domain/contract/api-contract';
import { batchBody, SEED, SEED_UPDATED, testApi } from './fixture';

const t1 = (o: { metric: string; region: string; year: number }) => o.metric === 'coverage' && o.region === 'T1' && o.year === 2020;
const request = (value: number, fileName = 'a.csv') => batchBody({ fileName, figures: [{ metric: 'coverage', region: 'T1', year: 2020, value }] }) as CreateBatchRequest;

async function actuals(get: (path: string) => Response | Promise<Response>) {
  return ((await (await get('/actuals')).json()) as ActualsResponse).observations;
}

test('undo restores exactly the figure a batch replaced: its parts and its source', async () => {
  const { post, get, app, as } = await testApi();
  const before = await actuals(get);
  const { batch } = (await (await post(request(91.5))).json()) as BatchResponse;
  expect(batch.replaced).toEqual([SEED[0]]);
  expect((await actuals(get)).find(t1)).toEqual({ metric: 'coverage', region: 'T1', year: 2020, value: 91.5, source: 'import', sourceNote: 'a.csv', batchId: batch.id });
  const removed = await app.request(`/batches/${batch.id}`, { method: 'DELETE', headers: as('analyst') });
  expect(removed.status).toBe(204);
  expect(await actuals(get)).toEqual(before);
});

test('undoing an earlier batch keeps a later batch’s value; undoing the later one then brings back the seed', async () => {
  const { backend } = await testApi();
  const first = await commitBatch(backend, request(80, 'first.csv'));
  const second = await commitBatch(backend, request(81, 'second.csv'));
  expect(second.replaced).toMatchObject([{ value: 80, source: 'import', batchId: first.id }]);
  await removeBatch(backend, first.id);
  expect(currentObservations(backend).find(t1)).toMatchObject({ value: 81, sourceNote: 'second.csv' });
  await removeBatch(backend, second.id);
  expect(currentObservations(backend).find(t1)).toEqual(SEED[0]);
});

test('undoing the later batch brings back the earlier batch’s value, not the seed', async () => {
  const { backend } = await testApi();
  await commitBatch(backend, request(80, 'first.csv'));
  const second = await commitBatch(backend, request(81, 'second.csv'));
  await removeBatch(backend, second.id);
  expect(currentObservations(backend).find(t1)).toMatchObject({ value: 80, sourceNote: 'first.csv' });
});

test('a viewer cannot undo, and undoing a batch that is not there is a 404', async () => {
  const { app, as, backend } = await testApi();
  const batch = await commitBatch(backend, request(70));
  expect((await app.request(`/batches/${batch.id}`, { method: 'DELETE', headers: as('viewer') })).status).toBe(403);
  expect((await app.request('/batches/nope', { method: 'DELETE', headers: as('analyst') })).status).toBe(404);
  expect(backend.batches.map((b) => b.id)).toEqual([batch.id]);
});

test('batches committed in the same millisecond keep their commit order after a reload', async () => {
  const storage = memoryBatchStorage();
  const { backend } = await testApi(storage);
  const now = new Date('2026-01-01T00:00:00.000Z');
  const batches: BatchDetail[] = [];
  for (const value of [71, 72, 73]) batches.push(await commitBatch(backend, request(value, `${value}.csv`), now));
  expect(batches.map((b) => b.createdAt)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z', '2026-01-01T00:00:00.002Z']);
  const reversed: BatchStorage = { ...storage, load: async () => [...(await storage.load())].reverse() };
  const { backend: reloaded } = await testApi(reversed);
  expect(reloaded.batches.map((b) => b.id)).toEqual(batches.map((b) => b.id));
  expect(currentObservations(reloaded).find(t1)).toMatchObject({ value: 73 });
  expect(reloaded.lastUpdated).toBe('2026-01-01T00:00:00.002Z');
});

test('writes run one after another: two commits at once each record what the other replaced', async () => {
  const { backend } = await testApi();
  const [a, b] = await Promise.all([commitBatch(backend, request(60)), commitBatch(backend, request(61))]);
  expect(a.replaced).toEqual([SEED[0]]);
  expect(b.replaced).toMatchObject([{ value: 60, batchId: a.id }]);
});

test('a bad stored record is set aside and reported; the good ones still apply and every page still reads', async () => {
  const good = { ...(await (async () => {
    const { backend } = await testApi();
    return commitBatch(backend, request(77, 'good.csv'));
  })()) };
  const bad = (changes: Record<string, unknown>) => ({ ...good, id: `bad-${Object.keys(changes)[0]}`, ...changes });
  const records: unknown[] = [
    bad({ figures: [{ metric: 'coverage', region: 'T2', year: 2020, value: 5000 }] }),
    'not a record',
    bad({ targetSet: 'gone' }),
    bad({ createdAt: 'yesterday' }),
    bad({ figureCount: 9 }),
    bad({ counts: undefined }),
    good,
    { ...good, fileName: 'copy.csv' },
  ];
  const { backend, get, setAside } = await testApi({ load: async () => records, put: async () => undefined, remove: async () => undefined });
  expect(backend.batches.map((b) => b.id)).toEqual([good.id]);
  expect(setAside).toEqual(backend.setAside);
  expect(backend.setAside).toEqual([
    { id: 'bad-figures', reason: 'figures[0].value: share_out_of_range (5000)' },
    { id: undefined, reason: expect.stringContaining('body: Invalid input') },
    { id: 'bad-targetSet', reason: 'targetSet: "gone" is not a target set the backend holds' },
    { id: 'bad-createdAt', reason: 'createdAt: not a date ("yesterday")' },
    { id: 'bad-figureCount', reason: 'figureCount: 9, but the batch has 1 figures' },
    { id: 'bad-counts', reason: expect.stringContaining('counts:') },
    { id: good.id, reason: 'id: stored twice' },
  ]);
  const response = await get('/actuals');
  expect(response.status).toBe(200);
  expect(((await response.json()) as ActualsResponse).observations.find(t1)).toMatchObject({ value: 77, sourceNote: 'good.csv' });
  expect((await get('/batches')).status).toBe(200);
});

test('a failed write answers 500 without a stack, and changes nothing', async () => {
  const failing: BatchStorage = { load: async () => [], put: async () => Promise.reject(new Error('disk full at /var/lib/x')), remove: async () => undefined };
  const { backend, post } = await testApi(failing);
  const before = currentObservations(backend);
  const response = await post(request(70));
  expect(response.status).toBe(500);
  expect(await response.json()).toEqual({ error: { code: 'internal_error', message: 'The backend could not complete the request; nothing was changed.' } });
  expect(backend.batches).toEqual([]);
  expect(currentObservations(backend)).toBe(before);
});

test('meta says when the figures last changed and whether any is demo data', async () => {
  const { backend, get } = await testApi();
  expect(await (await get('/meta')).json()).toEqual({ lastUpdated: SEED_UPDATED, demo: true });
  const batch = await commitBatch(backend, request(70));
  expect(await (await get('/meta')).json()).toEqual({ lastUpdated: batch.createdAt, demo: true });
  await loadBatches(backend);
  expect(backend.batches).toEqual([batch]);
});
