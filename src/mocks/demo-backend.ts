import { loadBatches } from '@/backend/figure-store';
import { seedReferenceBatch } from '@/backend/seed/seed';
import { memoryBatchStorage, type BatchStorage } from '@/backend/storage';
import { createMockBackend, type MockBackend } from './backend';
import { indexedDbBatchStorage } from './batch-storage';
import type { TargetFileText } from './target-files';

/** How long opening IndexedDB may take (a tab holding an older version blocks it) before the demo runs without it. */
export const STORAGE_OPEN_TIMEOUT_MS = 3_000;

/** The demo's backend as started: `persistent` false when its imports live in memory only. */
export type StartedBackend = { backend: MockBackend; persistent: boolean };

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Builds the demo backend over IndexedDB and reads what it holds; when
 * IndexedDB cannot be opened or read (private mode, blocked, switched off,
 * damaged) or does not open within `timeoutMs`, over memory instead: the
 * demo figures and every read-only page still work, imports last until reload.
 * Runs in the core worker in the browser, and in Node's tests.
 */
export async function buildDemoBackend(
  files: readonly TargetFileText[],
  options: { faults?: MockBackend['faults']; openStorage?: () => BatchStorage; timeoutMs?: number } = {},
): Promise<StartedBackend> {
  const { faults = [], openStorage = () => indexedDbBatchStorage(), timeoutMs = STORAGE_OPEN_TIMEOUT_MS } = options;
  try {
    const storage = openStorage();
    // Opening is what can hang (blocked); reading many stored imports may take long and is not cut short.
    await within(storage.revision(), timeoutMs, 'IndexedDB');
    performance.mark('core-storage-open');
    const backend = createMockBackend(files, { faults, storage });
    performance.mark('core-files-loaded');
    await loadBatches(backend);
    performance.mark('core-batches-loaded');
    // A store never written to starts with the published national figures as its first batch.
    await seedReferenceBatch(backend);
    performance.mark('core-seeded');
    return { backend, persistent: true };
  } catch (error) {
    console.warn('The demo cannot use IndexedDB, so imports are kept in memory until the page is reloaded:', error);
    const backend = createMockBackend(files, { faults, storage: memoryBatchStorage() });
    await loadBatches(backend);
    await seedReferenceBatch(backend);
    return { backend, persistent: false };
  }
}
