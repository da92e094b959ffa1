import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/**
 * The built SPA, read into memory at start (a few megabytes): a request is
 * answered from this table, never by opening a path taken from the URL, so no
 * path can reach outside the build folder. Source maps are left out: they are
 * never served to browsers.
 */
export type StaticFile = { body: Uint8Array; type: string; etag: string; immutable: boolean };
export type StaticSite = { files: ReadonlyMap<string, StaticFile>; index: StaticFile };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

const isSourceMap = (path: string) => /\.map$/i.test(path);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The build folder's files by URL path, or undefined when there is no build (with index.html) there. */
export function loadStaticSite(dir: string): StaticSite | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = new Map<string, StaticFile>();
  for (const path of walk(dir)) {
    const url = `/${relative(dir, path).split(sep).join('/')}`;
    if (isSourceMap(url)) continue;
    const body = readFileSync(path);
    files.set(url, {
      body,
      type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      // Vite names what it builds under assets/ by a hash of the contents: the name changes when they do.
      immutable: url.startsWith('/assets/'),
    });
  }
  return { files, index: files.get('/index.html')! };
}

export type StaticAnswer = { kind: 'file'; file: StaticFile } | { kind: 'not_found' };

/**
 * What a GET of `path` gets: the file; index.html for an app route (a path
 * whose last segment has no file extension, e.g. `/data` or `/sign-in`), so
 * the SPA's router takes over; otherwise not found (a missing asset, a source map).
 */
export function staticAnswer(site: StaticSite, path: string): StaticAnswer {
  const file = site.files.get(path === '/' ? '/index.html' : path);
  if (file) return { kind: 'file', file };
  const last = path.split('/').at(-1) ?? '';
  if (isSourceMap(path) || path.startsWith('/assets/') || /\.[A-Za-z0-9]{1,12}$/.test(last)) return { kind: 'not_found' };
  return { kind: 'file', file: site.index };
}
