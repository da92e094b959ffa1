/** The server benchmark's tables, aims and data (the measuring is in server-api.mjs). */

import os from 'node:os';
import { ms, summarize } from './lib/stats.mjs';

/**
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').LoadRun} LoadRun
 * @typedef {import('./types').Province} Province
 * @typedef {import('./types').Table} Table
 * @typedef {import('./server-api.mjs').LoadSeries} LoadSeries
 * @typedef {import('./server-api.mjs').MemoryPoint} MemoryPoint
 * @typedef {import('./server-api.mjs').SharedRun} SharedRun
 * @typedef {import('./server-api.mjs').Body} Body
 * @typedef {{ batches: number, figures: number, bytes: number, ms: number, perBatchMs: number[] }} Writes
 * @typedef {{
 *   province: Province, targetFileBytes: number, startMs: number, loadAverage: number[],
 *   load: Writes & { firstReadMs: number, body: Body },
 *   series: LoadSeries[], sameRuzhou: boolean,
 *   million: {
 *     whole: { bytes: number, figures: number, status: number, code: string, limit: number },
 *     commit: Writes & { readMs: number, observations: number },
 *     undo: { batches: number, ms: number, perBatchMs: number[], readMs: number, restored: boolean },
 *     replaced: number, added: number,
 *   },
 *   memory: MemoryPoint[], shared: SharedRun,
 * }} Measured
 */

/** @param {number} n */
const int = (n) => Math.round(n).toLocaleString('en');
/** @param {number} bytes */
const MB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
/** @param {number} value */
const s = (value) => `${(value / 1000).toFixed(1)} s`;
/** @param {number[]} values "1.2 s (1.1–1.4)" */
const perBatch = (values) => {
  const st = summarize(values);
  return `${s(st.median)} (${(st.min / 1000).toFixed(1)}–${(st.max / 1000).toFixed(1)})`;
};

/**
 * @param {Measured} m
 * @returns {BenchResult}
 */
export function serverApiResult(m) {
  const { province, load, million, shared } = m;
  const sameShared = 'steps' in shared && shared.steps.every((st) => st.revisions[0] === st.revisions[1] && st.hashes[0] === st.hashes[1]);
  const sameSharedFigures = 'steps' in shared && shared.steps.every((st) => st.revisions[0] === st.revisions[1] && st.observationsHashes[0] === st.observationsHashes[1]);
  return {
    key: 'serverApi',
    title: 'Node server at province scale (PGlite; two processes on PostgreSQL) vs the MSW demo',
    tables: [dataTable(m), loadTable(m), millionTable(m), memoryTable(m), sharedTable(shared)],
    aims: [
      {
        aim: 'two server processes on one database serve the same data',
        value: 'steps' in shared ? `${sameShared ? 'same' : sameSharedFigures ? 'same revision and figures, not the same bytes' : 'DIFFERENT'} after ${shared.steps.length} checks` : `skipped: ${shared.skipped}`,
        met: sameShared,
      },
      {
        aim: 'undoing a 1,000,000-row import restores the figures exactly',
        value: `${million.undo.batches} undos, ${s(million.undo.ms)}`,
        met: million.undo.restored,
      },
    ],
    data: {
      province: { id: province.id, counties: province.counties, townships: province.townships.length, metrics: province.metrics.length, targetFileBytes: m.targetFileBytes },
      startMs: Math.round(m.startMs),
      loadAverage: m.loadAverage,
      load: { ...load, ms: Math.round(load.ms), perBatchMs: load.perBatchMs.map(Math.round), firstReadMs: Math.round(load.firstReadMs) },
      actuals: m.series.map(({ host, set, body, runs }) => ({ host, set, body, runs })),
      sameRuzhouObservations: m.sameRuzhou,
      million,
      memoryBytes: m.memory,
      twoProcesses: shared,
    },
  };
}

