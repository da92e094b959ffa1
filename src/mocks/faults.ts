/**
 * Demo fault injection, so a person (or an end-to-end test) can see how the
 * dashboard handles a failing backend: open the app with
 * `?mock-fault=actuals:500` (every request fails), `?mock-fault=actuals:503:2`
 * (the first two fail) or `?mock-fault=target-sets:network`.
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
