/**
 * The inbox's due dates: the work team's tasks in due-date order with the overdue one marked red,
 * on a desktop (1366×768, a table) and a phone (390×844, cards). Cases come from the worked
 * example of docs/workflow-format.md, published through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { docExample } from '../helpers/doc-example.js';
import { hasChromium, launch, newPage, shot, signIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('inbox due dates', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];
  const refs: Record<'late' | 'later', string> = { late: '', later: '' };

  async function ok(user: string, query: string, vars: Record<string, unknown>) {
    const r = await server.gql(query, vars, await server.login(user));
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data as any;
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    const form = JSON.parse(fs.readFileSync('docs/examples/industry-plan.form.json', 'utf8'));
    await ok('designer', 'mutation { createProgramme(input: { key: "industry-plan", name: "产业扶持计划", regionCode: "130636000000" }) { key } }', {});
    await ok('designer', 'mutation($f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: "industry-plan", formSchema: $f, uiSchema: $u, workflow: $w) { number } }',
      { f: form.formSchema, u: form.uiSchema, w: docExample('docs/workflow-format.md', 'industry-plan') });
    await ok('designer', 'mutation { publishProgramme(key: "industry-plan") { status } }', {});
    for (const [key, name, deadline] of [['later', '孙将至', '2031-06-30'], ['late', '钱逾期', '2020-03-01']] as const) {
      const c = (await ok('dongjie_cadre', 'mutation($d: JSON) { createApplication(programmeKey: "industry-plan", regionCode: "130636100201", data: $d) { id version reference } }',
        { d: { head: { name }, industry: '养殖', completionDeadline: deadline } })).createApplication;
      const s = (await ok('dongjie_cadre', 'mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version } }', { id: c.id, v: c.version })).submitApplication;
      await ok('dongjie_team', 'mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { state } }', { id: c.id, v: s.version });
      refs[key] = c.reference;
    }
  });
  afterAll(() => stopAll(browser, server));

  it('lists the earliest due first and marks the overdue case red, on a desktop', async () => {
    const page = await newPage(browser, errors);
    await signIn(page, server.url, 'dongjie_team');
    await page.locator('.tasks-table tbody tr.ant-table-row').first().waitFor();
    const refsInOrder = await page.locator('.tasks-table tbody tr.ant-table-row td:nth-child(2)').allTextContents();
    expect(refsInOrder.indexOf(refs.late)).toBe(0);
    expect(refsInOrder.indexOf(refs.later)).toBeGreaterThan(0);
    const late = page.locator('.tasks-table tbody tr.ant-table-row', { hasText: refs.late });
    await late.locator('.ant-tag', { hasText: '已逾期' }).waitFor();
    expect(await late.textContent()).toContain('2020年3月1日');
    expect(await page.locator('.tasks-table tbody tr.ant-table-row', { hasText: refs.later }).locator('.ant-tag', { hasText: '已逾期' }).count()).toBe(0);
    await shot(page, 'inbox-due-1366');

    // Only the overdue ones.
    await page.getByText('只看逾期').click();
    await page.waitForURL(/overdue=1/);
    await page.waitForFunction((later) => {
      const rows = [...document.querySelectorAll('.tasks-table tbody tr.ant-table-row')];
      return rows.length > 0 && !rows.some((r) => r.textContent!.includes(later));
    }, refs.later);
    await page.context().close();
  });

  it('shows cards with the due date and the overdue mark on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(p, server.url, 'dongjie_team');
    const card = p.locator('.task-card', { hasText: refs.late });
    await card.locator('.ant-tag', { hasText: '已逾期' }).waitFor();
    expect(await p.locator('.tasks-table').count()).toBe(0);
    const overflowing = await p.evaluate(() => [...document.querySelectorAll('#main *')].filter((e) => e.getBoundingClientRect().right > 391).length);
    expect(overflowing).toBe(0);
    await shot(p, 'inbox-due-390');
    await phone.close();
    expect(errors).toEqual([]);
  });
});
