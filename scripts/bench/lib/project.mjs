/** Where things are: the project, the built app, the bench's own build output, the target file. */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DIST_DIR = path.join(PROJECT_DIR, 'dist');
/**
 * Where the bench's own builds go: node_modules/, or `BENCH_BUILD_DIR` (a worktree whose node_modules is a
 * link to another checkout's, so two checkouts benchmarking at once do not overwrite each other's builds).
 */
const BUILD_DIR = process.env.BENCH_BUILD_DIR ? path.resolve(process.env.BENCH_BUILD_DIR) : path.join(PROJECT_DIR, 'node_modules');
export const BASELINE_DIR = path.join(BUILD_DIR, '.bench-baseline');
export const HARNESS_SRC_DIR = path.join(PROJECT_DIR, 'scripts', 'bench-harness');
export const HARNESS_DIR = path.join(BUILD_DIR, '.bench-harness');
export const RESULTS_DIR = path.join(PROJECT_DIR, 'bench-results');
/**
 * Another build of the app to measure beside dist/ in the same run (`BENCH_COMPARE=path/to/dist`, e.g. main
 * built before a change): the first-paint benchmarks add a column for it. Undefined when not given.
 */
export const COMPARE_DIST_DIR = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : undefined;
export const TARGET_FILE = path.join(PROJECT_DIR, 'targets', 'ruzhou-2020.yaml');

/**
 * `file` relative to the project, for messages.
 * @param {string} file
 */
export function projectPath(file) {
  return path.relative(PROJECT_DIR, file);
}

/**
 * The parts of targets/ruzhou-2020.yaml the benchmarks read, as plain YAML (not validated: the
 * benchmarks check what they need and say what they found).
 * @typedef {{
 *   id?: string,
 *   jurisdiction?: string,
 *   regions?: { parent?: string, name: { zh: string } }[],
 *   metrics?: { kind: string, name: { zh: string } }[],
 *   targets?: { applies_to?: string }[],
 * }} RawTargetFile
 */

/** @returns {Promise<RawTargetFile>} */
export async function readTargetFile() {
  const { parse } = await import('yaml');
  return parse(await readFile(TARGET_FILE, 'utf8'));
}
