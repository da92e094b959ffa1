import targetYaml from '../../targets/ruzhou-2020.yaml?raw';
import type { ImportCounts, ImportMessageCode } from '@/domain/import/types';
import { progressPercent } from '@/domain/import/progress';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import { createImportSession } from '@/workers/import-client';
import { decisionsOf } from '@/workers/import-protocol';
import type { GenerateSpec, HarnessRequest, HarnessResponse } from './harness-protocol';
import { checkLongTasks, watchLongTasks } from './long-tasks';

/**
 * The CSV-import benchmark page, built with Vite's JS API by scripts/bench/lib/builds.mjs
 * into node_modules/.bench-harness/ and driven with `page.evaluate` through
 * `window.importBench` by scripts/bench/csv-import.mjs (which sees `ImportBench`'s types). Files are generated in a worker and kept here as File
 * objects (Blob handles: posting one to a worker does not copy its bytes).
 *
 * - `pipeline` runs the app's own import path: `createImportSession().run()`
 *   posts the file to the app's import worker (src/workers/import-worker.ts),
 *   which runs `runImport`; this page only receives progress messages and the
 *   result. The time is the pipeline's own `elapsedMs`, measured in the worker.
 *   Long tasks on this (main) thread are recorded while it runs.
 * - `parse` runs the bare CSV reader on the same File in harness-worker.ts.
 * Each run gets a fresh worker, as the app's import page does for each task.
 */

const parsed = parseTargetFile(targetYaml, 'ruzhou-2020.yaml');
if (!parsed.ok) throw new Error(`targets/ruzhou-2020.yaml does not parse: ${JSON.stringify(parsed.problems)}`);
/**
 * The real target set plus synthetic villages under each township (`寄料镇1村` …), so that a
 * 1,000,000-row long file holds distinct region × metric × year keys and is imported, as a real file
 * would be, instead of being rejected as duplicates. scripts/bench/csv-import.mjs generates the same names.
 */
const VILLAGES_PER_TOWNSHIP = 96;
const set = {
  ...parsed.targetSet,
  regions: [
    ...parsed.targetSet.regions,
    ...parsed.targetSet.regions
      .filter((r) => r.parent === parsed.targetSet.jurisdiction)
      .flatMap((r) =>
        Array.from({ length: VILLAGES_PER_TOWNSHIP }, (_, k) => ({
          id: `${r.id}-${k + 1}`,
          name: { zh: `${r.name.zh}${k + 1}村`, en: `${r.name.en} village ${k + 1}` },
          kind: 'township' as const,
          parent: parsed.targetSet.jurisdiction,
          aliases: [],
        })),
      ),
  ],
};

const files = new Map<string, File>();
const progressBar = document.querySelector<HTMLProgressElement>('#progress')!;
const rowsOutput = document.querySelector<HTMLOutputElement>('#rows')!;

function within<T>(promise: Promise<T>, ms: number, what: string, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not finish within ${ms} ms`));
      onTimeout();
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs one task in a fresh helper worker and terminates it. */
function askHelper(request: HarnessRequest, timeoutMs: number): Promise<HarnessResponse> {
  const worker = new Worker(new URL('./harness-worker.ts', import.meta.url), { type: 'module', name: 'bench-helper' });
  const answer = new Promise<HarnessResponse>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<HarnessResponse>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'the helper worker failed'));
  });
  worker.postMessage(request);
  return within(answer, timeoutMs, `helper task "${request.type}"`, () => undefined).finally(() => worker.terminate());
}

function fileFor(id: string): File {
  const file = files.get(id);
  if (!file) throw new Error(`no generated file "${id}"`);
  return file;
}

const api = {
  /** Generates a CSV file in a worker and keeps it under `id`. */
  async generate(id: string, spec: GenerateSpec, timeoutMs: number) {
    const answer = await askHelper({ type: 'generate', spec }, timeoutMs);
    if (answer.type !== 'generated') throw new Error(`generating ${spec.fileName}: ${JSON.stringify(answer)}`);
    files.set(id, answer.file);
    return { bytes: answer.file.size, rows: answer.rows, ms: answer.ms };
  },

  drop(id: string) {
    files.delete(id);
  },

  /** The bare parser on file `id`, in a fresh worker. */
  async parse(id: string, timeoutMs: number) {
    const started = performance.now();
    const answer = await askHelper({ type: 'parse', file: fileFor(id) }, timeoutMs);
    if (answer.type !== 'parsed') throw new Error(`parsing: ${JSON.stringify(answer)}`);
    return { ms: answer.ms, roundTripMs: performance.now() - started, records: answer.records, cells: answer.cells, unclosedQuoteRow: answer.unclosedQuoteRow };
  },

  /** The app's import (session → import worker → runImport) on file `id`, with main-thread long tasks. */
  async pipeline(id: string, timeoutMs: number) {
    const file = fileFor(id);
    const longTasks = watchLongTasks();
    const session = createImportSession();
    let progressMessages = 0;
    try {
      // As the import page does: inspection decides the encoding and the table; the timed run applies them.
      const inspected = await session.inspect(file, set, {});
      const decisions = inspected.type === 'inspected' ? decisionsOf(inspected) : undefined;
      if (!decisions) throw new Error(`inspecting the file found no table: ${JSON.stringify(inspected)}`);
      const started = performance.now();
      const result = await within(
        session.run({ file, set, targetSetId: set.id, decisions, stored: [] }, (progress) => {
          progressMessages += 1;
          progressBar.value = (progressPercent(progress) ?? 0) / 100;
          rowsOutput.textContent = String(progress.rows);
        }),
        timeoutMs,
        'the import pipeline',
        () => session.cancel(),
      );
      const roundTripMs = performance.now() - started;
      const tasks = await longTasks.stop(started);
      if (result.type !== 'done') throw new Error(`the import ended "${result.type}": ${JSON.stringify(result)}`);
      const counts: ImportCounts = result.preview.counts;
      const countsByCode: Partial<Record<ImportMessageCode, number>> = result.preview.countsByCode;
      return { ms: result.elapsedMs, roundTripMs, progressMessages, longTasks: tasks, layout: decisions.shape.layout, counts, countsByCode, totals: result.totals };
    } finally {
      session.cancel();
    }
  },

  /** Blocks the main thread for `ms` in one task and returns the long tasks seen: proves the observer works here. */
  checkLongTasks,
};

export type ImportBench = typeof api;

declare global {
  interface Window {
    importBench: ImportBench;
  }
}

window.importBench = api;
document.body.dataset.ready = 'true';
