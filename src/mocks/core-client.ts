import type { TargetFileText } from '@/backend/target-files';
import type { CoreResponse, CoreToPage, CoreToWorker } from './core-protocol';

/** The page's side of the core worker: `call` forwards a request and resolves to the core's answer. */
export type CoreClient = {
  /** Resolves once the core has read what IndexedDB holds; `persistent` false when it fell back to memory. */
  ready: Promise<{ persistent: boolean }>;
  call(request: Request): Promise<Response>;
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

/** Talks to a core served on the other end of `port` (`serveCore`): sends `init`, then forwards requests. */
export function connectCore(port: CorePort, base: string, options: CoreOptions = {}): CoreClient {
  const worker = port;
  const pending = new Map<number, (reply: CoreResponse) => void>();
  let next = 0;
  let settle: { resolve: (ready: { persistent: boolean }) => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<{ persistent: boolean }>((resolve, reject) => (settle = { resolve, reject }));

  worker.onmessage = (event: MessageEvent<CoreToPage>) => {
    const message = event.data;
    if (message.type === 'ready') settle?.resolve({ persistent: message.persistent });
    else if (message.type === 'start-failed') settle?.reject(new Error(`The demo backend did not start: ${message.message}`));
    else {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  };
  const send = (message: CoreToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  send({ type: 'init', base, ...options });

  return {
    ready,
    async call(request) {
      const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
      const id = (next += 1);
      const reply = await new Promise<CoreResponse>((resolve) => {
        pending.set(id, resolve);
        send({ type: 'request', id, url: request.url, method: request.method, headers: [...request.headers.entries()], body }, body ? [body] : []);
      });
      const status = reply.status;
      const nullBody = status === 204 || status === 205 || status === 304;
      return new Response(nullBody ? null : reply.body, { status, statusText: reply.statusText, headers: reply.headers });
    },
    stop: () => (worker.onmessage = null),
  };
}
