/** Chromium as playwright.config.ts launches it, contexts, page errors and bounded `page.evaluate`. */

import { existsSync } from 'node:fs';

/**
 * @typedef {import('@playwright/test').Browser} Browser
 * @typedef {import('@playwright/test').BrowserContext} BrowserContext
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('../types').PageErrors} PageErrors
 */

export const NAV_TIMEOUT_MS = 30_000;

/** The flags of playwright.config.ts (`use.launchOptions.args`). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Headless Chromium: CHROMIUM_PATH or /usr/bin/chromium when there, else Playwright's own. */
export async function launchChromium() {
  const { chromium } = await import('@playwright/test');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  return chromium.launch({ headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
}

/**
 * A context as the e2e tests use (zh-CN, 1280 × 800), with the navigation timeout.
 * @param {Browser} browser
 * @returns {Promise<BrowserContext>}
 */
export async function newContext(browser) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
  context.setDefaultTimeout(NAV_TIMEOUT_MS);
  return context;
}

/**
 * Collects the page's uncaught errors (they fail the run) and failed requests (kept for the message
 * if the page never gets ready).
 * @param {Page} page
 * @returns {PageErrors}
 */
export function collectErrors(page) {
  /** @type {PageErrors} */
  const errors = { uncaught: [], requests: [] };
  page.on('pageerror', (error) => errors.uncaught.push(String(error.message ?? error)));
  page.on('requestfailed', (request) => errors.requests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.requests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return errors;
}

/**
 * @param {PageErrors} errors
 * @param {string} what
 */
export function assertNoErrors(errors, what) {
  if (errors.uncaught.length) throw new Error(`uncaught errors on the ${what}:\n  ${errors.uncaught.join('\n  ')}`);
}

/**
 * The first 300 characters of `#root`'s text, for a message about a page that did not get ready.
 * @param {Page} page
 */
export async function rootText(page) {
  const text = await page
    .locator('#root')
    .innerText({ timeout: 1_000 })
    .catch(() => '(unreadable)');
  return JSON.stringify(text.slice(0, 300));
}

/**
 * Opens a harness page (scripts/bench-harness/) and waits for its `body[data-ready]`.
 * @param {Page} page
 * @param {string} url
 * @param {string} what "import harness", "chart harness"
 */
export async function openHarness(page, url, what) {
  const errors = collectErrors(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: NAV_TIMEOUT_MS }).catch((error) => {
    throw new Error(`the ${what} did not start: ${[...errors.uncaught, ...errors.requests].join('; ') || messageOf(error)}`, { cause: error });
  });
  assertNoErrors(errors, what);
  return errors;
}

/**
 * A `page.evaluate(…)` with a bound: Playwright's evaluate has no timeout of its own.
 * @template R
 * @param {string} what for the message
 * @param {Promise<R>} evaluation
 * @param {number} timeoutMs
 * @returns {Promise<R>}
 */
export async function within(what, evaluation, timeoutMs) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([evaluation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An error's message (Playwright's timeouts are Errors; anything else as text).
 * @param {unknown} error
 */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
