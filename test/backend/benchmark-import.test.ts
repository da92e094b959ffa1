import { expect, test } from 'vitest';
import type { ActualsResponse } from '@/domain/contract/api-contract';
import { createMockBackend } from '@/mocks/backend';
import { buildDemoBackend } from '@/mocks/demo-backend';
import { memoryBatchStorage } from '@/backend/storage';
import { currentObservations, removeBatch } from '@/backend/figure-store';
import { REFERENCE_BATCH_FILE, seedReferenceBatch } from '@/backend/seed/seed';
import { bundledTargetFiles } from '@/mocks/target-files';
import { batchBody, testApi } from './fixture';

/** Issue 11 item 6: a comparison area's figures import like any others, with their source; the demo's national figures are its first batch. */

test('a comparison area’s figure with its source is stored, served to its set as a benchmark with that source, and undone like any other', async () => {
  const { post, get, undo } = await testApi();
  const response = await post(batchBody({ figures: [{ metric: 'coverage', region: 'CN', year: 2021, value: 87.78, citation: '2021年全国教育事业发展统计公报' }] }));
  expect(response.status).toBe(201);
  const { batch } = (await response.json()) as { batch: { id: string } };
  const served = async () => ((await (await get('/actuals?set=test-set')).json()) as ActualsResponse).observations.filter((o) => o.region === 'CN');
  expect(await served()).toEqual(
    expect.arrayContaining([expect.objectContaining({ year: 2021, value: 87.78, source: 'reference', sourceNote: '2021年全国教育事业发展统计公报', batchId: batch.id })]),
  );
  expect((await undo(batch.id)).status).toBe(200);
  expect((await served()).map((o) => o.year)).toEqual([2020]);
});

test('the demo store starts with the published national figures as its first batch, each with its source; undone, they are gone and stay gone', async () => {
  const storage = memoryBatchStorage();
  const { backend } = await buildDemoBackend(bundledTargetFiles(), { openStorage: () => storage });
  expect(backend.batches.map((b) => [b.fileName, b.figureCount])).toEqual([[REFERENCE_BATCH_FILE, 19]]);
  const [first] = backend.batches;
  expect(first!.figures.every((f) => f.region === 'CN' && (f.citation ?? '').length > 0)).toBe(true);
  // A bound stays a bound (“已达95%以上”).
  expect(first!.figures.find((f) => f.metric === 'special_needs_enrollment_rate')).toMatchObject({ value: 95, qualifier: 'at_least' });
  expect(currentObservations(backend).filter((o) => o.region === 'CN')).toHaveLength(19);

  await removeBatch(backend, first!.id, { caller: { name: 'analyst', role: 'analyst' } });
  expect(currentObservations(backend).filter((o) => o.region === 'CN')).toEqual([]);
  // Started again over the same store: not added a second time.
  const again = await buildDemoBackend(bundledTargetFiles(), { openStorage: () => storage });
  expect(again.backend.batches).toEqual([]);
});

test('a demo core made without the first batch (a test’s) has no national figures at all: nothing bundled apart', async () => {
  const backend = createMockBackend(bundledTargetFiles(), { storage: memoryBatchStorage() });
  expect(currentObservations(backend).some((o) => o.source === 'reference')).toBe(false);
  await seedReferenceBatch(backend); // revision -1: never loaded, so not a fresh store
  expect(backend.batches).toEqual([]);
});
