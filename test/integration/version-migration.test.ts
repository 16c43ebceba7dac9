import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, getApp, type AppView } from '../helpers/programmes.js';

/**
 * Moving running cases between two versions of one programme: the version diff, a dry run (with
 * a mapping for a renamed state), the move itself — history row, timers rescheduled — and the
 * cases that cannot move staying exactly where they were.
 */
const DONGJIE = '130636100201';
let s: TestServer;
let designer: string;

const form = (v2: boolean) => ({
  type: 'object',
  required: v2 ? ['name', 'householdSize'] : ['name'],
  properties: {
    name: { type: 'string', title: v2 ? '户主姓名' : '姓名' },
    income: { type: 'number', title: '月收入' },
    householdSize: { type: 'integer', title: '家庭人口', minimum: 1 },
    ...(v2 ? { grade: { type: 'string', title: '等级', enum: ['A', 'B'] } } : {}),
  },
});
const t = (zh: string, en: string) => ({ zh, en });
const workflow = (v2: boolean) => {
  const review = v2 ? 'township_review' : 'review';
  return {
    id: 'migr', initial: 'draft', meta: { title: t('迁移测试', 'Migration test'), delays: { NOTICE_PERIOD: v2 ? 'P5D' : 'P7D' } },
    states: {
      draft: { meta: { kind: 'draft', title: t('填报', 'Draft'), roles: ['village_committee'] }, on: { SUBMIT: { target: review, meta: { title: t('提交', 'Submit') } } } },
      [review]: {
        meta: { kind: 'task', title: t('审核', 'Review'), roles: ['county_office'] },
        on: {
          APPROVE: v2
            ? { target: 'notice', guard: { type: 'rule', params: { rule: { '<': [{ var: 'income' }, 1000] } }, message: t('月收入须低于 1000 元', 'Monthly income must be below 1000'), paths: ['/income'] }, meta: { title: t('通过', 'Approve') } }
            : { target: 'notice', meta: { title: t('通过', 'Approve') } },
          REJECT: { target: 'rejected', meta: { title: t('不通过', 'Reject'), requiresComment: true } },
        },
      },
      notice: {
        meta: { kind: 'notice', title: t('公示', 'Notice') },
        after: { NOTICE_PERIOD: { target: 'approved' } },
        on: { OBJECTION: { target: review, meta: { title: t('异议', 'Objection') } } },
      },
      approved: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: t('通过', 'Approved') } },
      rejected: { type: 'final', meta: { kind: 'final', outcome: 'rejected', title: t('未通过', 'Rejected') } },
    },
  };
};

const SAVE = 'mutation($k: String!, $f: JSON!, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, workflow: $w) { number } }';
const PUBLISH = 'mutation($k: String!) { publishProgramme(key: $k) { number } }';
const PREVIEW = `query($i: CaseMigrationInput!, $first: Int!) { caseMigrationPreview(input: $i, first: $first) {
  total endCursor items { applicationId reference state targetState status canMove reasons { code message messageEn path } } } }`;
const MIGRATE = `mutation($i: CaseMigrationInput!, $ids: [ID!]!) { migrateCases(input: $i, applicationIds: $ids) {
  moved { applicationId targetState } stayed { applicationId canMove reasons { code path } } } }`;

async function ok(user: string, app: AppView, event: string, extra: { comment?: string } = {}): Promise<AppView> {
  const r = await act(s, user, app, event, extra);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.transitionApplication;
}
async function submit(app: AppView): Promise<AppView> {
  const r = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id state version } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { ...app, ...r.data.submitApplication };
}

let draft: AppView, lacking: AppView, complete: AppView, noticed: AppView;

