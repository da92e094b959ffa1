#!/usr/bin/env node
/**
 * Dashboard benchmarks — run with `npm run bench` (builds first), or
 * `npx vite build && node scripts/bench.mjs` against an existing dist/.
 *
 * What is measured, and why
 * -------------------------
 * 1. Initial JavaScript size. The JS the browser must download, parse and run
 *    before the first paint is the entry <script type="module"> in
 *    dist/index.html plus every <link rel="modulepreload"> next to it. We report
 *    raw and gzipped (level 9) bytes of each file and the total, and list every
 *    other dist/assets/*.js as a lazily-loaded chunk, so it is visible that the
 *    mock backend (MSW, loaded via dynamic import in src/main.tsx) is not part
 *    of the initial set. Aim from the issue: < 200 kB gzipped initial JS.
 *
 * 2. Time to first complete render in Chromium. dist/ is served by a tiny
 *    static server in this script; the time is the `dashboard-ready`
 *    performance mark (set when the dashboard has rendered with data), in ms
 *    since navigation start. The mock API lives in a service worker, which the
 *    first visit in a fresh browser context must install, so we measure:
 *      - cold: a new browser context per run (no service worker, no cache);
 *      - warm: one context, loaded once untimed, then `page.reload()` per run
 *        (service worker installed, hashed assets in the HTTP cache).
 *    Also the dashboard's first-contentful-paint. Aim from the issue: first
 *    complete render < 0.5 s on a 2-core machine.
 *
 * 3. CSV import throughput in Chromium (benchCsvImport). Three files are
 *    generated in the page (in a worker, as UTF-8 bytes in a File; nothing
 *    touches disk): 100,000 and 1,000,000 rows in LONG format
 *    (`地区,年份,指标,数值`, cycling over the townships of
 *    targets/ruzhou-2020.yaml — regions whose parent is the jurisdiction — and
 *    the zh names of its share / gross_rate metrics, years 1950–2100, values
 *    such as `83.4%`, `83.4`, `85%` and a quoted `"1,234"`; most rows repeat a
 *    key, which the pipeline reports as conflicts), and a 1,000,000-row CLASS
 *    ROSTER (`学校,乡镇,年份,班级,学生数`). On the SAME File, each of
 *      - the app's pipeline: the page posts the file through the app's own
 *        `createImportSession()` to its import worker, which runs `runImport`
 *        (File.stream → TextDecoder → CSV reader → mapping → validation →
 *        preview); the time is the pipeline's `elapsedMs`, taken in the worker;
 *      - the bare parser (the baseline): the same File.stream() through a
 *        streaming TextDecoder into `createCsvReader` with a counting
 *        onRecord, timed in a worker the same way;
 *    runs IMPORT_RUNS times (alternating, a fresh worker per run, as the import
 *    page uses one per task). We report median (min–max), rows/s and the ratio
 *    pipeline ÷ parser, and, on the main thread during every pipeline run, the
 *    longest task recorded by a `longtask` PerformanceObserver (a deliberate
 *    120 ms block is measured first to prove the observer works). Aims from the
 *    issue: pipeline within 2× of the bare parser; a 1,000,000-row file in a few
 *    seconds (taken as < 5 s); no main-thread task over 100 ms. The page code is
 *    scripts/bench-harness/, built with Vite's JS API (`@` → src/, like
 *    vite.config.ts) into node_modules/.bench-harness/.
 *
 * 4. Target detail chart render in Chromium (benchTargetChart). The harness page
 *    scripts/bench-harness/chart.html renders the app's own TrendChart
 *    (900 × 320, fixed) with data from the app's `trendChartData` for a
 *    generated monthly series (x = 1190 + i/12, a noisy rising trend, goal
 *    at_least 90, deadline after the last point): 10,000 points downsampled
 *    with LTTB to 1,000 as the app does (median of 5), the baseline the same
 *    10,000 points all drawn (`maxPoints: Infinity`, median of 3), and 100,000
 *    points downsampled (median of 5; never drawn whole). Render time =
 *    performance.now() before `root.render` inside `flushSync` (fresh root each
 *    run) until the actual series' SVG path is in the DOM with every drawn
 *    point, plus one forced layout. Aims: the 10,000-point chart < 100 ms and
 *    at most half the time of drawing all points.
 *
 * 5. Scorecard and detail pages in the built app (benchPages), warm: one
 *    context, each page loaded once untimed, then 5 interleaved `page.goto`s of
 *    `/` (baseline: its `dashboard-ready` mark), `/scorecard` (until its table
 *    has the city + 21 townships as rows) and `/targets/preschool-ger-2020`
 *    (until the trend chart has a line path), both timed by a MutationObserver
 *    added with `page.addInitScript`. dist/ is served with an index.html
 *    fallback for app routes, as `vite preview` does. Figures only, no aim.
 *
 * Baselines are computed in the same run, so the numbers can be compared on
 * any machine: a tiny bundle of React + ReactDOM alone
 * (`createRoot(...).render(<p>hi</p>)`), built with Vite's JS API into
 * node_modules/.bench-baseline/ — its gzipped JS size, and its
 * first-contentful-paint served and loaded the same way.
 *
 * Output: aligned tables on stdout and JSON in bench-results/dashboard.json.
 * The script exits non-zero on any failure and always closes the browser and
 * the servers.
 *
 * Adding a benchmark (e.g. chart render): write an
 * `async function benchSomething(ctx)` returning { title, tables, data, aims }
 * (see `benchInitialJs`), and add it to BENCHMARKS. `ctx` provides the project
 * paths, the baseline build, `ctx.browser()` (launched on first use) and
 * `ctx.serve(dir, { spa })` (a static server closed at the end).
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// ---------------------------------------------------------------------------
// Settings

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST_DIR = path.join(PROJECT_DIR, 'dist');
const BASELINE_DIR = path.join(PROJECT_DIR, 'node_modules', '.bench-baseline');
const RESULTS_FILE = path.join(PROJECT_DIR, 'bench-results', 'dashboard.json');
const HARNESS_SRC_DIR = path.join(PROJECT_DIR, 'scripts', 'bench-harness');
const HARNESS_DIR = path.join(PROJECT_DIR, 'node_modules', '.bench-harness');
const TARGET_FILE = path.join(PROJECT_DIR, 'targets', 'ruzhou-2020.yaml');

const RUNS = 7;
const NAV_TIMEOUT_MS = 30_000;
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const EXPECTED_CARDS = 12;
const AIM_INITIAL_JS_GZIP = 200_000; // bytes ("200 KB"; kB = 1000 bytes, as Vite prints)
const AIM_FIRST_RENDER_MS = 500;

const IMPORT_RUNS = 3;
const IMPORT_FILES = [
  { key: 'long100k', label: 'long, 100k rows', kind: 'long', rows: 100_000, fileName: 'long-100k.csv' },
  { key: 'long1m', label: 'long, 1M rows', kind: 'long', rows: 1_000_000, fileName: 'long-1m.csv' },
  { key: 'roster1m', label: 'roster, 1M rows', kind: 'roster', rows: 1_000_000, fileName: 'roster-1m.csv' },
];
/** Bound on one generate / parse / import run inside the page (the Node side allows a little more). */
const IMPORT_RUN_TIMEOUT_MS = 60_000;
const AIM_IMPORT_RATIO = 2;
const AIM_IMPORT_1M_MS = 5_000; // "a 1,000,000-row file in a few seconds"
const AIM_LONG_TASK_MS = 100;
const LONG_TASK_CHECK_MS = 120;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CHART_CASES = [
  { key: 'downsampled10k', label: '10,000 points, LTTB to 1,000 (the app)', points: 10_000, drawAll: false, runs: 5 },
  { key: 'all10k', label: '10,000 points, all drawn (baseline)', points: 10_000, drawAll: true, runs: 3 },
  { key: 'downsampled100k', label: '100,000 points, LTTB to 1,000 (the app)', points: 100_000, drawAll: false, runs: 5 },
];
/** Bound on one chart render inside the page (the Node side allows a little more). */
const CHART_RUN_TIMEOUT_MS = 30_000;
const AIM_CHART_10K_MS = 100; // "stays smooth"
const AIM_CHART_VS_BASELINE = 0.5; // "well under" drawing every point: at most half its time

