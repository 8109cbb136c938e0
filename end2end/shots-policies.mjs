// Not a test: `node end2end/shots-policies.mjs` against a server on 127.0.0.1:3555 (see shots.mjs).
// Screenshots of the policy pages (list, a notice as a firm that qualifies, the firm's matches, the
// account page's deadlines) at 1280 and 375 px in both languages.
import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3555';
const stamp = Date.now();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const hydrated = async (path) => {
  await page.goto(base + path);
  await page.waitForSelector('html[data-hydrated="true"]', { timeout: 30000 });
};
await hydrated('/signup');
await page.fill('#field-email', `shot-policy-${stamp}@example.com`);
await page.fill('#field-display_name', 'Shot');
await page.selectOption('#field-role', 'manufacturer');
await page.fill('#field-password', 'a-long-enough-secret');
await page.fill('#field-password_again', 'a-long-enough-secret');
await Promise.all([page.waitForURL(/welcome/), page.click('.form-page button[type=submit]')]);
await hydrated('/signin');
await page.fill('#field-email', `shot-policy-${stamp}@example.com`);
await page.fill('#field-password', 'a-long-enough-secret');
await Promise.all([page.waitForURL(`${base}/account`), page.click('.form-page button[type=submit]')]);
await hydrated('/orgs/new');
await page.selectOption('#field-kind', 'manufacturer');
await page.fill('#field-name_en', `Min River Baby Goods ${stamp}`);
await page.selectOption('#field-province', 'hunan');
await page.fill('#field-city_zh', '岳阳');
await page.fill('#field-city_en', 'Yueyang');
await page.check('#belt-miluo-fishing-tackle');
await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/orgs/') && u.pathname !== '/orgs/new'), page.click('.form-page button[type=submit]')]);
const firm = new URL(page.url()).pathname.split('/').pop();
await hydrated(`/orgs/${firm}/profile`);
await page.fill('#field-products_en', 'Carbon fishing rods');
await page.check('#categories-fishing-tackle');
await page.fill('#field-export_markets', 'US, JP');
await Promise.all([page.waitForURL(/\/profile\?saved=1$/), page.click('.profile-form button[type=submit]')]);
await hydrated('/policies');
const notice = await page.locator('.notice-card h3 a').first().getAttribute('href');
for (const locale of ['en', 'zh']) {
  await hydrated(`/lang/${locale}?next=/`).catch(() => {});
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/policies', '/policies/for-me', notice, '/account']) {
      await hydrated(path);
      const name = `/tmp/shots/policies${path.replace(/[^a-z0-9]+/gi, '_')}_${locale}_${width}.png`;
      await page.screenshot({ path: name, fullPage: true });
      const over = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      console.log(name, over ? 'OVERFLOWS' : 'ok');
    }
  }
}
await browser.close();
