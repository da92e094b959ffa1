import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { App } from '@/app';
import { apiBaseUrl, worthRetrying } from '@/api/http';
import { createApi } from '@/backend/app';
import type { Caller } from '@/backend/roles';
import { signInRequestSchema, type ApiErrorBody } from '@/domain/contract/api-contract';
import { setupI18n } from '@/i18n/setup-i18n';
import { createMockBackend } from '@/mocks/backend';
import { selectionFromSearch, useSelection } from '@/stores/selection-store';
import { ruzhouTargetFile } from '../mock-server';
import '@/pages/scorecard-page';
import '@/pages/import-page';

/**
 * A stand-in for the Node server's session routes over the real backend core:
 * who is signed in is `state.user` (the server keeps it behind a cookie), and
 * `POST /session` answers as the server does (401 invalid_credentials, 429
 * with Retry-After, or the signed-in user).
 */
const USERS: Record<string, { password: string; caller: Caller }> = {
  wang: { password: 'correct horse', caller: { name: 'wang', role: 'analyst', region: 'ruzhou' } },
  zhao: { password: 'jiliao town', caller: { name: 'zhao', role: 'analyst', region: '410482101' } },
  li: { password: 'battery staple', caller: { name: 'li', role: 'viewer' } },
};
const state: { user?: Caller; lockedFor?: number; down?: boolean; sessionDown?: boolean; signIns: unknown[] } = { signIns: [] };
const backend = createMockBackend([ruzhouTargetFile()]);
const base = apiBaseUrl();
const core = createApi(backend, { basePath: new URL(base).pathname, identify: () => state.user });
const refuse = (status: number, code: string, headers: Record<string, string> = {}) =>
  HttpResponse.json<ApiErrorBody>({ error: { code, message: code } }, { status, headers });

const server = setupServer(
  http.post(`${base}/session`, async ({ request }) => {
    if (state.down) return HttpResponse.error();
    const body: unknown = await request.json();
    state.signIns.push({ url: request.url, body });
    if (state.lockedFor !== undefined) return refuse(429, 'too_many_attempts', { 'Retry-After': String(state.lockedFor) });
    const credentials = signInRequestSchema.parse(body);
    const account = USERS[credentials.name];
    if (!account || account.password !== credentials.password) return refuse(401, 'invalid_credentials');
    state.user = account.caller;
    return HttpResponse.json({ user: account.caller });
  }),
  http.delete(`${base}/session`, () => {
    state.user = undefined;
    return new HttpResponse(null, { status: 204 });
  }),
  http.get(`${base}/session`, ({ request }) => (state.sessionDown ? HttpResponse.error() : core.fetch(request))),
  http.all(`${base}/*`, ({ request }) => core.fetch(request)),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  vi.stubEnv('VITE_API_MODE', 'real');
  Object.assign(state, { user: undefined, lockedFor: undefined, down: false, sessionDown: false, signIns: [] });
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(() => server.close());

function renderRealApp(path = '/') {
  window.history.replaceState(null, '', path);
  useSelection.setState({ targetSet: undefined, region: undefined, year: undefined, ...selectionFromSearch('', null, path) });
  setupI18n('zh-CN');
  const client = new QueryClient({ defaultOptions: { queries: { retry: (n, e) => n < 1 && worthRetrying(e), retryDelay: 0, staleTime: Infinity } } });
  render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
  return client;
}

/** The app's own header (cards have headers of their own). */
const appHeader = () => screen.getAllByRole('banner').find((b) => b.classList.contains('app-header'))!;

async function signIn(name: string, password: string) {
  const user = userEvent.setup();
  await user.clear(await screen.findByLabelText('用户名'));
  await user.type(screen.getByLabelText('用户名'), name);
  await user.type(screen.getByLabelText('密码'), `${password}{Enter}`);
}

test('on a real server nobody signed in sees the sign-in page, not the dashboard and not a role switch', async () => {
  renderRealApp();
  expect(await screen.findByRole('heading', { name: '登录' })).toBeInTheDocument();
  expect(screen.getByLabelText('用户名')).toHaveAttribute('autocomplete', 'username');
  expect(screen.getByLabelText('密码')).toHaveAttribute('type', 'password');
  expect(screen.queryByLabelText('演示角色')).not.toBeInTheDocument();
  expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  expect(screen.queryByRole('article')).not.toBeInTheDocument();
});

test('a wrong name or password says so and keeps nothing of the password', async () => {
  renderRealApp();
  await signIn('wang', 'wrong');
  expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码不正确。');
  expect(screen.getByLabelText('密码')).toHaveValue('');
  // Sent in the body only: not in the URL, not kept in the browser.
  expect(state.signIns).toEqual([{ url: `${base}/session`, body: { name: 'wang', password: 'wrong' } }]);
  expect(window.location.href).not.toContain('wrong');
  expect(JSON.stringify({ ...localStorage })).not.toContain('wrong');
  expect(JSON.stringify({ ...sessionStorage })).not.toContain('wrong');
});

test('too many attempts says how many seconds to wait (Retry-After) and holds the button until then', async () => {
  state.lockedFor = 30;
  renderRealApp();
  await signIn('wang', 'correct horse');
  expect(await screen.findByRole('alert')).toHaveTextContent('登录失败次数过多，请等待 30 秒后再试。');
  expect(screen.getByRole('button', { name: /还需等待 30 秒/ })).toBeDisabled();
});

test('in English the messages are English', async () => {
  renderRealApp();
  await userEvent.click(await screen.findByRole('button', { name: 'Switch to English' }));
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('User name'), 'wang');
  await user.type(screen.getByLabelText('Password'), 'nope{Enter}');
  expect(await screen.findByRole('alert')).toHaveTextContent('Wrong user name or password.');
});

