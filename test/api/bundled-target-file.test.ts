import { readFileSync } from 'node:fs';
import { beforeEach, expect, test, vi } from 'vitest';
import type { BundledTargetFile } from '@/domain/targets/bundled-target-file';
import type { ParseTargetFileResult } from '@/domain/targets/parse-target-file';

/**
 * A set served with the very text the app was built with takes the build's parse (`?parsed`): the page
 * neither parses it nor loads the parser. Another text (a saved version) is parsed as before. The build's
 * parses are stood in for here by the parser's own result as JSON keeps it (what the build emits,
 * test/build/parsed-target-files.test.ts).
 */
const file = 'ruzhou-2020.yaml';
const shipped = readFileSync(`targets/${file}`, 'utf8');
const served = { file, content: shipped };

vi.mock('@/api/http', () => ({ getJson: vi.fn(() => Promise.resolve({ ...served })) }));
const parses = vi.fn();
const loads = vi.fn();
vi.mock('@/domain/targets/parse-target-file', async (original) => {
  loads();
  const real = await original<typeof import('@/domain/targets/parse-target-file')>();
  return { ...real, parseTargetFile: (text: string, name: string) => (parses(name), real.parseTargetFile(text, name)) };
});
const build = vi.hoisted(() => ({ parsed: undefined as BundledTargetFile | undefined }));
vi.mock('@/api/bundled-target-files', async () => {
  const { bundledParses } = await import('@/domain/targets/bundled-target-file');
  return bundledParses([build.parsed]);
});

async function load() {
  const { targetSetQueries } = await import('@/api/target-sets');
  const query = targetSetQueries.detail('ruzhou-2020');
  return (query.queryFn as (context: { signal: AbortSignal }) => Promise<unknown>)({ signal: new AbortController().signal });
}

beforeEach(async () => {
  const { parseTargetFile } = await vi.importActual<typeof import('@/domain/targets/parse-target-file')>('@/domain/targets/parse-target-file');
  build.parsed = { file, content: shipped, result: JSON.parse(JSON.stringify(parseTargetFile(shipped, file))) as ParseTargetFileResult };
  vi.resetModules();
  parses.mockClear();
  loads.mockClear();
  served.content = shipped;
});

test('the shipped text takes the build’s parse, without loading the parser', async () => {
  const result = await load();
  // A parser load begun on the way would have reached the module's factory by the next task.
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(result).toStrictEqual(build.parsed?.result);
  expect(result).toMatchObject({ ok: true, file });
  expect(parses).not.toHaveBeenCalled();
  expect(loads).not.toHaveBeenCalled();
});

test('another text of the set is parsed', async () => {
  served.content = `${shipped}\n# saved by an admin\n`;
  const result = await load();
  expect(parses).toHaveBeenCalledTimes(1);
  expect(result).toMatchObject({ ok: true, file });
});
