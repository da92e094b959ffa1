import { setupWorker } from 'msw/browser';
import { loadBatches } from '@/backend/figure-store';
import { createMockBackend, type MockBackend } from './backend';
import { indexedDbBatchStorage } from './batch-storage';
import { parseFaults } from './faults';
import { createHandlers } from './handlers';
import { bundledTargetFiles } from './target-files';

/** Starts the in-browser backend (Mock Service Worker) that answers the API under `base`. */
export async function startMockBackend(base: string): Promise<void> {
  const built: { backend?: MockBackend } = {};
  const worker = setupWorker(...createHandlers(() => built.backend!, base));
  // Register first: the browser installs the service worker while this thread builds the backend.
  const started = worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  const faults = parseFaults(new URLSearchParams(window.location.search).get('mock-fault'));
  performance.mark('mock-registering');
  built.backend = createMockBackend(bundledTargetFiles(), { faults, storage: indexedDbBatchStorage() });
  performance.mark('mock-built');
  await Promise.all([started, loadBatches(built.backend)]);
  performance.mark('mock-ready');
}
