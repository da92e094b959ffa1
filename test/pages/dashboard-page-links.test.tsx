import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

setupMockApi();

/** The message a corrected link shows: an alert headed 链接有误，已更正. */
async function linkNotice() {
  const heading = await screen.findByRole('heading', { name: '链接有误，已更正' }, { timeout: 10_000 });
  return heading.closest<HTMLElement>('[role="alert"]')!;
}

test('an unknown path says so and shows the dashboard, whose address the app corrects', async () => {
  renderApp('?set=ruzhou-2020', '/nowhere');
  const notice = await linkNotice();
  expect(notice).toHaveTextContent('没有“/nowhere”这个页面（或链接已损坏），已显示仪表板。');
  expect(await screen.findByRole('article', { name: '学前三年毛入园率' }, { timeout: 10_000 })).toBeInTheDocument();
});

test('a malformed escape in a target link (/targets/%E0%A4%A) shows a message and the dashboard, not a blank page', async () => {
  renderApp('', '/targets/%E0%A4%A');
  expect(await linkNotice()).toHaveTextContent('没有“/targets/%E0%A4%A”这个页面');
  expect(await screen.findByRole('article', { name: '学前三年毛入园率' }, { timeout: 10_000 })).toBeInTheDocument();
});

test('an unknown region — even one named like a built-in — says so, shows the city and drops it from the address', async () => {
  renderApp('?region=constructor&year=2019');
  const notice = await linkNotice();
  expect(notice).toHaveTextContent('链接中的地区“constructor”不在本目标文件的可选地区中，已改为显示默认地区。');
  await waitFor(() => expect(window.location.search).toBe('?year=2019'));
  expect(screen.getByLabelText('地区')).toHaveValue('410482');
  expect(screen.getByLabelText('截至年份')).toHaveValue('2019');
});

test('a comparison area in the address is not a region to choose: it is corrected too', async () => {
  renderApp('?region=100000');
  expect(await linkNotice()).toHaveTextContent('“100000”');
  await waitFor(() => expect(window.location.search).toBe(''));
});

test('a year outside the data says so, shows the latest year with figures and corrects the address', async () => {
  renderApp('?year=2031&region=410482101');
  expect(await linkNotice()).toHaveTextContent('链接中的年份“2031”没有数据，已改为显示有数据的最近一年。');
  await waitFor(() => expect(window.location.search).toBe('?region=410482101'));
  expect(screen.getByLabelText('截至年份')).toHaveValue('2020');
  expect(screen.getByLabelText('地区')).toHaveValue('410482101');
});

test('an unknown target file in the address says so and shows the default file', async () => {
  renderApp('?set=nope&year=2019');
  expect(await linkNotice()).toHaveTextContent('没有目标文件“nope”，已显示默认的目标文件。');
  expect(await screen.findByRole('article', { name: '学前三年毛入园率' }, { timeout: 10_000 })).toBeInTheDocument();
  await waitFor(() => expect(window.location.search).toBe(''));
});

test('the message can be dismissed, and a valid link shows none', async () => {
  const view = renderApp('?region=nowhere');
  const notice = await linkNotice();
  await userEvent.click(within(notice).getByRole('button', { name: '知道了' }));
  expect(screen.queryByRole('heading', { name: '链接有误，已更正' })).not.toBeInTheDocument();
  view.unmount();
  renderApp('?region=410482101&year=2019');
  await screen.findByRole('article', { name: '学前三年毛入园率' }, { timeout: 10_000 });
  expect(screen.queryByRole('heading', { name: '链接有误，已更正' })).not.toBeInTheDocument();
  expect(window.location.search).toBe('?region=410482101&year=2019');
});

test('in English the message is English', async () => {
  renderApp('?lang=en&region=nowhere');
  const heading = await screen.findByRole('heading', { name: 'The link was wrong and has been corrected' }, { timeout: 10_000 });
  expect(heading.closest('[role="alert"]')).toHaveTextContent('The region “nowhere” in the link is not one this target file offers');
  await waitFor(() => expect(window.location.search).toBe('?lang=en'));
});
