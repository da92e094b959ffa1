import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { actualQueries } from '@/api/actuals';
import { setDirectCore } from '@/api/direct-core';
import { batchMutations, batchQueries, commitBatch, newIdempotencyKey, type CommitProgress } from '@/api/batches';
import { apiBaseUrl, getJson, setApiRole } from '@/api/http';
import { metaQueries } from '@/api/meta';
import { indexedDbBatchStorage } from '@/mocks/batch-storage';
import { startCoreWorker } from '@/mocks/core-client';
import { buildDemoBackend } from '@/mocks/demo-backend';
import { createHandlers } from '@/mocks/handlers';
import { createProxyHandlers } from '@/mocks/proxy-handlers';
import { provinceTargetFile } from '../bench/lib/province.mjs';
import type { BodyRequest, BodyResponse, ProvinceSpec } from './commit-protocol';
import { checkLongTasks, watchLongTasks } from './long-tasks';

/**
 * The commit benchmark's page, built by scripts/bench/lib/builds.mjs into
 * node_modules/.bench-harness/commit.html and driven through
 * `window.commitBench` by scripts/bench/commit.mjs. It runs the demo's own
 * commit path on a generated province (the demo bundles `targets/`, so the
 * built app cannot be given one):
 *
 * - `worker` (the demo today, as src/mocks/browser.ts starts it): the core in
 *   its Web Worker (`startCoreWorker`) behind MSW's proxy handler
 *   (`createProxyHandlers`); the commit is the app's mutation
 *   (`batchMutations.commit`), which posts the batch and refetches the figures
 *   off the page's thread (`refetchFiguresOffThread`).
 * - `page` (the baseline: the demo's commit path before the core moved to a
 *   worker, put together from today's code): the same core on this page
 *   (`createHandlers`, as Node's tests still run it), the same `commitBatch`,
 *   then TanStack Query's ordinary refetch of what the write changed
 *   (`invalidateQueries`: `GET /actuals` read, parsed, checked and
 *   structurally shared on this thread).
 *
 * Both take the body as the import page does: serialised in a worker
 * (commit-worker.ts, standing in for the import worker) and its bytes
 * transferred here; both send `Prefer: return=minimal` (`commitBatch`). In
 * `worker` mode the body and the refetch go straight to the core
 * (`setDirectCore`, as src/start-mock-backend.ts sets it). An actuals query and the meta are on screen (observed), so the
 * write refetches them. Long tasks on this thread are recorded from asking
 * for the body to the figures being on screen.
 */

const progressOutput = document.querySelector<HTMLOutputElement>('#progress')!;
type Mode = 'worker' | 'page';

let started: { mode: Mode; setId: string; client: QueryClient; body: Worker; figures: number } | undefined;

function ask(worker: Worker, request: BodyRequest): Promise<BodyResponse> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BodyResponse>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'the body worker failed'));
    worker.postMessage(request);
  });
}

function progressText(progress: CommitProgress): string {
  if (progress.phase === 'storing') return `storing ${progress.bytes} bytes`;
  return progress.total === undefined ? `reading ${progress.bytes} bytes` : `taking ${progress.figures} of ${progress.total}`;
}

const api = {
  checkLongTasks,

  /**
   * Starts the demo backend (`mode`) on a generated province in IndexedDB
   * `database`, with its actuals and meta on screen, and has the body worker
   * make `count` figures from `firstYear`.
   */
  async start(mode: Mode, province: ProvinceSpec, database: string, count: number, firstYear: number) {
    const set = provinceTargetFile(province);
    const files = [{ file: set.fileName, content: set.content }];
    const base = apiBaseUrl();
    const handlers =
      mode === 'worker'
        ? await (async () => {
            const core = startCoreWorker(base, { files, database });
            await core.ready;
            // As src/start-mock-backend.ts does: the commit's large bodies go straight to the core.
            setDirectCore(core);
            return createProxyHandlers((request) => core.call(request), [], base);
          })()
        : await (async () => {
            const { backend } = await buildDemoBackend(files, { openStorage: () => indexedDbBatchStorage(database) });
            return createHandlers(() => backend, base);
          })();
    await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
    setApiRole('analyst');
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const actuals = new QueryObserver(client, actualQueries.list({ targetSet: set.id }));
    actuals.subscribe(() => undefined);
    new QueryObserver(client, metaQueries.detail()).subscribe(() => undefined);
    await client.fetchQuery(actualQueries.list({ targetSet: set.id }));
    const body = new Worker(new URL('./commit-worker.ts', import.meta.url), { type: 'module', name: 'bench-body' });
    const prepared = await ask(body, { type: 'prepare', province, firstYear, count, fileName: `合成省乡镇教育统计-${count}.csv` });
    if (prepared.type !== 'prepared') throw new Error(`preparing the batch: ${JSON.stringify(prepared)}`);
    started = { mode, setId: set.id, client, body, figures: prepared.figures };
    return { figures: prepared.figures, regions: set.townships.length, metrics: set.metrics.length };
  },

  /** Commits the prepared batch as the import page confirms one; times its phases and records this thread's long tasks. */
  async commit() {
    if (!started) throw new Error('commit before start');
    const { mode, setId, client, body, figures } = started;
    const { revision } = await getJson('/meta', {}, undefined, (c) => c.metaResponseSchema);
    const input = (bytes: ArrayBuffer) => ({ body: bytes, idempotencyKey: newIdempotencyKey(), revision });
    let progressUpdates = 0;
    const onProgress = (progress: CommitProgress) => {
      progressUpdates += 1;
      progressOutput.textContent = progressText(progress);
    };
    const longTasks = watchLongTasks();
    const t0 = performance.now();
    const answer = await ask(body, { type: 'body' });
    if (answer.type !== 'body') throw new Error(`serialising the batch: ${JSON.stringify(answer)}`);
    const bodyAt = performance.now();
    const byteCount = answer.bytes.byteLength;
    let storedAt = 0;
    if (mode === 'worker') {
      const options = batchMutations.commit(onProgress);
      await new MutationObserver(client, {
        ...options,
        mutationFn: async (commit: ReturnType<typeof input>) => {
          const batch = await commitBatch(commit, onProgress);
          storedAt = performance.now();
          return batch;
        },
      }).mutate(input(answer.bytes));
    } else {
      await commitBatch(input(answer.bytes), onProgress);
      storedAt = performance.now();
      await Promise.all([actualQueries.all(), metaQueries.all(), batchQueries.all()].map((queryKey) => client.invalidateQueries({ queryKey })));
    }
    const doneAt = performance.now();
    const tasks = await longTasks.stop(t0);
    const shown = client.getQueryData(actualQueries.list({ targetSet: setId }).queryKey)?.observations.length ?? 0;
    if (shown !== figures) throw new Error(`after the commit ${shown} figures are on screen, expected ${figures}`);
    return {
      bytes: byteCount,
      bodyMs: bodyAt - t0,
      storeMs: storedAt - bodyAt,
      refetchMs: doneAt - storedAt,
      totalMs: doneAt - t0,
      progressUpdates,
      longTasks: tasks,
    };
  },
};

export type CommitBench = typeof api;

declare global {
  interface Window {
    commitBench: CommitBench;
  }
}

window.commitBench = api;
document.body.dataset.ready = 'true';
