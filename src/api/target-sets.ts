import { queryOptions } from '@tanstack/react-query';
import type { ParseTargetFileResult } from '@/domain/targets/parse-target-file';
import type { SaveTargetFileRequest, TargetSetSavedResponse } from '@/domain/contract/api-contract';
import { PRECONDITION_HEADER } from '@/domain/contract/contract-values';
import { getJson, sendJsonText } from './http';

/** Query options for target sets. The file is validated here, at the edge, into a domain `TargetSet` or located problems. */
export const targetSetQueries = {
  all: () => ['target-sets'] as const,
  list: () =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson('/target-sets', {}, signal, (c) => c.targetSetListResponseSchema),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'detail', id] as const,
      queryFn: async ({ signal }) => {
        const cache = openParsedCache();
        const bundled = loadBundled();
        // The parser (YAML + the zod schema, about 50 KB gzipped) loads on demand, not with the first page's
        // JavaScript: alongside the request when this set was neither parsed when the app was built nor in
        // this browser since this deploy; otherwise only if the file served turns out to be another text.
        const parser = Promise.all([cache, bundled]).then(async ([c, b]) => (b?.isBundledSet(id) || (c && (await hasParsed(id))) ? undefined : loadParser()));
        const file = await getJson(`/target-sets/${encodeURIComponent(id)}`, {}, signal, (c) => c.targetSetFileResponseSchema);
        return (await bundled)?.bundledParse(file) ?? parsedTargetFile(id, file, await cache, parser);
      },
      staleTime: Infinity,
    }),
  /** The file's text as served (the latest saved version, or the bundled file), unparsed: what the editor opens. */
  text: (id: string) =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'text', id] as const,
      queryFn: ({ signal }) => getJson(`/target-sets/${encodeURIComponent(id)}`, {}, signal, (c) => c.targetSetFileResponseSchema),
    }),
  versions: (id: string) =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'versions', id] as const,
      queryFn: ({ signal }) => getJson(`/target-sets/${encodeURIComponent(id)}/versions`, {}, signal, (c) => c.targetVersionListResponseSchema),
    }),
  /** One version's text: 0 is the file shipped with the app. Versions never change. */
  version: (id: string, number: number) =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'version', id, number] as const,
      queryFn: ({ signal }) => getJson(`/target-sets/${encodeURIComponent(id)}/versions/${number}`, {}, signal, (c) => c.targetSetFileResponseSchema),
      staleTime: Infinity,
    }),
};

/**
 * `PUT /target-sets/{id}`: saves the text as the set's next version (422 `invalid_target_file` with the problems when
 * it is not valid). `from`: the version the text was edited from (0: the file shipped with the app), or `new` for a
 * set that must not exist yet; a 409 `stale_version` says another version was saved meanwhile and nothing was.
 */
export function saveTargetFile(id: string, request: SaveTargetFileRequest, from: number | 'new'): Promise<TargetSetSavedResponse> {
  const headers: Record<string, string> = from === 'new' ? { 'If-None-Match': '*' } : { [PRECONDITION_HEADER]: `"${from}"` };
  return sendJsonText('PUT', `/target-sets/${encodeURIComponent(id)}`, JSON.stringify(request), (c) => c.targetSetSavedResponseSchema, { headers });
}

const loadParser = () => import('@/domain/targets/parse-target-file');
/** The build's parses of the shipped files (`bundled-target-files.ts`); a failed load only means parsing. */
const loadBundled = () => import('./bundled-target-files').catch(() => undefined);

/**
 * Parsed target files, kept in the Cache API between visits: parsing and checking a file costs
 * 70–150 ms of the page's main thread at every load, reading its result back under 1 ms. An entry's
 * address carries the set id, the SHA-256 of the file's name and text, and the address of this
 * module's built chunk — whose hash changes with the parser's, so a new deploy misses and its old
 * entries are removed. Not in development (the address does not change with the code) nor where the
 * Cache API or SubtleCrypto is missing (tests, insecure origins): there every load parses.
 */
const PARSED_CACHE = 'parsed-target-files';
const PARSED_PATH = '/__parsed-target-files/';
const BUILD = import.meta.url;
/** What this deploy's entries hold (the set ids they are for), known after the cache's first listing. */
let parsedIds: Promise<Set<string>> | undefined;

function openParsedCache(): Promise<Cache | undefined> {
  if (import.meta.env.DEV || typeof caches === 'undefined' || typeof crypto === 'undefined' || !crypto.subtle) return Promise.resolve(undefined);
  return caches.open(PARSED_CACHE).then(
    (cache) => {
      parsedIds ??= listParsed(cache);
      return cache;
    },
    () => undefined,
  );
}

/** This deploy's entries' set ids; other deploys' entries are deleted on the way. */
async function listParsed(cache: Cache): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const request of await cache.keys().catch(() => [])) {
    const url = new URL(request.url);
    if (url.searchParams.get('build') === BUILD) ids.add(decodeURIComponent(url.pathname.slice(PARSED_PATH.length).split('/')[0] ?? ''));
    else void cache.delete(request).catch(() => undefined);
  }
  return ids;
}

/** Whether an entry for this set may be there (the parser is then not loaded ahead of the answer). */
async function hasParsed(id: string): Promise<boolean> {
  return (await (parsedIds ?? Promise.resolve(new Set<string>()))).has(id);
}

async function parsedKey(id: string, file: { file: string; content: string }): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${file.file}\u0000${file.content}`));
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const url = new URL(`${PARSED_PATH}${encodeURIComponent(id)}/${hash}`, window.location.origin);
  url.searchParams.set('build', BUILD);
  return url.href;
}

/** The file parsed, from the cache when this deploy has parsed this very text before, else by the parser (and kept). */
async function parsedTargetFile(
  id: string,
  file: { file: string; content: string },
  cache: Cache | undefined,
  parser: Promise<typeof import('@/domain/targets/parse-target-file') | undefined>,
): Promise<ParseTargetFileResult> {
  const key = cache ? await parsedKey(id, file).catch(() => undefined) : undefined;
  if (cache && key) {
    const hit = await cache
      .match(key)
      .then((response) => (response ? (response.json() as Promise<ParseTargetFileResult>) : undefined))
      .catch(() => undefined);
    if (hit) return hit;
  }
  const { parseTargetFile } = (await parser) ?? (await loadParser());
  const result = parseTargetFile(file.content, file.file);
  if (cache && key) void keepParsed(cache, id, key, result);
  return result;
}

/** Stores a result, replacing the set's entries for earlier texts; a full or failing cache only costs the next load a parse. */
async function keepParsed(cache: Cache, id: string, key: string, result: ParseTargetFileResult): Promise<void> {
  try {
    const prefix = `${PARSED_PATH}${encodeURIComponent(id)}/`;
    for (const request of await cache.keys()) if (new URL(request.url).pathname.startsWith(prefix) && request.url !== key) await cache.delete(request);
    await cache.put(key, Response.json(result));
    (await parsedIds)?.add(id);
  } catch {
    // Not kept: parsed again next time.
  }
}

