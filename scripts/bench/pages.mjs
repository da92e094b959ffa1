/**
 * Benchmark: scorecard and detail pages in the built app, warm.
 *
 * One context, each page loaded once untimed, then PAGE_RUNS interleaved
 * `page.goto`s of `/` (baseline: its `dashboard-ready` mark), `/scorecard`
 * (until its table has the city + 21 townships as rows) and
 * `/targets/preschool-ger-2020` (until the trend chart has a line path), both
 * timed by a MutationObserver added with `page.addInitScript`
 * (watchForSelectors). dist/ is served with an index.html fallback for app
 * routes, as `vite preview` does. Figures only, no aim. Tables: pages-report.mjs.
 */

import { assertNoErrors, collectErrors, messageOf, NAV_TIMEOUT_MS, newContext, rootText } from './lib/browser.mjs';
import { readDashboardTimes } from './lib/dashboard.mjs';
import { DIST_DIR, projectPath, readTargetFile, TARGET_FILE } from './lib/project.mjs';
import { pagesResult } from './pages-report.mjs';

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').PageErrors} PageErrors
 * @typedef {import('./types').PageWatch} PageWatch
 * @typedef {import('./types').Seen} Seen
 * @typedef {{ rows: number, targets: number, allTargets: number }} ExpectedShape
 * @typedef {{ rows: number, targets: number, cells: number }} ScorecardShape
 * @typedef {{ dashboard: number[], scorecard: number[], detail: number[], scorecardFrame: number[], detailFrame: number[] }} PageTimes
 */

const PAGE_RUNS = 5;
const DETAIL_TARGET = 'preschool-ger-2020';

/**
 * Warm time to the scorecard's 22 rows and to the detail page's trend line, vs the dashboard's
 * `dashboard-ready` under the same conditions (one context, every page loaded once untimed first).
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchPages(ctx) {
  const expected = await scorecardShapeFromTargetFile();
  /** @type {PageWatch[]} */
  const watches = [
    { name: 'scorecard', path: '/scorecard', selector: 'table.table--scorecard tbody tr', count: expected.rows },
    { name: 'detail', path: `/targets/${DETAIL_TARGET}`, selector: '.trend-chart svg .recharts-line path.recharts-line-curve', count: 1 },
  ];
  const browser = await ctx.browser();
  const appUrl = await ctx.serve(DIST_DIR, { spa: true });

  /** @type {PageTimes} */
  const times = { dashboard: [], scorecard: [], detail: [], scorecardFrame: [], detailFrame: [] };
  let scorecardShape;
  const context = await newContext(browser);
  try {
    await context.addInitScript(watchForSelectors, watches);
    const page = await context.newPage();
    const open = pageOpeners(page, collectErrors(page), appUrl, watches, expected);

    // Untimed: installs the MSW service worker and puts every page's chunks in the HTTP cache.
    await open.dashboard();
    await open.scorecard();
    await open.watched('detail');

    // Timed, interleaved so that drift affects the pages alike.
    for (let i = 0; i < PAGE_RUNS; i++) {
      times.dashboard.push(await open.dashboard());
      const scorecard = await open.scorecard();
      times.scorecard.push(scorecard.at);
      times.scorecardFrame.push(scorecard.frame);
      const detail = await open.watched('detail');
      times.detail.push(detail.at);
      times.detailFrame.push(detail.frame);
    }
    scorecardShape = open.scorecardShape();
  } finally {
    await context.close();
  }
  return pagesResult({
    times,
    runs: PAGE_RUNS,
    watches,
    detailTarget: DETAIL_TARGET,
    expected,
    scorecardShape,
    chromium: browser.version(),
    targetFile: projectPath(TARGET_FILE),
  });
}

/**
 * Opening each page and waiting until it is ready: `dashboard()` resolves to its dashboard-ready
 * mark, `watched(name)` and `scorecard()` to when the watch's selector matched and the next frame.
 * @param {Page} page
 * @param {PageErrors} errors
 * @param {string} appUrl
 * @param {PageWatch[]} watches
 * @param {ExpectedShape} expected
 */
