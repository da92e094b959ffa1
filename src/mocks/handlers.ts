import { http } from 'msw';
import type { Api } from '@/backend/app';
import type { MockBackend } from './backend';
import { basePathOf, createCoreApp } from './core-app';
import { injectedFault, type Fault } from './faults';

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
