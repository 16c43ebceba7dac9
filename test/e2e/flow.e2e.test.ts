/**
 * The whole life of a programme in a real browser: a designer publishes a new programme through
 * the designer UI, a village cadre files an application, the township reviewer approves, the case
 * appears (masked) on the public board, a villager objects (the notice pauses; the receipt code
 * follows it), the county office upholds the objection (the case goes back), the reviewer
 * approves again and the county office confirms. Screenshots of each main page at
 * 1366×768 go to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { fakeIdCard, hasChromium, launch, newPage, pickOption, publishDraft, shot, signIn, stopAll } from './browser.js';

const DONGJIE = '130636100201';
// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe.skipIf(!hasChromium)('county aid platform in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];
  const key = `e2e-${Date.now().toString(36)}`;
  const programmeName = '端到端测试救助';
  const applicant = '欧阳明月';
  let reference = '';
  let applicationPath = '';
  let receipt = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
  });
  afterAll(() => stopAll(browser, server));

  /** A button by its label (antd icons add their own name in front). */
  const button = (page: Page, label: string) => page.getByRole('button', { name: new RegExp(`(^|\\s)${label}( \\*)?$`) });

  const act = async (page: Page, label: string, expectState: string, comment?: string) => {
    if (comment) await page.fill('#action-comment', comment);
    await button(page, label).click();
    await page.locator('h2 .ant-tag', { hasText: expectState }).waitFor();
  };

  it('a designer creates and publishes a programme in the designer', async () => {
    const page = await newPage(browser, errors);
    await page.goto(`${server.url}/login`);
    await page.locator('#username').waitFor();
    await shot(page, '00-sign-in');
    await signIn(page, server.url, 'designer');
    await page.goto(`${server.url}/designer`);
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, '01-programmes');
    await button(page, '新建项目').click();
    await page.fill('#key', key);
    await page.fill('#name', programmeName);
    await page.fill('#nameEn', 'E2E aid');
    await button(page, '创建').click();
    await page.waitForURL(`**/designer/${key}`);
    // The template's schema and workflow pass the server's checks (debounced).
    await page.getByText('可以发布').waitFor({ timeout: 20_000 });
    await page.locator('.wf-diagram svg').waitFor();
    await shot(page, '02-designer');
    await button(page, '保存草稿').click();
    await page.getByText('草稿已保存').waitFor();
    // The confirmation is clicked again if a click while it opened was lost (a CI run lost one).
    await publishDraft(page);
    await page.getByText('已发布第 1 版').waitFor();
    await page.close();
  });

  it('a village cadre files an application for a household in their village', async () => {
    const page = await newPage(browser, errors);
    await signIn(page, server.url, 'dongjie_cadre');
    await page.goto(`${server.url}/applications/new`);
    await pickOption(page, '#new-programme', programmeName);
    await page.locator('#root_name').waitFor();
    // The cadre's own village is preselected.
    await page.locator('.ant-cascader', { hasText: '东街村' }).waitFor();
    await page.fill('#root_name', applicant);
    await page.fill('#root_idcard', '130636198001011234'); // wrong check digit: the shared validator says so
    await page.fill('#root_phone', '13800138000');
    await page.fill('#root_reason', '家中主要劳动力因病丧失劳动能力，申请救助。');
    // The attachment widget uploads to POST /files (the server sniffs the PNG signature).
    await page.locator('#root_proof input[type=file]').setInputFiles({ name: '诊断证明.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('已上传 诊断证明.png').waitFor();
    await button(page, '提交').click();
    await page.getByText('身份证号码无效').first().waitFor();
    await shot(page, '03-new-application-invalid');
    await page.fill('#root_idcard', fakeIdCard(7));
    await button(page, '提交').click();
    await page.waitForURL(/\/applications\/(?!new)[^/]+$/);
    await page.locator('h2 .ant-tag', { hasText: '乡镇审核' }).waitFor();
    await page.getByRole('button', { name: /诊断证明\.png/ }).waitFor();
    applicationPath = new URL(page.url()).pathname;
    reference = (await page.locator('h2').first().innerText()).split(/\s/)[0];
    expect(reference).not.toBe('');
    await shot(page, '04-application-submitted');
    await page.close();
  });

  it('the township reviewer finds it in the inbox and approves it into the public notice', async () => {
    const page = await newPage(browser, errors);
    await signIn(page, server.url, 'puyang_reviewer');
    await page.getByRole('link', { name: reference }).first().waitFor();
    await shot(page, '05-inbox');
    await page.getByRole('link', { name: reference }).first().click();
    await button(page, '审核通过').waitFor();
    await act(page, '审核通过', '公示', '经入户核实，情况属实。');
    await page.locator('.wf-diagram [aria-current="step"]').waitFor();
    await shot(page, '06-application-notice', true);
    await page.close();
  });

  it('the public sees the masked notice, prints it and raises an objection', async () => {
    const page = await newPage(browser, errors);
    await page.goto(`${server.url}/public?region=${DONGJIE}`);
    const row = page.locator('tr', { hasText: reference });
    await row.waitFor();
    expect(await page.content()).not.toContain(applicant); // the name is masked
    await shot(page, '07-public-board');

    const print = await newPage(browser, errors);
    await print.goto(`${server.url}/public/print/${DONGJIE}`);
    await print.locator('section.a4', { hasText: programmeName }).waitFor();
    await shot(print, '08-public-print', true);
    await print.close();

    await button(page, `提出异议 ${reference}`).click();
    await page.fill('#reason', '据了解该户去年新购置小轿车一辆，收入情况与申报不符。');
    await button(page, '提交异议').click();
    await page.getByText('异议已提交').waitFor();
    receipt = (await page.locator('.objection-receipt').innerText()).trim();
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await shot(page, '09-objection-raised');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();

    // The notice is paused, and the objector can follow the objection with the receipt.
    await page.reload();
    await page.locator('tr', { hasText: reference }).getByText('异议处理中').waitFor();
    await page.fill('#objection-receipt', receipt.toLowerCase());
    await page.press('#objection-receipt', 'Enter');
    await page.getByRole('status').getByText('正在核实处理').waitFor();
    await page.close();
  });

  it('the county office upholds the objection, the reviewer approves again and the office confirms', async () => {
    const office = await newPage(browser, errors);
    await signIn(office, server.url, 'county_office');
    await office.goto(server.url + applicationPath);
    await office.locator('.objections-paused').waitFor();
    await button(office, '异议成立（退回）').click();
    await office.fill('#resolve-comment', '经核实，该户确有车辆，退回乡镇重新审核。');
    await office.locator('.ant-modal-footer .ant-btn-primary').click();
    await office.getByText('异议已处理').waitFor();
    await office.locator('h2 .ant-tag', { hasText: '乡镇审核' }).waitFor();

    const reviewer = await newPage(browser, errors);
    await signIn(reviewer, server.url, 'puyang_reviewer');
    await reviewer.goto(server.url + applicationPath);
    await act(reviewer, '审核通过', '公示', '已按异议重新核实，车辆为亲属借用，维持审核意见。');
    await reviewer.close();

    await office.goto(server.url + applicationPath);
    await act(office, '公示无异议，审定', '已审定');
    await office.locator('.ant-timeline-item').nth(3).waitFor();
    await shot(office, '10-application-final', true);

    await office.goto(`${server.url}/reports`);
    await office.locator('canvas').first().waitFor();
    await office.waitForTimeout(800); // echarts animation
    await shot(office, '11-reports');

    await office.getByText('EN', { exact: true }).click();
    // The page's own heading (the header's link may sit under More at this width).
    await office.locator('h2', { hasText: /^Reports$/ }).waitFor();
    await shot(office, '12-reports-english');
    await office.close();
  });

  it('serves the bundled GraphiQL explorer at /graphiql', async () => {
    const page = await newPage(browser, errors);
    await page.goto(`${server.url}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await shot(page, '13-graphiql');
    await page.close();
  });

  it('raised no uncaught errors in any page', () => {
    expect(errors).toEqual([]);
  });
});