/** @param {Measured} m @returns {Table} */
function dataTable({ province, targetFileBytes, startMs, load, loadAverage }) {
  return {
    title: 'Province data set, loaded through POST /api/batches (server over PGlite, signed in as an analyst)',
    header: ['what', 'value'],
    rows: [
      ['target file', `${province.fileName}: 1 province, ${province.counties} counties, ${int(province.townships.length)} townships, ${province.metrics.length} metrics, ${province.metrics.length} targets (${MB(targetFileBytes)})`],
      ['server start to /healthz', ms(startMs)],
      ['figures loaded', `${int(load.figures)} (${int(province.townships.length)} townships × ${province.metrics.length} metrics × ${load.batches} years)`],
      ['batches', `${load.batches} × ${int(load.figures / load.batches)} figures, ${MB(load.bytes)} JSON in all`],
      ['load time', `${s(load.ms)} (${int((load.figures / load.ms) * 1000)} figures/s); per batch ${perBatch(load.perBatchMs)}`],
      [`first GET /actuals?set=${province.id}`, `${ms(load.firstReadMs)}: ${int(load.body.observations)} observations, ${MB(load.body.bytes)}`],
      ['machine load average (1 min), start / end of the PGlite part', loadAverage.map((l) => l.toFixed(1)).join(' / ') + ` (${os.availableParallelism()} cores)`],
    ],
  };
}

/** @param {Measured} m @returns {Table} */
function loadTable({ series, sameRuzhou, province }) {
  const label = { msw: 'MSW demo in Chromium (baseline)', server: 'server, PGlite' };
  const rows = series.flatMap(({ host, set, body, runs, notRun = [] }) => [
    ...runs.map((r) => [
      label[host],
      `${set} (${int(body.observations)} obs., ${body.bytes >= 1e6 ? MB(body.bytes) : `${(body.bytes / 1000).toFixed(1)} kB`})`,
      String(r.connections),
      r.requests + r.errors < r.asked ? `${int(r.requests)} of ${int(r.asked)} (${s(r.durationMs)})` : int(r.requests),
      ms(r.p50),
      ms(r.p95),
      r.perSecond >= 10 ? int(r.perSecond) : r.perSecond >= 1 ? r.perSecond.toFixed(1) : r.perSecond.toFixed(2),
      String(r.errors),
    ]),
    ...notRun.map((c) => [label[host], set, String(c), 'not run', '-', '-', '-', '-']),
  ]);
  const msw = series.find((x) => x.host === 'msw');
  return {
    title: 'GET /api/actuals?set=… — latency (request sent to last byte read) and throughput, by concurrent clients',
    header: ['host', 'set (answer)', 'clients', 'requests', 'p50', 'p95', 'req/s', 'errors'],
    rows,
    note:
      (series.some((x) => x.notRun?.length)
        ? 'Not run: the province set at 100 clients — the server builds each answer on its one thread (see 1 client), so the ' +
          '100th client waits about 100 times that, longer than the benchmark\'s budget; BENCH_SERVER_FULL=1 runs it. '
        : '') +
      `Compared on both hosts: ${msw?.set ?? 'ruzhou-2020'} — the demo bundles targets/ at build time, so the province set (${province.id}) runs on the server only. ` +
      `Same observations on both hosts for ${msw?.set ?? 'ruzhou-2020'} (the server with DEMO_DATA=1): ${sameRuzhou ? 'yes' : 'NO'}. ` +
      'Server: autocannon from the bench process, keep-alive connections to 127.0.0.1, the session cookie on each request. ' +
      'Demo: fetch() from one page (the clients are concurrent fetches; MSW answers them on the page\'s main thread). ' +
      'Each client sends its next request when the previous answer has been read; p50/p95 are nearest-rank over every request; ' +
      'a run stops at its request count or its time limit ("n of m (t s)": stopped by the limit after t s; p50/p95 then cover only the answers ' +
      'that came, so they understate the wait). A few untimed requests first. Both share the machine\'s cores with the client.',
  };
}

