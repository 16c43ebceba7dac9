/**
 * Races on the one write path: many people acting on one case at the same moment, and two
 * households' drafts carrying the same ID number submitted at once. The database decides (the
 * optimistic version check and the x-unique primary key), so exactly one wins every race and the
 * history shows exactly one step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, getApp, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { DONGJIE, freshIdNumber } from './support.js';

let s: TestServer;
let db: pg.Client;
const dibao = loadExample('dibao').example as Record<string, any>;
const monitoring = loadExample('monitoring').example as Record<string, any>;
const dibaoData = (idNumber = freshIdNumber(1972)) => ({ ...dibao, head: { ...dibao.head, idNumber } });

async function admin<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await s.gql<T>(query, variables, await s.login('admin'));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

const RACERS = Array.from({ length: 16 }, (_, i) => `racer${i + 1}`);
let racers: string[];

/** Sixteen staff members, each a village committee member of 东街村 and a verifier of 蒲阳镇. */
async function createRacers(): Promise<string[]> {
  await s.login('admin'); // once, before the parallel calls share the cached token
  await Promise.all(RACERS.map(async (u) => {
    await admin('mutation($u: String!) { createUser(input: { username: $u, password: "race-password-1", displayName: "并发测试" }) { id } }', { u });
    await admin('mutation($u: String!) { grantRole(username: $u, role: "village_committee", regionCode: "130636100201") { role } }', { u });
    await admin('mutation($u: String!) { grantRole(username: $u, role: "verifier", regionCode: "130636100000") { role } }', { u });
  }));
  return Promise.all(RACERS.map((u) => s.login(u, 'race-password-1')));
}

function transitionAs(token: string, app: { id: string; version: number }, event: string) {
  return s.gql('mutation($id: ID!, $e: String!, $v: Int!) { transitionApplication(id: $id, event: $e, expectedVersion: $v) { state version } }', { id: app.id, e: event, v: app.version }, token);
}

async function submit(user: string, app: { id: string; version: number }) {
  return s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id reference state version } }', { id: app.id, v: app.version }, await s.login(user));
}

async function historyRows(id: string) {
  return (await db.query('select seq, event, actor_id, to_state from application_event where application_id = $1 order by seq', [id])).rows;
}

beforeAll(async () => {
  s = await startTestServer();
  db = new pg.Client({ connectionString: s.databaseUrl });
  await db.connect();
  racers = await createRacers();
});
afterAll(async () => {
  await db?.end();
  await s?.stop();
});

describe('sixteen people act on one case at once', () => {
  it('exactly one approval goes through; the others are told the case moved', async () => {
    const tokens = racers;
    let app: AppView = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, dibaoData());
    const submitted = await submit('dongjie_cadre', app);
    app = { ...app, ...submitted.data.submitApplication };
    expect(app.state).toBe('village_appraisal');
    const before = await historyRows(app.id);

    const results = await Promise.all(tokens.map((t) => transitionAs(t, app, 'APPROVE')));
    const codes = results.map((r) => codeOf(r) ?? 'OK');
    expect(codes.filter((c) => c === 'OK'), codes.join(',')).toHaveLength(1);
    for (const c of codes.filter((c) => c !== 'OK')) expect(['VERSION_CONFLICT', 'TRANSITION_NOT_ALLOWED']).toContain(c);

    const after = await historyRows(app.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((h) => h.event === 'APPROVE')).toHaveLength(1);
    const now = (await getApp(s, 'dongjie_cadre', app.id)).data!.application;
    expect(now).toMatchObject({ state: 'village_notice', version: app.version + 1 });
    // One notice, one timer: the losers scheduled nothing that survived.
    const jobs = await db.query(`select count(*)::int as n from pgboss.job where data->>'applicationId' = $1 and state in ('created', 'retry', 'active')`, [app.id]);
    expect(jobs.rows[0].n).toBe(1);
  });

  it('a five-person quorum under a race counts five different people, one step at a time', async () => {
    const tokens = racers;
    const data = { ...monitoring, head: { ...monitoring.head, idNumber: freshIdNumber(1973) } };
    let app: { id: string; version: number; state: string } = await createApp(s, 'dongjie_team', 'monitoring', DONGJIE, data);
    app = (await submit('dongjie_team', app)).data.submitApplication;
    expect(app.state).toBe('village_verification');
    const voted = new Set<number>();
    for (let round = 0; round < 5; round++) {
      const racing = tokens.map((t, i) => ({ t, i })).filter(({ i }) => !voted.has(i));
      const results = await Promise.all(racing.map(({ t }) => transitionAs(t, app, 'VERIFY')));
      const winners = results.map((r, k) => ({ r, i: racing[k]!.i })).filter(({ r }) => !r.errors);
      expect(winners, `round ${round}: ${results.map((r) => codeOf(r) ?? 'OK').join(',')}`).toHaveLength(1);
      voted.add(winners[0]!.i);
      app = { id: app.id, ...winners[0]!.r.data.transitionApplication };
    }
    expect(app.state).toBe('township_confirmation');
    const verifies = (await historyRows(app.id)).filter((h) => h.event === 'VERIFY');
    expect(verifies).toHaveLength(5);
    expect(new Set(verifies.map((h) => h.actor_id)).size).toBe(5);
  });
});

describe('two drafts with one ID number submitted at once', () => {
  it('exactly one wins; the other is refused as a duplicate, every time', async () => {
    for (let round = 0; round < 6; round++) {
      const idNumber = freshIdNumber(1974);
      const drafts = await Promise.all([0, 1].map(() => createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, dibaoData(idNumber))));
      const results = await Promise.all(drafts.map((d) => submit('dongjie_cadre', d)));
      const won = results.filter((r) => !r.errors);
      const lost = results.filter((r) => r.errors);
      expect(won, `round ${round}: ${JSON.stringify(results.map((r) => r.errors?.[0]?.extensions ?? 'OK'))}`).toHaveLength(1);
      expect(lost[0]!.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE' });
      expect(lost[0]!.errors![0]!.extensions!.problems![0]!.path).toBe('/head/idNumber');
      const claims = await db.query(`select application_id from application_unique where pointer = '/head/idNumber' and value = $1`, [idNumber]);
      expect(claims.rows.map((c) => c.application_id)).toEqual([won[0]!.data.submitApplication.id]);
      // The loser is still a draft at its old version: nothing of the refused submit was written.
      const loser = drafts[results.indexOf(lost[0]!)]!;
      expect((await getApp(s, 'dongjie_cadre', loser.id)).data!.application).toMatchObject({ state: 'draft', version: loser.version });
    }
  });

  it('eight at once: one wins', async () => {
    const idNumber = freshIdNumber(1975);
    const drafts = await Promise.all(Array.from({ length: 8 }, () => createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, dibaoData(idNumber))));
    const results = await Promise.all(drafts.map((d) => submit('dongjie_cadre', d)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE' });
  });
});