const PAGE_RUNS = 5;
const DETAIL_TARGET = 'preschool-ger-2020';

const BENCHMARKS = [benchInitialJs, benchFirstRender, benchCsvImport, benchTargetChart, benchPages];

// ---------------------------------------------------------------------------
// Benchmark 1: initial JavaScript size

/** Initial (first-paint) JS of the dashboard vs the React + ReactDOM baseline, plus the lazy chunks. */
async function benchInitialJs(ctx) {
  const app = await measureHtmlJs(DIST_DIR);
  const base = await measureHtmlJs(ctx.baseline.dir);

  const fileRows = (files) => files.map((f) => [f.file, kB(f.raw), kB(f.gzip)]);
  const initialTable = {
    title: 'Initial JS (entry script + modulepreloads in dist/index.html)',
    header: ['file', 'raw', 'gzip'],
    rows: [...fileRows(app.initial), ['total', kB(app.initialRaw), kB(app.initialGzip)]],
  };
  const lazyTable = {
    title: 'Lazily-loaded JS chunks (other dist/assets/*.js, not needed for first paint)',
    header: ['file', 'raw', 'gzip'],
    rows: [...fileRows(app.lazy), ['total', kB(app.lazyRaw), kB(app.lazyGzip)]],
  };
  if (app.other.length > 0) {
    lazyTable.note = `Also in dist/, outside the page bundle: ${app.other
      .map((f) => `${f.file} (${kB(f.gzip)} gzip${f.file === 'mockServiceWorker.js' ? ', the MSW service worker' : ''})`)
      .join(', ')}.`;
  }
  const compareTable = {
    title: 'Initial JS vs baseline (React + ReactDOM alone)',
    header: ['measure', 'dashboard', 'baseline'],
    rows: [
      ['initial JS files', String(app.initial.length), String(base.initial.length)],
      ['initial JS raw', kB(app.initialRaw), kB(base.initialRaw)],
      ['initial JS gzip', kB(app.initialGzip), kB(base.initialGzip)],
      ['gzip over baseline', kB(app.initialGzip - base.initialGzip), '-'],
    ],
  };

  return {
    key: 'initialJs',
    title: 'Initial JavaScript size',
    tables: [initialTable, lazyTable, compareTable],
    aims: [
      {
        aim: `initial JS < ${kB(AIM_INITIAL_JS_GZIP)} gzipped`,
        value: kB(app.initialGzip),
        met: app.initialGzip < AIM_INITIAL_JS_GZIP,
      },
    ],
    data: {
      unit: 'bytes',
      gzipLevel: 9,
      dashboard: app,
      baseline: { initial: base.initial, initialRaw: base.initialRaw, initialGzip: base.initialGzip },
      aimGzipBytes: AIM_INITIAL_JS_GZIP,
    },
  };
}

/**
 * Reads `<dir>/index.html`, takes its entry module script and modulepreloads
 * as the initial set, and every other .js under `<dir>/assets` as lazy.
 */
async function measureHtmlJs(dir) {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  const tags = parseTags(html);
  const entries = tags.filter((t) => t.name === 'script' && t.attrs.type === 'module' && t.attrs.src);
  if (entries.length === 0) throw new Error(`${dir}/index.html has no <script type="module" src=...>`);
  const preloads = tags.filter((t) => t.name === 'link' && relList(t.attrs.rel).includes('modulepreload') && t.attrs.href);

  const initialPaths = [...new Set([...entries.map((t) => t.attrs.src), ...preloads.map((t) => t.attrs.href)])].map(
    (url) => localPath(dir, url),
  );
  const initial = await Promise.all(initialPaths.map((file) => sizeOf(dir, file)));

  const assetsDir = path.join(dir, 'assets');
  const assetJs = existsSync(assetsDir)
    ? (await readdir(assetsDir)).filter((f) => f.endsWith('.js')).map((f) => path.join(assetsDir, f))
    : [];
  const lazy = await Promise.all(
    assetJs.filter((file) => !initialPaths.includes(file)).sort().map((file) => sizeOf(dir, file)),
  );
  // JS outside assets/ that is not part of the page (here: public/mockServiceWorker.js).
  const topJs = (await readdir(dir)).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
  const other = await Promise.all(topJs.filter((file) => !initialPaths.includes(file)).map((file) => sizeOf(dir, file)));

  const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);
  return {
    initial,
    initialRaw: sum(initial, 'raw'),
    initialGzip: sum(initial, 'gzip'),
    lazy,
    lazyRaw: sum(lazy, 'raw'),
    lazyGzip: sum(lazy, 'gzip'),
    other,
  };
}

/** Start tags of an HTML document with their attributes (enough for Vite's index.html). */
function parseTags(html) {
  const tags = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of withoutComments.matchAll(/<([a-zA-Z][\w-]*)\b([^>]*)>/g)) {
    const attrs = {};
    for (const a of match[2].matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    tags.push({ name: match[1].toLowerCase(), attrs });
  }
  return tags;
}

