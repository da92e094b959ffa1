/**
 * Benchmark: time to first complete render in Chromium.
 *
 * dist/ is served by the bench's static server; the time is the
 * `dashboard-ready` performance mark (set when the dashboard has rendered with
 * data), in ms since navigation start. The mock API lives in a service worker,
 * which the first visit in a fresh browser context must install, so we measure:
 *   - cold: a new browser context per run (no service worker, no cache);
 *   - warm: one context, loaded once untimed, then `page.reload()` per run
 *     (service worker installed, hashed assets in the HTTP cache).
 * Also the dashboard's first-contentful-paint. Baseline: the first-contentful-
 * paint of React + ReactDOM rendering <p>hi</p> (lib/builds.mjs), cold, same
 * browser and server. Aim from the issue: first complete render < 0.5 s on a
 * 2-core machine.
 *
 * Also cold in English (`?lang=en`: the English messages are a chunk of their
 * own, loaded before the first render). With `BENCH_COMPARE=<dist dir>` (a
 * build of another revision, e.g. main before a change) the same measures run
 * for it too, interleaved run by run with dist/'s (so a busy machine slows
 * both alike), in a column beside the dashboard's.
 */

import os from 'node:os';
import { assertNoErrors, collectErrors, NAV_TIMEOUT_MS, newContext } from './lib/browser.mjs';
import { firstContentfulPaint, readDashboardTimes } from './lib/dashboard.mjs';
import { COMPARE_DIST_DIR, DIST_DIR } from './lib/project.mjs';
import { medianRange, ms, summarize } from './lib/stats.mjs';

/**
 * @typedef {import('@playwright/test').Browser} Browser
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {{ ready: number[], fcp: number[] }} Times
 */

const RUNS = 7;
const AIM_FIRST_RENDER_MS = 500;

/**
 * Cold and warm time to `dashboard-ready`, and first-contentful-paint, vs the baseline's FCP.
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchFirstRender(ctx) {
  const browser = await ctx.browser();
  /** @type {{ name: string, url: string }[]} */
  const builds = [{ name: 'dashboard', url: await ctx.serve(DIST_DIR) }];
  if (COMPARE_DIST_DIR) builds.push({ name: 'compared', url: await ctx.serve(COMPARE_DIST_DIR) });
  const baselineUrl = await ctx.serve(await ctx.baseline());

  const cold = await measureCold(browser, builds.map((b) => b.url));
  const coldEnglish = await measureCold(browser, builds.map((b) => `${b.url}?lang=en`));
  /** @type {Times[]} */
  const warm = [];
  for (const build of builds) warm.push(await measureWarm(browser, build.url));
  const baselineFcp = await measureBaselineFcp(browser, baselineUrl);

  const perBuild = builds.map((build, i) => ({
    name: build.name,
    coldReady: summarize(nth(cold, i).ready),
    coldEnglishReady: summarize(nth(coldEnglish, i).ready),
    warmReady: summarize(nth(warm, i).ready),
    coldFcp: summarize(nth(cold, i).fcp),
    warmFcp: summarize(nth(warm, i).fcp),
  }));
  const stats = { ...nth(perBuild, 0), baselineFcp: summarize(baselineFcp) };
  const compared = perBuild[1];
  /** @param {(b: (typeof perBuild)[number]) => string} cell */
  const cells = (cell) => perBuild.map(cell);
  return {
    key: 'firstRender',
    title: 'Time to first complete render (Chromium)',
    tables: [
      {
        title: `Chromium ${browser.version()}, ${RUNS} runs each: median (min–max), ms since navigation start`,
        header: ['measure', ...perBuild.map((b) => b.name), 'baseline'],
        rows: [
          ['cold: dashboard-ready', ...cells((b) => medianRange(b.coldReady)), '-'],
          ['cold, ?lang=en: dashboard-ready', ...cells((b) => medianRange(b.coldEnglishReady)), '-'],
          ['warm: dashboard-ready', ...cells((b) => medianRange(b.warmReady)), '-'],
          ['cold: first-contentful-paint', ...cells((b) => medianRange(b.coldFcp)), medianRange(stats.baselineFcp)],
          ['warm: first-contentful-paint', ...cells((b) => medianRange(b.warmFcp)), '-'],
          ['cold: ready minus baseline FCP', ...cells((b) => ms(b.coldReady.median - stats.baselineFcp.median)), '-'],
        ],
        note:
          'cold = new browser context per run (installs the MSW service worker); ' +
          'warm = page.reload() with the worker installed. Baseline = React + ReactDOM rendering <p>hi</p>, cold.' +
          (compared ? ` Cold runs alternate between the builds. The compared build: ${COMPARE_DIST_DIR}.` : ''),
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
        coldEnglish: { ready: stats.coldEnglishReady },
        warm: { ready: stats.warmReady, fcp: stats.warmFcp },
      },
      ...(compared
        ? {
            compared: {
              dist: COMPARE_DIST_DIR,
              cold: { ready: compared.coldReady, fcp: compared.coldFcp },
              coldEnglish: { ready: compared.coldEnglishReady },
              warm: { ready: compared.warmReady, fcp: compared.warmFcp },
            },
          }
        : {}),
      baseline: { cold: { fcp: stats.baselineFcp } },
      aimMs: AIM_FIRST_RENDER_MS,
    },
  };
}

/**
 * The `i`th element, which must be there.
 * @template T
 * @param {T[]} list
 * @param {number} i
 * @returns {T}
 */
function nth(list, i) {
  const found = list[i];
  if (found === undefined) throw new Error(`no element ${i} in a list of ${list.length}`);
  return found;
}

/**
 * Cold: a fresh context per run, so the MSW service worker is installed every time. With several
 * URLs, each run loads each of them in turn.
 * @param {Browser} browser
 * @param {string[]} urls
 * @returns {Promise<Times[]>}
 */
async function measureCold(browser, urls) {
  /** @type {Times[]} */
  const times = urls.map(() => ({ ready: [], fcp: [] }));
  for (let i = 0; i < RUNS; i++) {
    for (const [k, url] of urls.entries()) {
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        const errors = collectErrors(page);
        await page.goto(url, { waitUntil: 'commit' });
        const run = await readDashboardTimes(page, errors);
        times[k]?.ready.push(run.ready);
        times[k]?.fcp.push(run.fcp);
      } finally {
        await context.close();
      }
    }
  }
  return times;
}

/**
 * Warm: one context; an untimed first load installs the worker, then reloads.
 * @param {Browser} browser
 * @param {string} appUrl
 * @returns {Promise<Times>}
 */
async function measureWarm(browser, appUrl) {
  /** @type {Times} */
  const warm = { ready: [], fcp: [] };
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
  return warm;
}

/**
 * Baseline: React + ReactDOM rendering <p>hi</p>, cold, same browser and server.
 * @param {Browser} browser
 * @param {string} baselineUrl
 */
async function measureBaselineFcp(browser, baselineUrl) {
  const fcp = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(baselineUrl, { waitUntil: 'commit' });
      await page.waitForSelector('#root p', { timeout: NAV_TIMEOUT_MS });
      assertNoErrors(errors, 'baseline page');
      fcp.push(await firstContentfulPaint(page));
    } finally {
      await context.close();
    }
  }
  return fcp;
}
