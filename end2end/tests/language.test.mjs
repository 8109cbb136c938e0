import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, gotoHydrated } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the language follows the browser, switches, and is remembered', async () => {
  const { page, context, problems } = await watchedPage(browser, { locale: 'zh-CN' });
  await gotoHydrated(page, '/belts?province=hunan');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.textContent('h1'), /产业带目录/);

  await Promise.all([page.waitForURL(/\/belts\?province=hunan$/), page.click('.lang-switch')]);
  await page.waitForSelector('html[lang="en"][data-hydrated="true"]');
  assert.match(await page.textContent('h1'), /Industrial belt directory/);
  assert.ok(await page.locator('text=Miluo Fishing Tackle Belt').count() > 0, 'content follows the language too');

  await gotoHydrated(page, '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the choice is remembered');

  await page.click('.lang-switch');
  await page.waitForSelector('html[lang="zh-CN"][data-hydrated="true"]');
  assert.match(await page.textContent('h1'), /让产业带直连全球市场/);
  assert.deepEqual(problems(), []);
  await context.close();
});
