/**
 * Every page at phone widths (390×844 and 360×740) as each kind of user: the public, a village
 * cadre, a township reviewer and a county administrator. A page fails when anything sticks out of
 * the screen sideways (the document scrolls horizontally, or a visible element reaches past the
 * edge outside a scrolling box), or when its primary action cannot be reached: the menu with the
 * user's name and sign-out, the sticky action bar of an application, the objection dialog with the
 * phone keyboard's worth of space. Screenshots of each page go to test/e2e/artifacts/ (git-ignored).
 * Pages after a user's first are reached inside the app, as the menu does (see `visit`).
 * Also: a refused action shows its real reason beside the buttons (a quorum vote already cast).
 * Not a test file itself: phone-390.e2e.test.ts and phone-360.e2e.test.ts run it at each width.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { hasChromium, launch, stopAll } from './browser.js';

const ARTIFACTS = path.resolve('test/e2e/artifacts');
const DONGJIE = '130636100201';
export interface Viewport { width: number; height: number }

/** What sticks out of the viewport sideways: the document's own scroll, and each offending element. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const bad: string[] = [];
    if (document.documentElement.scrollWidth > vw + 1) bad.push(`document is ${document.documentElement.scrollWidth}px wide in a ${vw}px screen`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].slice(0, 3).join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0) continue; // empty, or parked off-screen on purpose (skip link)
      if (r.left >= -1 && r.right <= vw + 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // Inside a box that scrolls or clips sideways and itself fits: the box is what the user sees.
      let p = el.parentElement;
      let contained = false;
      while (p && p !== document.body) {
        const ps = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(ps.overflowX)) {
          const pr = p.getBoundingClientRect();
          if (pr.left >= -1 && pr.right <= vw + 1) contained = true;
          break;
        }
        p = p.parentElement;
      }
      if (!contained) bad.push(`${name(el)} spans ${Math.round(r.left)}…${Math.round(r.right)}px`);
      if (bad.length > 8) break;
    }
    return bad;
  });
}

/** Whether the element is fully on the screen as it is now (no scrolling). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 1 && box.y + box.height <= vp.height + 1;
}

/**
 * The suite for one width; each width is its own file (phone-390, phone-360) so the two run side
 * by side. `refusal` adds the check of a refused action's reason (run at one width).
 */
