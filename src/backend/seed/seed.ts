import type { Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { demoObservations, referenceObservations } from './demo-seed';

/**
 * The figures a backend starts from, before any import. Two seeds, one rule
 * for each, shared by every host:
 *
 * - `referenceSeed`: the real published national figures only (a server's
 *   default: nothing synthetic is served as if it were a statistic);
 * - `demoSeed`: those plus the synthetic demo figures of each valid set that
 *   declares `demo: true` (the MSW demo; a server with `DEMO_DATA=1`, whose
 *   `/meta` then says `demo: true`). Other sets start empty.
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

/** The demo seed: the synthetic figures of each set declaring `demo: true`, plus the national reference series. */
export function demoSeed(sets: readonly TargetSet[]): Observation[] {
  return once([...sets.flatMap(demoObservations), ...referenceObservations()]);
}
