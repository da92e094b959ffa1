import { setupWorker } from 'msw/browser';
import { startCoreWorker, type CoreClient } from './core-client';
import { parseFaults } from './faults';
import { createProxyHandlers } from './proxy-handlers';

/**
 * Starts the in-browser backend that answers the API under `base`; resolves
 * to whether imports persist. The backend core runs in a dedicated worker
 * (`core-worker.ts`: the Hono app, the figure store, IndexedDB, the Web Lock),
 * and Mock Service Worker's handler on this page is a thin proxy to it that
 * applies the faults asked for in the URL — so committing a large batch never
 * blocks the page. `core` may be started beforehand (the page starts it
 * while this module downloads). `direct` is the core itself, for the
 * commit's two large bodies to skip the service worker (unless faults were
 * asked for).
 */
export async function startMockBackend(base: string, core: CoreClient = startCoreWorker(base)): Promise<{ persistent: boolean; direct?: Pick<CoreClient, 'fetch' | 'connect'> }> {
  const faults = parseFaults(new URLSearchParams(window.location.search).get('mock-fault'));
  const worker = setupWorker(...createProxyHandlers((request) => core.call(request), faults, base));
  // Register first: the browser installs the service worker while the core worker builds the backend.
  performance.mark('mock-registering');
  const [, demo] = await Promise.all([
    worker
      .start({
        onUnhandledRequest: 'bypass',
        quiet: true,
        serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
      })
      .then((started) => (performance.mark('mock-service-worker-ready'), started)),
    // Which of the two the first requests waited for (the marks are read by the first-render bench).
    core.ready.then((ready) => (performance.mark('mock-core-ready'), ready)),
  ]);
  performance.mark('mock-ready');
  // The way past the service worker for large bodies (`@/api/direct-core`); not with faults, which the handler applies.
  return { persistent: demo.persistent, ...(faults.length === 0 ? { direct: core } : {}) };
}
