// Screenshots of the pages this change touched, at desktop and phone widths, in both languages.
import { chromium } from 'playwright-core';
const BASE = process.env.BELTLINK_URL;
const ADMIN = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

async function signIn(page, email, password) {
  await page.goto(`${BASE}/signin`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL(`${BASE}/account`), page.click('.form-page button[type=submit]')]);
}

// A request to run an association, from a new account.
const setup = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
const stamp = Date.now();
await setup.goto(`${BASE}/signup`);
await setup.fill('#field-email', `liu-${stamp}@example.com`);
await setup.fill('#field-display_name', '刘洋');
await setup.selectOption('#field-role', 'graduate');
await setup.fill('#field-password', 'jimo-apparel-secret');
await setup.fill('#field-password_again', 'jimo-apparel-secret');
await Promise.all([setup.waitForURL(/welcome/), setup.click('.form-page button[type=submit]')]);
await setup.screenshot({ path: '/tmp/shots/welcome-zh-1280.png', fullPage: true });
await signIn(setup, `liu-${stamp}@example.com`, 'jimo-apparel-secret');
await setup.goto(`${BASE}/orgs/new`);
await setup.selectOption('#field-kind', 'association');
await setup.fill('#field-name_zh', '即墨服装跨境电商协会');
await setup.fill('#field-name_en', `Jimo Apparel Cross-border Association ${stamp}`);
await setup.fill('#field-description_zh', '即墨女装企业的出海协会，组织 TikTok 产业带对接会。');
await setup.check('#belt-pingdu-false-eyelashes');
await Promise.all([setup.waitForURL(/\/orgs\/jimo/), setup.click('.form-page button[type=submit]')]);
const pending = new URL(setup.url()).pathname;

const admin = await (await browser.newContext()).newPage();
await signIn(admin, ADMIN.email, ADMIN.password);
await admin.goto(`${BASE}/orgs/zongteng-group`);
await admin.fill('#field-evidence', '营业执照 91350100MA2Y; site visit 2026-11-20');
await admin.click('.verify-form button[type=submit]');
await admin.waitForTimeout(800);

for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']]) {
  for (const width of [1280, 375]) {
    const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    for (const [name, path] of [['approvals', '/admin/approvals'], ['account', '/account'], ['org', '/orgs/zongteng-group'], ['pending', pending]]) {
      await page.goto(`${BASE}${path}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/shots/${name}-${lang}-${width}.png`, fullPage: true });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(`${name} ${lang} ${width}: scrollWidth ${wide}`);
    }
    await context.close();
  }
}
await browser.close();
