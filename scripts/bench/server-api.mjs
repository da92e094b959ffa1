/**
 * Benchmark: the Node server at province scale, beside the MSW demo in Chromium (group `server`).
 *
 * 1. Data: a generated target file (lib/province.mjs: one province, 158 counties, 2,000 township-
 *    level regions, 40 metrics, a target each) and `targets/ruzhou-2020.yaml` in a temporary
 *    TARGETS_DIR; the built server (`dist-server/node/main.js`, built as `npm run server` does) over PGlite in a temporary DATA_DIR, with
 *    DEMO_DATA=1 so that it serves the demo's seed for Ruzhou as the MSW demo does; an analyst made
 *    with the users command signs in (`POST /api/session`). 2,000 × 40 × 10 = 800,000 figures
 *    (2011–2020) go in through the server's own import path, `POST /api/batches`, one batch per year
 *    (80,000 figures, ~7 MB, under the body limit).
 * 2. `GET /api/actuals?set=…` at 10 and 100 concurrent clients (lib/load.mjs): the province set and
 *    the Ruzhou set on the server (autocannon), and the Ruzhou set in the built demo (MSW in Chromium,
 *    the baseline) — the demo bundles `targets/` at build time, so it cannot be given the province
 *    set: the two hosts are compared on the Ruzhou set, and their answers' observations are checked
 *    to be the same.
 * 3. A 1,000,000-row import (2015–2027: 480,000 figures replaced, 520,000 added) is first posted as
 *    one batch, to show what the body limit does with it, then committed in batches as large as the
 *    limit allows, and undone batch by batch (newest first); the observations after the undo must be
 *    exactly those before the import. The server's RSS (/proc) before and after loading, under load
 *    (sampled every 100 ms) and after the import and undo.
 * 4. Two server processes on one throwaway PostgreSQL cluster (lib/postgres.mjs; skipped with the
 *    reason where there are no binaries): a commit through one, an undo through the other; after
 *    each, both answer `GET /meta` with the same revision and `GET /actuals` with the same bytes.
 *
 * Bounded: every load run stops at its request count or its time limit, every request has a
 * timeout, every process and folder it starts is removed at the end. Tables: server-api-report.mjs.
 */

import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { collectErrors, newContext } from './lib/browser.mjs';
import { readDashboardTimes } from './lib/dashboard.mjs';
import { autocannonRun, browserRun } from './lib/load.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { DIST_DIR, TARGET_FILE } from './lib/project.mjs';
import { batchBodies, provinceFigures, provinceTargetFile } from './lib/province.mjs';
import { addUser, buildServer, freePort, memoryOf, sampleMemory, ServerProcess, signIn } from './lib/server-process.mjs';
import { serverApiResult } from './server-api-report.mjs';

/**
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').BatchBody} BatchBody
 * @typedef {import('./types').LoadRun} LoadRun
 * @typedef {import('./types').Province} Province
 * @typedef {ReturnType<Awaited<ReturnType<typeof signIn>>['expect']> extends Promise<infer A> ? A : never} Answer
 * @typedef {Awaited<ReturnType<typeof signIn>>} Client
 * @typedef {{ host: 'server' | 'msw', set: string, runs: LoadRun[], body: Body, chromium?: string, notRun?: number[] }} LoadSeries
 * @typedef {{ bytes: number, observations: number, hash: string, observationsHash: string, lastUpdated: string }} Body
 * @typedef {{ label: string, rss: number | null }} MemoryPoint
 * @typedef {{ batches: number, figures: number, bytes: number, ms: number, perBatchMs: number[] }} Writes
 * @typedef {{ step: string, via: string, revisions: [number, number], hashes: [string, string], observationsHashes: [string, string], lastUpdated: [string, string], readMs: number }} SharedStep
 * @typedef {{ skipped: string } | { version: string, startMs: [number, number], steps: SharedStep[] }} SharedRun
 */

const ANALYST = { name: 'bench-analyst', password: 'bench-analyst-password-1', role: /** @type {const} */ ('analyst') };
const RUZHOU_SET = 'ruzhou-2020';
const LOAD_YEARS = { first: 2011, count: 800_000, perBatch: 80_000 };
const IMPORT = { firstYear: 2015, count: 1_000_000 };
const CONNECTIONS = [1, 10, 100];
/**
 * `BENCH_SERVER_FULL=1` also runs the province set at 100 clients: its answer is ~140 MB and the
 * server builds each one on its single thread for seconds, so 100 clients wait 100 times that —
 * longer than the whole benchmark's budget.
 */
