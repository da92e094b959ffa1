import type { Page } from '@playwright/test';
import { buildXlsx } from '../test/domain/import/xlsx-fixture';
import { expect, TARGET_SET, test } from './fixtures';

/**
 * Issue 10's "done means" in a real browser: a Chinese workbook changes the gauges, a class roster of
 * one township leaves the city to its townships' roll-up, and a figure that jumps from its own series
 * is flagged in the preview with its old and new values before anything is saved.
 */

const CITY = '汝州市';
const inclusive = '普惠性幼儿园覆盖率';
const ger = '学前三年毛入园率';
const largeClass = '高中56人以上大班额比例';
const gauge = (page: Page, metric: string) => page.getByRole('meter', { name: `${metric}：实际与目标` });

type Observation = { metric: string; region: string; year: number; value?: number; numerator?: number; denominator?: number; source: string };
type Region = { id: string; name: { zh: string }; kind: string; parent?: string };

/** The figures in force for one metric, as the app's own API gives them to the page (the demo answers in the browser). */
async function figures(page: Page, metric: string): Promise<Observation[]> {
  return page.evaluate(async ([set, id]) => {
    const response = await fetch(`/api/actuals?set=${set}&metric=${id}`, { headers: { Accept: 'application/json' } });
    return ((await response.json()) as { observations: Observation[] }).observations;
  }, [TARGET_SET, metric] as const);
}

async function regions(page: Page): Promise<Region[]> {
  return page.evaluate(async (set) => {
    const response = await fetch(`/api/target-sets/${set}/regions`, { headers: { Accept: 'application/json' } });
    return ((await response.json()) as { regions: Region[] }).regions;
  }, TARGET_SET);
}

/** The city's townships and subdistricts (under it at any depth), the parts its figure rolls up from. */
async function townships(page: Page): Promise<Region[]> {
  const all = await regions(page);
  const byId = new Map(all.map((r) => [r.id, r]));
  const city = all.find((r) => r.name.zh === CITY)!;
  const within = (r: Region | undefined): boolean => r !== undefined && (r.parent === city.id || within(byId.get(r.parent ?? '')));
  return all.filter((r) => ['subdistrict', 'town', 'township'].includes(r.kind) && within(r));
}

async function batchCount(page: Page): Promise<number> {
  return page.evaluate(async () => ((await (await fetch('/api/batches', { headers: { Accept: 'application/json' } })).json()) as { batches: unknown[] }).batches.length);
}

/** A percentage as the dashboard writes it: one decimal. */
const pct = (value: number) => `${value.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
/** A number as import messages write it (`formatNumber(…, 6)` of a value rounded to 4 decimals). */
// A share as every page writes it (one decimal), and a change of it in points, signed.
const percent = (value: number) => `${value.toFixed(1)}%`;
const points = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)} 个百分点`;
/** One of the preview's figure lists (additions, replacements) by its summary. */
const section = (page: Page, summary: RegExp) => page.locator('.preview details').filter({ has: page.locator('summary', { hasText: summary }) });
/** The preview's message on an Excel row (its 行 cell, the second; 0 for a message without a row) whose text contains `text`. */
const message = (page: Page, row: number, text: string) =>
  page
    .getByRole('table', { name: /检查结果/ })
    .getByRole('row')
    .filter({ has: page.locator('td:nth-child(2)', { hasText: row ? new RegExp(`^${row}(\\D|$)`) : /^$/ }) })
    .filter({ hasText: text });
/** A share's value in percent: its own, else numerator ÷ denominator. */
const shareOf = (o: Observation) => (o.value !== undefined ? o.value : (o.numerator! / o.denominator!) * 100);

