import { appUrl, expect, test, type Analyst } from './fixtures';

/**
 * Published snapshots (issue 12.1): publish one, import a revised figure,
 * open the snapshot and see the published value under its banner, open the
 * comparison and see old → new.
 */
const SHOTS = process.env.SNAPSHOT_SHOTS;

async function importCityCoverage(analyst: Analyst, value: string) {
  await analyst.openImport();
  await analyst.chooseFile({ name: `修订-${value}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`地区,年份,指标,数值\n汝州市,2020,普惠性幼儿园覆盖率,${value}%\n`) });
  await analyst.check();
  await analyst.confirm();
}

test('publish a snapshot, revise a figure, open the snapshot and the comparison', async ({ page, analyst }) => {
  test.setTimeout(120_000);
  await importCityCoverage(analyst, '81.2');

  await page.getByRole('link', { name: '快照' }).click();
  await expect(page.getByRole('heading', { name: '已发布快照', level: 2 })).toBeVisible({ timeout: 15_000 });
  await page.getByLabel('名称').fill('2020年度考核');
  await page.getByLabel('截至年份').selectOption('2020');
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已发布“2020年度考核”' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('row', { name: /2020年度考核/ })).toContainText('有效');

  await importCityCoverage(analyst, '55.5');
  // Now: the revised figure.
  await page.goto(appUrl('/'));
  const card = page.getByRole('article', { name: /普惠性幼儿园覆盖率/ }).first();
  await expect(card).toContainText('55.5', { timeout: 15_000 });

  // The snapshot: the published figure under its banner.
  await page.getByRole('link', { name: '快照' }).click();
  await page.getByRole('row', { name: /2020年度考核/ }).getByRole('button', { name: '查看' }).click();
  const banner = page.getByTestId('snapshot-banner');
  await expect(banner).toContainText(/已发布 · \d{4}-\d{2}-\d{2}/, { timeout: 15_000 });
  await expect(banner).toContainText('2020年度考核');
  await expect(page).toHaveURL(/snapshot=/);
  await expect(page.getByRole('article', { name: /普惠性幼儿园覆盖率/ }).first()).toContainText('81.2', { timeout: 15_000 });
  await expect(page.getByRole('article', { name: /普惠性幼儿园覆盖率/ }).first()).not.toContainText('55.5');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/snapshot-banner.png`, clip: { x: 0, y: 0, width: 1280, height: 720 } });

  // The scorecard from the snapshot keeps the banner.
  await page.getByRole('link', { name: '计分卡' }).click();
  await expect(page.getByTestId('snapshot-banner')).toBeVisible({ timeout: 15_000 });

  // The comparison: old → new, with the batch that revised it.
  await page.getByTestId('snapshot-banner').getByRole('button', { name: '与当前数据比较' }).click();
  const figures = page.getByRole('table', { name: '修订的数据' });
  const row = figures.getByRole('row', { name: /普惠性幼儿园覆盖率.*汝州市/ });
  await expect(row).toContainText(/81\.2\s*%?\s*→\s*55\.5/, { timeout: 15_000 });
  await expect(row).toContainText('修订-55.5.csv');
  await expect(figures.getByRole('row')).toHaveCount(2);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/snapshot-comparison.png`, fullPage: true });

  // Withdraw with a reason: kept, marked; the banner says so.
  await page.getByRole('button', { name: '返回快照列表' }).click();
  await page.getByRole('row', { name: /2020年度考核/ }).getByRole('button', { name: '撤回' }).click();
  await page.getByLabel(/撤回理由/).fill('口径调整');
  await page.getByRole('button', { name: '确认撤回' }).click();
  await expect(page.getByRole('row', { name: /2020年度考核/ })).toContainText('已撤回：口径调整', { timeout: 15_000 });
  await page.getByRole('row', { name: /2020年度考核/ }).getByRole('button', { name: '查看' }).click();
  await expect(page.getByTestId('snapshot-banner')).toContainText('已撤回', { timeout: 15_000 });
});