function relList(rel = '') {
  return rel.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Maps a URL from index.html ("/assets/x.js", "./assets/x.js") to a file under `dir`. */
function localPath(dir, url) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    throw new Error(`initial script ${url} is not served from dist/; cannot measure it`);
  }
  const file = path.resolve(dir, '.' + path.posix.resolve('/', decodeURIComponent(url.split(/[?#]/)[0])));
  if (!existsSync(file)) throw new Error(`${url} (from index.html) not found at ${file}`);
  return file;
}

async function sizeOf(dir, file) {
  const bytes = await readFile(file);
  return {
    file: path.relative(dir, file).split(path.sep).join('/'),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
}

// ---------------------------------------------------------------------------
// Benchmark 2: time to first complete render

/** Cold and warm time to `dashboard-ready`, and first-contentful-paint, vs the baseline's FCP. */
async function benchFirstRender(ctx) {
  const browser = await ctx.browser();
  const appUrl = await ctx.serve(DIST_DIR);
  const baselineUrl = await ctx.serve(ctx.baseline.dir);

  // Cold: a fresh context per run, so the MSW service worker is installed every time.
  const cold = { ready: [], fcp: [] };
  for (let i = 0; i < RUNS; i++) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(appUrl, { waitUntil: 'commit' });
      const run = await readDashboardTimes(page, errors);
      cold.ready.push(run.ready);
      cold.fcp.push(run.fcp);
    } finally {
      await context.close();
    }
  }

  // Warm: one context; an untimed first load installs the worker, then reloads.
  const warm = { ready: [], fcp: [] };
  {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(appUrl, { waitUntil: 'commit' });
      await readDashboardTimes(page, errors);
      for (let i = 0; i < RUNS; i++) {
        await page.reload({ waitUntil: 'commit' });
        const run = await readDashboardTimes(page, errors);
        warm.ready.push(run.ready);
        warm.fcp.push(run.fcp);
      }
    } finally {
      await context.close();
    }
  }

  // Baseline: React + ReactDOM rendering <p>hi</p>, cold, same browser and server.
  const baselineFcp = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(baselineUrl, { waitUntil: 'commit' });
      await page.waitForSelector('#root p', { timeout: NAV_TIMEOUT_MS });
      assertNoErrors(errors, 'baseline page');
      baselineFcp.push(await firstContentfulPaint(page));
    } finally {
      await context.close();
    }
  }

  const stats = {
    coldReady: summarize(cold.ready),
    warmReady: summarize(warm.ready),
    coldFcp: summarize(cold.fcp),
    warmFcp: summarize(warm.fcp),
    baselineFcp: summarize(baselineFcp),
  };
  const cell = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  return {
    key: 'firstRender',
    title: 'Time to first complete render (Chromium)',
    tables: [
      {
        title: `Chromium ${browser.version()}, ${RUNS} runs each: median (min–max), ms since navigation start`,
        header: ['measure', 'dashboard', 'baseline'],
        rows: [
          ['cold: dashboard-ready', cell(stats.coldReady), '-'],
          ['warm: dashboard-ready', cell(stats.warmReady), '-'],
          ['cold: first-contentful-paint', cell(stats.coldFcp), cell(stats.baselineFcp)],
          ['warm: first-contentful-paint', cell(stats.warmFcp), '-'],
          ['cold: ready minus baseline FCP', ms(stats.coldReady.median - stats.baselineFcp.median), '-'],
        ],
        note:
          'cold = new browser context per run (installs the MSW service worker); ' +
          'warm = page.reload() with the worker installed. Baseline = React + ReactDOM rendering <p>hi</p>, cold.',
      },
    ],
    aims: [
      {
        aim: `cold first complete render < ${AIM_FIRST_RENDER_MS} ms (median, ${os.availableParallelism()} cores here)`,
        value: ms(stats.coldReady.median),
        met: stats.coldReady.median < AIM_FIRST_RENDER_MS,
      },
      {
        aim: `warm first complete render < ${AIM_FIRST_RENDER_MS} ms (median)`,
        value: ms(stats.warmReady.median),
        met: stats.warmReady.median < AIM_FIRST_RENDER_MS,
      },
    ],
    data: {
      unit: 'ms since navigation start',
      runs: RUNS,
      chromium: browser.version(),
      dashboard: {
        cold: { ready: stats.coldReady, fcp: stats.coldFcp },
        warm: { ready: stats.warmReady, fcp: stats.warmFcp },
      },
      baseline: { cold: { fcp: stats.baselineFcp } },
      aimMs: AIM_FIRST_RENDER_MS,
    },
  };
}

function newContext(browser) {
  return browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } }).then((context) => {
    context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
    context.setDefaultTimeout(NAV_TIMEOUT_MS);
    return context;
  });
}

/** Waits for the rendered dashboard, checks it, and reads the `dashboard-ready` mark and FCP. */
async function readDashboardTimes(page, errors) {
  try {
    await page.waitForSelector('.dashboard[data-ready="true"]', { timeout: NAV_TIMEOUT_MS });
  } catch (error) {
    const text = await page
      .locator('#root')
      .innerText({ timeout: 1_000 })
      .catch(() => '(unreadable)');
    const detail = [
      errors.length ? `page errors:\n  ${errors.join('\n  ')}` : '',
      errors.requests.length ? `failed requests:\n  ${errors.requests.join('\n  ')}` : '',
      `#root text: ${JSON.stringify(text.slice(0, 300))}`,
    ];
    throw new Error(`dashboard did not become ready at ${page.url()}: ${error.message}\n${detail.filter(Boolean).join('\n')}`, {
      cause: error,
    });
  }
  assertNoErrors(errors, 'dashboard');
  const cards = await page.locator('article.card').count();
  if (cards !== EXPECTED_CARDS) {
    throw new Error(`expected ${EXPECTED_CARDS} article.card elements on the dashboard, found ${cards}`);
  }
  const ready = await page.evaluate(() => performance.getEntriesByName('dashboard-ready')[0]?.startTime ?? null);
  if (typeof ready !== 'number') throw new Error('no performance mark "dashboard-ready" after the dashboard rendered');
  return { ready, fcp: await firstContentfulPaint(page) };
}

/** The page's first-contentful-paint, waiting briefly in case the entry is not recorded yet. */
async function firstContentfulPaint(page) {
  const fcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const find = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        if (find() !== undefined) return resolve(find());
        const observer = new PerformanceObserver(() => {
          if (find() === undefined) return;
          observer.disconnect();
          resolve(find());
        });
        observer.observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(find() ?? null), 5_000);
      }),
  );
  if (typeof fcp !== 'number') throw new Error(`no first-contentful-paint entry at ${page.url()}`);
  return fcp;
}