const FULL = process.env.BENCH_SERVER_FULL === '1';
/** Per set: the clients, requests per run and the longest a run may take (a few untimed requests first). */
const RUNS = {
  small: { connections: CONNECTIONS, amount: (/** @type {number} */ c) => Math.max(100, c * 10), maxMs: 15_000, warmup: 50 },
  province: { connections: FULL ? CONNECTIONS : [1, 10], amount: (/** @type {number} */ c) => Math.max(2, c), maxMs: FULL ? 900_000 : 150_000, warmup: 0 },
};
/** The body limit docs/api.md states (`MAX_BATCH_BYTES`); the server's 413 message is read to confirm it. */
const DOCUMENTED_LIMIT = 32 * 1024 * 1024;

/**
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchServerApi(ctx) {
  buildServer();
  const province = provinceTargetFile();
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-server-'));
  const targetsDir = path.join(work, 'targets');
  await mkdir(targetsDir);
  await copyFile(TARGET_FILE, path.join(targetsDir, path.basename(TARGET_FILE)));
  await writeFile(path.join(targetsDir, province.fileName), province.content);
  /** @type {ServerProcess[]} */
  const servers = [];
  try {
    const embedded = await embeddedRun(ctx, province, targetsDir, path.join(work, 'data'), servers);
    const shared = await sharedRun(province, targetsDir, servers);
    return serverApiResult({ province, ...embedded, shared, targetFileBytes: Buffer.byteLength(province.content) });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Parts 1–3 on one server over PGlite.
 * @param {BenchContext} ctx
 * @param {Province} province
 * @param {string} targetsDir
 * @param {string} dataDir
 * @param {ServerProcess[]} servers
 */
async function embeddedRun(ctx, province, targetsDir, dataDir, servers) {
  const env = { DATA_DIR: dataDir, TARGETS_DIR: targetsDir, DEMO_DATA: '1' };
  addUser(env, ANALYST);
  const server = new ServerProcess('server (PGlite)', await freePort(), env);
  servers.push(server);
  const loadAverage = [os.loadavg()[0] ?? NaN];
  const startMs = await server.start();
  const client = await signIn(server, ANALYST);
  /** @type {MemoryPoint[]} */
  const memory = [{ label: 'started, signed in, no figures loaded', rss: (await memoryOf(server.pid))?.rss ?? null }];

  const empty = await readBody(client, province.id);
  if (empty.observations !== 0) throw new Error(`a fresh server already has ${empty.observations} figures for ${province.id}`);
  const revision0 = await revisionOf(client);

  // 1. The province's figures, one batch a year.
  const stored = new Set();
  const loadFigures = provinceFigures(province, { firstYear: LOAD_YEARS.first, count: LOAD_YEARS.count });
  const loadBodies = batchBodies(loadFigures, {
    fileName: (i) => `合成省乡镇教育统计-${LOAD_YEARS.first + i}.csv`,
    targetSet: province.id,
    maxBytes: DOCUMENTED_LIMIT,
    maxFigures: LOAD_YEARS.perBatch,
    stored,
  });
  const load = await commitAll(client, loadBodies);
  const loadedRevision = await revisionOf(client);
  if (loadedRevision !== revision0 + loadBodies.length) throw new Error(`after ${loadBodies.length} commits the revision is ${loadedRevision}, not ${revision0 + loadBodies.length}`);
  const firstRead = await timedBody(client, province.id);
  if (firstRead.body.observations !== LOAD_YEARS.count) throw new Error(`GET /actuals?set=${province.id} has ${firstRead.body.observations} observations, not ${LOAD_YEARS.count}`);
  memory.push({ label: `after loading ${LOAD_YEARS.count.toLocaleString('en')} figures and one read`, rss: (await memoryOf(server.pid))?.rss ?? null });

  // 2. GET /actuals under load: the server, then the demo in Chromium.
  /** @type {LoadSeries[]} */
  const series = [];
  for (const [set, kind] of /** @type {const} */ ([[RUZHOU_SET, 'small'], [province.id, 'province']])) {
    const sampler = sampleMemory(server.pid);
    const plan = RUNS[kind];
    const notRun = CONNECTIONS.filter((c) => !plan.connections.includes(c));
    const body = set === province.id ? firstRead.body : await readBody(client, set);
    series.push({ host: 'server', set, body, runs: await serverLoad(server, client.cookie, set, plan), ...(notRun.length ? { notRun } : {}) });
    memory.push({ label: `peak under load, GET /actuals?set=${set}`, rss: await sampler.stop() });
  }
  series.push(await mswLoad(ctx));
  const serverRuzhou = /** @type {LoadSeries} */ (series[0]);
  const mswRuzhou = /** @type {LoadSeries} */ (series[2]);

  // 3. A 1,000,000-row import, committed and undone.
  const before = firstRead.body; // nothing was written since
  const importFigures = provinceFigures(province, { firstYear: IMPORT.firstYear, count: IMPORT.count, variant: 1 });
  const storedBefore = new Set(stored);
  const whole = await oneBatch(client, importFigures, province.id);
  // Taken whole (the server's limit allows it): that was the commit, one transaction. Else in batches under the limit.
  const importBodies = batchBodies(importFigures, {
    fileName: (i) => `合成省乡镇教育统计-补报-${i + 1}.csv`,
    targetSet: province.id,
    maxBytes: whole.id ? Number.MAX_SAFE_INTEGER : whole.limit,
    stored: whole.id ? storedBefore : stored,
  });
  const commit = whole.id
    ? { ids: [whole.id], batches: 1, figures: whole.figures, bytes: whole.bytes, ms: whole.ms, perBatchMs: [whole.ms] }
    : await commitAll(client, importBodies);
  const afterCommit = await timedBody(client, province.id);
  memory.push({ label: `after committing ${IMPORT.count.toLocaleString('en')} rows and one read`, rss: (await memoryOf(server.pid))?.rss ?? null });
  const ids = commit.ids;
  const undoStarted = performance.now();
  /** @type {number[]} */
  const undoTimes = [];
  for (const id of [...ids].reverse()) undoTimes.push((await client.expect('DELETE', `/batches/${encodeURIComponent(id)}`, 200)).ms);
  const undoMs = performance.now() - undoStarted;
  const afterUndo = await timedBody(client, province.id);
  if (afterUndo.body.observationsHash !== before.observationsHash) throw new Error('after undoing the 1,000,000-row import the observations differ from those before it');
  const finalMemory = await memoryOf(server.pid);
  memory.push({ label: 'after undoing it and one read', rss: finalMemory?.rss ?? null });
  memory.push({ label: 'highest RSS of the process (VmHWM)', rss: finalMemory?.peak ?? null });
  await server.stop();
  loadAverage.push(os.loadavg()[0] ?? NaN);

  return {
    startMs,
    loadAverage,
    load: { ...load, firstReadMs: firstRead.ms, body: firstRead.body },
    series,
    sameRuzhou: serverRuzhou.body.observationsHash === mswRuzhou.body.observationsHash,
    million: {
      whole,
      commit: { ...commit, readMs: afterCommit.ms, observations: afterCommit.body.observations },
      undo: { batches: ids.length, ms: undoMs, perBatchMs: undoTimes, readMs: afterUndo.ms, restored: true },
      replaced: importBodies.reduce((n, b) => n + b.replaced, 0),
      added: importBodies.reduce((n, b) => n + b.added, 0),
    },
    memory,
  };
}

/**
 * Commits each body in turn (201 expected); the times and the new batches' ids.
 * @param {Client} client
 * @param {BatchBody[]} bodies
 */
async function commitAll(client, bodies) {
  /** @type {string[]} */
  const ids = [];
  /** @type {number[]} */
  const perBatchMs = [];
  const started = performance.now();
  for (const body of bodies) {
    const answer = await client.expect('POST', '/batches', 201, body.json);
    perBatchMs.push(answer.ms);
    const id = JSON.parse(answer.text)?.batch?.id;
    if (typeof id !== 'string') throw new Error(`POST /api/batches answered 201 without batch.id: ${answer.text.slice(0, 200)}`);
    ids.push(id);
  }
  return {
    ids,
    batches: bodies.length,
    figures: bodies.reduce((n, b) => n + b.figures, 0),
    bytes: bodies.reduce((n, b) => n + b.bytes, 0),
    ms: performance.now() - started,
    perBatchMs,
  };
}

/**
 * The 1,000,000 rows as one batch, as a client would first try: the server's answer (413 with its
 * limit in the message, expected), and the limit it states.
 * @param {Client} client
 * @param {import('./types').BenchFigure[]} figures
 * @param {string} targetSet
 */
async function oneBatch(client, figures, targetSet) {
  const [body] = batchBodies(figures, { fileName: () => '合成省乡镇教育统计-补报.csv', targetSet, maxBytes: Number.MAX_SAFE_INTEGER, stored: new Set() });
  if (!body) throw new Error('no body for the 1,000,000-row batch');
  const answer = await client.request('POST', '/batches', body.json).catch((error) => ({ status: 0, text: String(error?.message ?? error), ms: 0 }));
  const stated = Number(/limit of (\d+) bytes/.exec(answer.text)?.[1] ?? NaN);
  if (answer.status === 201) {
    const id = JSON.parse(answer.text)?.batch?.id;
    if (typeof id !== 'string') throw new Error(`POST /api/batches answered 201 without batch.id: ${answer.text.slice(0, 200)}`);
    return { bytes: body.bytes, figures: body.figures, status: answer.status, code: 'created', limit: NaN, ms: answer.ms, id };
  }
  if (answer.status !== 413 || !Number.isFinite(stated)) throw new Error(`POST /api/batches with ${body.bytes} bytes answered ${answer.status}, not 413 with its limit: ${answer.text.slice(0, 300)}`);
  return { bytes: body.bytes, figures: body.figures, status: answer.status, code: errorCode(answer.text), limit: stated, ms: answer.ms };
}

/** @param {string} text */
function errorCode(text) {
  try {
    return String(JSON.parse(text)?.error?.code ?? '');
  } catch {
    return '';
  }
}

/** @param {Client} client */
async function revisionOf(client) {
  const revision = JSON.parse((await client.expect('GET', '/meta', 200)).text)?.revision;
  if (!Number.isInteger(revision)) throw new Error('GET /api/meta has no whole revision');
  return /** @type {number} */ (revision);
}

/**
 * What `GET /api/actuals?set=` answers: size, count, a hash of the body and of its observations.
 * @param {string} text
 * @returns {Body}
 */
function bodyOf(text) {
  const parsed = JSON.parse(text);
  if (!Array.isArray(parsed?.observations)) throw new Error(`an /actuals answer without observations: ${text.slice(0, 200)}`);
  return {
    bytes: Buffer.byteLength(text),
    observations: parsed.observations.length,
    hash: sha256(text),
    observationsHash: sha256(JSON.stringify(parsed.observations)),
    lastUpdated: String(parsed.lastUpdated),
  };
}

/** @param {string} text */
const sha256 = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** @param {Client} client @param {string} set */
async function readBody(client, set) {
  return bodyOf((await client.expect('GET', `/actuals?set=${encodeURIComponent(set)}`, 200)).text);
}

/** @param {Client} client @param {string} set */
async function timedBody(client, set) {
  const answer = await client.expect('GET', `/actuals?set=${encodeURIComponent(set)}`, 200);
  return { ms: answer.ms, body: bodyOf(answer.text) };
}

/**
 * autocannon at each concurrency, after a few untimed requests.
 * @param {ServerProcess} server
 * @param {string} cookie
 * @param {string} set
 * @param {{ connections: number[], amount: (connections: number) => number, maxMs: number, warmup: number }} plan
 */
async function serverLoad(server, cookie, set, plan) {
  const url = `${server.origin}/api/actuals?set=${encodeURIComponent(set)}`;
  const headers = { Cookie: cookie };
  if (plan.warmup) await autocannonRun({ url, headers, connections: 1, amount: plan.warmup, maxMs: plan.maxMs });
  /** @type {LoadRun[]} */
  const runs = [];
  for (const connections of plan.connections) {
    const run = await autocannonRun({ url, headers, connections, amount: plan.amount(connections), maxMs: plan.maxMs });
    if (server.exited()) throw new Error(`${server.label} exited during ${connections} concurrent GET /api/actuals?set=${set}:\n${server.tail()}`);
    runs.push(run);
  }
  return runs;
}

/**
 * The built demo in Chromium, served by the bench's static server: the dashboard once (the MSW
 * service worker and the backend ready), then the same request from the page at each concurrency.
 * @param {BenchContext} ctx
 * @returns {Promise<LoadSeries>}
 */
async function mswLoad(ctx) {
  const browser = await ctx.browser();
  const appUrl = await ctx.serve(DIST_DIR, { spa: true });
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(appUrl, { waitUntil: 'commit' });
    await readDashboardTimes(page, errors);
    const url = `/api/actuals?set=${encodeURIComponent(RUZHOU_SET)}`;
    const answer = await page.evaluate(async (u) => {
      const response = await fetch(u);
      return { status: response.status, text: await response.text() };
    }, url);
    if (answer.status !== 200) throw new Error(`the demo answered ${url} with ${answer.status}: ${answer.text.slice(0, 200)}`);
    const plan = RUNS.small;
    await browserRun(page, { url, connections: 1, amount: plan.warmup, maxMs: plan.maxMs });
    /** @type {LoadRun[]} */
    const runs = [];
    for (const connections of plan.connections) runs.push(await browserRun(page, { url, connections, amount: plan.amount(connections), maxMs: plan.maxMs }));
    if (errors.uncaught.length) throw new Error(`uncaught errors in the demo during the load runs:\n  ${errors.uncaught.join('\n  ')}`);
    return { host: 'msw', set: RUZHOU_SET, body: bodyOf(answer.text), runs, chromium: browser.version() };
  } finally {
    await context.close();
  }
}

