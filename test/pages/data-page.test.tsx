import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import type { FigureValues } from '@/domain/shared/observation';
import { commitBatch, removeBatch as removeFromBackend } from '@/backend/figure-store';
import { useRole } from '@/stores/role-store';
import { http, HttpResponse } from 'msw';
import { apiBaseUrl, setApiRole } from '@/api/http';
import { createApi } from '@/backend/app';
import type { MockBackend } from '@/mocks/backend';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

const api = setupMockApi();
/** The data and import pages are lazy-loaded and the machine may be busy: wait generously, never for a fixed time. */
const LAZY = { timeout: 10_000 };
vi.setConfig({ testTimeout: 30_000 });

const counts = { rows: 2, added: 1, replaced: 1, unchanged: 0, rejectedRows: 1, errors: 1, warnings: 0, notes: 0 };

const JILIAO = '410482101';
const WENQUAN = '410482102';
const COVERAGE = 'inclusive_kindergarten_coverage';

/** Commits a batch straight into the backend, as another tab or user would. */
async function commit(backend: MockBackend, fileName: string, figures: FigureValues[], by = 'demo') {
  const result = await commitBatch(backend, { fileName, encoding: 'gb18030', layout: 'long', targetSet: 'ruzhou-2020', counts, figures }, { caller: { name: by, role: 'analyst' } });
  if (result.kind !== 'created') throw new Error(`not stored: ${result.kind}`);
  return result.batch;
}

async function withBatch(figures: FigureValues[] = [{ metric: COVERAGE, region: JILIAO, year: 2020, value: 88 }]) {
  const backend = api.useBackend();
  await commit(backend, '<img src=x onerror=alert(1)>.csv', figures);
  return backend;
}

test('an analyst sees the batches, with the file name shown as text, and can undo one', async () => {
  const backend = await withBatch();
  useRole.setState({ role: 'analyst' });
  setApiRole('analyst');
  renderApp('', '/data');
  const item = await screen.findByRole('listitem', { name: '<img src=x onerror=alert(1)>.csv' });
  expect(within(item).queryByRole('img')).toBeNull();
  expect(within(item).getByText('<img src=x onerror=alert(1)>.csv')).toBeInTheDocument();
  expect(within(item).getByText(/新增 1 · 替换 1 · 拒绝 1 行/)).toBeInTheDocument();
  await userEvent.click(within(item).getByRole('button', { name: '撤销这次导入' }));
  const preview = await within(item).findByRole('group', { name: '撤销的结果' }, LAZY);
  expect(await within(preview).findByText('撤销后：1 个数值恢复原值，0 个数值变为缺失，0 个数值保持不变（之后的导入又设置了它们）。', undefined, LAZY)).toBeInTheDocument();
  await userEvent.click(within(item).getByRole('button', { name: '确认撤销' }));
  await screen.findByText('还没有导入过数据。', undefined, LAZY);
  expect(screen.getByRole('status', { name: '撤销完成' })).toHaveTextContent('已撤销“<img src=x onerror=alert(1)>.csv”。');
  expect(backend.batches).toEqual([]);
  useRole.setState({ role: 'viewer' });
  setApiRole('viewer');
});

/** An analyst opens the data page and the batch's details: its table of figures. */
async function openBatchDetails() {
  useRole.setState({ role: 'analyst' });
  renderApp('', '/data');
  const item = await screen.findByRole('listitem', { name: /onerror/ }, LAZY);
  await userEvent.click(within(item).getByRole('button', { name: '查看明细' }));
  return within(item).findByRole('table', { name: '本批数据及其替换的原值' });
}

test('batch details list each figure with the value it replaced', async () => {
  await withBatch();
  const table = await openBatchDetails();
  expect(within(table).getByText('寄料镇')).toBeInTheDocument();
  expect(within(table).getByText('88.0%')).toBeInTheDocument();
  expect(within(table).getByText(/ = \d+\.\d%/)).toBeInTheDocument();
  useRole.setState({ role: 'viewer' });
});

