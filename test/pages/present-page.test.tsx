import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

setupMockApi();

afterEach(() => {
  vi.useRealTimers();
});

const press = (key: string) => fireEvent.keyDown(window, { key });
const heading = () => screen.getByRole('heading', { level: 1 });
const rowNames = () => within(screen.getAllByRole('table').at(-1)!).getAllByRole('rowheader').map((cell) => cell.textContent);

test('projector mode opens on the summary: status counts, region, year and the demo label, without the app header', async () => {
  renderApp('?year=2020', '/present');
  expect(await screen.findByRole('heading', { level: 1, name: '目标完成概况' }, { timeout: 10_000 })).toBeInTheDocument();
  expect(screen.getByText('汝州市 · 截至2020年 · 共 12 项目标')).toBeInTheDocument();
  expect(screen.getByText('模拟演示数据', { selector: '.projector__demo' })).toBeVisible();
  const tiles = screen.getAllByRole('listitem').map((item) => item.textContent);
  expect(tiles).toEqual(expect.arrayContaining(['3✓已达成', '2↗进展顺利', '1!有风险', '1↘进度滞后', '3✕未达成', '0?进度无法判断', '2–暂无数据']));
  // Worst first across the plan: the three missed targets, then the one off track.
  expect(rowNames().slice(0, 4)).toEqual(['公办园在园幼儿占比', '普惠性幼儿园覆盖率', '残疾儿童少年义务教育入学率', '汝州市级名师人数']);
  expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  expect(screen.queryByRole('button')).not.toBeInTheDocument();
});

test('the arrow, page and Home/End keys move between screens, and the screen is in the address', async () => {
  renderApp('', '/present');
  await screen.findByRole('heading', { level: 1, name: '目标完成概况' }, { timeout: 10_000 });
  press('ArrowLeft');
  expect(heading()).toHaveTextContent('目标完成概况');
  press('ArrowRight');
  expect(heading()).toHaveTextContent('学前教育');
  expect(window.location.pathname).toBe('/present');
  expect(new URLSearchParams(window.location.search).get('screen')).toBe('preschool');
  // A category's targets worst first: the missed ones before the achieved one.
  expect(rowNames().at(-1)).toBe('学前三年毛入园率');
  press('PageDown');
  expect(heading()).toHaveTextContent('普通高中');
  press('PageUp');
  expect(heading()).toHaveTextContent('学前教育');
  press('End');
  expect(heading()).toHaveTextContent('职业教育');
  expect(screen.getByRole('status')).toHaveTextContent('第 7 屏，共 7 屏：职业教育');
  press('ArrowRight');
  expect(heading()).toHaveTextContent('职业教育');
  press('Home');
  expect(heading()).toHaveTextContent('目标完成概况');
  expect(new URLSearchParams(window.location.search).get('screen')).toBeNull();
});

test('a link to a screen opens it', async () => {
  renderApp('?screen=teachers', '/present');
  expect(await screen.findByRole('heading', { level: 1, name: '教师队伍' }, { timeout: 10_000 })).toBeInTheDocument();
  expect(rowNames()).toEqual(['汝州市级名师人数', '省级骨干教师人数', '省级名师人数', '汝州市级骨干教师人数']);
});

test('a screen that does not exist starts at the summary, says so until the next move, and leaves the address', async () => {
  renderApp('?screen=<b>nope</b>', '/present');
  expect(await screen.findByRole('note', {}, { timeout: 10_000 })).toHaveTextContent('链接中的“<b>nope</b>”不是放映模式的一屏，已从概况开始。');
  expect(heading()).toHaveTextContent('目标完成概况');
  expect(new URLSearchParams(window.location.search).get('screen')).toBeNull();
  press('ArrowRight');
  expect(screen.queryByRole('note')).not.toBeInTheDocument();
});

test('Esc goes back to the dashboard with the same region and year', async () => {
  renderApp('?region=410482101&year=2019&screen=preschool&auto=30', '/present');
  expect(await screen.findByRole('heading', { level: 1, name: '学前教育' }, { timeout: 10_000 })).toBeInTheDocument();
  expect(screen.getByText('寄料镇 · 截至2019年')).toBeInTheDocument();
  press('Escape');
  expect(await screen.findByRole('heading', { level: 2, name: '目标完成概况' }, { timeout: 10_000 })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/');
  const params = new URLSearchParams(window.location.search);
  expect(params.get('region')).toBe('410482101');
  expect(params.get('year')).toBe('2019');
  expect(params.get('screen')).toBeNull();
  expect(params.get('auto')).toBeNull();
  expect(screen.getByRole('navigation')).toBeInTheDocument();
});

test('a township has no screen for categories whose targets are all city-wide, and the summary says how many do not apply', async () => {
  renderApp('?region=410482101', '/present');
  await screen.findByRole('heading', { level: 1, name: '目标完成概况' }, { timeout: 10_000 });
  expect(screen.getByText('5 项为全市目标，不适用于乡镇')).toBeInTheDocument();
  press('End');
  expect(screen.getByRole('status')).toHaveTextContent(/^第 (\d) 屏，共 \1 屏/);
  expect(heading()).not.toHaveTextContent('职业教育');
});

test('the dashboard opens projector mode for its region and year', async () => {
  renderApp('?region=410482102&year=2019');
  const link = await screen.findByRole('link', { name: '放映模式' }, { timeout: 10_000 });
  expect(link).toHaveAccessibleDescription(/Esc/);
  await userEvent.click(link);
  expect(await screen.findByRole('heading', { level: 1, name: '目标完成概况' }, { timeout: 10_000 })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/present');
  expect(screen.getByText(/^温泉镇 · 截至2019年/)).toBeInTheDocument();
});

test('?auto= moves on a timer, round to the summary after the last screen; Space pauses and resumes', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  renderApp('?auto=20&screen=teachers', '/present');
  await screen.findByRole('heading', { level: 1, name: '教师队伍' }, { timeout: 10_000 });
  expect(screen.getByText('每 20 秒自动换屏')).toBeInTheDocument();
  act(() => vi.advanceTimersByTime(19_000));
  expect(heading()).toHaveTextContent('教师队伍');
  act(() => vi.advanceTimersByTime(1_000));
  expect(heading()).toHaveTextContent('职业教育');
  press(' ');
  expect(screen.getByText('已暂停 · 按空格键继续')).toBeInTheDocument();
  act(() => vi.advanceTimersByTime(60_000));
  expect(heading()).toHaveTextContent('职业教育');
  press(' ');
  act(() => vi.advanceTimersByTime(20_000));
  expect(heading()).toHaveTextContent('目标完成概况');
  // A key press starts the count afresh.
  act(() => vi.advanceTimersByTime(15_000));
  press('ArrowRight');
  act(() => vi.advanceTimersByTime(15_000));
  expect(heading()).toHaveTextContent('学前教育');
  act(() => vi.advanceTimersByTime(5_000));
  expect(heading()).toHaveTextContent('普通高中');
});
