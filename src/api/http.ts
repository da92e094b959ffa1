import { ROLE_HEADER, type Role } from '@/domain/contract/contract-values';
import type { PickSchema } from './response-check';

export type { PickSchema };

/**
 * The response checks (the contract's zod schemas), imported with the first request rather
 * than with the page: zod stays out of the first page's JavaScript.
 */
let responseChecks: Promise<typeof import('./response-check')> | undefined;
function loadResponseChecks(): Promise<typeof import('./response-check')> {
  responseChecks ??= import('./response-check').catch((cause: unknown) => {
    responseChecks = undefined; // the next request tries again
    throw new ApiError('network', `The response checks could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`);
  });
  return responseChecks;
}

/**
 * The API's base URL: `VITE_API_BASE_URL` at build time, else `/api` on this
 * origin — which the in-browser mock answers in the demo and the Node server
 * answers in a real deployment (same origin: no CORS, the session cookie goes
 * along by itself).
 */
export function apiBaseUrl(): string {
  const configured = (import.meta.env.VITE_API_BASE_URL as string | undefined) ?? '/api';
  return new URL(configured.replace(/\/$/, ''), window.location.origin).href;
}

/**
 * Who answers: `demo` (the default build: the in-browser mock, a role switch
 * instead of a sign-in) or `server` (built with `VITE_API_MODE=real`: the Node
 * server, with sign-in). Read at build time, so a real build drops the demo's code.
 */
export function apiMode(): 'demo' | 'server' {
  return import.meta.env.VITE_API_MODE === 'real' ? 'server' : 'demo';
}

/** How long a request may take, start to last byte, before it ends as a `timeout` error (unless told otherwise). */
export const DEFAULT_TIMEOUT_MS = 20_000;

let defaultTimeoutMs = DEFAULT_TIMEOUT_MS;

/** Sets the timeout of requests that do not give their own (the composition root or a test). */
export function setRequestTimeout(ms: number): void {
  defaultTimeoutMs = ms;
}

export type ApiErrorKind = 'unavailable' | 'network' | 'timeout' | 'unauthenticated' | 'client' | 'server' | 'invalid_response';

/** A failed API call, with enough to tell the person what happened and whether a retry may help. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly code?: string;
  /** Seconds the server asked to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfter?: number;
  /** What the refusal located, when it did (`invalid_target_file`: the file's problems). */
  problems?: unknown[];
  /** For a `timeout`: how long the request was given, in milliseconds. */
  timeoutMs?: number;

  constructor(kind: ApiErrorKind, message: string, status?: number, code?: string, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    if (status !== undefined) this.status = status;
    if (code !== undefined) this.code = code;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/** Whether asking again soon may help: a lost connection or a server failure, not a refusal, a timeout (already a long wait) or a signed-out session. */
export function worthRetrying(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'server');
}

let requestGate: Promise<unknown> = Promise.resolve();

/**
 * Makes every request wait for `ready` first. The composition root passes the
 * in-browser backend's start-up, so the page can render (skeletons) while the
 * service worker installs, instead of after it.
 */
export function holdRequestsUntil(ready: Promise<unknown>): void {
  requestGate = ready;
}

let role: Role = 'viewer';
const roleListeners = new Set<() => void>();

/**
 * The demo role sent in `X-Demo-Role` with every request of the demo build
 * (never in a real build: the server knows who is asking from its session).
 */
export function setApiRole(next: Role): void {
  if (next === role) return;
  role = next;
  for (const listener of roleListeners) listener();
}

/** The demo role requests carry now. */
export function apiRole(): Role {
  return role;
}

/** Calls `listener` whenever the demo role changes; returns the unsubscribe (for `useSyncExternalStore`). */
export function subscribeApiRole(listener: () => void): () => void {
  roleListeners.add(listener);
  return () => roleListeners.delete(listener);
}

const unauthenticatedListeners = new Set<(error: ApiError) => void>();

/**
 * Calls `listener` for every 401 answer that means "nobody is signed in (any
 * more)" — not for a refused sign-in (`invalid_credentials`). The session
 * layer listens and shows the sign-in page. Returns the unsubscribe.
 */
export function onUnauthenticated(listener: (error: ApiError) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type Params = Record<string, string | number | readonly string[] | undefined>;

/** Per request: an extra abort signal (TanStack Query's) and a timeout of its own (a large import's commit may need longer). */
export type RequestOptions = {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  /** What sends the request instead of `fetch` (the demo's commit: straight to its core, `@/api/direct-core`). */
  transport?: (url: URL, init: RequestInit) => Promise<Response>;
};

/**
 * GETs JSON from the API; throws `ApiError` for network failures, timeouts,
 * 4xx/5xx answers and non-JSON bodies, and — given `schema`, which picks one of
 * the contract's (`(c) => c.metaResponseSchema`) — for an answer that does not
 * match it (`invalid_response`). An abort through
 * `signal` rejects with the abort's reason, as `fetch` does.
 */
export function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal, schema?: PickSchema<T>, options: RequestOptions = {}): Promise<T> {
  return request<T>(apiUrl(path, params), { method: 'GET' }, { ...options, signal: signal ?? options.signal }, schema);
}

