/**
 * The ledger layout editor in the designer: a designer defines a ledger of 农村危房改造 by picking
 * case and form fields, moving a column up, renaming a header; a refusal from the server shows
 * its message; the saved layout is listed and its download has exactly those column titles.
 * Desktop (1366×768) and phone (390×844).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from '../../server/src/imports/exceljs.js';
import type { TestServer } from '../helpers/server.js';
import { hasChromium, shot, signIn, startSignedIn, stopAll } from './browser.js';

/**
 * Types into the field picker and takes the option with exactly this label, then adds it. Tries
 * again when the pick did not take (the list re-rendered under the click: 加入 stays disabled).
 */
async function addField(page: Page, label: string) {
  const add = page.locator('button:has-text("加入")');
  for (let attempt = 0; attempt < 3 && !(await add.isEnabled()); attempt++) {
    await page.locator('.ant-select', { has: page.locator('#ledger-pick') }).click();
    await page.fill('#ledger-pick', label);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: new RegExp(`^${label.replace(/[()（）]/g, '.')}$`) })
      .first().click({ timeout: 10_000 }).catch(() => page.keyboard.press('Escape'));
    await expect.poll(() => add.isEnabled(), { timeout: 5_000 }).toBe(true).catch(() => undefined);
  }
  await add.click();
}

describe.skipIf(!hasChromium)('ledger layouts in the designer', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'designer'));
  });
  afterAll(() => stopAll(browser, server));

  it('defines a ledger by picking, ordering and renaming columns, and downloads it with those titles', async () => {
    await page.goto(`${server.url}/designer/housing`);
    await page.getByRole('tab', { name: /^台账/ }).click();
    await page.click('button:has-text("新建台账")');
    for (const f of ['编号', '户主姓名', '村（社区）', '现住房面积（平方米）']) await addField(page, f);
    expect(await page.locator('[data-testid=ledger-column]').count()).toBe(4);
    // 村 moves up above 户主姓名; 户主姓名 is renamed 户主.
    await page.locator('[data-testid=ledger-column]').nth(2).getByRole('button', { name: '上移' }).click();
    await page.getByLabel('第 3 列标题').fill('户主');

    // No name yet: the server's refusal is shown in its own words.
    await page.fill('#ledger-title', '危房改造台账');
    await page.click('button:has-text("保存台账")');
    await page.locator('.ant-alert-error', { hasText: '名称为 1–40 个字母、数字、_ 或 -' }).waitFor();

    await page.fill('#ledger-name', 'housing-roll');
    await shot(page, 'ledger-editor-1366', true);
    await page.click('button:has-text("保存台账")');
    await page.locator('.ant-alert-success', { hasText: '已保存台账“危房改造台账”' }).waitFor();
    const item = page.locator('[data-testid=ledger-housing-roll]');
    await item.waitFor();
    expect(await item.textContent()).toContain('编号、村（社区）、户主、现住房面积（平方米）');

    const download = page.waitForEvent('download');
    await item.getByRole('button', { name: /下载/ }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file!);
    expect(wb.worksheets[0]!.name).toBe('危房改造台账');
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '村（社区）', '户主', '现住房面积（平方米）']);
  });

  it('fits a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'designer');
    await p.goto(`${server.url}/designer/housing`);
    await p.getByRole('tab', { name: /^台账/ }).click();
    await p.locator('[data-testid=ledger-housing-roll]').waitFor();
    await p.locator('[data-testid=ledger-housing-roll]').getByRole('button', { name: '编辑' }).click();
    await p.locator('[data-testid=ledger-column]').nth(3).waitFor();
    const overflowing = await p.evaluate(() => [...document.querySelectorAll('.ledger-panel *')].filter((e) => e.getBoundingClientRect().right > 391).map((e) => e.className));
    expect(overflowing).toEqual([]);
    await shot(p, 'ledger-editor-390', true);
    await phone.close();
    expect(errors).toEqual([]);
  });
});
