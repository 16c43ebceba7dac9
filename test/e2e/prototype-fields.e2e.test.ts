/**
 * A housing form with a field named `constructor` (施工单位) in a real browser: the form shows it
 * empty, the browser's validator finds it missing (a validator that reads inherited properties
 * would take Object's constructor for a value), and once filled in the case is submitted with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hasChromium, launch, newPage, pickOption, signIn, stopAll } from './browser.js';

const workflow = {
  id: 'housing-constructor', initial: 'draft',
  states: {
    draft: { meta: { kind: 'draft', title: { zh: '填报', en: 'Draft' }, roles: ['village_committee'] }, on: { SUBMIT: { target: 'review', meta: { title: { zh: '提交', en: 'Submit' } } } } },
    review: { meta: { kind: 'task', title: { zh: '乡镇审核', en: 'Review' }, roles: ['township_reviewer'] }, on: { APPROVE: { target: 'done', meta: { title: { zh: '通过', en: 'Approve' } } } } },
    done: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: { zh: '完成', en: 'Done' } } },
  },
};
const formSchema = {
  type: 'object',
  required: ['name', 'constructor'],
  properties: {
    name: { type: 'string', title: '户主姓名' },
    constructor: { type: 'string', title: '施工单位' },
  },
};

describe.skipIf(!hasChromium)('a field named constructor in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const programmeName = '危房改造（施工单位）';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    const designer = await server.login('designer');
    for (const [query, variables] of [
      ['mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'housing-constructor', name: programmeName, regionCode: '130636000000' } }],
      ['mutation($k: String!, $f: JSON!, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, workflow: $w) { number } }', { k: 'housing-constructor', f: formSchema, w: workflow }],
      ['mutation($k: String!) { publishProgramme(key: $k) { number } }', { k: 'housing-constructor' }],
    ] as const) {
      const r = await server.gql(query, variables, designer);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  });
  afterAll(() => stopAll(browser, server));

  it('is shown empty, required before submitting, and submitted once filled in', async () => {
    page = await newPage(browser, errors);
    await signIn(page, server.url, 'dongjie_cadre');
    await page.goto(`${server.url}/applications/new`);
    await pickOption(page, '#new-programme', programmeName);
    await page.locator('#root_constructor').waitFor();
    expect(await page.inputValue('#root_constructor')).toBe('');
    await page.fill('#root_name', '张三');
    await page.getByRole('button', { name: /(^|\s)提交$/ }).click();
    // The browser's own validator: the server is not asked while a required field is empty.
    await page.locator('.ant-form-item', { has: page.locator('#root_constructor') }).getByText('必填').waitFor();
    expect(page.url()).toMatch(/\/applications\/new$/);

    await page.fill('#root_constructor', '某建筑工程有限公司');
    await page.getByRole('button', { name: /(^|\s)提交$/ }).click();
    await page.waitForURL(/\/applications\/(?!new)[^/]+$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const r = await server.gql<{ application: { state: string; data: Record<string, unknown> } }>(
      'query($id: ID!) { application(id: $id) { state data } }', { id }, await server.login('dongjie_cadre'),
    );
    expect(r.data!.application).toEqual({ state: 'review', data: { name: '张三', constructor: '某建筑工程有限公司' } });
    expect(errors).toEqual([]);
  });
});
