import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { STATUS_ORDER } from '@/domain/evaluation/evaluate-target';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';
import { twoLevelRuzhou } from './two-levels';

/** Issue 12, item 3: the scorecard's summary column and its order, the status tiles as a filter, the CSV and the printed sheets. */

const api = setupMockApi();
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const CAPTION = '2020年各乡镇目标计分卡';
const table = () => screen.findByRole('table', { name: CAPTION }, { timeout: 15_000 });
const STATUS_WORDS: Record<string, string> = { 已达成: 'achieved', 未达成: 'missed', 进展顺利: 'on_track', 有风险: 'at_risk', 进度滞后: 'off_track', 进度无法判断: 'undetermined', 暂无数据: 'no_data' };

/** A body row as the page shows it: its name, its summary cell's text and each target cell's status word (from the link's label). */
function readRow(row: HTMLElement) {
  const name = within(row).getByRole('rowheader').textContent!;
  const summary = within(row).getAllByRole('cell')[0]!;
  const statuses = within(row)
    .getAllByRole('link')
    .map((link) => link.getAttribute('aria-label')!.split('；')[0]!.split('，').at(-1)!);
  return { name, summary, statuses };
}
const bodyRows = (scorecard: HTMLElement) => within(scorecard).getAllByRole('row').slice(1).map(readRow);

test('each row’s summary cell says how many of its targets are met and shows its worst status', async () => {
  renderApp('', '/scorecard');
  const scorecard = await table();
  expect(within(scorecard).getByRole('columnheader', { name: /达成情况/ })).toBeInTheDocument();
  const rows = bodyRows(scorecard);
  expect(rows).toHaveLength(22);
  for (const { name, summary, statuses } of rows) {
    const met = statuses.filter((s) => s === '已达成').length;
    expect(summary, name).toHaveTextContent(new RegExp(`^${met}/${statuses.length} 达成`));
    const worst = [...statuses].sort((a, b) => STATUS_ORDER.indexOf(STATUS_WORDS[a] as never) - STATUS_ORDER.indexOf(STATUS_WORDS[b] as never))[0]!;
    expect(summary, name).toHaveTextContent(new RegExp(`${worst}$`));
  }
  // The demo's 2020 figures give both a township with every target met and one with few.
  expect(rows.some((r) => r.statuses.every((s) => s === '已达成'))).toBe(true);
  expect(rows.some((r) => r.statuses.filter((s) => s === '已达成').length <= 2)).toBe(true);
});

test('the rows sort by their summary, fewest met first, and the order is in the address', async () => {
  const first = renderApp('', '/scorecard');
  let scorecard = await table();
  await userEvent.click(within(scorecard).getByRole('button', { name: /^达成情况/ }));
  await waitFor(() => expect(window.location.search).toContain('by=_summary'));
  expect(within(scorecard).getByRole('columnheader', { name: /达成情况/ })).toHaveAttribute('aria-sort', 'ascending');
  expect(screen.getByText(/^按达成情况排序/)).toBeInTheDocument();
  const shares = () =>
    bodyRows(scorecard)
      .slice(1)
      .map((r) => r.statuses.filter((s) => s === '已达成').length / r.statuses.length);
  const sorted = shares();
  expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
  const order = bodyRows(scorecard).map((r) => r.name);
  const search = window.location.search;
  first.unmount();

  renderApp(search, '/scorecard');
  scorecard = await table();
  expect(bodyRows(scorecard).map((r) => r.name)).toEqual(order);
  await userEvent.click(within(scorecard).getByRole('button', { name: /^达成情况/ }));
  await waitFor(() => expect(window.location.search).not.toContain('by='));
});

test('a status tile shows just the townships and targets with a cell of that status, in the address; choosing it again shows all', async () => {
  renderApp('', '/scorecard');
  const scorecard = await table();
  const all = bodyRows(scorecard);
  const missedCells = all.slice(1).reduce((n, r) => n + r.statuses.filter((s) => s === '未达成').length, 0);
  const strip = screen.getByRole('region', { name: '单元格状态概况' });
  // The tile counts the townships' cells (not the city's own row).
  const tile = within(strip).getByRole('button', { name: `${missedCells} 未达成（只看此状态）` });
  expect(within(strip).queryByRole('button', { name: /^0 / })).not.toBeInTheDocument();
  await userEvent.click(tile);
  await waitFor(() => expect(window.location.search).toContain('status=missed'));
  expect(tile).toHaveAttribute('aria-pressed', 'true');

  const shown = bodyRows(await table());
  expect(shown[0]!.name).toBe('汝州市');
  const expected = all.slice(1).filter((r) => r.statuses.includes('未达成')).map((r) => r.name);
  expect(expected.length).toBeLessThan(all.length - 1);
  expect(shown.slice(1).map((r) => r.name)).toEqual(expected);
  // Every shown column has a missed cell among the shown townships.
  const columns = shown[1]!.statuses.length;
  for (let c = 0; c < columns; c++) expect(shown.slice(1).some((r) => r.statuses[c] === '未达成')).toBe(true);
  expect(screen.getByText(/^只显示有/)).toHaveTextContent(`只显示有“未达成”单元格的 ${expected.length} 个乡镇和 ${columns} 项目标（共 ${missedCells} 个单元格）`);

  await userEvent.click(within(strip).getByRole('button', { name: /未达成（只看此状态）/ }));
  await waitFor(() => expect(window.location.search).not.toContain('status='));
  expect(bodyRows(await table())).toHaveLength(all.length);
});

