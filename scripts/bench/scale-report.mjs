/** The scale benchmark's tables and aims (see scale.mjs). */

import { ms } from './lib/stats.mjs';

/**
 * @param {any[]} rows
 * @param {number} runs
 * @returns {import('./types').BenchResult}
 */
export function scaleResult(rows, runs) {
  const m = (/** @type {{ median: number } | null} */ s) => (s ? ms(s.median) : 'not run');
  const big = rows.find((r) => r.label === '2000 × 12 × 10');
  return {
    key: 'scale',
    title: `Evaluation at scale, in Node: before (re-indexed per call) → after (one shared index), median of ${runs}`,
    tables: [
      {
        title: 'computation per page, before → after (after includes building the index, except the year change)',
        header: ['R × T × Y', 'figures', 'index', 'dashboard', 'scorecard', 'scorecard year change', 'target page', 'report (every target)'],
        rows: rows.map((r) => [
          r.label,
          String(r.figures),
          m(r.after.index),
          `${m(r.before.dashboard)} → ${m(r.after.dashboard)}`,
          `${m(r.before.scorecard)} → ${m(r.after.scorecard)}`,
          `${m(r.before.scorecard)} → ${m(r.after.yearChange)}`,
          `${m(r.before.target)} → ${m(r.after.target)}`,
          `${m(r.before.report)} → ${m(r.after.report)}`,
        ]),
      },
    ],
    aims: big
      ? [
          { aim: 'scorecard computation < 1 s at 2,000 × 12 × 10 (DOM not included)', value: m(big.after.scorecard), met: big.after.scorecard.median < 1000 },
          { aim: 'scorecard year change computation < 200 ms at 2,000 × 12 × 10', value: m(big.after.yearChange), met: big.after.yearChange.median < 200 },
          { aim: 'target page computation < 1 s at 2,000 × 12 × 10', value: m(big.after.target), met: big.after.target.median < 1000 },
        ]
      : [],
    data: { rows },
  };
}
