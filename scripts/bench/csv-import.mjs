/**
 * Benchmark: CSV import throughput in Chromium, pipeline vs bare parser, and main-thread long tasks.
 *
 * Files are generated in the page (in a worker, as UTF-8 bytes in a File;
 * nothing touches disk): 100,000, 1,000,000 and 2,000,000 rows in LONG format
 * (`地区,年份,指标,数值`, cycling over the townships of targets/ruzhou-2020.yaml —
 * regions whose parent is the jurisdiction — plus synthetic villages, and the zh
 * names of its share / gross_rate metrics, years 1950–2100, values such as
 * `83.4%`, `83.4`, `85%`), and a 1,000,000-row CLASS ROSTER
 * (`学校,乡镇,年份,班级,学生数`), and the 200,000 long rows as an .xlsx
 * workbook (one sheet, shared strings, numbers, percent-formatted fractions).
 * On the SAME File, each of
 *   - the app's pipeline: the page posts the file through the app's own
 *     `createImportSession()` to its import worker, which runs `runImport`
 *     (File.stream → TextDecoder → CSV reader → mapping → validation →
 *     preview); the time is the pipeline's `elapsedMs`, taken in the worker;
 *   - the bare parser (the baseline): the same File.stream() through a
 *     streaming TextDecoder into `createCsvReader` with a counting onRecord,
 *     timed in a worker the same way (for the .xlsx: the app's own workbook
 *     reader, openWorkbook + readSheet, with a counting onRecord);
 * runs IMPORT_RUNS times (alternating, a fresh worker per run, as the import
 * page uses one per task). We report median (min–max), rows/s and the ratio
 * pipeline ÷ parser, and, on the main thread during every pipeline run, the
 * longest task recorded by a `longtask` PerformanceObserver (a deliberate
 * 120 ms block is measured first to prove the observer works). The 2,000,000-row
 * file is run once each way with the workers' heaps sampled over CDP
 * (`heapSampler`: JS heap + ArrayBuffer backing stores, peak over the worker's
 * lowest sample), for its peak memory growth beside the bare reader's. Aims from
 * the issue: pipeline within 2× of the bare parser; a 1,000,000-row long file in
 * ≤ 1.5 s (and any 1M-row file in a few seconds, taken as < 5 s); a 2,000,000-row
 * file's peak memory growth ≤ ~2× its size; the .xlsx in a few seconds; no
 * main-thread task over 100 ms. The page code is
 * scripts/bench-harness/index.html (harness.ts, harness-worker.ts), built by
 * lib/builds.mjs. Tables and aims: csv-import-report.mjs.
 */

import { within, newContext, openHarness, assertNoErrors } from './lib/browser.mjs';
import { buildHarness } from './lib/builds.mjs';
import { projectPath, readTargetFile, TARGET_FILE } from './lib/project.mjs';
import { summarize } from './lib/stats.mjs';
import { csvImportResult } from './csv-import-report.mjs';

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').PageErrors} PageErrors
 * @typedef {import('../bench-harness/harness').ImportBench} ImportBench
 * @typedef {import('../bench-harness/harness-protocol').FileKind} FileKind
 * @typedef {Awaited<ReturnType<ImportBench['pipeline']>>} PipelineRun
 * @typedef {Awaited<ReturnType<ImportBench['parse']>>} ParserRun
 * @typedef {Awaited<ReturnType<ImportBench['generate']>>} Generated
 * @typedef {Awaited<ReturnType<ImportBench['checkLongTasks']>>} LongTasks
 * @typedef {import('../bench-harness/harness-protocol').FileFormat} FileFormat
 * @typedef {{ key: string, label: string, kind: FileKind, format: FileFormat, rows: number, fileName: string, runs: number, memory: boolean }} FileSpec
 * @typedef {{ usedSize: number, totalSize: number, backingStorageSize?: number, embedderHeapUsedSize?: number }} HeapUsage
 * @typedef {{ workers: number, startBytes: number, peakBytes: number, growthBytes: number, samples: number, pageGrowthBytes: number }} HeapRun
 * @typedef {{ townships: string[], metrics: string[] }} Names
 * @typedef {ReturnType<typeof fileResult> & { heap?: { pipeline: HeapRun[], parser: HeapRun[] } }} FileResult
 */

