import { setDirectCore } from '@/api/direct-core';
import { apiBaseUrl, apiMode, holdRequestsUntil } from '@/api/http';
import { useDemoHost } from '@/stores/demo-host-store';

/**
 * In the demo (the default; build with `VITE_API_MODE=real` to call the Node
 * server instead) the in-browser backend is loaded lazily — a real build does
 * not carry it — and started while the page renders; API requests wait for
 * it. The page learns whether imports persist (IndexedDB) or not (memory).
 */
if (import.meta.env.VITE_API_MODE !== 'real' && apiMode() === 'demo') {
  holdRequestsUntil(
    import('@/mocks/browser')
      .then(({ startMockBackend }) => startMockBackend(apiBaseUrl()))
      .then(({ persistent, direct }) => {
        setDirectCore(direct);
        useDemoHost.setState({ storage: persistent ? 'persistent' : 'memory' });
      }),
  );
}
