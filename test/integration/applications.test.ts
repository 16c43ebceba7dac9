import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { queriesPerRequest } from '../helpers/query-count.js';
import { act, createApp, getApp, publishFastCopy, waitForState, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

const DONGJIE = '130636100201';
const WANGGE = '130636102202';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ countQueries: true });
  for (const key of ['identification', 'yulu', 'monitoring', 'dibao']) await publishFastCopy(s, key, `${key}-fast`);
});
afterAll(async () => {
  await s?.stop();
});

/** Sends an event and asserts it was accepted, returning the new view. */
async function ok(user: string, app: AppView, event: string, extra: { comment?: string; data?: unknown } = {}): Promise<AppView> {
  const r = await act(s, user, app, event, extra);
  if (r.errors) throw new Error(`${user} ${event} in ${app.state}: ${JSON.stringify(r.errors)}`);
  return r.data!.transitionApplication;
}

async function submit(user: string, app: AppView): Promise<AppView> {
  const r = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id reference state status version data availableActions { event } history { event } } }', { id: app.id, v: app.version }, await s.login(user));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.submitApplication;
}

async function afterNotice(app: AppView, user = 'county_office'): Promise<AppView> {
  expect(app.status).toBe('UNDER_NOTICE');
  return waitForState(s, user, app.id, app.state);
}

