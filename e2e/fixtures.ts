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

/** Domain verbs for the analyst's import and data pages. */
export class Analyst {
  constructor(readonly page: Page) {}

  async becomeAnalyst() {
    await this.page.getByLabel(/^(演示角色|Demo role)$/).selectOption('analyst');
  }

  async openImport() {
    await this.page.goto('/');
    await this.becomeAnalyst();
    await this.page.getByRole('link', { name: '导入数据' }).click();
    await expect(this.page.getByRole('heading', { name: '导入数据', level: 2 })).toBeVisible();
  }

  /** A file from e2e/data by name, or any path. */
  async chooseFile(file: string) {
    await this.page.locator('input[type=file]').setInputFiles(file.includes('/') ? file : `e2e/data/${file}`);
  }

  async check() {
    await this.page.getByRole('button', { name: '检查文件' }).click();
  }

  async confirm() {
    await this.page.getByRole('button', { name: /^确认导入/ }).click();
    await expect(this.page.getByRole('status').filter({ hasText: '已导入' })).toBeVisible();
  }

  async openData() {
    await this.page.getByRole('link', { name: '数据管理' }).click();
    await expect(this.page.getByRole('heading', { name: '数据管理', level: 2 })).toBeVisible();
  }
}

export const test = base.extend<{ dashboard: Dashboard; analyst: Analyst }>({
  dashboard: async ({ page }, use) => {
    await use(new Dashboard(page));
  },
  analyst: async ({ page }, use) => {
    await use(new Analyst(page));
  },
});

export { expect };
