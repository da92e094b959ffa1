/** The commit benchmark's tables, aims and data (the measuring is in commit.mjs). */

import { ms } from './lib/stats.mjs';

/**
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').Table} Table
 * @typedef {import('./commit.mjs').Measured} Measured
 * @typedef {import('./commit.mjs').LongTasks} LongTasks
 * @typedef {import('../bench-harness/commit-protocol').ProvinceSpec} ProvinceSpec
 */

const AIM_LONG_TASK_MS = 100;

/** @param {number} n */
const count = (n) => n.toLocaleString('en-US');
/** @param {LongTasks} tasks */
const longest = (tasks) => Math.max(0, ...tasks.map((t) => t.duration));
/** @param {LongTasks} tasks */
const blocked = (tasks) => tasks.reduce((sum, t) => sum + t.duration, 0);
/** @param {'worker' | 'page'} mode */
const modeName = (mode) => (mode === 'worker' ? 'core in a worker (the demo)' : 'core on the page (baseline)');

/**
 * @param {{ runs: Measured[], province: ProvinceSpec, chromium: string, observerCheck: LongTasks, blockMs: number }} measured
 * @returns {BenchResult}
 */
export function commitResult({ runs, province, chromium, observerCheck, blockMs }) {
  return {
    key: 'commit',
    title: 'Committing an import batch in the demo (Chromium, IndexedDB, MSW)',
    tables: [mainThreadTable(runs), phasesTable(runs)],
    aims: aims(runs),
    data: {
      unit: 'ms on the page (performance.now)',
      chromium,
      province,
      longTaskObserverCheck: { blockMs, recorded: observerCheck },
      runs,
      aims: { longTaskMs: AIM_LONG_TASK_MS },
    },
  };
}

/**
 * @param {Measured[]} runs
 * @returns {Table}
 */
function mainThreadTable(runs) {
  return {
    title: 'Main thread while a batch is committed (body received → stored → figures on screen)',
    header: ['figures', 'body', 'backend', 'total', 'longest task', 'long-task time', 'long tasks', 'progress updates'],
    rows: runs.map((r) =>
      'failed' in r
        ? [count(r.figures), '', modeName(r.mode), `failed: ${r.failed.slice(0, 80)}`, '', '', '', '']
        : [
            count(r.figures),
            `${(r.run.bytes / 1e6).toFixed(1)} MB`,
            modeName(r.mode),
            ms(r.run.totalMs),
            ms(longest(r.run.longTasks)),
            ms(blocked(r.run.longTasks)),
            String(r.run.longTasks.length),
            String(r.run.progressUpdates),
          ],
    ),
    note: 'A long task is one of 50 ms or more (PerformanceObserver "longtask"); long-task time is their sum. Baseline: the core on the page (createHandlers) and TanStack Query\'s ordinary refetch, from today\'s code.',
  };
}

/**
 * @param {Measured[]} runs
 * @returns {Table}
 */
function phasesTable(runs) {
  return {
    title: 'Where the time goes',
    header: ['figures', 'backend', 'body to the page', 'sent and stored', 'figures refetched'],
    rows: runs.flatMap((r) => ('failed' in r ? [] : [[count(r.figures), modeName(r.mode), ms(r.run.bodyMs), ms(r.run.storeMs), ms(r.run.refetchMs)]])),
    note: 'Body to the page: serialised in a worker (as the import worker does), its bytes transferred. Sent and stored: POST /batches to the core (the demo: straight to its worker; the baseline: through MSW\'s service worker to the page), parsed, checked, stored in IndexedDB, answered.',
  };
}

/**
 * @param {Measured[]} runs
 * @returns {import('./types').Aim[]}
 */
function aims(runs) {
  return runs
    .filter((r) => r.mode === 'worker')
    .map((r) => {
      const value = 'failed' in r ? `failed: ${r.failed.slice(0, 60)}` : `longest task ${ms(longest(r.run.longTasks))}`;
      return { aim: `commit ${count(r.figures)} figures in the demo: no main-thread task over ${AIM_LONG_TASK_MS} ms`, value, met: !('failed' in r) && longest(r.run.longTasks) <= AIM_LONG_TASK_MS };
    });
}
