import { createBackend, type Backend } from '@/backend/figure-store';
import type { BatchStorage } from '@/backend/storage';
import type { TargetFileText } from '@/backend/target-files';
import type { Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { demoObservations, referenceObservations } from './demo-seed';
import type { Fault } from './faults';

/** The backend core as the demo runs it, plus the faults a person asked for in the URL. */
export type MockBackend = Backend & { faults: Fault[] };

/** When the demo figures were "published"; fixed so screenshots and tests are stable. */
export const DEMO_LAST_UPDATED = '2021-03-31T09:00:00+08:00';

export type BackendOptions = { faults?: Fault[]; storage?: BatchStorage };

/** The demo seed: each valid set's synthetic figures, plus the national reference series (each figure once). */
function demoSeed(sets: readonly TargetSet[]): Observation[] {
  const seen = new Set<string>();
  return [...sets.flatMap(demoObservations), ...referenceObservations()].filter((o) => {
    const key = `${o.metric}|${o.region}|${o.year}|${o.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds the demo backend from target files: the core with the demo seed and
 * the given storage (memory unless told otherwise). Stored batches are read by
 * `loadBatches` (`@/backend/figure-store`).
 */
export function createMockBackend(files: readonly TargetFileText[], options: BackendOptions = {}): MockBackend {
  const backend = createBackend({
    targetFiles: files,
    seed: demoSeed,
    seedUpdated: DEMO_LAST_UPDATED,
    ...(options.storage ? { storage: options.storage } : {}),
    onSetAside: (record) => console.warn(`Stored import batch ${record.id ?? '(no id)'} set aside, not applied: ${record.reason}`),
  });
  return Object.assign(backend, { faults: options.faults ?? [] });
}
