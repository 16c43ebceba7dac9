/**
 * Dragging in the form builder with a real pointer: dnd-kit's PointerSensor starts a drag only
 * after the pointer has moved 6 px with the button down, and tracks the pointer through move
 * events, so the test moves the mouse in many small steps like a hand does. A card dragged by its
 * handle lands where it is dropped, a palette type dragged onto the canvas becomes a field there,
 * and the saved uiSchema holds the new order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hasChromium, launch, newPage, signIn, stopAll } from './browser.js';

const KEY = 'drag-e2e';

/** Presses on `from`'s centre and moves to `to` (a point) in small steps, then releases. */
async function drag(page: Page, from: Locator, to: { x: number; y: number }) {
  const box = (await from.boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // Past the activation distance first, then on to the target, then a last nudge so the
  // collision detection runs with the pointer at rest over the drop target.
  await page.mouse.move(start.x + 4, start.y + 4, { steps: 4 });
  await page.mouse.move(start.x + 12, start.y + 12, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 25 });
  await page.mouse.move(to.x, to.y + 1, { steps: 2 });
  await page.mouse.up();
}

const order = (page: Page) => page.locator('.fb-canvas .fb-list[data-container="root"] > .fb-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));

describe.skipIf(!hasChromium)('form builder drag and drop', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    const designer = await server.login('designer');
    const r = await server.gql(`mutation { createProgramme(input: { key: "${KEY}", name: "拖动排序", regionCode: "130636000000" }) { key } }`, {}, designer);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }, 600_000);
  afterAll(() => stopAll(browser, server));

  it('reorders cards by dragging their handles and adds a field dragged from the palette', async () => {
    const page = await newPage(browser, errors);
    page.setDefaultTimeout(45_000);
    await signIn(page, server.url, 'designer');
    await page.goto(`${server.url}/designer/${KEY}?tab=builder`);
    await page.locator('.fb-canvas .fb-card').first().waitFor();
    expect(await order(page)).toEqual(['name', 'idcard', 'phone', 'householdSize', 'reason', 'proof']);

    // 证明材料 (last) onto 申请人姓名 (first): it takes the first place.
    const first = (await page.locator('[data-testid="field-name"] .fb-card-head').boundingBox())!;
    await drag(page, page.locator('[data-testid="field-proof"] .fb-handle'), { x: first.x + first.width / 2, y: first.y + 4 });
    await expect.poll(() => order(page)).toEqual(['proof', 'name', 'idcard', 'phone', 'householdSize', 'reason']);

    // 联系电话 down onto 申请理由: it takes that place, the others move up.
    const reason = (await page.locator('[data-testid="field-reason"] .fb-card-head').boundingBox())!;
    await drag(page, page.locator('[data-testid="field-phone"] .fb-handle'), { x: reason.x + reason.width / 2, y: reason.y + reason.height - 4 });
    await expect.poll(() => order(page)).toEqual(['proof', 'name', 'idcard', 'householdSize', 'reason', 'phone']);

    // A palette type dropped on 身份证号 becomes a new field in its place.
    const idcard = (await page.locator('[data-testid="field-idcard"] .fb-card-head').boundingBox())!;
    await drag(page, page.locator('.fb-palette').getByRole('button', { name: '添加日期', exact: true }), { x: idcard.x + idcard.width / 2, y: idcard.y + idcard.height / 2 });
    await expect.poll(async () => (await order(page)).length).toBe(7);
    const after = await order(page);
    expect(after.indexOf('name')).toBe(1);
    expect(after.slice(3)).toEqual(['idcard', 'householdSize', 'reason', 'phone']);
    const added = after[2]!;
    expect(['name', 'idcard', 'phone', 'householdSize', 'reason', 'proof']).not.toContain(added);

    // Saved, the uiSchema holds the order the canvas shows.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').waitFor();
    const designer = await server.login('designer');
    const r = await server.gql(`query { programme(key: "${KEY}") { draft { formSchema uiSchema } } }`, {}, designer);
    expect(r.data.programme.draft.uiSchema['ui:order']).toEqual(after);
    expect(r.data.programme.draft.formSchema.properties[added]).toMatchObject({ type: 'string', format: 'date' });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
