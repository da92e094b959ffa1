import { bundledTargetFiles } from './target-files';
import { indexedDbBatchStorage } from './batch-storage';
import { buildDemoBackend } from './demo-backend';
import { createCoreApp } from './core-app';
import type { CoreRequest, CoreResponse, CoreToPage, CoreToWorker } from './core-protocol';

/** Where answers go: the page's end (the worker's scope) or a port a worker connected (`connect`). */
type Replies = { postMessage(message: CoreResponse, transfer: Transferable[]): void };

/** One end of a message channel: a dedicated worker's global scope, or a `MessagePort` (Node's tests). */
export type CoreEndpoint = {
  postMessage(message: CoreToPage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<CoreToWorker>) => void) | null;
};

async function answer(message: CoreRequest, fetchCore: (request: Request) => Response | Promise<Response>): Promise<CoreResponse> {
  const request = new Request(message.url, {
    method: message.method,
    headers: message.headers,
    ...(message.body === null ? {} : { body: message.body }),
  });
  const response = await fetchCore(request);
  const body = response.body === null ? null : await response.arrayBuffer();
  return { type: 'response', id: message.id, status: response.status, statusText: response.statusText, headers: [...response.headers.entries()], body };
}

/**
 * Serves the demo's backend core on `endpoint`: on `init`, builds the core
 * (the Hono app over the demo seed and IndexedDB, or memory when IndexedDB
 * fails, as `buildDemoBackend` decides) and says `ready`; answers every
 * `request` with the core's response, bodies transferred; on `connect`,
 * answers the requests sent on the port it brings in the same way, on that
 * port. Requests that arrive before the core is built wait for it. `core-worker.ts` runs this in
 * the browser; the contract suite runs it over a `MessageChannel` in Node.
 */
export function serveCore(endpoint: CoreEndpoint): void {
  let app: ((request: Request) => Response | Promise<Response>) | undefined;
  const waiting: [CoreRequest, Replies][] = [];
  const reply = (message: CoreRequest, fetchCore: (request: Request) => Response | Promise<Response>, to: Replies) =>
    void answer(message, fetchCore).then(
      (response) => to.postMessage(response, response.body ? [response.body] : []),
      (error: unknown) => {
        console.error('Mock backend error:', error);
        const body = new TextEncoder().encode(JSON.stringify({ error: { code: 'internal_error', message: 'The demo backend could not answer; nothing was changed.' } })).buffer;
        to.postMessage({ type: 'response', id: message.id, status: 500, statusText: '', headers: [['content-type', 'application/json']], body }, [body]);
      },
    );
  const handle = (message: CoreRequest, to: Replies) => {
    if (app) reply(message, app, to);
    else waiting.push([message, to]);
  };

  endpoint.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'request') return handle(message, endpoint);
    if (message.type === 'connect') {
      // A port of its own (a worker's): its requests are answered on it, their numbers its own.
      const port = message.port;
      port.onmessage = (request: MessageEvent<CoreRequest>) => handle(request.data, port);
      return;
    }
    performance.mark('core-init');
    const files = message.files ?? bundledTargetFiles();
    const database = message.database;
    buildDemoBackend(files, database === undefined ? {} : { openStorage: () => indexedDbBatchStorage(database) })
      .then(({ backend, persistent }) => {
        const core = createCoreApp(backend, message.base, message.maxBatchBytes);
        const run = (request: Request) => core.fetch(request);
        app = run;
        endpoint.postMessage({ type: 'ready', persistent }, []);
        for (const [queued, to] of waiting.splice(0)) reply(queued, run, to);
      })
      .catch((error: unknown) => endpoint.postMessage({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) }, []));
  };
}
