import { apiBaseUrl, holdRequestsUntil } from '@/api/http';

/**
 * In mock mode (the default; build with `VITE_API_MODE=real` to call a real
 * backend instead) the in-browser backend is loaded lazily — a build against a
 * real server does not carry it — and started while the page renders; API
 * requests wait for it.
 */
if (import.meta.env.VITE_API_MODE !== 'real') {
  holdRequestsUntil(import('@/mocks/browser').then(({ startMockBackend }) => startMockBackend(apiBaseUrl())));
}
