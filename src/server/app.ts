import { Hono, type Context } from 'hono';
import { createApi } from '@/backend/app';
import { createBackend, loadBatches, type Backend } from '@/backend/figure-store';
import type { Caller } from '@/backend/roles';
import { DEMO_LAST_UPDATED, demoSeed, referenceSeed, seedReferenceBatch } from '@/backend/seed/seed';
import type { TargetFileText } from '@/backend/target-files';
import type { ApiErrorBody } from '@/domain/contract/api-contract';
import { createAuth, sameOriginWrites } from './auth';
import type { ServerConfig } from './config';
import type { Db } from './db';
import { errorFields, type Logger } from './log';
import { migrate } from './migrations';
import { sqlBatchStorage } from './sql-storage';
import { loadStaticSite, staticAnswer, type StaticSite } from './static-files';
import { declaredRegions, readTargetFiles } from './targets';

/**
 * The whole server as one web-standard app: the backend core's API at
 * `/api` (with the session as its `identify`), sign-in and the admin's user
 * routes, `/healthz`, and the built SPA. `app.fetch` is what
 * `@hono/node-server` serves; tests call `app.request` in-process.
 */

/** Sent with every response: the SPA runs under this policy (PNG export included; docs/server.md). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export type AppOptions = {
  config: ServerConfig;
  db: Db;
  log: Logger;
  /** The target files (default: read from `config.targetsDir`). */
  targetFiles?: readonly TargetFileText[];
  /** The clock for sessions and sign-in throttling (tests move it). */
  now?: () => Date;
};

export type ServerApp = { app: Hono; backend: Backend };

const jsonError = (c: Context, status: 404 | 405 | 500 | 503, code: string, message: string) => c.json<ApiErrorBody>({ error: { code, message } }, status);

/** Migrates the database, loads the stored batches and builds the app. */
export async function buildApp(options: AppOptions): Promise<ServerApp> {
  const { config, db, log } = options;
  const applied = await migrate(db);
  if (applied.length > 0) log.info('database migrated', { versions: applied, database: db.kind });

  const targetFiles = options.targetFiles ?? readTargetFiles(config.targetsDir);
  const backend = createBackend({
    targetFiles,
    seed: config.demoData ? demoSeed : referenceSeed(),
    // The reference series' publication date is not the set's: without demo data nothing is "updated" until an import.
    seedUpdated: config.demoData ? DEMO_LAST_UPDATED : undefined,
    storage: sqlBatchStorage(db),
    onSetAside: (record) => log.warn('stored batch set aside, not applied', { batch: record.id, reason: record.reason }),
  });
  for (const file of backend.files) if (!file.set) log.warn('invalid target file: served as text, no figures can be imported into it', { file: file.file });
  await loadBatches(backend);
  // With demo data, a fresh database starts like the demo: the national figures as its first batch.
  // Without, they stay the bundled reference series (nothing counts as "updated" before an import).
  if (config.demoData) await seedReferenceBatch(backend);

  const auth = createAuth({ db, sessionHours: config.sessionHours, trustProxy: config.trustProxy, regions: declaredRegions(backend.files), now: options.now });
  /** Who each request turned out to be, for its log line. */
  const callers = new WeakMap<Request, Caller>();
  const api = createApi(backend, {
    basePath: '/api',
    identify: async (request) => {
      const caller = await auth.identify(request);
      if (caller) callers.set(request, caller);
      return caller;
    },
    maxBatchBytes: config.maxBatchBytes,
    onError: (error) => log.error('API request failed', errorFields(error)),
  });
  const site: StaticSite | undefined = loadStaticSite(config.staticDir);
  if (!site) log.warn('no built web app: only the API is served', { staticDir: config.staticDir });

  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    const user = callers.get(c.req.raw)?.name;
    log.info('request', { method: c.req.method, path: c.req.path.slice(0, 300), status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10, ...(user ? { user } : {}) });
  });

  // Never a stack trace in a response: the log has it.
  app.onError((error, c) => {
    log.error('request failed', { method: c.req.method, path: c.req.path.slice(0, 300), ...errorFields(error) });
    return jsonError(c, 500, 'internal_error', 'The server could not complete the request; nothing was changed.');
  });

  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const revision = await backend.storage.revision();
      return c.json({ status: 'ok', database: db.kind, revision });
    } catch (error) {
      log.error('health check: database unavailable', errorFields(error));
      return jsonError(c, 503, 'database_unavailable', 'The database does not answer.');
    }
  });

  app.use(sameOriginWrites(config.trustProxy));
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.route('/api', auth.routes);
  app.all('/api', (c) => api.fetch(c.req.raw));
  app.all('/api/*', (c) => api.fetch(c.req.raw));

  app.get('*', (c) => {
    if (!site) return jsonError(c, 503, 'app_not_built', 'The web app is not built: run `npm run server`, which builds it.');
    const answer = staticAnswer(site, c.req.path);
    if (answer.kind === 'not_found') return jsonError(c, 404, 'not_found', `No file ${c.req.path.slice(0, 200)}.`);
    const { file } = answer;
    const headers = {
      'Content-Type': file.type,
      ETag: file.etag,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (c.req.header('If-None-Match') === file.etag) return c.body(null, 304, headers);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, headers);
  });
  app.all('*', (c) => jsonError(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path.slice(0, 200)}.`));

  return { app, backend };
}
