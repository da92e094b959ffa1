import { HttpResponse } from 'msw';
import type { ApiErrorBody } from '@/domain/contract/api-contract';

/**
 * Demo fault injection, so a person (or an end-to-end test) can see how the
 * dashboard handles a failing backend: open the app with
 * `?mock-fault=actuals:500` (every request fails), `?mock-fault=actuals:503:2`
 * (the first two fail) or `?mock-fault=target-sets:network`. The MSW host
 * applies them before the request reaches the backend core.
 */
export type Fault = { resource: string; status: number | 'network'; remaining: number };

export function parseFaults(spec: string | null): Fault[] {
  if (!spec) return [];
  return spec.split(',').flatMap((part) => {
    const [resource, status, count] = part.split(':');
    if (!resource || !status) return [];
    const code = status === 'network' ? 'network' : Number(status);
    if (code !== 'network' && !(code >= 400 && code <= 599)) return [];
    return [{ resource, status: code, remaining: count ? Math.max(1, Number(count) || 1) : Infinity }];
  });
}

/** Takes one fault for a resource, if any is left. */
export function takeFault(faults: Fault[], resource: string): Fault | undefined {
  const fault = faults.find((f) => f.resource === resource && f.remaining > 0);
  if (fault) fault.remaining -= 1;
  return fault;
}

/** The resource a request is for, by method and path below the API's base (`GET /target-sets/x` → `target-set`). */
export function faultResource(method: string, path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  if (method === 'POST') return parts.length === 1 && parts[0] === 'batches' ? 'commit' : undefined;
  if (method !== 'GET') return undefined;
  if (parts[0] === 'target-sets') return ['target-sets', 'target-set', 'regions'][parts.length - 1];
  if (parts.length === 1 && (parts[0] === 'actuals' || parts[0] === 'meta' || parts[0] === 'batches')) return parts[0];
  return undefined;
}

/** A response for an injected fault on this request, or undefined to answer normally. */
export function injectedFault(faults: Fault[], method: string, path: string): Response | undefined {
  const resource = faultResource(method, path);
  const fault = resource === undefined ? undefined : takeFault(faults, resource);
  if (!fault) return undefined;
  if (fault.status === 'network') return HttpResponse.error();
  return HttpResponse.json<ApiErrorBody>(
    { error: { code: 'injected_fault', message: `Demo fault injected for ${resource} (HTTP ${fault.status}).` } },
    { status: fault.status },
  );
}
