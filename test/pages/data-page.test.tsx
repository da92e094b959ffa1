import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import type { FigureValues } from '@/domain/shared/observation';
import { commitBatch } from '@/backend/figure-store';
import { useRole } from '@/stores/role-store';
import { setApiRole } from '@/api/http';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

const api = setupMockApi();
/** The data and import pages are lazy-loaded and the machine may be busy: wait generously, never for a fixed time. */
const LAZY = { timeout: 10_000 };
vi.setConfig({ testTimeout: 30_000 });

const counts = { rows: 2, added: 1, replaced: 1, unchanged: 0, rejectedRows: 1, errors: 1, warnings: 0, notes: 0 };

async function withBatch(figures: FigureValues[] = [{ metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 88 }]) {
  const backend = api.useBackend();
  await commitBatch(backend, {
    fileName: '<img src=x onerror=alert(1)>.csv',
    encoding: 'gb18030',
    layout: 'long',
    targetSet: 'ruzhou-2020',
    counts,
    figures,
  });
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
  expect(within(item).getByText(/恢复原值/)).toBeInTheDocument();
  await userEvent.click(within(item).getByRole('button', { name: '确认撤销' }));
  await screen.findByText('还没有导入过数据。', undefined, LAZY);
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
  expect(within(table).getByText('88')).toBeInTheDocument();
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
  expect(await screen.findByText(/查看者角色只能浏览数据/, undefined, LAZY)).toBeInTheDocument();
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
