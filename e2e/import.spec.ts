import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const inclusive = '普惠性幼儿园覆盖率';

/** The demo's batches before any import: the published national figures alone (issue 11, item 6). */
async function expectOnlyNationalBatch(page: Page) {
  await expect(page.getByRole('listitem', { name: 'reference-national.json' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('ul.batches > li')).toHaveCount(1);
}

test('an analyst imports a GBK CSV with Chinese headers and sees the gauge change; a reload keeps it', async ({ analyst, dashboard, page }) => {
  await dashboard.open();
  await dashboard.expectStatus(inclusive, /未达成/);

  await analyst.openImport();
  await analyst.chooseFile('city-2020-gbk.csv');
  await expect(page.getByLabel('文字编码')).toHaveValue('gb18030');
  await expect(page.getByRole('table', { name: /文件前几行/ })).toContainText('汝州市2020年学前教育统计');
  await analyst.check();
  await expect(page.getByText(/替换已有数值/)).toBeVisible();
  await expect(page.getByRole('row', { name: /合计行/ })).toContainText('6');
  await analyst.confirm();

  await page.getByRole('button', { name: '查看仪表板' }).click();
  await expect(page.getByRole('meter', { name: `${inclusive}：实际与目标` })).toHaveAttribute('aria-valuetext', '81.2%，目标 ≥ 80.0%');
  await dashboard.expectStatus(inclusive, /已达成/);

  await page.reload();
  await expect(page.getByRole('meter', { name: `${inclusive}：实际与目标` })).toHaveAttribute('aria-valuetext', '81.2%，目标 ≥ 80.0%');
});

test('a file with errors shows them with Excel row numbers and imports nothing until confirmed', async ({ analyst, dashboard, page }) => {
  await analyst.openImport();
  await analyst.chooseFile('errors-utf8-bom.csv');
  await expect(page.getByText('按 UTF-8 读取：文件开头有该编码的字节顺序标记（BOM），编码由它决定，不能另选')).toBeVisible();
  await analyst.check();
  const messages = page.getByRole('table', { name: /检查结果/ });
  const message = (row: number, text: string) =>
    expect(messages.getByRole('row').filter({ has: page.getByRole('cell', { name: String(row), exact: true }) }).filter({ hasText: text })).toHaveCount(1);
  await message(3, '不是有效的数字');
  await message(4, '中文句号');
  await message(5, '看起来像小数');
  await message(6, '是否应为“普惠性幼儿园覆盖率”');
  await message(7, '0–100%');
  await message(8, '多行␊备注');
  await message(9, '按缺失处理');

  // The misspelt metric can be matched by hand; the suggestion is preselected.
  await expect(page.getByLabel('普惠幼儿园覆盖率 →')).toHaveValue('inclusive_kindergarten_coverage');
  await page.getByRole('button', { name: '按所选名称重新检查' }).click();
  await expect(messages.getByRole('row').filter({ hasText: '是否应为' })).toHaveCount(0);

  await page.getByRole('button', { name: '放弃这个文件' }).click();
  await expect(page.getByText('已放弃，没有修改任何数据。')).toBeVisible();
  await analyst.openData();
  await expectOnlyNationalBatch(page);
  await dashboard.open();
  await expect(page.getByRole('meter', { name: `${inclusive}：实际与目标` })).toHaveAttribute('aria-valuetext', '78.3%，目标 ≥ 80.0%');
});

test('removing the batch restores the previous values', async ({ analyst, dashboard, page }) => {
  await analyst.openImport();
  await analyst.chooseFile('city-2020-gbk.csv');
  await analyst.check();
  await analyst.confirm();
  await analyst.openData();
  const batch = page.getByRole('listitem', { name: 'city-2020-gbk.csv' });
  await batch.getByRole('button', { name: '撤销这次导入' }).click();
  await batch.getByRole('button', { name: '确认撤销' }).click();
  await expectOnlyNationalBatch(page);
  await dashboard.open();
  await expect(page.getByRole('meter', { name: `${inclusive}：实际与目标` })).toHaveAttribute('aria-valuetext', '78.3%，目标 ≥ 80.0%');
  await page.reload();
  await expect(page.getByRole('meter', { name: `${inclusive}：实际与目标` })).toHaveAttribute('aria-valuetext', '78.3%，目标 ≥ 80.0%');
});

test('the viewer role sees no import, and the API refuses a write from it', async ({ app, dashboard, page }) => {
  await dashboard.open();
  await expect(page.getByLabel('演示角色')).toHaveValue('viewer');
  await expect(page.getByRole('link', { name: '导入数据' })).toHaveCount(0);
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/batches', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Demo-Role': 'viewer' },
      body: JSON.stringify({ fileName: 'x.csv', targetSet: 'ruzhou-2020', figures: [] }),
    });
    return { status: response.status, body: (await response.json()) as { error: { message: string } } };
  });
  expect(status.status).toBe(403);
  expect(status.body.error.message).toContain('Only analysts');
  await app.open('/import');
  await expect(page.getByText(/查看者角色只能浏览数据/)).toBeVisible();
});

