/// <reference lib="webworker" />
import { packedTransfer } from '@/domain/contract/actuals-columns';
import { coreCalls, type CoreResponse } from '@/domain/contract/core-messages';
import type { FiguresMessage, FiguresRequest } from './figures-protocol';

// The contract's check (zod and the schemas, most of this worker's code) loads while the request is on its
// way: the worker's own module is small, so it answers the page's message, and starts the request, at once.
const checking = import('./figures-check');

/**
 * Fetches one `GET /actuals?form=columns` (in the demo, asks its core on the port it was given, so the
 * answer never passes through the page), reads, parses and checks it against the contract here, off the
 * page's thread, and hands the figures over packed in typed arrays (`figures-check.ts`, `packColumns`), their buffers
 * transferred in one message: the page copies nothing and makes the observations a slice at a time. Any
 * trouble — a refusal, a network error, a body that fails the contract — is only reported: the page asks
 * again the ordinary way, which words the error.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FiguresMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

/** `GET url` asked of the demo's core on `port` (`CoreRequest` messages), as `fetch` would answer it. */
function askCore(port: MessagePort, url: string, headers: Record<string, string>): Promise<Response> {
  const calls = coreCalls((message, transfer) => port.postMessage(message, transfer));
  port.onmessage = (event: MessageEvent<CoreResponse>) => calls.settle(event.data);
  return calls.call({ url, method: 'GET', headers: Object.entries(headers), body: null }).finally(() => port.close());
}

/** The answer's body: read from the page's transfer, or asked for here (of the demo's core, or with `fetch`). */
async function bodyOf(request: FiguresRequest): Promise<ReadableStream<Uint8Array>> {
  if (request.type === 'read') return request.body instanceof ArrayBuffer ? new Response(request.body).body! : request.body;
  const { url, headers, core } = request;
  const response = core ? await askCore(core, url, headers) : await fetch(url, { headers, credentials: 'same-origin' });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  return response.body;
}

async function run(request: FiguresRequest): Promise<void> {
  const reader = (await bodyOf(request)).getReader();
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
  const checked = (await checking).checkColumnsAnswer(JSON.parse(text));
  if (!checked.ok) throw new Error(checked.message);
  post({ type: 'figures', packed: checked.packed, rest: checked.rest }, packedTransfer(checked.packed));
}

scope.onmessage = (event: MessageEvent<FiguresRequest>) => {
  run(event.data).catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
};