/** Uncaught page errors (fail the run); failed requests are kept for the message if the page never gets ready. */
function collectErrors(page) {
  const errors = [];
  errors.requests = [];
  page.on('pageerror', (error) => errors.push(String(error.message ?? error)));
  page.on('requestfailed', (request) => errors.requests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.requests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return errors;
}

function assertNoErrors(errors, what) {
  if (errors.length) throw new Error(`uncaught errors on the ${what}:\n  ${errors.join('\n  ')}`);
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (v) => Math.round(v * 10) / 10;
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)), runs: values.map(round) };
}

// ---------------------------------------------------------------------------
// Benchmark 3: CSV import throughput (pipeline vs bare parser) and main-thread long tasks

/** The app's import pipeline vs the bare CSV reader on the same generated files, in Chromium workers. */
async function benchCsvImport(ctx) {
  const names = await importNames();
  await buildHarness();
  const browser = await ctx.browser();
  const url = await ctx.serve(HARNESS_DIR);

  const context = await newContext(browser);
  const files = [];
  let observerCheck;
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: NAV_TIMEOUT_MS }).catch((error) => {
      throw new Error(`the import harness did not start: ${[...errors, ...errors.requests].join('; ') || error.message}`, { cause: error });
    });
    assertNoErrors(errors, 'import harness');

    const inPage = (what, fn, arg) => evaluateWithin(page, fn, arg, IMPORT_RUN_TIMEOUT_MS + 10_000, what);
    const longest = (tasks) => Math.max(0, ...tasks.map((t) => t.duration));

    observerCheck = await inPage('long-task observer check', (blockMs) => globalThis.importBench.checkLongTasks(blockMs), LONG_TASK_CHECK_MS);
    if (longest(observerCheck) < LONG_TASK_CHECK_MS * 0.9) {
      throw new Error(`a ${LONG_TASK_CHECK_MS} ms main-thread block was not recorded as a long task: ${JSON.stringify(observerCheck)}`);
    }

    for (const spec of IMPORT_FILES) {
      const generated = await inPage(`generating ${spec.fileName}`, (a) => globalThis.importBench.generate(a.id, a.spec, a.timeout), {
        id: spec.key,
        spec: { kind: spec.kind, rows: spec.rows, fileName: spec.fileName, townships: names.townships, metrics: names.metrics },
        timeout: IMPORT_RUN_TIMEOUT_MS,
      });
      const pipeline = [];
      const parser = [];
      for (let i = 0; i < IMPORT_RUNS; i++) {
        pipeline.push(
          await inPage(`import pipeline on ${spec.fileName}`, (a) => globalThis.importBench.pipeline(a.id, a.timeout), {
            id: spec.key,
            timeout: IMPORT_RUN_TIMEOUT_MS,
          }),
        );
        parser.push(
          await inPage(`bare parser on ${spec.fileName}`, (a) => globalThis.importBench.parse(a.id, a.timeout), {
            id: spec.key,
            timeout: IMPORT_RUN_TIMEOUT_MS,
          }),
        );
      }
      await inPage('dropping a file', (id) => globalThis.importBench.drop(id), spec.key);
      assertNoErrors(errors, 'import harness');

      // Both must have read every row of the same bytes.
      for (const run of pipeline) {
        if (run.counts.rows !== spec.rows) {
          throw new Error(`pipeline on ${spec.fileName} read ${run.counts.rows} data rows, expected ${spec.rows}`);
        }
        if (run.layout !== spec.kind) throw new Error(`pipeline took ${spec.fileName} as "${run.layout}", expected "${spec.kind}"`);
      }
      for (const run of parser) {
        if (run.records !== spec.rows + 1 || run.unclosedQuoteRow !== null) {
          throw new Error(`bare parser on ${spec.fileName} read ${run.records} records, expected ${spec.rows + 1} (with the header)`);
        }
      }

      const pipelineStats = summarize(pipeline.map((r) => r.ms));
      const parserStats = summarize(parser.map((r) => r.ms));
      const tasks = pipeline.flatMap((r) => r.longTasks);
      files.push({
        ...spec,
        bytes: generated.bytes,
        generateMs: Math.round(generated.ms),
        pipeline: {
          ms: pipelineStats,
          rowsPerSecond: Math.round(spec.rows / (pipelineStats.median / 1000)),
          roundTripMs: summarize(pipeline.map((r) => r.roundTripMs)),
          progressMessages: pipeline.map((r) => r.progressMessages),
          counts: pipeline[0].counts,
          countsByCode: pipeline[0].countsByCode,
          totals: pipeline[0].totals,
        },
        parser: {
          ms: parserStats,
          rowsPerSecond: Math.round(spec.rows / (parserStats.median / 1000)),
          roundTripMs: summarize(parser.map((r) => r.roundTripMs)),
          records: parser[0].records,
        },
        ratio: Math.round((pipelineStats.median / parserStats.median) * 100) / 100,
        mainThread: {
          longestTaskMs: longest(tasks),
          longTasks: tasks.length,
          longTasksByRun: pipeline.map((r) => r.longTasks),
        },
      });
    }
  } finally {
    await context.close();
  }

  const cell = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  const rate = (perSecond) => `${(perSecond / 1e6).toFixed(2)} M/s`;
  const times = (ratio) => `${ratio.toFixed(2)}×`;
  const big = files.filter((f) => f.rows >= 1_000_000);
  const worstLongTask = Math.max(0, ...big.map((f) => f.mainThread.longestTaskMs));
  const checked = Math.max(...observerCheck.map((t) => t.duration));

  return {
    key: 'csvImport',
    title: 'CSV import throughput (Chromium, in a Web Worker)',
    tables: [
      {
        title: 'Generated files (UTF-8, CRLF, built in a worker in the page)',
        header: ['file', 'header', 'rows', 'size', 'generated in'],
        rows: files.map((f) => [
          f.fileName,
          f.kind === 'long' ? '地区,年份,指标,数值' : '学校,乡镇,年份,班级,学生数',
          f.rows.toLocaleString('en-US'),
          `${(f.bytes / 1e6).toFixed(1)} MB`,
          ms(f.generateMs),
        ]),
        note:
          `Long: ${names.townships.length} regions (21 townships and 48 synthetic villages each, added to the set by the harness) × ` +
          `${names.metrics.length} metrics × 151 years (1950–2100) = ` +
          `${(names.townships.length * names.metrics.length * 151).toLocaleString('en-US')} distinct keys, so every row is imported. ` +
          'Roster: 50 classes per school (第N中学), 30–70 students, year 2020.',
      },
      {
        title: `Import time in a worker, ${IMPORT_RUNS} runs each: median (min–max); baseline = bare parser on the same bytes`,
        header: ['file', 'pipeline (runImport)', 'bare parser', 'pipeline rows/s', 'parser rows/s', 'pipeline ÷ parser'],
        rows: files.map((f) => [
          f.label,
          cell(f.pipeline.ms),
          cell(f.parser.ms),
          rate(f.pipeline.rowsPerSecond),
          rate(f.parser.rowsPerSecond),
          times(f.ratio),
        ]),
        note:
          'pipeline = the app\'s createImportSession().run() → import worker → runImport (File.stream → TextDecoder → ' +
          'CSV reader → mapping → validation → preview), its own elapsedMs; bare parser = File.stream → TextDecoder → ' +
          'createCsvReader with a counting onRecord. A fresh worker per run.',
      },
      {
        title: 'What the pipeline reported (first run; every run read every row)',
        header: ['file', 'rows read', 'figures', 'rejected rows', 'duplicate_key', 'errors', 'warnings', 'notes'],
        rows: files.map((f) => {
          const c = f.pipeline.counts;
          return [
            f.label,
            c.rows.toLocaleString('en-US'),
            (f.pipeline.totals.additions + f.pipeline.totals.replacements).toLocaleString('en-US'),
            c.rejectedRows.toLocaleString('en-US'),
            (f.pipeline.countsByCode.duplicate_key ?? 0).toLocaleString('en-US'),
            c.errors.toLocaleString('en-US'),
            c.warnings.toLocaleString('en-US'),
            c.notes.toLocaleString('en-US'),
          ];
        }),
      },
      {
        title: `Main thread while the pipeline runs (${IMPORT_RUNS} runs per file; the page only receives progress and the result)`,
        header: ['file', 'longest task', 'long tasks (≥ 50 ms)', 'progress messages', 'post → result'],
        rows: files.map((f) => [
          f.label,
          f.mainThread.longTasks ? ms(f.mainThread.longestTaskMs) : 'none ≥ 50 ms',
          String(f.mainThread.longTasks),
          f.pipeline.progressMessages.join(' / '),
          cell(f.pipeline.roundTripMs),
        ]),
        note: `Observer check: a deliberate ${LONG_TASK_CHECK_MS} ms main-thread block was recorded as a ${ms(checked)} long task.`,
      },
    ],
    aims: [
      ...big.map((f) => ({
        aim: `import ${f.label}: pipeline ≤ ${AIM_IMPORT_RATIO}× bare parser (median)`,
        value: times(f.ratio),
        met: f.ratio <= AIM_IMPORT_RATIO,
      })),
      ...big.map((f) => ({
        aim: `import ${f.label} in < ${AIM_IMPORT_1M_MS / 1000} s ("a few seconds", median)`,
        value: ms(f.pipeline.ms.median),
        met: f.pipeline.ms.median < AIM_IMPORT_1M_MS,
      })),
      {
        aim: `no main-thread task > ${AIM_LONG_TASK_MS} ms during the 1M-row imports`,
        value: worstLongTask ? `longest ${ms(worstLongTask)}` : 'none ≥ 50 ms',
        met: worstLongTask <= AIM_LONG_TASK_MS,
      },
    ],
    data: {
      unit: 'ms (in the worker unless named otherwise)',
      runs: IMPORT_RUNS,
      chromium: browser.version(),
      townships: names.townships,
      metrics: names.metrics,
      longTaskObserverCheck: { blockMs: LONG_TASK_CHECK_MS, recorded: observerCheck },
      files: Object.fromEntries(files.map((f) => [f.key, f])),
      aims: { ratio: AIM_IMPORT_RATIO, oneMillionRowsMs: AIM_IMPORT_1M_MS, longTaskMs: AIM_LONG_TASK_MS },
    },
  };
}