beforeAll(async () => {
  s = await startTestServer();
  designer = await s.login('designer');
  await s.gql('mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'migr', name: '迁移测试', regionCode: '130636000000' } }, designer);
  for (const r of [await s.gql(SAVE, { k: 'migr', f: form(false), w: workflow(false) }, designer), await s.gql(PUBLISH, { k: 'migr' }, designer)]) {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
  draft = await createApp(s, 'dongjie_cadre', 'migr', DONGJIE, { name: '草稿户' });
  lacking = await submit(await createApp(s, 'dongjie_cadre', 'migr', DONGJIE, { name: '张三', income: 800 }));
  complete = await submit(await createApp(s, 'dongjie_cadre', 'migr', DONGJIE, { name: '李四', income: 1200, householdSize: 3 }));
  noticed = await submit(await createApp(s, 'dongjie_cadre', 'migr', DONGJIE, { name: '王五', income: 600, householdSize: 2 }));
  noticed = await ok('county_office', (await getApp(s, 'county_office', noticed.id)).data!.application, 'APPROVE');
  expect(noticed.state).toBe('notice');
  for (const r of [await s.gql(SAVE, { k: 'migr', f: form(true), w: workflow(true) }, designer), await s.gql(PUBLISH, { k: 'migr' }, designer)]) {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
});
afterAll(async () => {
  await s?.stop();
});

describe('programmeVersionDiff', () => {
  it('lists the fields, states and transitions that changed', async () => {
    const r = await s.gql(`{ programmeVersionDiff(programme: "migr", from: 1, to: 2) { from to
      fields { change pointer aspects before after } states { change state aspects } transitions { change state event aspects } } }`, {}, designer);
    expect(r.errors).toBeUndefined();
    const d = r.data.programmeVersionDiff;
    expect(d.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ change: 'changed', pointer: '/name', aspects: ['title'] }),
      expect.objectContaining({ change: 'changed', pointer: '/householdSize', aspects: ['required'] }),
      expect.objectContaining({ change: 'added', pointer: '/grade' }),
    ]));
    expect(d.fields).toHaveLength(3);
    expect(d.states).toEqual(expect.arrayContaining([
      { change: 'removed', state: 'review', aspects: [] },
      { change: 'added', state: 'township_review', aspects: [] },
    ]));
    expect(d.transitions).toEqual(expect.arrayContaining([
      { change: 'changed', state: 'draft', event: 'SUBMIT', aspects: ['target'] },
      { change: 'changed', state: 'notice', event: 'OBJECTION', aspects: ['target'] },
      { change: 'added', state: 'township_review', event: 'APPROVE', aspects: [] },
      { change: 'removed', state: 'review', event: 'APPROVE', aspects: [] },
    ]));
  });

  it('refuses a version that does not exist, in both languages', async () => {
    const r = await s.gql('{ programmeVersionDiff(programme: "migr", from: 1, to: 9) { from } }', {}, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.messageZh).toMatch(/没有第 9 版/);
    expect(r.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/to' })]);
  });
});

