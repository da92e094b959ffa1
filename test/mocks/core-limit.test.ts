import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { MAX_BATCH_BYTES } from '@/backend/batch-routes';
import { PROVINCE_BATCH_BYTES, ROLE_HEADER } from '@/domain/contract/contract-values';
import { connectCore, type CoreOptions, type CorePort } from '@/mocks/core-client';
import { serveCore, type CoreEndpoint } from '@/mocks/core-host';

const base = 'http://core-limit.test/api';
const channels: MessageChannel[] = [];
let databases = 0;

/** The demo's core served as the core worker serves it, over a MessageChannel, on a fresh database. */
async function core(options: CoreOptions = {}) {
  const channel = new MessageChannel();
  channels.push(channel);
  serveCore(channel.port2 as unknown as CoreEndpoint);
  const client = connectCore(channel.port1 as unknown as CorePort, base, { database: `core-limit-${(databases += 1)}`, ...options });
  await client.ready;
  return client;
}

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

/** A JSON body of `bytes` bytes that is no batch: past the size limit, the batch checks refuse it (400). */
const bodyOf = (bytes: number) => `{"fileName":"${'x'.repeat(bytes - 15)}"}`;

const post = (client: Awaited<ReturnType<typeof core>>, body: string) =>
  client.call(new Request(`${base}/batches`, { method: 'POST', headers: { 'Content-Type': 'application/json', [ROLE_HEADER]: 'analyst' }, body }));

const revision = async (client: Awaited<ReturnType<typeof core>>) =>
  ((await (await client.call(new Request(`${base}/meta`))).json()) as { revision: number }).revision;

test('the demo core takes bodies past the contract’s 32 MiB, up to the server’s province limit, as a million-figure import needs', async () => {
  expect(PROVINCE_BATCH_BYTES).toBeGreaterThan(MAX_BATCH_BYTES);
  const demo = await core();
  // The demo starts at the national figures' batch (revision 1); nothing is stored past it.
  const before = await revision(demo);
  const response = await post(demo, bodyOf(MAX_BATCH_BYTES + 1024 * 1024));
  // Read past the limit and refused by the batch checks instead: the body was taken whole.
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { code: string } }).error.code).not.toBe('payload_too_large');
  expect(await revision(demo)).toBe(before);
}, 60_000);

test('a core told a smaller limit (the contract suite’s 32 MiB) refuses a larger body with 413, nothing stored', async () => {
  const limited = await core({ maxBatchBytes: MAX_BATCH_BYTES });
  const before = await revision(limited);
  const response = await post(limited, bodyOf(MAX_BATCH_BYTES + 1024));
  expect(response.status).toBe(413);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  expect(await revision(limited)).toBe(before);
}, 60_000);