test('an unreachable server is said in words', async () => {
  state.down = true;
  renderRealApp();
  await signIn('wang', 'correct horse');
  expect(await screen.findByRole('alert')).toHaveTextContent('无法连接服务器。请检查网络后重试。');
});

test('an empty field is named before anything is sent', async () => {
  renderRealApp();
  await userEvent.type(await screen.findByLabelText('用户名'), 'wang{Enter}');
  expect(await screen.findByRole('alert')).toHaveTextContent('请填写密码。');
  expect(screen.getByLabelText('密码')).toHaveFocus();
  expect(state.signIns).toEqual([]);
});

test('signing in shows the page the person asked for, with their name, role and a sign-out; signing out returns to the sign-in', async () => {
  renderRealApp('/scorecard');
  await signIn('wang', 'correct horse');
  await screen.findByRole('button', { name: '退出登录' });
  const header = appHeader();
  expect(await within(header).findByText(/wang · 分析员/)).toBeInTheDocument();
  // The region by its name in the page's language (wang's region id is not one a target file declares: the id, as is).
  expect(within(header).getByText('负责地区：ruzhou')).toBeInTheDocument();
  expect(within(screen.getByRole('navigation')).getByRole('link', { name: '导入数据' })).toBeInTheDocument();
  expect(await screen.findByRole('link', { name: '计分卡', current: 'page' })).toBeInTheDocument();
  await screen.findByRole('table');
  await userEvent.click(within(header).getByRole('button', { name: '退出登录' }));
  expect(await screen.findByRole('heading', { name: '登录' })).toBeInTheDocument();
  expect(screen.queryByRole('table')).not.toBeInTheDocument();
  expect(state.user).toBeUndefined();
  // A sign-out of their own is said as such, not as an expired session; the next person types their own name.
  expect(await screen.findByText('您已退出登录。如需继续使用，请重新登录。')).toBeInTheDocument();
  expect(screen.queryByText('登录已失效，请重新登录；登录后将回到刚才的页面。')).not.toBeInTheDocument();
  expect(screen.getByLabelText('用户名')).toHaveValue('');
});

