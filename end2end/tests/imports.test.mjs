import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated, signInAsAdmin, signUpAndIn, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const COLUMNS = 'slug,name_zh,name_en,province,city_zh,city_en,belt,products_zh,products_en,categories,moq_value,moq_unit,capacity_value,capacity_unit,lead_time_days,sample_policy,price_band,certifications,certifications_other,export_markets,business_models,platforms,languages,floor_area_m2,overseas_warehouse,publish';

test('an association asks to be approved, a site admin approves it, and it imports its member factories', async () => {
  const { page, context, problems } = await watchedPage(browser, { locale: 'en-US' });
  const stamp = Date.now();
  await gotoHydrated(page, '/signup');
  assert.equal(await page.locator('#field-role option[value="association_admin"]').count(), 0, 'association powers are not chosen');
  await signUpAndIn(page, { email: `secretary-${stamp}@example.com`, name: 'Liu Yang', role: 'graduate', password: 'a-long-enough-secret' });
  await Promise.all([page.waitForURL(`${BASE}/orgs/new`), page.click('a[href="/orgs/new"]')]);
  await page.waitForSelector('#field-kind');
  await page.selectOption('#field-kind', 'association');
  await page.fill('#field-name_en', `Lash Makers Association ${stamp}`);
  await page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([page.waitForURL(/\/orgs\/lash-makers-association-\d+$/), page.click('.form-page button[type=submit]')]);
  const slug = new URL(page.url()).pathname.split('/').pop();
  assert.match(await page.textContent('.notice'), /waits for a site admin/);
  assert.equal(await page.locator(`a[href="/orgs/${slug}/members"]`).count(), 0, 'no member import before approval');

  // A site admin approves it from the approvals page.
  const admin = await watchedPage(browser, { locale: 'en-US' });
  await signInAsAdmin(admin.page);
  await gotoHydrated(admin.page, '/admin/approvals');
  const request = admin.page.locator('li.approval', { has: admin.page.locator(`a[href="/orgs/${slug}"]`) });
  await Promise.all([admin.page.waitForURL(`${BASE}/admin/approvals`), request.locator('button[value=approve]').click()]);
  await admin.page.waitForFunction((s) => !document.querySelector(`li.approval a[href="/orgs/${s}"]`), slug);
  assert.deepEqual(admin.problems(), []);
  await admin.context.close();

  await gotoHydrated(page, `/orgs/${slug}`);

  await Promise.all([page.waitForURL(`${BASE}/orgs/${slug}/members`), page.click(`a[href="/orgs/${slug}/members"]`)]);
  await page.waitForSelector('#field-file');
  const rows = [
    COLUMNS,
    `,,Import Silk Lashes ${stamp},shandong,,Pingdu,pingdu-false-eyelashes,,Silk lashes ${stamp},false-eyelashes,500,pair,,,,,,,,US,,,,,,yes`,
    `,,Wrong Belt ${stamp},,,,miluo-fishing-tackle,,Rods,fishing-tackle,,,,,,,,,,,,,,,,no`,
  ].join('\n');
  await page.setInputFiles('#field-file', { name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
  await Promise.all([page.waitForURL(/\/members\/import\/\d+$/), page.click('.import-form button[type=submit]')]);
  await page.waitForSelector('.import-job[data-status="finished"]', { timeout: 20_000 });
  assert.equal((await page.textContent('dd.done')).trim(), '2 / 2');
  assert.equal((await page.textContent('dd.created')).trim(), '1');
  assert.equal((await page.textContent('dd.failed')).trim(), '1');
  assert.match(await page.textContent('table.row-problems'), /3\s*belt\s*miluo-fishing-tackle\s*Choose one of the options/);

  await page.click(`a[href="/orgs/${slug}/members"]`);
  await page.waitForSelector(`td:has-text("Import Silk Lashes ${stamp}")`);
  assert.deepEqual(problems(), []);
  await context.close();
});
