import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { useSelection } from '@/stores/selection-store';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';
import { stubResizeObserver } from './resize-observer';

const api = setupMockApi();

/** Status words, worst first (the order of the townships list). */
const WORST_FIRST = ['未达成', '进度滞后', '有风险', '进度无法判断', '暂无数据', '进展顺利', '已达成'];

/** A row's cell in the column whose header is `name`: the row header first, then the cells, as the headers are. */
function columnOf(table: HTMLElement, name: string | RegExp): (row: HTMLElement) => HTMLElement {
  const index = within(table)
    .getAllByRole('columnheader')
    .findIndex((header) => (typeof name === 'string' ? header.textContent.includes(name) : name.test(header.textContent)));
  if (index < 0) throw new Error(`no column ${String(name)}`);
  return (row) => [...within(row).queryAllByRole('rowheader'), ...within(row).queryAllByRole('cell')][index]!;
}

stubResizeObserver();

test('a card’s title opens the target’s page, whose URL names the target and keeps the selection', async () => {
  renderApp('?year=2019');
  const card = await screen.findByRole('article', { name: '普惠性幼儿园覆盖率' });
  await userEvent.click(within(card).getByRole('link', { name: '普惠性幼儿园覆盖率' }));
  expect(await screen.findByRole('heading', { level: 2, name: '普惠性幼儿园覆盖率' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/targets/inclusive-kindergarten-2020');
  expect(window.location.search).toContain('year=2019');
});

test('the target page states the status’s forecast first, then the trend line as a labelled reference with its band', async () => {
  renderApp('?year=2019', '/targets/inclusive-kindergarten-2020');
  const section = (await screen.findByRole('heading', { name: '到期预测' })).closest('section')!;
  const paragraphs = within(section).getAllByText(/预计2020年为/);
  expect(paragraphs[0]).toHaveTextContent(/^按\d{4}年至2019年的实际年均进度（与状态所用方法相同），预计2020年为 \d+\.\d+%/);
  expect(paragraphs[1]).toHaveTextContent(/^参考：按近4年数值的趋势线，预计2020年为 \d+\.\d+%（\d+\.\d+%–\d+\.\d+%），/);
  // The status's forecast is the one "why this status" states.
  const why = (await screen.findByRole('heading', { name: '为何是此状态' })).closest('section')!;
  const projected = /预计2020年为 (\d+\.\d+%)/.exec(paragraphs[0]!.textContent)![1]!;
  expect(within(why).getByText(new RegExp(`按此进度，2020年预计为 ${projected.replace('.', '\\.')}`))).toBeInTheDocument();
  expect(screen.getByRole('figure', { name: /普惠性幼儿园覆盖率（汝州市）：2016年至2019年的实际值，目标 ≥ 80\.0%/ })).toBeInTheDocument();
});

test('the townships are listed worst first, with what it takes in absolute numbers', async () => {
  renderApp('?year=2019', '/targets/inclusive-kindergarten-2020');
  const table = await screen.findByRole('table', { name: '各乡镇情况' });
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows).toHaveLength(21);
  const status = columnOf(table, '状态');
  const ranks = rows.map((row) => WORST_FIRST.findIndex((word) => status(row).textContent.includes(word)));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(within(rows[0]!).getByText(/增加 [\d,]+（公办园和普惠性民办园在园幼儿数）/)).toBeInTheDocument();
});

test('the data table under the chart sorts by a column and offers a CSV export', async () => {
  renderApp('?year=2020', '/targets/preschool-ger-2020');
  const table = await screen.findByRole('table', { name: '学前三年毛入园率（汝州市）历年数值' });
  await userEvent.click(within(table).getByRole('button', { name: /实际值/ }));
  await userEvent.click(within(table).getByRole('button', { name: /实际值/ }));
  const firstYear = within(within(table).getAllByRole('row')[1]!).getByRole('rowheader').textContent;
  expect(firstYear).toBe('2020');
  expect(within(table).getByRole('columnheader', { name: /实际值/ })).toHaveAttribute('aria-sort', 'descending');
  expect(screen.getAllByRole('button', { name: '导出 CSV' }).length).toBeGreaterThan(0);
});

test('an unknown target id says so and shows the dashboard at a corrected address', async () => {
  renderApp('', '/targets/nope');
  expect(await screen.findByText('目标文件中没有编号为“nope”的目标，已显示仪表板。')).toBeInTheDocument();
  await screen.findByRole('article', { name: '学前三年毛入园率' });
  expect(window.location.pathname).toBe('/');
});

test('the scorecard opens a township’s target from its cell', async () => {
  renderApp('', '/scorecard');
  const table = await screen.findByRole('table', { name: '2020年各乡镇目标计分卡' });
  expect(within(table).getAllByRole('row')).toHaveLength(23);
  const row = within(table).getByRole('row', { name: /^寄料镇/ });
  await userEvent.click(within(row).getAllByRole('link')[1]!);
  await waitFor(() => expect(window.location.pathname).toBe('/targets/inclusive-kindergarten-2020'));
  expect(window.location.search).toContain('region=410482101');
  expect(await screen.findByText(/寄料镇 · 截至2020年/)).toBeInTheDocument();
});

test('sorting the scorecard by a target puts its worst townships first', async () => {
  renderApp('', '/scorecard');
  const table = await screen.findByRole('table', { name: '2020年各乡镇目标计分卡' });
  await userEvent.click(within(table).getByRole('button', { name: /普惠性幼儿园覆盖率/ }));
  const rows = within(table).getAllByRole('row').slice(2);
  const inclusive = columnOf(table, /普惠性幼儿园覆盖率/);
  expect(inclusive(rows[0]!)).toHaveTextContent(/未达成|进度滞后|有风险/);
  expect(inclusive(rows.at(-1)!)).toHaveTextContent(/已达成/);
});

test('the report has a cover with every target and one section per target', async () => {
  renderApp('', '/report');
  const summary = await screen.findByRole('table', { name: '全部目标一览' });
  expect(within(summary).getAllByRole('row')).toHaveLength(13);
  expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(
    expect.arrayContaining(['汝州市2020年教育发展目标', '学前三年毛入园率', '汝州职业技术学院全日制在校生']),
  );
  expect(screen.getByRole('button', { name: '打印 / 另存为 PDF' })).toBeInTheDocument();
});

/** The search of every `/actuals` request the mock API is asked while `run` runs. */
async function figureRequests(run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/actuals')) seen.push(url.search);
  };
  api.server.events.on('request:start', listener);
  try {
    await run();
  } finally {
    api.server.events.removeListener('request:start', listener);
  }
  return seen;
}

test('a target’s page asks for its target’s figures only, and offers the set’s years, which its own figures need not all have', async () => {
  // The provincial master teachers have a figure in 2020 alone; the set's figures are of 2016–2020.
  const asked = await figureRequests(async () => {
    renderApp('?year=2018', '/targets/provincial-master-teachers-2024');
    expect(await screen.findByRole('heading', { level: 2, name: '省级名师人数' }, { timeout: 10_000 })).toBeInTheDocument();
  });
  expect(asked).toEqual(['?set=ruzhou-2020&target=provincial-master-teachers-2024']);
  const year = screen.getByRole('combobox', { name: '截至年份' });
  expect(within(year).getAllByRole('option').map((option) => option.getAttribute('value'))).toEqual(['2016', '2017', '2018', '2019', '2020']);
  // The address's year is one of the set's, so it stands: the page is as of 2018, not corrected to 2020.
  expect(year).toHaveValue('2018');
  expect(window.location.search).toContain('year=2018');
});

test('a target opened from the dashboard is drawn from the set’s figures already loaded: nothing is asked again', async () => {
  renderApp('?year=2019');
  const card = await screen.findByRole('article', { name: '普惠性幼儿园覆盖率' }, { timeout: 10_000 });
  const asked = await figureRequests(async () => {
    await userEvent.click(within(card).getByRole('link', { name: '普惠性幼儿园覆盖率' }));
    expect(await screen.findByRole('heading', { level: 2, name: '普惠性幼儿园覆盖率' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: '历年状态' })).toBeInTheDocument();
  });
  expect(asked).toEqual([]);
});

test('from one target’s page to another’s, the first one’s figures are never shown as the second’s while its own load', async () => {
  renderApp('', '/targets/inclusive-kindergarten-2020');
  expect(await screen.findByRole('heading', { level: 2, name: '普惠性幼儿园覆盖率' }, { timeout: 10_000 })).toBeInTheDocument();
  act(() => useSelection.getState().go('target', { target: 'preschool-ger-2020' }));
  // Until the gross enrolment rate's figures have come, its page is not drawn (over the coverage's figures it would read "no data").
  expect(screen.queryByRole('heading', { level: 2, name: '学前三年毛入园率' })).toBeNull();
  const heading = await screen.findByRole('heading', { level: 2, name: '学前三年毛入园率' });
  expect(heading.closest('main')).not.toHaveTextContent('暂无数据');
});
