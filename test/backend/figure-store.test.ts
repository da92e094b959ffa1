import { expect, test } from 'vitest';
import { createApi } from '@/backend/app';
import { commitBatch, createBackend, currentObservations, loadBatches, removeBatch, syncBackend, undoEffect } from '@/backend/figure-store';
import type { Caller } from '@/backend/roles';
import { collectedWrite, memoryBatchStorage, type BatchStorage, type StoredState } from '@/backend/storage';
import type {
  ActualsResponse,
  ApiErrorBody,
  AuditResponse,
  BatchDetailResponse,
  BatchListResponse,
  BatchResponse,
  CreateBatchRequest,
  MetaResponse,
  StoredBatch,
  UndoResponse,
} from '@/domain/contract/api-contract';
import { batchBody, SEED, SEED_UPDATED, storedRecords, TEST_SET, testApi, testBackend } from './fixture';

type Key = { metric: string; region: string; year: number };
const at = (metric: string, region: string, year = 2020) => (o: Key) => o.metric === metric && o.region === region && o.year === year;
const t1 = at('coverage', 'T1');
const request = (value: number, fileName = 'a.csv', figures: CreateBatchRequest['figures'] = [{ metric: 'coverage', region: 'T1', year: 2020, value }]) =>
  batchBody({ fileName, figures }) as CreateBatchRequest;
const analyst: Caller = { name: 'li', role: 'analyst' };

async function committed(backend: Parameters<typeof commitBatch>[0], body: CreateBatchRequest, options: Partial<Parameters<typeof commitBatch>[2]> = {}): Promise<StoredBatch> {
  const result = await commitBatch(backend, body, { caller: analyst, ...options });
  if (result.kind === 'stale') throw new Error('unexpectedly stale');
  return result.batch;
}

async function actuals(get: (path: string) => Response | Promise<Response>) {
  return ((await (await get('/actuals')).json()) as ActualsResponse).observations;
}

test('undo restores exactly the figure a batch replaced, its parts and its source, and says so', async () => {
  const { post, get, undo } = await testApi();
  const before = await actuals(get);
  const { batch } = (await (await post(request(91.5))).json()) as BatchResponse;
  expect(batch.replaced).toEqual([SEED[0]]);
  expect(batch).toMatchObject({ sequence: 1, committedBy: 'analyst' });
  expect((await actuals(get)).find(t1)).toEqual({ metric: 'coverage', region: 'T1', year: 2020, value: 91.5, source: 'import', sourceNote: 'a.csv', batchId: batch.id });
  const removed = await undo(batch.id);
  expect(removed.status).toBe(200);
  expect(await removed.json()).toEqual({ undone: batch.id, effect: { restored: [SEED[0]], cleared: [], kept: [] } });
  expect(await actuals(get)).toEqual(before);
});

test('undoing a batch that added a figure clears it: the figure becomes a gap again', async () => {
  const { backend } = await testBackend();
  const added = await committed(backend, request(0, 'ger.csv', [{ metric: 'ger', region: 'T2', year: 2019, value: 97 }]));
  expect(added.replaced).toEqual([]);
  const result = await removeBatch(backend, added.id, { caller: analyst });
  expect(result).toEqual({ kind: 'undone', revision: 2, at: expect.any(String), effect: { restored: [], cleared: [{ metric: 'ger', region: 'T2', year: 2019 }], kept: [] } });
  expect(currentObservations(backend).find(at('ger', 'T2', 2019))).toBeUndefined();
});

