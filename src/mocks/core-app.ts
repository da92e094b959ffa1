import { createApi, type Api } from '@/backend/app';
import type { Caller } from '@/backend/roles';
import { roleSchema } from '@/domain/contract/api-contract';
import { PROVINCE_BATCH_BYTES, ROLE_HEADER } from '@/domain/contract/contract-values';
import type { MockBackend } from './backend';
import { basePathOf } from './base-path';

/*
 * The demo's backend core as a Hono app, without Mock Service Worker: the core worker (`core-host.ts`) imports
 * this, never `msw`. Unbundled (`npm start`, Vite's dev server), importing `msw` in a worker runs its cookie
 * store's set-up, which needs `localStorage`, absent in workers, and the demo's backend failed to start; a
 * production build tree-shakes it away, so only the dev server showed it.
 */

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

