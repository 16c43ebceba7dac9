/** Debian's chromium through playwright-core; absent chromium skips locally and fails on CI. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

if (!hasChromium) {
  const msg = `\n\n  *** e2e: ${CHROMIUM} not found — install it with: apt-get install -y chromium fonts-noto-cjk ***\n\n`;
  if (process.env.CI) throw new Error(msg);
  console.warn(msg + '  *** e2e browser tests are SKIPPED ***\n');
}

export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page at 1366×768 that fails the test on any uncaught page error or CSP violation. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // The server sends a Content-Security-Policy: anything it blocks is a failure too.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(`csp: ${m.text()}`);
  });
  page.setDefaultTimeout(15_000);
  return page;
}

export async function shot(page: Page, name: string, fullPage = false) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // The header is sticky: a full-page capture from a scrolled page would paint it mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

export async function signIn(page: Page, base: string, username: string, password = 'demo-2026-aid') {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Picks an option of the antd (single) Select that holds `trigger` (see pickFrom). */
/** Opens a page from the header's navigation: its link, or the 更多 menu when it did not fit. */
export async function navTo(page: Page, label: string) {
  const link = page.locator('nav.shell-nav > a', { hasText: label });
  await link.waitFor({ state: 'attached' });
  if (await link.isVisible()) return link.click();
  // Under the 更多 menu: a click on an item while the menu is still opening can be lost on a busy
  // machine, so the pick is tried again until the page has moved.
  const from = page.url();
  for (let attempt = 0; attempt < 3; attempt++) {
    const item = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: label });
    if (!(await item.isVisible())) await page.locator('nav.shell-nav .nav-more').click();
    await item.click({ timeout: 10_000 }).catch(() => undefined);
    if (await page.waitForURL((u) => u.toString() !== from, { timeout: 5_000 }).then(() => true, () => false)) return;
  }
}

export async function pickOption(page: Page, trigger: string, label: string) {
  await pickFrom(page, page.locator('.ant-select', { has: page.locator(trigger) }), label);
}

/** An 18-digit resident ID number with a valid check digit (GB 11643), clearly fictional. */
export function fakeIdCard(seq: number): string {
  const body = `130636198${(seq % 10).toString()}0101${String(100 + (seq % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split('').reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** A test server, a browser and one page signed in as `username`: the usual start of a browser test file. */
export async function startSignedIn(errors: string[], username: string): Promise<{ server: TestServer; browser: Browser; page: Page }> {
  const server = await startTestServer();
  const browser = await launch();
  const page = await newPage(browser, errors);
  await signIn(page, server.url, username);
  return { server, browser, page };
}

/** Closes what a browser test file started (either may be missing when its start failed). */
export async function stopAll(browser: Browser | undefined, server: TestServer | undefined) {
  await browser?.close();
  await server?.stop();
}

/**
 * Opens an antd Select and picks the option with this text; a searchable one is narrowed by
 * typing first (its list is virtual: options far down are not in the page until scrolled to).
 * The option is looked for in this select's own list (the one its input's aria-controls names),
 * never in another select's list still fading out; and the pick is tried again until the select
 * shows it, since on a busy machine a re-render (a live check answering) can swallow a click.
 */
export async function pickFrom(page: Page, select: Locator, label: string, search?: string) {
  const chosen = select.locator('.ant-select-selection-item, .ant-select-content', { hasText: label }).first();
  const input = select.locator('input').first();
  for (let attempt = 0; attempt < 4 && !(await chosen.isVisible()); attempt++) {
    // Opened unless a swallowed pick left it open (no Escape: it would close a dialog around it).
    if ((await input.getAttribute('aria-expanded').catch(() => null)) !== 'true') await select.click();
    if (search) await input.fill(search);
    const list = await input.getAttribute('aria-controls', { timeout: 5_000 }).catch(() => null);
    const scope = list ? page.locator(`.ant-select-dropdown:has([id="${list}"])`) : page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await scope.locator('.ant-select-item-option', { hasText: label }).first().click({ timeout: 10_000 }).catch(() => undefined);
    await chosen.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await chosen.waitFor({ timeout: 5_000 });
}

/**
 * Downloads through a dropdown menu opened by hovering `trigger`: the item is clicked until the
 * download starts. A click while the menu is still opening (or already closing) can be lost on a
 * busy machine, as a pick from a select can (pickFrom).
 */
export async function downloadFromMenu(page: Page, trigger: Locator, item: string): Promise<Download> {
  const download = page.waitForEvent('download', { timeout: 45_000 });
  let started = false;
  void download.then(() => { started = true; }, () => undefined);
  for (let attempt = 0; attempt < 3 && !started; attempt++) {
    await trigger.hover();
    const entry = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: item });
    await entry.click({ timeout: 5_000 }).catch(() => undefined);
    await Promise.race([download.catch(() => undefined), page.waitForTimeout(8_000)]);
  }
  return download;
}

/**
 * Publishes the designer's draft: 发布, then the popconfirm's OK, until 已发布第 N 版 shows. A click
 * on OK while the popconfirm is still opening can be lost: it is clicked again while it is open.
 */
export async function publishDraft(page: Page) {
  await page.getByRole('button', { name: '发布' }).click();
  const ok = page.locator('.ant-popconfirm:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary');
  const done = page.getByText(/已发布第 \d+ 版/);
  await ok.waitFor();
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await ok.isVisible()) await ok.click().catch(() => undefined);
    if (await done.waitFor({ timeout: 15_000 }).then(() => true, () => false)) return;
  }
  await done.waitFor();
}

/** The phone size the browser tests check layouts at. */
export const PHONE = { width: 390, height: 844 };

/** How many pixels the document scrolls sideways (0 when it fits the screen; 1 px of rounding is not scrolling). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth - 1));
}

/** How far an element reaches past the right edge of the screen (0 when it is within it). */
export async function pastRightEdge(page: Page, element: Locator): Promise<number> {
  const box = await element.boundingBox();
  if (!box) throw new Error('the element is not on the page');
  return Math.max(0, Math.ceil(box.x + box.width) - page.viewportSize()!.width);
}

/** Copies a screenshot taken with `shot` into docs/img, where the docs show it. */
export function toDocs(name: string) {
  const from = path.join(SCREENSHOTS, `${name}.png`);
  if (!fs.existsSync(from)) return;
  fs.mkdirSync('docs/img', { recursive: true });
  fs.copyFileSync(from, path.join('docs/img', `${name}.png`));
}
