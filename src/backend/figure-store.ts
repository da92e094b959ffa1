import type { BatchDetail, CreateBatchRequest, MetaResponse, StoredBatch, UndoEffect } from '@/domain/contract/api-contract';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { checkStoredBatch, type SetAside } from './batch-rules';
import { checkStoredDocuments, type Drafted, type Held } from './documents';
import type { Caller } from './roles';
import type { Refusal } from './refusal';
import { memoryBatchStorage, type BatchStorage, type StoredState } from './storage';
import { filesWithVersions, loadTargetFiles, savedVersions, type StoredTargetFile, type TargetFileText } from './target-files';

/**
 * The figure store: the seed (figures the host starts from) with the import
 * batches laid over it in commit order (`sequence`). A later batch wins over an
 * earlier one and over the seed for the same metric, region and year;
 * reference figures (published comparison series) are kept apart and never
 * replaced.
 *
 * The state here is a cache of the storage at `revision`: before each request
 * the core compares it with the storage's revision and loads again when another
 * tab, user or server process changed it (`syncBackend`), so a host keeps no
 * state of its own and two server processes on one database serve the same.
 */
export type Backend = {
  /** The target files served: the bundled ones with the latest saved version of each id in its place, and the sets only saved (`filesWithVersions`). */
  files: readonly StoredTargetFile[];
  /** The target files the host started with (`targets/`). */
  readonly bundled: readonly StoredTargetFile[];
  readonly seed: readonly Observation[];
  readonly storage: BatchStorage;
  /**
   * When the seed's own figures (the set's, not the published reference
   * series) were made: `lastUpdated` until a batch changes something.
   * Undefined when the seed has none (a server without demo data).
   */
  readonly seedUpdated: string | undefined;
  /** Applied batches, in commit order. */
  batches: StoredBatch[];
  /** Stored documents (snapshots, withdrawals, notes…), checked, in revision order (`documents.ts`). */
  documents: Held[];
  /** Stored records that failed their checks when loaded: not applied, reported. */
  setAside: SetAside[];
  /** The storage's revision this state reflects (-1 before the first load). */
  revision: number;
  /**
   * When the set's own figures last changed: the last commit or undo, or the
   * seed's `seedUpdated`, whichever is later. Undefined while there are none:
   * no import stands and the seed has only reference series. (The reference
   * series' publication date says nothing about the set's figures.)
   */
  lastUpdated: string | undefined;
  /**
   * The seed overlaid with the batches, by figure key, and the lists read from
   * it; built on the first read after a load, kept up to date by a commit
   * (only its own figures are applied) and dropped by an undo or a load.
   */
  index?: FigureIndex | undefined;
  /** A load under way, shared by the requests that wait for it. */
  syncing?: Promise<void> | undefined;
  onSetAside: (record: SetAside) => void;
};

export type BackendOptions = {
  targetFiles: readonly TargetFileText[];
  /** The figures before any import, or a function of the valid target sets that makes them. */
  seed?: readonly Observation[] | ((sets: readonly TargetSet[]) => readonly Observation[]);
  /** When the seed's own figures were made; omit when it has none (reference series only). */
  seedUpdated?: string | undefined;
  /** Default: in memory. */
  storage?: BatchStorage;
  /** Told about each stored record set aside when loaded (the host logs it). */
  onSetAside?: (record: SetAside) => void;
};

/** Builds the backend with no batches applied yet; `loadBatches` reads the stored ones. */
export function createBackend(options: BackendOptions): Backend {
  const files = loadTargetFiles(options.targetFiles);
  const sets = files.flatMap((f) => f.set ?? []);
  const seed = typeof options.seed === 'function' ? options.seed(sets) : (options.seed ?? []);
  return {
    files,
    bundled: files,
    seed,
    storage: options.storage ?? memoryBatchStorage(),
    seedUpdated: options.seedUpdated,
    batches: [],
    documents: [],
    setAside: [],
    revision: -1,
    lastUpdated: options.seedUpdated,
    onSetAside: options.onSetAside ?? (() => undefined),
  };
}

