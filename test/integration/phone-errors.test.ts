/**
 * What an applicant and a cadre on a phone are told: the public status lookup (the right pair
 * only, rate limited), a wrong password named as such, history in the workflow's words, a verifier
 * who already voted not handed the case again, and the notice contact and public address as data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { STATUS_LOOKUP_LIMITS } from '../../server/src/applications/status-lookup.js';

const DONGJIE = '130636100201';
const LOOKUP = 'query($r: String!, $l: String!) { publicStatus(reference: $r, idLastFour: $l) { reference programmeName stepTitle stepTitleEn status submittedAt stepSince noticeEndsAt dueAt } }';

let s: TestServer;
let app: AppView;
const idNumber = makeIdCard('130636', '19760412', '417');

beforeAll(async () => {
  s = await startTestServer({ publicUrl: 'https://jiuzhu.shunping.example.cn' });
  const example = loadExample('monitoring').example as Record<string, any>;
  app = await createApp(s, 'dongjie_team', 'monitoring', DONGJIE, { ...example, head: { ...example.head, idNumber } });
  const r = await act(s, 'dongjie_team', app, 'SUBMIT');
  expect(r.errors).toBeUndefined();
  app = r.data!.transitionApplication;
  expect(app.state).toBe('village_verification');
});
afterAll(async () => {
  await s?.stop();
});

describe('sign-in', () => {
  it('says a wrong password is a wrong password, not an expired session', async () => {
    const r = await s.gql('mutation { login(username: "dongjie_cadre", password: "not-the-password") { token } }');
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'BAD_CREDENTIALS', messageZh: '用户名或密码错误' });
    expect(r.errors![0]!.message).toBe('Wrong username or password');
  });
});

describe('history and tasks', () => {
  it('names events by the workflow\'s titles, never by their codes', async () => {
    const r = await s.gql('query($id: ID!) { application(id: $id) { history { event eventTitle eventTitleEn } } }', { id: app.id }, await s.login('dongjie_team'));
    expect(r.data.application.history).toEqual([
      { event: 'CREATE', eventTitle: '创建申请', eventTitleEn: 'Application created' },
      { event: 'SUBMIT', eventTitle: '提交', eventTitleEn: 'Submit' },
    ]);
  });

  it('does not list a quorum case to a verifier who has already voted; the others still see it', async () => {
    const tasks = async (user: string) =>
      (await s.gql('query { myTasks(first: 100, filter: { programmeKey: "monitoring" }) { edges { node { id availableActions { event } } } } }', {}, await s.login(user))).data.myTasks.edges.map((e: any) => e.node);
    expect((await tasks('verifier1')).map((n: any) => n.id)).toContain(app.id);
    const voted = await act(s, 'verifier1', app, 'VERIFY');
    expect(voted.errors).toBeUndefined();
    app = voted.data!.transitionApplication;
    expect(app.state).toBe('village_verification');
    expect((await tasks('verifier1')).map((n: any) => n.id)).not.toContain(app.id);
    const other = (await tasks('verifier2')).find((n: any) => n.id === app.id);
    expect(other.availableActions.map((a: any) => a.event).sort()).toEqual(['REJECT', 'RETURN', 'VERIFY']);
    const history = (await s.gql('query($id: ID!) { application(id: $id) { history { eventTitle } } }', { id: app.id }, await s.login('verifier2'))).data.application.history;
    expect(history.at(-1)).toEqual({ eventTitle: '核实确认' });
  });
});

describe('menus by role', () => {
  it('says which programmes the user may file: a village cadre files 低保, a finance officer files nothing', async () => {
    const q = 'query { programmes { key canFile } }';
    const cadre = (await s.gql(q, {}, await s.login('dongjie_cadre'))).data.programmes;
    expect(cadre.find((p: any) => p.key === 'dibao').canFile).toBe(true);
    const finance = (await s.gql(q, {}, await s.login('finance'))).data.programmes;
    expect(finance.length).toBeGreaterThan(0);
    expect(finance.filter((p: any) => p.canFile)).toEqual([]);
  });
});

describe('notice contact and public address', () => {
  it('a county admin sets the county contact; a programme designer overrides it; others are refused', async () => {
    const contact = { office: '顺平县民政局社会救助股', phone: '0312-7621234', address: '顺平县蒲阳镇兴平路 12 号' };
    const m = 'mutation($c: NoticeContactInput, $p: String, $r: String) { setNoticeContact(contact: $c, programmeKey: $p, regionCode: $r) { office phone address } }';
    const read = async () => (await s.gql('query { programme(key: "dibao") { noticeContact { office phone address } noticeContactInEffect { office phone address } } }', {}, await s.login('designer'))).data.programme;
    const county = await s.gql(m, { c: contact, r: '130636000000' }, await s.login('county_admin'));
    expect(await read()).toEqual({ noticeContact: null, noticeContactInEffect: contact });
    expect(county.data.setNoticeContact).toEqual(contact);
    const refused = await s.gql(m, { c: contact, r: '130636000000' }, await s.login('dongjie_cadre'));
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', messageZh: expect.stringContaining('县管理员') });
    const bad = await s.gql(m, { c: { office: '', phone: 'call me' }, p: 'dibao' }, await s.login('designer'));
    expect(bad.errors![0]!.extensions!.problems!.map((p) => p.path).sort()).toEqual(['/contact/office', '/contact/phone']);
    const own = await s.gql(m, { c: { office: '顺平县民政局低保股', phone: '0312-7625678' }, p: 'dibao' }, await s.login('designer'));
    expect(own.data.setNoticeContact).toEqual({ office: '顺平县民政局低保股', phone: '0312-7625678', address: null });
    expect(await read()).toEqual({ noticeContact: own.data.setNoticeContact, noticeContactInEffect: own.data.setNoticeContact });

    const board = await s.gql('query { publicNotices(regionCode: "130636000000", first: 50) { edges { node { programmeKey office officePhone officeAddress } } } }');
    const nodes = board.data.publicNotices.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      if (n.programmeKey === 'dibao') expect(n).toMatchObject({ office: '顺平县民政局低保股', officePhone: '0312-7625678', officeAddress: null });
      else expect(n).toMatchObject({ office: contact.office, officePhone: contact.phone, officeAddress: contact.address });
    }
    // Cleared, the programme's notices name the county's contact again.
    expect((await s.gql(m, { c: null, p: 'dibao' }, await s.login('designer'))).data.setNoticeContact).toBeNull();
    expect(await read()).toEqual({ noticeContact: null, noticeContactInEffect: contact });
  });

  it('gives the board\'s public address from PUBLIC_URL, whatever address the request came to', async () => {
    const r = await s.gql('query { publicBoardAddress(regionCode: "130636100201") }');
    expect(r.data.publicBoardAddress).toBe('https://jiuzhu.shunping.example.cn/public?region=130636100201');
  });
});

describe('public status lookup', () => {
  it('answers the right pair with the current step and dates only', async () => {
    const r = await s.gql(LOOKUP, { r: app.reference.toLowerCase(), l: idNumber.slice(-4).toLowerCase() });
    expect(r.errors).toBeUndefined();
    expect(Object.keys(r.data.publicStatus).sort()).toEqual(['dueAt', 'noticeEndsAt', 'programmeName', 'reference', 'status', 'stepSince', 'stepTitle', 'stepTitleEn', 'submittedAt']);
    expect(r.data.publicStatus).toMatchObject({ reference: app.reference, stepTitle: '村级核实', stepTitleEn: 'Village verification', status: 'IN_REVIEW', submittedAt: (app as any).submittedAt, stepSince: (app as any).stateEnteredAt, noticeEndsAt: null });
    expect(JSON.stringify(r.data)).not.toContain(idNumber);
  });

  it('refuses a wrong ending, an unknown reference and a draft with one answer that confirms nothing', async () => {
    const draft = await createApp(s, 'dongjie_team', 'monitoring', DONGJIE, { ...(loadExample('monitoring').example as any), head: { ...(loadExample('monitoring').example as any).head, idNumber: makeIdCard('130636', '19800101', '418') } });
    const attempts = [
      { r: app.reference, l: idNumber.slice(-4) === '0000' ? '1111' : '0000' },
      { r: '130636-MONITORING-2020-999999', l: idNumber.slice(-4) },
      { r: draft.reference, l: draft.data.head.idNumber.slice(-4) },
    ];
    for (const v of attempts) {
      const r = await s.gql(LOOKUP, v);
      expect(r.data).toBeNull();
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', subCode: 'NO_MATCH', messageZh: '没有与该申请编号和身份证后四位相符的申请，请核对后重试' });
    }
    const malformed = await s.gql(LOOKUP, { r: '<script>', l: '12' });
    expect(malformed.errors![0]!.extensions!.problems!.map((p) => p.path)).toEqual(['/reference', '/idLastFour']);
  });

  it('rate limits failed look-ups of one reference, and then refuses even the right pair for a while', async () => {
    const wrong = idNumber.slice(-4) === '9999' ? '9998' : '9999';
    // Two failures were counted by the previous test; the fifth one in the window is the last allowed.
    let limited = 0;
    for (let i = 0; i < STATUS_LOOKUP_LIMITS.failuresPerReference; i++) {
      const r = await s.gql(LOOKUP, { r: app.reference, l: wrong });
      if (r.errors![0]!.extensions!.code === 'RATE_LIMITED') limited++;
    }
    expect(limited).toBeGreaterThan(0);
    const right = await s.gql(LOOKUP, { r: app.reference, l: idNumber.slice(-4) });
    expect(right.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', messageZh: expect.stringContaining('分钟后再试') });
  });
});