test('an analyst imports an .xlsx workbook with Chinese headers, a title row and a percent-formatted cell, and the gauges change', async ({ analyst, dashboard, page }) => {
  await dashboard.open();
  await expect(gauge(page, inclusive)).toHaveAttribute('aria-valuetext', '78.3%，目标 ≥ 80.0%');
  await expect(gauge(page, ger)).toHaveAttribute('aria-valuetext', '85.7%，目标 ≥ 85.0%');
  await dashboard.expectStatus(inclusive, /未达成/);
  await dashboard.expectStatus(ger, /已达成/);

  // As an analyst's Excel saves it: a notes sheet first, then the data under a merged title row.
  // The coverage cell holds 0.866 formatted as a percentage (built-in format 10, "0.00%"); the
  // enrolment rate is a plain number in percent, as the header's metric is.
  const workbook = buildXlsx([
    { name: '填表说明', rows: { 1: ['本表为汝州市2020年学前教育主要指标，数据见“2020年汇总”。'] } },
    {
      name: '2020年汇总',
      rows: {
        1: ['汝州市2020年学前教育主要指标'],
        2: ['乡镇', '年份', '指标', '数值'],
        3: [CITY, { n: 2020 }, inclusive, { n: 0.866, s: 1 }],
        4: [CITY, { n: 2020 }, ger, { n: 84 }],
      },
      merges: ['A1:D1'],
    },
  ]);

  await analyst.openImport();
  await analyst.chooseFile({ name: '汝州市2020年学前教育.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbook) });
  const sheet = page.getByLabel('工作表');
  await expect(sheet).toHaveValue('填表说明');
  await sheet.selectOption('2020年汇总');
  await expect(page.getByRole('table', { name: /文件前几行/ })).toContainText('汝州市2020年学前教育主要指标');
  await analyst.check();

  const preview = page.locator('.preview');
  await expect(preview.getByText(/用时 .* 秒 · Excel 工作簿（\.xlsx）/)).toBeVisible();
  const additions = section(page, /将新增的数值（2 条）/);
  await additions.locator('summary').click();
  // Read as stored: the percent-formatted 0.866 is 86.6%, the plain 84 is 84%; each on its Excel row.
  await expect(additions.getByRole('row', { name: new RegExp(`${CITY} ${inclusive} 2020`) })).toContainText('86.6%');
  await expect(additions.getByRole('row', { name: new RegExp(`${CITY} ${ger} 2020`) })).toContainText('84.0%');
  // The city's own figure differs from its townships' roll-up: the preview says the dashboard shows the city's.
  await expect(message(page, 3, `${inclusive} 2020年：全市自报数值`)).toContainText('仪表盘显示全市自报数值');
  await analyst.confirm();

  await page.getByRole('button', { name: '查看仪表板' }).click();
  await expect(gauge(page, inclusive)).toHaveAttribute('aria-valuetext', '86.6%，目标 ≥ 80.0%');
  await expect(gauge(page, ger)).toHaveAttribute('aria-valuetext', '84.0%，目标 ≥ 85.0%');
  await dashboard.expectStatus(inclusive, /已达成/);
  await dashboard.expectStatus(ger, /未达成/);
  await page.reload();
  await expect(gauge(page, inclusive)).toHaveAttribute('aria-valuetext', '86.6%，目标 ≥ 80.0%');

  // The batch records that it came from a workbook.
  await analyst.becomeAnalyst();
  await analyst.openData();
  await expect(page.getByRole('listitem', { name: '汝州市2020年学前教育.xlsx' })).toContainText('Excel 工作簿（.xlsx）');
});

test("a class roster from the app's own template for one township leaves the city's figure the roll-up of its townships", async ({ analyst, dashboard, page }) => {
  await analyst.openImport();
  const parts = await townships(page);
  const before = (await figures(page, 'highschool_large_class_share')).filter((o) => o.year === 2020);
  const byRegion = new Map(before.map((o) => [o.region, o]));
  const sum = (pick: (o: Observation) => number) => parts.reduce((total, r) => total + pick(byRegion.get(r.id)!), 0);
  expect(parts.every((r) => byRegion.get(r.id)?.denominator !== undefined)).toBe(true);

  // The roster template as the import page offers it, example rows and all.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '班级名单（中文表头）' }).click();
  const template = (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]).toString('utf8'));
  const lines = (await template).replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('学校,乡镇,年份,班级,学生数,备注');
  const township = lines[1]!.split(',')[1]!;
  const region = parts.find((r) => r.name.zh === township)!;
  expect(region).toBeDefined();
  // Three high-school classes of that township filled in below the examples (which stay, marked 示例):
  // two of 56 or more students, one class name written with full-width brackets.
  const school = `${township}高级中学`;
  const roster = [...lines, `${school},${township},2020,高一(2)班,60,`, `${school},${township},2020,高二（1）班,58,`, `${school},${township},2020,高三(1)班,45,`];
  await analyst.chooseFile({ name: '班级名单.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${roster.join('\r\n')}\r\n`, 'utf8') });
  await expect(page.getByLabel('表格类型')).toHaveValue('roster');
  await analyst.check();

  // The preview says the city stays the roll-up, and writes a figure for the township only.
  await expect(message(page, 0, `${largeClass} 2020年：班级名单只覆盖 ${CITY} 的 1 个乡镇（共 ${parts.length} 个）`)).toContainText(
    `所以只写入这些乡镇的数值，${CITY} 的数值仍由各乡镇汇总`,
  );
  await expect(message(page, 0, '已按班级名单汇总：3 个班，其中 56 人及以上 2 个，涉及 1 个乡镇。')).toHaveCount(1);
  for (const row of [2, 3, 4]) await expect(message(page, row, '模板的示例行')).toHaveCount(1);
  const replacements = section(page, /将替换的数值（1 条，旧值 → 新值）/);
  const old = byRegion.get(region.id)!;
  await expect(replacements.getByRole('row', { name: new RegExp(`^${township} ${largeClass} 2020`) })).toContainText(
    `${pct(shareOf(old))} (${old.numerator} / ${old.denominator})66.7% (2 / 3)`,
  );
  await expect(page.locator('.preview').getByRole('row', { name: new RegExp(`^${CITY} `) })).toHaveCount(0);
  await analyst.confirm();

  // The city is still the roll-up of its townships — with the township's new counts in it — never 66.7%.
  const rollup = ((sum((o) => o.numerator!) - old.numerator! + 2) / (sum((o) => o.denominator!) - old.denominator! + 3)) * 100;
  await page.getByRole('button', { name: '查看仪表板' }).click();
  await expect(gauge(page, largeClass)).toHaveAttribute('aria-valuetext', `${pct(rollup)}，目标 ≤ 10.0%`);
  const after = (await figures(page, 'highschool_large_class_share')).filter((o) => o.year === 2020);
  expect(after.filter((o) => o.source === 'import')).toEqual([expect.objectContaining({ region: region.id, numerator: 2, denominator: 3 })]);
  await dashboard.chooseRegion(township);
  await expect(gauge(page, largeClass)).toHaveAttribute('aria-valuetext', '66.7%，目标 ≤ 10.0%');
});

test('a figure that jumps far from its own series is flagged in the preview with old and new values, and nothing changes until confirmed', async ({ analyst, dashboard, page }) => {
  await analyst.openImport();
  // The demo starts with one batch, the published national figures (reference-national.json).
  const batchesBefore = await batchCount(page);
  const byKey = async () => new Map((await figures(page, 'inclusive_kindergarten_coverage')).map((o) => [`${o.region}|${o.year}`, o]));
  const stored = await byKey();
  const parts = await townships(page);
  const [shareTown, seriesTown] = [parts.find((r) => r.name.zh === '寄料镇')!, parts.find((r) => r.name.zh === '温泉镇')!];
  const previous = (r: Region) => shareOf(stored.get(`${r.id}|2019`)!);
  // 寄料镇 to 99.0%: a share moving more than 15 points in a year. 温泉镇 up 10 points: under 15, but far
  // beyond its series' usual yearly change (about 3 points, with little spread).
  const jumped = previous(seriesTown) + 10;
  const csv = `\ufeff地区,年份,指标,数值\r\n${shareTown.name.zh},2020,${inclusive},99.0%\r\n${seriesTown.name.zh},2020,${inclusive},${jumped.toFixed(1)}%\r\n`;
  await analyst.chooseFile({ name: '普惠覆盖率更正.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await analyst.check();

  const oldShare = previous(shareTown);
  const shareWarning = message(page, 2, `${inclusive} · ${shareTown.name.zh}：2020年 99.0%，2019年 ${percent(oldShare)}，一年变化 ${points(99 - oldShare)}，超过 15.0 个百分点。请核对。`);
  await expect(shareWarning).toHaveCount(1);
  await expect(shareWarning.getByRole('cell').first()).toHaveText('警告');
  const newSeries = Number(jumped.toFixed(1));
  const seriesWarning = message(
    page,
    3,
    `${inclusive} · ${seriesTown.name.zh}：2020年 ${percent(newSeries)}，2019年 ${percent(previous(seriesTown))}，变化 ${points(newSeries - previous(seriesTown))}，与这一序列通常的年变化相差甚远`,
  );
  await expect(seriesWarning).toHaveCount(1);
  await expect(seriesWarning.getByRole('cell').first()).toHaveText('警告');
  await expect(page.getByText(/^以上内容尚未保存/)).toBeVisible();

  // Before confirming nothing is saved: no batch, the stored figures as they were.
  expect(await batchCount(page)).toBe(batchesBefore);
  expect([...(await byKey()).values()]).toEqual([...stored.values()]);

  await analyst.confirm();
  expect(await batchCount(page)).toBe(batchesBefore + 1);
  const now = await byKey();
  expect(now.get(`${shareTown.id}|2020`)).toMatchObject({ value: 99, source: 'import' });
  await dashboard.open();
  await dashboard.chooseRegion(shareTown.name.zh);
  await expect(gauge(page, inclusive)).toHaveAttribute('aria-valuetext', '99.0%，目标 ≥ 80.0%');
});