test('undoing an older batch when a newer one set the same figure: the newer stays, and the undo says which batch keeps it', async () => {
  const { get, post, undo } = await testApi();
  const figures = (value: number) => [
    { metric: 'coverage', region: 'T1', year: 2020, value },
    { metric: 'coverage', region: 'T2', year: 2020, value: value - 10 },
  ];
  const first = ((await (await post(request(0, 'first.csv', figures(80)))).json()) as BatchResponse).batch;
  const second = ((await (await post(request(81, 'second.csv'))).json()) as BatchResponse).batch;
  expect(second.replaced).toMatchObject([{ value: 80, source: 'import', batchId: first.id }]);

  const detail = (await (await get(`/batches/${first.id}`)).json()) as BatchDetailResponse;
  const expected = {
    restored: [SEED[1]],
    cleared: [],
    kept: [{ metric: 'coverage', region: 'T1', year: 2020, batchId: second.id, fileName: 'second.csv' }],
  };
  expect(detail.undo).toEqual(expected);
  expect(((await (await undo(first.id)).json()) as UndoResponse).effect).toEqual(expected);
  const now = await actuals(get);
  expect(now.find(t1)).toMatchObject({ value: 81, sourceNote: 'second.csv', batchId: second.id });
  expect(now.find(at('coverage', 'T2'))).toEqual(SEED[1]);

  // Undoing the newer one then brings back the seed, not the undone older batch.
  expect(((await (await undo(second.id)).json()) as UndoResponse).effect).toEqual({ restored: [SEED[0]], cleared: [], kept: [] });
  expect((await actuals(get)).find(t1)).toEqual(SEED[0]);
});

test('undoing the later batch brings back the earlier batch’s value, not the seed', async () => {
  const { backend } = await testBackend();
  const first = await committed(backend, request(80, 'first.csv'));
  const second = await committed(backend, request(81, 'second.csv'));
  expect(undoEffect(backend, second.id)?.restored).toEqual([{ metric: 'coverage', region: 'T1', year: 2020, value: 80, source: 'import', sourceNote: 'first.csv', batchId: first.id }]);
  await removeBatch(backend, second.id, { caller: analyst });
  expect(currentObservations(backend).find(t1)).toMatchObject({ value: 80, sourceNote: 'first.csv' });
});

test('a viewer cannot undo, and undoing a batch that is not there is a 404', async () => {
  const { backend, undo } = await testApi();
  const batch = await committed(backend, request(70));
  expect((await undo(batch.id, 'viewer')).status).toBe(403);
  const missing = await undo('nope');
  expect(missing.status).toBe(404);
  expect(((await missing.json()) as ApiErrorBody).error.code).toBe('not_found');
  expect(backend.batches.map((b) => b.id)).toEqual([batch.id]);
  expect(await backend.storage.revision()).toBe(1);
});

test('commit order is the store’s sequence, not the clock: a batch committed later with a clock an hour behind still wins, also after a reload', async () => {
  const storage = memoryBatchStorage();
  const { backend } = await testBackend(storage);
  const first = await committed(backend, request(71, 'first.csv'), { now: new Date('2026-01-01T10:00:00Z') });
  const second = await committed(backend, request(72, 'second.csv'), { now: new Date('2026-01-01T09:00:00Z') });
  expect([first.sequence, second.sequence]).toEqual([1, 2]);
  expect(currentObservations(backend).find(t1)).toMatchObject({ value: 72, batchId: second.id });
  expect(second.replaced).toMatchObject([{ value: 71, batchId: first.id }]);

  const reversed: BatchStorage = { ...storage, load: async () => ({ ...(await storage.load()), records: [...(await storedRecords(storage))].reverse() }) };
  const { backend: reloaded } = await testBackend(reversed);
  expect(reloaded.batches.map((b) => b.id)).toEqual([first.id, second.id]);
  expect(currentObservations(reloaded).find(t1)).toMatchObject({ value: 72, batchId: second.id });
  // The last change as people read it: the time the store recorded for it, the same in every process.
  expect(reloaded.lastUpdated).toBe(second.createdAt);
  expect(backend.lastUpdated).toBe(reloaded.lastUpdated);
  // And the undo effect follows sequence too: undoing the first keeps the second's figure.
  expect(undoEffect(reloaded, first.id)?.kept).toMatchObject([{ batchId: second.id }]);
});

