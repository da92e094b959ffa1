import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { parseCsv } from './support/csv';

/**
 * Exports that stand on their own (demo mode): every CSV says its status in words, its values with
 * units, its region, as-of year and source — 模拟演示数据 for synthetic figures; the chart PNG carries
 * the title, region, year, source and the demo label drawn into the image.
 */

const STATUS_WORDS = ['已达成', '未达成', '进展顺利', '有风险', '进度滞后', '进度无法判断', '暂无数据', '不适用'];

/** A CSV file's bytes and rows (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
async function csvRows(download: Download): Promise<{ bytes: Buffer; rows: string[][] }> {
  const bytes = await readFile(await download.path());
  return { bytes, rows: parseCsv(bytes.toString('utf8').replace(/^\ufeff/, '')) };
}


async function openTarget(page: Page, search: string) {
  await page.goto(`/targets/inclusive-kindergarten-2020?set=ruzhou-2020${search}`);
  await expect(page.getByRole('table', { name: '各乡镇情况' })).toBeVisible({ timeout: 30_000 });
}

test('the township CSV says each status in words, each value with its unit, and its region, year and source', async ({ page }) => {
  await openTarget(page, '&year=2020');
  const table = page.getByRole('table', { name: '各乡镇情况' });
  const download = page.waitForEvent('download');
  await table.locator('xpath=ancestor::div[contains(@class, "data-table")]').getByRole('button', { name: '导出 CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('inclusive-kindergarten-2020-townships-2020.csv');
  const { bytes, rows } = await csvRows(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...body] = rows;
  expect(header).toEqual(['乡镇', '数值', '目标', '状态', '对全市的贡献', '需要', '地区', '截至年份', '数据来源']);
  expect(body).toHaveLength(21);
  const column = (name: string) => header!.indexOf(name);
  // 状态 holds words, never the table's sort rank.
  for (const row of body) expect(STATUS_WORDS).toContain(row[column('状态')]);
  expect(body.some((row) => /^\d+$/.test(row[column('状态')]!))).toBe(false);
  // Values as shown, with the unit: "77.8%", not 77.84172661870502.
  for (const row of body) expect(row[column('数值')]).toMatch(/^(—|[<>≥≤]?\s?\d+(\.\d+)?%)$/);
  expect(body.some((row) => /\d\.\d{4,}/.test(row.join(',')))).toBe(false);
  for (const row of body) {
    expect(row[column('地区')]).toBe('汝州市');
    expect(row[column('截至年份')]).toBe('2020');
  }
  // Synthetic figures say so in the file itself.
  expect(body.filter((row) => row[column('数值')] !== '—').every((row) => row[column('数据来源')] === '模拟演示数据')).toBe(true);
  // And the rows are the table's rows in the order shown, worst first.
  const shown = await table.locator('tbody tr th').allTextContents();
  expect(body.map((row) => row[0])).toEqual(shown);
});

test('the chart PNG is the chart with its title, region, year, source and the demo label drawn in', async ({ page }) => {
  await openTarget(page, '&year=2020');
  const chart = page.getByRole('figure', { name: /普惠性幼儿园覆盖率（汝州市）/ });
  await expect(chart.locator('.recharts-line path').first()).toBeVisible();
  // The chart is the figure's largest SVG (legend icons are small SVGs of their own).
  const box = await chart.evaluate((figure) =>
    Array.from(figure.querySelectorAll('svg')).map((svg) => svg.getBoundingClientRect()).sort((a, b) => b.width * b.height - a.width * a.height)[0]!.toJSON() as { width: number; height: number },
  );
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '保存图表为 PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('inclusive-kindergarten-2020-410482.png');
  const png = await readFile(await file.path());
  if (process.env.EXPORTS_PNG_COPY) await writeFile(process.env.EXPORTS_PNG_COPY, png);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, at bytes 16 and 20. Twice the chart's width; taller than the chart by the caption.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(Math.abs(width - Math.round(box.width * 2))).toBeLessThanOrEqual(2);
  expect(height).toBeGreaterThan(Math.round(box.height * 2) + 2 * 80);
  // Decoded in the browser: the demo band across the top is drawn in its colour, and the image holds ink below it.
  const pixels = await page.evaluate(async (base64) => {
    const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const at = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data];
    // Share of non-white pixels in the footer (the source line).
    const foot = context.getImageData(0, image.height - 40, image.width, 40).data;
    let ink = 0;
    for (let i = 0; i < foot.length; i += 4) if (foot[i]! < 200) ink += 1;
    return { corner: at(4, 4), right: at(image.width - 4, 4), footInk: ink };
  }, png.toString('base64'));
  expect(pixels.corner).toEqual([0x9a, 0x34, 0x12, 255]);
  expect(pixels.right).toEqual([0x9a, 0x34, 0x12, 255]);
  expect(pixels.footInk).toBeGreaterThan(100);
});

test('the data page’s CSV labels synthetic figures 模拟演示数据 and says what the file is', async ({ analyst, page }) => {
  await page.goto('/?set=ruzhou-2020');
  await analyst.becomeAnalyst();
  await analyst.openData();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const { rows } = await csvRows(await download);
  expect(rows[0]![0]).toMatch(/全部数据（[\d,]+ 条，含模拟演示数据 [\d,]+ 条）· 导出于 \d{4}-\d{2}-\d{2}$/);
  const header = rows[1]!;
  expect(header).toEqual(['地区代码', '地区', '年份', '指标代码', '指标', '数值', '分子', '分母', '显示值', '来源', '数据类型', '说明']);
  const demo = rows.slice(2).filter((row) => row[header.indexOf('数据类型')] === '模拟演示数据');
  expect(demo.length).toBeGreaterThan(100);
  for (const row of demo) expect(row[header.indexOf('来源')]).toBe('模拟演示数据');
  // Shown values carry units.
  expect(demo.every((row) => /(%|人|所|个班|间)$/.test(row[header.indexOf('显示值')]!) || row[header.indexOf('显示值')] === '')).toBe(true);
});
