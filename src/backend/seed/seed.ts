import type { CreateBatchRequest } from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { checkBatchRequest } from '@/backend/batch-rules';
import { commitBatch, type Backend } from '@/backend/figure-store';
import { demoObservations, referenceObservations } from './demo-seed';

/**
 * The figures a backend starts from, before any import. Two seeds, one rule
 * for each, shared by every host:
 *
 * - `referenceSeed`: the real published national figures only (a server's
 *   default: nothing synthetic is served as if it were a statistic);
 * - `demoSeed`: the synthetic demo figures of each valid set that declares
 *   `demo: true` (the MSW demo; a server with `DEMO_DATA=1`, whose `/meta`
 *   then says `demo: true`). Other sets start empty. The published national
 *   figures are not in it: a demo store starts with them as its first import
 *   batch (`seedReferenceBatch`), listed in 数据管理 and undone like any other.
 */

/** When the demo figures were "published"; fixed so screenshots and tests are stable. */
export const DEMO_LAST_UPDATED = '2021-03-31T09:00:00+08:00';

/** Each figure once: the first of the same metric, region, year and source wins. */
function once(observations: readonly Observation[]): Observation[] {
  const seen = new Set<string>();
  return observations.filter((o) => {
    const key = `${o.metric}|${o.region}|${o.year}|${o.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The published national reference series. */
export function referenceSeed(): Observation[] {
  return once(referenceObservations());
}

/** The demo seed: the synthetic figures of each set declaring `demo: true`. */
export function demoSeed(sets: readonly TargetSet[]): Observation[] {
  return once(sets.flatMap(demoObservations));
}

/** The bundled file the national figures' batch is named by (数据管理 lists it under this name). */
export const REFERENCE_BATCH_FILE = 'reference-national.json';
/** When the national figures' batch was "imported": before the demo figures' date, so `lastUpdated` stays theirs. */
export const REFERENCE_BATCH_AT = '2021-03-31T08:00:00+08:00';

/**
 * The published national figures as an import batch, each with its source (`citation`), for the
 * first valid set that declares their area a comparison area and has all their metrics (the Ruzhou
 * demo); undefined when no set does. Checked by the same rules as a posted batch.
 */
export function referenceBatchRequest(backend: Pick<Backend, 'files'>): CreateBatchRequest | undefined {
  const figures = referenceObservations().map((o) => ({
    metric: o.metric,
    region: o.region,
    year: o.year,
    ...(o.value === undefined ? {} : { value: o.value }),
    ...(o.qualifier ? { qualifier: o.qualifier } : {}),
    ...(o.sourceNote ? { citation: o.sourceNote } : {}),
  }));
  const fits = (set: TargetSet) =>
    figures.every((f) => set.metrics.some((m) => m.id === f.metric) && set.regions.some((r) => r.id === f.region && r.kind === 'comparison'));
  const sets = backend.files.flatMap((f) => f.set ?? []);
  const set = sets.find((s) => s.demo && fits(s)) ?? sets.find(fits);
  if (!set) return undefined;
  const request = {
    fileName: REFERENCE_BATCH_FILE,
    encoding: 'utf-8',
    layout: 'long',
    targetSet: set.id,
    counts: { rows: figures.length, added: figures.length, replaced: 0, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 },
    figures,
  };
  const checked = checkBatchRequest(request, backend.files);
  return checked.ok ? checked.value : undefined;
}

/**
 * A demo store that has never been written to (revision 0) starts with the national figures as its
 * first batch; a store that has (even one whose batches were all undone) is left as it is.
 */
export async function seedReferenceBatch(backend: Backend): Promise<void> {
  if (backend.revision !== 0 || backend.batches.length > 0) return;
  const request = referenceBatchRequest(backend);
  if (!request) return;
  await commitBatch(backend, request, { caller: { name: 'demo', role: 'analyst' }, basedOn: 0, now: new Date(REFERENCE_BATCH_AT) });
}