test('syncBackend picks up a commit and an undo made through a second backend on the same storage (another tab or process)', async () => {
  const storage = memoryBatchStorage();
  const { backend: one, get } = await testApi(storage);
  const { backend: two } = await testBackend(storage);
  const batch = await committed(two, request(66, 'other-tab.csv'));
  expect(one.revision).toBe(0);
  // Through the API: every request syncs first.
  expect((await actuals(get)).find(t1)).toMatchObject({ value: 66, batchId: batch.id });
  expect(((await (await get('/meta')).json()) as MetaResponse).revision).toBe(1);

  await removeBatch(two, batch.id, { caller: analyst });
  await syncBackend(one);
  expect(one.revision).toBe(2);
  expect(one.batches).toEqual([]);
  expect(currentObservations(one).find(t1)).toEqual(SEED[0]);
});

test('syncBackend reads only the revision when nothing changed', async () => {
  let loads = 0;
  const inner = memoryBatchStorage();
  const storage: BatchStorage = { ...inner, load: async () => ((loads += 1), inner.load()) };
  const { backend } = await testBackend(storage);
  await committed(backend, request(70));
  loads = 0;
  await Promise.all([syncBackend(backend), syncBackend(backend), syncBackend(backend)]);
  expect(loads).toBe(0);
});

/** A memory store whose `load` can be held back, to order a load against a commit. */
function heldStorage() {
  const inner = memoryBatchStorage();
  const held: { release: () => void; state?: StoredState }[] = [];
  let hold = false;
  const storage: BatchStorage = {
    ...inner,
    async load() {
      const state = await inner.load();
      if (!hold) return state;
      await new Promise<void>((release) => held.push({ release, state }));
      return state;
    },
  };
  return { inner, storage, held, holding: (on: boolean) => (hold = on) };
}

test('a load that began before this backend’s own commit and ends after it does not take the commit back out', async () => {
  const { inner, storage, held, holding } = heldStorage();
  const { backend } = await testBackend(storage);
  const { backend: other } = await testBackend(inner);
  await committed(other, request(60, 'other.csv')); // the store moves on: the next sync loads
  holding(true);
  const sync = syncBackend(backend); // reads revision 1, starts a load of revision 1 and is held
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(held).toHaveLength(1);
  holding(false);
  const mine = await committed(backend, request(61, 'mine.csv')); // catches up inside its write and commits revision 2
  held[0]!.release(); // the old load (revision 1) arrives late
  await sync;
  expect(backend.revision).toBe(2);
  expect(backend.batches.map((b) => b.id)).toContain(mine.id);
  expect(currentObservations(backend).find(t1)).toMatchObject({ value: 61 });
});

test('a request that joins a load begun before another process’s commit still sees that commit', async () => {
  const { inner, storage, held, holding } = heldStorage();
  const { backend } = await testBackend(storage);
  const { backend: other } = await testBackend(inner);
  await committed(other, request(60, 'first.csv'));
  holding(true);
  const early = syncBackend(backend); // a load of revision 1, held
  await new Promise((resolve) => setTimeout(resolve, 0));
  holding(false);
  const second = await committed(other, request(62, 'second.csv')); // revision 2, answered before the next request
  const late = syncBackend(backend); // reads revision 2: the held load is not enough
  held[0]!.release();
  await Promise.all([early, late]);
  expect(backend.revision).toBe(2);
  expect(currentObservations(backend).find(t1)).toMatchObject({ value: 62, batchId: second.id });
});

test('two commits at once both land, with distinct sequences, each recording what the other replaced', async () => {
  const { backend } = await testBackend();
  const [a, b] = await Promise.all([committed(backend, request(60)), committed(backend, request(61))]);
  expect([a.sequence, b.sequence]).toEqual([1, 2]);
  expect(a.replaced).toEqual([SEED[0]]);
  expect(b.replaced).toMatchObject([{ value: 60, batchId: a.id }]);
  expect(backend.batches.map((x) => x.id)).toEqual([a.id, b.id]);
});