test('after signing out and in again, a session that then ends underneath is said to have ended', async () => {
  const client = renderRealApp('/scorecard');
  await signIn('wang', 'correct horse');
  await screen.findByRole('table');
  await userEvent.click(within(appHeader()).getByRole('button', { name: '退出登录' }));
  await screen.findByText('您已退出登录。如需继续使用，请重新登录。');
  await signIn('wang', 'correct horse');
  await screen.findByRole('table');
  state.user = undefined;
  await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  expect(await screen.findByText('登录已失效，请重新登录；登录后将回到刚才的页面。')).toBeInTheDocument();
  expect(screen.queryByText(/您已退出登录/)).not.toBeInTheDocument();
});

test('a region-limited analyst’s header names the region in the page’s language, not by its code', async () => {
  renderRealApp();
  await signIn('zhao', 'jiliao town');
  await screen.findByRole('button', { name: '退出登录' });
  expect(await within(appHeader()).findByText('负责地区：寄料镇')).toBeInTheDocument();
  await userEvent.click(within(appHeader()).getByRole('button', { name: 'Switch to English' }));
  expect(await within(appHeader()).findByText(/Jiliao Town/)).toBeInTheDocument();
  expect(within(appHeader()).queryByText(/410482101/)).not.toBeInTheDocument();
});

test('a viewer who opens /import on a server is told importing needs an analyst account, not the demo’s role switch', async () => {
  renderRealApp('/import');
  await signIn('li', 'battery staple');
  const note = await screen.findByText(/导入数据需要分析员账号，请联系管理员/, undefined, { timeout: 10_000 });
  expect(note).toHaveAttribute('role', 'note');
  expect(screen.queryByText(/演示中/)).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '切换为分析员角色' })).not.toBeInTheDocument();
});

test('a viewer is not offered import or data management', async () => {
  renderRealApp();
  await signIn('li', 'battery staple');
  const nav = await screen.findByRole('navigation');
  expect(within(nav).getByRole('link', { name: '目标仪表板' })).toBeInTheDocument();
  expect(within(nav).queryByRole('link', { name: '导入数据' })).not.toBeInTheDocument();
});

test('a 401 from any request (the session ended) leads to the sign-in page, and signing in returns to the page as it was', async () => {
  state.user = USERS.wang!.caller;
  const client = renderRealApp('/scorecard');
  await screen.findByRole('table');
  const page = document.querySelector('.app-page');
  state.user = undefined;
  await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  expect(await screen.findByText('登录已失效，请重新登录；登录后将回到刚才的页面。')).toBeInTheDocument();
  expect(page).not.toBeVisible();
  expect(screen.queryByRole('button', { name: '重试' })).not.toBeInTheDocument();
  // Who they were is filled in; the password is asked for.
  expect(screen.getByLabelText('用户名')).toHaveValue('wang');
  expect(screen.getByLabelText('密码')).toHaveFocus();
  await signIn('wang', 'correct horse');
  expect(await screen.findByRole('table')).toBeVisible();
  // The same page, kept (hidden) behind the sign-in, not a new one: what was typed or chosen there stays.
  expect(document.querySelector('.app-page')).toBe(page);
  expect(screen.getByRole('link', { name: '计分卡', current: 'page' })).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: '登录' })).not.toBeInTheDocument();
});

test('when the server cannot say who is signed in, the page says so with a retry (not the sign-in, not endless skeletons)', async () => {
  state.user = USERS.li!.caller;
  state.sessionDown = true;
  renderRealApp();
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('无法连接');
  expect(screen.queryByRole('heading', { name: '登录' })).not.toBeInTheDocument();
  state.sessionDown = false;
  await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
  await screen.findByRole('button', { name: '退出登录' });
  expect(within(appHeader()).getByText(/li · 查看者（领导）/)).toBeInTheDocument();
});
