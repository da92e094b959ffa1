import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { fontconfigFor, installedPdfFonts } from './e2e/support/pdf-fonts';

/**
 * End-to-end tests run against the production build (`vite preview`).
 * A system Chromium is used when there is one (CHROMIUM_PATH, or Debian's
 * /usr/bin/chromium), since browser downloads do not work on every machine;
 * otherwise Playwright's own browser, as on a laptop.
 */
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => Boolean(path && existsSync(path)),
);

const launchOptions = {
  ...(systemChromium ? { executablePath: systemChromium } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

const port = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    locale: 'zh-CN',
    launchOptions,
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, grepInvert: /@pdf-font/, testIgnore: /server\.spec\.ts/ },
    // The real server (built by `node src/server/build.mjs`, part of `npm test`), started and restarted by the spec itself.
    { name: 'server', use: { ...devices['Desktop Chrome'] }, testMatch: /server\.spec\.ts/ },
    // The printed report once per CJK font, each font alone (see e2e/support/pdf-fonts.ts).
    ...installedPdfFonts().map((font) => ({
      name: `pdf-${font.name}`,
      grep: /@pdf-font/,
      testIgnore: /server\.spec\.ts/,
      metadata: { font: font.name },
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { ...launchOptions, env: { ...process.env, FONTCONFIG_FILE: fontconfigFor(font) } },
      },
    })),
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
