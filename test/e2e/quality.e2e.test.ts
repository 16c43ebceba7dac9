/**
 * The 疑点数据 worklist: 龙居村's cadre opens it from the navigation, sees the findings the demo
 * rules and the built-in dead-alive check planted there, follows one to the household file, dismisses another with a comment and
 * runs the checks again; the rules page lists the rules and previews a new one. Desktop
 * (1366×768, a table) and phone (390×844, cards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { hasChromium, navTo, newPage, pickOption, shot, signIn, startSignedIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('data-quality worklist', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'cadre_130636200204'));
  });
  afterAll(() => stopAll(browser, server));

  it('lists the village’s open findings and links to the record', async () => {
    await navTo(page, '疑点数据');
    await page.waitForURL(/\/quality$/);
    const rows = page.locator('.quality-table tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    const text = (await page.locator('.quality-table').textContent())!;
    expect(text).toContain('家庭人口数与家庭成员名单人数不一致');
    expect(text).toContain('本村各户家庭人口之和与登记的成员总数不符');
    expect(text).toContain('龙居村');
    // The built-in check: a member whose death one household recorded, listed in another.
    const dead = rows.filter({ hasText: '已登记死亡的人员仍在户籍档案中作为在世成员' });
    expect(await dead.locator('.quality-detail').textContent()).toMatch(/^\p{Script=Han}{2,4}（\d{4}\*{10}\d{3}[\dX]）已于 \d{4}-\d{2}-\d{2} 在户主 \p{Script=Han}{2,4}（\d{4}\*{10}\d{3}[\dX]）户登记死亡$/u);
    // And the 雨露计划 case filed for that member after the death.
    const aid = rows.filter({ hasText: '已登记死亡的人员仍有在办申请' });
    expect(await aid.locator('.quality-detail').textContent()).toMatch(/户登记死亡$/);
    expect(await page.locator('.quality-summary .ant-tag-checkable').count()).toBe(5);
    await shot(page, 'quality-worklist-1366');

    const sized = rows.filter({ hasText: '家庭人口数与家庭成员名单人数不一致' });
    await sized.locator('a.quality-fix').click();
    await page.waitForURL(/\/registers\/entries\/[0-9a-f-]{36}$/);
    await page.locator('.entry-timeline .ant-timeline-item').first().waitFor();
    await page.goBack();
    await rows.first().waitFor();
  });

  it('dismisses a finding with a comment and runs the checks again', async () => {
    const rows = page.locator('.quality-table tbody tr.ant-table-row');
    const income = rows.filter({ hasText: '已脱贫户人均纯收入低于' });
    await income.locator('button.quality-dismiss').click();
    await page.fill('#quality-comment', '入户核实：上年因病减收，已纳入监测');
    await page.click('#quality-dismiss-ok');
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    await page.locator('.quality-count', { hasText: '共 4 个疑点' }).waitFor();

    await page.click('button.quality-run');
    await page.locator('.ant-message', { hasText: '已检查' }).waitFor();
    await page.locator('.quality-count', { hasText: '共 4 个疑点' }).waitFor();

    await pickOption(page, '#quality-status', '已排除');
    await page.waitForURL(/status=dismissed/);
    await page.locator('.quality-table', { hasText: '入户核实：上年因病减收，已纳入监测' }).waitFor();
  });

  it('lists the rules and previews a new one', async () => {
    const designer = await newPage(browser, errors);
    designer.setDefaultTimeout(45_000);
    await signIn(designer, server.url, 'designer');
    await designer.goto(`${server.url}/quality/rules`);
    await designer.locator('.quality-rules-table tbody tr.ant-table-row').first().waitFor();
    expect(await designer.locator('.quality-rules-table').textContent()).toContain('members-match-size');
    await designer.click('button:has-text("新建规则")');
    await designer.fill('.quality-rule-form input#key', 'bad-field');
    await designer.fill('#quality-rule-json', '{ ">": [{ "var": "income.total" }, 0] }');
    await designer.fill('.quality-rule-form input#messageZh', '收入为零');
    await designer.fill('.quality-rule-form input#messageEn', 'No income');
    await designer.click('.ant-modal-footer button:has-text("预览")');
    await designer.locator('.quality-rule-error', { hasText: 'income.total' }).waitFor();
    await designer.fill('#quality-rule-json', '{ "<=": [{ "var": "householdSize" }, 5] }');
    await designer.click('.ant-modal-footer button:has-text("预览")');
    await designer.locator('.quality-preview', { hasText: '条不符合' }).waitFor();
    await shot(designer, 'quality-rules-preview-1366');
    await designer.context().close();
  });

  it('shows cards on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.setDefaultTimeout(45_000);
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'cadre_130636200204');
    await p.goto(`${server.url}/quality`);
    await p.locator('.quality-card').first().waitFor();
    expect(await p.locator('.quality-table').count()).toBe(0);
    const overflowing = await p.evaluate(() => [...document.querySelectorAll('#main *')].filter((e) => e.getBoundingClientRect().right > 391).length);
    expect(overflowing).toBe(0);
    await shot(p, 'quality-worklist-390');
    await p.goto(`${server.url}/quality/rules`);
    await p.locator('.entry-card').first().waitFor();
    await shot(p, 'quality-rules-390');
    await phone.close();
    expect(errors).toEqual([]);
  });
});