function pageOpeners(page, errors, appUrl, watches, expected) {
  /** @type {ScorecardShape | undefined} */
  let scorecardShape;

  /** @param {string} name */
  const watched = async (name) => {
    const w = watches.find((watch) => watch.name === name);
    if (!w) throw new Error(`no page watch "${name}"`);
    await page.goto(new URL(w.path, appUrl).href, { waitUntil: 'commit' });
    try {
      await page.waitForFunction((key) => globalThis.__benchSeen?.[key]?.frame !== undefined, name, { timeout: NAV_TIMEOUT_MS, polling: 50 });
    } catch (error) {
      throw new Error(
        `${w.path}: "${w.selector}" did not reach ${w.count} within ${NAV_TIMEOUT_MS / 1000} s: ${messageOf(error)}\n` +
          `${[...errors.uncaught, ...errors.requests].join('\n')}\n#root text: ${await rootText(page)}`,
        { cause: error },
      );
    }
    assertNoErrors(errors, `${name} page`);
    const seen = await page.evaluate((key) => globalThis.__benchSeen?.[key], name);
    if (seen?.frame === undefined) throw new Error(`${w.path}: no time recorded for "${w.selector}"`);
    return { at: seen.at, frame: seen.frame };
  };

  const scorecard = async () => {
    const seen = await watched('scorecard');
    const shape = await page.evaluate(() => {
      /** @param {string} selector */
      const count = (selector) => globalThis.document.querySelectorAll(`table.table--scorecard ${selector}`).length;
      return { rows: count('tbody tr'), targets: count('thead th') - 1, cells: count('tbody td') };
    });
    if (shape.rows !== expected.rows || shape.targets !== expected.targets || shape.cells !== expected.rows * expected.targets) {
      throw new Error(`scorecard: expected ${expected.rows} rows × ${expected.targets} targets, found ${JSON.stringify(shape)}`);
    }
    scorecardShape = shape;
    return seen;
  };

  const dashboard = async () => {
    await page.goto(appUrl, { waitUntil: 'commit' });
    return (await readDashboardTimes(page, errors)).ready;
  };

  const shapeSeen = () => {
    if (!scorecardShape) throw new Error('the scorecard was never opened');
    return scorecardShape;
  };
  return { watched, scorecard, dashboard, scorecardShape: shapeSeen };
}

/**
 * What the scorecard must show for targets/ruzhou-2020.yaml: the city + its townships, × the targets that apply to all regions.
 * @returns {Promise<ExpectedShape>}
 */
async function scorecardShapeFromTargetFile() {
  const doc = await readTargetFile();
  const jurisdiction = doc.jurisdiction;
  const townships = (doc.regions ?? []).filter((r) => r.parent === jurisdiction).length;
  const targets = doc.targets ?? [];
  const forAll = targets.filter((t) => (t.applies_to ?? 'all') === 'all').length;
  if (!jurisdiction || townships === 0 || forAll === 0) {
    throw new Error(`${projectPath(TARGET_FILE)}: jurisdiction ${jurisdiction}, ${townships} townships, ${forAll} targets for all regions`);
  }
  return { rows: 1 + townships, targets: forAll, allTargets: targets.length };
}

/**
 * Runs in the page before its scripts (page.addInitScript): for the watch whose path is this page's,
 * records in `window.__benchSeen[name]` the performance.now() at which `selector` first matches
 * `count` elements (`at`, from a MutationObserver callback) and at the next animation frame (`frame`).
 * @param {PageWatch[]} watches
 */
function watchForSelectors(watches) {
  const { document, location } = globalThis;
  /** @type {Record<string, Seen>} */
  const seen = {};
  Object.defineProperty(globalThis, '__benchSeen', { value: seen });
  const here = location.pathname.replace(/\/+$/, '') || '/';
  const mine = watches.filter((w) => w.path === here);
  if (mine.length === 0) return;
  const check = () => {
    for (const w of mine) {
      if (seen[w.name] || document.querySelectorAll(w.selector).length < w.count) continue;
      /** @type {Seen} */
      const entry = { at: performance.now() };
      seen[w.name] = entry;
      globalThis.requestAnimationFrame(() => (entry.frame = performance.now()));
    }
    if (mine.every((w) => seen[w.name])) observer.disconnect();
  };
  const observer = new globalThis.MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}
