import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, crc32 } from 'node:zlib';
import { launch, watchedPage, gotoHydrated, signUpAndIn, BASE, foundThroughHeaderSearch } from './helpers.mjs';

/** A real, decodable PNG of `size` × `size` grey pixels. */
function greyPng(size) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc(size * (size + 1), 0x99);
  for (let y = 0; y < size; y += 1) rows[y * (size + 1)] = 0; // filter byte per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a manufacturer fills a profile, fixes a mistake, publishes, and is found in Chinese and English', async () => {
  const { page, context, problems } = await watchedPage(browser, { locale: 'en-US' });
  const stamp = Date.now();
  const email = `profile-${stamp}@example.com`;
  await gotoHydrated(page, '/signup');
  await signUpAndIn(page, { email, name: 'Zhang Min', role: 'manufacturer', password: 'a-long-enough-secret' });

  await Promise.all([page.waitForURL(`${BASE}/orgs/new`), page.click('a[href="/orgs/new"]')]);
  await page.waitForSelector('#field-name_en');
  await page.fill('#field-name_zh', '张敏真丝睫毛厂');
  await page.fill('#field-name_en', `Zhang Min Silk Lashes ${stamp}`);
  await page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([page.waitForURL(/\/orgs\/zhang-min-silk-lashes-\d+$/), page.click('.form-page button[type=submit]')]);
  const slug = new URL(page.url()).pathname.split('/').pop();

  await Promise.all([page.waitForURL(`${BASE}/orgs/${slug}/profile`), page.click(`a[href="/orgs/${slug}/profile"]`)]);
  await page.waitForSelector('#field-products_zh');
  await page.evaluate(() => { window.__noReload = true; });
  await page.fill('#field-products_zh', '手工真丝假睫毛、磁吸睫毛');
  await page.fill('#field-products_en', 'Handmade silk strip lashes and magnetic lashes');
  await page.check('#categories-false-eyelashes');
  await page.fill('#field-moq_value', '1,000');
  await page.selectOption('#field-moq_unit', 'pair');
  await page.fill('#field-lead_time_days', 'two weeks');
  await page.check('#certifications-bsci');
  await page.fill('#field-export_markets', 'US, JP, DE');
  await page.check('#business_models-own_brand');
  await page.click('.profile-form button[type=submit]');

  await page.waitForSelector('#field-lead_time_days-error:has-text("Enter a whole number")');
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the error arrived without a page load');
  assert.equal(await page.getAttribute('#field-lead_time_days', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-lead_time_days', 'focus moved to the refused field');
  assert.match(await page.textContent('.error-summary'), /1 problem to fix/, 'a summary above the form');
  assert.equal(await page.locator('.error-summary a[href="#field-lead_time_days"]').count(), 1, 'linking to the field');
  assert.equal(await page.getAttribute('#field-moq_value', 'inputmode'), 'numeric', 'phones offer digits');
  assert.equal(await page.inputValue('#field-export_markets'), 'US, JP, DE', 'other input is kept');
  assert.equal(await page.inputValue('#field-moq_value'), '1,000');
  assert.ok(await page.isChecked('#certifications-bsci'));

  await page.fill('#field-lead_time_days', '14');
  await Promise.all([page.waitForURL(/\/profile\?saved=1$/), page.click('.profile-form button[type=submit]')]);
  await page.waitForSelector('.profile-status:has-text("Draft")');

  // A photo, posted by the browser as a plain multipart form.
  await page.setInputFiles('#field-photo', { name: 'workshop.png', mimeType: 'image/png', buffer: greyPng(240) });
  await page.fill('#field-caption', 'Hand-tying workshop');
  await Promise.all([page.waitForURL(/photo=added/), page.click('.photo-upload button[type=submit]')]);
  await page.waitForSelector('html[data-hydrated="true"]');
  await page.waitForSelector('.photos img[alt="Hand-tying workshop"]');
  // Served, and decoded by the browser: the real type went with it.
  await page.$eval('.photos img', (img) => img.scrollIntoView());
  await page.waitForFunction(() => document.querySelector('.photos img')?.naturalWidth === 240);
  await Promise.all([page.waitForURL(`${BASE}/suppliers/${slug}`), page.click('.status-button')]);
  await page.waitForSelector('text=1,000 pairs');
  assert.match(await page.textContent('main'), /14 days/);
  await page.waitForSelector('.photo-grid img[alt="Hand-tying workshop"]');

  const href = `/suppliers/${slug}`;
  assert.ok(await foundThroughHeaderSearch(page, `Zhang Min Silk Lashes ${stamp}`, href), 'found in English');
  assert.ok(await foundThroughHeaderSearch(page, '张敏真丝睫毛厂', href), 'found in Chinese');
  await Promise.all([page.waitForURL(`${BASE}${href}`), page.click(`#main a[href="${href}"]`)]);
  await page.waitForSelector('text=Handmade silk strip lashes');

  // Unpublishing shows at once, without a reload.
  await gotoHydrated(page, `/orgs/${slug}/profile`);
  await page.waitForSelector('.profile-status:text-is("Published")');
  await page.evaluate(() => { window.__noReload = true; });
  await Promise.all([page.waitForURL(`${BASE}/orgs/${slug}/profile?unpublished=1`), page.click('.status-button')]);
  await page.waitForSelector('.profile-status:has-text("Unpublished")');
  await page.waitForSelector('.status-button:text-is("Publish")');
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page changed without a reload');

  // The refused save (400) is the one non-2xx response this story expects.
  const expected = /Failed to load resource: the server responded with a status of 400/;
  assert.deepEqual(problems().filter((p) => !expected.test(p)), []);
  await context.close();
});

