/**
 * The visual workflow editor in a real browser: a designer adds a state and a transition to the
 * dibao draft, sees the checker's finding on the new state (it cannot be reached), and finds the
 * change in the workflow JSON one tab away; then the simulation and version tabs render.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hasChromium, launch, newPage, pickFrom, shot, signIn, stopAll } from './browser.js';

describe.skipIf(!hasChromium)('workflow editor', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
  });
  afterAll(() => stopAll(browser, server));

  it('adds a state and a transition and shows the checker finding on the state', async () => {
    const page = await newPage(browser, errors);
    // Generous waits: the shared test machine can be slow to load the designer's bundles.
    page.setDefaultTimeout(45_000);
    page.setDefaultNavigationTimeout(60_000);
    await signIn(page, server.url, 'designer');
    await page.goto(`${server.url}/designer/dibao`);
    await page.locator('.designer-grid').waitFor();
    await shot(page, 'flow-designer-open');
    await page.getByRole('tab', { name: /流程编辑/ }).click();
    await page.getByLabel('新环节标识').fill('extra_check');
    await page.getByRole('button', { name: '添加环节' }).click();

    // The new state is selected; nothing leads to it, so the checker's finding shows on it.
    await expect.poll(() => page.locator('.flow-findings').first().textContent(), { timeout: 10_000 }).toMatch(/UNREACHABLE_STATE/);
    await expect.poll(() => page.locator('.flow-canvas g[data-state="extra_check"]').getAttribute('data-flag')).toBeTruthy();

    await page.getByLabel('新操作名').fill('FINISH');
    await pickFrom(page, page.locator('.ant-select', { has: page.locator('[aria-label="目标环节"]') }), 'approved');
    await page.getByRole('button', { name: '添加操作' }).click();
    await page.locator('.flow-transition[data-event="FINISH"]').waitFor();
    await shot(page, 'flow-editor-desktop', true);

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'flow-editor-phone', true);
    await page.setViewportSize({ width: 1366, height: 768 });

    // The JSON is one click away and holds the edit.
    await page.getByRole('tab', { name: /^审批流程/ }).click();
    const json = JSON.parse(await page.locator('textarea#ed-workflow').inputValue());
    expect(json.states.extra_check).toMatchObject({ meta: { kind: 'task' }, on: { FINISH: { target: 'approved' } } });

    // The simulator runs the definition being edited: with the new state's errors it says the workflow is invalid.
    await page.getByRole('tab', { name: /模拟运行/ }).click();
    await page.getByRole('button', { name: /模拟运行（不写入）/ }).click();
    await expect.poll(() => page.locator('.simulation-panel [role="alert"]').first().textContent()).toMatch(/流程|工作流/);
    await shot(page, 'flow-simulation-desktop', true);
    await page.getByRole('tab', { name: /版本对比/ }).click();
    // dibao has one version here: nothing to compare yet.
    await page.getByText('至少需要两个版本').waitFor();
    expect(errors).toEqual([]);
  }, 300_000);
});
