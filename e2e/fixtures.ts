import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * The target file the specs are about. Every URL they open names it, so other valid files in
 * targets/ change nothing (without `set=` the app shows the first file by name).
 */
export const TARGET_SET = 'ruzhou-2020';

/** A path with its query string (`''` or `'?year=2019'`), naming the specs' target set unless the query names one. */
export function appUrl(path = '/', search = ''): string {
  if (/[?&]set=/.test(search)) return `${path}${search}`;
  return `${path}${search}${search ? '&' : '?'}set=${TARGET_SET}`;
}

/** Opening any page of the app for the specs' target set. */
export class App {
  constructor(readonly page: Page) {}

  async open(path = '/', search = '') {
    await this.page.goto(appUrl(path, search));
  }
}

/** Domain verbs for the officials' dashboard, so specs read as what a person does. */
export class Dashboard {
  constructor(readonly page: Page) {}

  async open(search = '') {
    await this.page.goto(appUrl('/', search));
    await expect(this.page.getByRole('heading', { level: 2, name: /^(目标完成概况|Targets at a glance)$/ })).toBeVisible();
  }

  card(name: string | RegExp): Locator {
    return this.page.getByRole('article', { name });
  }

  cards(): Locator {
    return this.page.getByRole('article');
  }

  /** A card's status in words: its accessible description. */
  async expectStatus(name: string | RegExp, status: string | RegExp) {
    await expect(this.card(name)).toHaveAccessibleDescription(typeof status === 'string' ? new RegExp(status) : status);
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
    await this.page.goto(appUrl('/'));
    await this.becomeAnalyst();
    await this.page.getByRole('link', { name: '导入数据' }).click();
    await expect(this.page.getByRole('heading', { name: '导入数据', level: 2 })).toBeVisible();
  }

  /** A file from e2e/data by name, or any path. */
  async chooseFile(file: string | Parameters<Locator['setInputFiles']>[0]) {
    await this.page
      .getByLabel('选择文件')
      .setInputFiles(typeof file === 'string' && !file.includes('/') ? `e2e/data/${file}` : file);
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

export const test = base.extend<{ app: App; dashboard: Dashboard; analyst: Analyst }>({
  app: async ({ page }, use) => {
    await use(new App(page));
  },
  dashboard: async ({ page }, use) => {
    await use(new Dashboard(page));
  },
  analyst: async ({ page }, use) => {
    await use(new Analyst(page));
  },
});

export { expect };
