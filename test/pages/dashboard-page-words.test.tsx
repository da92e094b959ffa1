import { screen, within } from '@testing-library/react';
import type { TFunction } from 'i18next';
import { expect, test } from 'vitest';
import { ApiError } from '@/api/http';
import { en } from '@/i18n/en';
import { planTerms } from '@/domain/display/plan-terms';
import { setPlanTerms, setupI18n } from '@/i18n/setup-i18n';
import { ruzhouSet } from '../fixtures/ruzhou';
import '@/i18n/import-words';
import { zhCN } from '@/i18n/zh-cn';
import { zhCNImport } from '@/i18n/zh-cn-import';
import { errorDetail, errorMessage } from '@/pages/target-set-gate';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

const api = setupMockApi();

/** Every failure the API can end in: each kind, and each refusal code the server and the demo send. */
const FAILURES: ApiError[] = [
  new ApiError('unavailable', 'Service worker registration failed'),
  new ApiError('network', 'Failed to fetch'),
  Object.assign(new ApiError('timeout', 'No answer from /actuals within 20 s'), { timeoutMs: 20_000 }),
  new ApiError('unauthenticated', 'Sign in to use the API.', 401, 'unauthenticated'),
  new ApiError('invalid_response', 'The server did not answer with JSON', 200),
  new ApiError('client', 'Only analysts can change data. Officials (viewer role) can read but not import or remove.', 403, 'forbidden'),
  new ApiError('client', 'figures[3].region: region_out_of_scope (…)', 403, 'region_out_of_scope'),
  new ApiError('client', 'Forbidden', 403),
  new ApiError('client', 'No target set “x”.', 404, 'not_found'),
  new ApiError('client', 'Too large', 413, 'payload_too_large'),
  new ApiError('client', 'Wait.', 429, 'too_many_attempts'),
  new ApiError('client', 'Bad', 400, 'invalid_request'),
  new ApiError('client', 'Bad', 400, 'bad_request'),
  new ApiError('client', 'Bad JSON', 400, 'invalid_json'),
  new ApiError('client', 'Media', 415, 'unsupported_media_type'),
  new ApiError('client', 'Cross-origin write refused', 403, 'cross_origin'),
  new ApiError('client', 'Stale', 409, 'stale_preview'),
  new ApiError('client', 'Invalid', 422, 'invalid_target_file'),
  new ApiError('client', 'I am a teapot', 418, 'teapot'),
  new ApiError('server', 'Demo fault injected for actuals (HTTP 500).', 500, 'injected_fault'),
  new ApiError('server', 'Internal error', 500, 'internal_error'),
  new ApiError('server', 'Bad Gateway', 502),
];

test('no failure is told in English in the Chinese interface; the server’s words are only the detail', () => {
  const t = setupI18n('zh-CN').t as TFunction;
  for (const error of FAILURES) {
    const text = errorMessage(t, error);
    // Latin letters only in "HTTP" and the demo's "?mock-fault" parameter, never the server's English.
    expect(text.replace(/HTTP|\?mock-fault/g, ''), `${error.kind} ${error.code ?? ''}`).not.toMatch(/[A-Za-z]/);
    expect(text).not.toContain(error.message);
  }
  expect(errorMessage(t, new ApiError('client', 'Only analysts can change data.', 403, 'forbidden'))).toBe('服务器拒绝了此操作（HTTP 403）：当前身份没有相应权限。');
  expect(errorMessage(t, new Error('Loading chunk 7 failed'))).toBe('发生了意外错误。');
  expect(errorDetail(new ApiError('client', 'Only analysts can change data.', 403, 'forbidden'))).toBe('forbidden: Only analysts can change data.');
  expect(errorDetail(new ApiError('network', 'Failed to fetch'))).toBeUndefined();
});

test('the same failures in English are English', () => {
  const t = setupI18n('en').t as TFunction;
  for (const error of FAILURES) expect(errorMessage(t, error)).not.toMatch(/[\u4e00-\u9fff]/);
  expect(errorMessage(t, Object.assign(new ApiError('timeout', 'x'), { timeoutMs: 1000 }))).toContain('within 1 second.');
  expect(errorMessage(t, Object.assign(new ApiError('timeout', 'x'), { timeoutMs: 20_000 }))).toContain('within 20 seconds.');
  setupI18n('zh-CN');
});

