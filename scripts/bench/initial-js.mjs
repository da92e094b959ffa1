/**
 * Benchmark: initial JavaScript size.
 *
 * The JS the browser must download, parse and run before the first paint is the
 * entry <script type="module"> in dist/index.html plus every <link
 * rel="modulepreload"> next to it. We report raw and gzipped (level 9) bytes of
 * each file and the total, and list every other dist/assets/*.js as a
 * lazily-loaded chunk, so it is visible that the mock backend (MSW, loaded via
 * dynamic import in src/main.tsx) is not part of the initial set. Baseline: the
 * same for React + ReactDOM alone (lib/builds.mjs). Aim (issue 13, which tightened an
 * earlier issue's 200 kB): at most 150 kB gzipped initial JS. With `BENCH_COMPARE=<dist dir>` (another revision's
 * build) its initial JS is a column beside the dashboard's.
 */

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { COMPARE_DIST_DIR, DIST_DIR } from './lib/project.mjs';
import { kB } from './lib/stats.mjs';

/**
 * @typedef {import('./types').BenchContext} BenchContext
 * @typedef {import('./types').BenchResult} BenchResult
 * @typedef {import('./types').Table} Table
 * @typedef {{ file: string, raw: number, gzip: number }} FileSize
 * @typedef {Awaited<ReturnType<typeof measureHtmlJs>>} HtmlJs
 */

const AIM_INITIAL_JS_GZIP = 150_000; // bytes ("150 KB", read strictly: kB = 1000 bytes, as Vite prints)

/**
 * Initial (first-paint) JS of the dashboard vs the React + ReactDOM baseline, plus the lazy chunks.
 * @param {BenchContext} ctx
 * @returns {Promise<BenchResult>}
 */
export async function benchInitialJs(ctx) {
  const app = await measureHtmlJs(DIST_DIR);
  const base = await measureHtmlJs(await ctx.baseline());
  const compared = COMPARE_DIST_DIR ? await measureHtmlJs(COMPARE_DIST_DIR) : undefined;
  return {
    key: 'initialJs',
    title: 'Initial JavaScript size',
    tables: tables(app, base, compared),
    aims: [
      {
        aim: `initial JS < ${kB(AIM_INITIAL_JS_GZIP)} gzipped`,
        value: kB(app.initialGzip),
        met: app.initialGzip < AIM_INITIAL_JS_GZIP,
      },
    ],
    data: {
      unit: 'bytes',
      gzipLevel: 9,
      dashboard: app,
      baseline: { initial: base.initial, initialRaw: base.initialRaw, initialGzip: base.initialGzip },
      ...(compared ? { compared: { dist: COMPARE_DIST_DIR, initial: compared.initial, initialRaw: compared.initialRaw, initialGzip: compared.initialGzip } } : {}),
      aimGzipBytes: AIM_INITIAL_JS_GZIP,
    },
  };
}

/**
 * @param {HtmlJs} app
 * @param {HtmlJs} base
 * @param {HtmlJs} [compared] another revision's build (BENCH_COMPARE)
 * @returns {Table[]}
 */
function tables(app, base, compared) {
  /** @param {FileSize[]} files */
  const fileRows = (files) => files.map((f) => [f.file, kB(f.raw), kB(f.gzip)]);
  /** @type {Table} */
  const initialTable = {
    title: 'Initial JS (entry script + modulepreloads in dist/index.html)',
    header: ['file', 'raw', 'gzip'],
    rows: [...fileRows(app.initial), ['total', kB(app.initialRaw), kB(app.initialGzip)]],
  };
  /** @type {Table} */
  const lazyTable = {
    title: 'Lazily-loaded JS chunks (other dist/assets/*.js, not needed for first paint)',
    header: ['file', 'raw', 'gzip'],
    rows: [...fileRows(app.lazy), ['total', kB(app.lazyRaw), kB(app.lazyGzip)]],
  };
  if (app.other.length > 0) {
    lazyTable.note = `Also in dist/, outside the page bundle: ${app.other
      .map((f) => `${f.file} (${kB(f.gzip)} gzip${f.file === 'mockServiceWorker.js' ? ', the MSW service worker' : ''})`)
      .join(', ')}.`;
  }
  /** @param {(build: HtmlJs) => string} cell */
  const row = (cell) => [cell(app), ...(compared ? [cell(compared)] : [])];
  /** @type {Table} */
  const compareTable = {
    title: compared ? 'Initial JS vs the compared build and the baseline (React + ReactDOM alone)' : 'Initial JS vs baseline (React + ReactDOM alone)',
    header: ['measure', 'dashboard', ...(compared ? ['compared'] : []), 'baseline'],
    rows: [
      ['initial JS files', ...row((b) => String(b.initial.length)), String(base.initial.length)],
      ['initial JS raw', ...row((b) => kB(b.initialRaw)), kB(base.initialRaw)],
      ['initial JS gzip', ...row((b) => kB(b.initialGzip)), kB(base.initialGzip)],
      ['gzip over baseline', ...row((b) => kB(b.initialGzip - base.initialGzip)), '-'],
    ],
    ...(compared ? { note: `The compared build: ${COMPARE_DIST_DIR}.` } : {}),
  };
  return [initialTable, lazyTable, compareTable];
}

