import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from './fixtures';
import { parseCsv } from './support/csv';

/**
 * Issue 12, item 3: a scorecard officials can take away — its CSV (the rows and values shown, the
 * region, year, source and demo label) and its print (A4 landscape, one page per 25 rows, each page
 * naming the region, year, source and demo label, nothing past the side margins).
 */

const CAPTION = '2020年各乡镇目标计分卡';
const ROWS_PER_PAGE = 25;
/** A4 landscape in PDF points (297 × 210 mm; Chromium rounds to whole CSS pixels), and the side margin (styles.css `@page`: 12 mm). */
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const SIDE_MARGIN = (12 * 72) / 25.4;


test('the scorecard exports a CSV of the rows shown, with each value, status and summary, the region, year and demo source', async ({ app, page }) => {
  await app.open('/scorecard', '?by=_summary');
  const scorecard = page.getByRole('table', { name: CAPTION });
  await expect(scorecard).toBeVisible({ timeout: 30_000 });
  const names = await scorecard.getByRole('rowheader').allTextContents();
  const summaries = await scorecard.locator('.score-summary__met').allTextContents();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('scorecard-ruzhou-2020-2020.csv');
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
  expect(header!.slice(0, 4)).toEqual(['乡镇', '达成情况', '最差状态', '学前三年毛入园率 · 目标 ≥ 85.0% · 单位：%']);
  expect(header!.slice(-3)).toEqual(['地区', '截至年份', '数据来源']);
  expect(rows.map((r) => r[0])).toEqual(names);
  expect(rows.map((r) => r[1])).toEqual(summaries);
  for (const row of rows) expect(row.slice(-3)).toEqual(['汝州市', '2020', '模拟演示数据']);
  // A value as its cell shows it.
  const cell = page.getByRole('row', { name: /^寄料镇/ }).getByRole('link', { name: /^寄料镇 · 学前三年毛入园率：/ });
  expect(rows.find((r) => r[0] === '寄料镇')![3]).toBe(await cell.locator('.score__value').textContent());
});

for (const search of ['', '?status=missed']) {
  test(`the scorecard${search ? ' filtered by a status tile' : ''} prints on A4 landscape, one page per 25 rows, each page with the region, year, source and demo label`, async ({ app, page }, testInfo) => {
    await app.open('/scorecard', search);
    const scorecard = page.getByRole('table', { name: CAPTION });
    await expect(scorecard).toBeVisible({ timeout: 30_000 });
    const rowCount = Number(await scorecard.getAttribute('aria-rowcount')) - 1;
    const names = await scorecard.getByRole('rowheader').allTextContents();
    expect(names).toHaveLength(rowCount);
    await page.emulateMedia({ media: 'print' });
    const sheets = page.locator('.sheet');
    await expect(sheets).toHaveCount(Math.ceil(rowCount / ROWS_PER_PAGE));
    await page.evaluate(() => document.fonts.ready);
    // Laid out for print, no sheet is wider than the page's content box.
    const overflow = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      return Array.from(document.querySelectorAll<HTMLElement>('.sheet, .sheet *')).filter((el) => el.getBoundingClientRect().right > limit + 1 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible').length;
    });
    expect(overflow).toBe(0);

    const path = testInfo.outputPath(`scorecard${search ? '-missed' : ''}.pdf`);
    // No `landscape`: the page's own `@page { size: A4 landscape }` decides.
    await page.pdf({ path, format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pdf = await getDocument({ data: new Uint8Array(await readFile(path)), isEvalSupported: false, verbosity: 0 }).promise;
    expect(pdf.numPages).toBe(Math.ceil(rowCount / ROWS_PER_PAGE));
    let text = '';
    for (let i = 1; i <= pdf.numPages; i++) {
      const pdfPage = await pdf.getPage(i);
      const [, , width, height] = pdfPage.view as [number, number, number, number];
      expect(Math.abs(width - A4_LANDSCAPE.width), `page ${i} width ${width}`).toBeLessThan(2);
      expect(Math.abs(height - A4_LANDSCAPE.height), `page ${i} height ${height}`).toBeLessThan(2);
      const items = (await pdfPage.getTextContent()).items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item] : []));
      // The PDF's text layer drops spaces: compared without them.
      const pageText = items.map((item) => item.str).join('').normalize('NFC').replace(/\s+/g, '');
      expect(pageText, `page ${i}`).toContain('汝州市·截至2020年');
      expect(pageText, `page ${i}`).toContain('数据来源：模拟演示数据');
      expect(pageText, `page ${i}`).toContain('本表数字为模拟演示数据，并非统计数字。');
      expect(pageText.match(/[\u2e80-\u2fdf]/gu) ?? [], `page ${i}: real characters, not Kangxi radicals`).toEqual([]);
      const outside = items.filter((item) => (item.transform[4] as number) < SIDE_MARGIN - 1 || (item.transform[4] as number) + item.width > width - SIDE_MARGIN + 1);
      expect(outside.map((item) => item.str), `page ${i}`).toEqual([]);
      text += pageText;
    }
    // Every row on paper, every target column's name, no sort arrows (↕, or ▼ after the summary's heading),
    // and the change since last year as an arrow after a cell's value.
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain('学前三年毛入园率');
    expect(text).not.toMatch(/↕|达成情况\s*[▲▼]/u);
    expect(text).toMatch(/\d%[▲▼]/u);
  });
}

test('the scorecard with a status tile chosen passes axe (WCAG 2.1 AA): the pressed tile, the faded cells, the summary column', async ({ app, page }) => {
  await app.open('/scorecard', '?status=missed&by=_summary');
  await expect(page.getByRole('table', { name: CAPTION })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^\d+ 未达成\s*（只看此状态）$/ })).toHaveAttribute('aria-pressed', 'true');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
});
