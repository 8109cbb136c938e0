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

/** The site admin `cargo xtask` made for the browser tests. */
export const ADMIN = { email: process.env.BELTLINK_ADMIN_EMAIL, password: process.env.BELTLINK_ADMIN_PASSWORD };

/** Signs `page` in as the site admin. */
export async function signInAsAdmin(page) {
  await gotoHydrated(page, '/signin');
  await page.fill('#field-email', ADMIN.email);
  await page.fill('#field-password', ADMIN.password);
  await Promise.all([page.waitForURL(`${BASE}/account`), page.click('.form-page button[type=submit]')]);
}

/** Signs in on the sign-in page `page` shows (after a sign-up, or from anywhere). */
export async function signIn(page, email, password) {
  if (!page.url().includes('/signin')) await gotoHydrated(page, '/signin');
  await page.waitForSelector('#field-email');
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL(`${BASE}/account`), page.click('.form-page button[type=submit]')]);
}

/** Signs up on the page `page` shows (`/signup`), then signs in: a sign-up itself signs nobody in. */
export async function signUpAndIn(page, { email, name, role, password }) {
  await page.fill('#field-email', email);
  await page.fill('#field-display_name', name);
  await page.selectOption('#field-role', role);
  await page.fill('#field-password', password);
  await page.fill('#field-password_again', password);
  await Promise.all([page.waitForURL(`${BASE}/signin?welcome=1`), page.click('.form-page button[type=submit]')]);
  await page.waitForSelector('p.notice');
  await signIn(page, email, password);
}
