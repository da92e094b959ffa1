import { bundledTargetFiles } from './target-files';
import { indexedDbBatchStorage } from './batch-storage';
import { buildDemoBackend } from './demo-backend';
import { createCoreApp } from './handlers';
import type { CoreRequest, CoreResponse, CoreToPage, CoreToWorker } from './core-protocol';

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
 * `request` with the core's response, bodies transferred. Requests that
 * arrive before the core is built wait for it. `core-worker.ts` runs this in
 * the browser; the contract suite runs it over a `MessageChannel` in Node.
 */
export function serveCore(endpoint: CoreEndpoint): void {
  let app: ((request: Request) => Response | Promise<Response>) | undefined;
  const waiting: CoreRequest[] = [];
  const reply = (message: CoreRequest, fetchCore: (request: Request) => Response | Promise<Response>) =>
    void answer(message, fetchCore).then(
      (response) => endpoint.postMessage(response, response.body ? [response.body] : []),
      (error: unknown) => {
        console.error('Mock backend error:', error);
        const body = new TextEncoder().encode(JSON.stringify({ error: { code: 'internal_error', message: 'The demo backend could not answer; nothing was changed.' } })).buffer;
        endpoint.postMessage({ type: 'response', id: message.id, status: 500, statusText: '', headers: [['content-type', 'application/json']], body }, [body]);
      },
    );

  endpoint.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'request') {
      if (app) reply(message, app);
      else waiting.push(message);
      return;
    }
    const files = message.files ?? bundledTargetFiles();
    const database = message.database;
    buildDemoBackend(files, database === undefined ? {} : { openStorage: () => indexedDbBatchStorage(database) })
      .then(({ backend, persistent }) => {
        const core = createCoreApp(backend, message.base, message.maxBatchBytes);
        const run = (request: Request) => core.fetch(request);
        app = run;
        endpoint.postMessage({ type: 'ready', persistent }, []);
        for (const queued of waiting.splice(0)) reply(queued, run);
      })
      .catch((error: unknown) => endpoint.postMessage({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) }, []));
  };
}
