/**
 * Types of the Node-side benchmark code (scripts/bench.mjs and scripts/bench/**), used from its JSDoc
 * (`@typedef {import('./types').…}`). Type-only: Node never loads this file. Checked, with the code
 * that uses it, by tsconfig.bench-node.json.
 */
import type { Browser } from '@playwright/test';
import type { ChartBench } from '../bench-harness/chart';
import type { CommitBench } from '../bench-harness/commit';
import type { ImportBench } from '../bench-harness/harness';

/** A printed table: the first column left-aligned, the others right-aligned, an optional note under it. */
export type Table = { title: string; header: string[]; rows: string[][]; note?: string };

/** An aim from the issue, with the measured value. */
export type Aim = { aim: string; value: string; met: boolean };

/** What a benchmark returns: its tables and aims, and `data` for bench-results/*.json under `key`. */
export type BenchResult = { key: string; title: string; tables: Table[]; aims: Aim[]; data: Record<string, unknown> };

/** Median, min and max of some runs (rounded to 0.1), with the runs. */
export type Stats = { median: number; min: number; max: number; runs: number[] };

/** What every benchmark is given; everything it starts is closed at the end of the run. */
export type BenchContext = {
  /** The React + ReactDOM baseline bundle (built on first use): the directory to serve. */
  baseline(): Promise<string>;
  /** The shared Chromium, launched on first use. */
  browser(): Promise<Browser>;
  /** Serves `dir` until the end of the run (`{ spa: true }`: index.html for app routes); resolves to its base URL. */
  serve(dir: string, options?: { spa?: boolean }): Promise<string>;
};

/**
 * A benchmark as the runner lists it: `npm run bench -- <name or group>` runs only the matching ones.
 * `budgetMs`: how much longer than the default the run may take when it is selected (the watchdog).
 */
export type Benchmark = { name: string; group: string; budgetMs?: number; run(ctx: BenchContext): Promise<BenchResult> };

/** Uncaught page errors (they fail a run), and failed requests (kept for the message if a page never gets ready). */
export type PageErrors = { uncaught: string[]; requests: string[] };

/** When a watched selector first matched (`at`) and the next animation frame (`frame`), in performance.now() ms. */
export type Seen = { at: number; frame?: number };

/** An app page timed by watchForSelectors (pages.mjs): the first moment `count` elements match `selector`. */
export type PageWatch = { name: string; path: string; selector: string; count: number };

/** One figure of an import batch, as `POST /api/batches` takes it (server benchmark). */
export type BenchFigure = { metric: string; region: string; year: number; value?: number; numerator?: number; denominator?: number };

/** A `POST /api/batches` body, as JSON text, with what it holds (scripts/bench/lib/province.mjs). */
export type BatchBody = { fileName: string; json: string; bytes: number; figures: number; added: number; replaced: number };

/** The province-sized target file of the server benchmark, and the ids its figures use. */
export type Province = {
  id: string;
  fileName: string;
  content: string;
  province: string;
  counties: number;
  townships: string[];
  townshipsOf: Record<string, string[]>;
  metrics: { id: string; kind: 'share' | 'gross_rate' | 'count' }[];
};

/** Latencies of a run of requests at one concurrency: p50, p95 (ms), requests per second. */
export type LoadRun = {
  connections: number;
  /** Answered (2xx); fewer than `asked` when the run's time limit stopped it. */
  requests: number;
  asked: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
  perSecond: number;
  durationMs: number;
  bodyBytes: number;
};

declare global {
  /** In the import harness page (scripts/bench-harness/harness.ts). */
  var importBench: ImportBench;
  /** In the chart harness page (scripts/bench-harness/chart.tsx). */
  var chartBench: ChartBench;
  /** In the commit harness page (scripts/bench-harness/commit.ts). */
  var commitBench: CommitBench;
  /** In app pages opened by the pages benchmark (set by watchForSelectors). */
  var __benchSeen: Record<string, Seen> | undefined;
}
