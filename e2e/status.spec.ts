import { expect, test } from './fixtures';

// A late achievement, end to end in demo mode: 骑岭乡's inclusive-kindergarten share misses 80% in the
// deadline year 2020 (855 ÷ 1069 = 79.98%); an analyst imports its 2021 figure (900 ÷ 1050 = 85.7%)
// through the import page, and the target page as of 2021 still says "missed" (the status is about the
// deadline) and says that the goal was reached in 2021.

const QILING = '410482207';
const CSV = ['地区,年份,指标,数值,分子,分母', '骑岭乡,2021,普惠性幼儿园覆盖率,,900,1050', ''].join('\r\n');

test('a figure after the deadline that meets the goal is shown as a late achievement on the target page', async ({ analyst, page }) => {
  await analyst.openImport();
  await analyst.chooseFile({ name: 'qiling-2021.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8') });
  await analyst.check();
  await analyst.confirm();

  await page.goto(`/targets/inclusive-kindergarten-2020?set=ruzhou-2020&region=${QILING}&year=2021`);
  await expect(page.getByRole('heading', { level: 2, name: '普惠性幼儿园覆盖率' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('骑岭乡 · 截至2021年')).toBeVisible();
  const headline = page.locator('.headline');
  await expect(headline).toContainText('未达成');
  await expect(page.locator('.detail__after')).toHaveText('期限之后：2021年已达到目标（85.7%）。状态仍按期限年份判断。');
  // Nothing is projected past the deadline: the forecast quotes the deadline year's own figure.
  const forecast = page.getByRole('region', { name: '到期预测' });
  await expect(forecast).toContainText('期限年份 2020 的数值为 79.98%（未达成），不再需要预测。');
  await expect(page.getByRole('region', { name: '为何是此状态' })).toContainText('期限之后：2021年已达到目标（85.7%）');

  // As of 2020 the 2021 figure is not yet seen.
  await page.getByLabel('截至年份').selectOption({ label: '2020年' });
  await expect(page.getByText('骑岭乡 · 截至2020年')).toBeVisible();
  await expect(page.locator('.detail__after')).toHaveCount(0);
});
