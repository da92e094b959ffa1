// @vitest-environment node
import { expect, test } from 'vitest';
import {
  auditResponseSchema,
  batchCommittedResponseSchema,
  batchDetailResponseSchema,
  batchListResponseSchema,
  batchResponseSchema,
  undoResponseSchema,
  type BatchDetail,
  type UndoEffect,
} from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';
import { admin, analyst, type ContractUser } from './host';
import {
  answer,
  batchRequest,
  CITY,
  cityAnalyst,
  describeEachHost,
  figureAt,
  keyMaker,
  meta,
  nameOf,
  post,
  refusal,
  townAnalyst,
  TOWNS,
  undo,
  valueOf,
  type Key,
} from './suite';

const same = (a: Key, b: Key) => a.metric === b.metric && a.region === b.region && a.year === b.year;
const keyOnly = ({ metric, region, year }: Key) => ({ metric, region, year });

/** What undoing should say about a key whose figure was `before` the batch: it comes back, or it becomes a gap. */
function expectUndone(effect: UndoEffect, key: Key, before: Observation | undefined) {
  if (before) expect(effect.restored.filter((o) => same(o, key)).map(valueOf)).toEqual([valueOf(before)]);
  else expect(effect.cleared.filter((o) => same(o, key)).map(keyOnly)).toEqual([keyOnly(key)]);
}

