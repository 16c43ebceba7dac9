/**
 * The inbox's bulk action bar (select, one event, one comment, the outcome table) and the export
 * download, at 1366 px and at 390 px.
 */
import fs from 'node:fs';
import ExcelJS from '../../server/src/imports/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { downloadFromMenu, fakeIdCard, hasChromium, launch, newPage, pickOption, shot, signIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('bulk actions and exports in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const refs: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const token = await server.login('dongjie_cadre');
    const doc = JSON.parse(fs.readFileSync('schemas/dibao.json', 'utf8'));
    for (let i = 0; i < 2; i++) {
      const data = { ...doc.example, head: { ...doc.example.head, name: `批量户${i}`, idNumber: fakeIdCard(900 + i) } };
      const c = await server.gql('mutation($d: JSON!) { createApplication(programmeKey: "dibao", regionCode: "130636100201", data: $d) { id version } }', { d: data }, token);
      const s = await server.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { reference } }', { id: c.data.createApplication.id, v: c.data.createApplication.version }, token);
      if (!s.data) throw new Error(JSON.stringify(s.errors));
      refs.push(s.data.submitApplication.reference);
    }
    browser = await launch();
    page = await newPage(browser, errors);
    await signIn(page, server.url, 'dongjie_cadre');
  });
  afterAll(() => stopAll(browser, server));

  it('approves two selected cases with one comment and shows each outcome', async () => {
    await page.goto(`${server.url}/?programme=dibao&state=village_appraisal&size=100`);
    for (const ref of refs) {
      const row = page.locator('tr', { hasText: ref });
      await row.waitFor();
      await row.locator('input[type=checkbox]').check();
    }
    const bar = page.locator('.bulk-bar');
    await expect(bar.textContent()).resolves.toContain('已选 2 件');
    await pickOption(page, '#bulk-event', '评议通过');
    await bar.locator('textarea').fill('村民代表大会评议通过');
    await shot(page, 'bulk-bar-1366');
    await bar.getByRole('button', { name: /办理 2 件/ }).click();
    const table = page.locator('.bulk-outcomes');
    await table.waitFor();
    for (const ref of refs) await expect(table.locator('tr', { hasText: ref }).textContent()).resolves.toContain('成功');
    await page.locator('.ant-modal-footer button').click();
    expect(errors).toEqual([]);
  });

  it('downloads the inbox as Excel', async () => {
    await page.goto(`${server.url}/?programme=dibao`);
    await page.locator('[data-testid=export-tasks]').waitFor();
    const download = await downloadFromMenu(page, page.locator('[data-testid=export-tasks]'), 'Excel');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file!);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('编号');
    expect(errors).toEqual([]);
  });

  it('fits the bar at 390 px', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_cadre');
    await p.goto(`${server.url}/?programme=dibao`);
    // A phone shows one card per case, each with its own check box.
    const card = p.locator('.task-card-row').first();
    await card.waitFor();
    await card.locator('input[type=checkbox]').check();
    const bar = p.locator('.bulk-bar');
    await bar.waitFor();
    // Every control of the bar is inside the screen (it wraps instead of overflowing).
    const outside = await p.evaluate(() => [...document.querySelectorAll('.bulk-bar, .bulk-bar *')]
      .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1); })
      .map((el) => el.className));
    expect(outside).toEqual([]);
    await shot(p, 'bulk-bar-390');
    await phone.close();
    expect(errors).toEqual([]);
  });

});
