/**
 * Computed fields in the browser: as the cadre types, the per-capita income and the amount are
 * recomputed by the same module the server runs, and shown read-only; the server then stores
 * its own result.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hasChromium, launch, newPage, pickOption, shot, signIn, stopAll } from './browser.js';

const formSchema = {
  type: 'object',
  required: ['name', 'income', 'size'],
  properties: {
    name: { type: 'string', title: '户主姓名' },
    income: { type: 'number', title: '家庭年收入（元）', minimum: 0 },
    size: { type: 'integer', title: '家庭人口', minimum: 1 },
    perCapita: { type: 'number', title: '人均年收入（元）', 'x-compute': { '/': [{ var: 'income' }, { var: 'size' }] } },
    amount: {
      type: 'integer', title: '救助金额（元）',
      'x-compute': { if: [{ '<': [{ var: 'perCapita' }, 3000] }, 2000, { '<': [{ var: 'perCapita' }, 4500] }, 1000, 0] },
    },
  },
};

describe.skipIf(!hasChromium)('computed fields in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    const designer = await server.login('designer');
    const workflow = JSON.parse(fs.readFileSync('docs/examples/welfare-job.workflow.json', 'utf8'));
    for (const [q, v] of [
      ['mutation { createProgramme(input: { key: "compute-e2e", name: "计算字段救助", regionCode: "130636000000" }) { key } }', {}],
      ['mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "compute-e2e", formSchema: $f, workflow: $w) { number } }', { f: formSchema, w: workflow }],
      ['mutation { publishProgramme(key: "compute-e2e") { status } }', {}],
    ] as const) {
      const r = await server.gql(q, v, designer);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  });
  afterAll(() => stopAll(browser, server));

  it('recomputes as the user types, shows the results read-only, and the server stores the same', async () => {
    const page = await newPage(browser, errors);
    await signIn(page, server.url, 'dongjie_cadre');
    await page.goto(`${server.url}/applications/new`);
    await pickOption(page, '#new-programme', '计算字段救助');
    await page.locator('#root_name').waitFor({ timeout: 45_000 });
    await page.fill('#root_name', '郭德明');
    await page.fill('#root_income', '9000');
    await page.fill('#root_size', '4');
    await expect.poll(() => page.inputValue('#root_perCapita')).toBe('2250');
    await expect.poll(() => page.inputValue('#root_amount')).toBe('2000');
    expect(await page.locator('#root_perCapita').isDisabled()).toBe(true);
    expect(await page.locator('#root_amount').isDisabled()).toBe(true);
    await page.fill('#root_size', '2');
    await expect.poll(() => page.inputValue('#root_perCapita')).toBe('4500');
    await expect.poll(() => page.inputValue('#root_amount')).toBe('0');
    await shot(page, 'compute-live');

    await page.getByRole('button', { name: /(^|\s)提交$/ }).click();
    await page.waitForURL(/\/applications\/(?!new)[^/]+$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const stored = await server.gql('query($id: ID!) { application(id: $id) { data } }', { id }, await server.login('dongjie_cadre'));
    expect(stored.data.application.data).toEqual({ name: '郭德明', income: 9000, size: 2, perCapita: 4500, amount: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
