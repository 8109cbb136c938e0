// Not a test: screenshots of public pages at 1280 and 375 px in both languages, from a server on
// 127.0.0.1:3555: `node end2end/shots.mjs /briefs /belts/…` (files land in /tmp/shots; needs fonts-noto-cjk).
import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3555';
const pages = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const locale of ['en-US', 'zh-CN']) {
  for (const width of [1280, 375]) {
    const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(base + path);
      await page.waitForSelector('html[data-hydrated="true"]', { timeout: 30000 }).catch(() => {});
      const name = `/tmp/shots/${path.replace(/[^a-z0-9]+/gi, '_')}_${locale}_${width}.png`;
      await page.screenshot({ path: name, fullPage: true });
      const over = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      console.log(name, over ? 'OVERFLOWS' : 'ok');
    }
    await context.close();
  }
}
await browser.close();