const IMPORT_RUNS = 3;
/** @type {FileSpec[]} */
const IMPORT_FILES = [
  { key: 'long100k', label: 'long, 100k rows', kind: 'long', format: 'csv', rows: 100_000, fileName: 'long-100k.csv', runs: IMPORT_RUNS, memory: false },
  { key: 'long1m', label: 'long, 1M rows', kind: 'long', format: 'csv', rows: 1_000_000, fileName: 'long-1m.csv', runs: IMPORT_RUNS, memory: false },
  { key: 'roster1m', label: 'roster, 1M rows', kind: 'roster', format: 'csv', rows: 1_000_000, fileName: 'roster-1m.csv', runs: IMPORT_RUNS, memory: false },
  { key: 'xlsx200k', label: 'long .xlsx, 200k rows', kind: 'long', format: 'xlsx', rows: 200_000, fileName: 'long-200k.xlsx', runs: IMPORT_RUNS, memory: false },
  // Memory: one run of each, the workers' heaps sampled over CDP while it runs (sampling costs a little time).
  { key: 'long2m', label: 'long, 2M rows', kind: 'long', format: 'csv', rows: 2_000_000, fileName: 'long-2m.csv', runs: 1, memory: true },
];
/** How often the workers' heaps are sampled during a memory run. */
const HEAP_SAMPLE_MS = 10;
/** The deliberate main-thread block that proves the long-task observer works. */
const LONG_TASK_CHECK_MS = 120;
/** Bound on one generate / parse / import run inside the page (the Node side allows a little more). */
const IMPORT_RUN_TIMEOUT_MS = 60_000;
/**
 * Synthetic villages per township, as scripts/bench-harness/harness.ts adds them to the target set:
 * 21 × 97 regions × 7 metrics × 151 years = 2,153,109 distinct keys, so even the 2M-row file is all imported.
 */
const VILLAGES_PER_TOWNSHIP = 96;

/**
 * The app's import pipeline vs the bare CSV reader on the same generated files, in Chromium workers.
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchCsvImport(ctx) {
  const names = await importNames();
  const harnessDir = await buildHarness();
  const browser = await ctx.browser();
  const url = await ctx.serve(harnessDir);

  const context = await newContext(browser);
  const files = [];
  let observerCheck;
  try {
    const page = await context.newPage();
    const errors = await openHarness(page, url, 'import harness');
    const heap = await heapSampler(page);
    observerCheck = await checkLongTaskObserver(page);
    for (const spec of IMPORT_FILES) files.push(await measureFile(page, errors, spec, names, heap));
  } finally {
    await context.close();
  }
  return csvImportResult({ files, names, observerCheck, chromium: browser.version(), runs: IMPORT_RUNS, blockMs: LONG_TASK_CHECK_MS });
}
/**
 * Samples the JavaScript heap (V8's used heap plus ArrayBuffer backing stores) of every worker of the page, and
 * of the page itself, over one CDP session: the page's session auto-attaches to its dedicated workers (not
 * flattened, so `Runtime.getHeapUsage` reaches a worker through `Target.sendMessageToTarget`; it answers
 * even while the worker is busy).
 * @param {Page} page
 */