const time = (iso: string) => Date.parse(iso);
const byCommitOrder = (a: StoredBatch, b: StoredBatch) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The seed's date, or the store's last change when that is later (a storage without one: the latest batch);
 * undefined while the set has no figures of its own (no seed date and no batch standing).
 */
function latestTime(backend: Backend, changedAt: string | undefined): string | undefined {
  const { seedUpdated } = backend;
  if (seedUpdated === undefined && backend.batches.length === 0) return undefined;
  const latest =
    changedAt ?? backend.batches.reduce<string | undefined>((max, b) => (max === undefined || time(b.createdAt) > time(max) ? b.createdAt : max), undefined);
  if (seedUpdated === undefined) return latest;
  return latest && time(latest) > time(seedUpdated) ? latest : seedUpdated;
}

/**
 * Takes a loaded state as the backend's own. Each record is checked
 * (`checkStoredBatch`); a bad one, or a second record with an id or sequence
 * already taken, is set aside and reported instead of breaking every page.
 * Of two records with one sequence the one with the smaller id stands, so
 * every host and every load order keeps the same one. Set-aside records are
 * reported once per id, not at every reload.
 *
 * A state older than the one the backend has is ignored: a load that started
 * before a commit of this backend and ends after it must not take that commit
 * back out of the cache (the revision only grows, so the newer state is right).
 * (A store put back to an older revision, e.g. from a backup, needs its
 * processes restarted.)
 */
function applyState(backend: Backend, state: StoredState): void {
  if (state.revision < backend.revision) return;
  // Batches are checked against the sets as saved: a first pass over the documents finds the saved versions.
  const files = filesWithVersions(backend.bundled, savedVersions(checkStoredDocuments(state.documents ?? [], new Set()).documents));
  const checked = state.records.map((record) => checkStoredBatch(record, files));
  const candidates = checked.flatMap((c) => (c.ok ? [c.batch] : [])).sort(byCommitOrder);
  const batches: StoredBatch[] = [];
  const setAside: SetAside[] = checked.flatMap((c) => (c.ok ? [] : [c.setAside]));
  const ids = new Set<string>();
  const sequences = new Set<number>();
  for (const batch of candidates) {
    if (ids.has(batch.id)) setAside.push({ id: batch.id, reason: 'id: stored twice' });
    else if (sequences.has(batch.sequence)) setAside.push({ id: batch.id, reason: `sequence: ${batch.sequence} is another batch's` });
    else {
      ids.add(batch.id);
      sequences.add(batch.sequence);
      batches.push(batch);
    }
  }
  const documents = checkStoredDocuments(state.documents ?? [], sequences);
  setAside.push(...documents.setAside);
  const reported = new Set(backend.setAside.map((s) => `${s.id}|${s.reason}`));
  backend.batches = batches;
  backend.documents = documents.documents;
  backend.files = filesWithVersions(backend.bundled, savedVersions(documents.documents));
  backend.setAside = setAside;
  backend.revision = state.revision;
  backend.index = undefined;
  backend.lastUpdated = latestTime(backend, state.changedAt);
  setAside.filter((s) => !reported.has(`${s.id}|${s.reason}`)).forEach(backend.onSetAside);
}

/** Loads the stored batches and documents (the host calls this once at start; `syncBackend` keeps them current). */
export async function loadBatches(backend: Backend): Promise<void> {
  applyState(backend, await backend.storage.load());
}

/**
 * Brings the backend up to the storage's revision as of this call: one cheap
 * read, and a load only when someone else changed the store. A load already
 * under way is shared, but it may have read the store before a write this
 * caller has already seen answered (another tab's commit), so the caller
 * waits for a state at least as new as the revision it read, loading again if
 * the shared load turns out older.
 */
export async function syncBackend(backend: Backend): Promise<void> {
  const stored = await backend.storage.revision();
  while (backend.revision < stored) {
    const shared = backend.syncing !== undefined;
    backend.syncing ??= loadBatches(backend).finally(() => {
      backend.syncing = undefined;
    });
    await backend.syncing;
    if (!shared) return; // a load begun after the revision was read holds at least that revision
  }
}

