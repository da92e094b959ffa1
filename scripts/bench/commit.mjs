/**
 * Benchmark: committing a confirmed import batch in the demo, in Chromium, and the page's main thread
 * meanwhile (group `import`).
 *
 * The demo bundles `targets/`, so the built app cannot be given a province; this runs the demo's own
 * commit path in a harness page (scripts/bench-harness/commit.ts, built by lib/builds.mjs) on a
 * generated province (lib/province.mjs: 2,000 townships × 40 metrics, 80,000 figures a year) in
 * IndexedDB, with MSW's service worker in front as in the demo. Batches of 126,000, 420,000 and
 * 1,000,000 figures (about 90 bytes a figure of JSON) are each committed once into an empty store,
 * in a fresh browser context, with an actuals query and the meta on screen so the write refetches
 * them:
 *   - `worker` — the demo today: the core in its Web Worker behind MSW's proxy handler, the app's
 *     commit mutation (`batchMutations.commit`), figures refetched off the page's thread;
 *   - `page` — the baseline: the demo's commit path before the core moved to a worker, put together
 *     from today's code — the core on the page (`createHandlers`, still what Node's tests run) and
 *     TanStack Query's ordinary refetch (`GET /actuals` parsed, checked and structurally shared on
 *     the page). Not the previous build: that one refused a body over 32 MiB, so it could not commit
 *     a million figures at all.
 * Both receive the body as the import page does, serialised in a worker and its UTF-8 bytes transferred,
 * and both ask for the minimal answer (`Prefer: return=minimal`); in `worker` mode the body and the
 * refetch go straight to the core worker, past the service worker (`setDirectCore`).
 * Reported: the phases (body to the page, sent and stored, figures refetched), the total, and the
 * main thread's longest task, long-task time and count (a `longtask` PerformanceObserver; a
 * deliberate 120 ms block proves it works first). Aim from the issue: no task over 100 ms, for
 * 1,000,000 figures too. Tables and aims: commit-report.mjs.
 */

import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { assertNoErrors, newContext, openHarness, within } from './lib/browser.mjs';
import { buildHarness } from './lib/builds.mjs';
import { PROJECT_DIR } from './lib/project.mjs';
import { commitResult } from './commit-report.mjs';

/**
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('../bench-harness/commit').CommitBench} CommitBench
 * @typedef {import('../bench-harness/commit-protocol').ProvinceSpec} ProvinceSpec
 * @typedef {'worker' | 'page'} Mode
 * @typedef {Awaited<ReturnType<CommitBench['commit']>>} CommitRun
 * @typedef {Awaited<ReturnType<CommitBench['checkLongTasks']>>} LongTasks
 * @typedef {{ mode: Mode, figures: number, run: CommitRun } | { mode: Mode, figures: number, failed: string }} Measured
 */

/** Figures per batch: the 126,000 and 420,000 (measured before on the page) and a province's million. */
export const COMMIT_SIZES = [126_000, 420_000, 1_000_000];
/** The sizes this run commits: all of them, or those listed in `COMMIT_ONLY` (`COMMIT_ONLY=1000000`). */
const SIZES = process.env.COMMIT_ONLY ? process.env.COMMIT_ONLY.split(',').map(Number).filter((n) => COMMIT_SIZES.includes(n)) : COMMIT_SIZES;
/** @type {Mode[]} */
const MODES = ['worker', 'page'];
/** @type {ProvinceSpec} */
const PROVINCE = { id: 'province-commit', townships: 2_000, counties: 158, metrics: 40 };
const FIRST_YEAR = 2015;
const LONG_TASK_CHECK_MS = 120;
/** Bound on starting the demo backend and making the figures, and on one commit. */
const START_TIMEOUT_MS = 120_000;
const COMMIT_TIMEOUT_MS = 300_000;

/**
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchCommit(ctx) {
  const harnessDir = await buildHarness();
  // The harness is built without public/; the demo's service worker script is served beside it.
  await copyFile(path.join(PROJECT_DIR, 'public', 'mockServiceWorker.js'), path.join(harnessDir, 'mockServiceWorker.js'));
  const browser = await ctx.browser();
  const url = `${await ctx.serve(harnessDir)}commit.html`;
  /** @type {Measured[]} */
  const runs = [];
  /** @type {LongTasks | undefined} */
  let observerCheck;
  for (const figures of SIZES) {
    for (const mode of MODES) {
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        const errors = await openHarness(page, url, 'commit harness');
        if (!observerCheck) {
          const check = await within('long-task observer check', page.evaluate((ms) => globalThis.commitBench.checkLongTasks(ms), LONG_TASK_CHECK_MS), 10_000);
          if (Math.max(0, ...check.map((t) => t.duration)) < LONG_TASK_CHECK_MS * 0.9) {
            throw new Error(`a ${LONG_TASK_CHECK_MS} ms main-thread block was not recorded as a long task: ${JSON.stringify(check)}`);
          }
          observerCheck = check;
        }
        process.stdout.write(`  commit: ${figures.toLocaleString('en-US')} figures, core on the ${mode === 'worker' ? 'worker' : 'page'}…`);
        const database = `commit-bench-${mode}-${figures}`;
        const arg = { mode, province: PROVINCE, database, figures, firstYear: FIRST_YEAR };
        await within(`starting the ${mode} demo backend`, page.evaluate((a) => globalThis.commitBench.start(a.mode, a.province, a.database, a.figures, a.firstYear), arg), START_TIMEOUT_MS);
        const run = await within(`committing ${figures} figures (${mode})`, page.evaluate(() => globalThis.commitBench.commit()), COMMIT_TIMEOUT_MS);
        assertNoErrors(errors, 'commit harness');
        process.stdout.write(` ${Math.round(run.totalMs)} ms, longest task ${Math.max(0, ...run.longTasks.map((t) => t.duration))} ms\n`);
        runs.push({ mode, figures, run });
      } catch (error) {
        // The demo's own path must work; a baseline run that fails (out of memory or time) is reported as such, not dropped.
        if (mode === 'worker') throw error;
        const failed = error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
        process.stdout.write(` failed: ${failed}\n`);
        runs.push({ mode, figures, failed });
      } finally {
        await context.close();
      }
    }
  }
  return commitResult({ runs, province: PROVINCE, chromium: browser.version(), observerCheck: observerCheck ?? [], blockMs: LONG_TASK_CHECK_MS });
}