test('two backends on one storage committing at once both land: the second catches up inside its write', async () => {
  const storage = memoryBatchStorage();
  const { backend: one } = await testBackend(storage);
  const { backend: two } = await testBackend(storage);
  const [a, b] = await Promise.all([committed(one, request(60, 'one.csv')), committed(two, request(61, 'two.csv'))]);
  expect([a.sequence, b.sequence]).toEqual([1, 2]);
  expect(b.replaced).toMatchObject([{ value: 60, batchId: a.id }]);
  const { backend: fresh } = await testBackend(storage);
  expect(fresh.batches.map((x) => x.id)).toEqual([a.id, b.id]);
  expect(fresh.setAside).toEqual([]);
  await syncBackend(one);
  expect(currentObservations(one).find(t1)).toMatchObject({ value: 61, batchId: b.id });
});

test('a retried commit with the same Idempotency-Key stores one batch; the retry answers 200 with the same batch', async () => {
  const { backend, post, get } = await testApi();
  const headers = { 'Idempotency-Key': 'retry-key-0001' };
  const first = await post(request(70), { headers });
  expect(first.status).toBe(201);
  const again = await post(request(70), { headers });
  expect(again.status).toBe(200);
  const a = (await first.json()) as BatchResponse;
  expect(await again.json()).toEqual(a);
  expect(JSON.stringify(a)).not.toContain('retry-key-0001');
  expect(((await (await get('/batches')).json()) as BatchListResponse).batches.map((b) => b.id)).toEqual([a.batch.id]);
  expect(await backend.storage.revision()).toBe(1);
  // Another key is another batch.
  expect((await post(request(70), { headers: { 'Idempotency-Key': 'retry-key-0002' } })).status).toBe(201);
});

test('If-Match: a preview checked against an older revision is refused with 409; the current revision commits', async () => {
  const { backend, post, get } = await testApi();
  const revision = ((await (await get('/meta')).json()) as MetaResponse).revision;
  expect((await post(request(70, 'elsewhere.csv'))).status).toBe(201);
  const stale = await post(request(71), { headers: { 'If-Match': `"${revision}"` } });
  expect(stale.status).toBe(409);
  const { error } = (await stale.json()) as ApiErrorBody;
  expect(error.code).toBe('stale_preview');
  expect(error.message).toContain(`revision ${revision}, now ${revision + 1}`);
  expect(backend.batches).toHaveLength(1);
  const current = await post(request(71), { headers: { 'If-Match': `"${revision + 1}"` } });
  expect(current.status).toBe(201);
  // A retry of a commit that landed is answered as a repeat, not as stale.
  const key = { 'Idempotency-Key': 'retry-key-0003' };
  const made = await post(request(72), { headers: { ...key, 'If-Match': `"${revision + 2}"` } });
  expect(made.status).toBe(201);
  expect((await post(request(72), { headers: { ...key, 'If-Match': `"${revision + 2}"` } })).status).toBe(200);
});

test('an analyst scoped to a region writes there and below it; a figure outside is 403 region_out_of_scope, and so is undoing a batch with one', async () => {
  const { backend, post, undo } = await testApi();
  const town: Caller = { name: 'wang', role: 'analyst', region: 'T1' };
  const city: Caller = { name: 'zhao', role: 'analyst', region: 'C' };
  const outside = await post(request(0, 'both.csv', [{ metric: 'coverage', region: 'T1', year: 2020, value: 1 }, { metric: 'coverage', region: 'T2', year: 2020, value: 2 }]), { as: town });
  expect(outside.status).toBe(403);
  const { error } = (await outside.json()) as ApiErrorBody;
  expect(error).toEqual({ code: 'region_out_of_scope', message: expect.stringContaining('figures[1].region: region_out_of_scope ("T2" is outside T1') });
  expect(backend.batches).toEqual([]);

  expect((await post(request(75), { as: town })).status).toBe(201);
  const both = await post(request(0, 'both.csv', [{ metric: 'coverage', region: 'T1', year: 2020, value: 1 }, { metric: 'coverage', region: 'C', year: 2020, value: 2 }]), { as: city });
  expect(both.status).toBe(201);
  const cityBatch = ((await both.json()) as BatchResponse).batch;

  const refused = await undo(cityBatch.id, town);
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as ApiErrorBody).error.code).toBe('region_out_of_scope');
  expect(backend.batches.map((b) => b.id)).toContain(cityBatch.id);
  expect((await undo(cityBatch.id, city)).status).toBe(200);
});

