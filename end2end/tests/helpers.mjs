import { execFileSync } from 'node:child_process';
// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, and a watcher that fails a test on any console error or
// warning (Leptos reports hydration mismatches there).
import { chromium } from 'playwright-core';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** The messages the site's SMTP server received for `to`, decoded, newest last. */
export function mailTo(to) {
  const dir = process.env.BELTLINK_MAILDIR;
  if (!dir) throw new Error('BELTLINK_MAILDIR is unset: cargo xtask e2e sets it');
  const files = [];
  for (const folder of ['new', 'cur']) {
    const path = join(dir, folder);
    if (existsSync(path)) files.push(...readdirSync(path).map((name) => join(path, name)));
  }
  files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  return files.map((file) => decodeMessage(readFileSync(file, 'latin1'))).filter((m) => m.to.includes(to));
}

/** Waits up to 20 s for a message to `to` whose decoded body holds `path?token=…`; that link's path. */
export async function linkMailedTo(to, path) {
  const pattern = new RegExp(`${path.replace(/[/]/g, '\\/')}\\?token=[0-9a-f]{64}`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const message of mailTo(to).reverse()) {
      const found = message.body.match(pattern);
      if (found) return found[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} with a ${path} link arrived`);
}

/** Headers and the text body of a single-part message, transfer encoding undone. */
function decodeMessage(raw) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name) => (unfolded.match(new RegExp(`^${name}:\\s*(.*)$`, 'im')) ?? [])[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const body = rest.join('\n\n');
  let bytes;
  if (encoding === 'base64') {
    bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  } else if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const out = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        out.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.push(soft.charCodeAt(i));
      }
    }
    bytes = Buffer.from(out);
  } else {
    bytes = Buffer.from(body, 'latin1');
  }
  return { to: header('To'), body: bytes.toString('utf8') };
}

/** Searches for `query` from the header's box; already on /search (which has only its own box), loads the results afresh. */
export async function searchFor(page, query) {
  if ((await page.locator('#header-q').count()) === 0) {
    await gotoHydrated(page, `/search?q=${encodeURIComponent(query)}`);
    return;
  }
  await page.fill('#header-q', query);
  await Promise.all([page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === query), page.press('#header-q', 'Enter')]);
}

/** Searches from the header until `href` is among the results (publishing reaches search within seconds); whether it was. */
export async function foundThroughHeaderSearch(page, query, href) {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await searchFor(page, query);
    await page.waitForSelector('#main h1');
    if ((await page.locator(`#main a[href="${href}"]`).count()) > 0) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

/**
 * Lets days pass for a story that needs its event to have happened: sets the
 * event's day in the server's SQLite database (the one thing a browser cannot
 * do is wait for a date). `daysAgo` counts back from today in China.
 */
export function eventHeldDaysAgo(slug, daysAgo) {
  const chinaToday = new Date(Date.now() + 8 * 3600 * 1000);
  chinaToday.setUTCDate(chinaToday.getUTCDate() - daysAgo);
  const day = chinaToday.toISOString().slice(0, 10);
  const database = `${process.env.BELTLINK_DATA_DIR}/beltlink.sqlite`;
  if (!/^[a-z0-9-]+$/.test(slug)) throw new Error(`not a slug: ${slug}`);
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', database, `UPDATE events SET day = '${day}' WHERE slug = '${slug}'`]);
}
