#!/usr/bin/env node
/**
 * Dashboard benchmarks — run with `npm run bench` (builds first), or
 * `npx vite build && node scripts/bench.mjs` against an existing dist/.
 * `npm run bench -- dashboard` (or `node scripts/bench.mjs import detail`) runs
 * only the benchmarks of those groups or names (see BENCHMARKS).
 *
 * One module per benchmark, each explaining what it measures and why:
 *   scripts/bench/initial-js.mjs     initial JavaScript size (dashboard)
 *   scripts/bench/first-render.mjs   time to first complete render, cold and warm (dashboard)
 *   scripts/bench/csv-import.mjs     CSV import pipeline vs the bare parser, main-thread long tasks (import)
 *   scripts/bench/commit.mjs         committing 126,000–1,000,000 figures in the demo, core in its worker vs on
 *                                    the page, main-thread long tasks (import)
 *   scripts/bench/target-chart.mjs   the detail page's trend chart, downsampled vs all points (detail)
 *   scripts/bench/pages.mjs          scorecard and detail pages in the built app (detail)
 *   scripts/bench/scale.mjs          evaluation at 21–2,000 sub-units × 12/40 targets × 5/10 years, the
 *                                    shared figure index vs re-indexing per call, in Node (scale)
 *   scripts/bench/scale-pages.mjs    the pages at 500 and 2,000 townships in Chromium on the server, beside
 *                                    Ruzhou: time to ready and the longest main-thread task (scale)
 *   scripts/bench/server-api.mjs     the Node server at province scale vs the MSW demo: load, GET /actuals
 *                                    under load, a 1,000,000-row import and undo, memory, two processes
 *                                    on one PostgreSQL (server; builds dist-server/node/ as `npm run server` does)
 * and what they share in scripts/bench/lib/: the static server (server.mjs),
 * Chromium with playwright.config.ts's flags and page helpers (browser.mjs,
 * dashboard.mjs), medians and min–max (stats.mjs), the printed tables
 * (table.mjs), the baseline and harness builds (builds.mjs), paths (project.mjs).
 * The browser-side harness pages are in scripts/bench-harness/.
 *
 * Baselines are computed in the same run, so the numbers can be compared on
 * any machine: a tiny bundle of React + ReactDOM alone
 * (`createRoot(...).render(<p>hi</p>)`), built with Vite's JS API into
 * node_modules/.bench-baseline/ — its gzipped JS size, and its
 * first-contentful-paint served and loaded the same way; the bare CSV reader
 * for the import; all points drawn for the chart; the dashboard for the pages.
 *
 * Output: aligned tables on stdout and JSON in bench-results/dashboard.json
 * (a run of some benchmarks only: bench-results/only-<names>.json). The
 * README's Speed section is written by hand from this output. The script exits
 * non-zero on any failure and always closes the browser and the servers.
 *
 * Type-checked from its JSDoc by tsconfig.bench-node.json (`npm run typecheck`);
 * the types are in scripts/bench/types.ts. Adding a benchmark: a module
 * exporting `async function benchSomething(ctx)` returning a BenchResult (see
 * initial-js.mjs), and an entry in BENCHMARKS. `ctx` provides the baseline
 * build, `ctx.browser()` (launched on first use) and `ctx.serve(dir, { spa })`
 * (a static server closed at the end).
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchCommit } from './bench/commit.mjs';
import { benchCsvImport } from './bench/csv-import.mjs';
import { benchFirstRender } from './bench/first-render.mjs';
import { benchInitialJs } from './bench/initial-js.mjs';
import { launchChromium } from './bench/lib/browser.mjs';
import { buildBaseline } from './bench/lib/builds.mjs';
import { DIST_DIR, PROJECT_DIR, projectPath, RESULTS_DIR } from './bench/lib/project.mjs';
import { startStaticServer } from './bench/lib/server.mjs';
import { formatTable } from './bench/lib/table.mjs';
import { benchPages } from './bench/pages.mjs';
import { benchScale } from './bench/scale.mjs';
import { benchScalePages } from './bench/scale-pages.mjs';
import { benchServerApi } from './bench/server-api.mjs';
import { benchTargetChart } from './bench/target-chart.mjs';

/**
 * @typedef {import('./bench/types').Benchmark} Benchmark
 * @typedef {import('./bench/types').BenchContext} BenchContext
 * @typedef {import('./bench/types').BenchResult} BenchResult
 */

/** The watchdog: this, plus the `budgetMs` of each benchmark that runs. */
const OVERALL_TIMEOUT_MS = 5 * 60_000;

/**
 * In the order they run; a group is a section of the README's Speed block.
 * @type {Benchmark[]}
 */
