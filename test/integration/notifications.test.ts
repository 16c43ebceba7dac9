import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, publishFastCopy, waitForState, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { sweepDueDates } from '../../server/src/notifications/notification.service.js';

const DONGJIE = '130636100201';
const APPRAISAL = { appraisal: { meetingDate: '2026-11-20', attendees: 35, votesFor: 33, votesAgainst: 2 } };
const LIST = 'query($first: Int, $after: String, $unread: Boolean) { notifications(first: $first, after: $after, unreadOnly: $unread) { nodes { id kind title titleEn applicationId reference programmeKey state readAt } pageInfo { hasNextPage endCursor } } unreadNotificationCount }';

let serial = 400;
const dibaoData = () => {
  const ex = loadExample('dibao').example as any;
  return { ...ex, head: { ...ex.head, idNumber: makeIdCard('130636', '19700101', String(serial++)) } };
};

let s: TestServer;
let db: pg.Client;
beforeAll(async () => {
  s = await startTestServer();
  await publishFastCopy(s, 'dibao', 'dibao-fast');
  db = new pg.Client({ connectionString: s.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await s?.stop();
});

async function inbox(user: string, vars: Record<string, unknown> = {}) {
  const r = await s.gql(LIST, { first: 50, ...vars }, await s.login(user));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as { notifications: { nodes: any[]; pageInfo: any }; unreadNotificationCount: number };
}

async function submit(user: string, app: AppView): Promise<AppView> {
  const r = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id reference state status version } }', { id: app.id, v: app.version }, await s.login(user));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { ...app, ...r.data.submitApplication };
}

async function step(user: string, app: AppView, event: string, extra: { comment?: string; data?: unknown } = {}): Promise<AppView> {
  const r = await act(s, user, app, event, extra);
  if (r.errors) throw new Error(`${user} ${event}: ${JSON.stringify(r.errors)}`);
  return r.data!.transitionApplication;
}

/** A dibao-fast case taken to township review (its one-second notice runs out on its own). */
async function atTownship(): Promise<AppView> {
  let app = await createApp(s, 'dongjie_cadre', 'dibao-fast', DONGJIE, dibaoData());
  app = await submit('dongjie_cadre', app);
  app = await step('dongjie_cadre', app, 'APPROVE', { data: APPRAISAL });
  app = await waitForState(s, 'county_office', app.id, app.state);
  expect(app.state).toBe('township_review');
  return app;
}

