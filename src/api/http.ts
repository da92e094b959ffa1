import type { ZodType } from 'zod';
import { apiErrorBodySchema, ROLE_HEADER, type Role } from '@/domain/contract/api-contract';
import { checkBody, compilerReady } from '@/domain/contract/fast-check';

/**
 * The API's base URL: `VITE_API_BASE_URL` at build time (absolute for a real
 * backend), else `/api` on this origin, which the in-browser mock answers.
 */
export function apiBaseUrl(): string {
  const configured = (import.meta.env.VITE_API_BASE_URL as string | undefined) ?? '/api';
  return new URL(configured.replace(/\/$/, ''), window.location.origin).href;
}

export type ApiErrorKind = 'unavailable' | 'network' | 'client' | 'server' | 'invalid_response';

/** A failed API call, with enough to tell the person what happened and whether a retry may help. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly code?: string;

  constructor(kind: ApiErrorKind, message: string, status?: number, code?: string) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    if (status !== undefined) this.status = status;
    if (code !== undefined) this.code = code;
  }
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

/** The demo role sent with every request (a real backend would use its own authentication instead). */
export function setApiRole(next: Role): void {
  role = next;
}

type Params = Record<string, string | number | readonly string[] | undefined>;

/**
 * GETs JSON from the API; throws `ApiError` for network failures, 4xx/5xx
 * answers and non-JSON bodies, and — given the contract's `schema` — for an
 * answer that does not match it (`invalid_response`).
 */
export function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal, schema?: ZodType<T, T>): Promise<T> {
  const url = new URL(`${apiBaseUrl()}${path}`);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return request<T>(url, { method: 'GET' }, signal, schema);
}

/** Sends a write (POST, DELETE …) with an optional JSON body; resolves to the JSON answer (checked against `schema` when given), or undefined for 204. */
export function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, schema?: ZodType<T, T>): Promise<T> {
  return sendJsonText<T>(method, path, body === undefined ? undefined : JSON.stringify(body), schema);
}

/**
 * As `sendJson`, with a body already serialised (large import batches are
 * serialised in the worker) and optional extra request headers
 * (`Idempotency-Key`, `If-Match`).
 */
export function sendJsonText<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  json?: string,
  schema?: ZodType<T, T>,
  options: { headers?: Record<string, string> } = {},
): Promise<T> {
  const headers = { ...(json === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers };
  return request<T>(new URL(`${apiBaseUrl()}${path}`), { method, ...(json === undefined ? {} : { body: json }), headers }, undefined, schema);
}

async function request<T>(url: URL, init: RequestInit, signal?: AbortSignal, schema?: ZodType<T, T>): Promise<T> {
  try {
    await requestGate;
  } catch (cause) {
    throw new ApiError('unavailable', cause instanceof Error ? cause.message : String(cause));
  }
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { Accept: 'application/json', [ROLE_HEADER]: role, ...(init.headers as Record<string, string> | undefined) },
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('network', cause instanceof Error ? cause.message : 'Network request failed');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = apiErrorBodySchema.safeParse(body).data?.error;
    throw new ApiError(
      response.status >= 500 ? 'server' : 'client',
      error?.message ?? response.statusText ?? `HTTP ${response.status}`,
      response.status,
      error?.code,
    );
  }
  if (body === undefined) throw new ApiError('invalid_response', 'The server did not answer with JSON', response.status);
  if (!schema) return body as T;
  await compilerReady;
  const checked = checkBody(schema, body);
  if (!checked.ok) throw new ApiError('invalid_response', `The server's answer does not match the API contract: ${checked.message}`, response.status);
  return checked.value;
}
