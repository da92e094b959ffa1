import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';
import { createApi } from '@/backend/app';
import type { BatchStorage } from '@/backend/storage';
import { buildDemoBackend } from '@/mocks/demo-backend';
import { ruzhouTargetFile } from '../mock-server';

afterEach(() => vi.unstubAllGlobals());

/** Asks the demo's API what a read-only page asks. */
async function read(backend: Awaited<ReturnType<typeof buildDemoBackend>>['backend']) {
  const api = createApi(backend, { basePath: '/api', identify: () => ({ name: 'demo', role: 'viewer' }) });
  const meta = await api.request('/api/meta');
  const actuals = await api.request('/api/actuals?set=ruzhou-2020');
  return { meta: meta.status, actuals: actuals.status, observations: ((await actuals.json()) as { observations: unknown[] }).observations.length };
}

test('with IndexedDB the demo keeps imports (persistent)', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const started = await buildDemoBackend([ruzhouTargetFile()]);
  expect(started.persistent).toBe(true);
  expect(console.warn).not.toHaveBeenCalled();
});

test('when IndexedDB does not exist (private mode, switched off) the demo starts in memory and read-only pages work', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.stubGlobal('indexedDB', undefined);
  const started = await buildDemoBackend([ruzhouTargetFile()]);
  expect(started.persistent).toBe(false);
  const answers = await read(started.backend);
  expect(answers).toMatchObject({ meta: 200, actuals: 200 });
  expect(answers.observations).toBeGreaterThan(0);
  expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('kept in memory'), expect.anything());
});

test('when opening IndexedDB throws or hangs (blocked by another tab) the demo starts in memory within the time limit', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const failing = (revision: () => Promise<number>): BatchStorage => ({
    revision,
    load: () => Promise.reject(new Error('unused')),
    write: () => Promise.reject(new Error('unused')),
    auditLog: () => Promise.reject(new Error('unused')),
  });
  const refused = await buildDemoBackend([ruzhouTargetFile()], { openStorage: () => failing(() => Promise.reject(new DOMException('denied', 'InvalidStateError'))) });
  expect(refused.persistent).toBe(false);
  const begun = Date.now();
  const hung = await buildDemoBackend([ruzhouTargetFile()], { openStorage: () => failing(() => new Promise(() => undefined)), timeoutMs: 100 });
  expect(hung.persistent).toBe(false);
  expect(Date.now() - begun).toBeLessThan(5_000);
  expect((await read(hung.backend)).actuals).toBe(200);
});

test('when the stored imports cannot be read the demo still starts, in memory', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const unreadable: BatchStorage = {
    revision: async () => 3,
    load: () => Promise.reject(new Error('The database is damaged')),
    write: () => Promise.reject(new Error('unused')),
    auditLog: async () => [],
  };
  const started = await buildDemoBackend([ruzhouTargetFile()], { openStorage: () => unreadable });
  expect(started.persistent).toBe(false);
  expect((await read(started.backend)).meta).toBe(200);
});
