/**
 * The offline sync queue (client/src/offline/sync.ts) against the real server over HTTP: new
 * drafts are created once (idempotency key) with the user's latest data, edits are saved with the
 * version they started from, a case changed meanwhile becomes a conflict and is never overwritten
 * until the user chooses to, refusals keep the draft with the server's words, and a lost
 * connection leaves everything waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, getApp } from '../helpers/programmes.js';
import { docExample } from '../helpers/doc-examples.js';
import { sendTo } from '../../client/src/api.js';
import { runQueue, syncDraft, type QueueStore, type Send } from '../../client/src/offline/sync.js';
import { overwriteWithMine, type Draft, type EditDraft, type NewDraft } from '../../client/src/offline/drafts.js';

const DONGJIE = '130636100201';
let s: TestServer;
let send: Send;
let unreachable: Send;

beforeAll(async () => {
  s = await startTestServer();
  const designer = await s.login('designer');
  for (const [q, v] of [
    ['mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'temp-aid', name: '临时救助', regionCode: '130636000000' } }],
    ['mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "temp-aid", formSchema: $f, workflow: $w) { number } }', { f: docExample('docs/workflow-format.md', 'temp-aid.form'), w: docExample('docs/workflow-format.md', 'temp-aid.workflow') }],
    ['mutation { publishProgramme(key: "temp-aid") { status } }', {}],
  ] as const) {
    const r = await s.gql(q, v, designer);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
  const token = await s.login('dongjie_cadre');
  send = (doc, vars) => sendTo(`${s.url}/graphql`, token, doc, vars);
  // Port 1 on loopback: nothing listens, the connection is refused as with no signal.
  unreachable = (doc, vars) => sendTo('http://127.0.0.1:1/graphql', token, doc, vars);
});
afterAll(async () => {
  await s?.stop();
});

/** The queue's storage port over a Map (the browser uses IndexedDB). */
function memoryStore(drafts: Draft[] = []) {
  const map = new Map(drafts.map((d) => [d.localId, d]));
  const store: QueueStore = {
    get: async (id) => map.get(id),
    put: async (d) => void map.set(d.localId, d),
    remove: async (id) => void map.delete(id),
  };
  return { map, store };
}

let seq = 0;
function newDraft(data: Record<string, unknown>): NewDraft {
  seq++;
  const key = `offline-sync-test-${Date.now().toString(36)}-${seq}`;
  return { kind: 'new', localId: `new:${key}`, idempotencyKey: key, versionNumber: 1, userId: 'u', programmeKey: 'temp-aid', programmeName: '临时救助', regionCode: DONGJIE, data, savedAt: new Date(Date.now() + seq).toISOString(), state: 'waiting' };
}
function editDraft(app: { id: string; reference: string }, baseVersion: number, data: Record<string, unknown>): EditDraft {
  return { kind: 'edit', localId: `edit:${app.id}`, appId: app.id, reference: app.reference, baseVersion, userId: 'u', programmeKey: 'temp-aid', programmeName: '临时救助', regionCode: DONGJIE, data, savedAt: new Date().toISOString(), state: 'waiting' };
}
const serverData = async (id: string) => (await getApp(s, 'dongjie_cadre', id)).data!.application;

describe('new drafts', () => {
  it('creates the case with the data filled in offline and drops the draft', async () => {
    const d = newDraft({ applicantName: '孙同步', householdSize: 2, amount: 600 });
    const { map, store } = memoryStore([d]);
    const result = await runQueue([d], send, store);
    expect(result).toMatchObject({ conflicts: 0, errors: 0, offline: false });
    expect(result.synced).toHaveLength(1);
    expect(map.size).toBe(0);
    const app = await serverData(result.synced[0].appId);
    expect(app).toMatchObject({ status: 'DRAFT', data: { applicantName: '孙同步', householdSize: 2, amount: 600 } });
  });

  it('files one case when an answer was lost and the draft changed before the retry, with the newer data', async () => {
    const first = newDraft({ applicantName: '周重试', householdSize: 1, amount: 300 });
    const a = await syncDraft(first, send);
    expect(a.synced).toBe(true);
    // The phone never heard back, kept the draft and the user changed it: same key, new data.
    const b = await syncDraft({ ...first, data: { applicantName: '周重试', householdSize: 1, amount: 450 } }, send);
    expect(b).toMatchObject({ synced: true, appId: a.synced ? a.appId : '' });
    expect((await serverData(a.synced ? a.appId : '')).data.amount).toBe(450);
  });

  it('keeps a draft the user saved again while it was on its way, for the next run', async () => {
    const d = newDraft({ applicantName: '吴途中', householdSize: 1, amount: 100 });
    const { map, store } = memoryStore([d]);
    const slow: Send = async (doc, vars) => {
      // The user saves newer data while the request is in flight.
      map.set(d.localId, { ...map.get(d.localId)!, data: { applicantName: '吴途中', householdSize: 1, amount: 200 }, savedAt: new Date(Date.now() + 60_000).toISOString(), state: 'waiting' });
      return send(doc, vars);
    };
    const first = await runQueue([d], slow, store);
    expect(first.synced).toHaveLength(1);
    expect(map.get(d.localId)).toMatchObject({ state: 'waiting', data: { amount: 200 } });
    const second = await runQueue([...map.values()], send, store);
    expect(second.synced[0].appId).toBe(first.synced[0].appId);
    expect(map.size).toBe(0);
    expect((await serverData(first.synced[0].appId)).data.amount).toBe(200);
  });
});