export function phoneSuite(vp: Viewport, { refusal = false } = {}) {
describe.skipIf(!hasChromium)(`every page at ${vp.width}×${vp.height}`, () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];
  let draft: AppView;
  let atVerification: AppView;
  let reviewerCase: string;
  let entryId: string;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer({ publicUrl: 'https://jiuzhu.shunping.example.cn' });
    browser = await launch();
    const example = loadExample('monitoring').example as Record<string, any>;
    draft = await createApp(server, 'dongjie_cadre', 'dibao', DONGJIE, loadExample('dibao').example);
    atVerification = await createApp(server, 'dongjie_team', 'monitoring', DONGJIE, { ...example, head: { ...example.head, idNumber: makeIdCard('130636', '19750302', '523') } });
    const r = await act(server, 'dongjie_team', atVerification, 'SUBMIT');
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    atVerification = r.data!.transitionApplication;
    const voted = await act(server, 'verifier1', atVerification, 'VERIFY');
    if (voted.errors) throw new Error(JSON.stringify(voted.errors));
    atVerification = voted.data!.transitionApplication;
    const tasks = await server.gql('query { myTasks(first: 1) { edges { node { id } } } }', {}, await server.login('puyang_reviewer'));
    reviewerCase = tasks.data.myTasks.edges[0].node.id;
    const entries = await server.gql('query { registerEntries(first: 1, filter: { registerKey: "household", regionCode: "130636100201" }) { edges { node { id } } } }', {}, await server.login('dongjie_cadre'));
    entryId = entries.data.registerEntries.edges[0].node.id;
  });
  afterAll(() => stopAll(browser, server));

  async function contextFor(viewport: { width: number; height: number }, user: string | null): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    if (user) {
      const token = await server.login(user);
      await context.addInitScript((t) => localStorage.setItem('aid.token', t), token);
    }
    return context;
  }

  /** Requests in flight per page, for `settle` (an in-app navigation has no load states to wait for). */
  const inFlight = new WeakMap<Page, number>();
  /** The page each context keeps open for the next visit, and what the page shows now. */
  const kept = new WeakMap<BrowserContext, { page: Page; label: string }>();

  /** Until the page's own queries (lists, names of regions) have been answered and 0.5 s passed without one. */
  async function settle(page: Page) {
    const end = Date.now() + 15_000;
    let quietSince = Date.now();
    while (Date.now() < end) {
      if ((inFlight.get(page) ?? 0) > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 500) return;
      await page.waitForTimeout(100);
    }
  }

  /**
   * Visits `url`, waits for `ready`, checks overflow, saves a screenshot; returns the page. The
   * context's page still open from the previous visit goes there inside the app, as a tap on the
   * menu does (the router follows `popstate`), instead of loading the app again in a new page:
   * `ready` must then be an element the new page renders afresh.
   */
  async function visit(context: BrowserContext, label: string, url: string, ready: string): Promise<Page> {
    const open = kept.get(context);
    let page: Page;
    // The same page with another query (the designer's tabs) is loaded afresh: a page reads its
    // query when it opens, and a user switches such tabs by tapping them, not by the menu.
    const samePath = open && !open.page.isClosed() && new URL(open.page.url()).pathname === new URL(url, server.url).pathname;
    if (open && samePath) {
      page = open.page;
      open.label = label;
      await page.goto(`${server.url}${url}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
    } else if (open && !open.page.isClosed()) {
      page = open.page;
      open.label = label;
      await page.evaluate((selector) => document.querySelectorAll(selector).forEach((e) => e.setAttribute('data-left', '')), ready);
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
        window.scrollTo(0, 0);
      }, url);
      await page.locator(`${ready}:not([data-left])`).first().waitFor({ state: 'visible', timeout: 60_000 });
    } else {
      page = await context.newPage();
      const now = { page, label };
      kept.set(context, now);
      page.on('pageerror', (e) => errors.push(`${now.label}: ${e.message}`));
      page.on('request', () => inFlight.set(page, (inFlight.get(page) ?? 0) + 1));
      const done = () => inFlight.set(page, Math.max(0, (inFlight.get(page) ?? 0) - 1));
      page.on('requestfinished', done);
      page.on('requestfailed', done);
      await page.goto(`${server.url}${url}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
    }
    await settle(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `${label}.png`) });
    expect(await overflow(page), `${label}: overflow`).toEqual([]);
    return page;
  }

  async function menuReachable(page: Page, label: string, userName: string) {
    expect(await onScreen(page, '.menu-button'), `${label}: menu button`).toBe(true);
    await page.click('.menu-button');
    const drawer = page.locator('.nav-drawer');
    await drawer.waitFor({ state: 'visible' });
    await expect.poll(() => drawer.innerText()).toContain(userName);
    await page.locator('.nav-drawer .ant-drawer-footer button', { hasText: '退出' }).waitFor({ state: 'visible' });
    // The drawer slides in: measure once it has come to rest.
    await expect.poll(() => onScreen(page, '.nav-drawer .ant-drawer-footer button:has-text("退出")'), { message: `${label}: sign-out`, timeout: 5_000 }).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, `${label}-menu.png`) });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  }

  {
    const w = `${vp.width}x${vp.height}`;

    it(`public pages at ${w}: board cards, objection dialog with the keyboard, status lookup, print, sign-in`, async () => {
      const context = await contextFor(vp, null);
      let page = await visit(context, `${w}-public-board`, `/public?region=${DONGJIE}`, '.notice-card');
      const raise = page.locator('.notice-card button', { hasText: '提出异议' }).first();
      await raise.scrollIntoViewIfNeeded();
      await raise.click();
      const textarea = page.locator('.objection-modal textarea');
      await textarea.waitFor({ state: 'visible' });
      await textarea.focus();
      await page.keyboard.type('公示的家庭收入与实际情况不符');
      // A phone keyboard takes about the lower 40% of the screen: the field and the send button must sit above it.
      await page.setViewportSize({ width: vp.width, height: Math.round(vp.height * 0.6) });
      await page.waitForTimeout(200);
      expect(await onScreen(page, '.objection-modal textarea'), `${w}: objection field above the keyboard`).toBe(true);
      const ok = page.locator('.objection-modal .ant-modal-footer .ant-btn-primary');
      await ok.scrollIntoViewIfNeeded();
      expect(await onScreen(page, '.objection-modal .ant-modal-footer .ant-btn-primary'), `${w}: objection send button`).toBe(true);
      expect(await overflow(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `${w}-public-objection.png`) });
      await page.setViewportSize(vp);
      await page.close();

      page = await visit(context, `${w}-public-status`, '/public/status', 'button[type=submit]');
      expect(await onScreen(page, 'button[type=submit]')).toBe(true);
      await page.fill('#reference', atVerification.reference);
      await page.fill('#idLastFour', makeIdCard('130636', '19750302', '523').slice(-4));
      await page.click('button[type=submit]');
      await expect.poll(() => page.locator('.status-result').innerText()).toContain('村级核实');
      expect(await overflow(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `${w}-public-status-result.png`) });
      await page.close();

      page = await visit(context, `${w}-public-print`, `/public/print/${DONGJIE}`, '.a4');
      await expect.poll(() => page.locator('.a4').first().innerText()).toContain('0312-7621234');
      expect(await page.locator('.a4-qr img').first().getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      await page.close();

      page = await visit(context, `${w}-login`, '/login', 'button[type=submit]');
      expect(await onScreen(page, 'button[type=submit]')).toBe(true);
      await page.close();
      await context.close();
    }, 600_000);

    it(`village cadre at ${w}: inbox, lists, a draft with its sticky save and submit, a new application, households, imports, reports`, async () => {
      const context = await contextFor(vp, 'dongjie_cadre');
      let page = await visit(context, `${w}-cadre-inbox`, '/', 'h2');
      await menuReachable(page, `${w}-cadre`, '陈红');
      // A cadre files: 新建申请 is in the menu; 项目设计 is not.
      await page.click('.menu-button');
      await expect.poll(() => page.locator('.drawer-nav').innerText()).toContain('新建申请');
      expect(await page.locator('.drawer-nav').innerText()).not.toContain('项目设计');
      await page.close();
      page = await visit(context, `${w}-cadre-draft`, `/applications/${draft.id}`, '.sticky-actions');
      expect(await onScreen(page, '.sticky-actions button:has-text("提交")'), `${w}: draft submit in the bar`).toBe(true);
      expect(await onScreen(page, '.sticky-actions button:has-text("保存草稿")'), `${w}: draft save in the bar`).toBe(true);
      await page.close();
      // One page from here on, moving inside the app as the menu does.
      for (const [label, url, ready] of [
        ['applications', '/applications', 'h2'],
        ['new', '/applications/new', '#new-programme'],
        ['registers', '/registers', 'h2'],
        ['household', `/registers/entries/${entryId}`, 'h2'],
        ['imports', '/imports', 'h2'],
        ['reports', '/reports', 'h2'],
      ] as const) {
        page = await visit(context, `${w}-cadre-${label}`, url, ready);
      }
      await context.close();
    }, 600_000);

    it(`township reviewer at ${w}: inbox cards, a case with the steps list and the sticky actions, all cases as cards`, async () => {
      const context = await contextFor(vp, 'puyang_reviewer');
      let page = await visit(context, `${w}-reviewer-inbox`, '/', '.task-card');
      await menuReachable(page, `${w}-reviewer`, '王芳');
      await page.click('.menu-button');
      await expect.poll(() => page.locator('.drawer-nav').innerText()).toContain('待办');
      expect(await page.locator('.drawer-nav').innerText()).not.toContain('新建申请');
      await page.close();
      page = await visit(context, `${w}-reviewer-case`, `/applications/${reviewerCase}`, '.sticky-actions');
      expect(await page.locator('.step-list .step-current').count()).toBe(1);
      expect(await onScreen(page, '.sticky-actions .ant-btn')).toBe(true);
      // History in words, never codes.
      expect(await page.locator('.ant-timeline').innerText()).not.toMatch(/\b(SUBMIT|CREATE|APPROVE|VERIFY)\b/);
      await page.close();
      // All cases as cards too, each with its status and when it was submitted (no table to scroll sideways).
      page = await visit(context, `${w}-reviewer-applications`, '/applications', '.task-card');
      expect(await page.locator('.apps-table').count()).toBe(0);
      expect(await page.locator('.task-card-foot').first().innerText()).toMatch(/审核中|公示中|已批准|未通过|已撤回|草稿/);
      await page.close();
      await context.close();
    }, 600_000);

    it(`county administrator at ${w}: users, designer, reports`, async () => {
      const context = await contextFor(vp, 'county_admin');
      let page = await visit(context, `${w}-admin-inbox`, '/', 'h2');
      await menuReachable(page, `${w}-admin`, '赵志强');
      await page.close();
      for (const [label, url, ready] of [
        ['users', '/admin/users', 'h2'],
        ['designer', '/designer', 'h2'],
        ['designer-dibao', '/designer/dibao', 'h2'],
        ['designer-dibao-builder', '/designer/dibao?tab=builder', '.fb-canvas'],
        ['designer-dibao-flow', '/designer/dibao?tab=flow', '.flow-editor'],
        ['designer-dibao-contact', '/designer/dibao?tab=contact', '.notice-contact-panel'],
        ['applications', '/applications', 'h2'],
        ['registers', '/registers', 'h2'],
        ['reports', '/reports', 'h2'],
      ] as const) {
        page = await visit(context, `${w}-admin-${label}`, url, ready);
      }
      await context.close();
    }, 600_000);
  }

  if (refusal) it('a refused action shows its real reason beside the buttons (a quorum vote already cast, from a stale page)', async () => {
    const context = await contextFor(vp, 'verifier2');
    const page = await visit(context, 'refused-vote', `/applications/${atVerification.id}`, '.sticky-actions');
    // Another tab casts this verifier's vote; this page still offers it.
    const r = await act(server, 'verifier2', atVerification, 'VERIFY');
    expect(r.errors).toBeUndefined();
    await page.locator('.sticky-actions button', { hasText: '核实确认' }).click();
    const alert = page.locator('.sticky-actions .action-error');
    await alert.waitFor({ state: 'visible' });
    // The version moved on: the page says someone changed the case and offers a reload.
    await expect.poll(() => alert.innerText()).toContain('其他人已修改了这份申请');
    expect(await onScreen(page, '.sticky-actions .action-error')).toBe(true);
    await page.locator('.sticky-actions .action-error button', { hasText: '刷新' }).click();
    await expect.poll(() => page.locator('.sticky-actions').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.sticky-actions').innerText()).not.toContain('核实确认');
    await page.screenshot({ path: path.join(ARTIFACTS, 'refused-vote.png') });
    await context.close();
  }, 300_000);

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
}