/** Township names (regions under the jurisdiction) and zh names of the share / gross_rate metrics, from the target file. */
async function importNames() {
  const { parse } = await import('yaml');
  const doc = parse(await readFile(TARGET_FILE, 'utf8'));
  // The real townships plus the synthetic villages the harness adds to the set (see harness.ts), so the long files hold distinct keys.
  const real = (doc.regions ?? []).filter((r) => r.parent === '410482').map((r) => r.name.zh);
  const townships = [...real, ...real.flatMap((name) => Array.from({ length: 48 }, (_, k) => `${name}${k + 1}村`))];
  const metrics = (doc.metrics ?? []).filter((m) => m.kind === 'share' || m.kind === 'gross_rate').map((m) => m.name.zh);
  if (townships.length === 0 || metrics.length === 0) {
    throw new Error(`${path.relative(PROJECT_DIR, TARGET_FILE)}: found ${townships.length} townships and ${metrics.length} share/gross_rate metrics`);
  }
  return { townships, metrics };
}

let harnessBuild;

/**
 * Builds scripts/bench-harness/ (pages + workers importing src/ through `@`) into
 * node_modules/.bench-harness/: index.html (CSV import) and chart.html (trend
 * chart, JSX, with Recharts). Built once per run, whichever benchmark asks first.
 */
function buildHarness() {
  harnessBuild ??= (async () => {
    const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
    await build({
      root: HARNESS_SRC_DIR,
      configFile: false,
      envFile: false,
      publicDir: false,
      logLevel: 'silent',
      mode: 'production',
      // The plugin and the alias as in vite.config.ts.
      plugins: [react()],
      resolve: { alias: { '@': path.join(PROJECT_DIR, 'src') } },
      worker: { format: 'es' },
      build: {
        outDir: HARNESS_DIR,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: false,
        reportCompressedSize: false,
        rolldownOptions: {
          input: { index: path.join(HARNESS_SRC_DIR, 'index.html'), chart: path.join(HARNESS_SRC_DIR, 'chart.html') },
        },
      },
    });
  })();
  return harnessBuild;
}