describeEachHost('writes', (host) => {
  const key = keyMaker();
  const commit = async (figures: Parameters<typeof batchRequest>[0], as: ContractUser = analyst, fileName?: string, headers?: Record<string, string>) =>
    (await answer(await post(host(), batchRequest(figures, fileName), as, headers), 201, batchResponseSchema)).batch;

  test('commit, list, read and undo: the figure is the import’s, then exactly what it was before', async () => {
    const k = key();
    const before = await figureAt(host(), k);
    const m0 = await meta(host());
    const batch = await commit([{ ...k, value: 61.5 }], analyst, '统计 2020.csv');
    expect(batch.sequence).toBeGreaterThan(m0.revision);
    expect(batch.committedBy).toBe(await nameOf(host(), analyst));
    expect(batch.figures).toEqual([{ ...k, value: 61.5 }]);
    expect(batch.replaced.map(valueOf)).toEqual(before ? [valueOf(before)] : []);
    expect((await meta(host())).revision).toBe(batch.sequence);
    expect(await figureAt(host(), k)).toEqual({ ...k, value: 61.5, source: 'import', sourceNote: '统计 2020.csv', batchId: batch.id });

    const { batches } = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    expect(batches[0]).toMatchObject({ id: batch.id, sequence: batch.sequence, fileName: '统计 2020.csv', figureCount: 1, counts: batch.counts });
    const detail = await answer(await host().request(`/batches/${batch.id}`), 200, batchDetailResponseSchema);
    expect(detail.batch).toEqual(batch);
    expectUndone(detail.undo, k, before);

    const undone = await answer(await undo(host(), batch.id, analyst), 200, undoResponseSchema);
    expect(undone.undone).toBe(batch.id);
    expect(undone.effect).toEqual(detail.undo);
    expect(valueOf(await figureAt(host(), k))).toEqual(valueOf(before));
    expect((await meta(host())).revision).toBe(batch.sequence + 1);
    await refusal(await host().request(`/batches/${batch.id}`), 404, 'not_found');
    await refusal(await undo(host(), batch.id, analyst), 404, 'not_found');
  });

  test('undoing an older batch when a newer one set the same figure: the newer stays, and the undo says so', async () => {
    const shared = key();
    const own = key();
    const [sharedBefore, ownBefore] = [await figureAt(host(), shared), await figureAt(host(), own)];
    const older = await commit([{ ...shared, value: 70 }, { ...own, value: 71 }], analyst, 'older.csv');
    const newer = await commit([{ ...shared, value: 72 }], analyst, 'newer.csv');
    expect(newer.replaced).toEqual([{ ...shared, value: 70, source: 'import', sourceNote: 'older.csv', batchId: older.id }]);

    const { effect } = await answer(await undo(host(), older.id, analyst), 200, undoResponseSchema);
    expect(effect.kept).toEqual([{ ...keyOnly(shared), batchId: newer.id, fileName: 'newer.csv' }]);
    expectUndone(effect, own, ownBefore);
    expect(effect.restored.length + effect.cleared.length + effect.kept.length).toBe(2);
    expect(await figureAt(host(), shared)).toMatchObject({ value: 72, batchId: newer.id });
    expect(valueOf(await figureAt(host(), own))).toEqual(valueOf(ownBefore));

    // Undoing the newer one then brings back what stood before both, not the undone older batch.
    const second = await answer(await undo(host(), newer.id, analyst), 200, undoResponseSchema);
    expectUndone(second.effect, shared, sharedBefore);
    expect(valueOf(await figureAt(host(), shared))).toEqual(valueOf(sharedBefore));
  });

  test('Prefer: return=minimal answers the batch stored without its figures; the batch is stored whole', async () => {
    const [a, b] = [key(), key()];
    const response = await post(host(), batchRequest([{ ...a, value: 41 }, { ...b, value: 42 }], 'minimal.csv'), analyst, { Prefer: 'return=minimal' });
    expect(response.headers.get('Preference-Applied')).toBe('return=minimal');
    const { batch } = await answer(response, 201, batchCommittedResponseSchema);
    expect(batch).not.toHaveProperty('figures');
    expect(batch).not.toHaveProperty('replaced');
    expect(batch).toMatchObject({ fileName: 'minimal.csv', figureCount: 2 });
    const detail = await answer(await host().request(`/batches/${batch.id}`), 200, batchDetailResponseSchema);
    expect(detail.batch).toMatchObject(batch);
    expect(detail.batch.figures).toEqual([{ ...a, value: 41 }, { ...b, value: 42 }]);
  });

  test('a retried commit with the same Idempotency-Key stores one batch: the retry answers 200 with the same batch', async () => {
    const k = key();
    const body = batchRequest([{ ...k, value: 55 }], 'retry.csv');
    const headers = { 'Idempotency-Key': `contract-${Date.now()}-retry` };
    const first = await answer(await post(host(), body, analyst, headers), 201, batchResponseSchema);
    const revision = (await meta(host())).revision;
    const again = await answer(await post(host(), body, analyst, headers), 200, batchResponseSchema);
    expect(again).toEqual(first);
    expect((await meta(host())).revision).toBe(revision);
    const { batches } = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    expect(batches.filter((b) => b.fileName === 'retry.csv').map((b) => b.id)).toEqual([first.batch.id]);
    // Another key is another batch.
    await answer(await post(host(), body, analyst, { 'Idempotency-Key': `contract-${Date.now()}-other` }), 201, batchResponseSchema);
  });

  test('the same Idempotency-Key sent twice at once stores one batch: one 201, one 200, the same batch', async () => {
    const body = batchRequest([{ ...key(), value: 56 }], 'double-click.csv');
    const headers = { 'Idempotency-Key': `contract-${Date.now()}-twice` };
    const revision = (await meta(host())).revision;
    const responses = await Promise.all([post(host(), body, analyst, headers), post(host(), body, analyst, headers)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    const [a, b] = await Promise.all(responses.map((r) => answer(r, r.status, batchResponseSchema)));
    expect(a).toEqual(b);
    expect((await meta(host())).revision).toBe(revision + 1);
  });

  test('If-Match: a preview checked against an older revision is a 409 stale_preview and stores nothing; the current revision commits', async () => {
    const k = key();
    const checked = (await meta(host())).revision;
    await commit([{ ...key(), value: 40 }], analyst, 'meanwhile.csv');
    const moved = (await meta(host())).revision;
    const stale = await refusal(await post(host(), batchRequest([{ ...k, value: 41 }]), analyst, { 'If-Match': `"${checked}"` }), 409, 'stale_preview');
    expect(stale.message).toContain(String(moved));
    expect((await meta(host())).revision).toBe(moved);
    expect((await figureAt(host(), k))?.value).not.toBe(41);
    const batch = (await answer(await post(host(), batchRequest([{ ...k, value: 41 }]), analyst, { 'If-Match': `"${moved}"` }), 201, batchResponseSchema)).batch;
    expect(batch.sequence).toBe(moved + 1);
  });

  test('two commits at once both land, with distinct sequences; the later one replaced the earlier one’s figure', async () => {
    const k = key();
    const before = await figureAt(host(), k);
    const [a, b] = await Promise.all([commit([{ ...k, value: 81 }], analyst, 'at-once-a.csv'), commit([{ ...k, value: 82 }], admin, 'at-once-b.csv')]);
    expect(a.sequence).not.toBe(b.sequence);
    const [earlier, later] = (a.sequence < b.sequence ? [a, b] : [b, a]) as [BatchDetail, BatchDetail];
    expect(earlier.replaced.map(valueOf)).toEqual(before ? [valueOf(before)] : []);
    expect(later.replaced).toEqual([{ ...k, value: earlier.figures[0]!.value, source: 'import', sourceNote: earlier.fileName, batchId: earlier.id }]);
    expect(await figureAt(host(), k)).toMatchObject({ batchId: later.id });
    const { batches } = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    expect(batches.slice(0, 2).map((x) => x.id)).toEqual([later.id, earlier.id]);
  });

  test('an admin can commit and undo', async () => {
    const batch = await commit([{ ...key(), value: 33 }], admin, 'admin.csv');
    expect(batch.committedBy).toBe(await nameOf(host(), admin));
    await answer(await undo(host(), batch.id, admin), 200, undoResponseSchema);
  });

  test('the audit log has the commit and the undo, with the user’s name, the file name and the counts', async () => {
    const batch = await commit([{ ...key(), value: 44 }], analyst, 'audited.csv');
    await answer(await undo(host(), batch.id, admin), 200, undoResponseSchema);
    const { entries } = await answer(await host().request('/audit', {}, analyst), 200, auditResponseSchema);
    const mine = entries.filter((e) => e.batchId === batch.id);
    expect(mine).toEqual([
      expect.objectContaining({ action: 'undo', user: await nameOf(host(), admin), fileName: 'audited.csv', targetSet: batch.targetSet, figureCount: 1, counts: batch.counts }),
      expect.objectContaining({ action: 'commit', user: await nameOf(host(), analyst), fileName: 'audited.csv', targetSet: batch.targetSet, figureCount: 1, counts: batch.counts }),
    ]);
    expect(Date.parse(mine[0]!.at)).toBeGreaterThanOrEqual(Date.parse(mine[1]!.at));
  });

  test('an analyst limited to a town imports there; a figure elsewhere is 403 region_out_of_scope, and so is undoing a wider batch', async (ctx) => {
    ctx.skip(!host().signIn, 'the demo has no regions for its users');
    const mine = key(townAnalyst.region);
    const other = key(TOWNS[5]);
    const before = await meta(host());
    const refused = await refusal(await post(host(), batchRequest([{ ...mine, value: 20 }, { ...other, value: 21 }]), townAnalyst), 403, 'region_out_of_scope');
    expect(refused.message).toContain('figures[1].region');
    expect((await meta(host())).revision).toBe(before.revision);

    const own = await commit([{ ...mine, value: 22 }], townAnalyst, 'town.csv');
    const city = await commit([{ ...key(townAnalyst.region), value: 23 }, { ...key(CITY), value: 24 }], cityAnalyst, 'city.csv');
    await refusal(await undo(host(), city.id, townAnalyst), 403, 'region_out_of_scope');
    expect((await answer(await host().request(`/batches/${city.id}`), 200, batchDetailResponseSchema)).batch.id).toBe(city.id);
    await answer(await undo(host(), city.id, cityAnalyst), 200, undoResponseSchema);
    await answer(await undo(host(), own.id, townAnalyst), 200, undoResponseSchema);
  });
});
