import { createBackend, type Backend } from '@/backend/figure-store';
import type { BatchStorage } from '@/backend/storage';
import type { TargetFileText } from '@/backend/target-files';
import { DEMO_LAST_UPDATED, demoSeed } from '@/backend/seed/seed';
import type { Fault } from './faults';

/** The backend core as the demo runs it, plus the faults a person asked for in the URL. */
export type MockBackend = Backend & { faults: Fault[] };

export { DEMO_LAST_UPDATED };

export type BackendOptions = { faults?: Fault[]; storage?: BatchStorage };

/**
 * Builds the demo backend from target files: the core with the demo seed and
 * the given storage (memory unless told otherwise). Stored batches are read by
 * `loadBatches` (`@/backend/figure-store`); the demo as started
 * (`buildDemoBackend`) then adds the national figures' first batch to a fresh
 * store (`seedReferenceBatch`).
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
