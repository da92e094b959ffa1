import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const views = [
  { name: 'city, Chinese', search: '' },
  { name: 'township as of 2019, English', search: '?region=410482101&year=2019&lang=en' },
];

for (const view of views) {
  test(`the dashboard (${view.name}) has no WCAG A/AA violations, colour contrast included`, async ({ dashboard, page }) => {
    await dashboard.open(view.search);
    // Open every "why this status" so its text is checked too.
    for (const summary of await page.getByText(/^(为何是此状态|Why this status)$/).all()) await summary.click();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  });
}

test('the import preview and the data page have no WCAG A/AA violations', async ({ analyst, page }) => {
  await analyst.openImport();
  await analyst.chooseFile('errors-utf8-bom.csv');
  await analyst.check();
  await expect(page.getByRole('table', { name: /检查结果/ })).toBeVisible();
  const axe = () => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  await analyst.openData();
  expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
});
