import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http } from 'msw';
import { afterEach, expect, test } from 'vitest';
import { apiBaseUrl, setApiRole, setRequestTimeout, DEFAULT_TIMEOUT_MS } from '@/api/http';
import { useDemoHost } from '@/stores/demo-host-store';
import { useRole } from '@/stores/role-store';
import { bundledTargetFiles } from '@/mocks/target-files';
import { ruzhouTargetFile, setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

const api = setupMockApi();

afterEach(() => {
  useDemoHost.setState({ storage: 'unknown' });
  useRole.setState({ role: 'viewer' });
  setApiRole('viewer');
  setRequestTimeout(DEFAULT_TIMEOUT_MS);
});

test('in the demo a failed /meta still shows the demo-data label', async () => {
  api.useBackend(undefined, [{ resource: 'meta', status: 500, remaining: Infinity }]);
  renderApp();
  await screen.findAllByRole('article');
  expect(screen.getByRole('note')).toHaveTextContent('模拟演示数据');
  expect(within(screen.getByRole('heading', { level: 1 })).getByText('模拟演示数据')).toBeInTheDocument();
});

test('a set that asks for no demo figures (the national one) shows no 模拟 label, in the heading or as a notice', async () => {
  api.useBackend([ruzhouTargetFile(), ...bundledTargetFiles().filter((f) => f.file === 'national-2020.yaml')]);
  renderApp('?set=national-2020');
  await screen.findByText(/全国2020年学前教育与特殊教育目标/, {}, { timeout: 15_000 });
  await screen.findAllByRole('article');
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^教育发展目标监测$/));
  expect(screen.queryAllByRole('note').map((n) => n.textContent ?? '').filter((text) => text.includes('模拟'))).toEqual([]);
});

test('in the demo a /meta that never answers still shows the label', async () => {
  setRequestTimeout(200);
  api.server.use(http.get(`${apiBaseUrl()}/meta`, () => delay('infinite')));
  renderApp();
  await screen.findAllByRole('article');
  expect(screen.getByRole('note')).toHaveTextContent('模拟演示数据');
});

test('when the demo keeps imports in memory only, the page says they are lost on reload', async () => {
  useDemoHost.setState({ storage: 'memory' });
  renderApp();
  await screen.findAllByRole('article');
  expect(screen.getAllByRole('note').map((n) => n.textContent)).toContainEqual(expect.stringContaining('重新加载页面后会丢失'));
});

test('a request that never answers ends in a message with a retry, not endless skeletons', async () => {
  setRequestTimeout(300);
  api.server.use(http.get(`${apiBaseUrl()}/actuals`, () => delay('infinite')));
  renderApp();
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('数据服务在 1 秒内没有响应');
  api.server.resetHandlers();
  setRequestTimeout(DEFAULT_TIMEOUT_MS);
  await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
  expect(await screen.findByRole('article', { name: '学前三年毛入园率' })).toBeInTheDocument();
});

test('the demo’s role switch decides, through GET /session, whether import and data management are offered', async () => {
  renderApp();
  const nav = await screen.findByRole('navigation');
  await screen.findAllByRole('article');
  expect(within(nav).queryByRole('link', { name: '导入数据' })).not.toBeInTheDocument();
  await userEvent.selectOptions(screen.getByLabelText('演示角色'), 'analyst');
  expect(await within(nav).findByRole('link', { name: '导入数据' })).toBeInTheDocument();
  expect(within(nav).getByRole('link', { name: '数据管理' })).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '退出登录' })).not.toBeInTheDocument();
  await userEvent.selectOptions(screen.getByLabelText('演示角色'), 'viewer');
  await waitFor(() => expect(within(nav).queryByRole('link', { name: '导入数据' })).not.toBeInTheDocument());
});