describe('walking each example programme', () => {
  it('dibao: draft → appraisal → notice (timer) → township → county → approved', async () => {
    let app = await createApp(s, 'dongjie_cadre', 'dibao-fast', DONGJIE, loadExample('dibao').example);
    expect(app.reference).toMatch(/^130636-DIBAOFAST-\d{4}-\d{6}$/);
    expect(app.status).toBe('DRAFT');
    app = await submit('dongjie_cadre', app);
    expect(app.state).toBe('village_appraisal');
    app = await ok('dongjie_cadre', app, 'APPROVE', { data: { appraisal: { meetingDate: '2026-11-20', attendees: 35, votesFor: 33, votesAgainst: 2 } } });
    app = await afterNotice(app);
    expect(app.state).toBe('township_review');
    app = await ok('puyang_reviewer', app, 'APPROVE');
    app = await ok('county_office', app, 'APPROVE');
    expect(app).toMatchObject({ state: 'approved', status: 'APPROVED', availableActions: [] });
    const events = app.history.map((h) => h.event);
    expect(events[0]).toBe('CREATE');
    expect(events).toContain('SUBMIT');
    expect(app.history.find((h) => h.event === 'APPROVE')!.changedFields).toEqual(expect.arrayContaining([expect.stringMatching(/^\/appraisal/)]));
    const timer = app.history.find((h) => h.fromState === 'village_notice')!;
    expect(timer).toMatchObject({ toState: 'township_review', actorName: expect.stringContaining('系统') });
  });

  it('identification: five steps, two notices, one announcement, with a return for correction', async () => {
    let app = await createApp(s, 'dongjie_cadre', 'identification-fast', DONGJIE, loadExample('identification').example);
    app = await submit('dongjie_cadre', app);
    // Returned for correction needs a comment, then resubmitted.
    expect(codeOf(await act(s, 'dongjie_cadre', app, 'RETURN'))).toBe('BAD_USER_INPUT');
    app = await ok('dongjie_cadre', app, 'RETURN', { comment: '家庭成员信息不全，请补充' });
    expect(app.state).toBe('draft');
    app = await submit('dongjie_cadre', app);
    app = await ok('dongjie_cadre', app, 'APPROVE', { data: { appraisal: { meetingDate: '2026-11-21', attendees: 40, votesFor: 40, votesAgainst: 0 } } });
    app = await afterNotice(app);
    app = await ok('puyang_reviewer', app, 'APPROVE');
    app = await afterNotice(app);
    expect(app.state).toBe('county_approval');
    app = await ok('county_office', app, 'APPROVE');
    // The county's approval files the household (建档立卡) from the form: head, members, category.
    const filed = await s.gql<any>('query($id: ID!) { application(id: $id) { reference entry { name status key data persons { name role } changes(last: 1) { kind applicationReference } } } }', { id: app.id }, await s.login('dongjie_cadre'));
    expect(filed.errors).toBeUndefined();
    const entry = filed.data.application.entry;
    expect(entry).toMatchObject({ name: '张三明', status: '建档立卡户', key: '130636196803150316', changes: [{ kind: 'new', applicationReference: filed.data.application.reference }] });
    expect(entry.data).toMatchObject({ group: '第三村民小组', householdSize: 3, povertyCause: '因病' });
    expect(entry.persons.map((p: any) => p.name)).toEqual(['张三明', '李秀兰', '张小丽']);
    app = await afterNotice(app);
    expect(app).toMatchObject({ state: 'filed', status: 'APPROVED' });
  });

  it('yulu: teacher → school leader → principal → notice → county (amount rule) → payment', async () => {
    const data = loadExample('yulu').example!;
    let app = await createApp(s, 'teacher', 'yulu-fast', DONGJIE, { ...data, aidAmount: 1000 });
    app = await submit('teacher', app);
    app = await ok('teacher', app, 'APPROVE');
    app = await ok('school_leader', app, 'APPROVE');
    app = await ok('principal', app, 'APPROVE');
    app = await afterNotice(app);
    expect(app.state).toBe('county_approval');
    const refused = await act(s, 'county_office', app, 'APPROVE');
    expect(codeOf(refused)).toBe('TRANSITION_NOT_ALLOWED');
    expect((await getApp(s, 'county_office', app.id)).data!.application.version).toBe(app.version);
    app = await ok('county_office', app, 'APPROVE', { data: { aidAmount: 1500 } });
    expect(app.state).toBe('payment');
    app = await ok('finance', app, 'PAY');
    expect(app).toMatchObject({ state: 'paid', status: 'APPROVED' });
  });

  it('monitoring: screening rule, a five-person quorum, county determination, risk removal', async () => {
    let app = await createApp(s, 'dongjie_team', 'monitoring-fast', DONGJIE, loadExample('monitoring').example);
    app = await submit('dongjie_team', app);
    expect(app.state).toBe('village_verification');
    for (const v of ['verifier1', 'verifier2', 'verifier3', 'verifier4']) {
      app = await ok(v, app, 'VERIFY');
      expect(app.state).toBe('village_verification');
    }
    const again = await act(s, 'verifier4', app, 'VERIFY');
    expect(codeOf(again)).toBe('TRANSITION_NOT_ALLOWED');
    app = await ok('verifier5', app, 'VERIFY');
    expect(app.state).toBe('township_confirmation');
    app = await ok('puyang_reviewer', app, 'APPROVE');
    expect(codeOf(await act(s, 'county_office', app, 'APPROVE'))).toBe('TRANSITION_NOT_ALLOWED'); // no warning level yet
    const badEdit = await act(s, 'county_office', app, 'APPROVE', { data: { perCapitaIncome: 1 } });
    expect(codeOf(badEdit)).toBe('BAD_USER_INPUT');
    expect(badEdit.errors![0].extensions!.problems).toEqual([{ path: '/perCapitaIncome', message: expect.any(String), messageEn: expect.any(String) }]);
    app = await ok('county_office', app, 'APPROVE', { data: { warningLevel: '黄', measures: ['就业', '医疗救助'] } });
    expect(app.state).toBe('monitoring');
    // The bimonthly risk review (one second in this copy) opens in the state; its answer may propose removal.
    app = await reviewOpened(app);
    expect(app.history.some((h) => h.event === 'REVIEW_DUE' && h.fromState === 'monitoring' && h.toState === 'monitoring')).toBe(true);
    // The next review opens every second in this copy, and opening one is a change of the case:
    // answer with the version just read, again if a review opened in between.
    for (let tries = 0; app.state === 'monitoring' && tries < 10; tries++) {
      const r = await act(s, 'dongjie_team', app, 'PROPOSE_REMOVAL', { comment: '务工收入稳定' });
      if (r.errors && codeOf(r) !== 'VERSION_CONFLICT') throw new Error(JSON.stringify(r.errors));
      app = r.data?.transitionApplication ?? (await getApp(s, 'county_office', app.id)).data!.application;
    }
    expect(app.state).toBe('removal_confirmation');
    app = await ok('county_office', app, 'CONFIRM_REMOVAL', { comment: '风险消除' });
    expect(app).toMatchObject({ state: 'risk_removed', status: 'APPROVED' });
  });

  it('monitoring: a household above the screening line is not eligible', async () => {
    const data = { ...loadExample('monitoring').example!, perCapitaIncome: 20000, essentialSpending: 1000, head: { ...(loadExample('monitoring').example as any).head, idNumber: makeIdCard('130636', '19700101', '011') } };
    let app = await createApp(s, 'dongjie_team', 'monitoring-fast', DONGJIE, data);
    app = await submit('dongjie_team', app);
    expect(app).toMatchObject({ state: 'not_eligible', status: 'REJECTED' });
  });

  it('housing: township sets the grade, county the subsidy, inspection passes, payment; and a rejection', async () => {
    let app = await createApp(s, 'dongjie_cadre', 'housing', DONGJIE, loadExample('housing').example);
    app = await submit('dongjie_cadre', app);
    app = await ok('dongjie_cadre', app, 'APPROVE');
    expect(codeOf(await act(s, 'puyang_reviewer', app, 'APPROVE', { data: { housingGrade: 'B' } }))).toBe('TRANSITION_NOT_ALLOWED');
    app = await ok('puyang_reviewer', app, 'APPROVE', { data: { housingGrade: 'D' } });
    app = await ok('county_office', app, 'APPROVE', { data: { subsidyAmount: 35000 } });
    app = await ok('dongjie_cadre', app, 'REPORT_COMPLETE');
    app = await ok('inspector', app, 'FAIL', { comment: '屋面未完工' });
    expect(app.state).toBe('construction');
    app = await ok('dongjie_cadre', app, 'REPORT_COMPLETE');
    app = await ok('inspector', app, 'PASS', { data: { inspection: { passed: true, date: '2026-11-22', inspector: '吴建军' } } });
    app = await ok('finance', app, 'PAY');
    expect(app).toMatchObject({ state: 'paid', status: 'APPROVED' });

    const ex = loadExample('housing').example as any;
    let other = await createApp(s, 'dongjie_cadre', 'housing', DONGJIE, { ...ex, head: { ...ex.head, idNumber: makeIdCard('130636', '19700101', '012') } });
    other = await submit('dongjie_cadre', other);
    other = await ok('dongjie_cadre', other, 'REJECT', { comment: '不符合条件' });
    expect(other).toMatchObject({ state: 'rejected', status: 'REJECTED', availableActions: [] });
  });
});

