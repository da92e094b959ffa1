import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';
import { twoLevelRuzhou } from './two-levels';
import { stubResizeObserver } from './resize-observer';

const api = setupMockApi();

stubResizeObserver();

afterEach(() => {
  vi.restoreAllMocks();
});

const PAGE = '/targets/preschool-ger-2020';
const table = () => screen.findByRole('table', { name: '各乡镇情况' }, { timeout: 15_000 });
const names = (t: HTMLElement) =>
  within(t)
    .getAllByRole('row')
    .filter((row) => row.closest('tbody') && !row.hasAttribute('aria-hidden'))
    .map((row) => within(row).getByRole('rowheader').textContent);

test('the township table lists sub-units at any depth, as the scorecard does: 温泉镇 under 寄料镇 is a row', async () => {
  api.useBackend(twoLevelRuzhou());
  renderApp('', PAGE);
  const townships = await table();
  const rows = names(townships);
  expect(rows).toContain('温泉镇');
  expect(rows).toContain('寄料镇');
  expect(rows).toHaveLength(21);
  expect(townships).toHaveAttribute('aria-rowcount', '22');
});

test('?within= keeps the sub-units under the chosen parent; choosing another parent writes the address', async () => {
  api.useBackend(twoLevelRuzhou());
  renderApp('?within=410482101', PAGE);
  const townships = await table();
  await waitFor(() => expect(names(townships).sort()).toEqual(['寄料镇', '温泉镇'].sort()));
  expect(townships).toHaveAttribute('aria-rowcount', '3');
  expect(screen.getByRole('status')).toHaveTextContent('显示 2 个，共 21 个');
  await userEvent.selectOptions(screen.getByLabelText('所属上级'), '');
  await waitFor(() => expect(names(townships)).toHaveLength(21));
  expect(window.location.search).not.toContain('within');
});

test('?q= searches the township table by name; no match says so', async () => {
  renderApp('?q=温泉', PAGE);
  const townships = await table();
  await waitFor(() => expect(names(townships)).toEqual(['温泉镇']));
  const search = screen.getByRole('searchbox');
  await userEvent.clear(search);
  await userEvent.type(search, '没有这个');
  expect(await screen.findByText('没有符合筛选条件的乡镇。', {}, { timeout: 5_000 })).toHaveAttribute('role', 'note');
  expect(names(townships)).toEqual([]);
  expect(window.location.search).toContain(`q=${encodeURIComponent('没有这个')}`);
});

test('an unknown ?within= is dropped with a message, and every township is shown', async () => {
  api.useBackend(twoLevelRuzhou());
  renderApp('?within=nowhere', PAGE);
  const townships = await table();
  await waitFor(() => expect(names(townships)).toHaveLength(21));
  await waitFor(() => expect(window.location.search).not.toContain('within'));
  expect(screen.getByRole('alert')).toHaveTextContent('nowhere');
});

test('past the threshold the table renders a window of its 151 townships, announces them all, sorts and prints every row', async () => {
  // jsdom has no layout: a 600 px scroll box gives the virtualizer a window to fill (as in windowed-table.test.tsx).
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1024);
  api.useBackend(twoLevelRuzhou(130));
  renderApp('', PAGE);
  const townships = await table();
  expect(townships).toHaveAttribute('aria-rowcount', '152');
  expect(townships.closest('[data-windowed]')).not.toBeNull();
  const shown = names(townships);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThan(151);
  // Sorting by name puts 测试0镇 … first (zh-CN order), still windowed.
  await userEvent.click(within(townships).getByRole('button', { name: /乡镇/ }));
  await waitFor(() => expect(names(townships)[0]).toMatch(/^测试/));
  expect(within(townships).getAllByRole('columnheader')[0]).toHaveAttribute('aria-sort', 'ascending');
  // Printing renders every row.
  window.dispatchEvent(new Event('beforeprint'));
  await waitFor(() => expect(names(townships)).toHaveLength(151));
  window.dispatchEvent(new Event('afterprint'));
  await waitFor(() => expect(names(townships).length).toBeLessThan(151));
});