/**
 * Reads `<dir>/index.html`, takes its entry module script and modulepreloads
 * as the initial set, and every other .js under `<dir>/assets` as lazy.
 * @param {string} dir
 */
async function measureHtmlJs(dir) {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  const tags = parseTags(html);
  const entries = tags.flatMap((t) => (t.name === 'script' && t.attrs.type === 'module' && t.attrs.src ? [t.attrs.src] : []));
  if (entries.length === 0) throw new Error(`${dir}/index.html has no <script type="module" src=...>`);
  const preloads = tags.flatMap((t) => (t.name === 'link' && relList(t.attrs.rel).includes('modulepreload') && t.attrs.href ? [t.attrs.href] : []));

  const initialPaths = [...new Set([...entries, ...preloads])].map((url) => localPath(dir, url));
  const initial = await Promise.all(initialPaths.map((file) => sizeOf(dir, file)));

  const assetsDir = path.join(dir, 'assets');
  const assetJs = existsSync(assetsDir)
    ? (await readdir(assetsDir)).filter((f) => f.endsWith('.js')).map((f) => path.join(assetsDir, f))
    : [];
  const lazy = await Promise.all(
    assetJs.filter((file) => !initialPaths.includes(file)).sort().map((file) => sizeOf(dir, file)),
  );
  // JS outside assets/ that is not part of the page (here: public/mockServiceWorker.js).
  const topJs = (await readdir(dir)).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
  const other = await Promise.all(topJs.filter((file) => !initialPaths.includes(file)).map((file) => sizeOf(dir, file)));

  /**
   * @param {FileSize[]} files
   * @param {'raw' | 'gzip'} key
   */
  const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);
  return {
    initial,
    initialRaw: sum(initial, 'raw'),
    initialGzip: sum(initial, 'gzip'),
    lazy,
    lazyRaw: sum(lazy, 'raw'),
    lazyGzip: sum(lazy, 'gzip'),
    other,
  };
}

/**
 * Start tags of an HTML document with their attributes (enough for Vite's index.html).
 * @param {string} html
 * @returns {{ name: string, attrs: Record<string, string | undefined> }[]}
 */
function parseTags(html) {
  const tags = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of withoutComments.matchAll(/<([a-zA-Z][\w-]*)\b([^>]*)>/g)) {
    /** @type {Record<string, string>} */
    const attrs = {};
    for (const a of (match[2] ?? '').matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[(a[1] ?? '').toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    tags.push({ name: (match[1] ?? '').toLowerCase(), attrs });
  }
  return tags;
}

/** @param {string} [rel] */
function relList(rel = '') {
  return rel.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * Maps a URL from index.html ("/assets/x.js", "./assets/x.js") to a file under `dir`.
 * @param {string} dir
 * @param {string} url
 */
function localPath(dir, url) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    throw new Error(`initial script ${url} is not served from dist/; cannot measure it`);
  }
  const file = path.resolve(dir, '.' + path.posix.resolve('/', decodeURIComponent(url.split(/[?#]/)[0] ?? '')));
  if (!existsSync(file)) throw new Error(`${url} (from index.html) not found at ${file}`);
  return file;
}

/**
 * @param {string} dir
 * @param {string} file
 * @returns {Promise<FileSize>}
 */
async function sizeOf(dir, file) {
  const bytes = await readFile(file);
  return {
    file: path.relative(dir, file).split(path.sep).join('/'),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
}
