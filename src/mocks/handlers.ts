import { http } from 'msw';
import { createApi, type Api } from '@/backend/app';
import type { Caller } from '@/backend/roles';
import { roleSchema } from '@/domain/contract/api-contract';
import { PROVINCE_BATCH_BYTES, ROLE_HEADER } from '@/domain/contract/contract-values';
import type { MockBackend } from './backend';
import { injectedFault, type Fault } from './faults';

/**
 * The demo's "sign-in": the role the page is playing, sent in `X-Demo-Role`; a
 * missing or unknown header counts as viewer. A real server takes the role
 * from its session instead and never trusts this header.
 */
export function demoCaller(request: Request): Caller {
  const role = roleSchema.safeParse(request.headers.get(ROLE_HEADER));
  return { name: 'demo', role: role.success ? role.data : 'viewer' };
}

const basePathOf = (base: string) => new URL(base).pathname.replace(/\/$/, '');

/**
 * The backend core as the demo serves it under `base` (the API's absolute
 * base URL): the Hono app over `backend`, taking batches up to
 * `maxBatchBytes` — by default the server's `PROVINCE_BATCH_BYTES` (256 MiB),
 * so a province's million figures commit in the demo as on the server: the
 * body is handed from the page to the core worker and never crosses a network.
 */
export function createCoreApp(backend: MockBackend, base: string, maxBatchBytes = PROVINCE_BATCH_BYTES): Api {
  return createApi(backend, {
    basePath: basePathOf(base) || '/',
    identify: demoCaller,
    host: 'demo',
    maxBatchBytes,
    onError: (error) => console.error('Mock backend error:', error),
  });
}

/**
 * The mock API for Node (Vitest) and the contract suite: one handler for
 * everything under `base` (the API's absolute base URL) that applies injected
 * faults, then hands the request to the backend core on this thread. Requests
 * elsewhere are not handled, so `onUnhandledRequest` still decides about
 * them. The backend is read per request, so it can be built while the worker
 * registers.
 */
export function createHandlers(getBackend: () => MockBackend, base: string) {
  const apps = new WeakMap<MockBackend, Api>();
  const appFor = (backend: MockBackend) => {
    let app = apps.get(backend);
    if (!app) apps.set(backend, (app = createCoreApp(backend, base)));
    return app;
  };
  return faultsThen((request) => appFor(getBackend()).fetch(request), () => getBackend().faults, base);
}

/**
 * The browser demo's handler: the same faults, then a thin proxy to the core
 * running elsewhere (`call`: the core worker, see `core-client.ts`). The page
 * reads the request body as bytes and hands them over; it never parses them.
 */
export function createProxyHandlers(call: (request: Request) => Promise<Response>, faults: Fault[], base: string) {
  return faultsThen(call, () => faults, base);
}

/** One handler for everything under `base`: an injected fault for the request's method and path, else `call`. */
function faultsThen(call: (request: Request) => Response | Promise<Response>, faults: () => Fault[], base: string) {
  const basePath = basePathOf(base);
  return [
    http.all(`${base}/*`, ({ request }) => {
      const path = new URL(request.url).pathname.slice(basePath.length);
      return injectedFault(faults(), request.method, path) ?? call(request);
    }),
  ];
}