type FigureKey = Pick<Observation, 'metric' | 'region' | 'year'>;
const keyOf = (o: FigureKey) => `${o.metric}|${o.region}|${o.year}`;
const asImport = (figure: BatchDetail['figures'][number], batch: StoredBatch): Observation => ({
  ...figure,
  source: 'import',
  sourceNote: batch.fileName,
  batchId: batch.id,
});

/**
 * Every figure as it stands, three ways: by key (metric, region, year — what a
 * commit replaces), as one list and by metric (what `/actuals` selects from,
 * so a set's figures are found without scanning every other set's). The lists
 * are made from the keys on first use.
 */
export type FigureIndex = {
  byKey: Map<string, Observation>;
  /** Published comparison series: never replaced, kept apart. */
  references: Observation[];
  all?: Observation[] | undefined;
  byMetric?: Map<string, Observation[]> | undefined;
  /** Whether any figure is synthetic (`/meta`'s `demo`), asked every few seconds by every page. */
  demo?: boolean | undefined;
};

function figureIndex(backend: Backend): FigureIndex {
  if (backend.index) return backend.index;
  const byKey = new Map<string, Observation>();
  const references: Observation[] = [];
  for (const o of backend.seed) {
    if (isReferenceFigure(o)) references.push(o);
    else byKey.set(keyOf(o), o);
  }
  for (const batch of backend.batches) {
    for (const figure of batch.figures) byKey.set(keyOf(figure), asImport(figure, batch));
  }
  backend.index = { byKey, references };
  return backend.index;
}

/** Lays a just-committed batch over the index, if there is one: only its own figures change. */
function applyToIndex(backend: Backend, batch: StoredBatch): void {
  const index = backend.index;
  if (!index) return;
  for (const figure of batch.figures) index.byKey.set(keyOf(figure), asImport(figure, batch));
  index.all = undefined;
  index.byMetric = undefined;
  index.demo = undefined;
}

/** Every figure as it stands: the seed, then each batch in commit order replacing figures with the same key. */
export function currentObservations(backend: Backend): Observation[] {
  const index = figureIndex(backend);
  index.all ??= [...index.byKey.values(), ...index.references];
  return index.all;
}

/** The current figures of each metric, in the order of `currentObservations`. */
export function observationsByMetric(backend: Backend): ReadonlyMap<string, readonly Observation[]> {
  const index = figureIndex(backend);
  if (!index.byMetric) {
    const byMetric = new Map<string, Observation[]>();
    for (const o of currentObservations(backend)) {
      const list = byMetric.get(o.metric);
      if (list) list.push(o);
      else byMetric.set(o.metric, [o]);
    }
    index.byMetric = byMetric;
  }
  return index.byMetric;
}

/** Brings the state up to the store's as of a write (the write holds the store, so this is exact). */
async function catchUp(backend: Backend, tx: { revision(): Promise<number>; load(): Promise<StoredState> }): Promise<void> {
  if ((await tx.revision()) !== backend.revision) applyState(backend, await tx.load());
}

export type CommitOptions = {
  caller: Caller;
  /** The retry key: a batch already stored with it is returned instead of storing this one again. */
  idempotencyKey?: string | undefined;
  /** The revision the preview was checked against: refused as stale when the store moved since. */
  basedOn?: number | undefined;
  now?: Date;
};

export type CommitResult =
  | { kind: 'created'; batch: StoredBatch }
  | { kind: 'repeated'; batch: StoredBatch }
  | { kind: 'stale'; revision: number };

/**
 * Stores a checked batch (`checkBatchRequest`) in one storage write, then
 * applies it, so a failed write changes nothing. Inside the write the state is
 * brought up to the store's revision first, so the values it replaces (for the
 * data page and for undo) are those stored now, whoever wrote them, and its
 * `sequence` follows every batch before it.
 */
