import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { appUrl, expect, test } from './fixtures';

/**
 * Two tabs edit the same target file. The first saves version 1; the second, still edited from the file shipped with
 * the app, is told so and saves nothing, keeping its text, until its reader chooses to save it over version 1.
 * (Before, the second save silently became the version every page shows, and the first tab's change was gone from view.)
 */
const bundled = readFileSync('targets/ruzhou-2020.yaml', 'utf8');
const TITLE = '汝州市2020年教育发展目标';

async function openEditor(page: Page) {
  await page.goto(appUrl('/target-files'));
  await page.getByLabel(/^(演示角色|Demo role)$/).selectOption('analyst');
  const editor = page.getByRole('textbox', { name: '目标文件内容' });
  await expect(editor).toContainText('id: ruzhou-2020', { timeout: 15_000 });
  return editor;
}

async function replaceText(page: Page, text: string) {
  await page.getByRole('textbox', { name: '目标文件内容' }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await expect(page.getByRole('region', { name: /没有发现问题|发现 \d+ 个问题/ }).getByRole('heading')).toHaveText('没有发现问题，可以保存。', { timeout: 15_000 });
}

test('a save from a second tab, made from the version before the first tab’s save, is refused with its text kept, and saved over it only when asked', async ({ page, context }) => {
  test.setTimeout(120_000);
  expect(bundled).toContain(TITLE);
  const other = await context.newPage();
  await openEditor(page);
  await openEditor(other);

  // The first tab saves version 1.
  await replaceText(page, bundled.replace(TITLE, `${TITLE}（甲）`));
  await page.getByRole('button', { name: '保存为新版本' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存为第 1 版' })).toBeVisible({ timeout: 15_000 });

  // The second tab, edited from version 0, is refused: nothing saved, its text kept, version 1 named.
  await replaceText(other, bundled.replace(TITLE, `${TITLE}（乙）`));
  await other.getByRole('button', { name: '保存为新版本' }).click();
  const alert = other.getByRole('alert');
  await expect(alert).toContainText(/您编辑期间，第 1 版已由 .+ 于 .+ 保存（您的文本是在第 0 版上修改的），没有保存任何内容/, { timeout: 15_000 });
  await other.getByRole('textbox', { name: '目标文件内容' }).click();
  await other.keyboard.press('Control+Home');
  await expect(other.locator('.cm-content')).toContainText(`${TITLE}（乙）`);
  await expect(other.getByRole('button', { name: '放弃修改' })).toBeVisible();
  await expect(other.getByRole('region', { name: '版本' }).getByRole('listitem').first()).toContainText(/第 1 版 .*（当前）/, { timeout: 15_000 });

  // Asked to, it saves its text over version 1, as version 2.
  await alert.getByRole('button', { name: '仍以我的文本保存为第 2 版' }).click();
  await expect(other.getByRole('status').filter({ hasText: '已保存为第 2 版' })).toBeVisible({ timeout: 15_000 });
  await expect(other.getByRole('region', { name: '版本' }).getByRole('listitem')).toHaveCount(3, { timeout: 15_000 });
  await other.close();
});