test('an unknown status in the address says so and shows every cell', async () => {
  renderApp('?status=nope', '/scorecard');
  await table();
  expect(await screen.findByText('计分卡没有“nope”这种状态，已显示全部单元格。', {}, { timeout: 5000 })).toBeInTheDocument();
  await waitFor(() => expect(window.location.search).toBe(''));
});

/** The text of the next file the page saves (DownloadButton → a Blob behind an object URL). */
function captureDownload(): () => Promise<string> {
  let saved: Blob | undefined;
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => { saved = blob; return 'blob:scorecard'; }, revokeObjectURL: () => {} }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  return async () => {
    await waitFor(() => expect(saved).toBeDefined());
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await saved!.arrayBuffer());
  };
}

/** RFC 4180 rows (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

test('the CSV holds the rows in the order shown, each target’s value and status, the summary, and the region, year and demo source', async () => {
  renderApp('?by=_summary', '/scorecard');
  const scorecard = await table();
  const read = captureDownload();
  await userEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
  const text = await read();
  expect(text.startsWith('\ufeff')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header!.slice(0, 5)).toEqual(['乡镇', '达成情况', '最差状态', '学前三年毛入园率 · 目标 ≥ 85.0% · 单位：%', '学前三年毛入园率 · 状态']);
  expect(header!.slice(-4)).toEqual(['说明', '地区', '截至年份', '数据来源']);
  const shown = bodyRows(scorecard);
  expect(rows.map((r) => r[0])).toEqual(shown.map((r) => r.name));
  rows.forEach((row, i) => {
    expect(row[1]).toBe(shown[i]!.summary.querySelector('.score-summary__met')!.textContent);
    // Per target, its status word as the cell says it.
    expect(row.filter((_, c) => header![c]!.endsWith(' · 状态'))).toEqual(shown[i]!.statuses);
    expect(row.slice(-3)).toEqual(['汝州市', '2020', '模拟演示数据']);
  });
  // A value as the cell shows it, with its unit.
  const jiliao = within(scorecard).getByRole('row', { name: /^寄料镇/ });
  const value = within(jiliao).getByRole('link', { name: /^寄料镇 · 学前三年毛入园率：/ }).querySelector('.score__value')!.textContent;
  expect(rows.find((r) => r[0] === '寄料镇')![3]).toBe(value);
});

test('with a status chosen the CSV holds just the rows and targets shown', async () => {
  renderApp('?status=missed', '/scorecard');
  const scorecard = await table();
  const read = captureDownload();
  await userEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
  const [header, ...rows] = parseCsv((await read()).slice(1));
  const shown = bodyRows(scorecard);
  expect(rows.map((r) => r[0])).toEqual(shown.map((r) => r.name));
  expect(header!.filter((h) => h.endsWith(' · 状态'))).toHaveLength(shown[1]!.statuses.length);
  expect(rows.some((r) => r[0] === '大峪镇')).toBe(false);
});

test('printed, the scorecard is one sheet per 25 rows, each naming the region, year, its rows, the source and the demo label', async () => {
  // 21 townships and 40 more: with the city's row, 62 rows on three sheets (25, 25, 12).
  api.useBackend(twoLevelRuzhou(40));
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === 'print', media: query, addEventListener: () => {}, removeEventListener: () => {} }));
  renderApp('', '/scorecard');
  await table();
  const sheets = await screen.findAllByRole('region', { name: /^汝州市 · 截至2020年 · 第 / }, { timeout: 5000 });
  expect(sheets.map((s) => s.getAttribute('aria-label'))).toEqual([
    '汝州市 · 截至2020年 · 第 1–25 行，共 62 行',
    '汝州市 · 截至2020年 · 第 26–50 行，共 62 行',
    '汝州市 · 截至2020年 · 第 51–62 行，共 62 行',
  ]);
  expect(sheets.map((s) => within(s).getAllByRole('row').length - 1)).toEqual([25, 25, 12]);
  for (const sheet of sheets) {
    expect(sheet).toHaveTextContent('汝州市2020年教育发展目标 · 计分卡');
    expect(sheet).toHaveTextContent('数据来源：模拟演示数据');
    expect(sheet).toHaveTextContent('本表数字为模拟演示数据，并非统计数字。');
    // The header carries each target's goal and unit.
    expect(within(sheet).getByRole('columnheader', { name: /学前三年毛入园率/ })).toHaveTextContent('学前三年毛入园率目标 ≥ 85.0%单位：%');
  }
  // Every row once, in the screen's order.
  const printed = sheets.flatMap((s) => within(s).getAllByRole('rowheader').map((h) => h.textContent));
  const onScreen = within(await table()).getAllByRole('rowheader').map((h) => h.textContent);
  expect(printed).toEqual(onScreen);
});
