import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('typing on /search replaces the results without loading a page', async () => {
  const { page, context, problems } = await watchedPage(browser, { locale: 'en-US' });
  await gotoHydrated(page, '/search');
  await page.evaluate(() => { window.__sameDocument = true; });

  await page.locator('#search-q').pressSequentially('eyelashes', { delay: 20 });
  await page.waitForSelector('#search-results a[href="/belts/pingdu-false-eyelashes"]');
  assert.match(page.url(), /\/search\?q=eyelashes$/, 'the URL follows the query');

  await page.fill('#search-q', '');
  await page.locator('#search-q').pressSequentially('钓具', { delay: 20 });
  await page.waitForSelector('#search-results a[href="/belts/miluo-fishing-tackle"]');
  assert.equal(await page.locator('#search-results a[href="/belts/pingdu-false-eyelashes"]').count(), 0, 'old results are replaced');

  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load happened');
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the header search box finds Pingdu in Chinese and in English', async () => {
  const { page, context } = await watchedPage(browser, { locale: 'zh-CN' });
  for (const query of ['假睫毛', 'eyelashes']) {
    await gotoHydrated(page, '/belts');
    await page.fill('#header-q', query);
    await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#header-q', 'Enter')]);
    await page.waitForSelector('#search-results a[href="/belts/pingdu-false-eyelashes"]');
  }
  await context.close();
});
