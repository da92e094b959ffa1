/**
 * Benchmark: the evaluation behind the dashboard, scorecard, target page and report at province scale
 * (group `scale`), in Node, the shared figure index against the path the pages took before it.
 *
 * Sets (lib/province.mjs, townships directly under the jurisdiction): R = 21, 150, 500, 2,000 sub-units
 * × 12 targets × 5 and 10 years, and 2,000 × 40 × 10; beside them the default Ruzhou set with the demo
 * seed, in the same run. The target file goes through the app's own parser (`parseTargetFile`); the
 * figures are the generator's, as observations.
 *
 * Per set, median of RUNS (the first call is untimed):
 * - before: what the pages did before the shared index — the scorecard calls `evaluateTargetSet`
 *   (which indexes every figure) once per region; the target page `targetDetail` from the whole list;
 *   the dashboard one `evaluateTargetSet`; the report one `targetDetail` per applicable target.
 * - after: `indexFigures` once, then `evaluateScorecard`, `targetDetailIn`, `evaluateRegion` on it; the
 *   scorecard's year change is `evaluateScorecard` for another as-of year on the same index.
 * Computation only: rendering (the DOM of 2,000 rows) is not in these figures.
 */

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { provinceFigures, provinceTargetFile } from './lib/province.mjs';
import { PROJECT_DIR, TARGET_FILE } from './lib/project.mjs';
import { summarize } from './lib/stats.mjs';
import { scaleResult } from './scale-report.mjs';

const RUNS = 3;
/** The grid: every R at 12 targets × 5 and × 10 years, and 40 targets at 2,000 × 10. */
export const SCALE_GRID = [
  ...[21, 150, 500, 2_000].flatMap((townships) => [5, 10].map((years) => ({ townships, metrics: 12, years }))),
  { townships: 2_000, metrics: 40, years: 10 },
];
/** Above this many regions × figures the "before" scorecard and report are measured once (tens of seconds); above NO_BEFORE not at all (minutes). */
const SLOW_BEFORE = 2e8;
const NO_BEFORE = 5e8;
const BUILD_DIR = path.join(PROJECT_DIR, 'node_modules', '.bench-scale');

/**
 * Needs nothing from the bench's context (no browser, no server): it runs in this process.
 * @returns {Promise<import('./types').BenchResult>}
 */
export async function benchScale() {
  const lib = await buildDomain();
  /** @type {Record<string, unknown>[]} */
  const rows = [];
  const ruzhou = lib.parseTargetFile(await readFile(TARGET_FILE, 'utf8'), path.basename(TARGET_FILE));
  if (!ruzhou.ok) throw new Error(`${TARGET_FILE} does not parse`);
  rows.push(measure(lib, 'Ruzhou (default set, demo seed)', ruzhou.targetSet, lib.demoSeed([ruzhou.targetSet])));
  for (const size of SCALE_GRID) {
    const province = provinceTargetFile({ id: `scale-${size.townships}-${size.metrics}`, townships: size.townships, counties: 0, metrics: size.metrics });
    const parsed = lib.parseTargetFile(province.content, province.fileName);
    if (!parsed.ok) throw new Error(`${province.fileName} does not parse: ${JSON.stringify(parsed).slice(0, 300)}`);
    const figures = provinceFigures(province, { firstYear: 2026 - size.years, count: size.townships * size.metrics * size.years });
    const observations = figures.map((f) => ({ ...f, source: 'import' }));
    rows.push(measure(lib, `${size.townships} × ${size.metrics} × ${size.years}`, parsed.targetSet, observations));
    // Progress on stderr: the grid takes minutes, most of it the "before" scorecards at 2,000.
    console.error(`scale: ${size.townships} × ${size.metrics} × ${size.years} measured`);
  }
  return scaleResult(rows, RUNS);
}

/**
 * @param {any} lib
 * @param {string} label
 * @param {any} set
 * @param {any[]} observations
 */
