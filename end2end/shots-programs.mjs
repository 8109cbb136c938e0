// Not a test: `node end2end/shots-programs.mjs` against a server on 127.0.0.1:3555 (see shots.mjs),
// with BELTLINK_DATA_DIR set to that server's data directory (the script makes its account a site
// admin the operator's way). Screenshots of the program pages (the list, a demo program, the form
// with its refusals, a belt page's programs), a graduate's (the profile form, the programs for
// them, applying, their applications, their CV, a competition team) and the organisers' review, at 1280
// and 375 px in both languages.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const base = process.env.BELTLINK_URL ?? 'http://127.0.0.1:3555';
const stamp = Date.now();
const email = `shot-program-${stamp}@example.com`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const hydrated = async (path) => {
  await page.goto(base + path);
  await page.waitForSelector('html[data-hydrated="true"]', { timeout: 30000 });
};
await hydrated('/signup');
await page.fill('#field-email', email);
await page.fill('#field-display_name', 'Shot');
await page.selectOption('#field-role', 'graduate');
await page.fill('#field-password', 'a-long-enough-secret');
await page.fill('#field-password_again', 'a-long-enough-secret');
await Promise.all([page.waitForURL(/welcome/), page.click('.form-page button[type=submit]')]);
execFileSync('target/debug/server', ['make-admin', email], { env: process.env, stdio: 'inherit' });
await hydrated('/signin');
await page.fill('#field-email', email);
await page.fill('#field-password', 'a-long-enough-secret');
await Promise.all([page.waitForURL(`${base}/account`), page.click('.form-page button[type=submit]')]);
await hydrated('/programs');
const program = await page.locator('.program-card h3 a').first().getAttribute('href');
for (const locale of ['en', 'zh']) {
  await hydrated(`/lang/${locale}?next=/`).catch(() => {});
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/programs', program, '/programs/new', '/belts/junshan-yinzhen-tea']) {
      await hydrated(path);
      if (path === '/programs/new') {
        // The form's refusals, each at its field and summed up on top.
        await page.fill('#field-starts_on', '2020-01-01');
        await page.click('.program-form button[type=submit]');
        await page.waitForSelector('.error-summary');
      }
      const name = `/tmp/shots/programs${path.replace(/[^a-z0-9]+/gi, '_')}_${locale}_${width}.png`;
      await page.screenshot({ path: name, fullPage: true });
      const over = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      console.log(name, over ? 'OVERFLOWS' : 'ok');
    }
  }
}
// A graduate with a profile.
const graduate = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })).newPage();
const go = async (path) => {
  await graduate.goto(base + path);
  await graduate.waitForSelector('html[data-hydrated="true"]', { timeout: 30000 });
};
await go('/signup');
await graduate.fill('#field-email', `shot-graduate-${stamp}@example.com`);
await graduate.fill('#field-display_name', 'Graduate');
await graduate.selectOption('#field-role', 'graduate');
await graduate.fill('#field-password', 'a-long-enough-secret');
await graduate.fill('#field-password_again', 'a-long-enough-secret');
await Promise.all([graduate.waitForURL(/welcome/), graduate.click('.form-page button[type=submit]')]);
await go('/signin');
await graduate.fill('#field-email', `shot-graduate-${stamp}@example.com`);
await graduate.fill('#field-password', 'a-long-enough-secret');
await Promise.all([graduate.waitForURL(`${base}/account`), graduate.click('.form-page button[type=submit]')]);
await go('/me/graduate');
await graduate.fill('#field-school', 'Hunan Institute of Science and Technology');
await graduate.selectOption('#field-major', 'ecommerce');
await graduate.fill('#field-graduation_year', '2023');
await graduate.selectOption('#field-language_1', 'en');
await graduate.selectOption('#field-level_1', 'working');
await graduate.fill('#field-preferred_cities', 'Yueyang, Qingdao');
await Promise.all([graduate.waitForURL(/for-you/), graduate.click('.graduate-form button[type=submit]')]);
for (const locale of ['en', 'zh']) {
  await go(`/lang/${locale}?next=/`).catch(() => {});
  for (const width of [1280, 375]) {
    await graduate.setViewportSize({ width, height: 900 });
    for (const path of ['/programs/for-you', '/me/graduate', '/account']) {
      await go(path);
      const name = `/tmp/shots/graduate${path.replace(/[^a-z0-9]+/gi, '_')}_${locale}_${width}.png`;
      await graduate.screenshot({ path: name, fullPage: true });
      const over = await graduate.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      console.log(name, over ? 'OVERFLOWS' : 'ok');
    }
  }
}
// The graduate applies to the growth camp (a motivation too short first); the admin reviews it.
await go('/lang/en?next=/').catch(() => {});
await graduate.setViewportSize({ width: 1280, height: 900 });
await go('/programs');
const camp = await graduate.locator('.program-card h3 a', { hasText: 'growth camp' }).first().getAttribute('href');
await go(camp);
await graduate.fill('#field-motivation', 'Too short');
await graduate.click('.apply-form button[type=submit]');
await graduate.waitForSelector('.error-summary');
await graduate.screenshot({ path: '/tmp/shots/apply_refused_en_1280.png', fullPage: true });
await graduate.fill('#field-motivation', 'My family grows Junshan tea in Yueyang and I want to sell it abroad.');
await Promise.all([graduate.waitForURL(/applied=/), graduate.click('.apply-form button[type=submit]')]);
const shoot = async (who, prefix, paths) => {
  for (const locale of ['en', 'zh']) {
    await who.goto(`${base}/lang/${locale}?next=/`).catch(() => {});
    for (const width of [1280, 375]) {
      await who.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        await who.goto(base + path);
        await who.waitForSelector('html[data-hydrated="true"]', { timeout: 30000 });
        const name = `/tmp/shots/${prefix}${path.replace(/[^a-z0-9]+/gi, '_')}_${locale}_${width}.png`;
        await who.screenshot({ path: name, fullPage: true });
        const over = await who.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        console.log(name, over ? 'OVERFLOWS' : 'ok');
      }
    }
  }
};
await shoot(graduate, 'applicant', [camp, '/me/applications']);
await shoot(page, 'review', [`${camp}/applications`]);
// A job fair with a demo firm taking part: the graduate marks it; the admin sees who did.
const employer = execFileSync('sqlite3', [`${process.env.BELTLINK_DATA_DIR}/beltlink.sqlite`,
  "SELECT slug FROM organisations WHERE kind = 'manufacturer' AND hidden_at IS NULL ORDER BY id LIMIT 1"]).toString().trim();
