import { setupWorker } from 'msw/browser';
import { createMockBackend } from './backend';
import { parseFaults } from './faults';
import { createHandlers } from './handlers';
import { bundledTargetFiles } from './target-files';

/** Starts the in-browser backend (Mock Service Worker) that answers the API under `base`. */
export async function startMockBackend(base: string): Promise<void> {
  const faults = parseFaults(new URLSearchParams(window.location.search).get('mock-fault'));
  const backend = createMockBackend(bundledTargetFiles(), faults);
  const worker = setupWorker(...createHandlers(backend, base));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
}