/** `page.evaluate` with a bound: Playwright's evaluate has no timeout of its own. */
async function evaluateWithin(page, fn, arg, timeoutMs, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(fn, arg), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------
// Benchmark 4: trend chart render (the detail page's chart) in Chromium

/** The app's TrendChart on a 10,000-point series as the app draws it (LTTB) vs all points drawn, and on 100,000 points. */
async function benchTargetChart(ctx) {
  await buildHarness();
  const browser = await ctx.browser();
  const url = await ctx.serve(HARNESS_DIR);

  const context = await newContext(browser);
  const cases = [];
  let warmup;
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(new URL('chart.html', url).href, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: NAV_TIMEOUT_MS }).catch((error) => {
      throw new Error(`the chart harness did not start: ${[...errors, ...errors.requests].join('; ') || error.message}`, { cause: error });
    });
    assertNoErrors(errors, 'chart harness');

    const inPage = (what, fn, arg) => evaluateWithin(page, fn, arg, CHART_RUN_TIMEOUT_MS + 10_000, what);
    const render = (spec) =>
      inPage(`rendering the trend chart (${spec.label})`, (a) => globalThis.chartBench.run(a.points, a.drawAll, a.timeout), {
        points: spec.points,
        drawAll: spec.drawAll,
        timeout: CHART_RUN_TIMEOUT_MS,
      });

    for (const spec of CHART_CASES) await inPage(`generating ${spec.points} points`, (n) => globalThis.chartBench.prepare(n), spec.points);
    // One untimed render of each case first, so the runs compare rendering, not the first compilation of Recharts' code.
    warmup = [];
    for (const spec of CHART_CASES) warmup.push((await render(spec)).renderMs);

    // Timed runs, the cases taken in turn, so JIT warm-up and drift affect them alike.
    const runsOf = new Map(CHART_CASES.map((spec) => [spec, []]));
    for (let i = 0; i < Math.max(...CHART_CASES.map((spec) => spec.runs)); i++) {
      for (const spec of CHART_CASES) if (i < spec.runs) runsOf.get(spec).push(await render(spec));
    }
    assertNoErrors(errors, 'chart harness');

    for (const spec of CHART_CASES) {
      const runs = runsOf.get(spec);
      const expectedDrawn = spec.drawAll ? spec.points : 1_000;
      for (const run of runs) {
        if (run.totalPoints !== spec.points || run.drawnPoints !== expectedDrawn || run.pathPoints !== expectedDrawn) {
          throw new Error(
            `${spec.label}: the chart drew ${run.pathPoints} points (data: ${run.drawnPoints} of ${run.totalPoints}), expected ${expectedDrawn} of ${spec.points}`,
          );
        }
        if (run.svgBox.width !== 900 || run.svgBox.height !== 320 || run.pathBox.width < 500) {
          throw new Error(`${spec.label}: unexpected chart geometry ${JSON.stringify({ svg: run.svgBox, path: run.pathBox })}`);
        }
      }
      cases.push({
        ...spec,
        drawnPoints: expectedDrawn,
        renderMs: summarize(runs.map((r) => r.renderMs)),
        dataMs: summarize(runs.map((r) => r.dataMs)),
        totalMs: summarize(runs.map((r) => r.dataMs + r.renderMs)),
        frameMs: summarize(runs.map((r) => r.frameMs)),
        inFlushSync: runs.every((r) => r.inFlushSync),
        svgElements: runs[0].elements,
      });
    }
  } finally {
    await context.close();
  }

  const by = Object.fromEntries(cases.map((c) => [c.key, c]));
  const ratio = Math.round((by.downsampled10k.renderMs.median / by.all10k.renderMs.median) * 1000) / 1000;
  const cell = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  const fine = (s) => `${s.median.toFixed(1)} ms`;
  return {
    key: 'targetChart',
    title: 'Target detail chart render (Chromium, the app\'s TrendChart)',
    tables: [
      {
        title: `Chromium ${browser.version()}, TrendChart 900 × 320: median (min–max) of the runs`,
        header: ['series', 'runs', 'drawn', 'render', 'trendChartData', 'to next frame', 'SVG elements'],
        rows: cases.map((c) => [
          c.label,
          String(c.runs),
          c.drawnPoints.toLocaleString('en-US'),
          cell(c.renderMs),
          fine(c.dataMs),
          cell(c.frameMs),
          c.svgElements.toLocaleString('en-US'),
        ]),
        note:
          'render = performance.now() before root.render in flushSync (fresh createRoot per run, unmounted after) until the actual ' +
          'series\' SVG path is in the DOM with every drawn point, plus one forced layout (getBoundingClientRect); ' +
          `the path was ${cases.every((c) => c.inFlushSync) ? 'always' : 'not always'} there when flushSync returned. ` +
          'trendChartData = the app\'s chart data (LTTB included), timed apart. to next frame = from the same start to the next ' +
          `requestAnimationFrame. Monthly series x = 1190 + i/12, goal at_least 90, deadline a year after the last point, with ` +
          `baseline, required path, trend and projection band. One untimed render of each first (${warmup.map(ms).join(', ')}); ` +
          'then the cases in turn.',
      },
      {
        title: 'Downsampled vs all points drawn (render, median)',
        header: ['measure', 'value'],
        rows: [
          ['10,000 points, LTTB to 1,000', ms(by.downsampled10k.renderMs.median)],
          ['10,000 points, all drawn (baseline)', ms(by.all10k.renderMs.median)],
          ['LTTB ÷ baseline', `${ratio.toFixed(3)}×`],
          ['100,000 points, LTTB to 1,000', ms(by.downsampled100k.renderMs.median)],
          ['100,000 ÷ 10,000 points (both LTTB)', `${(by.downsampled100k.renderMs.median / by.downsampled10k.renderMs.median).toFixed(2)}×`],
        ],
        note: '100,000 points are not drawn undownsampled (too slow to be useful).',
      },
    ],
    aims: [
      {
        aim: `detail chart, 10,000 points (LTTB) renders in < ${AIM_CHART_10K_MS} ms (median)`,
        value: ms(by.downsampled10k.renderMs.median),
        met: by.downsampled10k.renderMs.median < AIM_CHART_10K_MS,
      },
      {
        aim: `detail chart, 10,000 points: well under drawing all of them (≤ ${AIM_CHART_VS_BASELINE}× baseline)`,
        value: `${ratio.toFixed(3)}× (${ms(by.downsampled10k.renderMs.median)} vs ${ms(by.all10k.renderMs.median)})`,
        met: ratio <= AIM_CHART_VS_BASELINE,
      },
      {
        aim: `detail chart, 100,000 points (LTTB) renders in < ${AIM_CHART_10K_MS} ms (median)`,
        value: ms(by.downsampled100k.renderMs.median),
        met: by.downsampled100k.renderMs.median < AIM_CHART_10K_MS,
      },
    ],
    data: {
      unit: 'ms (in the page, performance.now())',
      chromium: browser.version(),
      size: { width: 900, height: 320 },
      warmupRenderMs: warmup.map((v) => Math.round(v * 10) / 10),
      cases: by,
      ratioDownsampledToAll10k: ratio,
      aims: { downsampledMs: AIM_CHART_10K_MS, ratioToBaseline: AIM_CHART_VS_BASELINE },
    },
  };
}

// ---------------------------------------------------------------------------
// Benchmark 5: scorecard and target detail pages in the built app

/**
 * Warm time to the scorecard's 22 rows and to the detail page's trend line, vs the dashboard's
 * `dashboard-ready` under the same conditions (one context, every page loaded once untimed first).
 */
