import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated, signInAsAdmin, signUpAndIn, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const YUEYANG = '/associations/yueyang-cross-border-ecommerce-association';

test('a firm applies to join an association; a decline without a reason is refused; approved, the firm is listed and seated as a committee chair', async () => {
  const stamp = Date.now();
  // From an address of its own: sign-ups are throttled per address, and the other stories sign up too.
  const { page, context, problems } = await watchedPage(browser, { locale: 'en-US', extraHTTPHeaders: { 'X-Forwarded-For': `10.19.1.${(stamp % 250) + 1}` } });
  await gotoHydrated(page, '/signup');
  await signUpAndIn(page, { email: `tackle-${stamp}@example.com`, name: 'Zhou Min', role: 'manufacturer', password: 'a-long-enough-secret' });
  await gotoHydrated(page, '/orgs/new');
  await page.selectOption('#field-kind', 'manufacturer');
  await page.fill('#field-name_en', `Miluo Rods ${stamp}`);
  await page.check('#belt-miluo-fishing-tackle');
  await Promise.all([page.waitForURL(/\/orgs\/miluo-rods-\d+$/), page.click('.form-page button[type=submit]')]);
  const firm = new URL(page.url()).pathname.split('/').pop();

  // From the header to the association's page, and the application.
  await gotoHydrated(page, '/');
  await Promise.all([page.waitForURL(`${BASE}/associations`), page.click('.site-nav a[href="/associations"]')]);
  await Promise.all([page.waitForURL(`${BASE}${YUEYANG}`), page.click(`a[href="${YUEYANG}"]`)]);
  await page.waitForSelector('.join-form');
  assert.match(await page.textContent('.facts'), /Shenzhen/);
  await page.fill('#field-message', 'We make carbon rods and would like to join the logistics committee.');
  await Promise.all([page.waitForURL(/applied=/), page.click('.join-form button[type=submit]')]);
  await page.waitForSelector('.applications li');
  assert.match(await page.textContent('.applications'), /Waiting for a decision/);

  // The association's side (a site admin here): a decline needs a reason; then approve.
  const admin = await watchedPage(browser, { locale: 'en-US' });
  await signInAsAdmin(admin.page);
  await gotoHydrated(admin.page, `${YUEYANG}/manage`);
  const application = admin.page.locator('li.application', { has: admin.page.locator(`a[href="/orgs/${firm}"]`) });
  await application.locator('button[value=decline]').click();
  await application.locator('.field.invalid textarea').waitFor();
  assert.match(await application.locator('.error-summary').textContent(), /Reason/);
  await Promise.all([admin.page.waitForURL(/decided=/), application.locator('button[value=approve]').click()]);
  await admin.page.waitForSelector('p.notice');
  assert.equal(await admin.page.locator(`li.application a[href="/orgs/${firm}"]`).count(), 0, 'no longer waiting');

  // Seated as chair of the logistics committee, shown on the public page in both languages.
  await Promise.all([admin.page.waitForURL(`${BASE}${YUEYANG}/committees/logistics`), admin.page.click(`a[href="${YUEYANG}/committees/logistics"]`)]);
  await admin.page.selectOption('#field-chair', firm);
  await Promise.all([admin.page.waitForURL(/manage\?saved=logistics/), admin.page.click('.committee-form button[value=save]')]);
  // Chromium logs every non-2xx response: the refused decline (400) is the one this story expects.
  const refused = /Failed to load resource: the server responded with a status of 400/;
  assert.equal(admin.problems().filter((p) => refused.test(p)).length, 1);
  assert.deepEqual(admin.problems().filter((p) => !refused.test(p)), []);
  await admin.context.close();

  await gotoHydrated(page, YUEYANG);
  assert.match(await page.textContent('.applications'), /Approved/);
  const logistics = page.locator('li.committee', { hasText: 'Logistics committee' });
  assert.equal(await logistics.locator(`a[href="/orgs/${firm}"]`).count(), 1, 'the chair is linked');
  assert.equal(await page.locator(`.member-directory a[href="/orgs/${firm}"]`).count(), 1, 'listed among the members');
  const chinese = await watchedPage(browser, { locale: 'zh-CN' });
  await gotoHydrated(chinese.page, YUEYANG);
  assert.match(await chinese.page.locator('li.committee', { hasText: '物流专业委员会' }).textContent(), new RegExp(`Miluo Rods ${stamp}`));
  assert.deepEqual(chinese.problems(), []);
  await chinese.context.close();
  assert.deepEqual(problems(), []);
  await context.close();
});
