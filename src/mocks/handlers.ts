import type { Api } from '@/backend/app';
import type { MockBackend } from './backend';
import { createCoreApp } from './core-app';
import { faultsThen } from './proxy-handlers';

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
