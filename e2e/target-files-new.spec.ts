import { expect, test } from './fixtures';

/**
 * Issue 11, "Done means": a new target file uploaded in the running app (no rebuild) gets its own
 * dashboard, with no simulated figure — a set without `demo: true` starts empty and says how to import.
 * The plan is the spec's own: a county (郏县) with two towns, one metric, one target.
 */
const SET_ID = 'jiaxian-e2e';
const TITLE = '郏县2022年学前教育目标（测试）';
const yaml = `id: ${SET_ID}
title:
  zh: ${TITLE}
  en: Jiaxian 2022 preschool targets (test)
jurisdiction: "410425"
source:
  title: 郏县2022年教育工作要点（测试用）
  publisher: 郏县教育体育局
  date: 2022-03-01
categories:
  - id: preschool
    name: { zh: 学前教育, en: Preschool education }
regions:
  - id: "410425"
    name: { zh: 郏县, en: Jia County }
    kind: county
  - id: "410425100"
    name: { zh: 龙山街道, en: Longshan Subdistrict }
    kind: subdistrict
    parent: "410425"
  - id: "410425101"
    name: { zh: 冢头镇, en: Zhongtou Town }
    kind: town
    parent: "410425"
metrics:
  - id: preschool_gross_enrollment_rate
    name: { zh: 学前三年毛入园率, en: Preschool gross enrollment rate (3 years) }
    unit: percent
    kind: gross_rate
    numerator: { zh: 在园幼儿数, en: Children enrolled in kindergarten }
    denominator: { zh: 3—5周岁适龄儿童数, en: Children aged 3–5 }
targets:
  - id: preschool-ger-2022
    metric: preschool_gross_enrollment_rate
    comparator: at_least
    goal: 90
    deadline: 2022-12-31
    category: preschool
    source_text: 学前三年毛入园率达到90%以上（测试用）
    source_paraphrase: true
`;

test('an analyst uploads a new target file, saves it, and its dashboard shows its title, an empty state and no simulated figure', async ({ analyst, page }) => {
  test.setTimeout(180_000);
  // No 模拟 label (the heading's badge, the demo notice) and no figure at all: every card has none yet.
  const noSimulated = async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('教育发展目标监测');
    await expect(page.getByText('模拟演示数据：')).toHaveCount(0);
    await expect(page.getByRole('article')).toHaveCount(1);
    await expect(page.getByRole('article')).not.toContainText('模拟');
    await expect(page.getByRole('article')).toContainText('暂无数据');
    await expect(page.getByRole('meter', { name: '学前三年毛入园率：实际与目标' })).not.toHaveAttribute('aria-valuetext', /\d+(\.\d+)?%，/);
  };
  await page.goto('/target-files');
  await analyst.becomeAnalyst();
  await expect(page.getByRole('heading', { name: '目标文件', level: 2 })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('目标集').selectOption({ label: '新建目标集…' });
  await page.getByLabel('新目标集的编号').fill(SET_ID);
  await page.getByLabel('上传文件').setInputFiles({ name: `${SET_ID}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(yaml, 'utf-8') });
  await expect(page.getByRole('status').filter({ hasText: `已载入文件 ${SET_ID}.yaml，尚未保存。` })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('textbox', { name: '目标文件内容' })).toContainText(`id: ${SET_ID}`, { timeout: 30_000 });
  const problems = page.getByRole('region', { name: /没有发现问题|发现 \d+ 个问题/ });
  await expect(problems.getByRole('heading')).toHaveText('没有发现问题，可以保存。', { timeout: 30_000 });
  const save = page.getByRole('button', { name: '保存为新版本' });
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: '已保存为第 1 版。仪表板现在显示该版本。' })).toBeVisible({ timeout: 30_000 });

  // Its dashboard: the title, the empty state telling the analyst how to import, no 模拟 anywhere.
  await page.goto(`/?set=${SET_ID}`);
  await expect(page.getByLabel('目标文件', { exact: true }).locator('option:checked')).toHaveText(TITLE, { timeout: 30_000 });
  await expect(page.getByRole('article', { name: /学前三年毛入园率/ })).toBeVisible({ timeout: 30_000 });
  await analyst.becomeAnalyst();
  await expect(page.getByText(/本目标文件还没有任何数据（它不含模拟演示数据）。请在“导入数据”页上传/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('article', { name: /学前三年毛入园率/ })).toBeVisible({ timeout: 30_000 });
  await noSimulated();
  await expect(page.getByTestId('file-version')).toHaveText(/^目标文件第 1 版（.+保存）$/, { timeout: 30_000 });

  // A viewer is told that no figures are in yet; a reload (the stored version, not a rebuild) keeps it all.
  await page.getByLabel('演示角色').selectOption('viewer');
  await expect(page.getByText('本目标文件还没有录入任何数据，各项目标暂无数据；分析员导入数据后即可显示。')).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(page.getByLabel('目标文件', { exact: true }).locator('option:checked')).toHaveText(TITLE, { timeout: 30_000 });
  await expect(page.getByText('本目标文件还没有录入任何数据，各项目标暂无数据；分析员导入数据后即可显示。')).toBeVisible({ timeout: 30_000 });
  await noSimulated();
});
