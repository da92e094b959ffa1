import { readFileSync } from 'node:fs';
import { appUrl, expect, test } from './fixtures';

/**
 * The in-app target-file editor (目标文件): as the demo's analyst, break the
 * ruzhou-2020 file, see the problem listed at its line and marked in the
 * editor, fix it, change a goal, save it as version 1, and see the dashboard
 * show that version and the new goal — still after a reload.
 */
const bundled = readFileSync('targets/ruzhou-2020.yaml', 'utf8');
const GOAL_LINE = bundled.split('\n').findIndex((line) => /^\s+goal: 80$/.test(line)) + 1;

test('an analyst breaks the target file, sees the problem at its line, fixes it, changes a goal and saves version 1; the dashboard shows it', async ({ page, analyst }) => {
  test.setTimeout(120_000);
  expect(GOAL_LINE, 'the inclusive-kindergarten goal line in targets/ruzhou-2020.yaml').toBeGreaterThan(1);
  // The only `goal: 80` of the file is the inclusive-kindergarten target's.
  expect(bundled.split('\n')[GOAL_LINE - 4]).toContain('id: inclusive-kindergarten-2020');

  // Before: the dashboard shows the goal of the file shipped with the app.
  await page.goto(appUrl('/', '?year=2020'));
  const meter = page.getByRole('meter', { name: '普惠性幼儿园覆盖率：实际与目标' });
  await expect(meter).toHaveAttribute('aria-valuetext', /目标 ≥ 80\.0%/, { timeout: 15_000 });
  await expect(page.getByText('目标文件：随系统发布的版本')).toBeVisible();

  await analyst.becomeAnalyst();
  await page.getByRole('link', { name: '目标文件' }).click();
  await expect(page.getByRole('heading', { name: '目标文件', level: 2 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('目标集')).toHaveValue('ruzhou-2020');
  const editor = page.getByRole('textbox', { name: '目标文件内容' });
  await expect(editor).toContainText('id: ruzhou-2020', { timeout: 15_000 });
  const problems = page.getByRole('region', { name: /没有发现问题|发现 \d+ 个问题/ });
  await expect(problems.getByRole('heading')).toHaveText('没有发现问题，可以保存。');
  const save = page.getByRole('button', { name: '保存为新版本' });
  await expect(save).toBeDisabled(); // nothing changed yet
  const versions = page.getByRole('region', { name: '版本' });
  await expect(versions).toContainText('第 0 版：随系统发布的文件（当前）', { timeout: 15_000 });
  await expect(versions).toContainText('尚未在应用中保存过版本。');

  // The error: the goal as a string (the whole text pasted in).
  const broken = bundled.split('\n').map((line, i) => (i === GOAL_LINE - 1 ? line.replace('goal: 80', 'goal: "八十"') : line)).join('\n');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(broken);
  await expect(problems.getByRole('heading')).toHaveText('发现 1 个问题：1 个错误', { timeout: 15_000 });
  const problem = problems.getByRole('listitem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('错误');
  await expect(problem).toContainText(`第 ${GOAL_LINE} 行`);
  await expect(problem).toContainText('goal');
  await expect(save).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: '请先改正错误再保存。' })).toBeVisible();

  // Its line: the problem's button puts the cursor there; the editor marks it (gutter and text).
  await problem.getByRole('button', { name: `转到第 ${GOAL_LINE} 行` }).click();
  const markedLine = page.locator('.cm-line').filter({ hasText: 'goal: "八十"' });
  await expect(markedLine.locator('.cm-lintRange-error')).toBeVisible();
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  await expect(page.locator('.cm-activeLine')).toContainText('goal: "八十"');

  // The fix, typed at that line: a new goal, 82.
  await page.keyboard.press('End');
  for (let i = 0; i < '"八十"'.length; i += 1) await page.keyboard.press('Backspace');
  await page.keyboard.type('82');
  await expect(page.locator('.cm-activeLine')).toHaveText('    goal: 82');
  await expect(problems.getByRole('heading')).toHaveText('没有发现问题，可以保存。', { timeout: 15_000 });
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(0);
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);

  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: '已保存为第 1 版。仪表板现在显示该版本。' })).toBeVisible({ timeout: 15_000 });
  await expect(versions.getByRole('listitem')).toHaveCount(2, { timeout: 15_000 });
  await expect(versions.getByRole('listitem').first()).toContainText(/^第 1 版 · .+ · \S+（当前）/);
  await expect(versions.getByRole('listitem').last()).toHaveText(/^第 0 版：随系统发布的文件 在编辑器中打开$/);
  // The editor keeps the saved text, with nothing left unsaved.
  await expect(save).toBeDisabled();
  await expect(page.getByRole('button', { name: '放弃修改' })).toHaveCount(0);
  await expect(page.locator('.cm-line').filter({ hasText: /^\s*goal: 82$/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '已保存为第 1 版' })).toBeVisible();

  // The dashboard: the footer names version 1, and the card has the new goal.
  await page.getByRole('link', { name: '目标仪表板' }).click();
  await expect(page.getByTestId('file-version')).toHaveText(/^目标文件第 1 版（.+保存）$/, { timeout: 15_000 });
  await expect(meter).toHaveAttribute('aria-valuetext', /目标 ≥ 82\.0%/, { timeout: 15_000 });

  // After a reload: still version 1, still 82, and the editor opens the saved text.
  await page.reload();
  await expect(page.getByTestId('file-version')).toHaveText(/^目标文件第 1 版（.+保存）$/, { timeout: 15_000 });
  await expect(meter).toHaveAttribute('aria-valuetext', /目标 ≥ 82\.0%/, { timeout: 15_000 });
  await page.goto(appUrl('/target-files'));
  await analyst.becomeAnalyst();
  await expect(page.getByRole('textbox', { name: '目标文件内容' })).toContainText('id: ruzhou-2020', { timeout: 15_000 });
  await expect(page.getByRole('region', { name: '版本' }).getByRole('listitem').first()).toContainText('第 1 版', { timeout: 15_000 });
  await expect(page.getByRole('region', { name: '版本' }).getByRole('listitem').first()).toContainText('（当前）');
});