describe('notification centre', () => {
  it('tells the township reviewer of a new task, and the village cadre when it comes back', async () => {
    const app = await atTownship();
    const reviewer = await inbox('puyang_reviewer', { unread: true });
    const task = reviewer.notifications.nodes.find((n) => n.reference === app.reference);
    expect(task).toMatchObject({ kind: 'TASK_NEW', applicationId: app.id, programmeKey: 'dibao-fast', state: 'township_review', readAt: null, title: `新的待办：${app.reference}` });
    expect(reviewer.unreadNotificationCount).toBeGreaterThanOrEqual(1);
    // Another township's reviewer is not told.
    expect((await inbox('yaoshan_reviewer')).notifications.nodes.some((n) => n.reference === app.reference)).toBe(false);

    await step('puyang_reviewer', app, 'RETURN', { comment: '请补充收入证明' });
    const cadre = await inbox('dongjie_cadre');
    expect(cadre.notifications.nodes.find((n) => n.reference === app.reference && n.kind === 'TASK_NEW')).toMatchObject({ state: 'village_appraisal' });
    // The one who acted is not told of their own move.
    expect((await inbox('puyang_reviewer')).notifications.nodes.filter((n) => n.reference === app.reference).map((n) => n.kind)).toEqual(['TASK_NEW']);
  });

  it('tells the cadre who filed a case that it was rejected, and staff who handled it of an objection', async () => {
    const app = await atTownship();
    await step('puyang_reviewer', app, 'REJECT', { comment: '家庭收入超过标准' });
    const rejected = (await inbox('dongjie_cadre')).notifications.nodes.find((n) => n.reference === app.reference && n.kind === 'CASE_REJECTED');
    expect(rejected).toMatchObject({ state: 'rejected', titleEn: `Application ${app.reference} was rejected` });

    // A case under a long notice (the real dibao): a public objection reaches the cadre who appraised it.
    let other = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, dibaoData());
    other = await submit('dongjie_cadre', other);
    other = await step('dongjie_cadre', other, 'APPROVE', { data: APPRAISAL });
    const objection = await s.gql('mutation($ref: String!) { raiseObjection(reference: $ref, reason: "该户家中有经营性货车未申报。") { id } }', { ref: other.reference });
    expect(objection.errors).toBeUndefined();
    const told = (await inbox('dongjie_cadre')).notifications.nodes.find((n) => n.reference === other.reference && n.kind === 'OBJECTION_RAISED');
    expect(told).toMatchObject({ title: `您经办的 ${other.reference} 收到异议` });
    expect((await inbox('wangge_cadre')).notifications.nodes.some((n) => n.reference === other.reference)).toBe(false);
  });

  it('reminds once of a task due soon and once when it is overdue', async () => {
    const app = await atTownship();
    await db.query(`update application set due_at = now() + interval '3 hours' where id = $1`, [app.id]);
    const exec = async (text: string, values: unknown[] = []) => ({ rows: (await db.query(text, values)).rows });
    await sweepDueDates(exec);
    await sweepDueDates(exec);
    await db.query(`update application set due_at = now() - interval '1 hour' where id = $1`, [app.id]);
    await sweepDueDates(exec);
    await sweepDueDates(exec);
    const kinds = (await inbox('puyang_reviewer')).notifications.nodes.filter((n) => n.reference === app.reference).map((n) => n.kind);
    expect(kinds).toEqual(['TASK_OVERDUE', 'TASK_DUE_SOON', 'TASK_NEW']);
  });

  it('pages, marks read one by one or all, and touches only the caller’s own', async () => {
    const before = await inbox('puyang_reviewer');
    expect(before.notifications.nodes.length).toBeGreaterThanOrEqual(4);
    const p1 = await inbox('puyang_reviewer', { first: 2 });
    expect(p1.notifications.pageInfo.hasNextPage).toBe(true);
    const p2 = await inbox('puyang_reviewer', { first: 2, after: p1.notifications.pageInfo.endCursor });
    expect([...p1.notifications.nodes, ...p2.notifications.nodes].map((n) => n.id)).toEqual(before.notifications.nodes.slice(0, 4).map((n) => n.id));

    const mark = 'mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) }';
    // How many were marked, or the server's errors as the failure (not a TypeError on null data).
    const marked = async (user: string, vars: Record<string, unknown>) => {
      const r = await s.gql<{ markNotificationsRead: number }>(mark, vars, await s.login(user));
      if (r.errors) throw new Error(`markNotificationsRead as ${user}: ${JSON.stringify(r.errors)}`);
      return r.data!.markNotificationsRead;
    };
    const first = before.notifications.nodes[0].id;
    expect(await marked('dongjie_cadre', { ids: [first] })).toBe(0);
    expect(await marked('puyang_reviewer', { ids: [first] })).toBe(1);
    expect((await inbox('puyang_reviewer')).unreadNotificationCount).toBe(before.unreadNotificationCount - 1);
    expect(await marked('puyang_reviewer', { all: true })).toBe(before.unreadNotificationCount - 1);
    const after = await inbox('puyang_reviewer', { unread: true });
    expect(after).toMatchObject({ unreadNotificationCount: 0, notifications: { nodes: [] } });

    expect(codeOf(await s.gql(LIST, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.gql(mark, { ids: ['x'] }, await s.login('puyang_reviewer')))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(LIST, { first: 1000 }, await s.login('puyang_reviewer')))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(LIST, { after: 'nope!' }, await s.login('puyang_reviewer')))).toBe('BAD_USER_INPUT');
  });

  it('tells the owner when an import job ends', async () => {
    const { rows } = await db.query(`select id from app_user where username = 'dongjie_cadre'`);
    const job = await db.query(
      `insert into import_job (id, owner_id, target_kind, target_key, programme_version_id, region_code, region_path, file_name, file_sha256, file_size, file_type, status)
       select gen_random_uuid(), $1, 'programme', 'dibao', v.id, r.code, r.path, '低保名单.xlsx', 'x', 1, 'xlsx', 'validating'
         from programme_version v join programme p on p.id = v.programme_id and p.key = 'dibao', region r where r.code = $2 limit 1 returning id`,
      [rows[0].id, DONGJIE],
    );
    await db.query(`update import_job set status = 'validated' where id = $1`, [job.rows[0].id]);
    const n = (await inbox('dongjie_cadre')).notifications.nodes.find((x) => x.kind === 'IMPORT_FINISHED');
    expect(n).toMatchObject({ state: 'validated', title: '导入已结束：校验完成，待确认写入' });
  });
});
