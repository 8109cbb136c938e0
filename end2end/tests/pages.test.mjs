import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, watchedPage, gotoHydrated } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the belt directory is in the HTML before any script runs', async () => {
  const html = await (await fetch(`${BASE}/belts`, { headers: { 'accept-language': 'zh-CN' } })).text();
  assert.match(html, /平度假睫毛产业带/);
  assert.match(html, /汨罗钓具产业带/);

  // And a browser with JavaScript off sees and can use it.
  const { page, context } = await watchedPage(browser, { javaScriptEnabled: false, locale: 'en-US' });
  await page.goto(`${BASE}/belts`);
  assert.ok(await page.locator('a[href="/belts/pingdu-false-eyelashes"]').count() > 0);
  await page.selectOption('#filter-province', 'hunan');
  await Promise.all([page.waitForURL(/province=hunan/), page.click('.filters button[type=submit]')]);
  assert.ok(await page.locator('a[href="/belts/miluo-fishing-tackle"]').count() > 0);
  assert.equal(await page.locator('a[href="/belts/pingdu-false-eyelashes"]').count(), 0);
  await context.close();
});

test('every page hydrates under its Content-Security-Policy, without console errors or hydration warnings', async () => {
  const paths = ['/', '/belts', '/belts?province=shandong', '/belts/pingdu-false-eyelashes', '/orgs/zongteng-group', '/suppliers/qingdao-kailaishi-cosmetics', '/search?q=eyelashes', '/search', '/signup', '/signin?next=%2Fbelts', '/signin?welcome=1'];
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context, problems } = await watchedPage(browser, { locale });
    for (const path of paths) {
      const response = await gotoHydrated(page, path);
      // A policy violation is a console error, so hydrating cleanly proves the policy lets the page work.
      const policy = response.headers()['content-security-policy'];
      assert.match(policy, /script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/, path);
      assert.doesNotMatch(policy, /unsafe-inline/, path);
      // Give effects a moment to run after hydration.
      await page.waitForTimeout(150);
    }
    assert.deepEqual(problems(), [], `console problems in ${locale}`);
    await context.close();
  }
});

test('a missing belt is a 404 page', async () => {
  const { page, context } = await watchedPage(browser, { locale: 'en-US' });
  const response = await page.goto(`${BASE}/belts/no-such-belt`);
  assert.equal(response.status(), 404);
  assert.match(await page.textContent('h1'), /Page not found/);
  await context.close();
});
