// @vitest-environment node
import { expect, test } from 'vitest';
import { appendDocument } from '@/backend/figure-store';
import { snapshotResponseSchema } from '@/domain/contract/document-contract';
import { as, testApi } from './fixture';

/** A snapshot freezes the notes on its set's targets as they were (note documents, whoever wrote them); a later note is not in it. */
test('a snapshot carries the notes written before it and not the ones after', async () => {
  const { app, backend, get } = await testApi();
  const note = (text: string) =>
    appendDocument(backend, () => ({ ok: true, draft: { kind: 'note', targetSet: 'test-set', body: { target: 'coverage-2020', text } } }), { caller: { name: 'li', role: 'analyst' } });
  await note('二镇数据迟报，正在核实');
  const published = await app.request('/target-sets/test-set/snapshots', {
    method: 'POST',
    headers: { ...as('analyst'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: '2020年度考核', asOf: 2020 }),
  });
  expect(published.status).toBe(201);
  const { snapshot } = snapshotResponseSchema.parse(await published.json());
  expect(snapshot.notes.map((n) => [n.target, n.text, n.author])).toEqual([['coverage-2020', '二镇数据迟报，正在核实', 'li']]);
  await note('已核实');
  const again = snapshotResponseSchema.parse(await (await get(`/target-sets/test-set/snapshots/${snapshot.id}`)).json());
  expect(again.snapshot.notes.map((n) => n.text)).toEqual(['二镇数据迟报，正在核实']);
  // The statuses are every target for the jurisdiction and each sub-unit.
  expect(snapshot.statuses.map((s) => s.region)).toEqual(['C', 'T1', 'T2']);
});
