import { http } from 'msw';
import { basePathOf } from './base-path';
import { injectedFault, type Fault } from './faults';

/*
 * Mock Service Worker's handlers without the backend core: the page's demo host (`browser.ts`) imports this,
 * not `handlers.ts`, whose handler for Node builds the core on its own thread. Through that one the page's
 * mock chunk pulled in the whole backend — the target-file parser, the contract's schemas — which the page
 * loaded and ran at every cold start although the core runs in its worker.
 */

/**
 * The browser demo's handler: the same faults, then a thin proxy to the core
 * running elsewhere (`call`: the core worker, see `core-client.ts`). The page
 * reads the request body as bytes and hands them over; it never parses them.
 */
export function createProxyHandlers(call: (request: Request) => Promise<Response>, faults: Fault[], base: string) {
  return faultsThen(call, () => faults, base);
}

/** One handler for everything under `base`: an injected fault for the request's method and path, else `call`. */
export function faultsThen(call: (request: Request) => Response | Promise<Response>, faults: () => Fault[], base: string) {
  const basePath = basePathOf(base);
  return [
    http.all(`${base}/*`, ({ request }) => {
      const path = new URL(request.url).pathname.slice(basePath.length);
      return injectedFault(faults(), request.method, path) ?? call(request);
    }),
  ];
}