/**
 * Part 4: two server processes on one PostgreSQL database.
 * @param {Province} province
 * @param {string} targetsDir
 * @param {ServerProcess[]} servers
 * @returns {Promise<SharedRun>}
 */
async function sharedRun(province, targetsDir, servers) {
  const pg = await startPostgres();
  if ('skipped' in pg) return { skipped: pg.skipped };
  try {
    const env = { DATABASE_URL: pg.url, TARGETS_DIR: targetsDir, DEMO_DATA: '1' };
    addUser(env, ANALYST);
    const a = new ServerProcess('server A (PostgreSQL)', await freePort(), env);
    const b = new ServerProcess('server B (PostgreSQL)', await freePort(), env);
    servers.push(a, b);
    const startMs = /** @type {[number, number]} */ ([await a.start(), await b.start()]);
    const clients = /** @type {[Client, Client]} */ ([await signIn(a, ANALYST), await signIn(b, ANALYST)]);
    const figures = provinceFigures(province, { firstYear: LOAD_YEARS.first, count: 2 * LOAD_YEARS.perBatch, variant: 2 });
    const bodies = batchBodies(figures, {
      fileName: (i) => `合成省乡镇教育统计-${LOAD_YEARS.first + i}.csv`,
      targetSet: province.id,
      maxBytes: DOCUMENTED_LIMIT,
      maxFigures: LOAD_YEARS.perBatch,
      stored: new Set(),
    });
    /** @type {SharedStep[]} */
    const steps = [];
    /**
     * After a write through `via`, the other process reads first (timed), then both are compared.
     * @param {string} step @param {0 | 1} via
     */
    const compare = async (step, via) => {
      const other = clients[1 - via];
      const read = await /** @type {Client} */ (other).expect('GET', `/actuals?set=${encodeURIComponent(province.id)}`, 200);
      const otherBody = bodyOf(read.text);
      const viaBody = await readBody(clients[via], province.id);
      const [bodyA, bodyB] = via === 0 ? [viaBody, otherBody] : [otherBody, viaBody];
      steps.push({
        step,
        via: via === 0 ? 'A' : 'B',
        revisions: [await revisionOf(clients[0]), await revisionOf(clients[1])],
        hashes: [bodyA.hash, bodyB.hash],
        observationsHashes: [bodyA.observationsHash, bodyB.observationsHash],
        lastUpdated: [bodyA.lastUpdated, bodyB.lastUpdated],
        readMs: read.ms,
      });
    };
    await compare('both started', 0);
    const ids = [];
    for (const [i, body] of bodies.entries()) {
      const via = /** @type {0 | 1} */ (i % 2);
      const answer = await clients[via].expect('POST', '/batches', 201, body.json);
      ids.push(JSON.parse(answer.text).batch.id);
      await compare(`commit ${body.figures.toLocaleString('en')} figures`, via);
    }
    await clients[1].expect('DELETE', `/batches/${encodeURIComponent(String(ids[0]))}`, 200);
    await compare('undo the first batch', 1);
    await Promise.all([a.stop(), b.stop()]);
    return { version: pg.version, startMs, steps };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await pg.stop();
  }
}
