/**
 * The household files: a village cadre opens the register list, filters it, opens a household,
 * edits a field and sees the change in the timeline; a stale edit shows the conflict; files a case
 * from the household, prints its file (一户一档) and downloads it as a ZIP. Desktop
 * (1366×768, a table) and phone (390×844, cards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { hasChromium, navTo, newPage, PHONE, pickOption, shot, sidewaysScroll, signIn, startSignedIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('household files (registers)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'dongjie_cadre'));
  });
  afterAll(() => stopAll(browser, server));

  it('lists the village’s households, filters by category and name, and opens one', async () => {
    await navTo(page, '农户档案');
    await page.waitForURL(/\/registers$/);
    await page.locator('.entries-table tbody tr.ant-table-row').first().waitFor();
    await page.locator('.registers-count', { hasText: /共 \d+ 户/ }).waitFor();
    // Every row is in 东街村, the cadre's only village.
    const villages = await page.locator('.entries-table tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    expect(new Set(villages)).toEqual(new Set(['东街村']));

    await pickOption(page, '#registers-status', '已脱贫');
    await page.waitForURL(/status=/);
    await page.waitForFunction(() => {
      const tags = [...document.querySelectorAll('.entries-table tbody tr.ant-table-row td:nth-child(4)')].map((td) => td.textContent);
      return tags.length > 0 && tags.every((t) => t === '已脱贫');
    });
    await shot(page, 'registers-list-1366');

    const name = (await page.locator('.entries-table tbody tr.ant-table-row td:first-child a').first().textContent())!;
    await page.fill('#registers-search', name.slice(0, 2));
    await page.press('#registers-search', 'Enter');
    await page.waitForURL(/q=/);
    await page.locator('.entries-table tbody tr.ant-table-row td:first-child a', { hasText: name }).first().click();
    await page.waitForURL(/\/registers\/entries\//);
    await page.locator('.entry-timeline .ant-timeline-item').first().waitFor();
    await page.locator('h2.entry-title', { hasText: name }).waitFor();
    await page.locator('.entry-members tbody tr.ant-table-row').first().waitFor();
    // An exited household identified earlier shows its category change in the timeline, or its import.
    await page.locator('.entry-timeline', { hasText: /已脱贫|批量导入/ }).waitFor();
  });

  it('edits a field with a kind of change and sees it in the timeline', async () => {
    await page.click('button:has-text("修改档案")');
    await page.locator('#entry-kind').waitFor();
    await page.click('button:has-text("保存修改")');
    await page.locator('[role=alert]', { hasText: '请选择变更类型' }).waitFor();
    await pickOption(page, '#entry-kind', '信息更正');
    await page.fill('#entry-comment', '入户核实，村民小组调整');
    await page.fill('#root_group', '第九村民小组');
    await page.click('button:has-text("保存修改")');
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    const latest = page.locator('.entry-timeline .ant-timeline-item').first();
    await latest.filter({ hasText: '第九村民小组' }).waitFor();
    const text = (await latest.textContent())!;
    for (const part of ['信息更正', '村民小组：', '第九村民小组', '入户核实，村民小组调整']) expect(text).toContain(part);
    await shot(page, 'registers-entry-1366', true);
  });

  it('shows a conflict when someone else changed the household meanwhile', async () => {
    const id = page.url().split('/').pop()!;
    await page.click('button:has-text("修改档案")');
    await pickOption(page, '#entry-kind', '信息更正');
    await page.fill('#root_group', '第十村民小组');
    // The township reviewer changes the same household first.
    const token = await server.login('puyang_reviewer');
    const current = await server.gql<{ registerEntry: { data: Record<string, unknown>; version: number } }>('query($id: ID!) { registerEntry(id: $id) { data version } }', { id }, token);
    const r = await server.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: "correction") { version } }',
      { id, d: { ...current.data!.registerEntry.data, group: '第八村民小组' }, v: current.data!.registerEntry.version }, token);
    expect(r.errors).toBeUndefined();
    await page.click('button:has-text("保存修改")');
    await page.locator('[role=alert]', { hasText: '已被他人修改' }).waitFor();
    await page.click('button:has-text("重新加载")');
    await page.locator('.entry-summary [data-field="/group"]', { hasText: '第八村民小组' }).waitFor();
  });

  it('files a case starting from the household, prefilled from its file, and lists it on the household page', async () => {
    const entryUrl = page.url();
    const name = (await page.locator('h2.entry-title').textContent())!.trim().split(/\s/)[0]!;
    await page.click('a:has-text("为本户申请")');
    await page.waitForURL(/\/applications\/new\?entry=/);
    await pickOption(page, '#new-programme', '家庭成员增加');
    await page.locator('[role=alert]', { hasText: `为 ${name} 户申请` }).waitFor();
    await page.waitForFunction((n) => (document.querySelector('#root_head_name') as HTMLInputElement | null)?.value === n, name);
    await shot(page, 'registers-file-from-household-1366');
    await page.click('button:has-text("保存草稿")');
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await page.locator('.ant-descriptions-item', { hasText: '农户档案' }).locator(`a:has-text("${name}")`).waitFor();
    await page.goto(entryUrl);
    await page.locator('.ant-card', { hasText: '本户的申请与审批' }).locator('a', { hasText: '家庭成员增加' }).waitFor();
  });

  it('prints the household file with the case just filed, and downloads it as a ZIP', async () => {
    const name = (await page.locator('h2.entry-title').textContent())!.trim().split(/\s/)[0]!;
    // The demo register's checklist: nothing of the identification steps is on file yet.
    await page.locator('.entry-checklist', { hasText: '档案完整性' }).locator('li', { hasText: '民主评议记录' }).filter({ hasText: '缺少' }).waitFor();
    const [printed] = await Promise.all([page.context().waitForEvent('page'), page.click('button:has-text("打印档案")')]);
    await printed.waitForURL(/^blob:/);
    await printed.locator('h1', { hasText: '一户一档' }).waitFor();
    const text = (await printed.locator('main').textContent())!;
    for (const part of [name, '户基本情况', '家庭成员', '变更记录', '家庭成员增加', '档案完整性', '本户档案缺少']) expect(text, part).toContain(part);
    await shot(printed, 'dossier-print-1366', true);
    await printed.setViewportSize(PHONE);
    expect(await sidewaysScroll(printed)).toBe(0);
    await shot(printed, 'dossier-print-390');
    // Printed on A4, the page fits the paper width.
    const pdf = await printed.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await printed.close();

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载档案 ZIP")')]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-一户一档-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    await page.locator('.ant-message', { hasText: '已下载' }).waitFor();
    await shot(page, 'dossier-entry-1366', true);
  });

  it('takes the household’s members into a 低保 application, name and relation row by row', async () => {
    const rows = page.locator('.entry-members tbody tr.ant-table-row');
    await rows.first().waitFor();
    const names = (await rows.locator('td:first-child').allTextContents()).map((n) => n.trim());
    expect(names.length).toBeGreaterThan(0);
    await page.click('a:has-text("为本户申请")');
    await page.waitForURL(/\/applications\/new\?entry=/);
    await pickOption(page, '#new-programme', '农村最低生活保障');
    await page.waitForFunction((list) => list.every((n, i) => (document.querySelector(`#root_members_${i}_name`) as HTMLInputElement | null)?.value === n), names);
    expect(await page.locator('input[id^="root_members_"][id$="_name"]').count()).toBe(names.length);
    await page.locator('#root_members_0_name').scrollIntoViewIfNeeded();
    await shot(page, 'registers-dibao-members-1366');
  });

  it('filters the list to households whose file is incomplete', async () => {
    await page.goto(`${server.url}/registers`);
    await page.locator('.entries-table tbody tr.ant-table-row').first().waitFor();
    await page.click('#registers-incomplete');
    await page.waitForURL(/incomplete=1/);
    await page.locator('.registers-count', { hasText: /共 \d+ 户/ }).waitFor();
    expect(await page.locator('.entries-table tbody tr.ant-table-row').count()).toBeGreaterThan(0);
  });

  it('shows cards on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_cadre');
    await p.goto(`${server.url}/registers`);
    await p.locator('.entry-card').first().waitFor();
    expect(await p.locator('.entries-table').count()).toBe(0);
    // The page's own content fits the phone (the shared header is the mobile step's business).
    const overflowing = await p.evaluate(() => [...document.querySelectorAll('#main *')].filter((e) => e.getBoundingClientRect().right > 391).length);
    expect(overflowing).toBe(0);
    await shot(p, 'registers-list-390');
    await p.locator('.entry-card-link').first().click();
    await p.locator('.entry-timeline .ant-timeline-item').first().waitFor();
    // The household's fields as lines of title and value, not a column of greyed-out inputs.
    await p.locator('.entry-summary [data-field="/status"]').filter({ hasText: /\S/ }).waitFor();
    expect(await p.locator('.entry-main input, .entry-main textarea').count()).toBe(0);
    expect(await p.evaluate(() => [...document.querySelectorAll('.entry-summary *')].filter((e) => e.getBoundingClientRect().right > 391).length)).toBe(0);
    await p.locator('.entry-members').scrollIntoViewIfNeeded();
    // Members as cards, one per member, nothing wider than the phone.
    expect(await p.locator('.entry-members .member-card').count()).toBeGreaterThan(0);
    expect(await p.locator('.entry-members table').count()).toBe(0);
    expect(await p.evaluate(() => [...document.querySelectorAll('.entry-members *')].filter((e) => e.getBoundingClientRect().right > 391).length)).toBe(0);
    await shot(p, 'registers-entry-390');
    await phone.close();
    expect(errors).toEqual([]);
  });

  it('files an exit (脱贫退出) for a registered poor household on a phone, prefilled from its file', async () => {
    const head = { name: '董振华', idNumber: '130636196509090017' };
    const created = await server.gql<any>('mutation($d: JSON!) { createRegisterEntry(registerKey: "household", regionCode: "130636100201", data: $d, kind: "new") { id } }', {
      d: { head, group: '第二村民小组', status: '建档立卡户', householdSize: 1, perCapitaIncome: 3100, members: [{ ...head, relation: '户主', sex: '男', birthDate: '1965-09-09' }] },
    }, await server.login('dongjie_cadre'));
    expect(created.errors).toBeUndefined();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_cadre');
    await p.goto(`${server.url}/registers/entries/${created.data.createRegisterEntry.id}`);
    await p.locator('h2.entry-title', { hasText: head.name }).waitFor();
    await p.click('a:has-text("为本户申请")');
    await p.waitForURL(/\/applications\/new\?entry=/);
    await pickOption(p, '#new-programme', '贫困户脱贫退出');
    await p.waitForFunction((n) => (document.querySelector('#root_head_name') as HTMLInputElement | null)?.value === n, head.name);
    expect(await p.inputValue('#root_head_group')).toBe('第二村民小组');
    await p.locator('text=“两不愁三保障”及饮水安全').first().waitFor();
    const overflowing = await p.evaluate(() => [...document.querySelectorAll('#main *')].filter((e) => e.getBoundingClientRect().right > 391).length);
    expect(overflowing).toBe(0);
    await shot(p, 'registers-exit-file-390');
    await p.click('button:has-text("保存草稿")');
    await p.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await p.goto(`${server.url}/registers/entries/${created.data.createRegisterEntry.id}`);
    await p.locator('.ant-card', { hasText: '本户的申请与审批' }).locator('a', { hasText: '贫困户脱贫退出' }).waitFor();
    await phone.close();
    expect(errors).toEqual([]);
  });

  it('greys out, in the household picker, a household whose status the exit does not file for, and says why', async () => {
    const head = { name: '吕文忠', idNumber: makeIdCard('130636', '19700815', '771') };
    const created = await server.gql<any>('mutation($d: JSON!) { createRegisterEntry(registerKey: "household", regionCode: "130636100201", data: $d, kind: "new") { id } }', {
      d: { head, group: '第五村民小组', status: '已脱贫', householdSize: 1, perCapitaIncome: 7100, members: [{ ...head, relation: '户主', sex: '男', birthDate: '1970-08-15' }] },
    }, await server.login('dongjie_cadre'));
    expect(created.errors).toBeUndefined();
    const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const p = await desk.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_cadre');
    // Opened from the household's page: the form says at once that the exit does not take it.
    await p.goto(`${server.url}/applications/new?entry=${created.data.createRegisterEntry.id}`);
    await pickOption(p, '#new-programme', '贫困户脱贫退出');
    await p.getByText('吕文忠 户的户类别为“已脱贫”，本项目只受理建档立卡户。').waitFor();
    // Not taken for the case: nothing prefilled from its file, and no household in the picker.
    await p.locator('#root_head_name').waitFor();
    expect(await p.inputValue('#root_head_name')).toBe('');
    expect(await p.getByText('为 吕文忠 户申请').count()).toBe(0);
    // Searched in the picker: listed, greyed out, with the reason.
    await p.locator('#new-household').fill('吕文忠');
    const option = p.locator('.ant-select-item-option', { hasText: '吕文忠' });
    await option.waitFor();
    expect(await option.getAttribute('class')).toContain('ant-select-item-option-disabled');
    expect(await option.innerText()).toContain('本项目不受理该户类别');
    await desk.close();
    expect(errors).toEqual([]);
  });

  it('offers no household files to a head teacher, whose programme acts on no register', async () => {
    const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const p = await desk.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'teacher');
    // The menu is complete once 新建申请 (the teacher files 雨露计划) has appeared.
    await p.locator('.shell-nav a', { hasText: '新建申请' }).waitFor({ state: 'attached' });
    expect(await p.locator('.shell-nav a').allTextContents()).not.toContain('农户档案');
    await p.goto(`${server.url}/registers`);
    await p.getByText('您的角色不能查看农户档案：您参与的项目都不使用农户档案').waitFor();
    expect(await p.locator('.entries-table, .entry-card').count()).toBe(0);
    await desk.close();
    expect(errors).toEqual([]);
  });
});
