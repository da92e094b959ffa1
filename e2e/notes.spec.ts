import { expect, test } from './fixtures';

test('an analyst adds a note on a target page; after a reload it is still there, as text, and the report prints it', async ({ app, analyst, page }) => {
  await app.open('/targets/inclusive-kindergarten-2020', '?year=2020');
  await analyst.becomeAnalyst();
  const notes = page.getByRole('region', { name: '工作说明' });
  const text = `<b>x</b> 园舍改造推迟到9月 ${Date.now()}`;
  await notes.getByRole('textbox', { name: /添加说明/ }).fill(text);
  await notes.getByRole('button', { name: '保存说明' }).click();
  await expect(notes.getByText(text, { exact: true })).toBeVisible({ timeout: 15_000 });

  await page.reload();
  const again = page.getByRole('region', { name: '工作说明' });
  await expect(again.getByText(text, { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(again.locator('.notes__text b')).toHaveCount(0);

  await app.open('/report', '?year=2020');
  const target = page.getByRole('region', { name: '普惠性幼儿园覆盖率', exact: true });
  await expect(target.getByRole('region', { name: '工作说明' }).getByText(text, { exact: true })).toBeVisible({ timeout: 30_000 });
});
