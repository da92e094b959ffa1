import { expect, test } from './fixtures';

/**
 * Issue 11, item 6: benchmark figures are imported like any others. As the demo's analyst, import
 * 河南省's 2020 preschool gross enrolment rate (with its 来源) into the Ruzhou set, see it drawn as a
 * comparison series on the target page, then undo the batch in 数据管理 and see it gone.
 */
// The value is the spec's own (not a quotation); the page's years end at the plan's 2020, so a 2020 figure.
const FILE = '河南省2020年公报.csv';
const SOURCE = '《2020年河南省教育事业发展统计公报》';
const csv = `\ufeff地区,年份,指标,数值,来源\r\n河南省,2020,学前三年毛入园率,91.3%,${SOURCE}\r\n`;

test('an analyst imports 河南省 figures with their source as a comparison series, sees them on the target page, and undoes them', async ({ analyst, app, page }) => {
  test.setTimeout(180_000);
  const targetPage = async () => {
    await app.open('/targets/preschool-ger-2020', '?region=410482&year=2020');
    await expect(page.locator('.trend-chart')).toBeVisible({ timeout: 30_000 });
  };
  const henanLegend = page.locator('.trend-chart .recharts-legend-item-text').filter({ hasText: /^河南省$/ });

  // Before: no 河南省 series on the target page (the bundled comparison figures are the national ones).
  await targetPage();
  await expect(page.locator('.trend-chart .recharts-legend-item-text').filter({ hasText: /^全国$/ })).toBeVisible({ timeout: 30_000 });
  await expect(henanLegend).toHaveCount(0);

  // The import: the same preview as any other file; the row names the comparison area and its source.
  await analyst.openImport();
  await analyst.chooseFile({ name: FILE, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
  await expect(page.getByLabel('“来源”列的含义')).toHaveValue('citation', { timeout: 30_000 });
  await analyst.check();
  await expect(page.getByRole('button', { name: '确认导入 1 条数据' })).toBeVisible({ timeout: 30_000 });
  await page.getByText('将新增的数值（1 条）').click(); // the list of new values opens
  const row = page.locator('.preview').getByRole('row', { name: /河南省/ }).first();
  await expect(row).toContainText('91.3%', { timeout: 30_000 });
  await expect(row).toContainText(SOURCE);
  await analyst.confirm();

  // The comparison series: 河南省 in the chart's legend, and its value in the chart's tooltip.
  await targetPage();
  await expect(henanLegend).toBeVisible({ timeout: 30_000 });
  // The chart's tooltip at 2020 gives its value (the data table's comparison column is the headline 全国's only).
  await page.locator('.trend-chart .recharts-line-dot').last().hover();
  await expect(page.locator('.recharts-tooltip-wrapper')).toContainText(/河南省\s*:?\s*91\.3%/);

  // Undone in 数据管理: the batch is gone, and so is the series.
  await analyst.becomeAnalyst();
  await analyst.openData();
  const batch = page.getByRole('listitem', { name: FILE });
  await expect(batch).toBeVisible({ timeout: 30_000 });
  await batch.getByRole('button', { name: '撤销这次导入' }).click();
  await batch.getByRole('button', { name: '确认撤销' }).click();
  await expect(page.getByRole('listitem', { name: FILE })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('listitem', { name: 'reference-national.json' })).toBeVisible();

  await targetPage();
  await expect(page.locator('.trend-chart .recharts-legend-item-text').filter({ hasText: /^全国$/ })).toBeVisible({ timeout: 30_000 });
  await expect(henanLegend).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.trend-chart .recharts-legend-item-text').filter({ hasText: /^全国$/ })).toBeVisible({ timeout: 30_000 });
  await expect(henanLegend).toHaveCount(0);
});