test('batch details give a ratio from its parts in the metric’s unit, a count as a count', async () => {
  await withBatch([{ metric: 'provincial_master_teachers', region: '410482', year: 2020, numerator: 30, denominator: 2 }]);
  const table = await openBatchDetails();
  expect(within(table).getByText('30 / 2 = 15 人')).toBeInTheDocument();
  useRole.setState({ role: 'viewer' });
});

test('a viewer sees no import or data links, and the import page explains why', async () => {
  useRole.setState({ role: 'viewer' });
  renderApp('', '/import');
  expect(await screen.findByText(/查看者角色只能浏览数据/, undefined, LAZY)).toHaveTextContent('演示中可切换为分析员角色');
  expect(screen.getByRole('button', { name: '切换为分析员角色' })).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: '导入数据' })).not.toBeInTheDocument();
});

test('an analyst sees the navigation and the import page with templates', async () => {
  useRole.setState({ role: 'analyst' });
  renderApp('', '/import');
  expect(await screen.findByRole('link', { name: '导入数据' }, LAZY)).toHaveAttribute('aria-current', 'page');
  expect(await screen.findByRole('button', { name: '长表（中文表头）' }, LAZY)).toBeInTheDocument();
  await userEvent.click(screen.getByRole('link', { name: '目标仪表板' }));
  await waitFor(() => expect(window.location.pathname).toBe('/'));
  useRole.setState({ role: 'viewer' });
});

test('batches are listed by commit sequence, newest first, with who committed each', async () => {
  const backend = api.useBackend();
  await commit(backend, 'first.csv', [{ metric: COVERAGE, region: JILIAO, year: 2020, value: 88 }], '张敏');
  await commit(backend, 'second.csv', [{ metric: COVERAGE, region: WENQUAN, year: 2020, value: 70 }], '李强');
  useRole.setState({ role: 'analyst' });
  renderApp('', '/data');
  await screen.findByRole('listitem', { name: 'second.csv' }, LAZY);
  const items = screen.getAllByRole('listitem').filter((li) => li.classList.contains('batch'));
  expect(items.map((li) => li.getAttribute('aria-label'))).toEqual(['second.csv', 'first.csv']);
  expect(items[0]).toHaveTextContent('第 2 批 · 导入人：李强');
  expect(items[1]).toHaveTextContent('第 1 批 · 导入人：张敏');
  useRole.setState({ role: 'viewer' });
});

test('before an undo the page says exactly what comes back, what becomes a gap and what a later batch keeps; after it, what was done', async () => {
  const backend = api.useBackend();
  const a = await commit(backend, 'a.csv', [
    { metric: COVERAGE, region: JILIAO, year: 2020, value: 88 }, // replaces a demo figure: comes back
    { metric: COVERAGE, region: JILIAO, year: 2015, value: 50 }, // new: becomes a gap
    { metric: COVERAGE, region: WENQUAN, year: 2020, value: 71 }, // set again by b.csv: stays
  ]);
  await commit(backend, 'b.csv', [{ metric: COVERAGE, region: WENQUAN, year: 2020, value: 72.5 }]);
  const demo = a.replaced.find((o) => o.region === JILIAO && o.year === 2020)!;
  useRole.setState({ role: 'analyst' });
  setApiRole('analyst');
  renderApp('', '/data');
  const item = await screen.findByRole('listitem', { name: 'a.csv' }, LAZY);
  await userEvent.click(within(item).getByRole('button', { name: '撤销这次导入' }));
  const preview = await within(item).findByRole('group', { name: '撤销的结果' });
  expect(await within(preview).findByText('撤销后：1 个数值恢复原值，1 个数值变为缺失，1 个数值保持不变（之后的导入又设置了它们）。', undefined, LAZY)).toBeInTheDocument();
  const restored = within(preview).getByRole('table', { name: '将恢复的原值（1 个）' });
  const n = new Intl.NumberFormat('zh-CN').format;
  const ratio = `${((demo.numerator! / demo.denominator!) * 100).toFixed(1)}%`;
  expect(within(restored).getByRole('row', { name: `寄料镇 普惠性幼儿园覆盖率 2020 ${n(demo.numerator!)} / ${n(demo.denominator!)} = ${ratio}` })).toBeInTheDocument();
  const cleared = within(preview).getByRole('table', { name: '将变为缺失的数值（1 个，本批新增的）' });
  expect(within(cleared).getByRole('row', { name: '寄料镇 普惠性幼儿园覆盖率 2015 缺失（无数据）' })).toBeInTheDocument();
  const kept = within(preview).getByRole('table', { name: '保持不变的数值（1 个，之后的导入又设置了它们）' });
  expect(within(kept).getByRole('row', { name: '温泉镇 普惠性幼儿园覆盖率 2020 b.csv' })).toBeInTheDocument();

  await userEvent.click(within(item).getByRole('button', { name: '确认撤销' }));
  const done = await screen.findByRole('status', { name: '撤销完成' }, LAZY);
  expect(done).toHaveTextContent('已撤销“a.csv”。');
  expect(done).toHaveTextContent('结果：1 个数值已恢复原值，1 个数值已变为缺失，1 个数值保持不变（之后的导入又设置了它们）。');
  expect(within(done).getByRole('table', { name: '保持不变的数值（1 个）' })).toHaveTextContent('b.csv');
  expect(backend.batches.map((b) => b.fileName)).toEqual(['b.csv']);
  await waitFor(() => expect(screen.queryByRole('listitem', { name: 'a.csv' })).not.toBeInTheDocument());
  useRole.setState({ role: 'viewer' });
  setApiRole('viewer');
});