export async function commitBatch(backend: Backend, request: CreateBatchRequest, options: CommitOptions): Promise<CommitResult> {
  const now = options.now ?? new Date();
  const outcome = await backend.storage.write(async (tx): Promise<CommitResult> => {
    await catchUp(backend, tx);
    const key = options.idempotencyKey;
    const earlier = key === undefined ? undefined : backend.batches.find((b) => b.idempotencyKey === key);
    if (earlier) return { kind: 'repeated', batch: earlier };
    if (options.basedOn !== undefined && options.basedOn !== backend.revision) return { kind: 'stale', revision: backend.revision };
    const current = figureIndex(backend).byKey;
    const batch: StoredBatch = {
      id: globalThis.crypto.randomUUID(),
      sequence: backend.revision + 1,
      fileName: request.fileName,
      createdAt: now.toISOString(),
      committedBy: options.caller.name,
      encoding: request.encoding,
      layout: request.layout,
      targetSet: request.targetSet,
      counts: request.counts,
      figureCount: request.figures.length,
      figures: request.figures,
      replaced: request.figures.flatMap((f) => current.get(keyOf(f)) ?? []),
      ...(key === undefined ? {} : { idempotencyKey: key }),
    };
    await tx.insert(batch);
    await tx.audit({
      at: batch.createdAt,
      user: options.caller.name,
      action: 'commit',
      batchId: batch.id,
      fileName: batch.fileName,
      targetSet: batch.targetSet,
      figureCount: batch.figureCount,
      counts: batch.counts,
    });
    return { kind: 'created', batch };
  });
  if (outcome.kind === 'created') {
    if (backend.revision === outcome.batch.sequence - 1) {
      backend.batches = [...backend.batches, outcome.batch];
      backend.revision = outcome.batch.sequence;
      applyToIndex(backend, outcome.batch);
      backend.lastUpdated = latestTime(backend, outcome.batch.createdAt);
    } else if (backend.revision < outcome.batch.sequence) backend.revision = -1; // out of step: load again on the next request
  }
  return outcome;
}

/**
 * What undoing a batch does now (`UndoEffect`): for each of its figures, a
 * later batch that set the same figure keeps it (the later batch wins, so the
 * undo leaves it alone and says so); otherwise the value before it comes back
 * — from the seed or an earlier batch still standing — or the figure becomes a
 * gap. One pass over the seed and the batches.
 */
export function undoEffect(backend: Backend, id: string): UndoEffect | undefined {
  const index = backend.batches.findIndex((b) => b.id === id);
  const batch = backend.batches[index];
  if (!batch) return undefined;
  const keys = new Set(batch.figures.map(keyOf));
  const before = new Map<string, Observation>();
  for (const o of backend.seed) if (!isReferenceFigure(o) && keys.has(keyOf(o))) before.set(keyOf(o), o);
  for (const earlier of backend.batches.slice(0, index)) {
    for (const f of earlier.figures) if (keys.has(keyOf(f))) before.set(keyOf(f), asImport(f, earlier));
  }
  const keptBy = new Map<string, StoredBatch>();
  for (const later of backend.batches.slice(index + 1)) for (const f of later.figures) if (keys.has(keyOf(f))) keptBy.set(keyOf(f), later);
  const effect: UndoEffect = { restored: [], cleared: [], kept: [] };
  for (const f of batch.figures) {
    const key = keyOf(f);
    const later = keptBy.get(key);
    const previous = before.get(key);
    if (later) effect.kept.push({ metric: f.metric, region: f.region, year: f.year, batchId: later.id, fileName: later.fileName });
    else if (previous) effect.restored.push(previous);
    else effect.cleared.push({ metric: f.metric, region: f.region, year: f.year });
  }
  return effect;
}

export type UndoResult = { kind: 'undone'; effect: UndoEffect; revision: number; at: string } | { kind: 'not_found' } | { kind: 'refused'; batch: StoredBatch };

/**
 * Removes a batch (undo) in one storage write. Figures are rebuilt from the
 * seed and the remaining batches, so the values it replaced come back exactly
 * — unless a later batch set them again, which then stands (`undoEffect`).
 * `allowed` decides, with the state caught up, whether the caller may undo it.
 */
