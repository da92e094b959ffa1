import i18next from 'i18next';
import { afterEach, expect, test, vi } from 'vitest';
import { zhCN } from '@/i18n/zh-cn';

/**
 * The first page carries only the Chinese messages; English is loaded when asked for, and the page changes
 * language only once it is there (never showing keys). test/setup.ts provides English to every other test;
 * here a fresh copy of the module starts as the app does, with Chinese alone.
 */
async function freshSetup() {
  vi.resetModules();
  return import('@/i18n/setup-i18n');
}

afterEach(() => {
  vi.doUnmock('@/i18n/en');
});

test('English is not at hand until it is loaded: setting up in English first says so', async () => {
  const { setupI18n, loadLanguage } = await freshSetup();
  expect(() => setupI18n('en')).toThrow("The en messages are not loaded: await loadLanguage('en') before setupI18n.");
  await loadLanguage('en');
  expect(setupI18n('en').t('app.title')).toBe('Education target tracker');
});

test('switching to English keeps the Chinese words until the English messages are in, then changes', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  vi.doMock('@/i18n/en', async (original) => {
    await gate;
    return original();
  });
  const { setupI18n, switchLanguage } = await freshSetup();
  const i18n = setupI18n('zh-CN');
  expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
  const switched = switchLanguage('en');
  await new Promise((resolve) => setTimeout(resolve, 0));
  // Still loading: the page is in Chinese, not in keys.
  expect(i18next.language).toBe('zh-CN');
  expect(i18next.t('app.title')).toBe(zhCN.app.title);
  release();
  expect(await switched).toBe(true);
  expect(i18next.language).toBe('en');
  expect(i18next.t('app.title')).toBe('Education target tracker');
  expect(document.documentElement.lang).toBe('en');
});

test('a later choice wins over an earlier one still loading', async () => {
  const { setupI18n, switchLanguage } = await freshSetup();
  setupI18n('zh-CN');
  const toEnglish = switchLanguage('en');
  const back = switchLanguage('zh-CN');
  expect(await back).toBe(true);
  expect(await toEnglish).toBe(false);
  expect(i18next.language).toBe('zh-CN');
  expect(document.documentElement.lang).toBe('zh-CN');
});

test('a failed load leaves the language as it was and can be tried again', async () => {
  let fail = true;
  vi.doMock('@/i18n/en', async (original) => {
    if (fail) throw new Error('offline');
    return original();
  });
  const { setupI18n, switchLanguage } = await freshSetup();
  setupI18n('zh-CN');
  // (Vitest words a failing module factory its own way.)
  await expect(switchLanguage('en')).rejects.toThrow();
  expect(i18next.language).toBe('zh-CN');
  fail = false;
  expect(await switchLanguage('en')).toBe(true);
  expect(i18next.language).toBe('en');
});