/** @param {Measured} m @returns {Table} */
function millionTable({ million }) {
  const { whole, commit, undo } = million;
  return {
    title: `A ${int(whole.figures)}-row import: commit and undo (server over PGlite, ${int(commit.observations)} figures stored after the commit)`,
    header: ['step', 'value'],
    rows: [
      ['as one batch', whole.status === 201 ? `${MB(whole.bytes)} JSON → 201, committed in one transaction (MAX_BATCH_MB)` : `${MB(whole.bytes)} JSON → ${whole.status} ${whole.code} (the server's limit: ${int(whole.limit)} bytes)`],
      ['commit', `${commit.batches} batches under the limit (${MB(commit.bytes)}): ${s(commit.ms)}, ${int((commit.figures / commit.ms) * 1000)} rows/s; per batch ${perBatch(commit.perBatchMs)}`],
      ['  of which', `${int(million.replaced)} figures replaced, ${int(million.added)} added`],
      ['first GET /actuals after the commit', ms(commit.readMs)],
      ['undo', `${undo.batches} DELETE /api/batches/{id}, newest first: ${s(undo.ms)}; per batch ${perBatch(undo.perBatchMs)}`],
      ['first GET /actuals after the undo', `${ms(undo.readMs)}; observations as before the import: ${undo.restored ? 'yes' : 'NO'}`],
    ],
    note:
      whole.status === 201
        ? `A ${int(whole.figures)}-row import is one batch of ${MB(whole.bytes)}: one commit and one undo, each one transaction.`
        : `A ${int(whole.figures)}-row import cannot be one batch: its JSON is ${MB(whole.bytes)} and the body limit is ${MB(whole.limit)}; a client has to send it as ${commit.batches} batches (${commit.batches} commits and ${commit.batches} undos, not one transaction).`,
  };
}

/** @param {Measured} m @returns {Table} */
function memoryTable({ memory }) {
  return {
    title: 'Server process memory (resident set size from /proc, PGlite in the same process)',
    header: ['when', 'RSS'],
    rows: memory.map((p) => [p.label, p.rss === null || Number.isNaN(p.rss) ? 'n/a' : MB(p.rss)]),
  };
}

/** @param {SharedRun} shared @returns {Table} */
function sharedTable(shared) {
  if ('skipped' in shared) {
    return { title: 'Two server processes on one PostgreSQL database', header: ['result'], rows: [[`skipped: ${shared.skipped}`]] };
  }
  return {
    title: `Two server processes (A, B) on one PostgreSQL database (${shared.version}, throwaway cluster on 127.0.0.1)`,
    header: ['after', 'through', 'revision A', 'revision B', '/actuals A', '/actuals B', 'same body', 'same figures', "other's first read"],
    rows: shared.steps.map((st) => [
      st.step,
      st.via,
      String(st.revisions[0]),
      String(st.revisions[1]),
      st.hashes[0],
      st.hashes[1],
      st.hashes[0] === st.hashes[1] ? 'yes' : 'NO',
      st.observationsHashes[0] === st.observationsHashes[1] ? 'yes' : 'NO',
      ms(st.readMs),
    ]),
    note:
      `Started in ${ms(shared.startMs[0])} and ${ms(shared.startMs[1])}. /actuals = the first 16 hex digits of the SHA-256 of GET /api/actuals?set=<province> ` +
      "as each process answered it right after the write; same figures = the same hash of the observations alone (without lastUpdated). The other's first read " +
      'is the time the process that did not write took to answer /actuals (it loads the store again when the revision moved).' +
      shared.steps
        .filter((st) => st.lastUpdated[0] !== st.lastUpdated[1])
        .map((st) => ` After "${st.step}" (through ${st.via}) the bodies differ in lastUpdated: A ${st.lastUpdated[0]}, B ${st.lastUpdated[1]}.`)
        .join(''),
  };
}
