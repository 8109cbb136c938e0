// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, and a watcher that fails a test on any console error or
// warning (Leptos reports hydration mismatches there).
import { chromium } from 'playwright-core';

export const BASE = process.env.BELTLINK_URL ?? 'http://127.0.0.1:3000';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A page that records console problems; `problems()` lists them. */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const seen = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') seen.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => seen.push(`pageerror: ${err.message}`));
  return { page, context, problems: () => seen };
}

export async function gotoHydrated(page, path) {
  const response = await page.goto(BASE + path);
  await page.waitForSelector('html[data-hydrated="true"]', { timeout: 30_000 });
  return response;
}
