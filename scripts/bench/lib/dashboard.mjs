/** Reading the dashboard's timings in a page: its `dashboard-ready` mark and first-contentful-paint. */

import { assertNoErrors, messageOf, NAV_TIMEOUT_MS, rootText } from './browser.mjs';

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('../types').PageErrors} PageErrors
 */

const EXPECTED_CARDS = 12;

/**
 * Waits for the rendered dashboard, checks it, and reads the `dashboard-ready` mark and FCP.
 * @param {Page} page
 * @param {PageErrors} errors
 * @returns {Promise<{ ready: number, fcp: number }>}
 */
export async function readDashboardTimes(page, errors) {
  try {
    await page.waitForSelector('.dashboard[data-ready="true"]', { timeout: NAV_TIMEOUT_MS });
  } catch (error) {
    const detail = [
      errors.uncaught.length ? `page errors:\n  ${errors.uncaught.join('\n  ')}` : '',
      errors.requests.length ? `failed requests:\n  ${errors.requests.join('\n  ')}` : '',
      `#root text: ${await rootText(page)}`,
    ];
    throw new Error(`dashboard did not become ready at ${page.url()}: ${messageOf(error)}\n${detail.filter(Boolean).join('\n')}`, {
      cause: error,
    });
  }
  assertNoErrors(errors, 'dashboard');
  const cards = await page.locator('article.card').count();
  if (cards !== EXPECTED_CARDS) {
    throw new Error(`expected ${EXPECTED_CARDS} article.card elements on the dashboard, found ${cards}`);
  }
  const ready = await page.evaluate(() => performance.getEntriesByName('dashboard-ready')[0]?.startTime ?? null);
  if (typeof ready !== 'number') throw new Error('no performance mark "dashboard-ready" after the dashboard rendered');
  return { ready, fcp: await firstContentfulPaint(page) };
}

/**
 * The page's first-contentful-paint, waiting briefly in case the entry is not recorded yet.
 * @param {Page} page
 */
export async function firstContentfulPaint(page) {
  const fcp = await page.evaluate(
    () =>
      /** @type {Promise<number | null>} */ (
        new Promise((resolve) => {
          const find = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          const found = find();
          if (found !== undefined) return resolve(found);
          const observer = new PerformanceObserver(() => {
            const seen = find();
            if (seen === undefined) return;
            observer.disconnect();
            resolve(seen);
          });
          observer.observe({ type: 'paint', buffered: true });
          setTimeout(() => resolve(find() ?? null), 5_000);
        })
      ),
  );
  if (typeof fcp !== 'number') throw new Error(`no first-contentful-paint entry at ${page.url()}`);
  return fcp;
}