/** Polls until the state's recurring review has opened an occurrence. */
async function reviewOpened(app: AppView): Promise<AppView> {
  const end = Date.now() + 15000;
  for (;;) {
    const now = (await getApp(s, 'county_office', app.id)).data!.application;
    if (now.history.some((h) => h.event === 'REVIEW_DUE') || Date.now() > end) return now;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('bad input changes nothing', () => {
  it('refuses submitting invalid data with one pointer per field', async () => {
    const app = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, { head: { name: '', idNumber: '130636196305280627' }, householdSize: 0 });
    const r = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const paths = r.errors![0].extensions!.problems!.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/head/idNumber', '/householdSize']));
    expect(new Set(paths).size).toBe(paths.length);
    expect((await getApp(s, 'dongjie_cadre', app.id)).data!.application).toMatchObject({ state: 'draft', version: 1 });
  });

  it('refuses a stale version, an unknown event and edits outside the editable fields', async () => {
    let app = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, loadExample('dibao').example);
    const stale = { ...app };
    app = (await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { id version state status data availableActions { event } history { event } reference } }', { id: app.id, d: { ...app.data, householdSize: 3 }, v: app.version }, await s.login('dongjie_cadre'))).data.saveApplication;
    expect(app.version).toBe(2);
    expect(codeOf(await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { id } }', { id: stale.id, d: stale.data, v: stale.version }, await s.login('dongjie_cadre')))).toBe('VERSION_CONFLICT');
    app = await submit('dongjie_cadre', app);
    expect(codeOf(await act(s, 'dongjie_cadre', app, 'PAY'))).toBe('TRANSITION_NOT_ALLOWED');
    const edit = await act(s, 'dongjie_cadre', app, 'APPROVE', { data: { householdSize: 9 } });
    expect(codeOf(edit)).toBe('BAD_USER_INPUT');
    expect(edit.errors![0].extensions!.problems![0].path).toBe('/householdSize');
    const now = (await getApp(s, 'dongjie_cadre', app.id)).data!.application;
    expect(now).toMatchObject({ state: 'village_appraisal', version: app.version });
    expect(now.data.householdSize).toBe(3);
  });

  it('refuses a second active application with the same ID number, naming the existing reference', async () => {
    const ex = loadExample('dibao').example as any;
    const data = { ...ex, head: { ...ex.head, idNumber: makeIdCard('130636', '19700101', '013') } };
    const first = await submit('dongjie_cadre', await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, data));
    const second = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, data);
    const r = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id } }', { id: second.id, v: second.version }, await s.login('dongjie_cadre'));
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toContain(first.reference);
    expect(r.errors![0].extensions!.problems![0].path).toBe('/head/idNumber');
    // Once the first is rejected its claim is released.
    await ok('dongjie_cadre', first, 'REJECT', { comment: '重复申请' });
    expect((await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state } }', { id: second.id, v: second.version }, await s.login('dongjie_cadre'))).data.submitApplication.state).toBe('village_appraisal');
  });

  it('refuses applications for a retired programme', async () => {
    await publishFastCopy(s, 'dibao', 'dibao-retired');
    await s.gql('mutation { retireProgramme(key: "dibao-retired") { status } }', {}, await s.login('designer'));
    const r = await s.gql('mutation { createApplication(programmeKey: "dibao-retired", regionCode: "130636100201") { id } }', {}, await s.login('dongjie_cadre'));
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/retired/);
  });

  it('keeps exactly one event when two approvals race', async () => {
    let app = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, { ...loadExample('dibao').example, head: { ...(loadExample('dibao').example as any).head, idNumber: makeIdCard('130636', '19700101', '014') } });
    app = await submit('dongjie_cadre', app);
    const [a, b] = await Promise.all([act(s, 'dongjie_cadre', app, 'APPROVE'), act(s, 'dongjie_cadre', app, 'APPROVE')]);
    const codes = [codeOf(a), codeOf(b)];
    expect(codes.filter((c) => c === undefined)).toHaveLength(1);
    expect(codes).toContain('VERSION_CONFLICT');
    const history = (await getApp(s, 'dongjie_cadre', app.id)).data!.application.history;
    expect(history.filter((h) => h.event === 'APPROVE')).toHaveLength(1);
  });

  it('enforces the append-only history in the database', async () => {
    const conn = s.orm.em.fork().getConnection();
    await expect(conn.execute('update application_event set comment = $$x$$')).rejects.toThrow(/append-only/);
    await expect(conn.execute('delete from application_event')).rejects.toThrow(/append-only/);
  });
});