test('an admin can commit and undo', async () => {
  const { post, undo } = await testApi();
  const created = await post(request(70), { as: 'admin' });
  expect(created.status).toBe(201);
  const { batch } = (await created.json()) as BatchResponse;
  expect(batch.committedBy).toBe('admin');
  expect((await undo(batch.id, 'admin')).status).toBe(200);
});

test('the audit log has every commit and undo, newest first, with who, the file name, the counts and the undo’s effect', async () => {
  const { post, get, undo } = await testApi();
  const li: Caller = { name: '李分析', role: 'analyst' };
  const { batch } = (await (await post(request(70, '统计.csv'), { as: li })).json()) as BatchResponse;
  await undo(batch.id, { name: '王分析', role: 'analyst' });
  const { entries } = (await (await get('/audit', 'analyst')).json()) as AuditResponse;
  expect(entries).toEqual([
    { at: expect.any(String), user: '王分析', action: 'undo', batchId: batch.id, fileName: '统计.csv', targetSet: 'test-set', figureCount: 1, counts: batch.counts, detail: 'restored 1, cleared 0, kept 0 set again by later batches' },
    { at: batch.createdAt, user: '李分析', action: 'commit', batchId: batch.id, fileName: '统计.csv', targetSet: 'test-set', figureCount: 1, counts: batch.counts },
  ]);
  // Refusals are not audited as changes.
  await post(request(5000));
  expect(((await (await get('/audit', 'analyst')).json()) as AuditResponse).entries).toHaveLength(2);
  // The log names who changed what: officials (viewer role) are refused it.
  expect((await get('/audit')).status).toBe(403);
});

test('meta: the revision grows with every commit and undo; lastUpdated is the last change’s time (an undo’s too), the same after a reload', async () => {
  const { backend, get } = await testApi();
  const meta = async () => (await (await get('/meta')).json()) as MetaResponse;
  expect(await meta()).toEqual({ lastUpdated: SEED_UPDATED, demo: true, revision: 0 });
  const batch = await committed(backend, request(70));
  expect(await meta()).toEqual({ lastUpdated: batch.createdAt, demo: true, revision: 1 });
  const undoAt = new Date(Date.parse(batch.createdAt) + 60_000);
  await removeBatch(backend, batch.id, { caller: analyst, now: undoAt });
  expect(await meta()).toEqual({ lastUpdated: undoAt.toISOString(), demo: true, revision: 2 });
  await loadBatches(backend);
  expect(backend.batches).toEqual([]);
  expect(await meta()).toEqual({ lastUpdated: undoAt.toISOString(), demo: true, revision: 2 });
});

test('meta: with only reference series in the seed (a server without demo data) nothing is “updated” until an import, and again once every import is undone', async () => {
  const storage = memoryBatchStorage();
  const backend = createBackend({ targetFiles: [{ file: 'test-set.yaml', content: TEST_SET }], seed: SEED.filter((o) => o.source === 'reference'), storage });
  await loadBatches(backend);
  const app = createApi(backend, { identify: () => analyst });
  const meta = async () => (await (await app.request('/meta')).json()) as MetaResponse;
  expect(await meta()).toEqual({ demo: false, revision: 0 });
  expect(await (await app.request('/actuals')).json()).not.toHaveProperty('lastUpdated');
  const batch = await committed(backend, request(70));
  expect(await meta()).toEqual({ lastUpdated: batch.createdAt, demo: false, revision: 1 });
  expect(((await (await app.request('/actuals')).json()) as ActualsResponse).lastUpdated).toBe(batch.createdAt);
  await removeBatch(backend, batch.id, { caller: analyst, now: new Date(Date.parse(batch.createdAt) + 60_000) });
  expect(await meta()).toEqual({ demo: false, revision: 2 });
  await loadBatches(backend);
  expect(await meta()).toEqual({ demo: false, revision: 2 });
});

