/**
 * Submit on import in the browser: for a programme whose workflow allows it, the import page
 * offers 导入后直接提交; with it ticked the commit writes and submits every case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { fakeIdCard, hasChromium, startSignedIn, stopAll } from './browser.js';

const DONGJIE = '130636100201';
const KEY = 'housing-submit-ui';

describe.skipIf(!hasChromium)('submit on import', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const csv = path.join(os.tmpdir(), `import-submit-${process.pid}.csv`);

  beforeAll(async () => {
    ({ server, browser, page } = await startSignedIn(errors, 'dongjie_cadre'));
    const example = JSON.parse(fs.readFileSync('schemas/housing.json', 'utf8'));
    const workflow = JSON.parse(fs.readFileSync('workflows/housing.json', 'utf8'));
    workflow.id = KEY;
    workflow.meta = { ...workflow.meta, import: { submit: true } };
    const designer = await server.login('designer');
    for (const [q, v] of [
      ['mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: KEY, name: '危房改造（导入即提交）', regionCode: '130636000000' } }],
      ['mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }', { k: KEY, f: example.formSchema, u: example.uiSchema, w: workflow }],
      ['mutation($k: String!) { publishProgramme(key: $k) { status } }', { k: KEY }],
    ] as const) expect((await server.gql(q, v, designer)).errors).toBeUndefined();
    fs.writeFileSync(csv, '\ufeff行号,户主姓名,户主身份证号,联系电话,村民小组,家庭类别,现住房面积（平方米）,改造方式\n'
      + [1, 2, 3].map((i) => `${i},界面提交户${i},${fakeIdCard(700 + i)},13912345678,第一组,低保户,40,新建`).join('\n') + '\n');
  });
  afterAll(async () => {
    fs.rmSync(csv, { force: true });
    await stopAll(browser, server);
  });

  it('offers 导入后直接提交 and submits every imported case', async () => {
    await page.goto(`${server.url}/imports?target=programme:${KEY}&region=${DONGJIE}`);
    await page.setInputFiles('.ant-upload input[type=file]', csv);
    await page.locator('[data-testid=import-status]', { hasText: '已校验' }).waitFor();
    await page.locator('[data-testid=import-submit]').click();
    await page.click('button:has-text("确认导入（全部）")');
    await page.locator('.ant-alert', { hasText: '已导入并提交 3 件' }).waitFor();
    const conn = server.orm.em.fork().getConnection();
    const rows = await conn.execute(`select status from application where applicant_name like '界面提交户%'`);
    expect(rows.map((r) => (r as { status: string }).status)).toEqual(['IN_REVIEW', 'IN_REVIEW', 'IN_REVIEW']);
    expect(errors).toEqual([]);
  });
});
