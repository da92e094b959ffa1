// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { coreCalls, type CoreResponse } from '@/domain/contract/core-messages';
import { connectCore, encodeInSlices, type CorePort } from '@/mocks/core-client';
import { serveCore, type CoreEndpoint } from '@/mocks/core-host';

const base = 'http://core-direct.test/api';
const channels: MessageChannel[] = [];
let databases = 0;

async function core() {
  const channel = new MessageChannel();
  channels.push(channel);
  serveCore(channel.port2 as unknown as CoreEndpoint);
  const client = connectCore(channel.port1 as unknown as CorePort, base, { database: `core-direct-${(databases += 1)}` });
  await client.ready;
  return client;
}

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

test('a body encoded in slices is the same UTF-8 as encoded at once, a surrogate pair across a slice boundary kept whole', async () => {
  const text = `${'a'.repeat((1 << 21) - 1)}😀合成b`;
  const sliced = Buffer.from(await encodeInSlices(text));
  const whole = Buffer.from(new TextEncoder().encode(text));
  expect(sliced.byteLength).toBe(whole.byteLength);
  expect(sliced.equals(whole)).toBe(true);
});

test('a port connected to the core (a worker’s own) is answered on that port, beside the page’s requests', async () => {
  const client = await core();
  const port = client.connect();
  const calls = coreCalls((message, transfer) => port.postMessage(message, transfer));
  port.onmessage = (event: MessageEvent<CoreResponse>) => calls.settle(event.data);
  const [direct, viaPage] = await Promise.all([
    calls.call({ url: `${base}/meta`, method: 'GET', headers: [], body: null }),
    client.call(new Request(`${base}/meta`)),
  ]);
  port.close();
  expect(direct.status).toBe(200);
  expect(await direct.json()).toEqual(await viaPage.json());
});

test('fetch straight to the core sends the headers and a string body as the service worker path would', async () => {
  const client = await core();
  const response = await client.fetch(new URL(`${base}/batches`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Demo-Role': 'viewer' },
    body: '{}',
  });
  // A viewer may not commit: the role header reached the core.
  expect(response.status).toBe(403);
});
