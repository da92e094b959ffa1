/**
 * Concurrent requests, counted the same way on both hosts: `connections` clients each sending the
 * next request as soon as its previous answer has been read in full, until `amount` requests (or
 * `maxMs`, whichever comes first). Every request's time from sent to last byte is kept, and p50 and
 * p95 are the nearest-rank percentiles of those; requests per second = answers ÷ wall time.
 *
 * - the server: autocannon (keep-alive connections from this process, 127.0.0.1 only);
 * - the MSW demo: `fetch` from the page in Chromium, answered by the service worker and the backend
 *   core on the page's main thread, with the body read as text.
 */

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('../types').LoadRun} LoadRun
 */

/**
 * The nearest-rank percentile `p` (0–100) of `values` (ms, rounded to 0.1).
 * @param {number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const value = /** @type {number} */ (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  return Math.round(value * 10) / 10;
}

/**
 * @param {number} connections
 * @param {number[]} latencies
 * @param {number} errors
 * @param {number} durationMs
 * @param {number} bodyBytes
 * @param {number} amount the requests asked for (fewer answered: the time limit stopped the run)
 * @returns {LoadRun}
 */
function loadRun(connections, latencies, errors, durationMs, bodyBytes, amount) {
  return {
    connections,
    requests: latencies.length,
    asked: amount,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: percentile(latencies, 100),
    perSecond: Math.round((latencies.length / durationMs) * 1000 * 100) / 100,
    durationMs: Math.round(durationMs),
    bodyBytes,
  };
}

/**
 * `GET url` with autocannon. Only 2xx answers count as requests; anything else is an error.
 * @param {{ url: string, headers: Record<string, string>, connections: number, amount: number, maxMs: number, timeoutS?: number }} options
 * @returns {Promise<LoadRun>}
 */
export async function autocannonRun({ url, headers, connections, amount, maxMs, timeoutS = 120 }) {
  const { default: autocannon } = await import('autocannon');
  /** @type {number[]} */
  const latencies = [];
  let errors = 0;
  let bodyBytes = 0;
  const started = performance.now();
  let ended = started;
  await new Promise((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, amount, timeout: timeoutS }, (/** @type {unknown} */ error) => {
      ended = performance.now();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(undefined);
    });
    const timer = setTimeout(() => instance.stop(), maxMs);
    instance.on('response', (/** @type {unknown} */ _client, /** @type {number} */ status, /** @type {number} */ bytes, /** @type {number} */ ms) => {
      if (status >= 200 && status < 300) {
        latencies.push(ms);
        bodyBytes = bytes;
      } else errors += 1;
    });
    instance.on('reqError', () => (errors += 1));
  });
  return loadRun(connections, latencies, errors, ended - started, bodyBytes, amount);
}

/**
 * `fetch(url)` from the page (an app page with the mock backend running), the body read in full.
 * @param {Page} page
 * @param {{ url: string, connections: number, amount: number, maxMs: number }} options
 * @returns {Promise<LoadRun>}
 */
export async function browserRun(page, { url, connections, amount, maxMs }) {
  const run = await page.evaluate(
    async ({ url, connections, amount, maxMs }) => {
      /** @type {number[]} */
      const latencies = [];
      let errors = 0;
      let bodyBytes = 0;
      let sent = 0;
      const started = performance.now();
      const client = async () => {
        while (sent < amount && performance.now() - started < maxMs) {
          sent += 1;
          const at = performance.now();
          try {
            const response = await fetch(url);
            const text = await response.text();
            if (!response.ok) errors += 1;
            else {
              latencies.push(performance.now() - at);
              bodyBytes = new TextEncoder().encode(text).length;
            }
          } catch {
            errors += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: connections }, client));
      return { latencies, errors, bodyBytes, durationMs: performance.now() - started };
    },
    { url, connections, amount, maxMs },
  );
  return loadRun(connections, run.latencies, run.errors, run.durationMs, run.bodyBytes, amount);
}
