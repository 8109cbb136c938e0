import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, watchedPage, gotoHydrated, signInAsAdmin, signUpAndIn, eventHeldDaysAgo, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Chromium logs every non-2xx response: refusals this story expects show up as one 400 each.
const refused = /Failed to load resource: the server responded with a status of 400/;

/** A manufacturer signed up from its own address, with a firm in the Pingdu belt. */
async function maker(stamp, n, name) {
  const watched = await watchedPage(browser, { locale: 'en-US', extraHTTPHeaders: { 'X-Forwarded-For': `10.29.${n}.${(stamp % 250) + 1}` } });
  const { page } = watched;
  await gotoHydrated(page, '/signup');
  await signUpAndIn(page, { email: `event-maker-${n}-${stamp}@example.com`, name, role: 'manufacturer', password: 'a-long-enough-secret' });
  await gotoHydrated(page, '/orgs/new');
  await page.selectOption('#field-kind', 'manufacturer');
  await page.fill('#field-name_en', `${name} ${stamp}`);
  await page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/orgs/') && u.pathname !== '/orgs/new'), page.click('.form-page button[type=submit]')]);
  return { ...watched, firm: new URL(page.url()).pathname.split('/').pop() };
}

test('an association publishes an event with entry criteria; a qualified maker registers, an unqualified one is told which criterion failed; a platform asks the maker for a meeting and the maker accepts; the organiser schedules it and both firms find it on their agendas, with a calendar file; the organiser checks both in; after the meeting both record how it went and the organiser sees it in the report', async () => {
  const stamp = Date.now();
  const admin = await watchedPage(browser, { locale: 'en-US' });
  await signInAsAdmin(admin.page);

  // The organiser: from the header to a new event; a mistake is named next to its field, nothing else is lost.
  await gotoHydrated(admin.page, '/');
  await Promise.all([admin.page.waitForURL(`${BASE}/events`), admin.page.click('.site-nav a[href="/events"]')]);
  await Promise.all([admin.page.waitForURL(`${BASE}/events/new`), admin.page.click('a[href="/events/new"]')]);
  await admin.page.waitForSelector('.event-form');
  await admin.page.selectOption('#field-association', 'qingdao-cross-border-ecommerce-association');
  await admin.page.fill('#field-title_en', `Lash makers meet buyers ${stamp}`);
  await admin.page.fill('#field-title_zh', `假睫毛产业带对接会 ${stamp}`);
  await admin.page.selectOption('#field-belt', 'pingdu-false-eyelashes');
  await admin.page.fill('#field-venue_en', 'Pingdu Exhibition Centre');
  await admin.page.fill('#field-city_zh', '平度');
  await admin.page.fill('#field-city_en', 'Pingdu');
  await admin.page.fill('#field-latitude', '36.78');
  await admin.page.fill('#field-longitude', '119.96');
  await admin.page.fill('#field-breaks', 'lunch');
  await admin.page.fill('#field-supplier_seats', '5');
  await admin.page.check('#s_certifications-bsci');
  await admin.page.fill('#field-s_capacity_value', '10,000');
  await admin.page.selectOption('#field-s_capacity_unit', 'piece');
  await admin.page.check('#field-publish');
  await admin.page.click('.event-form button[type=submit]');
  await admin.page.waitForSelector('#field-breaks-error:has-text("12:00-13:30")');
  assert.match(await admin.page.textContent('.error-summary'), /Breaks/);
  assert.equal(await admin.page.inputValue('#field-title_en'), `Lash makers meet buyers ${stamp}`, 'other input is kept');
  assert.ok(await admin.page.isChecked('#s_certifications-bsci'));
  await admin.page.fill('#field-breaks', '12:00-13:30');
  await Promise.all([admin.page.waitForURL(/\/events\/lash-makers-meet-buyers-\d+-\d+\?saved=1$/), admin.page.click('.event-form button[type=submit]')]);
  const event = new URL(admin.page.url()).pathname;
  await admin.page.waitForSelector('.side-box');
  assert.match(await admin.page.textContent('.sides'), /Holds BSCI certification/);
  assert.match(await admin.page.textContent('.sides'), /Makes at least 10,000 pieces a month/);
  assert.match(await admin.page.textContent('.slots'), /09:00–09:20/);
  assert.equal(admin.problems().filter((p) => refused.test(p)).length, 1);
  assert.deepEqual(admin.problems().filter((p) => !refused.test(p)), []);

  // A qualified maker: its profile says BSCI and 20,000 pieces a month.
  const good = await maker(stamp, 1, 'Qualified Lashes');
  await gotoHydrated(good.page, `/orgs/${good.firm}/profile`);
  await good.page.fill('#field-products_en', 'Silk strip lashes');
  await good.page.check('#categories-false-eyelashes');
  await good.page.check('#certifications-bsci');
  await good.page.fill('#field-capacity_value', '20000');
  await good.page.selectOption('#field-capacity_unit', 'piece');
  await Promise.all([good.page.waitForURL(/\/profile\?saved=1$/), good.page.click('.profile-form button[type=submit]')]);
  await gotoHydrated(good.page, '/events');
  await Promise.all([good.page.waitForURL(`${BASE}${event}`), good.page.click(`a[href="${event}"]`)]);
  await Promise.all([good.page.waitForURL(/registered=accepted/), good.page.click('.register-form button[type=submit]')]);
  await good.page.waitForSelector('.registrations li');
  assert.match(await good.page.textContent('.registrations'), /Registered/);
  assert.match(await good.page.textContent('.sides'), new RegExp(`Qualified Lashes ${stamp}`));

  // A platform's scout registers as a buyer and asks the maker for a meeting, with a note.
  const scout = await watchedPage(browser, { locale: 'en-US', extraHTTPHeaders: { 'X-Forwarded-For': `10.29.3.${(stamp % 250) + 1}` } });
  await gotoHydrated(scout.page, '/signup');
  await signUpAndIn(scout.page, { email: `event-scout-${stamp}@example.com`, name: 'Li Na', role: 'platform_scout', password: 'a-long-enough-secret' });
  await gotoHydrated(scout.page, '/orgs/new');
  await scout.page.selectOption('#field-kind', 'platform');
  await scout.page.fill('#field-name_en', `Lash Mart ${stamp}`);
  await scout.page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([scout.page.waitForURL((u) => u.pathname.startsWith('/orgs/') && u.pathname !== '/orgs/new'), scout.page.click('.form-page button[type=submit]')]);
  await gotoHydrated(scout.page, event);
  await Promise.all([scout.page.waitForURL(/registered=accepted/), scout.page.click('.register-form button[type=submit]')]);
  await Promise.all([scout.page.waitForURL(/\/meetings\?firm=/), scout.page.click('.meeting-links a')]);
  const card = scout.page.locator('li.counterpart', { hasText: `Qualified Lashes ${stamp}` });
  await card.locator('textarea[name=note]').fill('Can we see your BSCI audit and silk samples?');
  await Promise.all([scout.page.waitForURL(/sent=\d+/), card.locator('button[type=submit]').click()]);
  await scout.page.waitForSelector('.meeting-requests li');
  assert.match(await scout.page.textContent('.meeting-requests'), /Waiting for an answer/);
  assert.deepEqual(scout.problems(), []);

  // The maker reads the note and accepts; the scout sees it accepted.
  await gotoHydrated(good.page, `${event}/meetings`);
  assert.match(await good.page.textContent('.meeting-requests'), /BSCI audit and silk samples/);
  await Promise.all([good.page.waitForURL(/answered=accept/), good.page.click('.meeting-requests button[value=accept]')]);
  await good.page.waitForSelector('p.notice');
  assert.match(await good.page.textContent('.meeting-requests'), /Accepted/);
  assert.deepEqual(good.problems(), []);
  await gotoHydrated(scout.page, `${event}/meetings`);
  assert.match(await scout.page.textContent('.meeting-requests'), /Accepted/);

  // An unqualified maker (no profile yet): refused, and told which criteria its profile does not state.
  const plain = await maker(stamp, 2, 'Plain Lashes');
  await gotoHydrated(plain.page, event);
  await plain.page.click('.register-form button[type=submit]');
  await plain.page.waitForSelector('#field-firm-error:has-text("Holds BSCI certification")');
  assert.match(await plain.page.textContent('#field-firm-error'), /the firm's profile does not say/);
  assert.match(await plain.page.textContent('.error-summary'), /Firm/);
  assert.equal(plain.problems().filter((p) => refused.test(p)).length, 1);
  assert.deepEqual(plain.problems().filter((p) => !refused.test(p)), []);
  await plain.context.close();

  // The organiser sees the registration; the page reads in Chinese too.
  await gotoHydrated(admin.page, event);
  assert.match(await admin.page.textContent('.all-registrations'), new RegExp(`Qualified Lashes ${stamp}`));

  // The organiser makes the schedule: the table plan shows the meeting, and the run says how close to the best it came.
  await Promise.all([admin.page.waitForURL(`${BASE}${event}/schedule`), admin.page.click('.organiser-bar a[href$="/schedule"]')]);
  await admin.page.waitForSelector('.schedule-form');
  await Promise.all([admin.page.waitForURL(/ran=\d+/), admin.page.click('.schedule-form button[type=submit]')]);
  await admin.page.waitForSelector('.table-plan');
  assert.match(await admin.page.textContent('.table-plan'), new RegExp(`Qualified Lashes ${stamp}`));
  assert.match(await admin.page.textContent('.schedule-run'), /Placed 1 of 1 meetings/);
  assert.deepEqual(admin.problems().filter((p) => !refused.test(p)), [], 'only the refusal this story expects');

  // Both firms find the meeting on their agendas; the maker downloads its calendar file.
  await gotoHydrated(good.page, event);
  await Promise.all([good.page.waitForURL(/\/agenda\?firm=/), good.page.click('.meeting-links a[href*="/agenda"]')]);
  await good.page.waitForSelector('.agenda');
  assert.match(await good.page.textContent('.agenda'), new RegExp(`Lash Mart ${stamp}`));
  const [download] = await Promise.all([good.page.waitForEvent('download'), good.page.click('.calendar-links a[download]')]);
  const calendar = await readFile(await download.path(), 'utf8');
  assert.match(calendar, /BEGIN:VCALENDAR/);
  assert.match(calendar, new RegExp(`SUMMARY:Meeting: Lash Mart ${stamp} \\(table 1\\)`));
  assert.deepEqual(good.problems(), []);
  await gotoHydrated(scout.page, `${event}/agenda`);
  assert.match(await scout.page.textContent('.agenda'), new RegExp(`Qualified Lashes ${stamp}`));
  assert.deepEqual(scout.problems(), []);

  // On the day the organiser checks both firms in from the day view.
  await Promise.all([admin.page.waitForURL(`${BASE}${event}/day`), admin.page.click('.breadcrumb a[href$="/day"]')]);
  for (const firm of [`Qualified Lashes ${stamp}`, `Lash Mart ${stamp}`]) {
    // Each check-in lands on a new address, so the page shows the second arrival too.
    await admin.page.locator('.arrivals li', { hasText: firm }).locator('button[type=submit]').click();
    await admin.page.waitForSelector(`.arrivals li.arrived:has-text("${firm}")`);
  }
  assert.match(await admin.page.textContent('.arrivals'), new RegExp(`Qualified Lashes ${stamp}.*Checked in at`));
  assert.deepEqual(admin.problems().filter((p) => !refused.test(p)), []);

  // The meeting has happened: each firm records how it went on its agenda; neither sees the other's note.
  eventHeldDaysAgo(event.split('/').pop(), 1);
  const record = async (watched, path, outcome, note) => {
    await gotoHydrated(watched.page, path);
    const form = watched.page.locator('.outcome-form').first();
    await form.locator('select[name=outcome]').selectOption(outcome);
    await form.locator('textarea[name=note]').fill(note);
    await Promise.all([watched.page.waitForURL(/recorded=\d+/), form.locator('button[type=submit]').click()]);
    await watched.page.waitForSelector('p.notice:has-text("Outcome saved")');
    assert.equal(await watched.page.locator('.outcome-form select[name=outcome]').first().inputValue(), outcome, 'the form holds what was saved');
  };
  await record(good, `${event}/agenda?firm=${good.firm}`, 'order_intent', 'Trial order of 5,000 pairs in March');
  await record(scout, `${event}/agenda`, 'sample_requested', 'Samples by Friday');
  assert.doesNotMatch(await scout.page.textContent('main'), /5,000 pairs/);
  assert.deepEqual(good.problems(), []);
  assert.deepEqual(scout.problems(), []);
  await good.context.close();
  await scout.context.close();

  // The organiser's report: the meeting held, both outcomes, under the Pingdu belt and the false-eyelash category; and its file.
  await gotoHydrated(admin.page, `${event}/day`);
  await Promise.all([admin.page.waitForURL(`${BASE}${event}/report`), admin.page.click('.breadcrumb a[href$="/report"]')]);
  await admin.page.waitForSelector('.report-page');
  assert.match(await admin.page.textContent('.dashboard-figures'), /Meetings on the plan: 1 — held 1, no-shows 0/);
  assert.match(await admin.page.textContent('#belts tbody'), /Pingdu.*\s*1\s*1\s*0\s*0\s*1\s*1/s);
  assert.match(await admin.page.textContent('#categories tbody'), /False eyelashes/);
  assert.equal(await admin.page.locator('.report-page .chart svg').count(), 4);
  const [file] = await Promise.all([admin.page.waitForEvent('download'), admin.page.click('a[href$="/report.csv"]')]);
  const report = await readFile(await file.path(), 'utf8');
  assert.match(report, new RegExp(`Qualified Lashes ${stamp},.*Lash Mart ${stamp},Under way or held,,Order intent,"Trial order of 5,000 pairs in March",Sample requested,Samples by Friday`));
  // The association's page counts the order intent among its events'.
  await gotoHydrated(admin.page, '/associations/qingdao-cross-border-ecommerce-association');
  assert.match(await admin.page.textContent('.association-events .order-intents'), /firms recorded an intent to order in \d+ meeting/);
  assert.deepEqual(admin.problems().filter((p) => !refused.test(p)), []);
  await admin.context.close();
  const chinese = await watchedPage(browser, { locale: 'zh-CN' });
  await gotoHydrated(chinese.page, event);
  assert.match(await chinese.page.textContent('.sides'), /持有 BSCI 认证/);
  assert.match(await chinese.page.textContent('.sides'), /月产能不低于 10,000 件/);
  assert.deepEqual(chinese.problems(), []);
  await chinese.context.close();
});
