/** The pages benchmark's table and data (the measuring is in pages.mjs). */

import { medianRange, ms, summarize } from './lib/stats.mjs';

/**
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').PageWatch} PageWatch
 * @typedef {import('./types').Stats} Stats
 * @typedef {import('./pages.mjs').PageTimes} PageTimes
 * @typedef {import('./pages.mjs').ExpectedShape} ExpectedShape
 * @typedef {import('./pages.mjs').ScorecardShape} ScorecardShape
 */

/**
 * @typedef {{
 *   times: PageTimes, runs: number, watches: PageWatch[], detailTarget: string,
 *   expected: ExpectedShape, scorecardShape: ScorecardShape, chromium: string, targetFile: string,
 * }} Measured
 */

/**
 * @param {Measured} measured
 * @returns {BenchResult}
 */
export function pagesResult({ times, runs, watches, detailTarget, expected, scorecardShape, chromium, targetFile }) {
  const stats = {
    dashboard: summarize(times.dashboard),
    scorecard: summarize(times.scorecard),
    scorecardFrame: summarize(times.scorecardFrame),
    detail: summarize(times.detail),
    detailFrame: summarize(times.detailFrame),
  };
  /** @param {Stats} s */
  const over = (s) => `${s.median - stats.dashboard.median >= 0 ? '+' : ''}${ms(s.median - stats.dashboard.median)}`;
  const [scorecardWatch, detailWatch] = watches;
  if (!scorecardWatch || !detailWatch) throw new Error('pages: expected the scorecard and detail watches');
  return {
    key: 'pages',
    title: 'Scorecard and target detail pages (Chromium, built app, warm)',
    tables: [
      {
        title: `Chromium ${chromium}, warm, ${runs} runs each: median (min–max), ms since navigation start`,
        header: ['page', 'ready when', 'time', 'to next frame', 'vs dashboard (median)'],
        rows: [
          ['/ (baseline)', 'dashboard-ready mark', medianRange(stats.dashboard), '-', '-'],
          [
            '/scorecard',
            `${scorecardShape.rows} rows × ${scorecardShape.targets} targets`,
            medianRange(stats.scorecard),
            medianRange(stats.scorecardFrame),
            over(stats.scorecard),
          ],
          [`/targets/${detailTarget}`, 'trend line path', medianRange(stats.detail), medianRange(stats.detailFrame), over(stats.detail)],
        ],
        note:
          'One browser context: each page loaded once untimed (MSW service worker installed, chunks in the HTTP cache), then ' +
          'page.goto per run, the pages interleaved. Scorecard and detail: a MutationObserver added with page.addInitScript records ' +
          `performance.now() when "${scorecardWatch.selector}" first counts ${scorecardWatch.count} ` +
          `(${scorecardShape.cells} cells) and when "${detailWatch.selector}" first exists; to next frame = the ` +
          'requestAnimationFrame after that. Baseline: the dashboard\'s own dashboard-ready mark, as in the first-render benchmark ' +
          '(set in an effect just after the dashboard\'s commit; the observer fires at the commit). ' +
          `Scorecard: the city and its ${expected.rows - 1} townships × the ${expected.targets} of ${expected.allTargets} targets in ` +
          `${targetFile} that apply to every region (${expected.allTargets - expected.targets} apply to the city only).`,
      },
    ],
    aims: [],
    data: {
      unit: 'ms since navigation start',
      runs,
      chromium,
      watches,
      scorecard: { ...scorecardShape, targetsInFile: expected.allTargets, ready: stats.scorecard, nextFrame: stats.scorecardFrame },
      detail: { target: detailTarget, ready: stats.detail, nextFrame: stats.detailFrame },
      baseline: { dashboardReady: stats.dashboard },
    },
  };
}
