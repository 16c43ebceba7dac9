/**
 * A guard that says why, in the browser: the township reviewer approves an amount over the
 * programme's rule (the worked example of docs/workflow-format.md) and sees the guard's reason at
 * the action buttons and beside the amount field, in Chinese and then in English; a verifier sees
 * the quorum's progress and is no longer offered the vote they have cast; a wrong password says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, type AppView } from '../helpers/programmes.js';
import { docExample } from '../helpers/doc-examples.js';
import { hasChromium, launch, newPage, shot, signIn, stopAll } from './browser.js';

const DONGJIE = '130636100201';
const workflow = docExample('docs/workflow-format.md', 'temp-aid.workflow');
const guard = workflow.states.township_review.on.APPROVE.guard as { message: { zh: string; en: string } };

describe.skipIf(!hasChromium)('guard messages in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];
  let app: AppView;

  const ok = async (user: string, event: string) => {
    const r = await act(server, user, app, event);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    app = r.data!.transitionApplication;
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    const designer = await server.login('designer');
    for (const [q, v] of [
      ['mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'temp-aid', name: '临时救助', nameEn: 'Temporary assistance', regionCode: '130636000000' } }],
      ['mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "temp-aid", formSchema: $f, workflow: $w) { number } }', { f: docExample('docs/workflow-format.md', 'temp-aid.form'), w: workflow }],
      ['mutation { publishProgramme(key: "temp-aid") { status } }', {}],
    ] as const) {
      const r = await server.gql(q, v, designer);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    app = await createApp(server, 'dongjie_cadre', 'temp-aid', DONGJIE, { applicantName: '张秀兰', householdSize: 3, amount: 5000 });
    await ok('dongjie_cadre', 'SUBMIT');
    await ok('verifier1', 'VERIFY');
  });
  afterAll(() => stopAll(browser, server));

  const amountItem = (page: Page) => page.locator('.ant-form-item', { has: page.locator('#root_amount') }).last();

  it('says a wrong password is wrong', async () => {
    const page = await newPage(browser, errors);
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'puyang_reviewer');
    await page.fill('#password', 'not-the-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('用户名或密码错误');
    await page.context().close();
  });

  it('shows the quorum\'s progress and does not offer a vote already cast', async () => {
    const page = await newPage(browser, errors);
    await signIn(page, server.url, 'verifier1');
    await page.goto(`${server.url}/applications/${app.id}`);
    await page.locator('.quorum-progress').waitFor();
    expect(await page.locator('.quorum-progress').innerText()).toMatch(/核实确认：已有 1 \/ 2 人确认[\s\S]*蒲阳镇/);
    await page.getByRole('button', { name: /退回修改/ }).waitFor();
    expect(await page.getByRole('button', { name: /核实确认/ }).count()).toBe(0);
    await page.context().close();
    await ok('verifier2', 'VERIFY');
  });

  it('shows the guard\'s reason at the actions and beside the field, in the reader\'s language', async () => {
    const page = await newPage(browser, errors);
    await signIn(page, server.url, 'puyang_reviewer');
    await page.goto(`${server.url}/applications/${app.id}`);
    // Said before anyone presses the button (blockedActions), and again when they do.
    expect(await page.locator('.action-blocked').innerText()).toContain(`审核通过：${guard.message.zh}`);
    await page.getByRole('button', { name: /审核通过/ }).click();
    await page.locator('.action-error').waitFor();
    expect(await page.locator('.action-error').innerText()).toContain(guard.message.zh);
    await expect.poll(() => amountItem(page).innerText()).toContain(guard.message.zh);
    await shot(page, '20-guard-message');

    await page.evaluate(() => localStorage.setItem('aid.lang', 'en'));
    await page.reload();
    await page.getByRole('button', { name: /Approve/ }).click();
    await page.locator('.action-error').waitFor();
    expect(await page.locator('.action-error').innerText()).toContain(guard.message.en);
    await expect.poll(() => amountItem(page).innerText()).toContain(guard.message.en);

    // Corrected in place, the same action passes.
    await page.fill('#root_amount', '3000');
    await page.getByRole('button', { name: /Approve/ }).click();
    await page.locator('h2 .ant-tag', { hasText: 'Assistance granted' }).waitFor();
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
