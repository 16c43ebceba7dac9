import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';
import { queriesPerRequest } from '../helpers/query-count.js';
import { act, APP_FIELDS, createApp, getApp, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

const COUNTY = '130636000000';
const PUYANG = '130636100000';
const YAOSHAN = '130636102000';
const DONGJIE = '130636100201';

const NOTICE_FIELDS = 'reference programmeKey programmeName regionCode regionName townshipName stateTitle noticeStart noticeEnd office fields { title value } objectionOpen objectionPending';
const BOARD = `query($r: String, $n: Int, $a: String) { publicNotices(regionCode: $r, first: $n, after: $a) { totalCount edges { cursor node { ${NOTICE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const OBJECT = 'mutation($ref: String!, $reason: String!, $c: String) { raiseObjection(reference: $ref, reason: $reason, contact: $c) { id reference reason contact status outcomeComment createdAt resolvedAt receipt } }';
const RESOLVE = 'mutation($id: ID!, $o: String!, $c: String!) { resolveObjection(id: $id, outcome: $o, comment: $c) { id status outcomeComment contact resolvedAt } }';
const OBJECTIONS = 'query($id: ID!) { application(id: $id) { state openObjections objections { id reference reason contact status outcomeComment createdAt resolvedAt receipt } } }';
const STATUS = 'query($r: String!) { objectionStatus(receipt: $r) { receipt reference status createdAt resolvedAt dismissalReason } }';
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const TIMER_ACTOR = '系统（期满自动流转）';

let s: TestServer;
/** Raw text of every public (no-login) response in this file, scanned for personal data at the end. */
const publicTexts: string[] = [];
let clientSeq = 0;
/** A new documentation-range client address per call unless one is given. */
const nextClient = () => `198.51.100.${++clientSeq}`;

beforeAll(async () => {
  s = await startTestServer({ countQueries: true });
});
afterAll(async () => {
  await s?.stop();
});

/**
 * A request without login from the given client address: the server trusts X-Forwarded-For from
 * loopback (its reverse proxy), which is how it learns a public client's address.
 */
async function pub<T = any>(query: string, variables: Record<string, unknown>, client = nextClient()): Promise<GqlResult<T> & { text: string; contentType: string | null }> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  publicTexts.push(text);
  return { ...(JSON.parse(text) as GqlResult<T>), status: res.status, text, contentType: res.headers.get('content-type') };
}

const objectAs = (client: string, reference: string, reason: string, contact?: string) => pub(OBJECT, { ref: reference, reason, c: contact }, client);
const object = (reference: string, reason: string, contact?: string) => objectAs(nextClient(), reference, reason, contact);

const phoneOf = (seq: string) => `1391000${seq.padStart(4, '0')}`;

/** A dibao household with its own ID number (x-unique) and phone. */
function household(seq: string, name = '周桂芬') {
  const ex = loadExample('dibao').example as any;
  return { ...ex, head: { ...ex.head, name, idNumber: makeIdCard('130636', '19580817', seq), phone: phoneOf(seq) } };
}

const APPRAISAL = { appraisal: { meetingDate: '2026-11-20', attendees: 35, votesFor: 33, votesAgainst: 2 } };

async function ok(user: string, app: AppView, event: string, extra: { comment?: string; data?: unknown } = {}): Promise<AppView> {
  const r = await act(s, user, app, event, extra);
  if (r.errors) throw new Error(`${user} ${event} in ${app.state}: ${JSON.stringify(r.errors)}`);
  return r.data!.transitionApplication;
}

async function submitted(programme: string, seq: string, name?: string): Promise<AppView> {
  const app = await createApp(s, 'dongjie_cadre', programme, DONGJIE, household(seq, name));
  const r = await s.gql(`mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { ${APP_FIELDS} } }`, { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.submitApplication;
}

/** Files, submits and passes appraisal: the case enters 村内公示. */
async function intoNotice(programme: string, seq: string, name?: string): Promise<AppView> {
  const app = await ok('dongjie_cadre', await submitted(programme, seq, name), 'APPROVE', { data: APPRAISAL });
  expect(app).toMatchObject({ state: 'village_notice', status: 'UNDER_NOTICE' });
  return app;
}

const sql = <T = any>(text: string, params: unknown[] = []) => s.orm.em.fork().getConnection().execute<T[]>(text, params as any[]);

/**
 * Lets a notice's period run out now: the deadline moves into the past and its timer job becomes
 * due, then we wait until the worker has run it (completed), whatever it decided.
 */
async function runOut(app: { id: string }): Promise<void> {
  const [{ timer_jobs }] = await sql<{ timer_jobs: string[] }>('select timer_jobs from application where id = ?', [app.id]);
  expect(timer_jobs).toHaveLength(1);
  await sql(`update application set notice_ends_at = now() - interval '1 second' where id = ?`, [app.id]);
  await sql(`update pgboss.job set start_after = now() where id = ? and state = 'created'`, [timer_jobs[0]]);
  const end = Date.now() + 60_000;
  for (;;) {
    const [job] = await sql<{ state: string }>('select state from pgboss.job where id = ?', [timer_jobs[0]]);
    if (job?.state === 'completed' || Date.now() > end) return expect(job?.state).toBe('completed');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const view = async (app: { id: string }) => (await getApp(s, 'county_office', app.id)).data!.application;
const fromNotice = (a: AppView) => a.history.filter((h) => h.fromState === 'village_notice');

describe('the public notice board', () => {
  let app: AppView;
  beforeAll(async () => {
    app = await intoNotice('dibao', '401', '欧阳春花');
  });

  it('shows a case under notice to anyone, with only the public fields, masked', async () => {
    const r = await pub(BOARD, { r: DONGJIE, n: 100 });
    expect(r.errors).toBeUndefined();
    const node = r.data.publicNotices.edges.map((e: any) => e.node).find((n: any) => n.reference === app.reference);
    const id = makeIdCard('130636', '19580817', '401');
    expect(node).toEqual({
      reference: app.reference,
      programmeKey: 'dibao',
      programmeName: '农村最低生活保障',
      regionCode: DONGJIE,
      regionName: '东街村',
      townshipName: '蒲阳镇',
      stateTitle: '村内公示',
      noticeStart: expect.any(String),
      noticeEnd: expect.any(String),
      office: '顺平县民政局社会救助股',
      fields: [
        { title: '户主姓名', value: '欧**花' },
        { title: '户主身份证号', value: `1306**********${id.slice(14)}` },
        { title: '村民小组', value: '第五村民小组' },
        { title: '家庭人口（人）', value: '2' },
        { title: '困难类别', value: '因病' },
      ],
      objectionOpen: true,
      objectionPending: false,
    });
    expect(Date.parse(node.noticeEnd) - Date.parse(node.noticeStart)).toBe(7 * 86400_000);
    for (const secret of [id, phoneOf('401'), '欧阳春花', '6217000000000000037', '户主患慢性病']) expect(r.text).not.toContain(secret);
  });

  it('includes the whole subtree of a region and nothing outside it', async () => {
    for (const [region, prefix, listed] of [[COUNTY, '130636', true], [PUYANG, '130636100', true], [DONGJIE, DONGJIE, true], [YAOSHAN, '130636102', false]] as const) {
      const r = await pub(BOARD, { r: region, n: 100 });
      const nodes = r.data.publicNotices.edges.map((e: any) => e.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.some((n: any) => n.reference === app.reference)).toBe(listed);
      for (const n of nodes) expect(n.regionCode.startsWith(prefix)).toBe(true);
    }
    expect(codeOf(await pub(BOARD, { r: '1306' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await pub(BOARD, { r: '999999999999' }))).toBe('NOT_FOUND');
    expect(codeOf(await pub(BOARD, { n: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await pub(BOARD, { a: 'bm9wZQ' }))).toBe('BAD_USER_INPUT');
  });

  it('pages with cursors, newest notice first, and counts the whole board', async () => {
    const seen: string[] = [];
    const starts: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r: any = await pub(BOARD, { r: COUNTY, n: 4, a: after });
      for (const e of r.data.publicNotices.edges) {
        seen.push(e.node.reference);
        starts.push(Date.parse(e.node.noticeStart));
      }
      if (!r.data.publicNotices.pageInfo.hasNextPage) break;
      after = r.data.publicNotices.pageInfo.endCursor;
    }
    const total = (await pub(BOARD, { r: COUNTY })).data.publicNotices.totalCount;
    expect(total).toBeGreaterThan(4); // the demo county has cases under notice in every village
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const [{ n }] = await sql<{ n: string }>(`select count(*) as n from application where status = 'UNDER_NOTICE' and region_path like (select path from region where code = '${COUNTY}') || '%'`);
    expect(total).toBe(Number(n));
  });

  it('costs the same number of queries for one notice as for fifty (no N+1)', async () => {
    const count = async (n: number) => {
      const r = await pub(BOARD, { n });
      expect(r.data.publicNotices.edges.length).toBe(Math.min(n, r.data.publicNotices.totalCount));
      return queriesPerRequest(s, () => pub(BOARD, { n }));
    };
    const one = await count(1);
    expect(await count(50)).toBe(one);
  });
});

describe('objections', () => {
  it('pause the notice and go to staff: the timer leaves the case; confirmed, it goes back as the workflow says', async () => {
    let app = await intoNotice('dibao', '402');
    const reason = '该户家中有一辆小轿车，儿子在县城工作收入稳定，不符合低保条件。';
    const r = await objectAs('203.0.113.77', app.reference.toLowerCase(), reason, '139 1234 5678');
    expect(r.errors).toBeUndefined();
    const objection = r.data.raiseObjection;
    expect(objection).toMatchObject({ reference: app.reference, reason, status: 'open', contact: '139****5678', outcomeComment: null, resolvedAt: null, receipt: expect.stringMatching(RECEIPT) });

    // Nothing moved: the case is still on notice, paused, and the board says so.
    let now = await view(app);
    expect(now).toMatchObject({ state: 'village_notice', status: 'UNDER_NOTICE', version: app.version, openObjections: 1 });
    expect(now.history.some((h) => h.event === 'OBJECTION')).toBe(false);
    const board = await pub(BOARD, { r: DONGJIE, n: 100 });
    expect(board.data.publicNotices.edges.find((e: any) => e.node.reference === app.reference).node).toMatchObject({ objectionPending: true, objectionOpen: true });

    // Staff see the objection with its contact; the database keeps a keyed hash, not the address.
    const staff = await s.gql(OBJECTIONS, { id: app.id }, await s.login('county_office'));
    expect(staff.data.application.objections).toEqual([{ ...objection, contact: '139 1234 5678' }]);
    const [row] = await sql('select * from objection where id = ?', [objection.id]);
    expect(row.client_ip_hash).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify(row)).not.toContain('203.0.113.77');

    // The period runs out while the objection is open: the timer fires and the case stays.
    await runOut(app);
    now = await view(app);
    expect(now).toMatchObject({ state: 'village_notice', status: 'UNDER_NOTICE', version: app.version, openObjections: 1 });
    expect((await pub(STATUS, { r: objection.receipt.toLowerCase().replaceAll('-', ' ') })).data.objectionStatus).toEqual({
      receipt: objection.receipt, reference: app.reference, status: 'open', createdAt: objection.createdAt, resolvedAt: null, dismissalReason: null,
    });

    // Confirmed by the village that appraised it: back to appraisal, in the village's name.
    const confirmed = await s.gql(RESOLVE, { id: objection.id, o: 'upheld', c: '经入户核实，车辆为该户所有，退回重新评议' }, await s.login('dongjie_cadre'));
    expect(confirmed.data.resolveObjection).toMatchObject({ status: 'upheld', resolvedAt: expect.any(String) });
    app = (await getApp(s, 'dongjie_cadre', app.id)).data!.application;
    expect(app).toMatchObject({ state: 'village_appraisal', status: 'IN_REVIEW' });
    expect(app.history.at(-1)).toMatchObject({ event: 'OBJECTION', fromState: 'village_notice', toState: 'village_appraisal', actorName: '东街村两委 陈红', role: 'village_committee', comment: '异议成立：经入户核实，车辆为该户所有，退回重新评议' });
    expect((await view(app)).openObjections).toBe(0);
    expect((await pub(BOARD, { r: DONGJIE, n: 100 })).data.publicNotices.edges.some((e: any) => e.node.reference === app.reference)).toBe(false);
    const status = (await pub(STATUS, { r: objection.receipt })).data.objectionStatus;
    expect(status).toMatchObject({ status: 'upheld', resolvedAt: expect.any(String), dismissalReason: null });

    // Re-appraised into a new notice that nobody objects to: the timer moves it on.
    app = await ok('dongjie_cadre', app, 'APPROVE', { comment: '复核后维持评议结果' });
    expect(app.status).toBe('UNDER_NOTICE');
    await runOut(app);
    app = await view(app);
    expect(app).toMatchObject({ state: 'township_review', status: 'IN_REVIEW' });
    expect(app.history.at(-1)).toMatchObject({ fromState: 'village_notice', toState: 'township_review', actorName: TIMER_ACTOR });
    expect(app.history.filter((h) => h.event === 'OBJECTION')).toHaveLength(1);

    // Once the timer has closed the notice, the public is told when.
    const late = await object(app.reference, '公示期过后才看到，补充异议。');
    expect(codeOf(late)).toBe('TRANSITION_NOT_ALLOWED');
    expect(late.errors![0].message).toMatch(/closed on \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+8\)/);
    expect(late.errors![0].extensions).toMatchObject({ subCode: 'NOTICE_CLOSED' });
  });

  it('dismissed after the deadline, the last one ends the notice at once, exactly once', async () => {
    const app = await intoNotice('dibao', '411');
    const a = (await object(app.reference, '该户有经营性收入未申报。', '13900001111')).data.raiseObjection;
    const b = (await object(app.reference, '该户长期不在本村居住。')).data.raiseObjection;
    expect((await view(app)).openObjections).toBe(2);
    await runOut(app);

    const office = await s.gql(RESOLVE, { id: a.id, o: 'dismissed', c: '经营收入已如实申报并计入家庭收入，异议不成立' }, await s.login('county_office'));
    expect(office.data.resolveObjection.status).toBe('dismissed');
    let now = await view(app);
    expect(now).toMatchObject({ state: 'village_notice', openObjections: 1, version: app.version });
    // The objector reads the outcome and the reason with the receipt, nothing personal.
    const receipt = await pub(STATUS, { r: a.receipt });
    expect(receipt.data.objectionStatus).toEqual({
      receipt: a.receipt, reference: app.reference, status: 'dismissed', createdAt: a.createdAt, resolvedAt: expect.any(String),
      dismissalReason: '经营收入已如实申报并计入家庭收入，异议不成立',
    });
    for (const secret of ['13900001111', '该户有经营性收入未申报']) expect(receipt.text).not.toContain(secret);

    await s.gql(RESOLVE, { id: b.id, o: 'dismissed', c: '经核实该户常住本村，异议不成立' }, await s.login('dongjie_cadre'));
    now = await view(app);
    expect(now).toMatchObject({ state: 'township_review', status: 'IN_REVIEW', openObjections: 0 });
    expect(fromNotice(now)).toEqual([expect.objectContaining({ toState: 'township_review', actorName: TIMER_ACTOR, comment: '异议均已处理，公示期满' })]);
    await new Promise((r) => setTimeout(r, 2000)); // a second move would have landed by now
    expect(fromNotice(await view(app))).toHaveLength(1);
  });

  it('dismissed before the deadline, the notice runs on and its timer ends it', async () => {
    const app = await intoNotice('dibao', '412');
    const o = (await object(app.reference, '该户子女有赡养能力。')).data.raiseObjection;
    await s.gql(RESOLVE, { id: o.id, o: 'dismissed', c: '子女均为低收入，赡养能力有限，异议不成立' }, await s.login('dongjie_cadre'));
    const now = await view(app);
    expect(now).toMatchObject({ state: 'village_notice', openObjections: 0, version: app.version });
    const [{ timer_jobs }] = await sql('select timer_jobs from application where id = ?', [app.id]);
    expect((await sql('select state from pgboss.job where id = ?', [timer_jobs[0]]))[0].state).toBe('created');
    await runOut(app);
    const moved = await view(app);
    expect(moved.state).toBe('township_review');
    expect(fromNotice(moved)).toEqual([expect.objectContaining({ actorName: TIMER_ACTOR, comment: null })]);
  });

  it('moves a case exactly once when the last dismissal and the timer meet', async () => {
    const apps = await Promise.all(['418', '419', '420'].map((seq) => intoNotice('dibao', seq)));
    const objections = await Promise.all(apps.map(async (app) => (await object(app.reference, '该户收入情况需要复核。')).data.raiseObjection.id as string));
    const cadre = await s.login('dongjie_cadre');
    await Promise.all(apps.map(async (app, i) => {
      const [{ timer_jobs }] = await sql<{ timer_jobs: string[] }>('select timer_jobs from application where id = ?', [app.id]);
      await sql(`update application set notice_ends_at = now() - interval '1 second' where id = ?`, [app.id]);
      await sql(`update pgboss.job set start_after = now() where id = ?`, [timer_jobs[0]]);
      await s.gql(RESOLVE, { id: objections[i], o: 'dismissed', c: '经核实，异议不成立' }, cadre);
    }));
    for (const app of apps) {
      let now = await view(app);
      for (let i = 0; i < 50 && now.state === 'village_notice'; i++) { await new Promise((r) => setTimeout(r, 200)); now = await view(app); }
      expect(now.state).toBe('township_review');
    }
    await new Promise((r) => setTimeout(r, 2000));
    for (const app of apps) expect(fromNotice(await view(app))).toHaveLength(1);
  });

  it('cannot be used as a weapon: objections to every notice of a village send none back', async () => {
    const apps = await Promise.all(['413', '414', '415', '416', '417'].map((seq) => intoNotice('dibao', seq)));
    const client = '203.0.113.99';
    for (const app of apps) expect((await objectAs(client, app.reference, '批量异议：该户不符合条件。')).data.raiseObjection.status).toBe('open');
    for (const app of apps) expect(await view(app)).toMatchObject({ state: 'village_notice', status: 'UNDER_NOTICE', openObjections: 1 });
    const board = (await pub(BOARD, { r: DONGJIE, n: 100 })).data.publicNotices.edges.map((e: any) => e.node);
    for (const app of apps) expect(board.find((n: any) => n.reference === app.reference).objectionPending).toBe(true);
  });

  it('looks up receipts without login, refuses unknown ones and limits look-ups per client', async () => {
    expect(codeOf(await pub(STATUS, { r: 'ABCD-EFGH-JKMN-PQRS' }))).toBe('NOT_FOUND');
    expect(codeOf(await pub(STATUS, { r: 'not a receipt' }))).toBe('NOT_FOUND');
    expect(codeOf(await pub(STATUS, { r: 'not a receipt\u0000' }))).toBe('BAD_USER_INPUT'); // refused at the edge
    const client = '203.0.113.98';
    for (let i = 0; i < 30; i++) await pub(STATUS, { r: '0000-0000-0000-0000' }, client);
    expect(codeOf(await pub(STATUS, { r: '0000-0000-0000-0000' }, client))).toBe('RATE_LIMITED');
  });

  it('refuses an objection after the period even before the timer has run', async () => {
    const app = await intoNotice('dibao', '403');
    await sql(`update application set notice_ends_at = now() - interval '1 hour' where id = ?`, [app.id]);
    const r = await object(app.reference, '该户隐瞒了务工收入情况。');
    expect(codeOf(r)).toBe('TRANSITION_NOT_ALLOWED');
    expect(r.errors![0].message).toMatch(new RegExp(`notice of ${app.reference} closed on \\d{4}-\\d\\d-\\d\\d`));
    const board = await pub(BOARD, { r: DONGJIE, n: 100 });
    expect(board.data.publicNotices.edges.find((e: any) => e.node.reference === app.reference).node.objectionOpen).toBe(false);
    expect((await getApp(s, 'dongjie_cadre', app.id)).data!.application).toMatchObject({ state: 'village_notice', version: app.version });
    expect(await sql('select id from objection where application_id = ?', [app.id])).toEqual([]);
  });

  it('refuses unknown references and cases not under notice, with clear messages', async () => {
    const unknown = await object('130636-DIBAO-2026-999999', '该户不符合条件，请核实。');
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0].message).toContain('130636-DIBAO-2026-999999');

    const draft = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, household('404'));
    const inReview = await submitted('dibao', '405');
    for (const app of [draft, inReview]) {
      const r = await object(app.reference, '该户不符合条件，请核实。');
      expect(codeOf(r)).toBe('TRANSITION_NOT_ALLOWED');
      expect(r.errors![0].message).toMatch(/not under public notice/);
      expect(r.errors![0].extensions).toMatchObject({ subCode: 'NOTICE_NOT_OPEN' });
      expect((await getApp(s, 'dongjie_cadre', app.id)).data!.application.version).toBe(app.version);
    }
  });

  it('refuses reasons that are too short or too long, an oversized body and a long contact; nothing changes', async () => {
    const app = await intoNotice('dibao', '406');
    const short = await object(app.reference, '  不行 ');
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0].extensions!.problems).toEqual([{ path: '/reason', message: expect.stringContaining('5–1000'), messageEn: expect.stringContaining('5–1000') }]);
    const long = await object(app.reference, '异'.repeat(1001));
    expect(codeOf(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0].extensions!.problems![0].path).toBe('/reason');
    const contact = await object(app.reference, '该户不符合条件，请核实。', '1'.repeat(101));
    expect(contact.errors![0].extensions!.problems![0].path).toBe('/contact');
    const huge = await object(app.reference, 'x'.repeat(1024 * 1024));
    expect(huge.status).toBe(413);
    expect(codeOf(huge)).toBe('PAYLOAD_TOO_LARGE');
    expect((await getApp(s, 'dongjie_cadre', app.id)).data!.application).toMatchObject({ state: 'village_notice', version: app.version });
    expect(await sql('select id from objection where application_id = ?', [app.id])).toEqual([]);
  });

  it('keeps markup as inert text and strips control characters', async () => {
    const app = await intoNotice('dibao', '407');
    // NUL never gets this far: the request edge refuses it (test/integration/edge.test.ts).
    expect(codeOf(await object(app.reference, '该户有\u0000小轿车一辆，不符合条件。'))).toBe('BAD_USER_INPUT');
    const typed = '<script>alert("x")</script><img src=x onerror=alert(1)> 该户有小轿车\u202E一辆\u0007';
    const stored = '<script>alert("x")</script><img src=x onerror=alert(1)> 该户有小轿车一辆';
    const r = await object(app.reference, typed, '<b>邻居</b>');
    expect(r.contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(r.data.raiseObjection).toMatchObject({ reason: stored, contact: '***' });
    const staff = await s.gql(OBJECTIONS, { id: app.id }, await s.login('dongjie_cadre'));
    expect(staff.data.application.objections[0]).toMatchObject({ reason: stored, contact: '<b>邻居</b>' });
  });

  it('limits one client to 3 objections per case and 5 in ten minutes', async () => {
    const app = await intoNotice('dibao', '408');
    const a = '203.0.113.10';
    expect((await objectAs(a, app.reference, '第一次提出异议：收入不实。')).data.raiseObjection.status).toBe('open');
    for (let i = 0; i < 2; i++) expect((await objectAs(a, app.reference, '再次提出异议：收入不实。')).data.raiseObjection.status).toBe('open');
    const flood = await objectAs(a, app.reference, '第四次提出异议：收入不实。');
    expect(codeOf(flood)).toBe('RATE_LIMITED');
    expect(flood.errors![0].message).toMatch(/3 times/);

    const other = await intoNotice('dibao', '409');
    const b = '203.0.113.11';
    for (let i = 0; i < 5; i++) expect(codeOf(await objectAs(b, `130636-DIBAO-2026-90000${i}`, '探测编号：该户不符合条件。'))).toBe('NOT_FOUND');
    const limited = await objectAs(b, other.reference, '该户不符合条件，请核实。');
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0].message).toMatch(/at most 5 in 10 minutes/);
    expect((await getApp(s, 'dongjie_cadre', other.id)).data!.application.state).toBe('village_notice');
    // Another client is not affected.
    expect((await objectAs('203.0.113.12', other.reference, '该户不符合条件，请核实。')).data.raiseObjection.status).toBe('open');
  });
});

describe('resolveObjection: in, above and outside the region', () => {
  let app: AppView;
  let first: string;
  let second: string;
  beforeAll(async () => {
    app = await intoNotice('dibao', '410');
    first = (await object(app.reference, '该户儿子在外务工收入较高。', '13800001111')).data.raiseObjection.id;
    second = (await object(app.reference, '该户有经营性收入未申报。')).data.raiseObjection.id;
  });

  const resolve = async (user: string | undefined, id: string, outcome = 'upheld', comment = '经核实，异议成立') =>
    s.gql(RESOLVE, { id, o: outcome, c: comment }, user ? await s.login(user) : undefined);

  it('refuses the public, other villages and townships (not found) and the township above without the acting role', async () => {
    expect(codeOf(await resolve(undefined, first))).toBe('UNAUTHENTICATED');
    expect(codeOf(await resolve('wangge_cadre', first))).toBe('NOT_FOUND');
    expect(codeOf(await resolve('yaoshan_reviewer', first))).toBe('NOT_FOUND');
    const above = await resolve('puyang_reviewer', first);
    expect(codeOf(above)).toBe('FORBIDDEN');
    expect(above.errors![0].message).toMatch(/county_office/);
    expect(codeOf(await resolve('county_office', '00000000-0000-0000-0000-000000000000'))).toBe('NOT_FOUND');
    expect(codeOf(await resolve('county_office', 'not-an-id'))).toBe('NOT_FOUND');
  });

  it('refuses an unknown outcome and an empty comment', async () => {
    expect(codeOf(await resolve('dongjie_cadre', first, 'accepted'))).toBe('BAD_USER_INPUT');
    const empty = await resolve('dongjie_cadre', first, 'upheld', '  \u0007 ');
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0].extensions!.problems![0].path).toBe('/comment');
  });

  it('lets the village the objection would send it back to and the county office resolve, once', async () => {
    const village = await resolve('dongjie_cadre', first, 'upheld', '经入户核实，异议成立，已退回重新评议');
    expect(village.data.resolveObjection).toMatchObject({ id: first, status: 'upheld', outcomeComment: '经入户核实，异议成立，已退回重新评议', contact: '13800001111', resolvedAt: expect.any(String) });
    expect(await view(app)).toMatchObject({ state: 'village_appraisal', openObjections: 0 });
    const again = await resolve('county_office', first, 'dismissed');
    expect(codeOf(again)).toBe('TRANSITION_NOT_ALLOWED');
    expect(again.errors![0].extensions).toMatchObject({ subCode: 'ALREADY_RESOLVED' });
    // The case has left that notice: the other objection is answered, and nothing else moves.
    expect((await resolve('county_office', second, 'dismissed', '经营收入已计入，异议不成立')).data.resolveObjection.status).toBe('dismissed');
    expect(fromNotice(await view(app))).toHaveLength(1);
    const [row] = await sql('select o.status, u.username from objection o join app_user u on u.id = o.resolved_by where o.id = ?', [second]);
    expect(row).toEqual({ status: 'dismissed', username: 'county_office' });
    const list = (await s.gql(OBJECTIONS, { id: app.id }, await s.login('puyang_reviewer'))).data.application.objections;
    expect(list.map((o: any) => [o.id, o.status])).toEqual([[first, 'upheld'], [second, 'dismissed']]);
  });

  it('loads objections for a whole list in one query', async () => {
    const county = await s.login('county_office');
    const q = (n: number) => s.gql(`{ applications(first: ${n}) { edges { node { id objections { id status } } } } }`, {}, county);
    const count = (n: number) => queriesPerRequest(s, () => q(n));
    expect(await count(50)).toBe(await count(1));
  });
});

describe('no personal data leaves through a public response', () => {
  it('never shows a stored ID number, phone or bank card on any board page of any region, nor in objection responses', async () => {
    const strings = await sql<{ v: string }>(`select distinct v #>> '{}' as v from application, jsonb_path_query(data, 'lax $.**') as v where jsonb_typeof(v) = 'string'`);
    const secrets = strings.map((r) => r.v.trim()).filter((v) => /^\d{17}[\dX]$/.test(v) || /^1[3-9]\d{9}$/.test(v) || /^\d{12,19}$/.test(v));
    expect(secrets.filter((v) => v.length === 18).length).toBeGreaterThan(50);
    expect(secrets.filter((v) => v.length === 11).length).toBeGreaterThan(5);

    const regions = await sql<{ code: string }>('select code from region order by code');
    let pages = 0;
    let notices = 0;
    for (const region of [null, ...regions.map((r) => r.code)]) {
      let after: string | null = null;
      for (;;) {
        const r: any = await pub(BOARD, { r: region, n: 7, a: after });
        expect(r.errors).toBeUndefined();
        pages += 1;
        notices += r.data.publicNotices.edges.length;
        for (const e of r.data.publicNotices.edges) {
          for (const f of e.node.fields) if (/身份证|姓名/.test(f.title)) expect(f.value).toContain('*');
        }
        if (!r.data.publicNotices.pageInfo.hasNextPage) break;
        after = r.data.publicNotices.pageInfo.endCursor;
      }
    }
    expect(notices).toBeGreaterThan(20);
    expect(pages).toBeGreaterThan(regions.length);
    expect(publicTexts.some((t) => t.includes('raiseObjection'))).toBe(true);

    const leaks = secrets.filter((secret) => publicTexts.some((t) => t.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
