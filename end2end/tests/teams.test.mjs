// A team in a real browser: an owner invites a teammate by email (read from
// the SMTP server), the teammate signs up from the link on a phone, accepts,
// and edits the supply profile; the owner renames the organisation and the
// old address still leads to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated, signUpAndIn, linkMailedTo, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an owner invites a teammate, who accepts on a phone and edits the profile', async () => {
  const stamp = Date.now();
  // São Paulo keeps UTC-3 all year, so the expected offset never moves.
  const owner = await watchedPage(browser, { locale: 'en-US', timezoneId: 'America/Sao_Paulo' });
  const ownerEmail = `team-owner-${stamp}@example.com`;
  await gotoHydrated(owner.page, '/signup');
  await signUpAndIn(owner.page, { email: ownerEmail, name: 'Zhou Lan', role: 'manufacturer', password: 'owner-secret-123' });
  // Invitations go out from confirmed addresses only.
  await gotoHydrated(owner.page, await linkMailedTo(ownerEmail, '/confirm-email'));
  await Promise.all([owner.page.waitForURL(`${BASE}/account?email=confirmed`), owner.page.click('.form-page button[type=submit]')]);
  await Promise.all([owner.page.waitForURL(`${BASE}/orgs/new`), owner.page.click('a[href="/orgs/new"]')]);
  await owner.page.waitForSelector('#field-name_zh');
  await owner.page.fill('#field-name_zh', `周兰睫毛${stamp}`);
  await owner.page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([owner.page.waitForURL(/\/orgs\/zhou-?lan-jiemao-\d+$/), owner.page.click('.form-page button[type=submit]')]);
  const slug = new URL(owner.page.url()).pathname.split('/').pop();

  await Promise.all([owner.page.waitForURL(`${BASE}/orgs/${slug}/team`), owner.page.click(`a[href="/orgs/${slug}/team"]`)]);
  const mateEmail = `team-mate-${stamp}@example.com`;
  await owner.page.fill('#field-email', 'wang@example');
  await owner.page.click('.invite button[type=submit]');
  await owner.page.waitForSelector('#field-email-error:has-text("Enter an email address")');
  assert.equal(await owner.page.evaluate(() => document.activeElement?.id), 'field-email', 'focus on the refused field');
  await owner.page.fill('#field-email', mateEmail);
  await owner.page.selectOption('#field-role', 'editor');
  await Promise.all([owner.page.waitForURL(new RegExp(`/orgs/${slug}/team\\?invited=\\d+$`)), owner.page.click('.invite button[type=submit]')]);
  await owner.page.waitForSelector(`.invitations .email:has-text("${mateEmail}")`);
  // The browser told the site its time zone on the first page; times are on its clock,
  // the same whether the browser drew the page or the server did.
  const expiry = await owner.page.textContent('.invitations time');
  assert.match(expiry, /^\d{4}-\d\d-\d\d \d\d:\d\d UTC-3$/, `expiry on the viewer's clock: ${expiry}`);
  await gotoHydrated(owner.page, `/orgs/${slug}/team`);
  assert.equal(await owner.page.textContent('.invitations time'), expiry, 'rendered on the server the same');

  const link = await linkMailedTo(mateEmail, '/invitation');
  const mate = await watchedPage(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
  await gotoHydrated(mate.page, link);
  await mate.page.waitForSelector('text=团队邀请');
  assert.equal(await mate.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll');
  await Promise.all([mate.page.waitForURL(/\/signup\?next=/), mate.page.click('a[href^="/signup?next="]')]);
  await mate.page.waitForSelector('#field-email');
  await mate.page.fill('#field-email', mateEmail);
  await mate.page.fill('#field-display_name', '吴明');
  await mate.page.selectOption('#field-role', 'manufacturer');
  await mate.page.fill('#field-password', 'mate-secret-456');
  await mate.page.fill('#field-password_again', 'mate-secret-456');
  await Promise.all([mate.page.waitForURL(/\/signin\?welcome=1&next=/), mate.page.click('.form-page button[type=submit]')]);
  // The sign-up form has the same fields: wait for the sign-in page itself.
  await mate.page.waitForSelector('#field-password[autocomplete=current-password]');
  await mate.page.fill('#field-email', mateEmail);
  await mate.page.fill('#field-password', 'mate-secret-456');
  await Promise.all([mate.page.waitForURL(`${BASE}${link}`), mate.page.click('.form-page button[type=submit]')]);
  await mate.page.waitForSelector('.invitation button[type=submit]');
  await Promise.all([mate.page.waitForURL(`${BASE}/orgs/${slug}/team?joined=1`), mate.page.click('.invitation button[type=submit]')]);
  await mate.page.waitForSelector('p.notice:has-text("你已加入团队")');
  await mate.page.waitForSelector('.teammate:has-text("吴明")');
  assert.equal(await mate.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll');

  // The editor edits the profile.
  await gotoHydrated(mate.page, `/orgs/${slug}/profile`);
  await mate.page.fill('#field-products_zh', '手工真丝假睫毛');
  await mate.page.check('#categories-false-eyelashes');
  await Promise.all([mate.page.waitForURL(/\/profile\?saved=1$/), mate.page.click('.profile-form button[type=submit]')]);
  await mate.page.waitForSelector('.profile-status:has-text("草稿")');

  // The owner hears of it, and renames the organisation; the old address leads to the new one.
  await gotoHydrated(owner.page, '/notifications');
  await owner.page.waitForSelector('text=吴明 accepted the invitation');
  await gotoHydrated(owner.page, `/orgs/${slug}/edit`);
  await owner.page.fill('#field-name_en', `Zhou Lan Lashes ${stamp}`);
  await Promise.all([owner.page.waitForURL(`${BASE}/orgs/zhou-lan-lashes-${stamp}?saved=1`), owner.page.click('.form-page button[type=submit]')]);
  await owner.page.waitForSelector(`h1:has-text("Zhou Lan Lashes ${stamp}")`);
  await gotoHydrated(owner.page, `/orgs/${slug}`);
  assert.equal(new URL(owner.page.url()).pathname, `/orgs/zhou-lan-lashes-${stamp}`);

  assert.deepEqual(mate.problems(), []);
  // The refused invitation (400) is the one non-2xx response this story expects.
  const refused = /Failed to load resource: the server responded with a status of 400/;
  assert.deepEqual(owner.problems().filter((p) => !refused.test(p)), []);
  await owner.context.close();
  await mate.context.close();
});
