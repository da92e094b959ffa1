import type { BatchDetail, CreateBatchRequest, MetaResponse } from '@/domain/contract/api-contract';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { checkStoredBatch, type SetAside } from './batch-rules';
import { memoryBatchStorage, type BatchStorage } from './storage';
import { loadTargetFiles, type StoredTargetFile, type TargetFileText } from './target-files';

/**
 * The figure store: the seed (figures the host starts from) with the import
 * batches laid over it in commit order. A later batch wins over an earlier one
 * and over the seed for the same metric, region and year; reference figures
 * (published comparison series) are kept apart and never replaced.
 */
export type Backend = {
  readonly files: readonly StoredTargetFile[];
  readonly seed: readonly Observation[];
  readonly storage: BatchStorage;
  /** When the seed was published: `lastUpdated` until a batch changes something. */
  readonly seedUpdated: string;
  /** Applied batches, in commit order. */
  batches: BatchDetail[];
  /** Stored records that failed their checks when loaded: not applied, reported. */
  setAside: SetAside[];
  lastUpdated: string;
  /** The seed overlaid with the batches; dropped after a change and rebuilt on the next read. */
  current?: Observation[];
  /** Writes run one after another, so each commit sees the one before. */
  writes: Promise<unknown>;
  onSetAside: (record: SetAside) => void;
};

export type BackendOptions = {
  targetFiles: readonly TargetFileText[];
  /** The figures before any import, or a function of the valid target sets that makes them. */
  seed?: readonly Observation[] | ((sets: readonly TargetSet[]) => readonly Observation[]);
  seedUpdated: string;
  /** Default: in memory. */
  storage?: BatchStorage;
  /** Told about each stored record set aside by `loadBatches` (the host logs it). */
  onSetAside?: (record: SetAside) => void;
};

/** Builds the backend with no batches applied yet; `loadBatches` reads the stored ones. */
export function createBackend(options: BackendOptions): Backend {
  const files = loadTargetFiles(options.targetFiles);
  const sets = files.flatMap((f) => f.set ?? []);
  const seed = typeof options.seed === 'function' ? options.seed(sets) : (options.seed ?? []);
  return {
    files,
    seed,
    storage: options.storage ?? memoryBatchStorage(),
    seedUpdated: options.seedUpdated,
    batches: [],
    setAside: [],
    lastUpdated: options.seedUpdated,
    writes: Promise.resolve(),
    onSetAside: options.onSetAside ?? (() => undefined),
  };
}

const time = (iso: string) => Date.parse(iso);
const byCommitOrder = (a: BatchDetail, b: BatchDetail) => time(a.createdAt) - time(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function latestTime(backend: Backend): string {
  const last = backend.batches.at(-1);
  return last && time(last.createdAt) > time(backend.seedUpdated) ? last.createdAt : backend.seedUpdated;
}

/**
 * Loads the stored batches (the host calls this once at start). Each record is
 * checked (`checkStoredBatch`); a bad one, or a second record with an id
 * already loaded, is set aside and reported instead of breaking every page.
 */
export async function loadBatches(backend: Backend): Promise<void> {
  const records = await backend.storage.load();
  const batches: BatchDetail[] = [];
  const setAside: SetAside[] = [];
  const ids = new Set<string>();
  for (const record of records) {
    const checked = checkStoredBatch(record, backend.files);
    if (!checked.ok) setAside.push(checked.setAside);
    else if (ids.has(checked.batch.id)) setAside.push({ id: checked.batch.id, reason: 'id: stored twice' });
    else {
      ids.add(checked.batch.id);
      batches.push(checked.batch);
    }
  }
  backend.batches = batches.sort(byCommitOrder);
  backend.setAside = setAside;
  backend.current = undefined;
  backend.lastUpdated = latestTime(backend);
  setAside.forEach(backend.onSetAside);
}

const keyOf = (o: Pick<Observation, 'metric' | 'region' | 'year'>) => `${o.metric}|${o.region}|${o.year}`;

/** Every figure as it stands: the seed, then each batch in commit order replacing figures with the same key. */
export function currentObservations(backend: Backend): Observation[] {
  if (backend.current) return backend.current;
  const byKey = new Map<string, Observation>();
  const references: Observation[] = [];
  for (const o of backend.seed) {
    if (isReferenceFigure(o)) references.push(o);
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

function serially<T>(backend: Backend, write: () => Promise<T>): Promise<T> {
  const result = backend.writes.then(write);
  backend.writes = result.catch(() => undefined);
  return result;
}

/**
 * Stores a checked batch (`checkBatchRequest`): persisted first, then applied,
 * so a failed write changes nothing. Records the values it replaces, for the
 * data page and for undo. Its `createdAt` is `now`, or 1 ms after the last
 * batch's when that is not earlier, so `createdAt` order is commit order.
 */
export function commitBatch(backend: Backend, request: CreateBatchRequest, now = new Date()): Promise<BatchDetail> {
  return serially(backend, async () => {
    const current = new Map(currentObservations(backend).filter((o) => !isReferenceFigure(o)).map((o) => [keyOf(o), o]));
    const replaced = request.figures.flatMap((f) => current.get(keyOf(f)) ?? []);
    const last = backend.batches.at(-1);
    const at = Math.max(now.getTime(), last ? time(last.createdAt) + 1 : -Infinity);
    const batch: BatchDetail = {
      id: globalThis.crypto.randomUUID(),
      fileName: request.fileName,
      createdAt: new Date(at).toISOString(),
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
  });
}

/**
 * Removes a batch (undo). Figures are rebuilt from the seed and the remaining
 * batches, so the values it replaced come back exactly — unless a later batch
 * set them again, which then stands. Resolves to false when there is no such batch.
 */
export function removeBatch(backend: Backend, id: string, now = new Date()): Promise<boolean> {
  return serially(backend, async () => {
    if (!backend.batches.some((b) => b.id === id)) return false;
    await backend.storage.remove(id);
    backend.batches = backend.batches.filter((b) => b.id !== id);
    backend.current = undefined;
    backend.lastUpdated = now.toISOString();
    return true;
  });
}

/** `demo` is true while any figure served is synthetic. */
export function metaOf(backend: Backend): MetaResponse {
  return { lastUpdated: backend.lastUpdated, demo: currentObservations(backend).some((o) => o.source === 'demo') };
}
