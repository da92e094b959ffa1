// @vitest-environment node
import { expect, test } from 'vitest';
import { batchResponseSchema, undoResponseSchema } from '@/domain/contract/api-contract';
import {
  snapshotComparisonResponseSchema,
  snapshotListResponseSchema,
  snapshotResponseSchema,
  snapshotSummaryResponseSchema,
  type FrozenStatus,
  type SnapshotDetail,
} from '@/domain/contract/document-contract';
import { analyst, viewer, type ContractUser } from './host';
import { answer, batchRequest, CITY, describeEachHost, jsonHeaders, post, refusal, SET, SHARE, townAnalyst, TOWNS, undo } from './suite';

/**
 * Published snapshots (issue 12.1) on every host: a snapshot freezes what the
 * set showed, and neither a later import nor undoing the batch it was built
 * from changes it; the comparison lists exactly the figures and statuses that
 * changed; what cannot be done is refused with a located reason.
 */
describeEachHost('snapshots', (host) => {
  const path = (rest = '') => `/target-sets/${SET}/snapshots${rest}`;
  const send = (rest: string, body: unknown, as: ContractUser | 'anonymous' = analyst) =>
    host().request(path(rest), { method: 'POST', headers: jsonHeaders, body: typeof body === 'string' ? body : JSON.stringify(body) }, as);
  const publish = async (body: Record<string, unknown>, as: ContractUser = analyst) => (await answer(await send('', body, as), 201, snapshotResponseSchema)).snapshot;
  const read = async (id: string) => (await answer(await host().request(path(`/${encodeURIComponent(id)}`)), 200, snapshotResponseSchema)).snapshot;
  const commit = async (value: number, region: string, year: number) =>
    (await answer(await post(host(), batchRequest([{ metric: SHARE, region, year, value }], `修订 ${value}.csv`), analyst), 201, batchResponseSchema)).batch;
  const compare = async (id: string, other?: string) =>
    answer(await host().request(path(`/${id}/compare${other === undefined ? '' : `?with=${encodeURIComponent(other)}`}`)), 200, snapshotComparisonResponseSchema);
  const frozenFigure = (s: SnapshotDetail, region: string, year: number) => s.observations.filter((o) => o.metric === SHARE && o.region === region && o.year === year && o.source !== 'reference');
  const statusDiff = (a: readonly FrozenStatus[], b: readonly FrozenStatus[]) => {
    const was = new Map(a.map((s) => [`${s.target}|${s.region}`, s.status]));
    return b.filter((s) => was.has(`${s.target}|${s.region}`) && was.get(`${s.target}|${s.region}`) !== s.status).map((s) => ({ target: s.target, region: s.region, before: was.get(`${s.target}|${s.region}`), after: s.status }));
  };

  test('a snapshot stays as published after a new import and after undoing the batch it was built from; the comparison lists exactly what changed', async () => {
    const region = TOWNS[3];
    const built = await commit(95, region, 2020);
    const published = await publish({ name: '2020年度考核', asOf: 2020 });
    expect(published).toMatchObject({ name: '2020年度考核', asOf: 2020, targetSet: SET });
    expect(published.publishedBy.length).toBeGreaterThan(0);
    expect(published.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(frozenFigure(published, region, 2020).map((o) => o.value)).toEqual([95]);
    expect(published.statuses.length).toBeGreaterThan(0);
    expect(await read(published.id)).toEqual(published);

    const revised = await commit(12, region, 2020);
    expect(await read(published.id)).toEqual(published);

    const now = await compare(published.id);
    expect(now.from).toMatchObject({ kind: 'snapshot', id: published.id });
    expect(now.to).toMatchObject({ kind: 'current', asOf: 2020 });
    expect(now.figures).toHaveLength(1);
    expect(now.figures[0]).toMatchObject({ metric: SHARE, region, year: 2020, before: { value: 95, batchId: built.id }, after: { value: 12, batchId: revised.id } });
    expect(now.targetsAdded).toEqual([]);
    expect(now.targetsRemoved).toEqual([]);

    // The statuses now, as a second snapshot freezes them: the comparison's changes are exactly the difference.
    const second = await publish({ name: '2020年度考核（修订）', asOf: 2020, supersedes: published.id });
    const expected = statusDiff(published.statuses, second.statuses);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((s) => s.region === region || s.region === CITY)).toBe(true);
    expect(now.statuses).toEqual(expected);
    const between = await compare(published.id, second.id);
    expect(between.to).toMatchObject({ kind: 'snapshot', id: second.id });
    expect(between.figures).toEqual(now.figures);
    expect(between.statuses).toEqual(expected);

    // Undo both batches: the snapshots are what they were; the first is marked superseded, nothing else about it changes.
    await answer(await undo(host(), revised.id, analyst), 200, undoResponseSchema);
    await answer(await undo(host(), built.id, analyst), 200, undoResponseSchema);
    const { supersededBy, ...rest } = await read(published.id);
    expect(supersededBy).toBe(second.id);
    expect(rest).toEqual(published);
    const secondNow = await read(second.id);
    expect(frozenFigure(secondNow, region, 2020).map((o) => o.value)).toEqual([12]);
    // Against now, the figure the undo removed is listed as gone (or back to what was there before it).
    const afterUndo = await compare(second.id);
    expect(afterUndo.figures.filter((f) => f.region === region && f.year === 2020)).toHaveLength(1);
    expect(afterUndo.figures[0]!.before?.value).toBe(12);
  });

  test('withdrawing keeps the snapshot, marked with who, when and why; a closed snapshot cannot be withdrawn or superseded again', async () => {
    const s = await publish({ name: '待撤回', asOf: 2020 });
    const { snapshot } = await answer(await send(`/${s.id}/withdraw`, { reason: '数据口径有误' }), 200, snapshotSummaryResponseSchema);
    expect(snapshot.withdrawn).toMatchObject({ reason: '数据口径有误' });
    expect((await read(s.id)).withdrawn?.reason).toBe('数据口径有误');
    const { snapshots } = await answer(await host().request(path()), 200, snapshotListResponseSchema);
    expect(snapshots.find((x) => x.id === s.id)?.withdrawn?.reason).toBe('数据口径有误');
    expect(snapshots.map((x) => x.revision)).toEqual([...snapshots.map((x) => x.revision)].sort((a, b) => b - a));
    await refusal(await send(`/${s.id}/withdraw`, { reason: 'again' }), 409, 'snapshot_withdrawn');
    await refusal(await send('', { name: 'x', asOf: 2020, supersedes: s.id }), 409, 'snapshot_withdrawn');
  });

  test('refusals: who, what and where', async () => {
    expect((await refusal(await send('', { name: '2020', asOf: 2020 }, viewer), 403, 'forbidden')).message).toMatch(/analyst/i);
    expect((await refusal(await send('', { name: '   ', asOf: 2020 }), 400, 'invalid_snapshot')).message).toMatch(/^name/);
    expect((await refusal(await send('', { name: 'a', asOf: 1900 }), 400, 'invalid_snapshot')).message).toMatch(/^asOf/);
    expect((await refusal(await send('', { name: 'a', asOf: 2031 }), 400, 'invalid_snapshot')).message).toMatch(/^asOf: 2031 is not a year/);
    expect((await refusal(await send('', { name: 'a', asOf: 2020, extra: 1 }), 400, 'invalid_snapshot')).message).toMatch(/extra/);
    expect((await refusal(await send('', { name: 'a\u0000b', asOf: 2020 }), 400, 'invalid_snapshot')).message).toMatch(/^name: a NUL/);
    expect((await refusal(await send('', { name: 'a', asOf: 2020, supersedes: 'nope' }), 400, 'invalid_snapshot')).message).toMatch(/^supersedes/);
    await refusal(await send('', '{"name":', analyst), 400);
    await refusal(await host().request('/target-sets/nope/snapshots', { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ name: 'a', asOf: 2020 }) }, analyst), 404, 'not_found');
    await refusal(await host().request(path('/nope')), 404, 'not_found');
    await refusal(await host().request(path('/nope/compare')), 404, 'not_found');
    const s = await publish({ name: '比较', asOf: 2020 });
    expect((await refusal(await host().request(path(`/${s.id}/compare?with=nope`)), 404, 'not_found')).message).toMatch(/^with/);
    expect((await refusal(await send(`/${s.id}/withdraw`, { reason: '' }), 400, 'invalid_withdrawal')).message).toMatch(/^reason/);
    await refusal(await send(`/${s.id}/withdraw`, { reason: 'x' }, viewer), 403, 'forbidden');
    await refusal(await send('/nope/withdraw', { reason: 'x' }), 404, 'not_found');
  });

  test('an analyst limited to a township cannot publish the whole set’s snapshot (hosts with sign-in)', async () => {
    if (!host().signIn) return;
    await refusal(await send('', { name: '镇', asOf: 2020 }, townAnalyst), 403, 'region_out_of_scope');
  });
});
