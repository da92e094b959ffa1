/**
 * Benchmark: the pages at province scale in Chromium (group `scale`), on the real server — what an
 * official waits for and whether the page ever stops answering.
 *
 * One server (the built `dist-server/node/main.js` over PGlite in a temporary DATA_DIR, DEMO_DATA=1 so
 * Ruzhou has the demo's figures) serving the default Ruzhou set beside generated province sets
 * (lib/province.mjs: townships under counties, 12 targets, SCALE_YEARS years of figures imported
 * through `POST /api/batches` as an analyst would). A viewer's browser context, signed in.
 *
 * Per set, median of RUNS fresh page loads (each one untimed first), every figure from
 * `performance.now()` in the page (ms since its navigation started) and the longest main-thread task
 * (a `longtask` PerformanceObserver installed before the app runs):
 * - scorecard: until the table's first body row is in the page (fetch, index, every cell evaluated, drawn);
 * - year change: choosing the previous year in the year select until the caption names it (a year not
 *   evaluated yet in this page: the whole grid again, from the cached series);
 * - sort: pressing the first target's sort button until its header says `aria-sort`;
 * - target page: the first target until its trend chart has a line;
 * - report: until the report's summary table is in the page.
 * The Ruzhou row is the baseline the province rows are read against, in the same run.
 */

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NAV_TIMEOUT_MS, newContext } from './lib/browser.mjs';
import { DIST_DIR, readTargetFile, TARGET_FILE } from './lib/project.mjs';
import { batchBodies, provinceFigures, provinceTargetFile } from './lib/province.mjs';
import { addUser, buildServer, freePort, SERVER_ENTRY, ServerProcess, signIn } from './lib/server-process.mjs';
import { ms, summarize } from './lib/stats.mjs';

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').Stats} Stats
 * @typedef {{ at: number, longest: number }} Timed
 * @typedef {{ label: string, set: string, figures: number, townships: number, target: string }} BenchSet
 */

/** Loads per page and build (SCALE_RUNS to change it: more on a busy machine). */
const RUNS = Number(process.env.SCALE_RUNS ?? 3);
const SCALE_YEARS = { first: 2016, count: 10 };
/** The generated sets: townships × 12 targets × SCALE_YEARS years, under counties as a province has them. */
const SIZES = [
  { townships: 500, counties: 40 },
  { townships: 2_000, counties: 158 },
];
/**
 * The builds measured, each on a copy of the same data, taking turns run by run: with
 * BENCH_COMPARE_SERVER=<another checkout> (built with `npm run build && node src/server/build.mjs --force`,
 * e.g. main before a change) that checkout's server and app ("before") beside this one's.
 */
const COMPARE_ROOT = process.env.BENCH_COMPARE_SERVER ? path.resolve(process.env.BENCH_COMPARE_SERVER) : undefined;
/** Each build's server listens on the next port after the first (BENCH_SERVER_PORT, else a free one). */
const BUILDS = [...(COMPARE_ROOT ? [{ label: 'before', entry: path.join(COMPARE_ROOT, 'dist-server', 'node', 'main.js') }] : []), { label: COMPARE_ROOT ? 'after' : 'this build', entry: SERVER_ENTRY }];
/** SCALE_PROFILE=<dir>: a CPU profile of the page's main thread for one more scorecard and target page load at 2,000 townships, per build. */
const PROFILE_DIR = process.env.SCALE_PROFILE ? path.resolve(process.env.SCALE_PROFILE) : undefined;
const VIEWER = { name: 'bench-viewer', password: 'bench-viewer-pass-1', role: /** @type {const} */ ('viewer') };
const ANALYST = { name: 'bench-analyst', password: 'bench-analyst-pass-1', role: /** @type {const} */ ('analyst') };
/** What the pages wait for (a page is "ready" the first time it matches). */
const READY = {
  scorecard: 'table.table--scorecard tbody tr[aria-rowindex]',
  target: '.trend-chart svg .recharts-line path.recharts-line-curve',
  report: 'main table',
};