async function benchPages(ctx) {
  const expected = await scorecardShapeFromTargetFile();
  /** App pages timed by a MutationObserver (see watchForSelectors): the first moment `count` elements match. */
  const PAGE_WATCHES = [
    { name: 'scorecard', path: '/scorecard', selector: 'table.table--scorecard tbody tr', count: expected.rows },
    { name: 'detail', path: `/targets/${DETAIL_TARGET}`, selector: '.trend-chart svg .recharts-line path.recharts-line-curve', count: 1 },
  ];
  const browser = await ctx.browser();
  const appUrl = await ctx.serve(DIST_DIR, { spa: true });
  const urlOf = (p) => new URL(p, appUrl).href;
  const watch = Object.fromEntries(PAGE_WATCHES.map((w) => [w.name, w]));

  const times = { dashboard: [], scorecard: [], detail: [] };
  const frames = { scorecard: [], detail: [] };
  let scorecardShape;
  const context = await newContext(browser);
  try {
    await context.addInitScript(watchForSelectors, PAGE_WATCHES);
    const page = await context.newPage();
    const errors = collectErrors(page);

    const openWatched = async (name) => {
      const w = watch[name];
      await page.goto(urlOf(w.path), { waitUntil: 'commit' });
      try {
        await page.waitForFunction((key) => globalThis.__benchSeen?.[key]?.frame !== undefined, name, { timeout: NAV_TIMEOUT_MS, polling: 50 });
      } catch (error) {
        const text = await page
          .locator('#root')
          .innerText({ timeout: 1_000 })
          .catch(() => '(unreadable)');
        throw new Error(
          `${w.path}: "${w.selector}" did not reach ${w.count} within ${NAV_TIMEOUT_MS / 1000} s: ${error.message}\n` +
            `${[...errors, ...errors.requests].join('\n')}\n#root text: ${JSON.stringify(text.slice(0, 300))}`,
          { cause: error },
        );
      }
      assertNoErrors(errors, `${name} page`);
      return page.evaluate((key) => globalThis.__benchSeen[key], name);
    };
    const openScorecard = async () => {
      const seen = await openWatched('scorecard');
      const shape = await page.evaluate(() => {
        const count = (selector) => globalThis.document.querySelectorAll(`table.table--scorecard ${selector}`).length;
        return { rows: count('tbody tr'), targets: count('thead th') - 1, cells: count('tbody td') };
      });
      if (shape.rows !== expected.rows || shape.targets !== expected.targets || shape.cells !== expected.rows * expected.targets) {
        throw new Error(`scorecard: expected ${expected.rows} rows × ${expected.targets} targets, found ${JSON.stringify(shape)}`);
      }
      scorecardShape = shape;
      return seen;
    };
    const openDashboard = async () => {
      await page.goto(appUrl, { waitUntil: 'commit' });
      return (await readDashboardTimes(page, errors)).ready;
    };

    // Untimed: installs the MSW service worker and puts every page's chunks in the HTTP cache.
    await openDashboard();
    await openScorecard();
    await openWatched('detail');

    // Timed, interleaved so that drift affects the pages alike.
    for (let i = 0; i < PAGE_RUNS; i++) {
      times.dashboard.push(await openDashboard());
      const scorecard = await openScorecard();
      times.scorecard.push(scorecard.at);
      frames.scorecard.push(scorecard.frame);
      const detail = await openWatched('detail');
      times.detail.push(detail.at);
      frames.detail.push(detail.frame);
    }
  } finally {
    await context.close();
  }

  const stats = {
    dashboard: summarize(times.dashboard),
    scorecard: summarize(times.scorecard),
    scorecardFrame: summarize(frames.scorecard),
    detail: summarize(times.detail),
    detailFrame: summarize(frames.detail),
  };
  const cell = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  const over = (s) => `${s.median - stats.dashboard.median >= 0 ? '+' : ''}${ms(s.median - stats.dashboard.median)}`;
  return {
    key: 'pages',
    title: 'Scorecard and target detail pages (Chromium, built app, warm)',
    tables: [
      {
        title: `Chromium ${browser.version()}, warm, ${PAGE_RUNS} runs each: median (min–max), ms since navigation start`,
        header: ['page', 'ready when', 'time', 'to next frame', 'vs dashboard (median)'],
        rows: [
          ['/ (baseline)', 'dashboard-ready mark', cell(stats.dashboard), '-', '-'],
          [
            '/scorecard',
            `${scorecardShape.rows} rows × ${scorecardShape.targets} targets`,
            cell(stats.scorecard),
            cell(stats.scorecardFrame),
            over(stats.scorecard),
          ],
          [`/targets/${DETAIL_TARGET}`, 'trend line path', cell(stats.detail), cell(stats.detailFrame), over(stats.detail)],
        ],
        note:
          'One browser context: each page loaded once untimed (MSW service worker installed, chunks in the HTTP cache), then ' +
          'page.goto per run, the pages interleaved. Scorecard and detail: a MutationObserver added with page.addInitScript records ' +
          `performance.now() when "${watch.scorecard.selector}" first counts ${watch.scorecard.count} ` +
          `(${scorecardShape.cells} cells) and when "${watch.detail.selector}" first exists; to next frame = the ` +
          'requestAnimationFrame after that. Baseline: the dashboard\'s own dashboard-ready mark, as in the first-render benchmark ' +
          '(set in an effect just after the dashboard\'s commit; the observer fires at the commit). ' +
          `Scorecard: the city and its ${expected.rows - 1} townships × the ${expected.targets} of ${expected.allTargets} targets in ` +
          `${path.relative(PROJECT_DIR, TARGET_FILE)} that apply to every region (${expected.allTargets - expected.targets} apply to the city only).`,
      },
    ],
    aims: [],
    data: {
      unit: 'ms since navigation start',
      runs: PAGE_RUNS,
      chromium: browser.version(),
      watches: PAGE_WATCHES,
      scorecard: { ...scorecardShape, targetsInFile: expected.allTargets, ready: stats.scorecard, nextFrame: stats.scorecardFrame },
      detail: { target: DETAIL_TARGET, ready: stats.detail, nextFrame: stats.detailFrame },
      baseline: { dashboardReady: stats.dashboard },
    },
  };
}

