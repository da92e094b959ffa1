import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import type { Evaluation } from '@/domain/evaluation/evaluate-target';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

/**
 * The late-achievement fields are the status logic's (issue 9); this page only
 * shows them. `decorate` adds them to chosen evaluations, as the status logic
 * would, so the page's words for them are tested on their own.
 */
const late = vi.hoisted(() => ({ decorate: undefined as ((e: Evaluation) => Evaluation) | undefined }));
vi.mock('@/domain/evaluation/figure-index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/domain/evaluation/figure-index')>();
  return {
    ...actual,
    evaluateScorecard: (...args: Parameters<typeof actual.evaluateScorecard>) => {
      const scorecard = actual.evaluateScorecard(...args);
      const decorate = late.decorate;
      if (!decorate) return scorecard;
      const cells = new Map([...scorecard.cells].map(([region, row]) => [region, new Map([...row].map(([id, e]) => [id, decorate(e)]))]));
      return { ...scorecard, cells };
    },
  };
});

setupMockApi();
afterEach(() => {
  late.decorate = undefined;
});

const CAPTION = '2020年各乡镇目标计分卡';
const table = () => screen.findByRole('table', { name: CAPTION }, { timeout: 15_000 });

test('each column header shows its target’s goal in the goal’s unit', async () => {
  renderApp('', '/scorecard');
  const scorecard = await table();
  expect(within(scorecard).getByRole('columnheader', { name: /学前三年毛入园率/ })).toHaveTextContent('目标 ≥ 85.0%');
  expect(within(scorecard).getByRole('columnheader', { name: /普惠性幼儿园覆盖率/ })).toHaveTextContent('目标 ≥ 80.0%');
});

test('each cell’s link is announced with its township, its target, the value and the status', async () => {
  renderApp('', '/scorecard');
  const scorecard = await table();
  const row = within(scorecard).getByRole('row', { name: /^寄料镇/ });
  const link = within(row).getByRole('link', { name: /^寄料镇 · 学前三年毛入园率：/ });
  expect(link.getAttribute('aria-label')).toMatch(/^寄料镇 · 学前三年毛入园率：\d+\.\d%，(已达成|未达成)(；比上年(提高|降低) \d+\.\d 个百分点（(向好|变差)）)?$/);
  // Every cell of the row names the row's township and a different target.
  const names = within(row).getAllByRole('link').map((l) => l.getAttribute('aria-label')!);
  expect(names.every((name) => name.startsWith('寄料镇 · '))).toBe(true);
  expect(new Set(names.map((name) => name.split('：')[0])).size).toBe(names.length);
});

test('the sort column goes into the address and a reload with that address sorts the same', async () => {
  const first = renderApp('', '/scorecard');
  let scorecard = await table();
  await userEvent.click(within(scorecard).getByRole('button', { name: /普惠性幼儿园覆盖率/ }));
  await waitFor(() => expect(window.location.search).toContain('by=inclusive-kindergarten-2020'));
  const order = () =>
    within(scorecard)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getByRole('rowheader').textContent);
  const sorted = order();
  const search = window.location.search;
  first.unmount();

  renderApp(search, '/scorecard');
  scorecard = await table();
  expect(within(scorecard).getByRole('columnheader', { name: /普惠性幼儿园覆盖率/ })).toHaveAttribute('aria-sort', 'ascending');
  expect(order()).toEqual(sorted);
  // Sorting again by the same column takes the sort off, and out of the address.
  await userEvent.click(within(scorecard).getByRole('button', { name: /普惠性幼儿园覆盖率/ }));
  await waitFor(() => expect(window.location.search).not.toContain('by='));
});

test('opening a cell does not carry the scorecard’s sort into the target page’s address', async () => {
  renderApp('?by=inclusive-kindergarten-2020', '/scorecard');
  const scorecard = await table();
  await userEvent.click(within(within(scorecard).getByRole('row', { name: /^寄料镇/ })).getByRole('link', { name: /^寄料镇 · 学前三年毛入园率/ }));
  await waitFor(() => expect(window.location.pathname).toBe('/targets/preschool-ger-2020'));
  expect(window.location.search).toBe('?region=410482101');
});

test('an unknown sort column in the address says so and is dropped', async () => {
  renderApp('?by=nope', '/scorecard');
  await table();
  expect(await screen.findByText('计分卡中没有编号为“nope”的目标列，已按默认顺序排列。')).toBeInTheDocument();
  await waitFor(() => expect(window.location.search).toBe(''));
});

test('a cell’s details say when the deadline year has no figure and what a figure after the deadline shows', async () => {
  late.decorate = (e) => {
    if (e.regionId === '410482101' && e.target.id === 'inclusive-kindergarten-2020' && e.latest) {
      return { ...e, deadlineMissing: true, latest: { ...e.latest, year: 2019 }, afterDeadline: { figure: { ...e.latest, year: 2021, value: 82.59 }, met: true } };
    }
    if (e.regionId === '410482101' && e.target.id === 'preschool-ger-2020' && e.latest) {
      return { ...e, afterDeadline: { figure: { ...e.latest, year: 2023, value: 78 }, met: false } };
    }
    return e;
  };
  renderApp('', '/scorecard');
  const scorecard = await table();
  const row = within(scorecard).getByRole('row', { name: /^寄料镇/ });
  const inclusive = within(row).getByRole('link', { name: /^寄料镇 · 普惠性幼儿园覆盖率/ });
  expect(inclusive).toHaveTextContent('2020年无数据，依据2019年数据');
  expect(inclusive).toHaveTextContent('2021年已达到（82.6%）');
  expect(inclusive.getAttribute('aria-label')).toMatch(/；2020年无数据，依据2019年数据；2021年已达到（82\.6%）$/);
  expect(within(row).getByRole('link', { name: /^寄料镇 · 学前三年毛入园率/ })).toHaveTextContent('2023年仍未达到（78.0%）');
  // Other townships' cells carry no such notes.
  expect(within(within(scorecard).getByRole('row', { name: /^温泉镇/ })).queryByText(/已达到|仍未达到|无数据，依据/)).not.toBeInTheDocument();
});

test('the legend lists every status a target can have, worst first, without "not applicable"', async () => {
  renderApp('', '/scorecard');
  await table();
  const legend = screen.getByText(/^状态由差到好：/);
  expect(legend.textContent).toMatch(/^状态由差到好：未达成 < 进度滞后 < 有风险 < .*暂无数据 < 进展顺利 < 已达成。$/);
  expect(legend).not.toHaveTextContent('不适用');
});