async function heapSampler(page) {
  const cdp = await page.context().newCDPSession(page);
  /** @type {Set<string>} */
  const workers = new Set();
  /** @type {Map<number, (usage: HeapUsage | undefined) => void>} */
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.add(event.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId) workers.delete(event.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    const answer = pending.get(message.id);
    if (answer) {
      pending.delete(message.id);
      answer(message.result);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  /** @param {HeapUsage} u */
  const bytesOf = (u) => u.usedSize + (u.backingStorageSize ?? 0);
  /**
   * @param {string} sessionId
   * @returns {Promise<HeapUsage | undefined>}
   */
  const workerHeap = (sessionId) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => {
        pending.delete(id);
        resolve(undefined);
      });
      // A worker that ends before it answers answers nothing.
      setTimeout(() => {
        if (pending.delete(id)) resolve(undefined);
      }, 1000);
    });
  const pageHeap = async () => bytesOf(/** @type {HeapUsage} */ (await cdp.send('Runtime.getHeapUsage')));
  return {
    /**
     * Runs `run` while sampling. For each worker that ran meanwhile: its lowest sample (the worker as
     * loaded, before or after the file) and its highest, summed over the workers; and the page's growth.
     * @template R
     * @param {() => Promise<R>} run
     * @returns {Promise<{ result: R, heap: HeapRun }>}
     */
    async during(run) {
      /** @type {Map<string, { low: number, high: number }>} */
      const seen = new Map();
      const pageStart = await pageHeap();
      let pagePeak = pageStart;
      let samples = 0;
      let running = true;
      const sampling = (async () => {
        while (running) {
          const sessions = [...workers];
          const usages = await Promise.all(sessions.map(workerHeap));
          sessions.forEach((sessionId, i) => {
            const usage = usages[i];
            if (!usage) return;
            samples += 1;
            const bytes = bytesOf(usage);
            const range = seen.get(sessionId);
            if (range) {
              range.low = Math.min(range.low, bytes);
              range.high = Math.max(range.high, bytes);
            } else seen.set(sessionId, { low: bytes, high: bytes });
          });
          pagePeak = Math.max(pagePeak, await pageHeap());
          await new Promise((resolve) => setTimeout(resolve, HEAP_SAMPLE_MS));
        }
      })();
      /** @type {R} */
      let result;
      try {
        result = await run();
      } finally {
        running = false;
        await sampling;
      }
      const ranges = [...seen.values()];
      const startBytes = ranges.reduce((sum, r) => sum + r.low, 0);
      const peakBytes = ranges.reduce((sum, r) => sum + r.high, 0);
      return {
        result,
        heap: { workers: ranges.length, startBytes, peakBytes, growthBytes: peakBytes - startBytes, samples, pageGrowthBytes: pagePeak - pageStart },
      };
    },
  };
}

/**
 * `page.evaluate(fn, arg)` in the import harness, bounded.
 * @template R
 * @param {string} what
 * @param {Promise<R>} evaluation
 */
const inPage = (what, evaluation) => within(what, evaluation, IMPORT_RUN_TIMEOUT_MS + 10_000);

/** @param {LongTasks} tasks */
const longest = (tasks) => Math.max(0, ...tasks.map((t) => t.duration));

/**
 * Blocks the page's main thread for LONG_TASK_CHECK_MS and checks the long-task observer saw it.
 * @param {Page} page
 */
async function checkLongTaskObserver(page) {
  const check = await inPage(
    'long-task observer check',
    page.evaluate((blockMs) => globalThis.importBench.checkLongTasks(blockMs), LONG_TASK_CHECK_MS),
  );
  if (longest(check) < LONG_TASK_CHECK_MS * 0.9) {
    throw new Error(`a ${LONG_TASK_CHECK_MS} ms main-thread block was not recorded as a long task: ${JSON.stringify(check)}`);
  }
  return check;
}

/**
 * Generates one file in the page, then runs the pipeline and the bare parser on it in turn.
 * @param {Page} page
 * @param {PageErrors} errors
 * @param {FileSpec} spec
 * @param {Names} names
 * @param {Awaited<ReturnType<typeof heapSampler>>} heap
 */
async function measureFile(page, errors, spec, names, heap) {
  const generated = await inPage(
    `generating ${spec.fileName}`,
    page.evaluate((a) => globalThis.importBench.generate(a.id, a.spec, a.timeout), {
      id: spec.key,
      spec: { kind: spec.kind, format: spec.format, rows: spec.rows, fileName: spec.fileName, townships: names.townships, metrics: names.metrics },
      timeout: IMPORT_RUN_TIMEOUT_MS,
    }),
  );
  const arg = { id: spec.key, timeout: IMPORT_RUN_TIMEOUT_MS };
  /** @type {PipelineRun[]} */
  const pipeline = [];
  /** @type {ParserRun[]} */
  const parser = [];
  /** @type {{ pipeline: HeapRun[], parser: HeapRun[] }} */
  const memory = { pipeline: [], parser: [] };
  /**
   * @template R
   * @param {HeapRun[]} into
   * @param {() => Promise<R>} run
   */
  const measured = async (into, run) => {
    if (!spec.memory) return run();
    const { result, heap: used } = await heap.during(run);
    into.push(used);
    return result;
  };
  for (let i = 0; i < spec.runs; i++) {
    pipeline.push(
      await measured(memory.pipeline, () =>
        inPage(`import pipeline on ${spec.fileName}`, page.evaluate((a) => globalThis.importBench.pipeline(a.id, a.timeout), arg)),
      ),
    );
    parser.push(
      await measured(memory.parser, () =>
        inPage(`bare parser on ${spec.fileName}`, page.evaluate((a) => globalThis.importBench.parse(a.id, a.timeout), arg)),
      ),
    );
  }
  await inPage('dropping a file', page.evaluate((id) => globalThis.importBench.drop(id), spec.key));
  assertNoErrors(errors, 'import harness');
  checkEveryRowRead(spec, pipeline, parser);
  return { ...fileResult(spec, generated, pipeline, parser), heap: spec.memory ? memory : undefined };
}

