import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Domain verbs for the officials' dashboard, so specs read as what a person does. */
export class Dashboard {
  constructor(readonly page: Page) {}

  async open(search = '') {
    await this.page.goto(`/${search}`);
    await expect(this.page.locator('.dashboard[data-ready="true"]')).toBeVisible();
  }

  card(name: string | RegExp): Locator {
    return this.page.getByRole('article', { name });
  }

  cards(): Locator {
    return this.page.getByRole('article');
  }

  async chooseRegion(name: string) {
    await this.page.getByLabel(/^(地区|Region)$/).selectOption({ label: name });
  }

  async chooseYear(label: string) {
    await this.page.getByLabel(/^(截至年份|As of)$/).selectOption({ label });
  }
}

export const test = base.extend<{ dashboard: Dashboard }>({
  dashboard: async ({ page }, use) => {
    await use(new Dashboard(page));
  },
});

export { expect };
