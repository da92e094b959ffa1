import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { appUrl } from './fixtures';
import { ServerProcess, type E2eUser } from './support/server';

/**
 * The real server, end to end in Chromium: an analyst and an official on two
 * browser contexts (two machines), sign-in, a GBK import, the official's view,
 * a forged role header, a restart, and an analyst limited to one township.
 */

const server = new ServerProcess(Number(process.env.E2E_SERVER_PORT ?? 4318));
const analyst: E2eUser = { name: 'wang', password: 'analyst-pass-1', role: 'analyst' };
const official: E2eUser = { name: 'li', password: 'viewer-pass-1', role: 'viewer' };
const township: E2eUser = { name: 'zhao', password: 'jiliao-pass-1', role: 'analyst', region: '410482101' }; // 寄料镇
const inclusive = '普惠性幼儿园覆盖率';
const gauge = (page: Page) => page.getByRole('meter', { name: `${inclusive}：实际与目标` });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  for (const user of [analyst, official, township]) server.addUser(user);
  await server.start();
});

test.afterAll(async () => {
  await server.dispose();
});

/** Content-Security-Policy violations the page reported (the server sends a strict policy). */
const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);

async function signedIn(browser: Browser, user: E2eUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'zh-CN', acceptDownloads: true });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { cspViolations?: string[] };
      (w.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  const page = await context.newPage();
  await page.goto(appUrl('/'));
  await page.getByLabel('用户名').fill(user.name);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '目标完成概况' })).toBeVisible();
  return page;
}

test('nobody signed in sees the sign-in page, and a wrong password is refused with a message', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(appUrl('/'));
  await page.getByLabel('用户名').fill(analyst.name);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page.getByRole('heading', { level: 2, name: '目标完成概况' })).toHaveCount(0);
  await context.close();
});

test('an analyst imports a GBK CSV; an official on another machine sees it, cannot write with a forged role, and still sees it after a restart', async ({ browser }) => {
  const analystPage = await signedIn(browser, analyst);
  const officialPage = await signedIn(browser, official);
  // The server starts with no figures for Ruzhou (only published national ones): no 81.2% yet.
  await expect(gauge(officialPage)).not.toHaveAttribute('aria-valuetext', /81\.2%/);

  await analystPage.getByRole('navigation', { name: '页面' }).getByRole('link', { name: '导入数据' }).click();
  await analystPage.getByLabel('选择文件').setInputFiles('e2e/data/city-2020-gbk.csv');
  await expect(analystPage.getByLabel('文字编码')).toHaveValue('gb18030');
  await analystPage.getByRole('button', { name: '检查文件' }).click();
  await analystPage.getByRole('button', { name: /^确认导入/ }).click();
  await expect(analystPage.getByRole('status').filter({ hasText: '已导入' })).toBeVisible();

  await officialPage.reload();
  await expect(gauge(officialPage)).toHaveAttribute('aria-valuetext', '81.2%，目标 ≥ 80.0%');
  await expect(officialPage.getByRole('link', { name: '导入数据' })).toHaveCount(0);

  const forged = await officialPage.evaluate(async () => {
    const response = await fetch('/api/batches', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Demo-Role': 'analyst' },
      body: JSON.stringify({ fileName: 'x.csv', encoding: 'utf-8', layout: 'long', targetSet: 'ruzhou-2020', counts: { rows: 0, added: 0, replaced: 0, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 }, figures: [] }),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code?: string } } };
  });
  expect(forged).toEqual({ status: 403, body: { error: expect.objectContaining({ code: 'forbidden' }) } });

  await server.restart();
  await officialPage.reload();
  await expect(gauge(officialPage)).toHaveAttribute('aria-valuetext', '81.2%，目标 ≥ 80.0%');

  // Under the server's Content-Security-Policy the target page draws and exports its chart as a PNG.
  await officialPage.goto(appUrl('/targets/inclusive-kindergarten-2020'));
  await expect(officialPage.getByRole('figure', { name: new RegExp(`${inclusive}（汝州市）`) })).toBeVisible();
  const download = officialPage.waitForEvent('download');
  await officialPage.getByRole('button', { name: '保存图表为 PNG' }).click();
  const png = await readFile(await (await download).path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  // The report and the scorecard too: their fonts are files, not data: URLs, and their printed-page rules (page
  // numbers, the demo notice, A4 landscape) a constructed style sheet, not a <style> element the policy blocks.
  expect(await violations(officialPage)).toEqual([]);
  await officialPage.goto(appUrl('/report'));
  await expect(officialPage.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(officialPage.locator('.report table').first()).toBeVisible();
  // Each document keeps its own list: read before the next address.
  expect(await violations(officialPage)).toEqual([]);
  await officialPage.goto(appUrl('/scorecard'));
  await expect(officialPage.getByRole('heading', { level: 2, name: '计分卡' })).toBeVisible();
  await expect(officialPage.locator('table.table--scorecard tbody tr').first()).toBeVisible();
  expect(await officialPage.evaluate(() => document.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join(' ')))).toEqual([
    expect.stringContaining('landscape'),
  ]);
  expect(await violations(officialPage)).toEqual([]);
  expect(await violations(analystPage)).toEqual([]);
  await analystPage.context().close();
  await officialPage.context().close();
});

test('an analyst limited to 寄料镇 sees the other regions’ rows refused and cannot write them through the API', async ({ browser }) => {
  const page = await signedIn(browser, township);
  await page.getByRole('navigation', { name: '页面' }).getByRole('link', { name: '导入数据' }).click();
  await page.getByLabel('选择文件').setInputFiles('e2e/data/city-2020-gbk.csv');
  await page.getByRole('button', { name: '检查文件' }).click();
  const messages = page.getByRole('table', { name: /检查结果/ });
  await expect(messages.getByRole('row').filter({ hasText: '汝州市' }).filter({ hasText: /只能导入|范围/ })).not.toHaveCount(0);

  const status = await page.evaluate(async () => {
    const response = await fetch('/api/batches', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        fileName: 'x.csv', encoding: 'utf-8', layout: 'long', targetSet: 'ruzhou-2020',
        counts: { rows: 1, added: 1, replaced: 0, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 },
        figures: [{ metric: 'inclusive_kindergarten_coverage', region: '410482102', year: 2020, value: 90 }],
      }),
    });
    return { status: response.status, code: ((await response.json()) as { error?: { code?: string } }).error?.code };
  });
  expect(status).toEqual({ status: 403, code: 'region_out_of_scope' });
  await page.context().close();
});