function measure(lib, label, set, observations) {
  const years = lib.selectableYears(set, observations);
  const year = years.at(-1);
  const otherYear = years.at(-2) ?? year;
  const regions = [set.jurisdiction, ...set.regions.filter((/** @type {any} */ r) => lib.isSubUnit(r) && r.parent === set.jurisdiction).map((/** @type {any} */ r) => r.id)];
  const target = set.targets.find((/** @type {any} */ t) => t.applies_to === 'all') ?? set.targets[0];
  const label_ = (/** @type {string} */ id) => id;
  const time = (/** @type {() => unknown} */ fn, runs = RUNS) => {
    fn();
    const out = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      out.push(performance.now() - t0);
    }
    return summarize(out);
  };
  const work = regions.length * observations.length;
  const beforeRuns = work > SLOW_BEFORE ? 1 : RUNS;
  const slow = (/** @type {() => unknown} */ fn) => (work > NO_BEFORE ? null : time(fn, beforeRuns));
  const before = {
    dashboard: time(() => lib.evaluateTargetSet(set, observations, set.jurisdiction, year)),
    scorecard: slow(() => regions.map((r) => lib.evaluateTargetSet(set, observations, r, year))),
    target: time(() => lib.targetDetail(set, observations, target.id, set.jurisdiction, year, label_)),
    report: slow(() => set.targets.map((/** @type {any} */ t) => lib.targetDetail(set, observations, t.id, set.jurisdiction, year, label_))),
  };
  const fresh = () => lib.indexFigures(set, observations);
  const after = {
    index: time(fresh),
    dashboard: time(() => lib.evaluateRegion(fresh(), set.jurisdiction, year)),
    scorecard: time(() => lib.evaluateScorecard(fresh(), year)),
    target: time(() => lib.targetDetailIn(fresh(), target.id, set.jurisdiction, year, label_)),
    report: time(() => {
      const index = fresh();
      return set.targets.map((/** @type {any} */ t) => lib.targetDetailIn(index, t.id, set.jurisdiction, year, label_));
    }),
  };
  // The year change alone: the time of the second evaluateScorecard, without the index and the first year.
  const index = fresh();
  lib.evaluateScorecard(index, year);
  const changes = [];
  for (let i = 0; i < RUNS; i++) {
    index.evaluations.delete(otherYear);
    const t0 = performance.now();
    lib.evaluateScorecard(index, otherYear);
    changes.push(performance.now() - t0);
  }
  return { label, figures: observations.length, regions: regions.length, targets: set.targets.length, before, after: { ...after, yearChange: summarize(changes) } };
}

/** Bundles the domain functions the pages call for Node (Vite's JS API, the app's `@` alias). */
async function buildDomain() {
  await mkdir(BUILD_DIR, { recursive: true });
  const entry = path.join(BUILD_DIR, 'entry.ts');
  await writeFile(
    entry,
    [
      "export { parseTargetFile } from '@/domain/targets/parse-target-file';",
      "export { isSubUnit } from '@/domain/targets/target-set';",
      "export { demoSeed } from '@/backend/seed/seed';",
      "export { evaluateTargetSet, selectableYears } from '@/domain/evaluation/evaluate-target-set';",
      "export { indexFigures, evaluateRegion, evaluateScorecard } from '@/domain/evaluation/figure-index';",
      "export { targetDetail, targetDetailIn } from '@/domain/display/target-detail';",
      '',
    ].join('\n'),
  );
  const { build } = await import('vite');
  await build({
    root: BUILD_DIR,
    configFile: false,
    envFile: false,
    publicDir: false,
    logLevel: 'silent',
    resolve: { alias: { '@': path.join(PROJECT_DIR, 'src') } },
    build: { outDir: path.join(BUILD_DIR, 'dist'), emptyOutDir: true, ssr: entry, target: 'node22', minify: false, reportCompressedSize: false },
  });
  return import(pathToFileURL(path.join(BUILD_DIR, 'dist', 'entry.js')).href);
}
