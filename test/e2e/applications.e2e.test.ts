/**
 * The "all applications" page (search, CSV export), keyboard use, the workflow diagram of busy
 * programmes, the dibao attachment field, and pages opened cold at 1366×768 (how fast they open is
 * measured by `npm run bench`, never asserted here).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { fakeIdCard, hasChromium, launch, newPage, pickOption, shot, signIn, stopAll } from './browser.js';


describe.skipIf(!hasChromium)('all applications, keyboard, diagrams and cold page opens', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  type Row = { id: string; reference: string; applicantName: string | null; programmeKey: string };
  const list = async (filter: Record<string, unknown>, first = 5): Promise<Row[]> => {
    const token = await server.login('county_office');
    const r = await server.gql<{ applications: { edges: { node: Row }[] } }>(
      'query($f: ApplicationFilter, $n: Int!) { applications(filter: $f, first: $n) { edges { node { id reference applicantName programmeKey } } } }',
      { f: filter, n: first },
      token,
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.applications.edges.map((e) => e.node);
  };

  /**
   * Opens a page cold and waits until its main content is visible. How long that takes is
   * measured by `npm run bench`, not asserted here: a busy machine says nothing about the code.
   */
  const open = async (url: string, selector: string) => {
    await page.goto(url);
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator(selector).count()).toBeGreaterThan(0);
    await page.waitForLoadState('load');
  };

  /** A dibao case filed now through the API (its page is what a reviewer opens from the inbox). */
  const freshApplication = async (): Promise<{ id: string }> => {
    const doc = JSON.parse(fs.readFileSync('schemas/dibao.json', 'utf8'));
    const data = { ...doc.example, head: { ...doc.example.head, name: '司马晓光', idNumber: fakeIdCard(Date.now() % 1000) } };
    const token = await server.login('dongjie_cadre');
    const r = await server.gql<{ createApplication: { id: string } }>(
      'mutation($d: JSON!) { createApplication(programmeKey: "dibao", regionCode: "130636100201", data: $d) { id } }',
      { d: data },
      token,
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.createApplication;
  };

  /** Edge-label boxes as painted by the browser that overlap another. */
  const labelClashes = (p: Page) =>
    p.evaluate(() => {
      const boxes = [...document.querySelectorAll('.wf-edge-label')].map((el) => ({ text: el.textContent, r: el.getBoundingClientRect() }));
      const out: string[] = [];
      boxes.forEach((a, i) => boxes.forEach((b, j) => {
        if (j > i && a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1) out.push(`${a.text} × ${b.text}`);
      }));
      return out;
    });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    page = await newPage(browser, errors);
  });
  afterAll(() => stopAll(browser, server));

  it('signs in with the keyboard alone, with a visible focus ring', async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('#username').waitFor();
    await page.keyboard.type('county_office'); // the user name field has the focus on arrival
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-2026-aid');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // The focus moved to the new page's main region: Tab reaches its first control, with a ring.
    await page.locator('#main .ant-table').waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      // A select shows its focus on its box (antd's focused border and shadow), not on the inner input.
      const box = el.closest('.ant-select') as HTMLElement | null;
      const s = getComputedStyle(box ?? el);
      if (box) return { inMain: !!el.closest('#main'), html: box.outerHTML.slice(0, 120), style: box.classList.contains('ant-select-focused') && s.boxShadow !== 'none' ? 'shadow' : 'none', width: 2 };
      return { inMain: !!el.closest('#main'), html: el.outerHTML.slice(0, 120), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(focused.inMain, JSON.stringify(focused)).toBe(true);
    expect(focused.style, JSON.stringify(focused)).not.toBe('none');
    expect(focused.width).toBeGreaterThanOrEqual(2);
    // On a fresh page load the first Tab reaches the skip link.
    await page.reload();
    await page.locator('#main .ant-table').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await shot(page, '20-keyboard-focus');
  });

  it('lists every application with a total, and finds one by the start of the name (Enter)', async () => {
    const [target] = (await list({ programmeKey: 'dibao' }, 20)).filter((r) => r.applicantName && r.applicantName.length >= 2);
    expect(target).toBeDefined();
    await page.getByRole('link', { name: '全部申请' }).click();
    await page.waitForURL('**/applications');
    await page.locator('.apps-table tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.apps-count').innerText()).toMatch(/共 \d+ 件/);
    await shot(page, '21-applications');

    await page.locator('#apps-search').fill(target.applicantName!.slice(0, 2));
    await page.locator('#apps-search').press('Enter');
    await page.waitForURL(/[?&]q=/);
    await page.locator('.apps-table tr', { hasText: target.reference }).waitFor();
    // The target may also stand in the unfiltered list: wait for the filtered page to replace it.
    const prefix = target.applicantName!.slice(0, 2);
    await expect.poll(async () => {
      const names = await page.locator('.apps-table tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
      return names.length > 0 && names.every((n) => n.startsWith(prefix));
    }).toBe(true);
    await shot(page, '22-applications-search');
  });

  it('pages forward and back with the cursor stack', async () => {
    await page.goto(`${server.url}/applications`);
    const first = page.locator('.apps-table tbody tr.ant-table-row').first();
    await first.waitFor();
    const top = await first.innerText();
    const next = page.getByRole('button', { name: '下一页' });
    if (await next.isDisabled()) return; // fewer than one page of demo data
    await next.click();
    await page.getByText('第 2 /').waitFor();
    // The page number may show before the rows arrive.
    await expect.poll(() => first.innerText()).not.toBe(top);
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByText('第 1 /').waitFor();
    await expect.poll(() => first.innerText()).toBe(top);
  });

  it('exports the current filter as a UTF-8 CSV with BOM whose first line is the header', async () => {
    await page.goto(`${server.url}/applications?programme=dibao`);
    await page.locator('.apps-table tbody tr.ant-table-row').first().waitFor();
    const total = Number((await page.locator('.apps-count').innerText()).replace(/\D/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^全部申请-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('编号,申请人,项目,所在村,区划代码,环节,状态,提交时间,最后变动');
    expect(lines.filter(Boolean)).toHaveLength(total + 1);
    expect(lines[1]).toContain('农村最低生活保障');
  });

  it('draws busy workflows (identification, monitoring) without overlapping labels', async () => {
    for (const key of ['identification', 'monitoring']) {
      const [app] = await list({ programmeKey: key, status: 'IN_REVIEW' }, 1);
      expect(app, key).toBeDefined();
      await page.goto(`${server.url}/applications/${app.id}`);
      await page.locator('.wf-diagram [aria-current="step"]').waitFor();
      const clashes = await labelClashes(page);
      expect(clashes, key).toEqual([]);
      await page.locator('.app-diagram').screenshot({ path: `test-artifacts/screenshots/23-diagram-${key}.png` });
    }
  });

  it('draws the same workflows in the designer without overlapping labels', async () => {
    const designer = await newPage(browser, errors);
    await designer.goto(`${server.url}/login`);
    await designer.fill('#username', 'designer');
    await designer.fill('#password', 'demo-2026-aid');
    await designer.press('#password', 'Enter');
    await designer.waitForURL((u) => !u.pathname.startsWith('/login'));
    for (const key of ['identification', 'monitoring']) {
      await designer.goto(`${server.url}/designer/${key}`);
      await designer.locator('.wf-diagram .wf-edge-label').first().waitFor();
      expect(await labelClashes(designer), key).toEqual([]);
      await designer.locator('.wf-diagram').first().screenshot({ path: `test-artifacts/screenshots/25-designer-diagram-${key}.png` });
    }
    await designer.close();
  });

  it('offers an optional proof attachment on the dibao form', async () => {
    // Only users who file the programme are offered it: a village cadre.
    const cadre = await newPage(browser, errors);
    await signIn(cadre, server.url, 'dongjie_cadre');
    await cadre.goto(`${server.url}/applications/new`);
    await pickOption(cadre, '#new-programme', '农村最低生活保障');
    await cadre.locator('#root_reason_proof').waitFor();
    await cadre.locator('#root_reason_proof').scrollIntoViewIfNeeded();
    await shot(cadre, '24-dibao-proof');
    await cadre.close();
  });

  it('opens the inbox, an application and the public board cold, each with its main content', async () => {
    const app = await freshApplication();
    await open(`${server.url}/`, '.ant-table-tbody tr:not(.ant-table-measure-row)');
    await open(`${server.url}/applications/${app.id}`, '.wf-diagram svg');
    await open(`${server.url}/public`, '.notice-programme .ant-table');
  });

  it('raised no uncaught errors in any page', () => {
    expect(errors).toEqual([]);
  });
});
