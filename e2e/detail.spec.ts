import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from './fixtures';

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

/** A4 in millimetres and the report's page margins (styles.css, `@page`): what fits between them is the content box. */
const A4 = { short: 210, long: 297 };
const MARGIN = { top: 16, side: 12, bottom: 14 };
const PT_PER_MM = 72 / 25.4;
const PX_PER_MM = 96 / 25.4;

type PdfPage = { text: string; body: string; width: number; items: { str: string; x: number; right: number }[] };

async function readPdf(path: string): Promise<PdfPage[]> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(path)), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= pdf.numPages; i += 1) {
    const page = await pdf.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    const items = (await page.getTextContent()).items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item] : []));
    // The body: what lies between the top and bottom margins, where the margin boxes (title, notice, page number) are not.
    const inBody = (y: number) => y < height - MARGIN.top * PT_PER_MM && y > MARGIN.bottom * PT_PER_MM;
    pages.push({
      // Nothing but NFC: the text layer must hold the characters themselves.
      text: items.map((item) => item.str).join('').normalize('NFC'),
      body: items.filter((item) => inBody(item.transform[5] as number)).map((item) => item.str).join('').normalize('NFC'),
      width,
      items: items.map((item) => ({ str: item.str, x: item.transform[4] as number, right: (item.transform[4] as number) + item.width })),
    });
  }
  return pages;
}

for (const landscape of [false, true]) {
  const orientation = landscape ? 'landscape' : 'portrait';
  test(`the report printed to PDF on A4 ${orientation}: every target’s name in the text, numbered pages marked as demo data, nothing clipped @pdf-font`, async ({ app, page }, testInfo) => {
    // The content box of the printed page, in CSS pixels: print layout is this wide.
    const [pageWidth, pageHeight] = landscape ? [A4.long, A4.short] : [A4.short, A4.long];
    const content = { width: (pageWidth - 2 * MARGIN.side) * PX_PER_MM, height: (pageHeight - MARGIN.top - MARGIN.bottom) * PX_PER_MM };
    await page.setViewportSize({ width: Math.floor(content.width), height: Math.floor(content.height) });
    await app.open('/report');
    await expect(page.getByRole('region', { name: TARGET_NAMES[0], exact: true })).toBeVisible({ timeout: 30_000 });
    for (const name of TARGET_NAMES) await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await page.emulateMedia({ media: 'print' });

    // Laid out for print at the page's width, no element reaches the content box's edges (a border drawn on the
    // edge is shaved off on paper) or past them, and none hides an overflow.
    const overflowing = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth - 1;
      return Array.from(document.querySelectorAll<HTMLElement>('.report *')).flatMap((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) return [];
        const clips = element instanceof HTMLElement && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible';
        return box.right > limit || box.left < 1 || clips ? [`${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""} ${Math.round(box.left)}–${Math.round(box.right)}${clips ? ' (clips)' : ''}`] : [];
      });
    });
    expect(overflowing).toEqual([]);
    // No controls on paper: the only buttons left are the sortable headers, printed as their text.
    await expect(page.locator('.report').locator('button:visible, select:visible, input:visible').filter({ hasNot: page.locator('xpath=self::*[contains(@class, "sort-button")]') })).toHaveCount(0);

    const path = testInfo.outputPath(`report-${orientation}.pdf`);
    await page.pdf({ path, format: 'A4', landscape, preferCSSPageSize: true, printBackground: true });
    const pages = await readPdf(path);
    const text = pages.map((p) => p.text).join('\n');
    for (const name of TARGET_NAMES) expect(text).toContain(name);
    // With Noto Sans CJK as the system font, Chromium would write 目 as ⽬ (U+2F6C): the report's own font must prevent it.
    expect(text.match(/[\u2e80-\u2fdf]/gu) ?? []).toEqual([]);
    // Each target starts a page: its name is the first thing in some page's body.
    for (const name of TARGET_NAMES) expect(pages.some((p) => p.body.startsWith(name)), name).toBe(true);
    const compact = (s: string) => s.replace(/\s+/g, '');
    pages.forEach((p, i) => {
      expect(compact(p.text), `page ${i + 1}`).toContain(`第${i + 1}页，共${pages.length}页`);
      expect(p.text, `page ${i + 1}`).toContain('模拟演示数据，并非统计数字');
      expect(p.body.trim(), `page ${i + 1}`).not.toBe('');
      // Every piece of text within the side margins, the margin boxes' too.
      const outside = p.items.filter((item) => item.x < MARGIN.side * PT_PER_MM - 1 || item.right > p.width - MARGIN.side * PT_PER_MM + 1);
      expect(outside.map((item) => `${item.str} ${item.x.toFixed(0)}–${item.right.toFixed(0)}`), `page ${i + 1}`).toEqual([]);
    });
    // Sort arrows are controls, not content.
    // No sort arrows (↕, or ▲/▼ after a table heading); ▲/▼ after a figure is the change since last year.
    expect(text).not.toMatch(/↕|(年份|实际值|分子|分母|来源|全国)\s*[▲▼]/u);
    // A target without figures says so, instead of an empty table.
    const noData = pages.find((p) => p.body.startsWith('汝州职业技术学院全日制在校生'))!;
    expect(noData.body).toContain('截至2020年，汝州市没有这项指标的数据。');
    expect(noData.body).not.toContain('历年数值');
  });
}

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
