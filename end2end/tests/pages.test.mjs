import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, watchedPage, gotoHydrated, signUpAndIn } from './helpers.mjs';

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

test('no public page scrolls sideways on a phone, in either language, even with a long unbroken name', async () => {
  // An organisation whose name is one long word, as people sometimes type them.
  const stamp = Date.now();
  const maker = await watchedPage(browser, { locale: 'en-US' });
  await gotoHydrated(maker.page, '/signup');
  await signUpAndIn(maker.page, { email: `long-${stamp}@example.com`, name: `Wang${'x'.repeat(60)}`, role: 'manufacturer', password: 'long-names-wrap-1' });
  await gotoHydrated(maker.page, '/orgs/new');
  const longName = `Pingdu${'Eyelash'.repeat(14)}${stamp}`;
  await maker.page.fill('#field-name_en', longName);
  await maker.page.check('#belt-pingdu-false-eyelashes');
  await Promise.all([maker.page.waitForURL((u) => u.pathname.startsWith('/orgs/') && u.pathname !== '/orgs/new'), maker.page.click('.form-page button[type=submit]')]);
  const longOrg = new URL(maker.page.url()).pathname;
  await maker.context.close();

  const paths = [
    '/', '/belts', '/belts?province=shandong', '/belts/pingdu-false-eyelashes', '/orgs/zongteng-group', longOrg,
    '/suppliers/qingdao-kailaishi-cosmetics', '/search?q=eyelashes', `/search?q=${longName}`, '/search', '/signup', '/signin',
    '/forgot-password', '/no-such-page',
  ];
  for (const width of [360, 390]) {
    for (const locale of ['zh-CN', 'en-US']) {
      const { page, context } = await watchedPage(browser, { locale, viewport: { width, height: 800 }, isMobile: true });
      for (const path of paths) {
        await page.goto(BASE + path);
        await page.waitForSelector('html[data-hydrated="true"]');
        const wide = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
        assert.ok(wide.scroll <= wide.view, `${path} at ${width}px in ${locale} scrolls sideways: ${wide.scroll} > ${wide.view}`);
      }
      // The filters fold behind a button, and open on a tap.
      await gotoHydrated(page, '/search?q=eyelashes');
      assert.equal(await page.isVisible('.facets'), false, 'filters folded away');
      await page.click('.filters-button');
      assert.equal(await page.isVisible('.facets'), true, 'and shown on a tap');
      await context.close();
    }
  }
});
