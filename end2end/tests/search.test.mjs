import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated, BASE } from './helpers.mjs';

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
  // Each keystroke asks afresh; the answer to the whole word ("钓具", not "钓") is the one that stays.
  await page.waitForURL((url) => url.searchParams.get('q') === '钓具');
  await page.waitForFunction(() => !document.querySelector('#search-results a[href="/belts/pingdu-false-eyelashes"]'), null, { timeout: 10_000 })
    .catch(() => {});
  assert.equal(await page.locator('#search-results a[href="/belts/pingdu-false-eyelashes"]').count(), 0, 'old results are replaced');

  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load happened');
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the header search box finds Pingdu in Chinese and in English, and /search has one box only', async () => {
  const { page, context } = await watchedPage(browser, { locale: 'zh-CN' });
  for (const query of ['假睫毛', 'eyelashes']) {
    await gotoHydrated(page, '/belts');
    await page.fill('#header-q', query);
    await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#header-q', 'Enter')]);
    await page.waitForSelector('#search-results a[href="/belts/pingdu-false-eyelashes"]');
    assert.equal(await page.locator('#header-q').count(), 0, 'no second box that would disagree with the page');
    assert.equal(await page.inputValue('#search-q'), query, 'the page box holds the query');
  }
  await context.close();
});

test('clicking facets and sorting narrow the results in place, and Back undoes them', async () => {
  const { page, context, problems } = await watchedPage(browser, { locale: 'en-US' });
  await gotoHydrated(page, '/search?q=qingdao');
  await page.evaluate(() => { window.__sameDocument = true; });
  const total = async () => Number((await page.locator('#search-summary').textContent()).match(/\d+/)[0]);
  const before = await total();

  const belts = page.locator('#facet-kind a[data-value="belt"]');
  const beltCount = Number(await belts.locator('.facet-count').textContent());
  await belts.click();
  await page.waitForURL(/\/search\?q=qingdao&kind=belt$/);
  await page.waitForFunction((n) => document.querySelector('#search-summary')?.textContent.includes(`${n} results`), beltCount);
  assert.ok(beltCount < before, 'the facet narrowed the results');
  assert.equal(await page.locator('#facet-kind a.selected').getAttribute('data-value'), 'belt');
  assert.match(await page.locator('#active-filters').textContent(), /Type: Belts/);

  await page.selectOption('#search-sort', 'updated');
  await page.waitForURL(/sort=updated/);
  await page.waitForSelector('#search-results');

  await page.goBack();
  await page.waitForURL(/\/search\?q=qingdao&kind=belt$/);
  await page.goBack();
  await page.waitForURL(/\/search\?q=qingdao$/);
  await page.waitForFunction((n) => document.querySelector('#search-summary')?.textContent.includes(`${n} results`), before);
  assert.equal(await page.locator('#facet-kind a.selected').count(), 0);

  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load happened');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('without JavaScript the search form and facet links still search', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE + '/search?q=%E9%92%93%E5%85%B7');
  await page.click('#facet-kind a[data-value="belt"]');
  await page.waitForURL(/kind=belt/);
  await page.fill('#search-q', '假睫毛');
  await Promise.all([page.waitForURL(/q=%E5%81%87%E7%9D%AB%E6%AF%9B/), page.press('#search-q', 'Enter')]);
  assert.match(page.url(), /kind=belt/, 'the chosen facet survives a new query');
  await page.waitForSelector('#search-results a[href="/belts/pingdu-false-eyelashes"]');
  assert.ok(await page.locator('#search-results mark').count() > 0, 'matches are marked');
  await context.close();
});