describe('edits', () => {
  it('saves with the version the edits started from', async () => {
    const app = await createApp(s, 'dongjie_cadre', 'temp-aid', DONGJIE, { applicantName: '郑编辑', householdSize: 2, amount: 500 });
    const out = await syncDraft(editDraft(app, app.version, { applicantName: '郑编辑', householdSize: 3, amount: 500 }), send);
    expect(out.synced).toBe(true);
    expect(await serverData(app.id)).toMatchObject({ version: app.version + 1, data: { householdSize: 3 } });
  });

  it('turns a case changed on the server into a conflict, overwrites nothing, and overwrites only by choice', async () => {
    const app = await createApp(s, 'dongjie_cadre', 'temp-aid', DONGJIE, { applicantName: '王冲突', householdSize: 2, amount: 500 });
    const theirs = await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version } }', { id: app.id, d: { applicantName: '王冲突', householdSize: 2, amount: 700 }, v: app.version }, await s.login('dongjie_cadre'));
    expect(theirs.errors).toBeUndefined();
    const mine = editDraft(app, app.version, { applicantName: '王冲突', householdSize: 2, amount: 900 });
    const { map, store } = memoryStore([mine]);
    const result = await runQueue([mine], send, store);
    expect(result).toMatchObject({ synced: [], conflicts: 1 });
    const kept = map.get(mine.localId)!;
    expect(kept).toMatchObject({ state: 'conflict', data: { amount: 900 }, server: { version: app.version + 1, data: { amount: 700 } }, problem: { code: 'VERSION_CONFLICT' } });
    expect((await serverData(app.id)).data.amount).toBe(700);
    // The queue leaves a conflict alone until the user decides.
    expect((await runQueue([kept], send, store)).synced).toEqual([]);
    expect((await serverData(app.id)).data.amount).toBe(700);
    // "Overwrite with mine", confirmed: based on the server's newer version now.
    await store.put(overwriteWithMine(kept));
    const again = await runQueue([...map.values()], send, store);
    expect(again.synced).toHaveLength(1);
    expect(await serverData(app.id)).toMatchObject({ version: app.version + 2, data: { amount: 900 } });
  });

  it('needs no decision when the server already holds the same data', async () => {
    const app = await createApp(s, 'dongjie_cadre', 'temp-aid', DONGJIE, { applicantName: '冯相同', householdSize: 2, amount: 500 });
    const same = { applicantName: '冯相同', householdSize: 2, amount: 650 };
    await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version } }', { id: app.id, d: same, v: app.version }, await s.login('dongjie_cadre'));
    const out = await syncDraft(editDraft(app, app.version, same), send);
    expect(out).toMatchObject({ synced: true, version: app.version + 1 });
    expect((await serverData(app.id)).version).toBe(app.version + 1);
  });

  it('keeps a refused draft with the server\'s message in both languages', async () => {
    const app = await createApp(s, 'dongjie_cadre', 'temp-aid', DONGJIE, { applicantName: '陈已交', householdSize: 2, amount: 500 });
    const submitted = await act(s, 'dongjie_cadre', app, 'SUBMIT');
    expect(submitted.errors).toBeUndefined();
    const { map, store } = memoryStore([editDraft(app, submitted.data!.transitionApplication.version, { applicantName: '陈已交', householdSize: 4, amount: 500 })]);
    const result = await runQueue([...map.values()], send, store);
    expect(result).toMatchObject({ errors: 1, synced: [] });
    const kept = map.get(`edit:${app.id}`)!;
    expect(kept.state).toBe('error');
    expect(kept.problem).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    expect(kept.problem!.messageZh).toContain('已不是草稿');
    expect(kept.problem!.message).toMatch(/no longer a draft/);
  });
});

describe('without a connection', () => {
  it('leaves every draft waiting and stops at the first failure', async () => {
    const a = newDraft({ applicantName: '何无网', householdSize: 1, amount: 100 });
    const b = newDraft({ applicantName: '何无网二', householdSize: 1, amount: 100 });
    const { map, store } = memoryStore([a, b]);
    const result = await runQueue([a, b], unreachable, store);
    expect(result).toMatchObject({ offline: true, synced: [], conflicts: 0, errors: 0 });
    expect(map.get(a.localId)).toMatchObject({ state: 'waiting', data: a.data });
    expect(map.get(a.localId)!.problem).toBeUndefined();
    expect(map.get(b.localId)).toEqual(b);
    // The connection returns: both go.
    expect((await runQueue([...map.values()], send, store)).synced).toHaveLength(2);
    expect(map.size).toBe(0);
  });
});
