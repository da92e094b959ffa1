import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { parsedTargetFiles } from './scripts/parsed-target-files.ts';

/**
 * A real-mode build (`VITE_API_MODE=real`, served by the Node server under a
 * strict Content-Security-Policy without 'unsafe-eval') must never generate
 * code. zod probes for `new Function` whenever a schema is built — even a
 * caught probe is reported as a violation — unless its global config says
 * `jitless` before its first schema. Module order cannot promise that (zod and
 * the schemas share a chunk that runs before the entry's own code), so a
 * classic script, which runs before any module script, sets it. With it,
 * `domain/contract/fast-check.ts` uses zod's ordinary parser. The demo keeps
 * the faster generated checks.
 */
function noGeneratedCode(): Plugin {
  const file = 'zod-jitless.js';
  const real = () => process.env.VITE_API_MODE === 'real';
  return {
    name: 'no-generated-code',
    apply: 'build',
    generateBundle() {
      if (real()) this.emitFile({ type: 'asset', fileName: file, source: 'globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });\n' });
    },
    transformIndexHtml: (html, context) =>
      real() && context.bundle ? [{ tag: 'script', attrs: { src: `${process.env.BASE_URL ?? '/'}${file}` }, injectTo: 'head-prepend' }] : html,
  };
}

const ROOT = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [react(), noGeneratedCode(), parsedTargetFiles(ROOT)],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  // Fonts are never inlined as `data:` URLs: the server's Content-Security-Policy (`default-src 'self'`, no
  // `font-src data:`) blocks them, and the report's and scorecard's smallest Noto Sans SC slices fell back to a
  // system font there (and with Noto Sans CJK, to Kangxi radicals in a PDF's text layer).
  build: { target: 'es2022', sourcemap: true, assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/i.test(file) ? false : undefined) },
  // The workers are module workers (`new Worker(url, { type: 'module' })`) built as ES modules, so a worker can
  // load part of its code on demand: the figures worker starts its request before the contract's schemas load.
  // Workers are bundled with their own plugins: the core worker reads the target files parsed at build time too.
  worker: { format: 'es', plugins: () => [parsedTargetFiles(ROOT)] },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
    // Page tests render the whole app; on a busy machine that can take longer than the 5 s default.
    // Waiting for an element is bounded separately (asyncUtilTimeout in test/setup.ts).
    testTimeout: 60_000,
  },
});
