import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { batchBodies, provinceFigures, provinceTargetFile } from '../scripts/bench/lib/province.mjs';
import { ServerProcess, type E2eUser } from './support/server';

/**
 * A province on the real server (issue 13): 2,000 townships under 158 counties × 12 targets, three
 * years of figures imported through the API as an analyst would, and an official's scorecard in
 * Chromium — windowed, scrolled to its last row from the keyboard, sorted from the keyboard, and a
 * cell opened. The target file and the figures are the scale benchmark's generator's (synthetic:
 * every name says 合成).
 */

const province = provinceTargetFile({ id: 'province-e2e', townships: 2_000, counties: 158, metrics: 12 });
const targetsDir = mkdtempSync(join(tmpdir(), 'e2e-province-targets-'));
writeFileSync(join(targetsDir, province.fileName), province.content);
const server = new ServerProcess(Number(process.env.E2E_SCALE_PORT ?? 4328), { TARGETS_DIR: targetsDir });
const analyst: E2eUser = { name: 'sun', password: 'province-analyst-1', role: 'analyst' };
const official: E2eUser = { name: 'qian', password: 'province-viewer-1', role: 'viewer' };
const YEARS = { first: 2023, count: 3 };
const ROWS = 1 + province.townships.length; // the province's own row, then every township

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(300_000);
  for (const user of [analyst, official]) server.addUser(user);
  await server.start();
  const cookie = await signIn(analyst);
  const figures = provinceFigures(province, { firstYear: YEARS.first, count: province.townships.length * province.metrics.length * YEARS.count });
  const bodies = batchBodies(figures, { fileName: (i) => `合成省乡镇统计-${i + 1}.csv`, targetSet: province.id, maxBytes: 16 * 1024 * 1024, stored: new Set() });
  for (const body of bodies) {
    const response = await fetch(`${server.baseURL}/api/batches`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: server.baseURL, 'Content-Type': 'application/json' },
      body: body.json,
    });
    if (response.status !== 201) throw new Error(`POST /api/batches answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
});

test.afterAll(async () => {
  await server.dispose();
  rmSync(targetsDir, { recursive: true, force: true });
});

/** `POST /api/session` as the sign-in page does; the session cookie. */
async function signIn(user: E2eUser): Promise<string> {
  const response = await fetch(`${server.baseURL}/api/session`, {
    method: 'POST',
    headers: { Origin: server.baseURL, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: user.name, password: user.password }),
  });
  if (response.status !== 200) throw new Error(`POST /api/session as ${user.name} answered ${response.status}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** An official's page, signed in through the sign-in page. */
async function officialPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(official.name);
  await page.getByLabel('密码').fill(official.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '目标完成概况' })).toBeVisible({ timeout: 60_000 });
  return page;
}

test('an official scrolls a 2,000-township scorecard to its end, sorts it and opens a cell, all from the keyboard', async ({ browser }) => {
  const page = await officialPage(browser);
  await page.goto(`/scorecard?set=${province.id}&year=2025`);
  const scorecard = page.getByRole('table', { name: '2025年各乡镇目标计分卡' });
  // Evaluated in slices (use-scorecard.ts): the table comes once every township is worked out.
  await expect(scorecard).toBeVisible({ timeout: 60_000 });
  await expect(scorecard).toHaveAttribute('aria-rowcount', String(ROWS + 1));
  // The region, its summary (targets met, worst status), then a column per target.
  await expect(scorecard).toHaveAttribute('aria-colcount', String(province.metrics.length + 2));
  // The strip counts 24,000 cells: each count is whole, written with its digit grouping, beside or above its badge,
  // never under it (a five-digit count used to be squeezed behind the badge, reading 1242 for 12,429).
  for (const tile of await page.locator('.summary__item').all()) {
    const count = tile.locator('.summary__count');
    await expect(count).toHaveText(/^\d{1,3}(,\d{3})*$/);
    const [a, b] = [await count.boundingBox(), await tile.locator('.badge').boundingBox()];
    expect(a && b).toBeTruthy();
    const apart = a!.x + a!.width <= b!.x + 0.5 || b!.y >= a!.y + a!.height - 0.5;
    expect(apart, `count ${await count.textContent()} and its badge overlap`).toBe(true);
    expect(await count.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  }
  // Windowed: a screenful of rows is in the page, not 2,001.
  const rendered = await scorecard.locator('tbody tr[aria-rowindex]').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);

  // Ctrl+End from the first cell: the last township's last cell, scrolled in and focused.
  const rows = scorecard.locator('tbody tr[aria-rowindex]');
  await rows.first().getByRole('link').first().focus();
  await page.keyboard.press('Control+End');
  const last = scorecard.locator(`tbody tr[aria-rowindex="${ROWS + 1}"]`);
  await expect(last).toBeVisible();
  await expect(last.getByRole('link').last()).toBeFocused();

  // Sort by the first target with the keyboard: its header says so, the address keeps it, and the
  // townships run worst first on that target.
  const sort = scorecard.getByRole('columnheader').nth(2).getByRole('button');
  await sort.focus();
  await page.keyboard.press('Enter');
  await expect(sort).toHaveAttribute('aria-pressed', 'true');
  await expect(scorecard.getByRole('columnheader').nth(2)).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/[?&]by=/);
  await page.keyboard.press('Control+Home');
  // Worst first (STATUS_ORDER): each cell's class names its status.
  const order = ['missed', 'off_track', 'at_risk', 'undetermined', 'no_data', 'on_track', 'achieved', 'not_applicable'];
  const firstStatuses = await rows.evaluateAll((trs) => trs.slice(1, 12).map((tr) => /score--(\w+)/.exec(tr.querySelector('td.score')?.className ?? '')?.[1] ?? ''));
  const ranks = firstStatuses.map((s) => order.indexOf(s));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

  // Open the second row's first cell (the first township after the province) with Enter.
  const cell = rows.nth(1).getByRole('link').first();
  const township = (await rows.nth(1).getByRole('rowheader').textContent()) ?? '';
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/targets\/[^?]+\?.*region=41\d{7}/);
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.getByText(township).first()).toBeVisible();
});