describe('authorization for every mutation: in, above and outside the region', () => {
  let app: AppView;
  beforeAll(async () => {
    const ex = loadExample('dibao').example as any;
    app = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, { ...ex, head: { ...ex.head, idNumber: makeIdCard('130636', '19700101', '015') } });
  });

  it('createApplication: village cadre in; township reviewer above lacks the role; other village outside', async () => {
    const create = (user: string, region: string) => s.gql('mutation($r: String!) { createApplication(programmeKey: "dibao", regionCode: $r) { id } }', { r: region }, undefined).then(async () =>
      s.gql('mutation($r: String!) { createApplication(programmeKey: "dibao", regionCode: $r) { id } }', { r: region }, await s.login(user)));
    expect((await create('dongjie_cadre', DONGJIE)).errors).toBeUndefined();
    expect(codeOf(await create('puyang_reviewer', DONGJIE))).toBe('FORBIDDEN');
    expect(codeOf(await create('wangge_cadre', DONGJIE))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation { createApplication(programmeKey: "dibao", regionCode: "130636100201") { id } }'))).toBe('UNAUTHENTICATED');
  });

  it('saveApplication: filer in; above without the role is refused; outside cannot see it', async () => {
    const save = async (user: string) => s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version } }', { id: app.id, d: app.data, v: app.version }, await s.login(user));
    expect(codeOf(await save('puyang_reviewer'))).toBe('FORBIDDEN');
    expect(codeOf(await save('wangge_cadre'))).toBe('NOT_FOUND');
    expect(codeOf(await save('yaoshan_reviewer'))).toBe('NOT_FOUND');
    const r = await save('dongjie_cadre');
    expect(r.data.saveApplication.version).toBe(app.version + 1);
    app.version += 1;
  });

  it('submitApplication: outside cannot see it; in may submit', async () => {
    const submitAs = async (user: string) => s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state version } }', { id: app.id, v: app.version }, await s.login(user));
    expect(codeOf(await submitAs('wangge_cadre'))).toBe('NOT_FOUND');
    expect(codeOf(await submitAs('county_office'))).toBe('FORBIDDEN');
    const r = await submitAs('dongjie_cadre');
    expect(r.data.submitApplication.state).toBe('village_appraisal');
    app.version = r.data.submitApplication.version;
  });

  it('transitionApplication: the county above lacks the village role; another township cannot see it; the reviewer acts only in its state', async () => {
    expect(codeOf(await act(s, 'county_office', app, 'APPROVE'))).toBe('FORBIDDEN');
    expect(codeOf(await act(s, 'yaoshan_reviewer', app, 'APPROVE'))).toBe('NOT_FOUND');
    expect(codeOf(await act(s, 'wangge_cadre', app, 'APPROVE'))).toBe('NOT_FOUND');
    expect(codeOf(await act(s, 'puyang_reviewer', app, 'APPROVE'))).toBe('FORBIDDEN');
    const r = await act(s, 'dongjie_cadre', app, 'APPROVE');
    expect(r.data!.transitionApplication.state).toBe('village_notice');
  });

  it('lists availableActions exactly for the user', async () => {
    const q = async (user: string) => (await s.gql('query($id: ID!) { application(id: $id) { availableActions { event } } }', { id: app.id }, await s.login(user))).data?.application.availableActions;
    expect(await q('county_office')).toEqual([]);
  });
});