/** What the scorecard must show for targets/ruzhou-2020.yaml: the city + its townships, × the targets that apply to all regions. */
async function scorecardShapeFromTargetFile() {
  const { parse } = await import('yaml');
  const doc = parse(await readFile(TARGET_FILE, 'utf8'));
  const jurisdiction = doc.jurisdiction;
  const townships = (doc.regions ?? []).filter((r) => r.parent === jurisdiction).length;
  const targets = doc.targets ?? [];
  const forAll = targets.filter((t) => (t.applies_to ?? 'all') === 'all').length;
  if (!jurisdiction || townships === 0 || forAll === 0) {
    throw new Error(`${path.relative(PROJECT_DIR, TARGET_FILE)}: jurisdiction ${jurisdiction}, ${townships} townships, ${forAll} targets for all regions`);
  }
  return { rows: 1 + townships, targets: forAll, allTargets: targets.length };
}

/**
 * Runs in the page before its scripts (page.addInitScript): for the watch whose path is this page's,
 * records in `window.__benchSeen[name]` the performance.now() at which `selector` first matches
 * `count` elements (`at`, from a MutationObserver callback) and at the next animation frame (`frame`).
 */
function watchForSelectors(watches) {
  const { document, location } = globalThis;
  const seen = {};
  Object.defineProperty(globalThis, '__benchSeen', { value: seen });
  const here = location.pathname.replace(/\/+$/, '') || '/';
  const mine = watches.filter((w) => w.path === here);
  if (mine.length === 0) return;
  const check = () => {
    for (const w of mine) {
      if (seen[w.name] || document.querySelectorAll(w.selector).length < w.count) continue;
      const entry = { at: performance.now() };
      seen[w.name] = entry;
      globalThis.requestAnimationFrame(() => (entry.frame = performance.now()));
    }
    if (mine.every((w) => seen[w.name])) observer.disconnect();
  };
  const observer = new globalThis.MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

// ---------------------------------------------------------------------------
// Baseline bundle: React + ReactDOM alone, built with Vite's JS API

async function buildBaseline() {
  await rm(BASELINE_DIR, { recursive: true, force: true });
  await mkdir(BASELINE_DIR, { recursive: true });
  await writeFile(
    path.join(BASELINE_DIR, 'index.html'),
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <title>baseline</title>\n' +
      '    <link rel="icon" href="data:," />\n  </head>\n  <body>\n    <div id="root"></div>\n' +
      '    <script type="module" src="/main.js"></script>\n  </body>\n</html>\n',
  );
  await writeFile(
    path.join(BASELINE_DIR, 'main.js'),
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n\n" +
      "createRoot(document.getElementById('root')).render(createElement('p', null, 'hi'));\n",
  );
  const outDir = path.join(BASELINE_DIR, 'dist');
  const { build } = await import('vite');
  await build({
    root: BASELINE_DIR,
    configFile: false,
    envFile: false,
    logLevel: 'silent',
    mode: 'production',
    // Same output settings as the app's vite.config.ts, minus source maps.
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  });
  return { dir: outDir };
}

// ---------------------------------------------------------------------------
// Static server

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }.
 * Hashed files under /assets/ are cacheable for a year, everything else is
 * revalidated, as a production deployment would do (this is what "warm" sees).
 * With `spa`, a missing path without an extension (`/scorecard`,
 * `/targets/x`) gets `index.html`, as `vite preview` and a single-page-app
 * deployment do.
 */
function startStaticServer(dir, { spa = false } = {}) {
  const root = path.resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let file = path.join(root, path.posix.normalize(pathname));
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      if (pathname.endsWith('/')) file = path.join(file, 'index.html');
      let info = await stat(file).catch(() => null);
      if (!info?.isFile() && spa && path.posix.extname(pathname) === '') {
        file = path.join(root, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        'Last-Modified': info.mtime.toUTCString(),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    }
  });
  server.keepAliveTimeout = 1_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------
// Browser

async function launchChromium() {
  const { chromium } = await import('@playwright/test');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  return chromium.launch({ headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
}

// ---------------------------------------------------------------------------
// Output

function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function ms(value) {
  return `${Math.round(value)} ms`;
}

/** A plain aligned table: first column left-aligned, others right-aligned. */
function formatTable({ title, header, rows, note }) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => displayWidth(row[c]))));
  const line = (row) =>
    row
      .map((text, c) => {
        const pad = ' '.repeat(widths[c] - displayWidth(text));
        return c === 0 ? text + pad : pad + text;
      })
      .join('   ')
      .trimEnd();
  const out = [title, line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)];
  if (note) out.push(note);
  return out.join('\n');
}

/** East Asian wide and full-width characters (CJK, kana, hangul, full-width forms) take two terminal columns. */
const WIDE_CHAR = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

function displayWidth(text) {
  let width = 0;
  for (const char of String(text)) width += WIDE_CHAR.test(char) ? 2 : 1;
  return width;
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

// ---------------------------------------------------------------------------
// Main

async function main() {
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error('dist/index.html not found — run `npx vite build` (or `npm run bench`) first');
  }

  const cleanups = [];
  let browserPromise;
  const ctx = {
    projectDir: PROJECT_DIR,
    distDir: DIST_DIR,
    baseline: null,
    /** The shared Chromium, launched on first use. */
    browser() {
      if (!browserPromise) {
        browserPromise = launchChromium();
        cleanups.push(async () => (await browserPromise.catch(() => null))?.close());
      }
      return browserPromise;
    },
    /** Serves `dir` until the end of the run (`{ spa: true }`: index.html for app routes); resolves to its base URL. */
    async serve(dir, options) {
      const server = await startStaticServer(dir, options);
      cleanups.push(server.close);
      return server.url;
    },
  };
  const cleanup = async () => {
    while (cleanups.length) await cleanups.pop()().catch(() => {});
  };

  const abort = (reason) => {
    console.error(`\nbench: ${reason}`);
    process.exitCode = 1;
    void cleanup().finally(() => process.exit(1));
  };
  const watchdog = setTimeout(() => abort(`gave up after ${OVERALL_TIMEOUT_MS / 1000} s`), OVERALL_TIMEOUT_MS);
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));

  const started = Date.now();
  const results = [];
  try {
    ctx.baseline = await buildBaseline();
    for (const bench of BENCHMARKS) {
      const result = await bench(ctx);
      results.push(result);
      console.log(`\n== ${result.title} ==\n`);
      for (const table of result.tables) console.log(formatTable(table) + '\n');
    }
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }

  const aims = results.flatMap((r) => r.aims ?? []);
  console.log(
    formatTable({
      title: '== Aims (from the issue) ==\n',
      header: ['aim', 'value', 'met'],
      rows: aims.map((a) => [a.aim, a.value, a.met ? 'yes' : 'NO']),
    }),
  );

  const report = {
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
    aims,
    ...Object.fromEntries(results.map((r) => [r.key, r.data])),
  };
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nWrote ${path.relative(PROJECT_DIR, RESULTS_FILE)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error) => {
  console.error(`\nbench failed: ${error?.stack ?? error}`);
  process.exit(1);
});
