import { expect, test } from './fixtures';

/** Bad links (issue 9): a message, a corrected address, never a blank page or a silent default. */

const notice = (page: import('@playwright/test').Page) =>
  page.getByRole('alert').filter({ has: page.getByRole('heading', { name: '链接有误，已更正' }) });

test('/nowhere shows a message and lands on the dashboard’s address', async ({ app, page }) => {
  await app.open('/nowhere');
  await expect(notice(page)).toContainText('没有“/nowhere”这个页面');
  await expect(page.getByRole('article', { name: '学前三年毛入园率' })).toBeVisible({ timeout: 15_000 });
  expect(new URL(page.url()).pathname).toBe('/');
  expect(new URL(page.url()).searchParams.get('set')).toBe('ruzhou-2020');
});

test('a malformed target link shows a message, not a blank page', async ({ app, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // `vite preview` answers a malformed path with its own 404 before the app is reached; the Node server
  // (like any SPA host) answers every route with index.html, as this route does.
  const index = await (await page.request.get('/')).text();
  await page.route(/\/targets\/%E0%A4%A(\?|$)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: index }));
  await app.open('/targets/%E0%A4%A');
  await expect(notice(page)).toContainText('没有“/targets/%E0%A4%A”这个页面');
  await expect(page.getByRole('article', { name: '学前三年毛入园率' })).toBeVisible({ timeout: 15_000 });
  expect(new URL(page.url()).pathname).toBe('/');
  expect(errors).toEqual([]);
});

test('an unknown region in the address shows a message and the address is corrected', async ({ app, page }) => {
  await app.open('/', '?region=toString&year=2019');
  await expect(notice(page)).toContainText('链接中的地区“toString”不在本目标文件的可选地区中');
  await expect(page.getByLabel('地区')).toHaveValue('410482');
  await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBeNull();
  expect(new URL(page.url()).searchParams.get('year')).toBe('2019');
  // The corrected address replaced the bad one: back leaves the app rather than returning to it.
  await page.reload();
  await expect(page.getByRole('article', { name: '学前三年毛入园率' })).toBeVisible({ timeout: 15_000 });
  await expect(notice(page)).toHaveCount(0);
});

test('a year outside the data shows a message and the latest year', async ({ app, page }) => {
  await app.open('/', '?year=1999');
  await expect(notice(page)).toContainText('链接中的年份“1999”没有数据');
  await expect(page.getByLabel('截至年份')).toHaveValue('2020');
  await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBeNull();
});

test('an unknown target id shows a message and the dashboard', async ({ app, page }) => {
  await app.open('/targets/no-such-target');
  await expect(notice(page)).toContainText('目标文件中没有编号为“no-such-target”的目标');
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
});

test('the scorecard’s sort survives a reload', async ({ app, page }) => {
  await app.open('/scorecard');
  const table = page.getByRole('table', { name: '2020年各乡镇目标计分卡' });
  await table.getByRole('button', { name: /普惠性幼儿园覆盖率/ }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('by')).toBe('inclusive-kindergarten-2020');
  const header = table.getByRole('columnheader', { name: /普惠性幼儿园覆盖率/ });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const order = await table.getByRole('rowheader').allTextContents();
  await page.reload();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  expect(await table.getByRole('rowheader').allTextContents()).toEqual(order);
  await expect(header).toContainText('目标 ≥ 80.0%');
});

test('a scorecard cell’s link is announced with its township and its target', async ({ app, page }) => {
  await app.open('/scorecard');
  const row = page.getByRole('row', { name: /^寄料镇/ });
  const link = row.getByRole('link', { name: /^寄料镇 · 普惠性幼儿园覆盖率：/ });
  await expect(link).toBeVisible({ timeout: 15_000 });
  await link.click();
  await expect(page).toHaveURL(/\/targets\/inclusive-kindergarten-2020\?.*region=410482101/);
});

test('a chart legend names its series without "legend icon"', async ({ app, page }) => {
  await app.open('/targets/preschool-ger-2020');
  const legend = page.locator('.trend-chart__legend').first();
  await expect(legend).toBeVisible({ timeout: 15_000 });
  await expect(legend).toContainText('实际值');
  expect(await page.locator('[aria-label*="legend icon"]').count()).toBe(0);
  const snapshot = await legend.ariaSnapshot();
  expect(snapshot).not.toMatch(/legend icon|img/);
});
