import { expect, test } from './fixtures';

/**
 * Shown digits never contradict the status (issue 9): 骑岭乡's inclusive-kindergarten share in the
 * demo data is 855 / 1069 = 79.98% against "≥ 80%", which misses — so the card must not read 80.0%
 * beside 未达成, nor "差 0.0".
 */
const QILING = '?region=410482207&year=2020';

test('the 骑岭乡 inclusive-kindergarten card shows 79.98%, not 80.0% beside 未达成, and no gap of 0.0', async ({ dashboard }) => {
  await dashboard.open(QILING);
  const card = dashboard.card('普惠性幼儿园覆盖率');
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.locator('.badge')).toHaveText(/未达成/);
  await expect(card.locator('.card__value')).toHaveText(/^(79\.98%|<80\.0%)/);
  await expect(card.locator('.card__goal')).toHaveText('目标 ≥ 80.0%');
  await expect(card.locator('.card__margin')).toHaveText('距目标差 0.02 个百分点');
  const text = (await card.innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/80\.0%\s*(模拟)?\s*目标/);
  expect(text).not.toMatch(/差 0\.0 /);
  // The gauge is drawn as short of the goal, in the missed colour, and its text agrees.
  const meter = card.getByRole('meter');
  await expect(meter).toHaveAttribute('aria-valuetext', '79.98%，目标 ≥ 80.0%');
  await expect(meter).toHaveAttribute('data-fill', 'hatched');
  const barColour = await meter.locator('.gauge__bar-edge').evaluate((el) => getComputedStyle(el).stroke);
  expect(barColour).toBe('rgb(207, 34, 46)');
  // Every figure on the card's sparkline label uses the same rule.
  await expect(card.getByRole('img')).toHaveAttribute('aria-label', /2020 79\.98%/);
});

test('in English the same card reads 79.98% and "Short of goal by 0.02 pp"', async ({ dashboard, page }) => {
  await dashboard.open(QILING);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  const card = dashboard.card('Inclusive kindergarten coverage');
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.locator('.badge')).toHaveText(/Missed/);
  await expect(card.locator('.card__value')).toHaveText(/^79\.98%/);
  await expect(card.locator('.card__margin')).toHaveText('Short of goal by 0.02 pp');
});

test('the summary explains the bars and counts progress unclear', async ({ dashboard, page }) => {
  await dashboard.open(QILING);
  const summary = page.getByRole('region', { name: '目标完成概况' });
  await expect(summary.getByText('进度无法判断')).toBeVisible();
  await expect(summary.getByText('斜纹条：数值尚未达到目标')).toBeVisible();
});

test('the 骑岭乡 target page headline and figures table read 79.98% beside 未达成, as the card does', async ({ page }) => {
  await page.goto('/targets/inclusive-kindergarten-2020?set=ruzhou-2020&region=410482207&year=2020');
  const headline = page.locator('.headline');
  await expect(headline).toContainText('未达成', { timeout: 30_000 });
  await expect(headline.locator('.headline__value')).toHaveText('79.98%');
  await expect(page.getByRole('cell', { name: '79.98%' }).first()).toBeVisible();
});
