import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  auditEntrySchema,
  type ActualsColumnsResponse,
  type ActualsResponse,
  type AuditResponse,
  type BatchDetailResponse,
  type BatchListResponse,
  type MetaResponse,
  type RegionListResponse,
  type SessionResponse,
  type TargetSetFileResponse,
  type TargetSetListResponse,
} from '@/domain/contract/api-contract';
import { toColumns } from '@/domain/contract/actuals-columns';
import { readActualsQuery, selectObservations, setYears } from './actuals-query';
import { batchWriteRoutes, MAX_BATCH_BYTES } from './batch-routes';
import { shown } from './batch-rules';
import { batchDetail, batchSummary, metaOf, observationsByMetric, syncBackend, undoEffect, type Backend } from './figure-store';
import { noteRoutes } from './note-routes';
import { refusalResponse } from './refusal';
import { snapshotRoutes } from './snapshot-routes';
import { auditRefusal, auditVisible, sessionUserOf, type Caller } from './roles';
import { declaredRegions, summarize } from './target-files';
import { targetSetRoutes } from './target-set-routes';

/** What the routes share: who is asking, set by the host's `identify`. */
export type ApiEnv = { Variables: { caller: Caller } };

export type ApiOptions = {
  /**
   * Who is asking, resolved by the host from the request: the demo reads its
   * role header, a server its session. Undefined means nobody signed in: 401.
   */
  identify: (request: Request) => Caller | undefined | Promise<Caller | undefined>;
  /** Where the API lives, e.g. `/api` (default: the root). */
  basePath?: string;
  /** The largest `POST /batches` body, in bytes (default `MAX_BATCH_BYTES`). */
  maxBatchBytes?: number;
  /** Which host this is: who may save target files follows it (`roleMayEditTargetFiles`; default `server`). */
  host?: 'demo' | 'server';
  /** Told about an unexpected error before the 500 answer (the host logs it). */
  onError?: (error: unknown) => void;
};

/** How many `/actuals` answers of the current revision are kept as text. */
const ACTUALS_ANSWERS_KEPT = 4;

/** The audit log entries `GET /audit` returns, newest first. */
export const AUDIT_LIMIT = 500;

const notFound = (c: Context, what: string, id: string) =>
  refusalResponse(c, { status: 404, code: 'not_found', message: `No ${what} with id ${shown(id)}.` });

/**
 * The API of docs/api.md as a web-standard app: `app.fetch(request)` answers
 * a `Request` with a `Response` in any host (a service worker through MSW,
 * Node through `@hono/node-server`, tests through `app.request()`). The host
 * passes the backend (target files, seed, storage) and says who is asking.
 *
 * A Node host needs only what is its own:
 *
 * ```ts
 * const backend = createBackend({ targetFiles, seed, seedUpdated, storage: sqlBatchStorage(db) });
 * await loadBatches(backend);
 * const api = createApi(backend, { basePath: '/api', identify: (request) => callerFromSession(request) });
 * serve({ fetch: api.fetch, port }); // @hono/node-server
 * ```
 */
