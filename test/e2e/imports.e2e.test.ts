/**
 * Import from Excel: a village cadre chooses 农村危房改造, uploads the worked example's CSV, watches
 * the progress bar reach the end, reads the report, downloads the file with the errors marked and
 * imports the valid rows; a row for a registered household is counted as joining its file.
 * Desktop (1366×768) and phone (390×844).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from '../../server/src/imports/exceljs.js';
import type * as XL from 'exceljs';
import type { TestServer } from '../helpers/server.js';
import { hasChromium, navTo, newPage, shot, signIn, startSignedIn, stopAll } from './browser.js';

const DONGJIE = '130636100201';
const CSV = path.resolve('docs/examples/housing-import.csv');

describe.skipIf(!hasChromium)('import from Excel', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'dongjie_cadre'));
  });
  afterAll(() => stopAll(browser, server));

  it('uploads a file, watches the progress bar reach the end and downloads the error report', async () => {
    await navTo(page, '批量导入');
    await page.waitForURL(/\/imports/);
    await page.goto(`${server.url}/imports?target=programme:housing&region=${DONGJIE}`);
    const template = page.waitForEvent('download');
    await page.click('button:has-text("下载模板")');
    expect((await template).suggestedFilename()).toMatch(/导入模板\.xlsx$/);

    await page.setInputFiles('.ant-upload input[type=file]', CSV);
    await page.waitForURL(/job=/);
    await page.locator('[data-testid=import-status]', { hasText: '已校验' }).waitFor();
    expect(await page.locator('[data-testid=import-progress]').textContent()).toContain('100%');
    await page.locator('[data-testid=import-error-rows]', { hasText: '1' }).waitFor();
    await page.locator('.ant-table', { hasText: '身份证号校验位错误' }).waitFor();
    const row = await page.locator('.ant-table tbody tr.ant-table-row').first().textContent();
    expect(row).toContain('数据 · 4');
    expect(row).toContain('户主身份证号');
    await shot(page, 'imports-report-1366', true);

    const marked = page.waitForEvent('download');
    await page.click('button:has-text("下载错误标注文件")');
    const file = await (await marked).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file!);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(JSON.stringify(ws.getCell(4, headers.indexOf('户主身份证号') + 1).note)).toContain('校验位');

    await page.click('button:has-text("只导入正确的行")');
    await page.click('.ant-popconfirm button:has-text("只导入正确的行")');
    await page.locator('[data-testid=import-status]', { hasText: '已导入' }).waitFor();
    await page.locator('.ant-alert', { hasText: '导入完成：写入 2 条' }).waitFor();
    expect(await page.locator('[data-testid=import-progress]').textContent()).toContain('100%');
  });

  it('says how many rows join a household’s file: a registered household’s head, its name and group left to the file', async () => {
    const [household] = await server.orm.em.fork().getConnection().execute(
      `select e.key from register_entry e join register r on r.id = e.register_id where r.key = 'household' and e.region_code = ? and e.status = '边缘户' order by e.key limit 1`, [DONGJIE]);
    const lines = fs.readFileSync(CSV, 'utf8').split('\n');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), 'housing-linked.csv');
    fs.writeFileSync(file, `${lines[0]}\n1,,${household.key},13912345678,,边缘户,52,修缮加固,C\n${lines[2]}\n`);
    await page.goto(`${server.url}/imports?target=programme:housing&region=${DONGJIE}`);
    await page.setInputFiles('.ant-upload input[type=file]', file);
    await page.waitForURL(/job=/);
    await page.locator('[data-testid=import-status]', { hasText: '已校验' }).waitFor();
    await page.locator('[data-testid=import-linked-rows]', { hasText: '其中 1 行关联农户档案' }).waitFor();
    expect(await page.locator('[data-testid=import-error-rows]').textContent()).toBe('0');
  });

  it('fits a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_cadre');
    await p.goto(`${server.url}/imports?target=programme:housing&region=${DONGJIE}`);
    await p.setInputFiles('.ant-upload input[type=file]', CSV);
    await p.locator('[data-testid=import-status]', { hasText: '已校验' }).waitFor();
    await p.locator('.ant-table', { hasText: '身份证号校验位错误' }).waitFor();
    const overflowing = await p.evaluate(() => [...document.querySelectorAll('#main *')]
      .filter((e) => !e.closest('.ant-table-content, .ant-table-body') && e.getBoundingClientRect().right > 391).length);
    expect(overflowing).toBe(0);
    await shot(p, 'imports-report-390', true);
    await phone.close();
    expect(errors).toEqual([]);
    expect(fs.existsSync(CSV)).toBe(true);
  });
});
