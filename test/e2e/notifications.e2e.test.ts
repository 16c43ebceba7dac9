/**
 * The notification bell and the webhooks tab: a township reviewer sees the unread count in the
 * header, opens the drawer, follows a notification to its case (which marks it read); a county
 * administrator adds a webhook on 用户管理 → 数据推送 and opens its delivery log. Desktop
 * (1366×768) and phone (390×844).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hasChromium, launch, newPage, pastRightEdge, PHONE, shot, sidewaysScroll, signIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('notifications and webhooks', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let appId = '';

  beforeAll(async () => {
    server = await startTestServer();
    // Two new notifications for the reviewer on a demo case of the township (how they arise is
    // the integration test's business; here the UI is).
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    // The demo seed's own cases told the reviewer of their tasks already: start from a read inbox.
    await db.query(`update notification set read_at = now() where user_id = (select id from app_user where username = 'puyang_reviewer')`);
    const { rows } = await db.query(
      `insert into notification (user_id, kind, application_id, reference, programme_key, state, region_path)
       select u.id, k.kind, a.id, a.reference, a.programme_key, a.state, a.region_path
         from app_user u, (select * from application where region_path like (select path from region where name = '蒲阳镇') || '%' and status <> 'DRAFT' order by created_at, id limit 1) a,
              (values ('TASK_OVERDUE'), ('TASK_NEW')) k(kind)
        where u.username = 'puyang_reviewer' returning application_id`,
    );
    await db.end();
    appId = rows[0].application_id;
    browser = await launch();
    page = await newPage(browser, errors);
    page.setDefaultTimeout(45_000); // the first load on a busy machine is slow
  });
  afterAll(() => stopAll(browser, server));

  it('shows the unread count and follows a notification to its case', async () => {
    await signIn(page, server.url, 'puyang_reviewer');
    const bell = page.locator('button.notification-bell');
    await page.locator('button.notification-bell[aria-label="通知（2 条未读）"]').waitFor();
    expect(await page.locator('.ant-badge', { has: bell }).locator('.ant-badge-count').getAttribute('title')).toBe('2');
    await bell.click();
    const drawer = page.locator('.ant-drawer', { hasText: '全部标为已读' });
    await drawer.locator('.notification.unread').nth(1).waitFor();
    expect(await drawer.locator('.notification').first().textContent()).toContain('新的待办');
    await shot(page, 'notifications-1366');
    await drawer.locator('.notification', { hasText: '已超期' }).click();
    await page.waitForURL(new RegExp(`/applications/${appId}$`));
    await page.locator('button.notification-bell[aria-label="通知（1 条未读）"]').waitFor();
    expect(errors).toEqual([]);
  });

  it('fits the bell and the drawer on a phone', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/`);
    const bell = page.locator('button.notification-bell');
    await bell.waitFor();
    expect(await pastRightEdge(page, bell)).toBe(0);
    await bell.click();
    await page.locator('.ant-drawer .notification').first().waitFor();
    await shot(page, 'notifications-390');
    await page.click('button:has-text("全部标为已读")');
    await page.locator('.ant-drawer .notification.unread').first().waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.locator('.ant-badge', { has: bell }).locator('.ant-badge-count').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(errors).toEqual([]);
  });

  it('lets a county administrator add a webhook and open its log', async () => {
    const admin = await newPage(browser, errors);
    admin.setDefaultTimeout(45_000);
    await signIn(admin, server.url, 'county_admin');
    await admin.goto(`${server.url}/admin/users?tab=webhooks`);
    await admin.click('button:has-text("新增推送")');
    const dialog = admin.locator('.ant-modal', { hasText: '签名密钥' });
    await dialog.locator('input#name').fill('县民政局业务系统');
    await dialog.locator('input#url').fill('https://mz.shunping.example.gov.cn/hooks/aid');
    await dialog.locator('input#secret').fill('county-130636-webhook-secret');
    await dialog.locator('.ant-btn-primary').click();
    await admin.locator('.ant-message', { hasText: '已保存' }).waitFor();
    const row = admin.locator('.admin-webhooks tbody tr.ant-table-row', { hasText: '县民政局业务系统' });
    await row.waitFor();
    expect(await row.textContent()).toContain('mz.shunping.example.gov.cn');
    expect(await admin.content()).not.toContain('county-130636-webhook-secret');
    await shot(admin, 'webhooks-1366');
    await row.locator('button:has-text("推送记录")').click();
    await admin.locator('.ant-drawer', { hasText: '推送记录' }).locator('.ant-table').waitFor();
    await admin.locator('.ant-drawer .ant-drawer-close').click();
    await admin.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    // On a phone the webhooks are cards, with their actions, and nothing runs off the screen.
    await admin.setViewportSize(PHONE);
    const card = admin.locator('.webhook-card', { hasText: '县民政局业务系统' });
    await card.waitFor();
    expect(await card.textContent()).toContain('mz.shunping.example.gov.cn');
    expect(await sidewaysScroll(admin)).toBe(0);
    await shot(admin, 'webhooks-390');
    await card.locator('button:has-text("推送记录")').click();
    await admin.locator('.ant-drawer', { hasText: '推送记录' }).locator('.ant-table').waitFor();
    await admin.context().close();
    expect(errors).toEqual([]);
  });
});