/**
 * Both must have read every row of the same bytes.
 * @param {FileSpec} spec
 * @param {PipelineRun[]} pipeline
 * @param {ParserRun[]} parser
 */
function checkEveryRowRead(spec, pipeline, parser) {
  for (const run of pipeline) {
    if (run.counts.rows !== spec.rows) {
      throw new Error(`pipeline on ${spec.fileName} read ${run.counts.rows} data rows, expected ${spec.rows}`);
    }
    if (run.layout !== spec.kind) throw new Error(`pipeline took ${spec.fileName} as "${run.layout}", expected "${spec.kind}"`);
  }
  for (const run of parser) {
    if (run.records !== spec.rows + 1 || run.unclosedQuoteRow !== null) {
      throw new Error(`bare parser on ${spec.fileName} read ${run.records} records, expected ${spec.rows + 1} (with the header)`);
    }
  }
}

/**
 * One file's figures: medians, rates, the ratio and the main thread's long tasks.
 * @param {FileSpec} spec
 * @param {Generated} generated
 * @param {PipelineRun[]} pipeline
 * @param {ParserRun[]} parser
 */
function fileResult(spec, generated, pipeline, parser) {
  const first = pipeline[0];
  const firstParse = parser[0];
  if (!first || !firstParse) throw new Error(`no runs on ${spec.fileName}`);
  const pipelineStats = summarize(pipeline.map((r) => r.ms));
  const parserStats = summarize(parser.map((r) => r.ms));
  const tasks = pipeline.flatMap((r) => r.longTasks);
  return {
    ...spec,
    bytes: generated.bytes,
    generateMs: Math.round(generated.ms),
    pipeline: {
      ms: pipelineStats,
      rowsPerSecond: Math.round(spec.rows / (pipelineStats.median / 1000)),
      roundTripMs: summarize(pipeline.map((r) => r.roundTripMs)),
      progressMessages: pipeline.map((r) => r.progressMessages),
      counts: first.counts,
      countsByCode: first.countsByCode,
      totals: first.totals,
    },
    parser: {
      ms: parserStats,
      rowsPerSecond: Math.round(spec.rows / (parserStats.median / 1000)),
      roundTripMs: summarize(parser.map((r) => r.roundTripMs)),
      records: firstParse.records,
    },
    ratio: Math.round((pipelineStats.median / parserStats.median) * 100) / 100,
    mainThread: {
      longestTaskMs: longest(tasks),
      longTasks: tasks.length,
      longTasksByRun: pipeline.map((r) => r.longTasks),
    },
  };
}

/**
 * Township names (regions under the jurisdiction) and zh names of the share / gross_rate metrics, from the target file.
 * @returns {Promise<Names>}
 */
async function importNames() {
  const doc = await readTargetFile();
  // The real townships plus the synthetic villages the harness adds to the set (see harness.ts), so the long files hold distinct keys.
  const real = (doc.regions ?? []).filter((r) => r.parent === '410482').map((r) => r.name.zh);
  const villages = real.flatMap((name) => Array.from({ length: VILLAGES_PER_TOWNSHIP }, (_, k) => `${name}${k + 1}村`));
  const townships = [...real, ...villages];
  const metrics = (doc.metrics ?? []).filter((m) => m.kind === 'share' || m.kind === 'gross_rate').map((m) => m.name.zh);
  if (townships.length === 0 || metrics.length === 0) {
    throw new Error(`${projectPath(TARGET_FILE)}: found ${townships.length} townships and ${metrics.length} share/gross_rate metrics`);
  }
  return { townships, metrics };
}
