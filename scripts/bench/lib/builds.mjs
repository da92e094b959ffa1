/** What the bench builds with Vite's JS API besides the app: the baseline bundle and the harness pages. */

import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BASELINE_DIR, HARNESS_DIR, HARNESS_SRC_DIR, PROJECT_DIR } from './project.mjs';

/**
 * React + ReactDOM alone rendering `<p>hi</p>`, built into node_modules/.bench-baseline/dist
 * with the app's output settings: the baseline for the JS size and first paint.
 * @returns {Promise<string>} the directory to serve
 */
export async function buildBaseline() {
  await rm(BASELINE_DIR, { recursive: true, force: true });
  await mkdir(BASELINE_DIR, { recursive: true });
  await writeFile(
    path.join(BASELINE_DIR, 'index.html'),
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <title>baseline</title>\n' +
      '    <link rel="icon" href="data:," />\n  </head>\n  <body>\n    <div id="root"></div>\n' +
      '    <script type="module" src="/main.js"></script>\n  </body>\n</html>\n',
  );
  await writeFile(
    path.join(BASELINE_DIR, 'main.js'),
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n\n" +
      "createRoot(document.getElementById('root')).render(createElement('p', null, 'hi'));\n",
  );
  const outDir = path.join(BASELINE_DIR, 'dist');
  const { build } = await import('vite');
  await build({
    root: BASELINE_DIR,
    configFile: false,
    envFile: false,
    logLevel: 'silent',
    mode: 'production',
    // Same output settings as the app's vite.config.ts, minus source maps.
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  });
  return outDir;
}

/** @type {Promise<string> | undefined} */
let harnessBuild;

/**
 * Builds scripts/bench-harness/ (pages + workers importing src/ through `@`) into
 * node_modules/.bench-harness/: index.html (CSV import), chart.html (trend
 * chart, JSX, with Recharts) and commit.html (committing a batch in the demo). Built once per run, whichever benchmark asks first.
 * @returns {Promise<string>} the directory to serve
 */
export function buildHarness() {
  harnessBuild ??= (async () => {
    const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
    await build({
      root: HARNESS_SRC_DIR,
      configFile: false,
      envFile: false,
      publicDir: false,
      logLevel: 'silent',
      mode: 'production',
      // The plugin and the alias as in vite.config.ts.
      plugins: [react()],
      resolve: { alias: { '@': path.join(PROJECT_DIR, 'src') } },
      worker: { format: 'es' },
      build: {
        outDir: HARNESS_DIR,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: false,
        reportCompressedSize: false,
        rolldownOptions: {
          input: {
            index: path.join(HARNESS_SRC_DIR, 'index.html'),
            chart: path.join(HARNESS_SRC_DIR, 'chart.html'),
            commit: path.join(HARNESS_SRC_DIR, 'commit.html'),
          },
        },
      },
    });
    return HARNESS_DIR;
  })();
  return harnessBuild;
}
