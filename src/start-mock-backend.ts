import { setDirectCore } from '@/api/direct-core';
import { apiBaseUrl, apiMode, holdRequestsUntil } from '@/api/http';
import { startCoreWorker } from '@/mocks/core-client';
import { useDemoHost } from '@/stores/demo-host-store';

/**
 * In the demo (the default; build with `VITE_API_MODE=real` to call the Node
 * server instead) the in-browser backend is loaded lazily — a real build does
 * not carry it — and started while the page renders; API requests wait for
 * it. The page learns whether imports persist (IndexedDB) or not (memory).
 *
 * Its three slow parts start at once rather than one after the other: the
 * backend core's worker (its chunk, IndexedDB, the target files), the service
 * worker's installation, and the download of Mock Service Worker's page side,
 * which then finds the other two under way.
 */
if (import.meta.env.VITE_API_MODE !== 'real' && apiMode() === 'demo') {
  const base = apiBaseUrl();
  // The core's worker is constructed here, as the page's first module runs (its client is 1 KB): a
  // dynamic import would wait until the page's own modules and first render let the main thread go.
  const core = startCoreWorker(base);
  // MSW's start registers the same script again and gets this registration; a failure here is its to report.
  navigator.serviceWorker?.register(`${import.meta.env.BASE_URL}mockServiceWorker.js`).catch(() => undefined);
  holdRequestsUntil(
    import('@/mocks/browser')
      .then(({ startMockBackend }) => startMockBackend(base, core))
      .then(({ persistent, direct }) => {
        setDirectCore(direct);
        useDemoHost.setState({ storage: persistent ? 'persistent' : 'memory' });
      }),
  );
}
