import { expect, test } from './fixtures';

/** What the default demo data implies for 汝州市 as of 2020. */
const CITY_2020: [string, string][] = [
  ['学前三年毛入园率', '已达成'],
  ['普惠性幼儿园覆盖率', '未达成'],
  ['公办园在园幼儿占比', '未达成'],
  ['高中56人以上大班额比例', '已达成'],
  ['走班教学增配教师比例', '暂无数据'],
  ['残疾儿童少年义务教育入学率', '未达成'],
  ['中小学多媒体班班通覆盖率', '已达成'],
  ['省级名师人数', '进展顺利'],
  ['省级骨干教师人数', '有风险'],
  ['汝州市级名师人数', '进度滞后'],
  ['汝州市级骨干教师人数', '进展顺利'],
  ['汝州职业技术学院全日制在校生', '暂无数据'],
];

test('the dashboard shows every target of the Ruzhou file with the status the demo data implies', async ({ dashboard, page }) => {
  await dashboard.open();
  await expect(dashboard.cards()).toHaveCount(12);
  for (const [name, status] of CITY_2020) {
    await dashboard.expectStatus(name, status);
  }
  await expect(page.getByRole('meter', { name: '学前三年毛入园率：实际与目标' })).toHaveAttribute('aria-valuetext', '85.7%，目标 ≥ 85.0%');
  await expect(page.getByRole('note')).toContainText('模拟演示数据');
});

test('switching to a township re-evaluates the targets for it and keeps it in the URL', async ({ dashboard, page }) => {
  await dashboard.open();
  await dashboard.chooseRegion('寄料镇');
  await expect(page.getByText(/寄料镇 · 截至2020年 · 共 7 项目标/)).toBeVisible();
  await expect(page).toHaveURL(/region=410482101/);
  await page.goBack();
  await expect(page.getByText(/汝州市 · 截至2020年 · 共 12 项目标/)).toBeVisible();
});

test('opening a link with a township and year reproduces the view', async ({ dashboard, page }) => {
  await dashboard.open('?region=410482102&year=2019');
  await expect(page.getByLabel('地区')).toHaveValue('410482102');
  await expect(page.getByText(/温泉镇 · 截至2019年/)).toBeVisible();
});

test('switching language to English and back', async ({ dashboard, page }) => {
  await dashboard.open();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { name: 'Targets at a glance' })).toBeVisible();
  await dashboard.expectStatus('Preschool gross enrollment rate (3 years)', /Achieved/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Targets at a glance' })).toBeVisible();
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.getByRole('heading', { name: '目标完成概况' })).toBeVisible();
});

test('an API failure shows an error with a retry that recovers', async ({ app, page }) => {
  await app.open('/', '?mock-fault=actuals:500:2');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('HTTP 500');
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('article')).toHaveCount(12);
});

test('a network failure says the service cannot be reached', async ({ app, page }) => {
  await app.open('/', '?mock-fault=target-sets:network');
  await expect(page.getByRole('alert')).toContainText('无法连接到数据服务');
  await expect(page.getByRole('alert').getByRole('button', { name: '重试' })).toBeVisible();
});

test('why this status is shown on demand and names the method', async ({ dashboard }) => {
  await dashboard.open('?year=2019');
  const card = dashboard.card('普惠性幼儿园覆盖率');
  await card.getByText('为何是此状态').click();
  await expect(card.getByText(/实际 ÷ 所需 = /)).toBeVisible();
});

test('a phone-width screen shows the cards in one readable column', async ({ dashboard, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await dashboard.open();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(dashboard.cards().first()).toBeVisible();
});

test('everything is reachable by keyboard: the first tab reaches the skip link', async ({ dashboard, page }) => {
  await dashboard.open();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
});
