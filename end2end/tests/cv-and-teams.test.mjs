import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, watchedPage, gotoHydrated, signInAsAdmin, signUpAndIn, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function chinaDay(days) {
  const day = new Date(Date.now() + 8 * 3600 * 1000);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** A small valid PDF of `pages` blank pages, written by hand. */
function pdf(pages) {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const bodies = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>')];
  let out = '%PDF-1.7\n';
  const offsets = bodies.map((body, i) => { const at = out.length; out += `${i + 1} 0 obj\n${body}\nendobj\n`; return at; });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  return out + `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

test('a graduate uploads a CV (a page passed off as a PDF is refused first), applies to a competition and forms a team; a second graduate accepts the invitation; the organiser sees the team and reads the CV', async () => {
  const stamp = Date.now();
  const password = 'a-long-enough-secret';
  const files = mkdtempSync(join(tmpdir(), 'beltlink-cv-'));
  writeFileSync(join(files, 'cv.pdf'), pdf(2));
  writeFileSync(join(files, 'fake.pdf'), '<html><script>alert(1)</script></html>');

  const organiser = await watchedPage(browser, { locale: 'en-US' });
  const o = organiser.page;
  await signInAsAdmin(o);
  await gotoHydrated(o, '/programs/new');
  await o.selectOption('#field-organiser', 'qingdao-cross-border-ecommerce-association');
  await o.selectOption('#field-kind', 'competition');
  await o.fill('#field-title_en', `Qingdao talent contest ${stamp}`);
  await o.fill('#field-title_zh', `青岛跨境电商人才大赛 ${stamp}`);
  await o.selectOption('#field-province', 'shandong');
  await o.fill('#field-city_en', 'Qingdao');
  await o.fill('#field-city_zh', '青岛');
  await o.fill('#field-starts_on', chinaDay(30));
  await o.fill('#field-ends_on', chinaDay(31));
  await o.fill('#field-applications_close', chinaDay(20));
  await Promise.all([o.waitForURL(/\/programs\/[a-z0-9-]+\?saved=/), o.click('.program-form button[type=submit]')]);
  const contest = new URL(o.url()).pathname;

  const graduate = async (n, name, locale) => {
    const watched = await watchedPage(browser, { locale, extraHTTPHeaders: { 'X-Forwarded-For': `10.24.${n}.${(stamp % 250) + 1}` } });
    const p = watched.page;
    await gotoHydrated(p, '/signup');
    await signUpAndIn(p, { email: `contest-${n}-${stamp}@example.com`, name, role: 'graduate', password });
    await gotoHydrated(p, '/me/graduate');
    await p.fill('#field-school', 'Qingdao University');
    await p.fill('#field-graduation_year', '2026');
    await Promise.all([p.waitForURL(/\/programs\/for-you\?saved=/), p.click('.graduate-form button[type=submit]')]);
    await gotoHydrated(p, contest);
    await p.fill('#field-motivation', 'I want to compete with my classmates from the lash workshops.');
    await Promise.all([p.waitForURL(/applied=/), p.click('.apply-form button[type=submit]')]);
    await p.waitForSelector('html[data-hydrated="true"]');
    return watched;
  };
  const captain = await graduate(1, 'Ana', 'en-US');
  const a = captain.page;

  // The CV: a page named .pdf is refused at the field; a real PDF is kept and listed.
  await gotoHydrated(a, '/me/graduate');
  await a.setInputFiles('#field-cv', join(files, 'fake.pdf'));
  await Promise.all([a.waitForURL(/cv_error=not_pdf/), a.click('.cv-upload button[type=submit]')]);
  await a.waitForSelector('html[data-hydrated="true"]');
  assert.match(await a.textContent('#field-cv-error'), /not a PDF/);
  await a.setInputFiles('#field-cv', join(files, 'cv.pdf'));
  await Promise.all([a.waitForURL(/cv=added/), a.click('.cv-upload button[type=submit]')]);
  await a.waitForSelector('html[data-hydrated="true"]');
  assert.match(await a.textContent('.cv-kept'), /2 pages/);
  const cvUrl = await a.getAttribute('.cv-kept a[download]', 'href');

  // A team, an invitation answered in Chinese, one link.
  await gotoHydrated(a, contest);
  await a.fill('#field-team_name', 'Lash Rockets');
  await Promise.all([a.waitForURL(/team=/), a.click('.team-form button[type=submit]')]);
  await a.waitForSelector('.my-team');
  const second = await graduate(2, '王芳', 'zh-CN');
  await a.fill('#field-email', `contest-2-${stamp}@example.com`);
  await Promise.all([a.waitForURL(/team=/), a.click('.team-invite-form button[type=submit]')]);
  await a.waitForSelector('.pending-invitations');
  const b = second.page;
  await gotoHydrated(b, contest);
  assert.match(await b.textContent('.team-invitations'), /Lash Rockets/);
  await Promise.all([b.waitForURL(/team=/), b.click('.team-invitations button[value=accept]')]);
  await b.waitForSelector('.my-team');
  assert.match(await b.textContent('.my-team'), /王芳/);
  await b.fill('#field-link', 'https://github.com/lash-rockets/listing-tool');
  await Promise.all([b.waitForURL(/team=/), b.click('.team-link-form button[type=submit]')]);
  await b.waitForSelector('.my-team a[href="https://github.com/lash-rockets/listing-tool"]');

  // The organiser sees the team and reads the CV.
  await gotoHydrated(o, `${contest}/applications`);
  const teams = await o.textContent('#teams');
  assert.match(teams, /Lash Rockets/);
  assert.match(teams, /王芳/);
  const response = await o.request.get(BASE + cvUrl);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-disposition'], 'attachment; filename="cv.pdf"');

  for (const watched of [organiser, captain, second]) assert.deepEqual(watched.problems(), []);
});
