import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';
import { twoLevelRuzhou } from './two-levels';
import { stubResizeObserver } from './resize-observer';

const api = setupMockApi();

stubResizeObserver();

const ANNEX = '附表：各乡镇目标状况';
const annex = () => screen.findByRole('region', { name: ANNEX }, { timeout: 20_000 });
const rowsOf = (section: HTMLElement) => within(within(section).getByRole('table')).getAllByRole('row').slice(1);
const rowNames = (section: HTMLElement) => rowsOf(section).map((row) => within(row).getByRole('rowheader').textContent);

test('the 21-township Ruzhou report has no sub-unit annex and no paging controls', async () => {
  renderApp('', '/report');
  await screen.findByRole('table', { name: '全部目标一览' }, { timeout: 15_000 });
  expect(screen.queryByRole('region', { name: ANNEX })).toBeNull();
  expect(screen.queryByRole('navigation', { name: '分页' })).toBeNull();
  expect(screen.queryByRole('searchbox')).toBeNull();
});

test('151 sub-units: the annex shows 50 at a time, worst first, with previous / next and the page in the address', async () => {
  api.useBackend(twoLevelRuzhou(130));
  renderApp('', '/report');
  const section = await annex();
  const table = within(section).getByRole('table', { name: '2020年各乡镇各状态目标个数' });
  expect(table).toHaveAttribute('aria-rowcount', '152');
  expect(rowsOf(section)).toHaveLength(50);
  const [top] = within(section).getAllByRole('navigation', { name: '分页' });
  expect(top).toHaveTextContent('第 1–50 个，共 151 个');
  expect(within(top!).getByRole('button', { name: '上一页' })).toBeDisabled();
  // Worst first: more missed first, then more off track, at risk, undetermined, no data, on track, achieved.
  const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent);
  const worstFirst = ['未达成', '进度滞后', '有风险', '进度无法判断', '暂无数据', '进展顺利', '已达成'].map((word) => headers.indexOf(word));
  expect(worstFirst.every((i) => i > 0)).toBe(true);
  const counts = rowsOf(section).map((row) => {
    const cells = [...row.children].map((cell) => Number(cell.textContent));
    return worstFirst.map((i) => cells[i]!);
  });
  const compare = (a: number[], b: number[]) => a.reduce((result, n, i) => result || b[i]! - n, 0);
  for (let i = 1; i < counts.length; i++) expect(compare(counts[i - 1]!, counts[i]!), `row ${i + 1}`).toBeLessThanOrEqual(0);
  // The file's order is not that order: the sort did something.
  expect(new Set(counts.map((c) => c.join())).size).toBeGreaterThan(2);
  expect(rowNames(section)[0]).not.toBe('煤山街道');
  const firstPage = new Set(rowNames(section));

  await userEvent.click(within(top!).getByRole('button', { name: '下一页' }));
  await waitFor(() => expect(top).toHaveTextContent('第 51–100 个，共 151 个'));
  expect(window.location.search).toContain('page=2');
  expect(rowsOf(section)[0]).toHaveAttribute('aria-rowindex', '52');
  // The next 50 in the same order: none of the first page's again.
  expect(rowNames(section)).toHaveLength(50);
  expect(rowNames(section).some((name) => firstPage.has(name))).toBe(false);

  await userEvent.click(within(top!).getByRole('button', { name: '上一页' }));
  await waitFor(() => expect(top).toHaveTextContent('第 1–50 个，共 151 个'));
  expect(window.location.search).not.toContain('page=');
});

test('a page past the end shows the last page, with one row and no next page, and corrects the address', async () => {
  api.useBackend(twoLevelRuzhou(130));
  renderApp('?page=9', '/report');
  const section = await annex();
  const [top] = within(section).getAllByRole('navigation', { name: '分页' });
  await waitFor(() => expect(top).toHaveTextContent('第 151–151 个，共 151 个'));
  expect(within(top!).getByRole('button', { name: '下一页' })).toBeDisabled();
  expect(rowsOf(section)).toHaveLength(1);
  await waitFor(() => expect(window.location.search).toContain('page=4'));
});

test('filtering by parent starts at page 1 of the selection; printing lists the whole selection', async () => {
  api.useBackend(twoLevelRuzhou(130));
  renderApp('?page=3', '/report');
  const section = await annex();
  await userEvent.selectOptions(within(section).getByLabelText('所属上级'), '410482101');
  // 寄料镇 itself, 温泉镇 and the 130 towns under it.
  const [top] = within(section).getAllByRole('navigation', { name: '分页' });
  await waitFor(() => expect(top).toHaveTextContent('第 1–50 个，共 132 个'));
  expect(window.location.search).toContain('within=410482101');
  expect(window.location.search).not.toContain('page=');
  expect(section).toHaveTextContent('所属上级：寄料镇；共 132 个乡镇');

  window.dispatchEvent(new Event('beforeprint'));
  await waitFor(() => expect(rowsOf(section)).toHaveLength(132));
  expect(rowsOf(section).at(-1)).toHaveAttribute('aria-rowindex', '133');
  window.dispatchEvent(new Event('afterprint'));
  await waitFor(() => expect(rowsOf(section)).toHaveLength(50));
});

test('a sub-unit’s name opens its own report, which has no annex', async () => {
  api.useBackend(twoLevelRuzhou(130));
  renderApp('?q=温泉', '/report');
  const section = await annex();
  await waitFor(() => expect(rowNames(section)).toEqual(['温泉镇']));
  expect(within(section).queryByRole('navigation', { name: '分页' })).toBeNull();
  await userEvent.click(within(section).getByRole('link', { name: '温泉镇' }));
  await waitFor(() => expect(window.location.search).toContain('region=410482102'));
  expect(window.location.search).not.toContain('q=');
  await waitFor(() => expect(screen.queryByRole('region', { name: ANNEX })).toBeNull());
});
