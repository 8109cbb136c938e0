import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated, signIn, BASE, searchFor } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a new manufacturer signs up, fixes a mistake without losing input, and signs out', async () => {
  const { page, context, problems } = await watchedPage(browser, { locale: 'en-US' });
  const email = `lashes-${Date.now()}@example.com`;
  await gotoHydrated(page, '/signup');
  await page.evaluate(() => { window.__noReload = true; });

  await page.fill('#field-email', email);
  await page.fill('#field-display_name', 'Wang Fang');
  await page.selectOption('#field-role', 'manufacturer');
  await page.fill('#field-password', 'short');
  await page.fill('#field-password_again', 'short');
  await page.click('.form-page button[type=submit]');

  await page.waitForSelector('#field-password-error:has-text("Use at least 12 characters.")');
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the error arrived without a page load');
  assert.equal(await page.inputValue('#field-email'), email, 'other input is kept');
  assert.equal(await page.inputValue('#field-display_name'), 'Wang Fang');
  assert.equal(await page.getAttribute('#field-password', 'aria-invalid'), 'true');

  await page.fill('#field-password', 'a-long-enough-secret');
  await page.fill('#field-password_again', 'a-long-enough-secret');
  await Promise.all([page.waitForURL(`${BASE}/signin?welcome=1`), page.click('.form-page button[type=submit]')]);
  await page.waitForSelector('p.notice:has-text("your account is ready")');
  await signIn(page, email, 'a-long-enough-secret');
  await page.waitForSelector(`text=${email}`);
  assert.match(await page.textContent('.user-menu'), /Wang Fang/, 'the header knows who is signed in');

  // Their factory, in the Pingdu belt, found through the header search moments later.
  const factory = `Wang Fang Lashes ${Date.now()}`;
  await Promise.all([page.waitForURL(`${BASE}/orgs/new`), page.click('a[href="/orgs/new"]')]);
  await page.waitForSelector('#field-name_en');
  await page.fill('#field-name_en', factory);
  await page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([page.waitForURL(/\/orgs\/wang-fang-lashes-\d+$/), page.click('.form-page button[type=submit]')]);
  await page.waitForSelector(`h1:has-text("${factory}")`);
  let found = false;
  for (let attempt = 0; attempt < 20 && !found; attempt += 1) {
    await searchFor(page, factory);
    found = (await page.locator(`#main a:has-text("${factory}")`).count()) > 0;
    if (!found) await page.waitForTimeout(250);
  }
  assert.ok(found, 'the new organisation is searchable');

  await Promise.all([page.waitForURL(`${BASE}/`), page.click('.user-menu button')]);
  await page.waitForSelector('.user-menu a[href="/signin"]');
  await gotoHydrated(page, '/account');
  await page.waitForSelector('text=Sign in to continue');
  // Chromium logs every non-2xx response; the refused form (400) and the
  // signed-out account page (401) are the two this story expects.
  const expected = /Failed to load resource: the server responded with a status of (400|401)/;
  assert.deepEqual(problems().filter((p) => !expected.test(p)), []);
  await context.close();
});

test('sign-in works with JavaScript turned off, and shows its error next to the field', async () => {
  const { page, context } = await watchedPage(browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const email = `nojs-${Date.now()}@example.com`;
  await page.goto(`${BASE}/signup`);
  await page.fill('#field-email', email);
  await page.fill('#field-display_name', '李伟');
  await page.selectOption('#field-role', 'platform_scout');
  await page.fill('#field-password', 'a-long-enough-secret');
  await page.fill('#field-password_again', 'a-long-enough-secret');
  await Promise.all([page.waitForURL(`${BASE}/signin?welcome=1`), page.click('.form-page button[type=submit]')]);
  assert.match(await page.textContent('main'), /账户已经建好/);
  await page.fill('#field-email', email);
  await page.fill('#field-password', 'a-long-enough-secret');
  await Promise.all([page.waitForURL(`${BASE}/account`), page.click('.form-page button[type=submit]')]);
  assert.match(await page.textContent('main'), /平台招商/);

  await page.click('.user-menu button');
  await page.waitForURL(`${BASE}/`);
  await page.goto(`${BASE}/signin`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', 'not-the-password');
  await page.click('.form-page button[type=submit]');
  await page.waitForSelector('#field-password-error:has-text("邮箱或密码不正确")');
  assert.equal(await page.inputValue('#field-email'), email, 'the email is kept');
  await context.close();
});
