import type { TargetFileText } from '@/backend/target-files';
import { coreCalls } from '@/domain/contract/core-messages';
import type { CoreToPage, CoreToWorker } from './core-protocol';

/** The page's side of the core worker: `call` forwards a request and resolves to the core's answer. */
export type CoreClient = {
  /** Resolves once the core has read what IndexedDB holds; `persistent` false when it fell back to memory. */
  ready: Promise<{ persistent: boolean }>;
  /** Forwards an MSW-intercepted request (its body read here) and resolves to the core's answer. */
  call(request: Request): Promise<Response>;
  /**
   * `fetch` straight to the core, past the service worker: an ArrayBuffer
   * body is transferred (the caller gives it up), a string body encoded here
   * a slice at a time and handed over; neither is copied through the service
   * worker and back (`setDirectCore` in `@/api/direct-core`).
   */
  fetch(url: URL | string, init?: RequestInit): Promise<Response>;
  /** A port of its own to the core, for a worker (the figures refetch): its bodies never pass through the page. */
  connect(): MessagePort;
  stop(): void;
};

/** The page's end of the channel to the core: a `Worker`, or a `MessagePort` (Node's tests). */
export type CorePort = {
  postMessage(message: CoreToWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<CoreToPage>) => void) | null;
};

export type CoreOptions = { files?: TargetFileText[]; database?: string; maxBatchBytes?: number };

/**
 * Starts the demo's backend core in a dedicated worker (`core-worker.ts`).
 * Requests may be sent at once: the worker queues them until it is ready.
 */
export function startCoreWorker(base: string, options: CoreOptions = {}): CoreClient {
  const worker = new Worker(new URL('./core-worker.ts', import.meta.url), { type: 'module', name: 'demo-backend' });
  const client = connectCore(worker, base, options);
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (event) => reject(new Error(`The demo backend did not start: ${event.message}`)), { once: true }),
  );
  return { ...client, ready: Promise.race([client.ready, failed]), stop: () => worker.terminate() };
}

/** Characters of a string body encoded at a time: a few milliseconds each, so a 90 MB body never blocks the page. */
const ENCODE_CHARS = 1 << 21;

/**
 * `text` as UTF-8 bytes, encoded a slice at a time with a pause between
 * slices (a slice never ends between the two halves of a surrogate pair).
 */
export async function encodeInSlices(text: string): Promise<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + ENCODE_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    const part = encoder.encode(text.slice(start, end));
    parts.push(part);
    size += part.byteLength;
    start = end;
    if (start < text.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes.buffer;
}

/** Talks to a core served on the other end of `port` (`serveCore`): sends `init`, then forwards requests. */
export function connectCore(port: CorePort, base: string, options: CoreOptions = {}): CoreClient {
  const worker = port;
  let settle: { resolve: (ready: { persistent: boolean }) => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<{ persistent: boolean }>((resolve, reject) => (settle = { resolve, reject }));
  const send = (message: CoreToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  const calls = coreCalls(send);

  worker.onmessage = (event: MessageEvent<CoreToPage>) => {
    const message = event.data;
    if (message.type === 'ready') settle?.resolve({ persistent: message.persistent });
    else if (message.type === 'start-failed') settle?.reject(new Error(`The demo backend did not start: ${message.message}`));
    else calls.settle(message);
  };
  send({ type: 'init', base, ...options });

  return {
    ready,
    async call(request) {
      const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
      return calls.call({ url: request.url, method: request.method, headers: [...request.headers.entries()], body });
    },
    async fetch(url, init = {}) {
      const signal = init.signal;
      signal?.throwIfAborted();
      const given = init.body;
      const body =
        typeof given === 'string' ? await encodeInSlices(given) : given instanceof ArrayBuffer ? given : given == null ? null : await new Request(url, init).arrayBuffer();
      const headers = [...new Headers(init.headers).entries()];
      const answer = calls.call({ url: String(url), method: init.method ?? 'GET', headers, body });
      if (!signal) return answer;
      // The core cannot be stopped half way; an abort (the caller's timeout) ends the wait for its answer.
      return Promise.race([answer, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }))]);
    },
    connect() {
      const channel = new MessageChannel();
      send({ type: 'connect', port: channel.port2 }, [channel.port2]);
      return channel.port1;
    },
    stop: () => (worker.onmessage = null),
  };
}
