import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from './fixtures';
import { PDF_FONTS, radicalsAsIdeographs } from './support/pdf-fonts';

const TARGET_NAMES = [
  '学前三年毛入园率',
  '普惠性幼儿园覆盖率',
  '公办园在园幼儿占比',
  '高中56人以上大班额比例',
  '走班教学增配教师比例',
  '残疾儿童少年义务教育入学率',
  '中小学多媒体班班通覆盖率',
  '省级名师人数',
  '省级骨干教师人数',
  '汝州市级名师人数',
  '汝州市级骨干教师人数',
  '汝州职业技术学院全日制在校生',
];

test('a card opens its target: the trend shows the goal line and the deadline, and the verdict is a sentence', async ({ dashboard, page }) => {
  await dashboard.open('?year=2019');
  await dashboard.card('普惠性幼儿园覆盖率').getByRole('link', { name: '普惠性幼儿园覆盖率' }).click();
  await expect(page).toHaveURL(/\/targets\/inclusive-kindergarten-2020\?(.*&)?year=2019/);
  const chart = page.getByRole('figure', { name: /普惠性幼儿园覆盖率（汝州市）/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.recharts-reference-line line')).toHaveCount(2);
  await expect(chart.getByText('目标', { exact: true })).toBeVisible();
  await expect(chart.getByText('期限', { exact: true })).toBeVisible();
  await expect(page.getByText(/^按\d{4}年至2019年的实际年均进度（与状态所用方法相同），预计2020年为 \d+\.\d+%/)).toBeVisible();
  await expect(page.getByText(/^参考：按近4年数值的趋势线，预计2020年为 \d+\.\d+%（\d+\.\d+%–\d+\.\d+%），/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: '普惠性幼儿园覆盖率' })).toBeVisible();
});

test('the townships list is sorted worst first, with status in words', async ({ app, page }) => {
  await app.open('/targets/inclusive-kindergarten-2020', '?year=2019');
  const table = page.getByRole('table', { name: '各乡镇情况' });
  const townships = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(townships).toHaveCount(21);
  // A row's only status words are its status (the other cells hold numbers, the goal and what it takes).
  const statuses = await townships.allTextContents();
  expect(statuses).toHaveLength(21);
  const rank = (s: string) => ['未达成', '进度滞后', '有风险', '进度无法判断', '暂无数据', '进展顺利', '已达成'].findIndex((w) => s.includes(w));
  const ranks = statuses.map(rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(ranks.every((r) => r >= 0)).toBe(true);
});

test('the scorecard opens a township’s target', async ({ app, page }) => {
  await app.open('/scorecard');
  const row = page.getByRole('row', { name: /^温泉镇/ });
  await row.getByRole('link').nth(2).click();
  await expect(page).toHaveURL(/\/targets\/public-kindergarten-2020\?.*region=410482102/);
  await expect(page.getByText('温泉镇 · 截至2020年')).toBeVisible();
  await expect(page.getByLabel('地区')).toHaveValue('410482102');
});

test('the scorecard is usable by keyboard: a cell link takes focus and opens with Enter', async ({ app, page }) => {
  await app.open('/scorecard');
  const link = page.getByRole('row', { name: /^寄料镇/ }).getByRole('link').first();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/targets\/preschool-ger-2020\?.*region=410482101/);
});

test('the report printed to PDF by Chromium holds every target’s name, one target per page @pdf-font', async ({ app, page }, testInfo) => {
  await app.open('/report');
  for (const name of TARGET_NAMES) await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const path = testInfo.outputPath('report.pdf');
  await page.pdf({ path, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  const pdf = await getDocument({ data: new Uint8Array(await readFile(path)), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i += 1) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  const font = PDF_FONTS.find((f) => f.name === testInfo.project.metadata.font);
  if (font?.radicals) for (let i = 0; i < pages.length; i += 1) pages[i] = radicalsAsIdeographs(pages[i]!);
  const text = pages.join('\n');
  for (const name of TARGET_NAMES) expect(text).toContain(name);
  expect(pages.some((p) => p.trim() === '')).toBe(false);
  // Each target starts a page: its name is at the top of some page.
  for (const name of TARGET_NAMES) expect(pages.some((p) => p.trimStart().startsWith(name))).toBe(true);
});

test('a table’s CSV export opens with Chinese intact', async ({ app, page }) => {
  await app.open('/targets/preschool-ger-2020');
  const download = page.waitForEvent('download');
  await page.getByRole('table', { name: /历年数值/ }).locator('..').locator('..').getByRole('button', { name: '导出 CSV' }).click();
  const bytes = await readFile(await (await download).path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text).toContain('年份,实际值,分子,分母,来源,全国');
  expect(text).toContain('由乡镇汇总');
});

test('exports neutralise formula cells: an import named like a formula is exported as text', async ({ analyst, page }) => {
  await analyst.openImport();
  await analyst.chooseFile({
    name: '=HYPERLINK("http://x")汝州.csv',
    mimeType: 'text/csv',
    buffer: await readFile('e2e/data/city-2020-gbk.csv'),
  });
  await analyst.check();
  await analyst.confirm();
  await analyst.openData();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const text = (await readFile(await (await download).path())).toString('utf8');
  expect(text).toContain(`"'=HYPERLINK(""http://x"")汝州.csv"`);
  expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
});

test('a chart can be saved as a PNG image', async ({ app, page }) => {
  await app.open('/targets/preschool-ger-2020');
  await expect(page.getByRole('figure', { name: /学前三年毛入园率（汝州市）/ }).locator('.recharts-line path').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '保存图表为 PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('preschool-ger-2020-410482.png');
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(5000);
});
