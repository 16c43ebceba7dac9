/**
 * User administration: the county administrator opens 用户管理 from the navigation, defines the
 * county's village doctor role, creates a user in bulk from a pasted table holding that role,
 * creates another with the form and grants it the role on the county, disables a user; a bulk
 * paste with a wrong row shows the row's problem and creates nothing. Desktop (1366×768) and
 * phone (390×844, cards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { hasChromium, navTo, newPage, pickFrom, pickOption, shot, signIn, startSignedIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('user administration', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'county_admin'));
  });
  afterAll(() => stopAll(browser, server));

  it('shows the link only to administrators', async () => {
    await page.locator('nav >> text=用户管理').waitFor({ state: 'attached' });
    const designer = await newPage(browser, errors);
    designer.setDefaultTimeout(45_000); // a second browser context on a busy machine starts slowly
    await signIn(designer, server.url, 'designer');
    await designer.locator('nav >> text=项目设计').waitFor({ state: 'attached' });
    expect(await designer.locator('nav >> text=用户管理').count()).toBe(0);
    await designer.context().close();

    // At 1366 px the administrator's links do not all fit: those that do not are under 更多, none
    // is cut off at the edge, also on a page opened straight from its address.
    await page.goto(`${server.url}/reports`);
    await page.locator('nav.shell-nav .nav-more').waitFor();
    await expect.poll(() => page.evaluate(() => {
      const nav = document.querySelector('nav.shell-nav')!;
      const edge = nav.getBoundingClientRect().right;
      return [...nav.querySelectorAll(':scope > a:not(.nav-overflowed), :scope > .nav-more')].filter((a) => a.getBoundingClientRect().right > edge + 1).length;
    })).toBe(0);
    await page.locator('nav.shell-nav .nav-more').click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: '用户管理' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('defines a county role on the roles tab', async () => {
    await navTo(page, '用户管理');
    await page.waitForURL(/\/admin\/users$/);
    await page.locator('.users-table tbody tr.ant-table-row').first().waitFor();
    await page.click('.ant-tabs-tab >> text=角色');
    await page.locator('.roles-table tbody tr.ant-table-row').first().waitFor();
    await page.click('button:has-text("定义角色")');
    await page.fill('#role-name', 'village_doctor');
    await page.fill('#role-zh', '村医');
    await page.fill('#role-en', 'Village doctor');
    await page.click('#role-dialog-ok');
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    const row = page.locator('.roles-table tbody tr.ant-table-row', { hasText: 'village_doctor' });
    await row.waitFor();
    expect(await row.textContent()).toContain('村医');
    expect(await row.textContent()).toContain('顺平县');
    await shot(page, 'admin-roles-1366');
  });

  it('creates users from a pasted table, all or nothing', async () => {
    await page.click('.ant-tabs-tab >> text=批量创建');
    await page.fill('#bulk-text', '用户名\t姓名\t角色\t地区代码\ndoc_wang\t东街村村医 王大夫\tvillage_doctor\t130636100201\ndoc_bad\t错行\tvillage_dentist\t130636100201\n');
    await page.locator('.bulk-count', { hasText: '已识别 2 行' }).waitFor();
    await page.click('button:has-text("创建 2 个用户")');
    const problem = page.locator('.bulk-problems tbody tr.ant-table-row');
    await problem.first().waitFor();
    expect(await problem.count()).toBe(1);
    const text = (await problem.first().textContent())!;
    expect(text).toContain('2');
    expect(text).toContain('角色');
    expect(text).toContain('未知角色');
    await page.locator('[role=alert]', { hasText: '未创建任何用户' }).waitFor();
    await shot(page, 'admin-bulk-errors-1366');

    await page.fill('#bulk-text', '用户名\t姓名\t角色\t地区代码\ndoc_wang\t东街村村医 王大夫\tvillage_doctor\t130636100201\n');
    await page.click('button:has-text("创建 1 个用户")');
    await page.locator('.bulk-created', { hasText: 'doc_wang' }).waitFor();
    expect(await page.locator('.bulk-created').textContent()).toContain('村医');
  });

  it('creates a user with the form, grants the county role and disables the user', async () => {
    await page.click('.ant-tabs-tab >> text=用户');
    await page.click('button:has-text("新建用户")');
    await page.fill('#new-username', 'doc_li');
    await page.fill('#new-display-name', '南关村村医 李大夫');
    await page.fill('#new-password', 'a-long-password');
    // The role list opens once a region is picked; a pick lost while the dialog was still opening
    // is made again (seen once under load: the role select stayed disabled).
    const roleReady = page.locator('.ant-select:not(.ant-select-disabled)', { has: page.locator('#grant-role') });
    for (let attempt = 0; attempt < 3 && !(await roleReady.isVisible()); attempt++) {
      await page.click('#grant-region');
      await page.locator('.ant-cascader-menu-item', { hasText: '顺平县' }).first().click();
      // Close the cascader's menu without Escape, which would close the dialog too.
      await page.click('.ant-modal-title');
      await roleReady.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    // Picked and seen picked (a pick made while the cascader's menu was still closing was lost once).
    await pickFrom(page, page.locator('.ant-select', { has: page.locator('#grant-role') }), '村医');
    await page.click('#user-dialog-ok');
    await page.locator('.ant-message', { hasText: '已保存' }).first().waitFor();

    // The dialog gives focus back to its button when its closing animation ends: search only
    // after that, or the Enter lands on the button and opens the dialog again.
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.fill('#users-search', '村医');
    await page.press('#users-search', 'Enter');
    await page.waitForURL(/q=/);
    const rows = page.locator('.users-table tbody tr.ant-table-row');
    await page.waitForFunction(() => document.querySelectorAll('.users-table tbody tr.ant-table-row').length === 2);
    const li = rows.filter({ hasText: 'doc_li' });
    expect(await li.textContent()).toContain('村医 · 顺平县');
    expect(await rows.filter({ hasText: 'doc_wang' }).textContent()).toContain('村医 · 东街村');
    await shot(page, 'admin-users-1366');

    // The mutation's answer is awaited on the wire, so a failure says whether the click or the
    // list's refresh went missing.
    const disabled = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('disableUser'));
    await li.locator('button:has-text("停用")').click();
    await page.locator('.ant-popconfirm:visible button.ant-btn-dangerous').click();
    expect((await (await disabled).json()).errors).toBeUndefined();
    await li.locator('.ant-tag', { hasText: '已停用' }).waitFor();
    const signInAs = await server.gql('mutation { login(username: "doc_li", password: "a-long-password") { token } }');
    expect(signInAs.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows cards on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'county_admin');
    await p.goto(`${server.url}/admin/users?q=doc`);
    await p.locator('.user-card').first().waitFor();
    expect(await p.locator('.users-table').count()).toBe(0);
    const overflowing = await p.evaluate(() => [...document.querySelectorAll('#main *')].filter((e) => e.getBoundingClientRect().right > 391).map((e) => e.className).slice(0, 5));
    expect(overflowing).toEqual([]);
    await shot(p, 'admin-users-390');
    await p.click('.ant-tabs-tab >> text=角色');
    await p.locator('.roles-table tbody tr.ant-table-row', { hasText: 'village_doctor' }).waitFor();
    await shot(p, 'admin-roles-390');
    await phone.close();
    expect(errors).toEqual([]);
  });
});
