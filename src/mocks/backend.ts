import type { BatchDetail, CreateBatchRequest, TargetSetSummary } from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import type { TargetSet } from '@/domain/targets/target-set';
import { memoryBatchStorage, type BatchStorage } from './batch-storage';
import { demoObservations, referenceObservations } from './demo-seed';
import type { Fault } from './faults';
import type { TargetFileText } from './target-files';

export type StoredTargetFile = TargetFileText & { id: string; format: 'yaml' | 'json'; set?: TargetSet };

/**
 * The state behind the mock API: target files, the demo seed, the import
 * batches laid over it in commit order, and injected faults.
 */
export type MockBackend = {
  files: StoredTargetFile[];
  seed: Observation[];
  batches: BatchDetail[];
  storage: BatchStorage;
  lastUpdated: string;
  faults: Fault[];
  /** The seed overlaid with the batches; rebuilt after a commit or a removal. */
  current?: Observation[];
};

/** When the demo figures were "published"; fixed so screenshots and tests are stable. */
export const DEMO_LAST_UPDATED = '2021-03-31T09:00:00+08:00';

export type BackendOptions = { faults?: Fault[]; storage?: BatchStorage; batches?: BatchDetail[] };

/** Builds the backend from target files: each valid set gets its demo figures, plus the national reference series. */
export function createMockBackend(files: readonly TargetFileText[], options: BackendOptions = {}): MockBackend {
  const stored = files.map((f): StoredTargetFile => {
    const parsed = parseTargetFile(f.content, f.file);
    return {
      ...f,
      id: f.file.replace(/\.(ya?ml|json)$/i, ''),
      format: /\.json$/i.test(f.file) ? 'json' : 'yaml',
      ...(parsed.ok ? { set: parsed.targetSet } : {}),
    };
  });
  const seen = new Set<string>();
  const seed = [...stored.flatMap((f) => (f.set ? demoObservations(f.set) : [])), ...referenceObservations()].filter((o) => {
    const key = `${o.metric}|${o.region}|${o.year}|${o.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const batches = options.batches ?? [];
  return {
    files: stored,
    seed,
    batches,
    storage: options.storage ?? memoryBatchStorage(batches),
    lastUpdated: latestTime(batches),
    faults: options.faults ?? [],
  };
}

/** Loads persisted batches into the backend (the browser calls this once at start). */
export async function loadBatches(backend: MockBackend): Promise<void> {
  backend.batches = await backend.storage.load();
  backend.current = undefined;
  backend.lastUpdated = latestTime(backend.batches);
}

function latestTime(batches: readonly BatchDetail[]): string {
  return batches.reduce((latest, b) => (b.createdAt > latest ? b.createdAt : latest), DEMO_LAST_UPDATED);
}

const keyOf = (o: Pick<Observation, 'metric' | 'region' | 'year'>) => `${o.metric}|${o.region}|${o.year}`;

/** Every figure as it stands: the seed, then each batch in commit order replacing figures with the same key. */
export function currentObservations(backend: MockBackend): Observation[] {
  if (backend.current) return backend.current;
  const byKey = new Map<string, Observation>();
  const references: Observation[] = [];
  for (const o of backend.seed) {
    if (o.source === 'reference') references.push(o);
    else byKey.set(keyOf(o), o);
  }
  for (const batch of backend.batches) {
    for (const figure of batch.figures) {
      byKey.set(keyOf(figure), { ...figure, source: 'import', sourceNote: batch.fileName, batchId: batch.id });
    }
  }
  backend.current = [...byKey.values(), ...references];
  return backend.current;
}

/**
 * Stores an import batch: persisted first, then applied, so a failed write
 * changes nothing. Records the values it replaces, for the data page.
 */
export async function commitBatch(backend: MockBackend, request: CreateBatchRequest, now = new Date()): Promise<BatchDetail> {
  const current = new Map(currentObservations(backend).filter((o) => o.source !== 'reference').map((o) => [keyOf(o), o]));
  const replaced = request.figures.flatMap((f) => current.get(keyOf(f)) ?? []);
  const batch: BatchDetail = {
    id: globalThis.crypto.randomUUID(),
    fileName: request.fileName,
    createdAt: now.toISOString(),
    encoding: request.encoding,
    layout: request.layout,
    targetSet: request.targetSet,
    counts: request.counts,
    figureCount: request.figures.length,
    figures: request.figures,
    replaced,
  };
  await backend.storage.put(batch);
  backend.batches = [...backend.batches, batch];
  backend.current = undefined;
  backend.lastUpdated = batch.createdAt;
  return batch;
}

/**
 * Removes a batch. Figures are rebuilt from the seed and the remaining
 * batches, so the values it replaced come back exactly (unless a later batch
 * set them again, which then stands). Returns false when there is no such batch.
 */
export async function removeBatch(backend: MockBackend, id: string, now = new Date()): Promise<boolean> {
  if (!backend.batches.some((b) => b.id === id)) return false;
  await backend.storage.remove(id);
  backend.batches = backend.batches.filter((b) => b.id !== id);
  backend.current = undefined;
  backend.lastUpdated = now.toISOString();
  return true;
}

export function summarize(file: StoredTargetFile): TargetSetSummary {
  return { id: file.id, file: file.file, valid: file.set !== undefined, ...(file.set ? { title: file.set.title } : {}) };
}
