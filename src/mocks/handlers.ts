import { http } from 'msw';
import { createApi, type Api } from '@/backend/app';
import type { Caller } from '@/backend/roles';
import { roleSchema } from '@/domain/contract/api-contract';
import { ROLE_HEADER } from '@/domain/contract/contract-values';
import type { MockBackend } from './backend';
import { injectedFault } from './faults';

/**
 * The demo's "sign-in": the role the page is playing, sent in `X-Demo-Role`; a
 * missing or unknown header counts as viewer. A real server takes the role
 * from its session instead and never trusts this header.
 */
export function demoCaller(request: Request): Caller {
  const role = roleSchema.safeParse(request.headers.get(ROLE_HEADER));
  return { name: 'demo', role: role.success ? role.data : 'viewer' };
}

/**
 * The mock API for the browser (service worker) and for Node (Vitest) alike:
 * one handler for everything under `base` (the API's absolute base URL) that
 * applies injected faults, then hands the request to the backend core.
 * Requests elsewhere are not handled, so `onUnhandledRequest` still decides
 * about them. The backend is read per request, so it can be built while the
 * worker registers.
 */
export function createHandlers(getBackend: () => MockBackend, base: string) {
  const basePath = new URL(base).pathname.replace(/\/$/, '');
  const apps = new WeakMap<MockBackend, Api>();
  const appFor = (backend: MockBackend) => {
    let app = apps.get(backend);
    if (!app) {
      app = createApi(backend, { basePath: basePath || '/', identify: demoCaller, onError: (error) => console.error('Mock backend error:', error) });
      apps.set(backend, app);
    }
    return app;
  };
  return [
    http.all(`${base}/*`, ({ request }) => {
      const backend = getBackend();
      const path = new URL(request.url).pathname.slice(basePath.length);
      return injectedFault(backend.faults, request.method, path) ?? appFor(backend).fetch(request);
    }),
  ];
}
