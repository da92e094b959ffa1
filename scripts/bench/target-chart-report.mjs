/** The trend chart benchmark's tables, aims and data (the measuring is in target-chart.mjs). */

import { medianRange, ms } from './lib/stats.mjs';

/**
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').Table} Table
 * @typedef {import('./target-chart.mjs').CaseResult} CaseResult
 * @typedef {Record<CaseResult['key'], CaseResult>} Cases
 */

const AIM_CHART_10K_MS = 100; // "stays smooth"
const AIM_CHART_VS_BASELINE = 0.5; // "well under" drawing every point: at most half its time

/**
 * @param {{ cases: CaseResult[], warmup: number[], chromium: string }} measured
 * @returns {BenchResult}
 */
export function targetChartResult({ cases, warmup, chromium }) {
  const by = /** @type {Cases} */ (Object.fromEntries(cases.map((c) => [c.key, c])));
  const ratio = Math.round((by.downsampled10k.renderMs.median / by.all10k.renderMs.median) * 1000) / 1000;
  return {
    key: 'targetChart',
    title: 'Target detail chart render (Chromium, the app\'s TrendChart)',
    tables: [casesTable(cases, warmup, chromium), comparisonTable(by, ratio)],
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
      chromium,
      size: { width: 900, height: 320 },
      warmupRenderMs: warmup.map((v) => Math.round(v * 10) / 10),
      cases: by,
      ratioDownsampledToAll10k: ratio,
      aims: { downsampledMs: AIM_CHART_10K_MS, ratioToBaseline: AIM_CHART_VS_BASELINE },
    },
  };
}

/**
 * @param {CaseResult[]} cases
 * @param {number[]} warmup
 * @param {string} chromium
 * @returns {Table}
 */
function casesTable(cases, warmup, chromium) {
  /** @param {import('./types').Stats} s */
  const fine = (s) => `${s.median.toFixed(1)} ms`;
  return {
    title: `Chromium ${chromium}, TrendChart 900 × 320: median (min–max) of the runs`,
    header: ['series', 'runs', 'drawn', 'render', 'trendChartData', 'to next frame', 'SVG elements'],
    rows: cases.map((c) => [
      c.label,
      String(c.runs),
      c.drawnPoints.toLocaleString('en-US'),
      medianRange(c.renderMs),
      fine(c.dataMs),
      medianRange(c.frameMs),
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
  };
}

/**
 * @param {Cases} by
 * @param {number} ratio
 * @returns {Table}
 */
function comparisonTable(by, ratio) {
  return {
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
  };
}