const storageOf = (records: readonly unknown[], revision: number): BatchStorage => {
  const read = { revision: async () => revision, load: async () => ({ revision, records }) };
  return { ...read, write: (change) => collectedWrite(read, change, async () => undefined), auditLog: async () => [] };
};

test('a bad stored record is set aside and reported; the good ones still apply and every page still reads', async () => {
  const { backend: maker } = await testBackend();
  const good = await committed(maker, request(77, 'good.csv'));
  const bad = (changes: Record<string, unknown>) => ({ ...good, id: `bad-${Object.keys(changes)[0]}`, ...changes });
  const records: unknown[] = [
    bad({ figures: [{ metric: 'coverage', region: 'T2', year: 2020, value: 5000 }] }),
    'not a record',
    bad({ targetSet: 'gone' }),
    bad({ createdAt: 'yesterday' }),
    bad({ figureCount: 9 }),
    bad({ counts: undefined }),
    bad({ sequence: undefined }),
    good,
    { ...good, fileName: 'copy.csv' },
  ];
  const { backend, get, setAside } = await testApi(storageOf(records, 1));
  expect(backend.batches.map((b) => b.id)).toEqual([good.id]);
  expect(setAside).toEqual(backend.setAside);
  expect(backend.setAside).toEqual([
    { id: 'bad-figures', reason: 'figures[0].value: share_out_of_range (5000)' },
    { id: undefined, reason: expect.stringContaining('body: Invalid input') },
    { id: 'bad-targetSet', reason: 'targetSet: "gone" is not a target set the backend holds' },
    { id: 'bad-createdAt', reason: 'createdAt: not a date ("yesterday")' },
    { id: 'bad-figureCount', reason: 'figureCount: 9, but the batch has 1 figures' },
    { id: 'bad-counts', reason: expect.stringContaining('counts:') },
    { id: 'bad-sequence', reason: expect.stringContaining('sequence:') },
    { id: good.id, reason: 'id: stored twice' },
  ]);
  const response = await get('/actuals');
  expect(response.status).toBe(200);
  expect(((await response.json()) as ActualsResponse).observations.find(t1)).toMatchObject({ value: 77, sourceNote: 'good.csv' });
  expect((await get('/batches')).status).toBe(200);
  // Reported once, not at every reload.
  await loadBatches(backend);
  expect(setAside).toHaveLength(8);
});

test('of two stored records with one sequence, the same one is set aside whatever order the store returns them in', async () => {
  const { backend: maker } = await testBackend();
  const a = await committed(maker, request(71, 'a.csv'));
  const b = { ...(await committed(maker, request(72, 'b.csv'))), sequence: a.sequence };
  const [first, second] = a.id < b.id ? [a, b] : [b, a];
  for (const records of [[a, b], [b, a]]) {
    const { backend, setAside } = await testBackend(storageOf(records, 2));
    expect(backend.batches.map((x) => x.id)).toEqual([first.id]);
    expect(setAside).toEqual([{ id: second.id, reason: `sequence: ${a.sequence} is another batch's` }]);
  }
});

test('a failed write answers 500 without a stack, and changes nothing', async () => {
  const inner = memoryBatchStorage();
  const failing: BatchStorage = { ...inner, write: (change) => collectedWrite(inner, change, async () => Promise.reject(new Error('disk full at /var/lib/x'))) };
  const errors: unknown[] = [];
  const { backend, post, undo } = await testApi(failing, { onError: (error) => errors.push(error) });
  const before = currentObservations(backend);
  const response = await post(request(70));
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'The backend could not complete the request; nothing was changed.' } });
  expect(text).not.toContain('/var/lib');
  expect(errors).toHaveLength(1);
  expect(backend.batches).toEqual([]);
  expect(backend.revision).toBe(0);
  expect(currentObservations(backend)).toBe(before);
  expect(await inner.revision()).toBe(0);
  expect((await undo('nope')).status).toBe(404);
});
