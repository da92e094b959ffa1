// @vitest-environment node
import { expect, test } from 'vitest';
import { auditResponseSchema, batchListResponseSchema, batchResponseSchema, undoResponseSchema } from '@/domain/contract/api-contract';
import type { ContractHost } from './host';
import { analyst } from './host';
import { answer, batchRequest, describeEachHost, figureAt, keyMaker, meta, post, SET, undo, valueOf } from './suite';

/** Everything a reader can see that a restart or another process must agree on. */
async function snapshot(host: Pick<ContractHost, 'request'>) {
  // One after another: what is compared is the state, not how a host takes concurrent reads (the writes suite does that).
  const batches = await answer(await host.request('/batches'), 200, batchListResponseSchema);
  const actuals: unknown = await (await host.request(`/actuals?set=${SET}`)).json();
  const m = await meta(host);
  const audit = await answer(await host.request('/audit', {}, analyst), 200, auditResponseSchema);
  // A server also logs sign-ins and user changes, which signing in for these reads adds to.
  return { batches, actuals, meta: m, audit: audit.entries.filter((e) => e.action === 'commit' || e.action === 'undo') };
}

describeEachHost('restart and other processes', (host) => {
  const key = keyMaker();

  test('a restart loses nothing: batches, figures, revision and audit log are as before', async () => {
    const [k1, k2] = [key(), key()];
    const kept = (await answer(await post(host(), batchRequest([{ ...k1, value: 64 }], 'kept.csv'), analyst), 201, batchResponseSchema)).batch;
    const gone = (await answer(await post(host(), batchRequest([{ ...k2, value: 65 }], 'gone.csv'), analyst), 201, batchResponseSchema)).batch;
    await answer(await undo(host(), gone.id, analyst), 200, undoResponseSchema);
    const before = await snapshot(host());
    await host().restart();
    const after = await snapshot(host());
    expect(after).toEqual(before);
    expect(after.batches.batches.map((b) => b.id)).toContain(kept.id);
    expect(after.batches.batches.map((b) => b.id)).not.toContain(gone.id);
    // And it goes on from there: the next commit's sequence follows.
    const next = (await answer(await post(host(), batchRequest([{ ...key(), value: 66 }], 'next.csv'), analyst), 201, batchResponseSchema)).batch;
    expect(next.sequence).toBe(after.meta.revision + 1);
  });

  test('a second process (or tab) on the same storage sees a commit and an undo without a restart', async () => {
    const sibling = await host().sibling();
    const k = key();
    const before = await figureAt(sibling, k);
    const batch = (await answer(await post(host(), batchRequest([{ ...k, value: 67 }], 'seen.csv'), analyst), 201, batchResponseSchema)).batch;
    expect(await figureAt(sibling, k)).toMatchObject({ value: 67, batchId: batch.id });
    expect((await meta(sibling)).revision).toBe(batch.sequence);
    // The undo made there is seen here.
    await answer(await undo(sibling, batch.id, analyst), 200, undoResponseSchema);
    expect(valueOf(await figureAt(host(), k))).toEqual(valueOf(before));
    expect(await snapshot(host())).toEqual(await snapshot(sibling));
  });

  test('two processes committing at once both land, with distinct sequences, and agree afterwards', async () => {
    const sibling = await host().sibling();
    const k = key();
    const [a, b] = await Promise.all([
      post(host(), batchRequest([{ ...k, value: 68 }], 'here.csv'), analyst).then((r) => answer(r, 201, batchResponseSchema)),
      post(sibling, batchRequest([{ ...k, value: 69 }], 'there.csv'), analyst).then((r) => answer(r, 201, batchResponseSchema)),
    ]);
    expect(a.batch.sequence).not.toBe(b.batch.sequence);
    const [earlier, later] = a.batch.sequence < b.batch.sequence ? [a.batch, b.batch] : [b.batch, a.batch];
    expect(later.replaced).toMatchObject([{ batchId: earlier.id }]);
    for (const side of [host(), sibling]) expect(await figureAt(side, k)).toMatchObject({ batchId: later.id });
    expect(await snapshot(host())).toEqual(await snapshot(sibling));
  });
});