/**
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchScalePages(ctx) {
  buildServer();
  const targetsDir = await mkdtemp(path.join(os.tmpdir(), 'bench-scale-targets-'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-scale-data-'));
  const ruzhou = await readTargetFile();
  await writeFile(path.join(targetsDir, path.basename(TARGET_FILE)), await readFile(TARGET_FILE, 'utf8'));
  const provinces = SIZES.map((size) => provinceTargetFile({ id: `scale-pages-${size.townships}`, townships: size.townships, counties: size.counties, metrics: 12 }));
  for (const p of provinces) await writeFile(path.join(targetsDir, p.fileName), p.content);

  const env = { DATA_DIR: dataDir, TARGETS_DIR: targetsDir, DEMO_DATA: '1' };
  addUser(env, ANALYST);
  addUser(env, VIEWER);
  const port = process.env.BENCH_SERVER_PORT ? Number(process.env.BENCH_SERVER_PORT) : await freePort();
  /** @type {BenchSet[]} */
  const sets = [{ label: 'Ruzhou (default set, demo seed)', set: ruzhou.id ?? 'ruzhou-2020', figures: 0, townships: 21, target: 'preschool-ger-2020' }];
  /** @type {Record<string, unknown>[]} */
  const rows = [];
  try {
    // The figures are imported once, by this checkout's server; every build is then measured on the same data.
    const importer = new ServerProcess('server (PGlite)', port, env);
    try {
      await importer.start();
      const analyst = await signIn(importer, ANALYST);
      for (const p of provinces) {
        const figures = provinceFigures(p, { firstYear: SCALE_YEARS.first, count: p.townships.length * p.metrics.length * SCALE_YEARS.count });
        const bodies = batchBodies(figures, { fileName: (i) => `合成省乡镇统计-${i + 1}.csv`, targetSet: p.id, maxBytes: 16 * 1024 * 1024, stored: new Set() });
        for (const body of bodies) await analyst.expect('POST', '/batches', 201, body.json);
        sets.push({ label: `${p.townships.length} × 12 × ${SCALE_YEARS.count}`, set: p.id, figures: figures.length, townships: p.townships.length, target: `${p.metrics[0]?.id}-2025` });
        console.error(`scale-pages: ${p.townships.length} townships imported (${figures.length} figures)`);
      }
    } finally {
      await importer.stop();
    }

    // One server per build, each on its own copy of the data (PGlite holds a data directory alone) and in its
    // own browser context (cookies do not tell ports apart); the builds take turns run by run, so a machine
    // that slows down slows both alike.
    const browser = await ctx.browser();
    /** @type {{ label: string, server: ServerProcess, page: Page, dir: string }[]} */
    const measured = [];
    try {
      // Copied before any server runs (a running server's folder is not a consistent copy, and holds its lock).
      const dirs = BUILDS.map((_, i) => (i === 0 ? dataDir : `${dataDir}-${i}`));
      for (const dir of dirs.slice(1)) await cp(dataDir, dir, { recursive: true });
      for (const [i, build] of BUILDS.entries()) {
        const dir = dirs[i] ?? dataDir;
        const server = new ServerProcess(`server (PGlite, ${build.label})`, port + i, { ...env, DATA_DIR: dir }, build.entry);
        const context = await newContext(browser);
        const page = await context.newPage();
        measured.push({ label: build.label, server, page, dir });
        await server.start();
        await context.addInitScript(() => {
          const w = /** @type {any} */ (globalThis);
          w.__longest = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
          }).observe({ type: 'longtask', buffered: true });
        });
        const session = await context.request.post(`${server.origin}/api/session`, { data: { name: VIEWER.name, password: VIEWER.password }, headers: { Origin: server.origin } });
        if (session.status() !== 200) throw new Error(`POST /api/session as the viewer answered ${session.status()}`);
      }
      for (const set of sets) {
        const results = await measureSet(measured.map((m) => ({ page: m.page, origin: m.server.origin })), set);
        results.forEach((result, i) => rows.push({ build: measured[i]?.label, ...result }));
        console.error(`scale-pages: ${set.label} measured`);
      }
      const big = sets.find((s) => s.townships === 2_000);
      if (PROFILE_DIR && big) for (const m of measured) await profile(m.page, m.server.origin, big, m.label);
    } finally {
      for (const m of measured) {
        await m.page.context().close();
        await m.server.stop();
        if (m.dir !== dataDir) await rm(m.dir, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(targetsDir, { recursive: true, force: true });
  }
  return scalePagesResult(rows);
}

/**
 * Every page and interaction of a set, RUNS times (after one untimed run) in each build, the builds taking
 * turns run by run; one result per build, in order.
 * @param {{ page: Page, origin: string }[]} builds
 * @param {BenchSet} set
 */
async function measureSet(builds, set) {
  /** @type {Record<string, Timed[]>[]} */
  const times = builds.map(() => ({ scorecard: [], yearChange: [], sort: [], target: [], report: [] }));
  for (let run = -1; run < RUNS; run++) {
    for (const [b, { page, origin }] of builds.entries()) {
      const load = async (/** @type {string} */ pathAndQuery, /** @type {string} */ selector) => {
        await page.goto(`${origin}${pathAndQuery}`, { waitUntil: 'commit' });
        return ready(page, selector, pathAndQuery);
      };
      const keep = (/** @type {string} */ name, /** @type {Timed} */ t) => run >= 0 && times[b]?.[name]?.push(t);
      keep('scorecard', await load(`/scorecard?set=${set.set}`, READY.scorecard));
      keep('yearChange', await yearChange(page));
      keep('sort', await sortFirst(page));
      keep('target', await load(`/targets/${set.target}?set=${set.set}`, READY.target));
      keep('report', await load(`/report?set=${set.set}`, READY.report));
      // Off the page before the other build's turn, so an idle tab's timers do not run beside it.
      await page.goto('about:blank');
    }
  }
  /** @param {Timed[]} list */
  const stats = (list) => ({ at: summarize(list.map((t) => t.at)), longest: summarize(list.map((t) => t.longest)) });
  return times.map((t) => ({ label: set.label, figures: set.figures, townships: set.townships, ...Object.fromEntries(Object.entries(t).map(([k, v]) => [k, stats(v)])) }));
}

/**
 * Waits until `selector` matches; its time since navigation and the longest task so far.
 * @param {Page} page @param {string} selector @param {string} what
 * @returns {Promise<Timed>}
 */
async function ready(page, selector, what) {
  const handle = await page
    .waitForFunction((s) => (globalThis.document.querySelector(s) ? { at: performance.now(), longest: /** @type {any} */ (globalThis).__longest } : null), selector, {
      timeout: NAV_TIMEOUT_MS * 4,
      polling: 'raf',
    })
    .catch((error) => {
      throw new Error(`${what}: "${selector}" never appeared: ${error?.message ?? error}`, { cause: error });
    });
  return /** @type {Timed} */ (await handle.jsonValue());
}

/**
 * Chooses the year before the one shown and waits for the caption to name it.
 * @param {Page} page
 * @returns {Promise<Timed>}
 */
async function yearChange(page) {
  const year = page.locator('select[id$="-year"]');
  const options = await year.locator('option').evaluateAll((list) => list.map((o) => /** @type {HTMLOptionElement} */ (o).value));
  const current = await year.inputValue();
  const previous = options[options.indexOf(current) - 1];
  if (!previous) throw new Error(`scorecard: no year before ${current} among ${options.join(', ')}`);
  return interact(
    page,
    async () => year.selectOption(previous),
    (y) => {
      const w = /** @type {any} */ (globalThis);
      const caption = w.document.querySelector('table.table--scorecard caption')?.textContent ?? '';
      return caption.includes(y) ? { at: performance.now() - w.__started, longest: w.__longest } : null;
    },
    previous,
  );
}

/**
 * Presses the first target's sort button and waits for its header's `aria-sort`.
 * @param {Page} page
 * @returns {Promise<Timed>}
 */
async function sortFirst(page) {
  const button = page.locator('table.table--scorecard thead th').nth(1).locator('button');
  return interact(
    page,
    async () => button.press('Enter'),
    () => {
      const w = /** @type {any} */ (globalThis);
      const sorted = w.document.querySelectorAll('table.table--scorecard thead th')[1]?.getAttribute('aria-sort') === 'ascending';
      return sorted ? { at: performance.now() - w.__started, longest: w.__longest } : null;
    },
    '',
  );
}

/**
 * Times an interaction in the page: `done` (run in the page) answers the time since just before `act`
 * and the longest task since then once the page shows the result, null before.
 * @param {Page} page
 * @param {() => Promise<unknown>} act
 * @param {(arg: string) => Timed | null} done
 * @param {string} arg
 * @returns {Promise<Timed>}
 */
async function interact(page, act, done, arg) {
  await page.evaluate(() => {
    const w = /** @type {any} */ (globalThis);
    w.__longest = 0;
    w.__started = performance.now();
  });
  await act();
  const handle = await page.waitForFunction(done, arg, { timeout: NAV_TIMEOUT_MS * 4, polling: 'raf' });
  return /** @type {Timed} */ (await handle.jsonValue());
}

/**
 * One scorecard and one target page load under the CPU profiler (main thread), written to PROFILE_DIR
 * as .cpuprofile (open in Chromium's DevTools), with the functions taking the most self time on stderr.
 * @param {Page} page @param {string} origin @param {BenchSet} set @param {string} build
 */
async function profile(page, origin, set, build) {
  if (!PROFILE_DIR) return;
  await mkdir(PROFILE_DIR, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (const { name, pathAndQuery, selector } of [
    { name: 'scorecard', pathAndQuery: `/scorecard?set=${set.set}`, selector: READY.scorecard },
    { name: 'target', pathAndQuery: `/targets/${set.target}?set=${set.set}`, selector: READY.target },
  ]) {
    await page.goto('about:blank');
    await cdp.send('Profiler.start');
    await page.goto(`${origin}${pathAndQuery}`, { waitUntil: 'commit' });
    const t = await ready(page, selector, pathAndQuery);
    const { profile: cpu } = /** @type {any} */ (await cdp.send('Profiler.stop'));
    const file = path.join(PROFILE_DIR, `${build}-${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(cpu));
    /** @type {Map<string, number>} */
    const self = new Map();
    const byId = new Map(cpu.nodes.map((/** @type {any} */ n) => [n.id, n]));
    const deltas = cpu.timeDeltas;
    for (let i = 0; i < cpu.samples.length; i++) {
      const node = byId.get(cpu.samples[i]);
      const f = node.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    }
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.error(`scale-pages: ${build} ${name} ready at ${Math.round(t.at)} ms (longest task ${Math.round(t.longest)} ms); profile ${file}; self time:`);
    for (const [key, time] of top) console.error(`  ${time.toFixed(1).padStart(8)} ms  ${key}`);
  }
  await cdp.detach();
}

/**
 * @param {Record<string, any>[]} rows
 * @returns {BenchResult}
 */
function scalePagesResult(rows) {
  const cell = (/** @type {{ at: Stats, longest: Stats }} */ t) => `${ms(t.at.median)} (longest task ${ms(t.longest.median)})`;
  const own = BUILDS.at(-1)?.label;
  const big = rows.find((r) => r.townships === 2_000 && r.build === own);
  const compared = BUILDS.length > 1;
  const worstTask = big ? Math.max(...['scorecard', 'yearChange', 'sort', 'target', 'report'].map((k) => big[k].longest.max)) : 0;
  return {
    key: 'scalePages',
    title: `Pages at province scale in Chromium, on the server (median of ${RUNS} loads; longest main-thread task in brackets)`,
    tables: [
      {
        title: 'time to ready, per page and interaction',
        header: [...(compared ? ['build'] : []), 'set (R × T × Y)', 'figures', 'scorecard', 'year change', 'sort', 'target page', 'report'],
        rows: rows.map((r) => [...(compared ? [r.build] : []), r.label, r.figures ? String(r.figures) : 'demo seed', cell(r.scorecard), cell(r.yearChange), cell(r.sort), cell(r.target), cell(r.report)]),
        note: `Each page is a fresh load: the figures are fetched, indexed and evaluated again. The Ruzhou row is the baseline, in the same run.${compared ? ` "before" is ${COMPARE_ROOT}, on a copy of the same data, the builds taking turns run by run.` : ''}`,
      },
    ],
    aims: big
      ? [
          { aim: 'scorecard first render < 1 s at 2,000 × 12 × 10', value: ms(big.scorecard.at.median), met: big.scorecard.at.median < 1000 },
          { aim: 'scorecard year change < 200 ms at 2,000 × 12 × 10', value: ms(big.yearChange.at.median), met: big.yearChange.at.median < 200 },
          { aim: 'scorecard sort < 200 ms at 2,000 × 12 × 10', value: ms(big.sort.at.median), met: big.sort.at.median < 200 },
          { aim: 'target page < 1 s at 2,000 × 12 × 10', value: ms(big.target.at.median), met: big.target.at.median < 1000 },
          { aim: 'no main-thread task over 200 ms at 2,000 × 12 × 10 (worst of every run)', value: ms(worstTask), met: worstTask <= 200 },
        ]
      : [],
    data: { rows, dist: DIST_DIR, ...(COMPARE_ROOT ? { compare: COMPARE_ROOT } : {}) },
  };
}