const day = (n) => new Date(Date.now() + (8 * 3600 + n * 86400) * 1000).toISOString().slice(0, 10);
await page.goto(`${base}/lang/en?next=/`).catch(() => {});
await page.goto(`${base}/programs/new`);
await page.waitForSelector('html[data-hydrated="true"]', { timeout: 30000 });
await page.selectOption('#field-organiser', 'qingdao-cross-border-ecommerce-association');
await page.selectOption('#field-kind', 'job_fair');
await page.fill('#field-title_en', `Qingdao lash makers' job fair ${stamp}`);
await page.fill('#field-title_zh', `青岛假睫毛企业招聘会 ${stamp}`);
await page.selectOption('#field-province', 'shandong');
await page.fill('#field-city_en', 'Qingdao');
await page.fill('#field-city_zh', '青岛');
await page.fill('#field-starts_on', day(20));
await page.fill('#field-ends_on', day(20));
await page.fill('#field-applications_close', day(15));
await page.fill('#field-companies', employer);
await Promise.all([page.waitForURL(/saved=/), page.click('.program-form button[type=submit]')]);
const fair = new URL(page.url()).pathname;
await go(fair);
await Promise.all([graduate.waitForURL(/marked=/), graduate.click('.employer-marks button')]);
await shoot(graduate, 'fair_graduate', [fair]);
await shoot(page, 'fair_employer', [fair]);
// The graduate's CV: a refusal (a page passed off as a PDF), then a real two-page PDF.
const pdf = (() => {
  const bodies = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let out = '%PDF-1.7\n';
  const offsets = bodies.map((body, i) => { const at = out.length; out += `${i + 1} 0 obj\n${body}\nendobj\n`; return at; });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  return out + `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
})();
writeFileSync('/tmp/shots/cv.pdf', pdf);
writeFileSync('/tmp/shots/not-a-cv.pdf', '<html><script>alert(1)</script></html>');
await go('/me/graduate');
await graduate.setInputFiles('#field-cv', '/tmp/shots/not-a-cv.pdf');
await Promise.all([graduate.waitForURL(/cv_error=/), graduate.click('.cv-upload button[type=submit]')]);
await graduate.waitForSelector('html[data-hydrated="true"]');
await graduate.screenshot({ path: '/tmp/shots/cv_refused_en_1280.png', fullPage: true });
await graduate.setInputFiles('#field-cv', '/tmp/shots/cv.pdf');
await Promise.all([graduate.waitForURL(/cv=added/), graduate.click('.cv-upload button[type=submit]')]);
// A competition: the graduate applies, forms a team and sets its link; the admin sees the teams.
await page.goto(`${base}/lang/en?next=/`).catch(() => {});
await page.goto(`${base}/programs/new`);
await page.waitForSelector('html[data-hydrated="true"]', { timeout: 30000 });
await page.selectOption('#field-organiser', 'qingdao-cross-border-ecommerce-association');
await page.selectOption('#field-kind', 'competition');
await page.fill('#field-title_en', `Qingdao cross-border talent contest ${stamp}`);
await page.fill('#field-title_zh', `青岛跨境电商人才大赛 ${stamp}`);
await page.selectOption('#field-province', 'shandong');
await page.fill('#field-city_en', 'Qingdao');
await page.fill('#field-city_zh', '青岛');
await page.fill('#field-starts_on', day(30));
await page.fill('#field-ends_on', day(31));
await page.fill('#field-applications_close', day(20));
await Promise.all([page.waitForURL(/saved=/), page.click('.program-form button[type=submit]')]);
const contest = new URL(page.url()).pathname;
await go(contest);
await graduate.fill('#field-motivation', 'I want to compete with my classmates from the lash workshops.');
await Promise.all([graduate.waitForURL(/applied=/), graduate.click('.apply-form button[type=submit]')]);
await graduate.waitForSelector('html[data-hydrated="true"]');
await graduate.fill('#field-team_name', 'Lash Rockets 睫毛火箭队');
await Promise.all([graduate.waitForURL(/team=/), graduate.click('.team-form button[type=submit]')]);
await graduate.waitForSelector('html[data-hydrated="true"]');
await graduate.fill('#field-link', 'https://github.com/lash-rockets/a-rather-long-repository-name-for-the-listing-tool');
await Promise.all([graduate.waitForURL(/team=/), graduate.click('.team-link-form button[type=submit]')]);
await shoot(graduate, 'cv', ['/me/graduate']);
await shoot(graduate, 'contest_graduate', [contest]);
await shoot(page, 'contest_review', [`${contest}/applications`]);
await browser.close();
