// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { counts } from '../backend/fixture';
import { analyst, viewer, type ContractHostFactory } from '../contract/host';
import { serverOverPglite, serverOverPostgres } from './contract-host';
import { regions } from './harness';

/** The contract hosts themselves work: sign-in per user, restart keeps data and sessions, a sibling sees commits. */
const { set, town } = regions();
const metric = set.metrics.find((m) => m.kind === 'share')!.id;

for (const factory of [serverOverPglite, serverOverPostgres] satisfies ContractHostFactory[]) {
  const why = factory.unavailable();
  if (why) console.warn(`SKIPPED the ${factory.name} contract host check: ${why}.`);
  describe.skipIf(why !== undefined)(factory.name, () => {
    test('users sign in, commits survive a restart and a sibling sees them', async () => {
      const host = await factory.start();
      try {
        expect((await host.request('/meta', {}, 'anonymous')).status).toBe(401);
        expect((await host.request('/session')).status).toBe(200);
        const body = { fileName: 'a.csv', encoding: 'utf-8', layout: 'long', targetSet: set.id, counts, figures: [{ metric, region: town, year: 2020, value: 77 }] };
        const post = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
        expect((await host.request('/batches', post, viewer)).status).toBe(403);
        expect((await host.request('/batches', post, analyst)).status).toBe(201);
        const sibling = await host.sibling();
        expect((await (await sibling.request('/batches')).json()).batches).toHaveLength(1);
        await host.restart();
        expect((await (await host.request('/batches')).json()).batches).toHaveLength(1);
        expect((await host.request('/session', {}, { name: 'scoped', role: 'analyst', region: town })).status).toBe(200);
      } finally {
        await host.close();
      }
    }, 120_000);
  });
}