export function createApi(backend: Backend, options: ApiOptions) {
  const app = new Hono<ApiEnv>().basePath(options.basePath ?? '/');

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    options.onError?.(error);
    return refusalResponse(c, { status: 500, code: 'internal_error', message: 'The backend could not complete the request; nothing was changed.' });
  });
  app.notFound((c) => refusalResponse(c, { status: 404, code: 'not_found', message: `No API route ${c.req.method.slice(0, 20)} ${shown(c.req.path)}.` }));

  app.use(async (c, next) => {
    const caller = await options.identify(c.req.raw);
    if (!caller) return refusalResponse(c, { status: 401, code: 'unauthenticated', message: 'Sign in to use the API.' });
    c.set('caller', caller);
    await syncBackend(backend);
    await next();
  });

  app.get('/session', (c) => c.json<SessionResponse>({ user: sessionUserOf(c.get('caller'), declaredRegions(backend.files)) }));

  app.get('/target-sets', (c) => c.json<TargetSetListResponse>({ targetSets: backend.files.map(summarize) }));

  app.get('/target-sets/:id', (c) => {
    const file = backend.files.find((f) => f.id === c.req.param('id'));
    if (!file) return notFound(c, 'target set', c.req.param('id'));
    return c.json<TargetSetFileResponse>({ id: file.id, file: file.file, format: file.format, content: file.content, ...(file.version ? { version: file.version } : {}) });
  });

  app.get('/target-sets/:id/regions', (c) => {
    const file = backend.files.find((f) => f.id === c.req.param('id'));
    if (!file) return notFound(c, 'target set', c.req.param('id'));
    if (!file.set) return refusalResponse(c, { status: 422, code: 'invalid_target_file', message: `The target file ${file.file} is invalid.` });
    return c.json<RegionListResponse>({ regions: file.set.regions });
  });

  // The answer for a query at a revision never changes, and a province's is large (800,000 figures,
  // about 166 MB of JSON, seconds to select and serialise): the last few are kept as text until the
  // store moves on. One dashboard read by many officials is made once.
  // What is kept for the store as it is now (`at`: its revision and date), all dropped together when it moves on:
  // the answers as text by query, and each set's `years` (`setYears`: a pass over all the set's figures).
  let kept = { at: '', answers: new Map<string, string>(), years: new Map<string, number[] | undefined>() };
  app.get('/actuals', (c) => {
    const params = new URL(c.req.url).searchParams;
    const query = readActualsQuery(params, backend.files);
    if (!query.ok) return refusalResponse(c, query.refusal);
    const at = `${backend.revision}|${backend.lastUpdated}`;
    if (kept.at !== at) kept = { at, answers: new Map(), years: new Map() };
    const { answers } = kept;
    const key = params.toString();
    let json = answers.get(key);
    if (json === undefined) {
      const byMetric = observationsByMetric(backend);
      const observations = selectObservations(byMetric, query.filter);
      // With a set, the years its own figures have, counted over all of them: the as-of years a page offers stay the
      // set's when the answer holds less (a target's page is sent one metric's figures). Counted once per set and revision.
      const setId = params.get('set') ?? '';
      if (!kept.years.has(setId)) kept.years.set(setId, setYears(byMetric, query.filter));
      const years = kept.years.get(setId);
      const body: ActualsResponse | ActualsColumnsResponse =
        query.form === 'columns'
          ? { columns: toColumns(observations), lastUpdated: backend.lastUpdated, ...(years && { years }) }
          : { observations, lastUpdated: backend.lastUpdated, ...(years && { years }) };
      json = JSON.stringify(body);
      if (answers.size >= ACTUALS_ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
    } else answers.delete(key);
    // Kept last used last: the answer dropped when the cache is full is the one asked for least recently, so a
    // province's whole answer, which every dashboard reads, is not pushed out by officials opening target pages.
    answers.set(key, json);
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  app.get('/meta', (c) => c.json<MetaResponse>(metaOf(backend)));

  app.get('/batches', (c) => c.json<BatchListResponse>({ batches: backend.batches.map(batchSummary).reverse() }));

  app.get('/batches/:id', (c) => {
    const batch = backend.batches.find((b) => b.id === c.req.param('id'));
    if (!batch) return notFound(c, 'import batch', c.req.param('id'));
    return c.json<BatchDetailResponse>({ batch: batchDetail(batch), undo: undoEffect(backend, batch.id)! });
  });

  app.get('/audit', async (c) => {
    const caller = c.get('caller');
    const refusal = auditRefusal(caller);
    if (refusal) return refusalResponse(c, refusal);
    const records = await backend.storage.auditLog(AUDIT_LIMIT);
    const entries = records.flatMap((r) => auditEntrySchema.safeParse(r).data ?? []).filter((entry) => auditVisible(caller, entry));
    return c.json<AuditResponse>({ entries });
  });

  app.route('/', targetSetRoutes(backend, options.host ?? 'server'));
  app.route('/', batchWriteRoutes(backend, options.maxBatchBytes ?? MAX_BATCH_BYTES));
  app.route('/', noteRoutes(backend));
  app.route('/', snapshotRoutes(backend));
  return app;
}

export type Api = ReturnType<typeof createApi>;
