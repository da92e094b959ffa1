/**
 * Benchmark: target detail chart render in Chromium.
 *
 * The harness page scripts/bench-harness/chart.html renders the app's own
 * TrendChart (900 × 320, fixed) with data from the app's `trendChartData` for a
 * generated monthly series (x = 1190 + i/12, a noisy rising trend, goal
 * at_least 90, deadline after the last point): 10,000 points downsampled with
 * LTTB to 1,000 as the app does (median of 5), the baseline the same 10,000
 * points all drawn (`maxPoints: Infinity`, median of 3), and 100,000 points
 * downsampled (median of 5; never drawn whole). Render time = performance.now()
 * before `root.render` inside `flushSync` (fresh root each run) until the actual
 * series' SVG path is in the DOM with every drawn point, plus one forced layout.
 * Aims: the 10,000-point chart < 100 ms and at most half the time of drawing
 * all points. Tables and aims: target-chart-report.mjs.
 */

import { assertNoErrors, newContext, openHarness, within } from './lib/browser.mjs';
import { buildHarness } from './lib/builds.mjs';
import { summarize } from './lib/stats.mjs';
import { targetChartResult } from './target-chart-report.mjs';

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('../bench-harness/chart').ChartBench} ChartBench
 * @typedef {Awaited<ReturnType<ChartBench['run']>>} ChartRun
 * @typedef {{ key: 'downsampled10k' | 'all10k' | 'downsampled100k', label: string, points: number, drawAll: boolean, runs: number }} ChartCase
 * @typedef {ReturnType<typeof caseResult>} CaseResult
 */

/** @type {ChartCase[]} */
const CHART_CASES = [
  { key: 'downsampled10k', label: '10,000 points, LTTB to 1,000 (the app)', points: 10_000, drawAll: false, runs: 5 },
  { key: 'all10k', label: '10,000 points, all drawn (baseline)', points: 10_000, drawAll: true, runs: 3 },
  { key: 'downsampled100k', label: '100,000 points, LTTB to 1,000 (the app)', points: 100_000, drawAll: false, runs: 5 },
];
/** Bound on one chart render inside the page (the Node side allows a little more). */
const CHART_RUN_TIMEOUT_MS = 30_000;
/** What the app's trendChartData downsamples to. */
const DRAWN_WHEN_DOWNSAMPLED = 1_000;

/**
 * The app's TrendChart on a 10,000-point series as the app draws it (LTTB) vs all points drawn, and on 100,000 points.
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchTargetChart(ctx) {
  const harnessDir = await buildHarness();
  const browser = await ctx.browser();
  const url = await ctx.serve(harnessDir);

  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const errors = await openHarness(page, new URL('chart.html', url).href, 'chart harness');
    const { warmup, runsOf } = await renderAll(page);
    assertNoErrors(errors, 'chart harness');
    const cases = CHART_CASES.map((spec) => caseResult(spec, runsOf.get(spec) ?? []));
    return targetChartResult({ cases, warmup, chromium: browser.version() });
  } finally {
    await context.close();
  }
}

/**
 * One untimed render of each case, then the timed runs with the cases taken in turn.
 * @param {Page} page
 */
async function renderAll(page) {
  /**
   * @template R
   * @param {string} what
   * @param {Promise<R>} evaluation
   */
  const inPage = (what, evaluation) => within(what, evaluation, CHART_RUN_TIMEOUT_MS + 10_000);
  /** @param {ChartCase} spec */
  const render = (spec) =>
    inPage(
      `rendering the trend chart (${spec.label})`,
      page.evaluate((a) => globalThis.chartBench.run(a.points, a.drawAll, a.timeout), {
        points: spec.points,
        drawAll: spec.drawAll,
        timeout: CHART_RUN_TIMEOUT_MS,
      }),
    );

  for (const spec of CHART_CASES) {
    await inPage(`generating ${spec.points} points`, page.evaluate((n) => globalThis.chartBench.prepare(n), spec.points));
  }
  // One untimed render of each case first, so the runs compare rendering, not the first compilation of Recharts' code.
  const warmup = [];
  for (const spec of CHART_CASES) warmup.push((await render(spec)).renderMs);

  // Timed runs, the cases taken in turn, so JIT warm-up and drift affect them alike.
  /** @type {Map<ChartCase, ChartRun[]>} */
  const runsOf = new Map(CHART_CASES.map((spec) => [spec, []]));
  for (let i = 0; i < Math.max(...CHART_CASES.map((spec) => spec.runs)); i++) {
    for (const spec of CHART_CASES) if (i < spec.runs) runsOf.get(spec)?.push(await render(spec));
  }
  return { warmup, runsOf };
}

/**
 * Checks every run drew what it should at the right size, and summarises the case.
 * @param {ChartCase} spec
 * @param {ChartRun[]} runs
 */
function caseResult(spec, runs) {
  const expectedDrawn = spec.drawAll ? spec.points : DRAWN_WHEN_DOWNSAMPLED;
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
  const first = runs[0];
  if (!first) throw new Error(`${spec.label}: no runs`);
  return {
    ...spec,
    drawnPoints: expectedDrawn,
    renderMs: summarize(runs.map((r) => r.renderMs)),
    dataMs: summarize(runs.map((r) => r.dataMs)),
    totalMs: summarize(runs.map((r) => r.dataMs + r.renderMs)),
    frameMs: summarize(runs.map((r) => r.frameMs)),
    inFlushSync: runs.every((r) => r.inFlushSync),
    svgElements: first.elements,
  };
}