describe('moving running cases to version 2', () => {
  const input = (mapping?: { from: string; to: string }[]) => ({ programme: 'migr', fromVersion: 1, toVersion: 2, ...(mapping ? { mapping } : {}) });
  const MAPPING = [{ from: 'review', to: 'township_review' }];

  it('refuses a mapping to a state that does not exist, writing nothing', async () => {
    const r = await s.gql(PREVIEW, { i: input([{ from: 'review', to: 'nowhere' }]), first: 10 }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.messageZh).toMatch(/第 2 版没有环节 nowhere/);
    expect(r.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/mapping/0/to' })]);
    const m = await s.gql(MIGRATE, { i: input([{ from: 'review', to: 'approved' }]), ids: [complete.id] }, designer);
    expect(codeOf(m)).toBe('BAD_USER_INPUT');
    expect(m.errors![0].message).toMatch(/final state/);
  });

  it('is for county admins and designers only', async () => {
    const r = await s.gql(PREVIEW, { i: input(MAPPING), first: 10 }, await s.login('county_office'));
    expect(codeOf(r)).toBe('FORBIDDEN');
  });

  it('dry run: without a mapping the renamed state is missing', async () => {
    const r = await s.gql(PREVIEW, { i: input(), first: 10 }, designer);
    expect(r.errors).toBeUndefined();
    const byId = new Map(r.data.caseMigrationPreview.items.map((c: any) => [c.applicationId, c]));
    expect(byId.get(complete.id)).toMatchObject({ state: 'review', targetState: 'review', canMove: false, reasons: [expect.objectContaining({ code: 'STATE_MISSING' })] });
    expect(byId.get(draft.id)).toMatchObject({ canMove: true, targetState: 'draft' });
  });

  it('dry run with the mapping: per case whether it can move and why not, paged', async () => {
    const r = await s.gql(PREVIEW, { i: input(MAPPING), first: 10 }, designer);
    const p = r.data.caseMigrationPreview;
    expect(p.total).toBe(4);
    expect(p.endCursor).toBeNull();
    const byId = new Map(p.items.map((c: any) => [c.applicationId, c]));
    expect(byId.get(draft.id)).toMatchObject({ canMove: true, status: 'DRAFT', reasons: [] });
    expect(byId.get(complete.id)).toMatchObject({ canMove: true, targetState: 'township_review' });
    expect(byId.get(noticed.id)).toMatchObject({ canMove: true, targetState: 'notice' });
    expect(byId.get(lacking.id)).toMatchObject({ canMove: false, reasons: [expect.objectContaining({ code: 'DATA_INVALID', path: '/householdSize' })] });
    expect((byId.get(lacking.id) as any).reasons[0].message).toMatch(/householdSize/);

    const first = (await s.gql(PREVIEW, { i: input(MAPPING), first: 3 }, designer)).data.caseMigrationPreview;
    expect(first.items).toHaveLength(3);
    const rest = await s.gql('query($i: CaseMigrationInput!, $a: String) { caseMigrationPreview(input: $i, first: 3, after: $a) { items { reference } endCursor } }', { i: input(MAPPING), a: first.endCursor }, designer);
    expect(rest.data.caseMigrationPreview).toEqual({ items: [{ reference: expect.any(String) }], endCursor: null });

    // The dry run wrote nothing.
    const after = (await getApp(s, 'county_office', complete.id)).data!.application;
    expect(after.version).toBe(complete.version);
    expect(after.history.at(-1)!.event).toBe('SUBMIT');
  });

  it('moves the cases that can move; the others stay untouched', async () => {
    const conn = s.orm.em.fork().getConnection();
    const [oldJobs] = await conn.execute('select timer_jobs from application where id = ?', [noticed.id]);
    expect(oldJobs.timer_jobs).toHaveLength(1);

    const r = await s.gql(MIGRATE, { i: input(MAPPING), ids: [draft.id, lacking.id, complete.id, noticed.id] }, designer);
    expect(r.errors).toBeUndefined();
    const res = r.data.migrateCases;
    expect(res.moved.map((m: any) => m.applicationId).sort()).toEqual([draft.id, complete.id, noticed.id].sort());
    expect(res.stayed).toEqual([{ applicationId: lacking.id, canMove: false, reasons: [{ code: 'DATA_INVALID', path: '/householdSize' }] }]);

    // The moved case is on version 2 in the mapped state, its history names both versions, and it acts under version 2's rules.
    const moved = await s.gql(`query($id: ID!) { application(id: $id) { state version availableActions { event } history { event fromState toState comment fromVersion toVersion actorName } } }`, { id: complete.id }, await s.login('county_office'));
    const app = moved.data.application;
    expect(app.state).toBe('township_review');
    expect(app.history.at(-1)).toMatchObject({ event: 'VERSION_MIGRATED', fromState: 'review', toState: 'township_review', fromVersion: 1, toVersion: 2, actorName: '项目设计 孙丽' });
    expect(app.history.at(-1).comment).toMatch(/第 1 版 → 第 2 版/);
    const refused = await act(s, 'county_office', { id: complete.id, version: app.version }, 'APPROVE');
    expect(codeOf(refused)).toBe('TRANSITION_NOT_ALLOWED');
    expect(refused.errors![0].extensions!.messageZh).toMatch(/月收入须低于 1000 元/);

    // The case that could not move is exactly as it was.
    const stayed = (await getApp(s, 'county_office', lacking.id)).data!.application;
    expect(stayed).toMatchObject({ state: 'review', version: lacking.version });
    const [row] = await conn.execute('select v.number from application a join programme_version v on v.id = a.version_id where a.id = ?', [lacking.id]);
    expect(row.number).toBe(1);

    // The notice's timer was cancelled and rescheduled from when the case entered the notice (P5D now).
    const [after] = await conn.execute('select timer_jobs, state_entered_at, notice_ends_at from application where id = ?', [noticed.id]);
    expect(after.timer_jobs).toHaveLength(1);
    expect(after.timer_jobs[0]).not.toBe(oldJobs.timer_jobs[0]);
    const jobs = await conn.execute('select id, state, start_after from pgboss.job where id = any(?::uuid[])', [`{${[oldJobs.timer_jobs[0], after.timer_jobs[0]].join(',')}}`]);
    const byId = new Map(jobs.map((j: any) => [j.id, j]));
    expect(byId.get(oldJobs.timer_jobs[0]).state).toBe('cancelled');
    const fiveDays = 5 * 86400_000;
    expect(new Date(byId.get(after.timer_jobs[0]).start_after).getTime()).toBe(new Date(after.state_entered_at).getTime() + fiveDays);
    expect(new Date(after.notice_ends_at).getTime()).toBe(new Date(after.state_entered_at).getTime() + fiveDays);
  });

  it('a second move finds nothing left to move but the case that could not', async () => {
    const r = await s.gql(MIGRATE, { i: input(MAPPING), ids: [complete.id] }, designer);
    expect(r.data.migrateCases).toEqual({ moved: [], stayed: [{ applicationId: complete.id, canMove: false, reasons: [{ code: 'NOT_RUNNING', path: null }] }] });
    const p = (await s.gql(PREVIEW, { i: input(MAPPING), first: 10 }, designer)).data.caseMigrationPreview;
    expect(p.total).toBe(1);
  });

  it('bounds the batch', async () => {
    const ids = Array.from({ length: 101 }, () => crypto.randomUUID());
    const r = await s.gql(MIGRATE, { i: input(MAPPING), ids }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.messageZh).toMatch(/1–100/);
  });
});
