/**
 * The reports page: build a report (add a measure), read the scope label, drill down from a
 * township to its villages, export the table to Excel, at 1366 px and at 390 px.
 */
import ExcelJS from '../../server/src/imports/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { hasChromium, newPage, pickOption, shot, signIn, startSignedIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('reports in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'county_office'));
    page.setDefaultTimeout(45_000);
  });
  afterAll(() => stopAll(browser, server));

  it('builds a report, drills down from a township to its villages and exports it', async () => {
    await page.goto(`${server.url}/reports`);
    const table = page.locator('.report-table');
    await table.locator('tbody tr', { hasText: '蒲阳镇' }).first().waitFor();
    await expect(page.locator('[data-testid=report-scope]').textContent()).resolves.toContain('统计范围：');

    // Add a measure: the household sizes summed (dibao declares x-aggregate: sum on it).
    await pickOption(page, '#report-measures', '家庭人口（人） · 合计');
    await page.keyboard.press('Escape');
    await table.locator('th', { hasText: '家庭人口（人）合计' }).waitFor();
    await shot(page, 'reports-1366');

    // Drill down: the township's name opens its villages.
    await table.locator('.report-drill', { hasText: '蒲阳镇' }).first().click();
    await page.waitForURL((u) => u.searchParams.get('region') === '130636100000');
    await table.locator('tbody tr', { hasText: '东街村' }).first().waitFor();
    await expect(page.locator('[data-testid=report-scope]').textContent()).resolves.toContain('统计范围：蒲阳镇及下辖地区');
    await expect(table.locator('th').first().textContent()).resolves.toBe('村');
    await shot(page, 'reports-drill-1366');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=report-export]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '村', '环节', '件数', '家庭人口（人）合计']);
    const labels = sheet.getColumn(1).values.slice(2) as string[];
    expect(labels).toContain('东街村');
    expect(labels).toContain('统计范围：蒲阳镇及下辖地区');
    expect(errors).toEqual([]);
  });

  it('fits a phone at 390 px', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.setDefaultTimeout(45_000);
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_cadre');
    await p.goto(`${server.url}/reports`);
    await p.locator('.report-table .ant-table-row').first().waitFor();
    // A village cadre is told the figures are their village's.
    await expect(p.locator('[data-testid=report-scope]').textContent()).resolves.toContain('东街村（您有权查看的地区）');
    await shot(p, 'reports-390', true);
    // The page's own content fits the phone's width (the shared header is the shell's business).
    const pastEdge = await p.evaluate(() => Math.max(0, document.querySelector('.report-page')!.scrollWidth - document.documentElement.clientWidth));
    expect(pastEdge).toBe(0);
    await phone.close();
    expect(errors).toEqual([]);
  });
});
