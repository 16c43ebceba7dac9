import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';
import { act, APP_FIELDS, createApp, getApp, publishFastCopy, waitForState, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

const COUNTY = '130636000000';
const PUYANG = '130636100000';
const YAOSHAN = '130636102000';
const DONGJIE = '130636100201';

const NOTICE_FIELDS = 'reference programmeKey programmeName regionCode regionName townshipName stateTitle noticeStart noticeEnd office fields { title value } objectionOpen';
const BOARD = `query($r: String, $n: Int, $a: String) { publicNotices(regionCode: $r, first: $n, after: $a) { totalCount edges { cursor node { ${NOTICE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const OBJECT = 'mutation($ref: String!, $reason: String!, $c: String) { raiseObjection(reference: $ref, reason: $reason, contact: $c) { id reference reason contact status outcomeComment createdAt resolvedAt } }';
const RESOLVE = 'mutation($id: ID!, $o: String!, $c: String!) { resolveObjection(id: $id, outcome: $o, comment: $c) { id status outcomeComment contact resolvedAt } }';
const OBJECTIONS = 'query($id: ID!) { application(id: $id) { state objections { id reference reason contact status outcomeComment createdAt resolvedAt } } }';

let s: TestServer;
/** Raw text of every public (no-login) response in this file, scanned for personal data at the end. */
const publicTexts: string[] = [];
let clientSeq = 0;
/** A new documentation-range client address per call unless one is given. */
const nextClient = () => `198.51.100.${++clientSeq}`;

beforeAll(async () => {
  s = await startTestServer({ countQueries: true });
  await publishFastCopy(s, 'dibao', 'dibao-fast', 'PT2S');
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
      office: '顺平县 农村最低生活保障 经办机构',
      fields: [
        { title: '户主姓名', value: '欧**花' },
        { title: '户主身份证号', value: `1306**********${id.slice(14)}` },
        { title: '村民小组', value: '第五村民小组' },
        { title: '家庭人口（人）', value: '2' },
        { title: '困难类别', value: '因病' },
      ],
      objectionOpen: true,
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
      await pub(BOARD, { n });
      const before = s.services.queryCount!.n;
      const r = await pub(BOARD, { n });
      expect(r.data.publicNotices.edges.length).toBe(Math.min(n, r.data.publicNotices.totalCount));
      return s.services.queryCount!.n - before;
    };
    const one = await count(1);
    expect(await count(50)).toBe(one);
  });
});

describe('objections', () => {
  it('sends the case back and is recorded; a second notice without objection advances by itself at the deadline', async () => {
    let app = await intoNotice('dibao-fast', '402');
    const reason = '该户家中有一辆小轿车，儿子在县城工作收入稳定，不符合低保条件。';
    const r = await objectAs('203.0.113.77', app.reference.toLowerCase(), reason, '139 1234 5678');
    expect(r.errors).toBeUndefined();
    const objection = r.data.raiseObjection;
    expect(objection).toMatchObject({ reference: app.reference, reason, status: 'open', contact: '139****5678', outcomeComment: null, resolvedAt: null });

    app = (await getApp(s, 'dongjie_cadre', app.id)).data!.application;
    expect(app).toMatchObject({ state: 'village_appraisal', status: 'IN_REVIEW' });
    expect(app.history.at(-1)).toMatchObject({ event: 'OBJECTION', fromState: 'village_notice', toState: 'village_appraisal', actorName: '公众异议', role: null, comment: reason });

    // Staff see the objection with its contact; the database keeps a keyed hash, not the address.
    const staff = await s.gql(OBJECTIONS, { id: app.id }, await s.login('county_office'));
    expect(staff.data.application.objections).toEqual([{ ...objection, contact: '139 1234 5678' }]);
    const [row] = await sql('select * from objection where id = ?', [objection.id]);
    expect(row.client_ip_hash).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify(row)).not.toContain('203.0.113.77');

    // No longer on the board.
    const board = await pub(BOARD, { r: DONGJIE, n: 100 });
    expect(board.data.publicNotices.edges.some((e: any) => e.node.reference === app.reference)).toBe(false);

    // Re-verified, dismissed, and back on notice: nobody objects and the timer moves it on.
    await s.gql(RESOLVE, { id: objection.id, o: 'dismissed', c: '经入户核实，车辆登记在已分户的儿子名下' }, await s.login('dongjie_cadre'));
    app = await ok('dongjie_cadre', app, 'APPROVE', { comment: '复核后维持评议结果' });
    expect(app.status).toBe('UNDER_NOTICE');
    app = await waitForState(s, 'county_office', app.id, 'village_notice');
    expect(app).toMatchObject({ state: 'township_review', status: 'IN_REVIEW' });
    expect(app.history.at(-1)).toMatchObject({ fromState: 'village_notice', toState: 'township_review', actorName: '系统（期满自动流转）' });
    expect(app.history.filter((h) => h.event === 'OBJECTION')).toHaveLength(1);

    // Once the timer has closed the notice, the public is told when.
    const late = await object(app.reference, '公示期过后才看到，补充异议。');
    expect(codeOf(late)).toBe('TRANSITION_NOT_ALLOWED');
    expect(late.errors![0].message).toMatch(/closed on \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+8\)/);
    expect(late.errors![0].extensions).toMatchObject({ subCode: 'NOTICE_CLOSED' });
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
    expect(short.errors![0].extensions!.problems).toEqual([{ path: '/reason', message: expect.stringContaining('5–1000') }]);
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
    const history = (await getApp(s, 'dongjie_cadre', app.id)).data!.application.history;
    expect(history.at(-1)).toMatchObject({ event: 'OBJECTION', comment: stored });
  });

  it('limits one client to 3 objections per case and 5 in ten minutes', async () => {
    const app = await intoNotice('dibao', '408');
    const a = '203.0.113.10';
    expect((await objectAs(a, app.reference, '第一次提出异议：收入不实。')).data.raiseObjection.status).toBe('open');
    for (let i = 0; i < 2; i++) expect(codeOf(await objectAs(a, app.reference, '再次提出异议：收入不实。'))).toBe('TRANSITION_NOT_ALLOWED');
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
    app = await ok('dongjie_cadre', (await getApp(s, 'dongjie_cadre', app.id)).data!.application, 'APPROVE', { comment: '复核' });
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

  it('lets the village acting in the current step and the county office resolve, once', async () => {
    const village = await resolve('dongjie_cadre', first, 'upheld', '经入户核实，异议成立，已退回重新评议');
    expect(village.data.resolveObjection).toMatchObject({ id: first, status: 'upheld', outcomeComment: '经入户核实，异议成立，已退回重新评议', contact: '13800001111', resolvedAt: expect.any(String) });
    const again = await resolve('county_office', first, 'dismissed');
    expect(codeOf(again)).toBe('TRANSITION_NOT_ALLOWED');
    expect(again.errors![0].extensions).toMatchObject({ subCode: 'ALREADY_RESOLVED' });
    expect((await resolve('county_office', second, 'dismissed', '经营收入已计入，异议不成立')).data.resolveObjection.status).toBe('dismissed');
    const [row] = await sql('select o.status, u.username from objection o join app_user u on u.id = o.resolved_by where o.id = ?', [second]);
    expect(row).toEqual({ status: 'dismissed', username: 'county_office' });
    const list = (await s.gql(OBJECTIONS, { id: app.id }, await s.login('puyang_reviewer'))).data.application.objections;
    expect(list.map((o: any) => [o.id, o.status])).toEqual([[first, 'upheld'], [second, 'dismissed']]);
  });

  it('loads objections for a whole list in one query', async () => {
    const county = await s.login('county_office');
    const q = (n: number) => s.gql(`{ applications(first: ${n}) { edges { node { id objections { id status } } } } }`, {}, county);
    const count = async (n: number) => { await q(n); const before = s.services.queryCount!.n; const r = await q(n); expect(r.errors).toBeUndefined(); return s.services.queryCount!.n - before; };
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
