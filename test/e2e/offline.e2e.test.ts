/**
 * Offline drafts in the browser, with the network cut by the browser itself (context.setOffline):
 * a village cadre opens a programme's form once online, reopens the app without a connection
 * (served by the service worker), fills in and saves a draft on the phone, sees the banner and
 * "待同步 1", and sees it reach the server when the connection returns. A second cadre session
 * edits a case offline while the server's copy changes: the conflict is shown, nothing is
 * overwritten until the user chooses to, after confirming. A refused draft keeps the server's
 * words, survives signing out, and is shown to no other user of the same phone. A worker whose
 * first install failed is installed again when the connection returns, without a reload.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, getApp } from '../helpers/programmes.js';
import { docExample } from '../helpers/doc-examples.js';
import { rawGet } from '../helpers/raw-http.js';
import { hasChromium, launch, pickOption, shot, sidewaysScroll, signIn, stopAll } from './browser.js';

const DONGJIE = '130636100201';
const BANNER = '离线：更改将保存在本机，联网后自动同步';

describe.skipIf(!hasChromium)('offline drafts', () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
    const designer = await server.login('designer');
    for (const [q, v] of [
      ['mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'temp-aid', name: '临时救助', nameEn: 'Temporary assistance', regionCode: '130636000000' } }],
      ['mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "temp-aid", formSchema: $f, workflow: $w) { number } }', { f: docExample('docs/workflow-format.md', 'temp-aid.form'), w: docExample('docs/workflow-format.md', 'temp-aid.workflow') }],
      ['mutation { publishProgramme(key: "temp-aid") { status } }', {}],
    ] as const) {
      const r = await server.gql(q, v, designer);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  });
  afterAll(() => stopAll(browser, server));

  async function open(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(`csp: ${m.text()}`);
    });
    page.setDefaultTimeout(20_000);
    await signIn(page, server.url, 'dongjie_cadre');
    return { context, page };
  }

  /**
   * Until the service worker controls the page (it claims open pages once it has cached the shell).
   * On a loaded machine the first install, which fetches the shell, can take a while or lose a file
   * (a CI run once waited 150 s in vain: the app's next try comes a minute later, then two); a
   * reload, when online, registers the worker again, as reopening the app would. The worker's
   * state is reported if it still fails.
   */
  const controlled = async (page: Page) => {
    const isControlled = () => page.evaluate(() => !!navigator.serviceWorker.controller);
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline && !(await isControlled())) await page.waitForTimeout(250);
    if (await isControlled()) return;
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return r ? `installing ${r.installing?.state ?? '-'}, waiting ${r.waiting?.state ?? '-'}, active ${r.active?.state ?? '-'}` : 'no registration';
    });
    // Offline a reload would only show the browser's error page: then the app's own tries must do.
    if (await page.evaluate(() => navigator.onLine)) await page.reload();
    await expect.poll(isControlled, { timeout: 105_000, message: `not controlled by the worker (after 45 s: ${state})` }).toBe(true);
  };

  /** The keys of the client's IndexedDB store. */
  const idbKeys = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const req = indexedDB.open('aid-offline');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('kv')) return resolve([]);
            const keys = db.transaction('kv').objectStore('kv').getAllKeys();
            keys.onsuccess = () => resolve(keys.result.map(String));
          };
        }),
    );

  const appsNamed = async (name: string) => {
    const r = await server.gql<{ applications: { edges: { node: { id: string; data: Record<string, unknown>; version: number; status: string } }[] } }>(
      'query { applications(filter: { programmeKey: "temp-aid" }, first: 50) { edges { node { id data version status } } } }',
      {},
      await server.login('dongjie_cadre'),
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.applications.edges.map((e) => e.node).filter((a) => a.data.applicantName === name);
  };

  it('serves the worker and the manifest with the right headers, hashed bundles immutable', async () => {
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const body = await sw.text();
    const asset = body.match(/"(\/assets\/index-[^"]+\.js)"/)?.[1];
    expect(asset).toBeTruthy();
    const js = await fetch(`${server.url}${asset}`);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The build's Brotli copy to a browser that takes it, gzip to one that takes only gzip, the
    // file as built to one that takes neither: the same script each time, with the same headers.
    const plain = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const built = Buffer.from(await plain.arrayBuffer());
    for (const [accepts, encoding, unzip] of [['gzip, deflate, br, zstd', 'br', zlib.brotliDecompressSync], ['gzip', 'gzip', zlib.gunzipSync]] as const) {
      const r = await rawGet(`${server.url}${asset}`, accepts);
      expect(r.headers['content-encoding'], accepts).toBe(encoding);
      expect(r.headers['content-type']).toMatch(/^text\/javascript/);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers.vary).toMatch(/Accept-Encoding/i);
      expect(r.body.length).toBeLessThan(built.length / 2);
      expect(unzip(r.body).equals(built)).toBe(true);
    }
    // A bundle this build does not have is not found (it was answered with the page before).
    expect((await fetch(`${server.url}/assets/index-gone.js`)).status).toBe(404);
    const swBr = await rawGet(`${server.url}/sw.js`, 'br');
    expect(swBr.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'no-cache' });
    expect(swBr.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(swBr.body).toString()).toBe(body);
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const m = (await manifest.json()) as { name: string; display: string; start_url: string; icons: { src: string; sizes: string }[] };
    expect(m).toMatchObject({ name: '县域救助', display: 'standalone', start_url: '/' });
    for (const i of m.icons) {
      const png = await fetch(`${server.url}${i.src}`);
      expect(png.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(i.sizes);
    }
  });

  it('keeps a draft filled in without a connection and syncs it when the connection returns (390×844)', { timeout: 300_000 }, async () => {
    const { context, page } = await open(390, 844);
    await page.goto(`${server.url}/applications/new`);
    await pickOption(page, '#new-programme', '临时救助');
    await page.locator('#root_applicantName').waitFor();
    await controlled(page);
    // The form of the programme is kept on the phone, under this user.
    const me = await page.evaluate(() => JSON.parse(localStorage.getItem('aid.me') ?? 'null')?.id as string);
    await expect.poll(() => idbKeys(page)).toContain(`form|${me}|temp-aid`);

    await context.setOffline(true);
    await page.reload();
    await page.getByText(BANNER).waitFor();
    await pickOption(page, '#new-programme', '临时救助');
    await page.locator('#root_applicantName').waitFor();
    await page.fill('#root_applicantName', '赵离线');
    await page.fill('#root_householdSize', '3');
    await page.fill('#root_amount', '1500');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await page.getByText('已保存在本机，联网后自动同步').waitFor();
    const badge = page.getByRole('button', { name: /待同步 1/ });
    await badge.waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    await shot(page, 'offline-phone-saved');
    await badge.click();
    await page.locator('.pending-item .pending-state', { hasText: '等待同步' }).waitFor();
    // Once it has slid in, the list fits the phone's screen.
    await expect.poll(async () => {
      const box = await page.locator('.pending-list').boundingBox();
      return !!box && box.x >= 0 && box.x + box.width <= 390;
    }).toBe(true);
    await shot(page, 'offline-phone-pending');
    await page.keyboard.press('Escape');
    expect(await appsNamed('赵离线')).toEqual([]);
    // Nothing of the user's data in Cache Storage: only the app's own files.
    const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname)))).flat());
    expect(cached.length).toBeGreaterThan(5);
    for (const p of cached) expect(p).toMatch(/^\/(assets|icons)\/|^\/index\.html$/);

    await context.setOffline(false);
    await page.locator('.offline-synced', { hasText: '1 份草稿已同步到服务器' }).waitFor({ timeout: 40_000 });
    await expect.poll(() => badge.count()).toBe(0);
    expect(await page.getByText(BANNER).count()).toBe(0);
    const [app, ...more] = await appsNamed('赵离线');
    expect(more).toEqual([]);
    expect(app).toMatchObject({ status: 'DRAFT', data: { applicantName: '赵离线', householdSize: 3, amount: 1500 } });
    expect((await idbKeys(page)).filter((k) => k.startsWith('draft|'))).toEqual([]);
    await context.close();
  });

  it('shows a conflict when the case changed on the server meanwhile, and overwrites only when confirmed (1366×768)', { timeout: 300_000 }, async () => {
    const app = await createApp(server, 'dongjie_cadre', 'temp-aid', DONGJIE, { applicantName: '钱冲突', householdSize: 2, amount: 800 });
    const { context, page } = await open(1366, 768);
    await page.goto(`${server.url}/applications/${app.id}`);
    await page.locator('#root_amount').waitFor();
    await context.setOffline(true);
    await page.getByText(BANNER).waitFor();
    await page.fill('#root_amount', '1200');
    await page.getByRole('button', { name: /保存草稿/ }).first().click();
    await page.getByText('已保存在本机，联网后自动同步').waitFor();
    await page.locator('.local-copy', { hasText: '等待同步' }).waitFor();
    await page.getByRole('button', { name: /待同步 1/ }).waitFor();
    // Reopened without a connection (the phone closed the app): the kept changes, in the case's form.
    await controlled(page);
    await page.reload();
    await page.locator('.offline-case .local-copy', { hasText: '等待同步' }).waitFor();
    expect(await page.inputValue('#root_amount')).toBe('1200');

    // Meanwhile someone else saves the case on the server.
    const other = await server.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version } }', { id: app.id, d: { applicantName: '钱冲突', householdSize: 2, amount: 900 }, v: app.version }, await server.login('dongjie_cadre'));
    expect(other.errors).toBeUndefined();

    await context.setOffline(false);
    const conflict = page.locator('.local-copy-conflict');
    await conflict.waitFor({ timeout: 40_000 });
    const row = conflict.locator('.conflict-table tr', { hasText: '申请金额' });
    expect(await row.locator('.conflict-mine').innerText()).toBe('1200');
    expect(await row.locator('.conflict-server').innerText()).toBe('900');
    await shot(page, 'offline-conflict');
    // Nothing overwritten.
    const [kept] = await appsNamed('钱冲突');
    expect(kept.data.amount).toBe(900);

    // The header's list shows the same conflict.
    await page.getByRole('button', { name: /待同步 1/ }).click();
    await page.locator('.pending-item .pending-state', { hasText: '有冲突' }).waitFor();
    await page.locator('.pending-drawer .ant-drawer-close').click();

    // Overwrite, after confirming.
    await conflict.getByRole('button', { name: '用本机内容覆盖' }).click();
    await page.locator('.ant-modal-confirm', { hasText: '确定覆盖' }).getByRole('button', { name: '用本机内容覆盖' }).click();
    await page.locator('.offline-synced').waitFor({ timeout: 40_000 });
    await expect.poll(async () => (await appsNamed('钱冲突'))[0].data.amount).toBe(1200);
    await expect.poll(() => page.locator('.local-copy').count()).toBe(0);
    await expect.poll(() => page.inputValue('#root_amount')).toBe('1200');
    await context.close();
  });

  it('keeps a refused draft with the server\'s words through sign-out, and shows it to no other user of the phone', async () => {
    const app = await createApp(server, 'dongjie_cadre', 'temp-aid', DONGJIE, { applicantName: '孔拒绝', householdSize: 1, amount: 300 });
    const { context, page } = await open(1366, 768);
    await page.goto(`${server.url}/applications/${app.id}`);
    await page.locator('#root_amount').waitFor();
    await context.setOffline(true);
    await page.getByText(BANNER).waitFor();
    await page.fill('#root_amount', '400');
    await page.getByRole('button', { name: /保存草稿/ }).first().click();
    await page.getByText('已保存在本机，联网后自动同步').waitFor();
    // Meanwhile the case is submitted: it is no longer a draft anyone may save.
    const submitted = await act(server, 'dongjie_cadre', app, 'SUBMIT');
    expect(submitted.errors).toBeUndefined();

    await context.setOffline(false);
    const refused = page.locator('.local-copy-error');
    await refused.waitFor({ timeout: 40_000 });
    expect(await refused.locator('.local-copy-problem').innerText()).toContain('已不是草稿');
    expect((await getApp(server, 'dongjie_cadre', app.id)).data!.application.data.amount).toBe(300);

    // Another user on the same phone sees none of it; the cadre finds it again after signing in.
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/login');
    await signIn(page, server.url, 'dongjie_team');
    await page.getByRole('button', { name: '退出' }).waitFor();
    await page.locator('h2').first().waitFor();
    expect(await page.locator('.pending-button').count()).toBe(0);
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/login');
    await signIn(page, server.url, 'dongjie_cadre');
    await page.getByRole('button', { name: /待同步 1/ }).click();
    const item = page.locator('.pending-item', { hasText: '同步失败' });
    await item.waitFor();
    expect(await item.locator('.pending-problem').innerText()).toContain('已不是草稿');
    await context.close();
  });

  it('installs the worker again when the first try lost it, once the connection returns', { timeout: 200_000 }, async () => {
    // The worker's script does not arrive (a weak signal on the first visit): the browser drops
    // the registration, and the page must try again by itself, without a reload.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    let lost = 0;
    await context.route('**/sw.js', (route) => {
      lost++;
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/login`);
    await expect.poll(() => lost).toBeGreaterThan(0);
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()))).toBe(false);

    await context.unroute('**/sw.js');
    await context.setOffline(true);
    await context.setOffline(false);
    await controlled(page);
    expect(lost).toBe(1);
    await context.close();
  });

  it('raised no uncaught errors and no CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