test('an injected fault on the dashboard is said in Chinese, with the server’s English folded away as a detail', async () => {
  api.useBackend(undefined, [{ resource: 'actuals', status: 500, remaining: 5 }]);
  renderApp();
  const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
  expect(within(alert).getByText('数据服务暂时出错（HTTP 500）：这是演示中用 ?mock-fault 注入的故障。')).toBeVisible();
  const detail = within(alert).getByText(/Demo fault injected/);
  expect(detail).not.toBeVisible();
  expect(detail.closest('details')).not.toHaveAttribute('open');
  expect(within(alert).getByText('技术细节')).toBeVisible();
});

/** The plain-text leaves of a messages object, by dotted key. */
function leaves(messages: object, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value as object, `${prefix}${key}.`),
  );
}

test('every English message that puts a count before a plural noun has its singular form', () => {
  const english = new Map(leaves(en));
  const base = (key: string) => key.replace(/_other$/, '');
  const missing = [...english]
    .filter(([key, text]) => !key.endsWith('_one') && /\{\{count(?:, number)?\}\} (?:[a-z-]+ ){0,2}[a-z]+s\b/.test(text))
    .filter(([key]) => !english.has(`${base(key)}_one`))
    .map(([key]) => key);
  expect(missing).toEqual([]);
  // A singular form is only ever beside its other form.
  for (const [key] of english) if (key.endsWith('_one')) expect(english.has(key.slice(0, -4)) || english.has(`${key.slice(0, -4)}_other`), key).toBe(true);
  // Chinese has one form: where its file has plural keys at all, they read the same.
  const chinese = new Map(leaves(zhCN));
  for (const [key, text] of chinese) if (key.endsWith('_one')) expect(chinese.get(`${key.slice(0, -4)}_other`) ?? chinese.get(key.slice(0, -4)), key).toBe(text);
});

test('English counts read "1 problem", "1 new figure"; Chinese reads the same for any count', () => {
  const t = setupI18n('en').t as TFunction;
  setPlanTerms(planTerms(ruzhouSet()));
  expect(t('problems.heading', { count: 1 })).toBe('The target file has 1 problem, so the dashboard cannot be shown');
  expect(t('problems.heading', { count: 3 })).toBe('The target file has 3 problems, so the dashboard cannot be shown');
  expect(t('problems.heading', { count: 0 })).toBe('The target file has 0 problems, so the dashboard cannot be shown');
  expect(t('import.countAdded', { count: 1 })).toBe('new figure');
  expect(t('import.countAdded', { count: 2 })).toBe('new figures');
  expect(t('card.rolledUp', { count: 1 })).toBe('Rolled up from 1 township');
  expect(t('summary.notApplicable', { count: 1 })).toBe('1 city-wide target does not apply to townships');
  // Large counts are passed as numbers (so the plural is chosen) and grouped by the formatter.
  expect(t('data.exportHint', { count: 1, parts: '1 imported' })).toBe('1 figure (1 imported), as a CSV file Excel opens directly (UTF-8).');
  expect(t('data.exportHint', { count: 12_345, parts: 'x' })).toMatch(/^12,345 figures \(x\)/);
  expect(t('data.exportPart.demo', { count: 1 })).toBe('1 synthetic demo figure');
  expect(t('import.confirm', { count: 1_000_000 })).toBe('Import 1,000,000 figures');
  expect(t('signIn.tooMany', { seconds: 1, count: 1 })).toBe('Too many failed sign-ins. Wait 1 second, then try again.');
  expect(t('summary.caption', { region: 'Ruzhou', year: 2020, total: 1, count: 1 })).toBe('Ruzhou · as of 2020 · 1 target');
  const zh = setupI18n('zh-CN').t as TFunction;
  expect(zh('data.exportHint', { count: 12_345, parts: 'x' })).toMatch(/^共 12,345 条数据/);
  expect(zh('problems.heading', { count: 1 })).toBe('目标文件有 1 处问题，无法显示仪表板');
  expect(zh('import.countAdded', { count: 1 })).toBe(zhCNImport.import.countAdded);
});

test('a township dashboard in English counts its city-wide targets in words that agree with the number', async () => {
  renderApp('?lang=en&region=410482101');
  await screen.findAllByRole('article', {}, { timeout: 10_000 });
  const note = screen.getByText(/city-wide targets? does not apply|city-wide targets? do not apply/).textContent;
  const count = Number(/^(\d+) /.exec(note)![1]);
  expect(count).toBeGreaterThan(1);
  expect(note).toBe(`${count} city-wide targets do not apply to townships`);
  const applicable = screen.getAllByRole('article').length - count;
  expect(screen.getByText(new RegExp(`· ${applicable} targets$`))).toBeInTheDocument();
});
