/// <reference lib="webworker" />
import { serveCore, type CoreEndpoint } from './core-host';

/**
 * The demo's backend core in a dedicated worker: the Hono app, the figure
 * store and the IndexedDB storage (with its Web Lock across tabs) run here, so
 * parsing a posted batch, checking it, storing it and serialising a large
 * answer never block the page. The page's MSW handler only forwards requests
 * (`core-client.ts`); faults are applied there, before a request comes here.
 */
performance.mark('core-evaluated');
serveCore(self as unknown as CoreEndpoint);
