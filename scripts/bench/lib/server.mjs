/** A tiny static server for dist/, the baseline bundle and the harness pages. */

import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }.
 * Hashed files under /assets/ are cacheable for a year, everything else is
 * revalidated, as a production deployment would do (this is what "warm" sees).
 * With `spa`, a missing path without an extension (`/scorecard`,
 * `/targets/x`) gets `index.html`, as `vite preview` and a single-page-app
 * deployment do.
 * @param {string} dir
 * @param {{ spa?: boolean }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function startStaticServer(dir, { spa = false } = {}) {
  const root = path.resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const found = await findFile(root, pathname, spa);
      if (found === 'forbidden') {
        res.writeHead(403).end();
        return;
      }
      if (!found) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = await readFile(found.file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        'Last-Modified': found.mtime.toUTCString(),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    }
  });
  server.keepAliveTimeout = 1_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error(`unexpected server address ${address}`));
        return;
      }
      resolve({
        url: `http://127.0.0.1:${address.port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * The file under `root` that `pathname` names (`/` → index.html; with `spa`, index.html for an
 * app route), or 'forbidden' when the path leaves `root`, or null when there is none.
 * @param {string} root
 * @param {string} pathname
 * @param {boolean} spa
 * @returns {Promise<{ file: string, mtime: Date } | 'forbidden' | null>}
 */
async function findFile(root, pathname, spa) {
  let file = path.join(root, path.posix.normalize(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return 'forbidden';
  if (pathname.endsWith('/')) file = path.join(file, 'index.html');
  let info = await stat(file).catch(() => null);
  if (!info?.isFile() && spa && path.posix.extname(pathname) === '') {
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  return info?.isFile() ? { file, mtime: info.mtime } : null;
}