const BENCHMARKS = [
  { name: 'initial-js', group: 'dashboard', run: benchInitialJs },
  { name: 'first-render', group: 'dashboard', run: benchFirstRender },
  { name: 'csv-import', group: 'import', budgetMs: 10 * 60_000, run: benchCsvImport },
  { name: 'commit', group: 'import', budgetMs: 15 * 60_000, run: benchCommit },
  { name: 'target-chart', group: 'detail', run: benchTargetChart },
  { name: 'pages', group: 'detail', run: benchPages },
  { name: 'scale', group: 'scale', budgetMs: 15 * 60_000, run: benchScale },
  { name: 'scale-pages', group: 'scale', budgetMs: 15 * 60_000, run: benchScalePages },
  { name: 'server-api', group: 'server', budgetMs: 8 * 60_000, run: benchServerApi },
];

/**
 * The benchmarks that `args` name by name or group (all of them when there are no args), or null
 * after printing the usage when an arg names none.
 * @param {string[]} args
 */
function selectBenchmarks(args) {
  const groups = [...new Set(BENCHMARKS.map((b) => b.group))];
  const unknown = args.filter((arg) => !groups.includes(arg) && !BENCHMARKS.some((b) => b.name === arg));
  if (unknown.length) {
    console.error(
      `bench: no benchmark ${unknown.map((arg) => JSON.stringify(arg)).join(', ')}.\n` +
        `usage: npm run bench [-- <group or name>...]; groups: ${groups.join(', ')}; names: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    return null;
  }
  return args.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => args.includes(b.name) || args.includes(b.group));
}

/**
 * The context every benchmark gets, and a cleanup that closes whatever it started.
 * @returns {{ ctx: BenchContext, cleanup: () => Promise<void> }}
 */
function createContext() {
  /** @type {(() => Promise<unknown>)[]} */
  const cleanups = [];
  /** @type {ReturnType<typeof launchChromium> | undefined} */
  let browserPromise;
  /** @type {Promise<string> | undefined} */
  let baselinePromise;
  /** @type {BenchContext} */
  const ctx = {
    baseline: () => (baselinePromise ??= buildBaseline()),
    browser() {
      if (!browserPromise) {
        const launched = launchChromium();
        browserPromise = launched;
        cleanups.push(async () => (await launched.catch(() => null))?.close());
      }
      return browserPromise;
    },
    async serve(dir, options) {
      const server = await startStaticServer(dir, options);
      cleanups.push(server.close);
      return server.url;
    },
  };
  const cleanup = async () => {
    for (let next = cleanups.pop(); next; next = cleanups.pop()) await next().catch(() => {});
  };
  return { ctx, cleanup };
}

/**
 * Runs the benchmarks in turn, printing each one's tables as it finishes; gives up after OVERALL_TIMEOUT_MS.
 * @param {Benchmark[]} benchmarks
 * @returns {Promise<BenchResult[]>}
 */
async function runAll(benchmarks) {
  const { ctx, cleanup } = createContext();
  /** @param {string} reason */
  const abort = (reason) => {
    console.error(`\nbench: ${reason}`);
    process.exitCode = 1;
    void cleanup().finally(() => process.exit(1));
  };
  const timeoutMs = OVERALL_TIMEOUT_MS + benchmarks.reduce((sum, b) => sum + (b.budgetMs ?? 0), 0);
  const watchdog = setTimeout(() => abort(`gave up after ${timeoutMs / 1000} s`), timeoutMs);
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));

  const results = [];
  try {
    for (const bench of benchmarks) {
      const result = await bench.run(ctx);
      results.push(result);
      console.log(`\n== ${result.title} ==\n`);
      for (const table of result.tables) console.log(formatTable(table) + '\n');
    }
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  return results;
}

/**
 * Prints the aims and writes the JSON results.
 * @param {BenchResult[]} results
 * @param {string[]} selected the names asked for on the command line (none: all)
 * @param {number} started
 */
async function report(results, selected, started) {
  const aims = results.flatMap((r) => r.aims);
  console.log(
    formatTable({
      title: '== Aims (from the issue) ==\n',
      header: ['aim', 'value', 'met'],
      rows: aims.map((a) => [a.aim, a.value, a.met ? 'yes' : 'NO']),
    }),
  );

  const json = {
    generatedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    machine: {
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGB: Math.round(os.totalmem() / 1e9),
      node: process.version,
    },
    git: gitCommit(),
    ...(selected.length ? { selected } : {}),
    aims,
    ...Object.fromEntries(results.map((r) => [r.key, r.data])),
  };
  const file = path.join(RESULTS_DIR, selected.length ? `only-${selected.join('+')}.json` : 'dashboard.json');
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(file, JSON.stringify(json, null, 2) + '\n');
  console.log(`\nWrote ${projectPath(file)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: PROJECT_DIR, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const benchmarks = selectBenchmarks(args);
  if (!benchmarks) {
    process.exitCode = 2;
    return;
  }
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error('dist/index.html not found — run `npx vite build` (or `npm run bench`) first');
  }
  const started = Date.now();
  const results = await runAll(benchmarks);
  await report(results, args, started);
}

main().catch((error) => {
  console.error(`\nbench failed: ${error?.stack ?? error}`);
  process.exit(1);
});
