import { afterEach, expect, test, vi } from 'vitest';
import { importMessageText } from '@/components/import-message-list';
import { setupI18n } from '@/i18n/setup-i18n';
import { createImportSession } from '@/workers/import-client';
import { isModuleLoadFailure, WORKER_OUTDATED } from '@/workers/import-protocol';
import { ruzhouSet } from '../fixtures/ruzhou';

/** A Worker whose code never runs: every message is answered by the 'error' event `fail` makes, as a browser does for a script that 404s. */
class BrokenWorker {
  static started = 0;
  static terminated = 0;
  static fail: () => Event = () => new Event('error');
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor() {
    BrokenWorker.started += 1;
  }
  postMessage() {
    queueMicrotask(() => this.onerror?.(BrokenWorker.fail()));
  }
  terminate() {
    BrokenWorker.terminated += 1;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const file = new File(['地区,年份\r\n'], 'a.csv');

test('a worker whose code does not load (a new version deployed) answers worker_outdated, and the next task starts a fresh worker', async () => {
  vi.stubGlobal('Worker', BrokenWorker);
  const session = createImportSession();
  await expect(session.inspect(file, ruzhouSet(), {})).resolves.toEqual(WORKER_OUTDATED);
  expect(BrokenWorker.terminated).toBe(1);
  await expect(session.batchBody()).resolves.toEqual(WORKER_OUTDATED);
  expect(BrokenWorker.started).toBe(2);
});

test('an error the running worker raises, with its message, still rejects with that message', async () => {
  BrokenWorker.fail = () => Object.assign(new Event('error'), { message: 'Uncaught RangeError: too deep' });
  vi.stubGlobal('Worker', BrokenWorker);
  await expect(createImportSession().inspect(file, ruzhouSet(), {})).rejects.toThrow('too deep');
});

test('a failed dynamic import is told apart from other errors, in the words of each browser', () => {
  expect(isModuleLoadFailure(new TypeError('Failed to fetch dynamically imported module: https://x/assets/xlsx-reader-1a2b.js'))).toBe(true);
  expect(isModuleLoadFailure(new TypeError('error loading dynamically imported module: https://x/assets/a.js'))).toBe(true);
  expect(isModuleLoadFailure(new TypeError('Importing a module script failed.'))).toBe(true);
  expect(isModuleLoadFailure(new TypeError('Failed to fetch'))).toBe(false);
  expect(isModuleLoadFailure('dynamically imported module')).toBe(false);
});

test('worker_outdated tells the analyst, in the UI language, to reload the page', async () => {
  const i18n = setupI18n('zh-CN');
  await i18n.changeLanguage('zh-CN');
  expect(importMessageText(i18n.t, WORKER_OUTDATED.message)).toMatch(/新版本.*请刷新页面/);
  await i18n.changeLanguage('en');
  expect(importMessageText(i18n.t, WORKER_OUTDATED.message)).toMatch(/new version.*Reload the page/);
});
