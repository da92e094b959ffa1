import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

/**
 * The parsed target file is kept in the Cache API between visits (by set id, the text's hash and the
 * build), so a reload of an unchanged file neither parses it nor loads the parser. Here with an
 * in-memory Cache and the request answered by a stub; the app's pages run without the cache (jsdom has none).
 */
const served = { file: 'ruzhou-2020.yaml', content: readFileSync('targets/ruzhou-2020.yaml', 'utf8') };

vi.mock('@/api/http', () => ({ getJson: vi.fn(() => Promise.resolve({ ...served })) }));
const parses = vi.fn();
vi.mock('@/domain/targets/parse-target-file', async (original) => {
  const real = await original<typeof import('@/domain/targets/parse-target-file')>();
  return { ...real, parseTargetFile: (text: string, file: string) => (parses(file), real.parseTargetFile(text, file)) };
});

/** A Cache API holding responses' text in memory, as much of it as the module uses. */
function memoryCaches() {
  const entries = new Map<string, string>();
  const cache = {
    match: async (key: string) => (entries.has(key) ? new Response(entries.get(key)) : undefined),
    put: async (key: string, response: Response) => void entries.set(key, await response.text()),
    keys: async () => [...entries.keys()].map((url) => new Request(url)),
    delete: async (request: Request) => entries.delete(request.url),
  };
  return { entries, caches: { open: async () => cache } };
}

async function load(id = 'ruzhou-2020') {
  const { targetSetQueries } = await import('@/api/target-sets');
  const query = targetSetQueries.detail(id);
  return (query.queryFn as (context: { signal: AbortSignal }) => Promise<unknown>)({ signal: new AbortController().signal });
}

let store: ReturnType<typeof memoryCaches>;
beforeEach(() => {
  vi.resetModules();
  parses.mockClear();
  store = memoryCaches();
  vi.stubGlobal('caches', store.caches);
  vi.stubEnv('DEV', false);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  served.content = readFileSync('targets/ruzhou-2020.yaml', 'utf8');
});

test('a second load of the same text takes the kept result, equal to the parse, without parsing', async () => {
  const first = await load();
  expect(parses).toHaveBeenCalledTimes(1);
  // The entry is written after the answer.
  await vi.waitFor(() => expect(store.entries.size).toBe(1));
  vi.resetModules(); // a reload: nothing in memory, the Cache API kept
  const second = await load();
  expect(parses).toHaveBeenCalledTimes(1);
  expect(second).toStrictEqual(first);
  expect(first).toMatchObject({ ok: true, file: 'ruzhou-2020.yaml' });
});

test('a changed file is parsed again and replaces the kept entry', async () => {
  await load();
  await vi.waitFor(() => expect(store.entries.size).toBe(1));
  const [before] = [...store.entries.keys()];
  served.content = `${served.content}\n# edited\n`;
  vi.resetModules();
  await load();
  expect(parses).toHaveBeenCalledTimes(2);
  await vi.waitFor(() => expect([...store.entries.keys()]).toEqual([expect.not.stringMatching(before!)]));
});

test('an entry of another build is neither used nor kept', async () => {
  await load();
  await vi.waitFor(() => expect(store.entries.size).toBe(1));
  const [key] = [...store.entries.keys()];
  const text = store.entries.get(key!)!;
  store.entries.clear();
  const other = new URL(key!);
  other.searchParams.set('build', 'https://example.invalid/assets/target-set-gate-OLD.js');
  store.entries.set(other.href, text);
  vi.resetModules();
  await load();
  expect(parses).toHaveBeenCalledTimes(2);
  await vi.waitFor(() => expect([...store.entries.keys()]).toEqual([key]));
});

test('in development (or without the Cache API) every load parses and nothing is kept', async () => {
  vi.stubEnv('DEV', true);
  await load();
  vi.resetModules();
  await load();
  expect(parses).toHaveBeenCalledTimes(2);
  expect(store.entries.size).toBe(0);
});