test('an analyst limited to a township is offered undo only for batches wholly in it', async () => {
  const backend = api.useBackend();
  await commit(backend, 'jiliao.csv', [{ metric: COVERAGE, region: JILIAO, year: 2020, value: 88 }]);
  await commit(backend, 'two-towns.csv', [
    { metric: COVERAGE, region: JILIAO, year: 2019, value: 80 },
    { metric: COVERAGE, region: WENQUAN, year: 2019, value: 70 },
  ]);
  const app = createApi(backend, { basePath: new URL(apiBaseUrl()).pathname, identify: () => ({ name: 'zhang', role: 'analyst', region: JILIAO }) });
  api.server.use(http.all(`${apiBaseUrl()}/*`, ({ request }) => app.fetch(request)));
  useRole.setState({ role: 'analyst' });
  renderApp('', '/data');
  const own = await screen.findByRole('listitem', { name: 'jiliao.csv' }, LAZY);
  expect(await within(own).findByRole('button', { name: '撤销这次导入' }, LAZY)).toBeInTheDocument();
  const mixed = screen.getByRole('listitem', { name: 'two-towns.csv' });
  // Its details load (the rule needs its figures), and still no undo is offered.
  await userEvent.click(within(mixed).getByRole('button', { name: '查看明细' }));
  await within(mixed).findByRole('table', { name: '本批数据及其替换的原值' }, LAZY);
  expect(within(mixed).queryByRole('button', { name: '撤销这次导入' })).not.toBeInTheDocument();
  // And they are told why, with their region by name.
  expect(within(mixed).getByRole('note')).toHaveTextContent('这次导入含有您负责地区（寄料镇）以外的数据，您不能撤销');
  expect(within(own).queryByRole('note')).not.toBeInTheDocument();
  useRole.setState({ role: 'viewer' });
});

test('a viewer is offered no undo', async () => {
  await withBatch();
  useRole.setState({ role: 'viewer' });
  renderApp('', '/data');
  const item = await screen.findByRole('listitem', { name: /onerror/ }, LAZY);
  expect(within(item).queryByRole('button', { name: '撤销这次导入' })).not.toBeInTheDocument();
});

