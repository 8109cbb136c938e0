// Not a test: `node end2end/shots-signed-in.mjs` against a server on 127.0.0.1:3555 (see shots.mjs),
// whose data directory is $BELTLINK_DATA_DIR (the scout's address is confirmed in its database).
// Screenshots of the signed-in scouting pages, criteria and readiness, shortlists and inquiries, and an association's
// pages (applying, managing, a committee), at 1280 and 375 px in both languages.
import { execFileSync } from 'node:child_process';
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
async function signUp(email, role) {
  await hydrated('/signup');
  await page.fill('#field-email', email);
  await page.fill('#field-display_name', 'Shot');
  await page.selectOption('#field-role', role);
  await page.fill('#field-password', 'a-long-enough-secret');
  await page.fill('#field-password_again', 'a-long-enough-secret');
  await Promise.all([page.waitForURL(/welcome/), page.click('.form-page button[type=submit]')]);
  await signIn(email);
}
async function signIn(email) {
  await hydrated('/signin');
  await page.fill('#field-email', email);
  await page.fill('#field-password', 'a-long-enough-secret');
  await Promise.all([page.waitForURL(`${base}/account`), page.click('.form-page button[type=submit]')]);
}
async function organisation(kind, name) {
  await hydrated('/orgs/new');
  await page.selectOption('#field-kind', kind);
  await page.fill('#field-name_en', name);
  await page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/orgs/') && u.pathname !== '/orgs/new'), page.click('.form-page button[type=submit]')]);
  return new URL(page.url()).pathname.split('/').pop();
}
// ONLY=tag,tag shoots just those tags (the story still runs whole).
async function shoot(paths, tag) {
  if (process.env.ONLY && !process.env.ONLY.split(',').includes(tag)) return;
  for (const locale of ['en', 'zh']) {
    await hydrated(`/lang/${locale}?next=/`).catch(() => {});
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        await hydrated(path);
        const name = `/tmp/shots/${tag}${path.replace(/[^a-z0-9]+/gi, '_')}_${locale}_${width}.png`;
        await page.screenshot({ path: name, fullPage: true });
        const over = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        console.log(name, over ? 'OVERFLOWS' : 'ok');
      }
    }
  }
  await hydrated('/lang/en?next=/').catch(() => {});
}
// A manufacturer with a published profile.
await signUp(`shot-maker-${stamp}@example.com`, 'manufacturer');
const firm = await organisation('manufacturer', `Shot Lashes ${stamp}`);
await hydrated(`/orgs/${firm}/profile`);
await page.fill('#field-products_en', 'Silk lashes');
await page.check('#categories-false-eyelashes');
await page.fill('#field-capacity_value', '30000');
await page.selectOption('#field-capacity_unit', 'pair');
await page.check('#certifications-bsci');
await page.fill('#field-export_markets', 'US');
await Promise.all([page.waitForURL(/saved=1/), page.click('.profile-form button[type=submit]')]);
await Promise.all([page.waitForURL(`${base}/suppliers/${firm}`), page.click('.status-button')]);
await page.context().clearCookies();
// A scout posts a brief.
await signUp(`shot-scout-${stamp}@example.com`, 'platform_scout');
const platform = await organisation('platform', `Shot Platform ${stamp}`);
// Its supplier criteria.
await hydrated(`/orgs/${platform}/criteria`);
await page.check('#categories-false-eyelashes');
await page.check('#field-own_factory');
await page.check('#certifications-bsci');
await page.fill('#field-warehouse_markets', 'US');
await page.fill('#field-min_export_years', '3');
await page.check('#field-business_licence');
await page.fill('#field-notes_en', 'We visit each factory before listing it.');
await page.fill('#field-notes_zh', '上线前我们会实地走访每家工厂。');
await Promise.all([page.waitForURL(/saved=/), page.click('.criteria-form button[type=submit]')]);
await hydrated('/briefs/new');
await page.fill('#field-title_en', 'Silk strip lashes for the US and Germany');
await page.fill('#field-title_zh', '面向美国和德国市场的真丝假睫毛');
await page.check('#categories-false-eyelashes');
await page.fill('#field-markets', 'US, DE');
await page.check('#certifications-bsci');
await page.fill('#field-capacity_value', '20,000');
await page.selectOption('#field-capacity_unit', 'pair');
await page.fill('#field-max_lead_time_days', '30');
await page.check('#belts-pingdu-false-eyelashes');
await Promise.all([page.waitForURL(/saved=1/), page.click('.brief-form button[type=submit]')]);
const brief = new URL(page.url()).pathname;
// Writing to firms takes a confirmed address.
const database = `${process.env.BELTLINK_DATA_DIR}/beltlink.sqlite`;
execFileSync('sqlite3', [database, `UPDATE users SET email_confirmed_at = '2026-12-01 00:00:00+00:00' WHERE email = 'shot-scout-${stamp}@example.com'`]);
// A shortlist with a note, and an inquiry about the brief.
await hydrated(`/shortlists/add?supplier=${firm}&back=${brief}`);
await page.check('#shortlist-new');
await page.fill('#field-new_name', 'US lash makers · 美国睫毛厂');
await Promise.all([page.waitForURL(/added=/), page.click('.form-page button[type=submit]')]);
const list = new URL(page.url()).pathname;
await page.selectOption('.shortlist-entry select', 'sampling');
await page.fill('.shortlist-entry textarea', 'Samples by Friday; audit report asked for.\n周五前寄样。');
await Promise.all([page.waitForURL(/saved=/), page.click('.entry-form button[type=submit]')]);
const compose = `/inquiries/new?supplier=${firm}&brief=${brief.split('/').pop()}`;
await hydrated(compose);
await page.selectOption('#field-write_as', { index: 1 });
await page.fill('#field-subject', 'Silk strip lashes for the US · 美国市场真丝睫毛');
await page.fill('#field-body', 'We need 20,000 pairs a month with BSCI.\nCan you send samples?\n请问可以寄样吗？');
await Promise.all([page.waitForURL(/sent=1/), page.click('.inquiry-form button[type=submit]')]);
const thread = new URL(page.url()).pathname;
await shoot([`/orgs/${platform}/criteria`, '/briefs/new', brief, '/briefs', '/shortlists', list, `${list}/print`, compose, thread, '/inbox'], 'scout');
await page.context().clearCookies();
await signIn(`shot-maker-${stamp}@example.com`);
await hydrated(thread);
await page.fill('#field-body', 'Yes: 30,000 pairs a month, BSCI audited. Samples ship in 3 days.\n可以，三天内寄出。');
await Promise.all([page.waitForURL(/at=/), page.click('.reply-form button[type=submit]')]);
await shoot(['/readiness', `/orgs/${firm}/profile`, '/briefs', brief, '/notifications', '/inbox', thread, `/suppliers/${firm}`], 'maker');
// An association: a firm applies to Yueyang's; a site admin (made so in the database) manages it.
const yueyang = '/associations/yueyang-cross-border-ecommerce-association';
await hydrated(yueyang);
await page.fill('#field-message', 'We make silk lashes and would like to join the logistics committee.');
await Promise.all([page.waitForURL(/applied=/), page.click('.join-form button[type=submit]')]);
await shoot([yueyang], 'applicant');
await context.clearCookies();
await signUp(`shot-admin-${stamp}@example.com`, 'graduate');
execFileSync('sqlite3', [database, `UPDATE users SET role = 'site_admin' WHERE email = 'shot-admin-${stamp}@example.com'`]);
await shoot([`${yueyang}/manage`, `${yueyang}/committees/logistics`], 'admin');
// An event: the admin sets one up for Qingdao's association with supplier criteria and publishes it.
await hydrated('/events/new');
await page.selectOption('#field-association', 'qingdao-cross-border-ecommerce-association');
await page.fill('#field-title_zh', '平度假睫毛产业带对接会');
await page.fill('#field-title_en', 'Pingdu lash belt matchmaking day');
await page.selectOption('#field-belt', 'pingdu-false-eyelashes');
await page.selectOption('#field-platform', 'amazon');
await page.fill('#field-venue_zh', '平度会展中心');
await page.fill('#field-venue_en', 'Pingdu Exhibition Centre');
await page.fill('#field-city_zh', '平度');
await page.fill('#field-city_en', 'Pingdu');
await page.fill('#field-latitude', '36.78');
await page.fill('#field-longitude', '119.96');
await page.fill('#field-supplier_seats', '40');
await page.check('#s_certifications-bsci');
await page.fill('#field-s_capacity_value', '10,000');
await page.selectOption('#field-s_capacity_unit', 'pair');
await page.check('#field-publish');
await Promise.all([page.waitForURL(/saved=1/), page.click('.event-form button[type=submit]')]);
const event = new URL(page.url()).pathname;
await shoot(['/events/new', event, `${event}/edit`, '/events'], 'organiser');
await context.clearCookies();
await signIn(`shot-maker-${stamp}@example.com`);
await hydrated(event);
// The maker qualifies and registers; the platform registers and asks it for a meeting.
await Promise.all([page.waitForURL(/registered=/), page.click('.register-form button[type=submit]')]);
await shoot([event], 'maker');
await context.clearCookies();
await signIn(`shot-scout-${stamp}@example.com`);
await hydrated(event);
await Promise.all([page.waitForURL(/registered=/), page.click('.register-form button[type=submit]')]);
await hydrated(`${event}/meetings`);
await page.fill('li.counterpart textarea[name=note]', 'Could we see your BSCI audit and silk samples? 想看看验厂报告和样品。');
await Promise.all([page.waitForURL(/sent=\d+/), page.click('li.counterpart button[type=submit]')]);
await shoot([`${event}/meetings`], 'scout');
await context.clearCookies();
await signIn(`shot-maker-${stamp}@example.com`);
await shoot([`${event}/meetings`], 'maker');
// The maker accepts; the organiser makes the schedule; both firms see their agendas.
await hydrated(`${event}/meetings`);
await Promise.all([page.waitForURL(/answered=accept/), page.click('.meeting-requests button[value=accept]')]);
await context.clearCookies();
await signIn(`shot-admin-${stamp}@example.com`);
await hydrated(`${event}/schedule`);
await Promise.all([page.waitForURL(/ran=\d+/), page.click('.schedule-form button[type=submit]')]);
await shoot([`${event}/schedule`], 'organiser');
await hydrated(`${event}/day`);
await Promise.all([page.waitForURL(/saved=\d+/), page.click('.arrivals li button[type=submit]')]);
const desk = await page.getAttribute('.arrivals li a', 'href');
const firstMeeting = await page.getAttribute('.day-plan a[href*="move="]', 'href');
await shoot([`${event}/day`, firstMeeting, desk], 'organiser');
await context.clearCookies();
await signIn(`shot-maker-${stamp}@example.com`);
await hydrated(`${event}/agenda`);
await Promise.all([page.waitForURL(/link=\d+/), page.click('.calendar-links button[type=submit]')]);
await shoot([`${event}/agenda`, `${event}/badge`], 'maker');
await context.clearCookies();
await signIn(`shot-scout-${stamp}@example.com`);
await shoot([`${event}/agenda`], 'scout');
// After the day: the scout checked in too, the day moved to yesterday; both record outcomes; the organiser reads the report.
await context.clearCookies();
await signIn(`shot-admin-${stamp}@example.com`);
await hydrated(`${event}/day`);
await page.locator('.arrivals li:not(.arrived) button[type=submit]').first().click();
await page.waitForSelector('.arrivals li.arrived >> nth=1');
const chinaYesterday = new Date(Date.now() + 8 * 3600 * 1000 - 24 * 3600 * 1000).toISOString().slice(0, 10);
execFileSync('sqlite3', ['-cmd', '.timeout 10000', database, `UPDATE events SET day = '${chinaYesterday}' WHERE slug = '${event.split('/').pop()}'`]);
for (const [who, outcome, note] of [['maker', 'order_intent', 'Trial order of 5,000 pairs 试单五千副'], ['scout', 'sample_requested', 'Samples by Friday']]) {
  await context.clearCookies();
  await signIn(`shot-${who}-${stamp}@example.com`);
  await hydrated(`${event}/agenda`);
  await page.selectOption('.outcome-form select[name=outcome]', outcome);
  await page.fill('.outcome-form textarea[name=note]', note);
  await Promise.all([page.waitForURL(/recorded=\d+/), page.click('.outcome-form button[type=submit]')]);
  await shoot([`${event}/agenda`], `report-${who}`);
}
await context.clearCookies();
await signIn(`shot-admin-${stamp}@example.com`);
await shoot([`${event}/report`, `${event}/day`, '/associations/qingdao-cross-border-ecommerce-association', '/belts/pingdu-false-eyelashes'], 'report');
await browser.close();

