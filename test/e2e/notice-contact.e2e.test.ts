/**
 * 公示设置 in the designer: a designer gives 低保 its own issuing office and phone, the printed
 * notice of a village names them, and clearing them brings back the county's contact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { hasChromium, shot, startSignedIn, stopAll } from './browser.js';

const DONGJIE = '130636100201';

describe.skipIf(!hasChromium)('notice contact in the designer', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'designer'));
  });
  afterAll(() => stopAll(browser, server));

  const printed = async () => {
    const print = await page.context().newPage();
    await print.goto(`${server.url}/public/print/${DONGJIE}`);
    await print.locator('.a4').first().waitFor({ state: 'visible', timeout: 60_000 });
    const text = await print.locator('.a4').allInnerTexts();
    await print.close();
    return text.join('\n');
  };

  it('sets the programme\'s own office and phone, shows them on the printed notice, and clears them', async () => {
    await page.goto(`${server.url}/designer/dibao?tab=contact`);
    const panel = page.locator('.notice-contact-panel');
    await panel.waitFor({ state: 'visible', timeout: 60_000 });
    // The county's contact applies until the programme has its own.
    await expect.poll(() => panel.innerText()).toContain('公示现在写明（县级设置）');
    await expect.poll(() => panel.innerText()).toContain('0312-7621234');

    // A bad phone is refused under its field, nothing saved.
    await page.fill('#contact-office', '顺平县民政局低保股');
    await page.fill('#contact-phone', '请拨打办公室');
    await panel.locator('button[type=submit]').click();
    await expect.poll(() => panel.innerText()).toContain('只能包含数字');

    await page.fill('#contact-phone', '0312-7625678');
    await panel.locator('button[type=submit]').click();
    await expect.poll(() => panel.innerText()).toContain('公示现在写明（本项目的设置）');
    await shot(page, 'designer-notice-contact');
    expect(await printed()).toContain('0312-7625678');

    await panel.locator('button', { hasText: '清除' }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => panel.innerText()).toContain('公示现在写明（县级设置）');
    expect(await page.inputValue('#contact-phone')).toBe('');
    const after = await printed();
    expect(after).not.toContain('0312-7625678');
    expect(after).toContain('0312-7621234');
    expect(errors).toEqual([]);
  });
});
