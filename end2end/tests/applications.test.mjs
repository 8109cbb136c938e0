import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated, signInAsAdmin, signUpAndIn, foundThroughHeaderSearch, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** China's date `days` from now, as a date input takes it. */
function chinaDay(days) {
  const day = new Date(Date.now() + 8 * 3600 * 1000);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** Fills in a graduate profile that meets the camp (it asks nothing) from `/me/graduate`. */
async function fillProfile(page, school, submitWaits) {
  await gotoHydrated(page, '/me/graduate');
  await page.waitForSelector('#field-school');
  await page.fill('#field-school', school);
  await page.selectOption('#field-major', 'ecommerce');
  await page.fill('#field-graduation_year', '2026');
  await page.selectOption('#field-province', 'hunan');
  await page.selectOption('#field-language_1', 'en');
  await page.selectOption('#field-level_1', 'working');
  await Promise.all([page.waitForURL(submitWaits), page.click('.graduate-form button[type=submit]')]);
}

test('a graduate finds a one-seat growth camp in Yueyang by searching in Chinese and applies; the organiser accepts; a second is waitlisted and moves up when the first withdraws, then confirms the seat', async () => {
  const stamp = Date.now();
  const password = 'a-long-enough-secret';
  const from = (n) => ({ 'X-Forwarded-For': `10.23.${n}.${(stamp % 250) + 1}` });

  // The organiser (the site admin, for the Yueyang association) publishes a camp with one seat.
  const organiser = await watchedPage(browser, { locale: 'en-US' });
  await signInAsAdmin(organiser.page);
  await gotoHydrated(organiser.page, '/programs/new');
  const o = organiser.page;
  await o.waitForSelector('#field-title_zh');
  await o.selectOption('#field-organiser', 'yueyang-cross-border-ecommerce-association');
  await o.selectOption('#field-kind', 'camp');
  const titleZh = `岳阳跨境电商成长营第二期 ${stamp}`;
  await o.fill('#field-title_zh', titleZh);
  await o.fill('#field-title_en', `Yueyang growth camp, second cohort ${stamp}`);
  await o.selectOption('#field-province', 'hunan');
  await o.fill('#field-city_zh', '岳阳');
  await o.fill('#field-city_en', 'Yueyang');
  await o.fill('#field-starts_on', chinaDay(40));
  await o.fill('#field-ends_on', chinaDay(45));
  await o.fill('#field-applications_close', chinaDay(30));
  await o.fill('#field-seats', '1');
  await Promise.all([o.waitForURL(/\/programs\/[a-z0-9-]+\?saved=/), o.click('.program-form button[type=submit]')]);
  const programPath = new URL(o.url()).pathname;

  // A graduate signs up in Chinese, fills in a profile, finds the camp by searching in Chinese and applies.
  const first = await watchedPage(browser, { locale: 'zh-CN', extraHTTPHeaders: from(1) });
  const a = first.page;
  await gotoHydrated(a, '/signup');
  await signUpAndIn(a, { email: `first-${stamp}@example.com`, name: '李想', role: 'graduate', password });
  await fillProfile(a, '湖南理工学院', /\/programs\/for-you\?saved=/);
  assert.ok(await foundThroughHeaderSearch(a, `成长营 ${stamp}`, programPath), 'the camp is found in Chinese');
  await Promise.all([a.waitForURL(`${BASE}${programPath}`), a.click(`#main a[href="${programPath}"]`)]);
  await a.waitForSelector('#field-motivation');
  await a.fill('#field-motivation', '家里在岳阳做君山银针，想学跨境电商把茶卖到海外。');
  await Promise.all([a.waitForURL(/\?applied=/), a.click('.apply-form button[type=submit]')]);
  await a.waitForSelector('.apply .application-status:has-text("已申请，待审核")');

  // The organiser opens the applications from the program's page and accepts.
  // (The association's own people are told of each application; the integration tests read that.)
  await gotoHydrated(o, programPath);
  await Promise.all([o.waitForURL(`${BASE}${programPath}/applications`), o.click(`a[href="${programPath}/applications"]`)]);
  const firstRow = o.locator('.review-item', { hasText: '李想' });
  assert.match(await firstRow.textContent(), /湖南理工学院/);
  await Promise.all([o.waitForURL(/\?decided=/), firstRow.locator('button[value=accept]').click()]);
  await o.waitForSelector('.review-item:has-text("李想") .badge:has-text("Accepted")');
  await gotoHydrated(a, '/me/applications');
  await a.waitForSelector(`.application-card:has-text("${titleZh}") .badge:has-text("已录取")`);

  // A second graduate, in English, finds every seat taken, applies anyway and is waitlisted.
  const second = await watchedPage(browser, { locale: 'en-US', extraHTTPHeaders: from(2) });
  const b = second.page;
  await gotoHydrated(b, '/signup');
  await signUpAndIn(b, { email: `second-${stamp}@example.com`, name: 'Zhou Min', role: 'graduate', password });
  await fillProfile(b, 'Hunan University', /\/programs\/for-you\?saved=/);
  await gotoHydrated(b, programPath);
  assert.match(await b.textContent('.apply'), /Every seat is taken/);
  await b.fill('#field-motivation', 'I sold tea on TikTok Shop for two summers and want to do it properly.');
  await Promise.all([b.waitForURL(/\?applied=/), b.click('.apply-form button[type=submit]')]);
  await gotoHydrated(o, `${programPath}/applications`);
  const secondRow = o.locator('.review-item', { hasText: 'Zhou Min' });
  await Promise.all([o.waitForURL(/\?decided=/), secondRow.locator('button[value=waitlist]').click()]);
  await o.waitForSelector('.review-item:has-text("Zhou Min") .badge:has-text("On the waitlist")');
  await gotoHydrated(b, '/me/applications');
  await b.waitForSelector('.application-card:has-text("Number 1 on the waitlist")');

  // The first withdraws; the seat is offered to the second, who is told and confirms it.
  await gotoHydrated(a, '/me/applications');
  const mine = a.locator('.application-card', { hasText: titleZh });
  await Promise.all([a.waitForURL(/\/me\/applications\?withdrawn=/), mine.locator('button:has-text("撤回报名")').click()]);
  await a.waitForSelector(`.application-card:has-text("${titleZh}") .badge:has-text("已撤回")`);
  await gotoHydrated(b, '/notifications');
  await b.waitForSelector(`text=A seat freed up for you — confirm it by the deadline: Yueyang growth camp, second cohort ${stamp}`);
  await gotoHydrated(b, '/me/applications');
  const offer = b.locator('.application-card', { hasText: `second cohort ${stamp}` });
  assert.match(await offer.textContent(), /Seat offered, to confirm.*Confirm by/s);
  await Promise.all([b.waitForURL(/\/me\/applications\?confirmed=/), offer.locator('button:has-text("Confirm my seat")').click()]);
  await b.waitForSelector(`.application-card:has-text("second cohort ${stamp}") .badge:has-text("Accepted")`);
  await gotoHydrated(o, `${programPath}/applications?status=accepted`);
  await o.waitForSelector('.review-item:has-text("Zhou Min")');
  assert.equal(await o.locator('.review-item').count(), 1, 'one seat, one accepted');

  for (const person of [organiser, first, second]) {
    assert.deepEqual(person.problems(), [], 'no console warnings or errors');
    await person.context.close();
  }
});
