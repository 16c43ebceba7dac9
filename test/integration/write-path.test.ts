/**
 * The write path of a transition (applications/commit.ts, core/pg-direct.ts) and the actor cache
 * (users/actor-cache.ts): a transition reads the case and writes everything in one statement, a
 * refused unique value writes nothing, and a cached actor is dropped whenever the database says
 * the user changed, whoever changed it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { statements } from '../helpers/statements.js';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

const DONGJIE = '130636100201';
const sql = <T = any>(text: string, params: unknown[] = []) => s.orm.em.fork().getConnection().execute<T[]>(text, params as any[]);
const dibao = loadExample('dibao').example as Record<string, any>;
let serial = 700;
const draftData = (idNumber = makeIdCard('130636', '19790304', String(serial++))) => ({ ...dibao, head: { ...dibao.head, idNumber } });
const SUBMIT = 'mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version state status } }';
const APPROVE = 'mutation($id: ID!, $v: Int!, $d: JSON, $c: String) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v, data: $d, comment: $c) { id version state } }';
const APPRAISAL = { appraisal: { meetingDate: '2026-11-10', attendees: 36, votesFor: 34, votesAgainst: 2 } };

describe('write path', () => {
  it('reads the case and writes row, history, timer and claims in one statement', async () => {
    const token = await s.login('dongjie_cadre');
    // The first case warms the pinned version and the actor.
    const warm = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, draftData());
    await s.gql(SUBMIT, { id: warm.id, v: warm.version }, token);

    // The fewest of up to three cases: a background job (pg-boss, the outbox) or a late actor
    // invalidation may add a statement to one request; an extra statement of the write path itself
    // shows in every case.
    let best: { app: any; submitted: any; approved: any; onSubmit: string[]; onApprove: string[] } | undefined;
    for (let i = 0; i < 3 && !(best && best.onSubmit.length === 2 && best.onApprove.length === 2); i++) {
      const app = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, draftData());
      let submitted: any;
      let approved: any;
      const onSubmit = await statements(async () => {
        submitted = (await s.gql(SUBMIT, { id: app.id, v: app.version }, token)).data.submitApplication;
      });
      const onApprove = await statements(async () => {
        approved = (await s.gql(APPROVE, { id: app.id, v: submitted.version, d: APPRAISAL, c: '经民主评议同意' }, token)).data.transitionApplication;
      });
      if (!best || onSubmit.length + onApprove.length < best.onSubmit.length + best.onApprove.length) best = { app, submitted, approved, onSubmit, onApprove };
    }
    const { app, submitted, approved, onSubmit, onApprove } = best!;
    expect(submitted).toMatchObject({ version: 2, status: 'IN_REVIEW' });
    expect(onSubmit).toHaveLength(2);
    expect(onSubmit[0]).toMatch(/^select .* from application where id = \$1/);
    expect(onSubmit[1]).toMatch(/^with updated as \(update application/);
    expect(approved).toMatchObject({ version: 3, state: 'village_notice' });
    expect(onApprove).toHaveLength(2);

    // Everything the statement wrote: the history rows, the claim and the notice's timer as a
    // pg-boss job the row names, due when the notice ends.
    const history = await sql<{ seq: number; event: string }>('select seq, event from application_event where application_id = ? order by seq', [app.id]);
    expect(history.map((h) => h.event)).toEqual(['CREATE', 'SUBMIT', 'APPROVE']);
    const claims = await sql('select pointer from application_unique where application_id = ?', [app.id]);
    expect(claims).toEqual([{ pointer: '/head/idNumber' }]);
    const [row] = await sql<{ timer_jobs: string[]; notice_ends_at: Date }>('select timer_jobs, notice_ends_at from application where id = ?', [app.id]);
    expect(row!.timer_jobs).toHaveLength(1);
    const [job] = await sql<any>(`select name, state, data, singleton_key, start_after, retry_limit, expire_in from pgboss.job where id = ?`, [row!.timer_jobs[0]]);
    expect(job).toMatchObject({ name: 'workflow-timer', state: 'created', singleton_key: `${app.id}:3:${job.data.eventType}` });
    expect(job.data).toMatchObject({ applicationId: app.id, state: 'village_notice', stateSeq: 3 });
    expect(job.data.eventType).toMatch(/NOTICE_PERIOD/);
    expect(new Date(job.start_after).getTime()).toBe(new Date(row!.notice_ends_at).getTime());
    expect(job.retry_limit).toBe(5);
  });

  it('writes nothing when a unique value is held by another case', async () => {
    const token = await s.login('dongjie_cadre');
    const idNumber = makeIdCard('130636', '19660707', '481');
    const first = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, draftData(idNumber));
    const second = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, draftData(idNumber));
    expect((await s.gql(SUBMIT, { id: first.id, v: first.version }, token)).errors).toBeUndefined();
    const refused = await s.gql(SUBMIT, { id: second.id, v: second.version }, token);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE', existingReference: first.reference });
    const [row] = await sql<{ version: number; status: string }>('select version, status from application where id = ?', [second.id]);
    expect(row).toEqual({ version: 1, status: 'DRAFT' });
    expect(await sql('select event from application_event where application_id = ? and event = ?', [second.id, 'SUBMIT'])).toEqual([]);
    expect(await sql('select 1 from application_unique where application_id = ?', [second.id])).toEqual([]);
    // The same value frees up when the holder is rejected, and the second case may then claim it.
    const held = (await s.gql('query($id: ID!) { application(id: $id) { version } }', { id: first.id }, token)).data.application;
    expect((await act(s, 'dongjie_cadre', { id: first.id, version: held.version }, 'REJECT', { comment: '家庭人均收入高于低保标准' })).errors).toBeUndefined();
    expect((await s.gql(SUBMIT, { id: second.id, v: second.version }, token)).data.submitApplication.status).toBe('IN_REVIEW');
  });

  it('answers a stale version with VERSION_CONFLICT and writes nothing', async () => {
    const token = await s.login('dongjie_cadre');
    const app = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, draftData());
    const first = await s.gql(SUBMIT, { id: app.id, v: app.version }, token);
    expect(first.errors).toBeUndefined();
    const stale = await act(s, 'dongjie_cadre', { id: app.id, version: app.version }, 'APPROVE', { data: APPRAISAL });
    expect(codeOf(stale)).toBe('VERSION_CONFLICT');
    const history = await sql('select event from application_event where application_id = ?', [app.id]);
    expect(history).toHaveLength(2);
  });

  it('keeps the signed-in actor between requests and drops it when the database changes the user', async () => {
    const token = await s.login('wangge_cadre');
    const ME = '{ me { username } }';
    expect((await s.gql(ME, {}, token)).data.me.username).toBe('wangge_cadre');
    const hits = s.services.actors!.hits;
    expect((await s.gql(ME, {}, token)).data.me.username).toBe('wangge_cadre');
    expect(s.services.actors!.hits).toBe(hits + 1);

    // Disabled by another process (here: a plain SQL session): the trigger's notification drops
    // the cached actor, and the token (an older generation) is refused.
    const other = new pg.Client({ connectionString: s.databaseUrl });
    await other.connect();
    try {
      await other.query(`update app_user set active = false, token_generation = token_generation + 1 where username = 'wangge_cadre'`);
    } finally {
      await other.end();
    }
    let code: unknown;
    for (let i = 0; i < 200 && code !== 'UNAUTHENTICATED'; i++) {
      code = codeOf(await s.gql(ME, {}, token));
      if (code !== 'UNAUTHENTICATED') await new Promise((r) => setTimeout(r, 25));
    }
    expect(code).toBe('UNAUTHENTICATED');
  });

  it('refuses at once, in the process that disabled the user, without waiting for the notification', async () => {
    const token = await s.login('dongjie_team');
    expect((await s.gql('{ me { username } }', {}, token)).data.me.username).toBe('dongjie_team');
    const admin = await s.login('admin');
    const r = await s.gql('mutation { disableUser(username: "dongjie_team") { username } }', {}, admin);
    expect(r.errors).toBeUndefined();
    expect(codeOf(await s.gql('{ me { username } }', {}, token))).toBe('UNAUTHENTICATED');
  });
});
