import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
for (let i = 0; i < 3; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('http://127.0.0.1:4400/');
  await page.waitForSelector('.dashboard[data-ready="true"]');
  const r = await page.evaluate(() => ({
    marks: performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)]),
    res: performance.getEntriesByType('resource').map(e => [e.name.replace(location.origin,''), Math.round(e.startTime), Math.round(e.responseEnd)]),
    nav: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd),
  }));
  console.log(JSON.stringify(r));
  await ctx.close();
}
await browser.close();