export async function removeBatch(
  backend: Backend,
  id: string,
  options: { caller: Caller; allowed?: (batch: StoredBatch) => boolean; now?: Date },
): Promise<UndoResult> {
  const now = options.now ?? new Date();
  const outcome = await backend.storage.write(async (tx): Promise<UndoResult> => {
    await catchUp(backend, tx);
    const batch = backend.batches.find((b) => b.id === id);
    if (!batch) return { kind: 'not_found' };
    if (options.allowed && !options.allowed(batch)) return { kind: 'refused', batch };
    const effect = undoEffect(backend, id)!;
    const revision = backend.revision + 1;
    await tx.remove(id, revision, now.toISOString());
    await tx.audit({
      at: now.toISOString(),
      user: options.caller.name,
      action: 'undo',
      batchId: batch.id,
      fileName: batch.fileName,
      targetSet: batch.targetSet,
      figureCount: batch.figureCount,
      counts: batch.counts,
      detail: `restored ${effect.restored.length}, cleared ${effect.cleared.length}, kept ${effect.kept.length} set again by later batches`,
    });
    return { kind: 'undone', effect, revision, at: now.toISOString() };
  });
  if (outcome.kind === 'undone') {
    if (backend.revision === outcome.revision - 1) {
      backend.batches = backend.batches.filter((b) => b.id !== id);
      backend.revision = outcome.revision;
      backend.index = undefined;
      // The store keeps the undo's time too (`changedAt`), so a reload in any tab or process says the same.
      backend.lastUpdated = latestTime(backend, outcome.at);
    } else if (backend.revision < outcome.revision) backend.revision = -1;
  }
  return outcome;
}

export type AppendResult = { ok: true; document: Held } | { ok: false; refusal: Refusal };

/**
 * Stores one document in one storage write: with the state caught up to the
 * store (so `decide` sees every document and batch stored so far, whoever
 * stored them), `decide` drafts it or refuses; the document takes the next
 * revision, the caller's name and the backend's clock. Applied to the state
 * only once the store has it. The figures, `lastUpdated` and the index are
 * not touched: a document says something about the figures, it never changes them.
 */
export async function appendDocument(
  backend: Backend,
  decide: (backend: Backend) => Drafted | Promise<Drafted>,
  options: { caller: Caller; now?: Date },
): Promise<AppendResult> {
  const now = options.now ?? new Date();
  const outcome = await backend.storage.write(async (tx): Promise<AppendResult> => {
    await catchUp(backend, tx);
    const decided = await decide(backend);
    if (!decided.ok) return decided;
    const document = {
      id: globalThis.crypto.randomUUID(),
      revision: backend.revision + 1,
      createdAt: now.toISOString(),
      author: options.caller.name,
      ...decided.draft,
    } as Held;
    await tx.append(document);
    return { ok: true, document };
  });
  if (outcome.ok) {
    if (backend.revision === outcome.document.revision - 1) {
      backend.documents = [...backend.documents, outcome.document];
      backend.revision = outcome.document.revision;
      if (outcome.document.kind === 'target-version') backend.files = filesWithVersions(backend.bundled, savedVersions(backend.documents));
    } else if (backend.revision < outcome.document.revision) backend.revision = -1;
  }
  return outcome;
}

/** `demo` is true while any figure served is synthetic. */
export function metaOf(backend: Backend): MetaResponse {
  return {
    lastUpdated: backend.lastUpdated,
    demo: (figureIndex(backend).demo ??= currentObservations(backend).some((o) => o.source === 'demo')),
    revision: Math.max(0, backend.revision),
  };
}

/** A batch without its figures, for lists (the retry key stays inside the backend). */
export function batchSummary({ figures: _f, replaced: _r, idempotencyKey: _k, ...summary }: StoredBatch) {
  return summary;
}

/** A batch as the API shows it: the detail without the retry key. */
export function batchDetail({ idempotencyKey: _k, ...detail }: StoredBatch): BatchDetail {
  return detail;
}
