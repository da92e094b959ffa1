/// <reference lib="webworker" />
import { actualsResponseSchema } from '@/domain/contract/api-contract';
import { coreCalls, type CoreResponse } from '@/domain/contract/core-messages';
import { checkBody, compilerReady } from '@/domain/contract/fast-check';
import type { FiguresMessage, FiguresRequest, FiguresToWorker } from './figures-protocol';

/**
 * Fetches one `GET /actuals` (in the demo, asks its core on the port it was
 * given, so the answer never passes through the page), reads, parses and checks it against the
 * contract here, off the page's thread, and hands the figures over in chunks
 * (each chunk one message, so the page takes them a few milliseconds at a
 * time; the next when the page asks). Any trouble — a refusal, a network error, a body that fails the
 * contract — is only reported: the page asks again the ordinary way, which
 * words the error.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FiguresMessage) => scope.postMessage(message);

/** `GET url` asked of the demo's core on `port` (`CoreRequest` messages), as `fetch` would answer it. */
function askCore(port: MessagePort, url: string, headers: Record<string, string>): Promise<Response> {
  const calls = coreCalls((message, transfer) => port.postMessage(message, transfer));
  port.onmessage = (event: MessageEvent<CoreResponse>) => calls.settle(event.data);
  return calls.call({ url, method: 'GET', headers: Object.entries(headers), body: null }).finally(() => port.close());
}

async function run({ url, headers, chunkSize, core }: FiguresRequest): Promise<void> {
  const response = core ? await askCore(core, url, headers) : await fetch(url, { headers, credentials: 'same-origin' });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  let told = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    parts.push(read.value);
    bytes += read.value.byteLength;
    if (bytes - told >= 1 << 20) post({ type: 'received', bytes: (told = bytes) });
  }
  post({ type: 'received', bytes });
  const text = await new Blob(parts as BlobPart[]).text();
  await compilerReady;
  const checked = checkBody(actualsResponseSchema, JSON.parse(text));
  if (!checked.ok) throw new Error(checked.message);
  const { observations, ...rest } = checked.value;
  let start = 0;
  // The first chunk now, each next one when the page has taken the last (`next`), then the rest of the body.
  sendNext = () => {
    if (start >= observations.length) return post({ type: 'done', rest });
    post({ type: 'chunk', observations: observations.slice(start, start + chunkSize), total: observations.length });
    start += chunkSize;
  };
  sendNext();
}

let sendNext = () => undefined as void;

scope.onmessage = (event: MessageEvent<FiguresToWorker>) => {
  if (event.data.type === 'next') return sendNext();
  run(event.data).catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
};
