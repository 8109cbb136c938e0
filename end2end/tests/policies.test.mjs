import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated, signUpAndIn, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Signs up a manufacturer, creates its firm in `province` / `city`, and says on its profile that it exports to the US. */
async function exporterIn(page, { stamp, n, province, cityZh, cityEn, belt, category, name }) {
  await gotoHydrated(page, '/signup');
  await signUpAndIn(page, { email: `policy-maker-${n}-${stamp}@example.com`, name, role: 'manufacturer', password: 'a-long-enough-secret' });
  await Promise.all([page.waitForURL(`${BASE}/orgs/new`), page.click('a[href="/orgs/new"]')]);
  await page.waitForSelector('#field-kind');
  await page.selectOption('#field-kind', 'manufacturer');
  await page.fill('#field-name_en', name);
  await page.selectOption('#field-province', province);
  await page.fill('#field-city_zh', cityZh);
  await page.fill('#field-city_en', cityEn);
  await page.check(`#belt-${belt}`);
  await Promise.all([
    page.waitForURL((url) => /^\/orgs\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== '/orgs/new'),
    page.click('.form-page button[type=submit]'),
  ]);
  const firm = new URL(page.url()).pathname.split('/').pop();
  await gotoHydrated(page, `/orgs/${firm}/profile`);
  await page.fill('#field-products_en', 'Baby carriers');
  await page.check(`#categories-${category}`);
  await page.fill('#field-export_markets', 'US');
  await Promise.all([page.waitForURL(/\/profile\?saved=1$/), page.click('.profile-form button[type=submit]')]);
  return firm;
}

test('policy finds the enterprise: a Fuzhou manufacturer sees the overseas-fair subsidy with the reasons it qualifies; one in Pingdu sees what it lacks', async () => {
  const stamp = Date.now();
  const from = (n) => ({ 'X-Forwarded-For': `10.21.${n}.${(stamp % 250) + 1}` });
  const fuzhou = await watchedPage(browser, { locale: 'en-US', extraHTTPHeaders: from(1) });
  const firm = await exporterIn(fuzhou.page, { stamp, n: 1, province: 'fujian', cityZh: '福州', cityEn: 'Fuzhou', belt: 'fuzhou-baby-products', category: 'baby-products', name: `Min River Baby ${stamp}` });

  // From the account page to its matches: the seeded fair subsidy, and why.
  await gotoHydrated(fuzhou.page, '/account');
  await Promise.all([fuzhou.page.waitForURL(`${BASE}/policies/for-me`), fuzhou.page.click('.account-work a[href="/policies/for-me"]')]);
  const fair = fuzhou.page.locator('.policy-match', { hasText: 'Overseas trade fairs and customer visits' });
  await fair.waitFor();
  const reasons = await fair.textContent();
  assert.match(reasons, /Registered in Fuzhou, Fujian/);
  assert.match(reasons, /Is a manufacturer/);
  assert.match(reasons, /Demo data/);
  await Promise.all([fuzhou.page.waitForURL(/\/policies\/[a-z0-9-]+\?firm=/), fair.locator('h3 a').click()]);
  await fuzhou.page.waitForSelector(`text=Min River Baby ${stamp} · Qualifies`);
  assert.match(await fuzhou.page.textContent('.notice-page'), /Fuzhou Municipal People's Government/);
  assert.match(await fuzhou.page.textContent('.notice-page'), /Not stated/, 'the demo invents no amount');

  // A manufacturer in Pingdu opens the same notice from the list and sees what it lacks.
  const pingdu = await watchedPage(browser, { locale: 'en-US', extraHTTPHeaders: from(2) });
  await exporterIn(pingdu.page, { stamp, n: 2, province: 'shandong', cityZh: '平度', cityEn: 'Pingdu', belt: 'pingdu-false-eyelashes', category: 'false-eyelashes', name: `Pingdu Lash ${stamp}` });
  await gotoHydrated(pingdu.page, '/policies');
  const card = pingdu.page.locator('.notice-card', { hasText: 'Overseas trade fairs and customer visits' });
  await Promise.all([pingdu.page.waitForURL(/\/policies\/[a-z0-9-]+$/), card.locator('h3 a').click()]);
  await pingdu.page.waitForSelector(`text=Pingdu Lash ${stamp} · Does not qualify`);
  const rules = await pingdu.page.textContent('.checks');
  assert.match(rules, /Registered in Fuzhou, Fujian/);
  assert.match(rules, /Yours: Pingdu, Shandong/);
  assert.match(await pingdu.page.textContent('.fit'), /Registered in Fuzhou, Fujian/, 'what it lacks, named');

  // The same in Chinese.
  await gotoHydrated(pingdu.page, `${new URL(pingdu.page.url()).pathname}?hl=zh`);
  await pingdu.page.waitForSelector('text=注册地在福建福州');
  await pingdu.page.waitForSelector('text=不符合');

  for (const watched of [fuzhou, pingdu]) {
    assert.deepEqual(watched.problems(), [], 'no console warnings or errors');
    await watched.context.close();
  }
  assert.ok(firm);
});