test('the audit log lists commits and undos newest first, with who, the file name as text and the counts', async () => {
  const backend = api.useBackend();
  const first = await commit(backend, '<b>first</b>.csv', [{ metric: COVERAGE, region: JILIAO, year: 2020, value: 88 }], '张敏');
  await commit(backend, 'second.csv', [{ metric: COVERAGE, region: WENQUAN, year: 2020, value: 70 }], '李强');
  await removeFromBackend(backend, first.id, { caller: { name: '王芳', role: 'analyst' } });
  useRole.setState({ role: 'analyst' });
  renderApp('', '/data');
  const table = await screen.findByRole('table', { name: /操作记录/ }, LAZY);
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows.map((row) => within(row).getAllByRole('cell').slice(1).map((cell) => cell.textContent))).toEqual([
    ['王芳', '撤销导入', '<b>first</b>.csv', '1 条 · 新增 1 · 替换 1 · 拒绝 1 行', 'restored 1, cleared 0, kept 0 set again by later batches'],
    ['李强', '导入', 'second.csv', '1 条 · 新增 1 · 替换 1 · 拒绝 1 行', ''],
    ['张敏', '导入', '<b>first</b>.csv', '1 条 · 新增 1 · 替换 1 · 拒绝 1 行', ''],
  ]);
  expect(table.querySelector('b')).toBeNull();
  expect(within(rows[0]!).getByRole('cell', { name: /\d{4}/ }).querySelector('time')).toHaveAttribute('dateTime', expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  useRole.setState({ role: 'viewer' });
});

test('an audit entry’s detail is shown as text: whom a user change was about', async () => {
  api.server.use(
    http.get(`${apiBaseUrl()}/audit`, () =>
      HttpResponse.json({ entries: [{ at: '2026-12-01T02:00:00.000Z', user: 'admin', action: 'user_added', detail: 'li (viewer) <i>x</i>' }] }),
    ),
  );
  useRole.setState({ role: 'analyst' });
  renderApp('', '/data');
  const table = await screen.findByRole('table', { name: /操作记录/ }, LAZY);
  const row = within(table).getAllByRole('row')[1]!;
  expect(within(row).getAllByRole('cell').slice(1).map((cell) => cell.textContent)).toEqual(['admin', '添加用户', '', '', 'li (viewer) <i>x</i>']);
  expect(table.querySelector('i')).toBeNull();
  useRole.setState({ role: 'viewer' });
});

test('a viewer who opens the data page is told in words that the audit log is not theirs to read (the API refuses it)', async () => {
  const backend = await withBatch();
  await removeFromBackend(backend, backend.batches[0]!.id, { caller: { name: '王芳', role: 'analyst' } });
  useRole.setState({ role: 'viewer' });
  renderApp('', '/data');
  expect(await screen.findByText(/操作记录只对分析员和管理员开放/, undefined, LAZY)).toHaveAttribute('role', 'note');
  expect(screen.queryByRole('table', { name: /操作记录/ })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '重试' })).not.toBeInTheDocument();
});

test('the audit log reads in English', async () => {
  const backend = api.useBackend();
  await commit(backend, 'second.csv', [{ metric: COVERAGE, region: WENQUAN, year: 2020, value: 70 }], 'li');
  useRole.setState({ role: 'analyst' });
  renderApp('?lang=en', '/data');
  const table = await screen.findByRole('table', { name: /Audit log/ }, LAZY);
  expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/li\s*Import\s*second\.csv\s*figures 1 · added 1 · replaced 1 · rows rejected 1/);
  useRole.setState({ role: 'viewer' });
});

test('while the API has not said who the caller is, no undo is offered (their region is unknown)', async () => {
  await withBatch();
  api.server.use(http.get(`${apiBaseUrl()}/session`, () => HttpResponse.json({ error: { code: 'internal_error', message: 'down' } }, { status: 500 })));
  useRole.setState({ role: 'analyst' });
  renderApp('', '/data');
  const item = await screen.findByRole('listitem', { name: /onerror/ }, LAZY);
  await userEvent.click(within(item).getByRole('button', { name: '查看明细' }));
  await within(item).findByRole('table', { name: '本批数据及其替换的原值' }, LAZY);
  expect(within(item).queryByRole('button', { name: '撤销这次导入' })).not.toBeInTheDocument();
  useRole.setState({ role: 'viewer' });
});
