/**
 * The register designer, as docs/designer.md ("Registers") walks through it: a county's designer
 * opens 户籍档案 from the designer's list, is told in Chinese what is wrong with a draft that names
 * no key field, adds a kind of change (突发困难) and a checklist item (低保村内公示记录), saves and
 * publishes version 2; a village cadre then records a change of that kind. Desktop (1366×768) and phone (390×844).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { hasChromium, newPage, PHONE, pickFrom, pickOption, publishDraft, shot, sidewaysScroll, signIn, startSignedIn, stopAll, toDocs } from './browser.js';

describe.skipIf(!hasChromium)('register designer', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'designer'));
  });
  afterAll(() => stopAll(browser, server));

  it('opens the household register from the designer’s list, with its statuses and kinds of change', async () => {
    await page.goto(`${server.url}/designer`);
    await page.locator('.register-list a', { hasText: '户籍档案' }).click();
    await page.waitForURL(/\/designer\/registers\/household$/);
    // Each status of the register, with its title and colour.
    await page.locator('.rd-statuses tbody tr', { hasText: '监测户' }).waitFor();
    expect(await page.locator('.rd-statuses tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(5);
    await page.locator('.rd-kinds tbody tr', { hasText: 'correction' }).waitFor();
    // The entry form opens in the visual form builder, and the settings come back as they were.
    await page.getByRole('tab', { name: '档案表单' }).click();
    await page.locator('.fb-title', { hasText: '户类别' }).first().waitFor();
    await page.getByRole('tab', { name: '档案设置' }).click();
    await page.locator('.rd-statuses tbody tr', { hasText: '监测户' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('says in Chinese what is wrong with a draft that names no key field, and saves nothing', async () => {
    // Backspace in an empty multiple select removes its last choice: the only key field.
    await page.locator('#rd-key-fields').focus();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const alert = page.locator('[role=alert]', { hasText: '/keyFields' });
    await alert.waitFor();
    const versions = await server.gql<any>('{ register(key: "household") { draft { number } } }', {}, await server.login('designer'));
    expect(versions.data.register.draft).toBeNull();
    // Put the key field back.
    await pickOption(page, '#rd-key-fields', '户主身份证号（/head/idNumber）');
    await page.keyboard.press('Escape');
  });

  it('adds a kind of change, saves and publishes version 2', async () => {
    await page.fill('#rd-kind-key', 'sudden_hardship');
    await page.fill('#rd-kind-zh', '突发困难');
    await page.fill('#rd-kind-en', 'Sudden hardship');
    await page.getByRole('button', { name: '添加变更类型' }).click();
    await page.locator('.rd-kinds tbody tr', { hasText: 'sudden_hardship' }).waitFor();
    await page.locator('[role=alert] .ant-alert-close-icon').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'register-designer-1366');
    toDocs('register-designer-1366');
    // 档案清单: the household file should hold the 低保 case's village notice record.
    await page.getByRole('tab', { name: '档案清单' }).click();
    await page.getByRole('button', { name: '添加清单项' }).click();
    const item = page.locator('.rd-checklist tbody tr.ant-table-row').last();
    await item.getByRole('textbox', { name: /^材料名称/ }).fill('低保村内公示记录');
    await pickFrom(page, item.locator('.ant-select').nth(0), '农村最低生活保障');
    await pickFrom(page, item.locator('.ant-select').nth(1), '到达环节');
    await pickFrom(page, item.locator('.ant-select').nth(2), '乡镇审核（township_review）', '乡镇审核');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存（第 2 版）').waitFor();
    await publishDraft(page);
    const r = await server.gql<any>('{ register(key: "household") { currentVersion { number changeKinds { key zh en } keyFields checklist { title programme reachedState } } } }', {}, await server.login('designer'));
    expect(r.data.register.currentVersion.checklist.at(-1)).toEqual({ title: '低保村内公示记录', programme: 'dibao', reachedState: 'township_review' });
    expect(r.data.register.currentVersion.number).toBe(2);
    expect(r.data.register.currentVersion.keyFields).toEqual(['/head/idNumber']);
    expect(r.data.register.currentVersion.changeKinds).toContainEqual({ key: 'sudden_hardship', zh: '突发困难', en: 'Sudden hardship' });
    expect(errors).toEqual([]);
  });

  it('is not retired while programmes use it, and says which', async () => {
    await page.getByRole('button', { name: '停用' }).click();
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await page.locator('[role=alert]', { hasText: '仍有项目使用本登记簿' }).waitFor();
    expect(await page.locator('[role=alert]', { hasText: '仍有项目使用本登记簿' }).innerText()).toContain('农村最低生活保障');
    expect(await page.locator('.page-head .ant-tag', { hasText: '使用中' }).count()).toBe(1);
  });

  it('lets a village cadre record a change of the new kind', async () => {
    const cadre = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const p = await cadre.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_cadre');
    await p.goto(`${server.url}/registers`);
    await p.locator('.entries-table tbody tr.ant-table-row td:first-child a').first().click();
    await p.waitForURL(/\/registers\/entries\//);
    await p.click('button:has-text("修改档案")');
    await pickFrom(p, p.locator('.ant-select', { has: p.locator('#entry-kind') }), '突发困难', '突发');
    await cadre.close();
    expect(errors).toEqual([]);
  });

  it('fits a phone', async () => {
    const p = await newPage(browser, errors);
    await p.setViewportSize(PHONE);
    await signIn(p, server.url, 'designer');
    await p.goto(`${server.url}/designer/registers/household`);
    await p.locator('.rd-statuses tbody tr', { hasText: '监测户' }).waitFor();
    expect(await sidewaysScroll(p)).toBe(0);
    await shot(p, 'register-designer-390');
    expect(errors).toEqual([]);
  });
});
