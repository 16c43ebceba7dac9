/**
 * The visual form builder: a designer builds a small form by pointing and clicking (five field
 * types, a member table, a field shown only for one answer, a computed amount), moves a field to
 * a new place, sees it in the live preview at desktop and phone widths, and saves the draft; the
 * schema the server stores is the one expected. A form the builder cannot represent stays in JSON.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { fakeIdCard, hasChromium, launch, newPage, PHONE, pickFrom, pickOption, publishDraft, SCREENSHOTS, shot, signIn, stopAll, toDocs } from './browser.js';

const KEY = 'builder-e2e';

describe.skipIf(!hasChromium)('visual form builder', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    const designer = await server.login('designer');
    const r = await server.gql(`mutation { createProgramme(input: { key: "${KEY}", name: "临时救助（表单设计）", regionCode: "130636000000" }) { key } }`, {}, designer);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }, 600_000);
  afterAll(() => stopAll(browser, server));

  const side = (page: Page) => page.locator('.fb-side');
  const card = (page: Page, key: string) => page.locator(`[data-testid="field-${key}"]`).first();
  async function add(page: Page, kind: string) {
    await page.locator('.fb-palette').getByRole('button', { name: `添加${kind}`, exact: true }).click();
  }
  async function set(panel: Locator, label: string, value: string) {
    await panel.getByLabel(label, { exact: true }).fill(value);
  }

  it('builds a form by pointing and clicking, previews it, and saves the schema', async () => {
    const page = await newPage(browser, errors);
    page.setDefaultTimeout(45_000);
    await signIn(page, server.url, 'designer');
    await page.goto(`${server.url}/designer/${KEY}`);
    await page.getByRole('tab', { name: '表单设计' }).click();
    await page.locator('.fb-canvas').waitFor();

    // Start from an empty form: remove the template's fields.
    for (let n = await page.locator('.fb-canvas .fb-card').count(); n > 0; n--) {
      await page.locator('.fb-canvas .fb-actions button[aria-label^="删除"]').first().click();
    }
    expect(await page.locator('.fb-canvas .fb-card').count()).toBe(0);

    const panel = side(page);
    const step = (what: string) => console.log(`[form-builder] ${new Date().toISOString()} ${what}`);
    step('empty form');
    await add(page, '单行文本');
    await set(panel, '标题', '申请人姓名');
    await set(panel, '字段标识', 'name');
    await panel.getByRole('switch', { name: '必填', exact: true }).click();
    await panel.getByRole('switch', { name: '在公示中显示', exact: true }).click();
    await pickOption(page, '#fb-mask', '姓名');

    await add(page, '身份证号');
    await set(panel, '字段标识', 'idNumber');
    await panel.getByRole('switch', { name: '必填', exact: true }).click();
    await panel.getByRole('switch', { name: '唯一', exact: true }).click();

    await add(page, '单选');
    await set(panel, '标题', '困难类别');
    await set(panel, '字段标识', 'cause');
    await set(panel, '选项 1 的值', '因病');
    await set(panel, '选项 2 的值', '因灾');

    await add(page, '多行文本');
    await set(panel, '标题', '病情说明');
    await set(panel, '字段标识', 'illness');
    await panel.getByRole('switch', { name: '必填', exact: true }).click();
    await panel.getByRole('switch', { name: '显示条件', exact: true }).click();
    await pickOption(page, '#fb-visible-field', '困难类别');

    await add(page, '数字');
    await set(panel, '标题', '家庭人口');
    await set(panel, '字段标识', 'size');
    await set(panel, '单位', '人');
    await panel.getByRole('switch', { name: '只能填整数', exact: true }).click();

    step('table');
    await add(page, '成员表格');
    await set(panel, '字段标识', 'members');
    // With the table selected, a click on the palette adds a column to it.
    await add(page, '金额');
    await set(panel, '标题', '月收入');
    await set(panel, '字段标识', 'income');

    await page.getByRole('button', { name: '表单属性' }).click();
    await add(page, '计算值');
    await set(panel, '标题', '救助金额');
    await set(panel, '字段标识', 'amount');
    await set(panel, '单位', '元');
    await panel.getByRole('button', { name: '开始编写公式' }).click();
    await panel.getByRole('button', { name: '添加一项' }).click();
    await pickOption(page, '#fb-op-2', '×');
    await pickOption(page, '#fb-operand-2', '常数');
    await panel.getByLabel('第 2 项常数').fill('300');
    await expect.poll(() => panel.locator('.fb-formula').textContent()).toContain('家庭人口（人） × 300');
    step('formula');

    step('move');
    // Move 家庭人口 above 困难类别 (the arrow buttons: the same move as a drag, without a pointer).
    await page.getByRole('button', { name: '上移「家庭人口（人）」' }).click();
    await page.getByRole('button', { name: '上移「家庭人口（人）」' }).click();
    await expect
      .poll(() => page.locator('.fb-canvas > .fb-list > .fb-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-key'))), { timeout: 30_000 })
      .toEqual(['name', 'idNumber', 'size', 'cause', 'illness', 'members', 'amount']);
    await expect.poll(() => page.locator('.fb-canvas').textContent()).not.toContain('个问题');

    step('preview');
    // The live preview: the conditional field appears for 因病 only; the amount follows the size.
    const preview = page.getByTestId('builder-preview');
    await preview.locator('#root_name').fill('郭德明');
    await preview.locator('#root_size').fill('4');
    step('amount');
    await expect.poll(() => preview.locator('#root_amount').inputValue(), { timeout: 30_000 }).toBe('1200');
    step('condition');
    expect(await preview.locator('#root_illness').count()).toBe(0);
    await preview.locator('label', { hasText: '因病' }).first().click();
    await preview.locator('#root_illness').waitFor();
    step('screenshots');
    await page.locator('.fb-card[data-key="members"] .fb-card-head').first().click();
    await shot(page, 'designer-form-builder');
    await page.locator('.ant-segmented-item', { hasText: '手机' }).click();
    await preview.scrollIntoViewIfNeeded();
    await shot(page, 'designer-form-builder-preview-phone');
    // The phone preview is a phone's width, inside the desktop page.
    expect((await preview.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);

    // The schema in the JSON tab, and what the server stores, is the worked example of docs/designer.md.
    const example = JSON.parse(/```json form-builder-example\n([\s\S]*?)```/.exec(fs.readFileSync('docs/designer.md', 'utf8'))![1]);
    expect(JSON.parse(await page.locator('#ed-form').inputValue())).toEqual(example.formSchema);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText(/草稿已保存/).waitFor();
    const saved = await server.gql(`query { programme(key: "${KEY}") { draft { formSchema uiSchema } } }`, {}, await server.login('designer'));
    expect(saved.data.programme.draft.formSchema).toEqual(example.formSchema);
    expect(saved.data.programme.draft.uiSchema).toEqual(example.uiSchema);
    await expect.poll(() => page.locator('.checks').textContent()).toContain('未发现问题');
    expect(errors).toEqual([]);
    await page.close();
  }, 480_000);

  it('completes the programme in the flow editor (a guard on the approval, a 3-day notice), simulates it, publishes it and files an application', async () => {
    // Continues the form built above: its draft holds that form and the new programme's workflow
    // (village entry → township review → public notice → approved / rejected).
    const page = await newPage(browser, errors);
    page.setDefaultTimeout(45_000);
    await signIn(page, server.url, 'designer');
    await page.goto(`${server.url}/designer/${KEY}?tab=flow`);
    await page.locator('.flow-editor').waitFor();
    const openState = async (name: string) => {
      await page.locator('.flow-states [role="listitem"]', { hasText: new RegExp(`^${name}( !)?$`) }).click();
      await page.locator('.flow-state-panel code', { hasText: new RegExp(`^${name}$`) }).waitFor();
    };

    // The township approves only a household of at least one person, with a message in both languages.
    await openState('review');
    const approve = page.locator('.flow-transition[data-event="APPROVE"]');
    await approve.getByRole('button', { name: '添加条件' }).click();
    const cond = approve.locator('.flow-cond').first();
    await pickFrom(page, cond.locator('.ant-select', { has: page.locator('[aria-label="字段"]') }), '(size)', '家庭人口');
    await pickFrom(page, cond.locator('.ant-select', { has: page.locator('[aria-label="比较方式"]') }), '>=');
    await cond.getByLabel('取值', { exact: true }).fill('1');
    await approve.getByLabel('不满足时的提示（中文）').fill('家庭人口至少 1 人');
    await approve.getByLabel('不满足时的提示（英文）').fill('A household has at least one person');

    // The notice lasts 3 days (the template's shared NOTICE_PERIOD of 7 days is replaced).
    await openState('notice');
    const notice = page.locator('.flow-state-panel [data-section="notice"]');
    await pickFrom(page, notice.locator('.ant-select', { has: page.locator('[aria-label="单位"]') }), '天');
    await notice.getByLabel('公示期', { exact: true }).fill('3');

    // The JSON one tab away holds both edits.
    await page.getByRole('tab', { name: /^审批流程/ }).click();
    const edited = JSON.parse(await page.locator('textarea#ed-workflow').inputValue());
    expect(edited.states.review.on.APPROVE.target).toBe('notice');
    expect(JSON.stringify(edited.states.review.on.APPROVE.guard)).toContain('家庭人口至少 1 人');
    expect(JSON.stringify(edited.states.notice.after)).toContain('P3D');

    // Simulated before publishing: submitted, approved (the guard holds for 4 persons), now under notice.
    await page.getByRole('tab', { name: /模拟运行/ }).click();
    await page.getByLabel('步骤', { exact: true }).fill('SUBMIT\nAPPROVE');
    await page.getByLabel('示例数据', { exact: true }).fill(JSON.stringify({ name: '郭德明', idNumber: fakeIdCard(41), size: 4, cause: '因灾' }));
    await page.getByRole('button', { name: /模拟运行（不写入）/ }).click();
    await page.locator('.simulation-panel').getByText('全部步骤通过').waitFor();
    expect(await page.locator('.simulation-panel').innerText()).toContain('notice');

    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText(/草稿已保存/).waitFor();
    await page.getByText('可以发布').waitFor({ timeout: 30_000 });
    await publishDraft(page);
    await page.close();

    // Filed by a village cadre, approved by the township: the guard refuses an empty household with
    // its message, and lets a household of four into the 3-day notice.
    const cadre = await server.login('dongjie_cadre');
    const file = async (size: number, seq: number) => {
      const r = await server.gql('mutation($d: JSON) { createApplication(programmeKey: "builder-e2e", regionCode: "130636100201", data: $d) { id version } }',
        { d: { name: '郭德明', idNumber: fakeIdCard(seq), size, cause: '因灾' } }, cadre);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      const sub = await server.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version state } }', { id: r.data.createApplication.id, v: r.data.createApplication.version }, cadre);
      if (sub.errors) throw new Error(JSON.stringify(sub.errors));
      return sub.data.submitApplication;
    };
    const APPROVE = 'mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { state noticeEndsAt stateEnteredAt } }';
    const reviewer = await server.login('puyang_reviewer');
    const empty = await file(0, 42);
    const refused = await server.gql(APPROVE, { id: empty.id, v: empty.version }, reviewer);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', subCode: 'GUARD_FAILED', messageZh: '家庭人口至少 1 人' });
    const four = await file(4, 43);
    expect(four.state).toBe('review');
    const approved = await server.gql(APPROVE, { id: four.id, v: four.version }, reviewer);
    expect(approved.errors).toBeUndefined();
    const inNotice = approved.data.transitionApplication;
    expect(inNotice.state).toBe('notice');
    expect(new Date(inNotice.noticeEndsAt).getTime() - new Date(inNotice.stateEnteredAt).getTime()).toBe(3 * 24 * 3600 * 1000);
    expect(errors).toEqual([]);
  }, 480_000);

  it('keeps a form with keywords it cannot represent in the JSON editor, naming them', async () => {
    const page = await newPage(browser, errors);
    page.setDefaultTimeout(45_000);
    await signIn(page, server.url, 'designer');
    await page.goto(`${server.url}/designer/${KEY}`);
    const form = {
      type: 'object',
      definitions: { m: { type: 'array', items: { type: 'string' } } },
      properties: { members: { $ref: '#/definitions/m' } },
    };
    await page.locator('#ed-form').fill(JSON.stringify(form, null, 2));
    await page.getByRole('tab', { name: '表单设计' }).click();
    const notice = page.getByRole('status').filter({ hasText: '表单设计无法表示' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('/properties/members/$ref');
    expect(await page.locator('.fb-canvas').count()).toBe(0);
    expect(await page.locator('#ed-form').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('works at phone width: the palette is a drawer, the field panel a bottom sheet', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(45_000);
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await signIn(page, server.url, 'designer');
    await page.goto(`${server.url}/designer/${KEY}`);
    await page.getByRole('tab', { name: '表单设计' }).click();
    await page.locator('.fb-canvas').waitFor();
    expect(await page.locator('.fb-palette').count()).toBe(0);
    await shot(page, 'designer-form-builder-phone');
    await page.getByRole('button', { name: '添加字段' }).click();
    await page.locator('.ant-drawer .fb-palette').waitFor();
    await shot(page, 'designer-form-builder-phone-palette');
    await page.locator('.ant-drawer .fb-palette').getByRole('button', { name: '添加日期', exact: true }).click();
    const sheet = page.locator('.ant-drawer').filter({ hasText: '编辑：' });
    await sheet.getByLabel('标题', { exact: true }).fill('受灾日期');
    await shot(page, 'designer-form-builder-phone-panel');
    expect(await page.locator('.fb-root').evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= 390)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
    for (const n of ['designer-form-builder', 'designer-form-builder-preview-phone', 'designer-form-builder-phone', 'designer-form-builder-phone-palette']) toDocs(n);
  }, 240_000);
});