/** An API address with its query (a list joined by commas, an undefined parameter left out), as every request builds it. */
export function apiUrl(path: string, params: Params = {}): URL {
  const url = new URL(`${apiBaseUrl()}${path}`);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return url;
}

/** The headers every API request carries: JSON answers, and in the demo the role the request plays. */
export function apiHeaders(): Record<string, string> {
  return { Accept: 'application/json', ...(apiMode() === 'demo' ? { [ROLE_HEADER]: role } : {}) };
}

/** Sends a write (POST, DELETE …) with an optional JSON body; resolves to the JSON answer (checked against `schema` when given), or undefined for an empty answer. */
export function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, schema?: PickSchema<T>, options: RequestOptions = {}): Promise<T> {
  return sendJsonText<T>(method, path, body === undefined ? undefined : JSON.stringify(body), schema, options);
}

/**
 * As `sendJson`, with a body already serialised, as text or UTF-8 bytes (large
 * import batches are serialised in the worker) and optional extra request headers
 * (`Idempotency-Key`, `If-Match`). A body goes as `application/json`.
 */
export function sendJsonText<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  json?: string | ArrayBuffer,
  schema?: PickSchema<T>,
  options: RequestOptions & { headers?: Record<string, string> } = {},
): Promise<T> {
  const headers = { ...(json === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers };
  return request<T>(new URL(`${apiBaseUrl()}${path}`), { method, ...(json === undefined ? {} : { body: json }), headers }, options, schema);
}

/** `Retry-After` as seconds from now: delta-seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

class Timeout extends Error {}

async function request<T>(url: URL, init: RequestInit, options: RequestOptions, schema?: PickSchema<T>): Promise<T> {
  const { signal, timeoutMs = defaultTimeoutMs } = options;
  const checks = loadResponseChecks();
  checks.catch(() => undefined); // awaited only for a body to check
  // One controller ends the fetch for either reason: the caller's abort (passed on as is) or the timeout.
  const controller = new AbortController();
  const abort = () => controller.abort(signal?.reason);
  if (signal?.aborted) abort();
  else signal?.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Timeout());
  }, timeoutMs);
  const timeoutError = () => Object.assign(new ApiError('timeout', `No answer from ${url.pathname} within ${Math.round(timeoutMs / 1000)} s`), { timeoutMs });
  // The gate (the demo's start-up) cannot be aborted: race it against the same controller.
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(timedOut ? timeoutError() : controller.signal.reason);
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    try {
      await Promise.race([requestGate, aborted]);
    } catch (cause) {
      if (timedOut || controller.signal.aborted) throw cause;
      throw new ApiError('unavailable', cause instanceof Error ? cause.message : String(cause));
    }
    let response: Response;
    try {
      response = await (options.transport ?? fetch)(url, {
        ...init,
        credentials: 'same-origin',
        headers: { ...apiHeaders(), ...(init.headers as Record<string, string> | undefined) },
        signal: controller.signal,
      });
    } catch (cause) {
      if (timedOut) throw timeoutError();
      if (signal?.aborted) throw signal.reason ?? cause;
      throw new ApiError('network', cause instanceof Error ? cause.message : 'Network request failed');
    }
    let text: string;
    try {
      text = await Promise.race([response.text(), aborted]);
    } catch (cause) {
      if (timedOut) throw timeoutError();
      if (signal?.aborted) throw signal.reason ?? cause;
      throw new ApiError('network', cause instanceof Error ? cause.message : 'The answer was cut off');
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const error = body === undefined ? undefined : (await checks.catch(() => undefined))?.errorOfBody(body);
      const message = error?.message ?? (response.statusText || `HTTP ${response.status}`);
      if (response.status === 401) {
        const failure = new ApiError('unauthenticated', message, 401, error?.code ?? 'unauthenticated');
        if (failure.code !== 'invalid_credentials') for (const listener of unauthenticatedListeners) listener(failure);
        throw failure;
      }
      const kind = response.status >= 500 ? 'server' : 'client';
      const failure = new ApiError(kind, message, response.status, error?.code, retryAfterSeconds(response.headers.get('Retry-After')));
      if (error?.problems) failure.problems = error.problems;
      throw failure;
    }
    if (response.status === 204 || (text === '' && !schema)) return undefined as T;
    if (body === undefined) throw new ApiError('invalid_response', 'The server did not answer with JSON', response.status);
    if (!schema) return body as T;
    const checked = await (await checks).checkResponse(schema, body);
    if (!checked.ok) throw new ApiError('invalid_response', `The server's answer does not match the API contract: ${checked.message}`, response.status);
    return checked.value;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}