test('a large file shows progress and can be cancelled with nothing changed', async ({ analyst, page }, testInfo) => {
  const lines = ['地区,年份,指标,数值'];
  const towns = ['寄料镇', '温泉镇', '临汝镇', '小屯镇', '杨楼镇'];
  for (let i = 0; i < 1_200_000; i += 1) lines.push(`${towns[i % 5]},${1950 + (i % 150)},${inclusive},${(i % 1000) / 10}%`);
  const path = testInfo.outputPath('big.csv');
  await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  await analyst.openImport();
  await analyst.chooseFile(path);
  await analyst.check();
  const progress = page.getByRole('progressbar', { name: '导入进度' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuetext', /已读取 [\d,]+ 行/);
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByText('已取消检查，没有修改任何数据。')).toBeVisible();
  await analyst.openData();
  await expectOnlyNationalBatch(page);
});

test('the current data exports as UTF-8 CSV with a BOM, Chinese intact and imported figures included', async ({ analyst, page }) => {
  await analyst.openImport();
  await analyst.chooseFile('city-2020-gbk.csv');
  await analyst.check();
  await analyst.confirm();
  await analyst.openData();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text).toContain('地区代码,地区,年份,指标代码,指标,数值,分子,分母');
  expect(text).toMatch(/410482,汝州市,2020,inclusive_kindergarten_coverage,普惠性幼儿园覆盖率,81\.2%,/);
});

test('a published bound with its source: "95%以上" and a 来源 column import as ≥ 95.0% with the source on the target page', async ({ analyst, app, page }) => {
  await analyst.openImport();
  const csv = '\ufeff地区,年份,指标,数值,来源\r\n汝州市,2020,残疾儿童少年义务教育入学率,95%以上,《2020年汝州市教育事业统计公报》\r\n';
  await analyst.chooseFile({ name: '特教公报.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
  await expect(page.getByLabel('“来源”列的含义')).toHaveValue('citation');
  await analyst.check();
  const preview = page.locator('.preview');
  await expect(preview.getByRole('row', { name: /汝州市/ }).first()).toContainText('≥ 95.0%');
  await expect(preview.getByRole('row', { name: /汝州市/ }).first()).toContainText('《2020年汝州市教育事业统计公报》');
  await analyst.confirm();

  await app.open('/targets/special-needs-2020', '?region=410482&year=2020');
  const table = page.getByRole('table', { name: /残疾儿童少年义务教育入学率（汝州市）历年数值/ });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const row = table.getByRole('row', { name: /^2020/ });
  await expect(row).toContainText('≥ 95.0%');
  await expect(row).toContainText('《2020年汝州市教育事业统计公报》');

  // The chart's tooltip at 2020 says the same: the bound and where it comes from.
  await page.locator('.trend-chart .recharts-line-dot').last().hover();
  const tooltip = page.locator('.recharts-tooltip-wrapper');
  await expect(tooltip).toContainText('≥ 95.0%');
  await expect(tooltip).toContainText('出处：《2020年汝州市教育事业统计公报》');
});

test('the data export reads back in whole: re-imported, every row is accepted, the national figures (with their sources) too', async ({ analyst, page }) => {
  await analyst.openImport();
  await analyst.openData();
  await expectOnlyNationalBatch(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const bytes = await readFile(await (await download).path());
  const text = bytes.toString('utf8');
  // The national figures are in it, each with its source, and no number has an exponent.
  expect(text).toMatch(/CN,全国,2020,preschool_gross_enrollment_rate,学前三年毛入园率,85\.2%,,,.*《2020年全国教育事业发展统计公报》/);
  expect(text).not.toMatch(/\de[+-]?\d/);

  await page.getByRole('link', { name: '导入数据' }).click();
  await analyst.chooseFile({ name: 'export.csv', mimeType: 'text/csv', buffer: bytes });
  await analyst.check();
  await expect(page.getByRole('button', { name: /^确认导入/ })).toBeEnabled({ timeout: 60_000 });
  await analyst.confirm();
  await analyst.openData();
  // Every row read back: none rejected (the comparison rows were refused before).
  await expect(page.getByRole('listitem', { name: 'export.csv' })).toContainText('拒绝 0 行');
});