describe('lists', () => {
  it('scopes applications to the region: a township reviewer never sees another township', async () => {
    const yaoshan = await s.login('yaoshan_reviewer');
    await createApp(s, 'wangge_cadre', 'dibao', WANGGE, {});
    const r = await s.gql('{ applications(first: 100) { totalCount edges { node { regionCode } } } }', {}, yaoshan);
    expect(r.data.applications.totalCount).toBeGreaterThan(0);
    for (const e of r.data.applications.edges) expect(e.node.regionCode.startsWith('130636102')).toBe(true);
    const puyang = await s.gql('{ applications(first: 100, filter: { regionCode: "130636102000" }) { totalCount } }', {}, await s.login('puyang_reviewer'));
    expect(puyang.data.applications.totalCount).toBe(0);
  });

  it('pages with cursors and filters by programme, state, status and search', async () => {
    const county = await s.login('county_office');
    const all: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r: any = await s.gql('query($a: String) { applications(first: 3, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { a: after }, county);
      all.push(...r.data.applications.edges.map((e: any) => e.node.id));
      if (!r.data.applications.pageInfo.hasNextPage) break;
      after = r.data.applications.pageInfo.endCursor;
    }
    const total = (await s.gql('{ applications { totalCount } }', {}, county)).data.applications.totalCount;
    expect(all.length).toBe(total);
    expect(new Set(all).size).toBe(all.length);
    const filtered = await s.gql('{ applications(filter: { programmeKey: "housing", status: "APPROVED" }) { edges { node { programmeKey status } } } }', {}, county);
    expect(filtered.data.applications.edges.length).toBeGreaterThan(0);
    for (const e of filtered.data.applications.edges) expect(e.node).toEqual({ programmeKey: 'housing', status: 'APPROVED' });
    const search = await s.gql('{ applications(filter: { search: "孙大" }) { edges { node { applicantName } } } }', {}, county);
    expect(search.data.applications.edges.length).toBeGreaterThan(0);
    for (const e of search.data.applications.edges) expect(e.node.applicantName.startsWith('孙大')).toBe(true);
    expect(codeOf(await s.gql('{ applications(first: 1000) { totalCount } }', {}, county))).toBe('BAD_USER_INPUT');
  });

  it('myTasks lists exactly what the user can act on, without N+1 queries', async () => {
    const cadre = await s.login('dongjie_cadre');
    const q = (n: number) => s.gql(`{ myTasks(first: ${n}) { edges { node { id state stateTitle region { name } programme { name } availableActions { event } history { event } } } } }`, {}, cadre);
    const r = await q(50);
    expect(r.errors).toBeUndefined();
    for (const e of r.data.myTasks.edges) expect(e.node.availableActions.length).toBeGreaterThan(0);
    const count = (n: number) => queriesPerRequest(s, () => q(n));
    const one = await count(1);
    const many = await count(50);
    expect(r.data.myTasks.edges.length).toBeGreaterThan(2);
    expect(many).toBe(one);
  });

  it('a township reviewer has tasks only in its township', async () => {
    const r = await s.gql('{ myTasks(first: 100) { edges { node { regionCode state } } } }', {}, await s.login('puyang_reviewer'));
    for (const e of r.data.myTasks.edges) expect(e.node.regionCode.startsWith('130636100')).toBe(true);
  });
});
