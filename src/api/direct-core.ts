/**
 * In the demo, the backend core reached past its Mock Service Worker, for the
 * two large bodies of a commit: the batch posted and the figures read again.
 * Through the service worker every body passes the page's main thread twice
 * (the worker hands each request to MSW's handler on the page, which forwards
 * it to the core worker), and a million figures' 90 MB would block the page
 * for seconds. The demo's start-up sets it (`src/start-mock-backend.ts`); a
 * build for the Node server, and a demo with injected faults (which the
 * service worker's handler applies), leave it unset and use `fetch`.
 */
export type DirectCore = {
  /** `fetch` to the core itself: the page hands it the body's bytes (an ArrayBuffer body is transferred, so given up). */
  fetch(url: URL | string, init?: RequestInit): Promise<Response>;
  /** A port of its own to the core, for a worker: its requests and answers never pass through the page. */
  connect(): MessagePort;
};

let direct: DirectCore | undefined;

export function setDirectCore(core: DirectCore | undefined): void {
  direct = core;
}

/** The direct way to the demo's core, or undefined where requests go through `fetch`. */
export function directCore(): DirectCore | undefined {
  return direct;
}