test('a service provider lists an offering and its page shows it', async () => {
  const { page, context, problems } = await watchedPage(browser, { locale: 'zh-CN' });
  const stamp = Date.now();
  await gotoHydrated(page, '/signup');
  await signUpAndIn(page, { email: `provider-${stamp}@example.com`, name: '陈立', role: 'service_provider', password: 'a-long-enough-secret' });
  await Promise.all([page.waitForURL(`${BASE}/orgs/new`), page.click('a[href="/orgs/new"]')]);
  await page.waitForSelector('#field-name_en');
  await page.fill('#field-name_zh', '洛杉矶睫毛物流');
  await page.fill('#field-name_en', `LA Lash Freight ${stamp}`);
  await page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([page.waitForURL(/\/orgs\/la-lash-freight-\d+$/), page.click('.form-page button[type=submit]')]);
  const slug = new URL(page.url()).pathname.split('/').pop();

  await Promise.all([page.waitForURL(`${BASE}/orgs/${slug}/offerings`), page.click(`a[href="/orgs/${slug}/offerings"]`)]);
  await Promise.all([page.waitForURL(`${BASE}/orgs/${slug}/offerings/new`), page.click(`a[href="/orgs/${slug}/offerings/new"]`)]);
  await page.waitForSelector('#field-service_type');
  await page.fill('#field-title_zh', '洛杉矶海外仓一件代发');
  await page.fill('#field-markets', 'US, 火星');
  await page.click('.offering-form button[type=submit]');
  await page.waitForSelector('#field-service_type-error:has-text("此项必填")');
  await page.waitForSelector('#field-markets-error:has-text("火星")');
  assert.equal(await page.inputValue('#field-title_zh'), '洛杉矶海外仓一件代发', 'input kept');
  await page.selectOption('#field-service_type', 'overseas_warehouse');
  await page.fill('#field-markets', 'US');
  await Promise.all([page.waitForURL(new RegExp(`/orgs/${slug}/offerings\\?saved=\\d+$`)), page.click('.offering-form button[type=submit]')]);
  await page.waitForSelector('.offering:has-text("洛杉矶海外仓一件代发")');
  await gotoHydrated(page, `/orgs/${slug}`);
  assert.match(await page.textContent('#offerings'), /海外仓[\s\S]*美国/);

  const expected = /Failed to load resource: the server responded with a status of 400/;
  assert.deepEqual(problems().filter((p) => !expected.test(p)), []);
  await context.close();
});
