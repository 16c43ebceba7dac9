/**
 * A crash in the middle of a stream of transitions: the server runs as a separate process, six
 * clients walk cases through two programmes as fast as they can, and the process is killed with
 * SIGKILL while requests are in flight. After a restart on the same database every application
 * must be whole: its state is the `to_state` of its last history event, its version is the
 * number of its history rows (commit.ts writes history seq = new version, one row per change),
 * its x-unique claims match its status, a case under notice has its one timer, and the stream
 * carries on from where each case stood.
 *
 * Needs a real PostgreSQL server (TEST_DATABASE_URL): PGlite lives inside the process that dies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startChildServer } from '../helpers/child-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { DONGJIE, freshIdNumber, rawGql } from './support.js';

const DATABASE = process.env.TEST_DATABASE_URL;
const IN_CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

if (!DATABASE && !IN_CI) console.warn('restart.test.ts skipped: set TEST_DATABASE_URL to a PostgreSQL server (the embedded database dies with the process)');

describe.runIf(!DATABASE && IN_CI)('restart after kill -9 (CI)', () => {
  it('needs TEST_DATABASE_URL', () => {
    throw new Error('restart.test.ts needs a PostgreSQL server: set TEST_DATABASE_URL in CI');
  });
});

type Child = Awaited<ReturnType<typeof startChildServer>>;
interface Case {
  id: string;
  programme: 'housing' | 'dibao';
  version: number;
  state: string;
  failed: boolean;
}

const housing = loadExample('housing').example as Record<string, any>;
const dibao = loadExample('dibao').example as Record<string, any>;

/** The next step of a case in the stream, or undefined when it has reached the end of the walk. */
function nextStep(c: Case): { user: string; op: 'save' | 'submit' | 'event'; event?: string; comment?: string; data?: unknown } | undefined {
  if (c.programme === 'dibao') {
    if (c.state === 'draft') return c.version === 1 ? { user: 'dongjie_cadre', op: 'save' } : { user: 'dongjie_cadre', op: 'submit' };
    if (c.state === 'village_appraisal') {
      return c.version === 3
        ? { user: 'dongjie_cadre', op: 'event', event: 'RETURN', comment: '请补充材料' }
        : { user: 'dongjie_cadre', op: 'event', event: 'APPROVE', data: { appraisal: { meetingDate: '2026-11-20', attendees: 30, votesFor: 28, votesAgainst: 2 } } };
    }
    return undefined; // village_notice: the timer's business (P7D)
  }
  switch (c.state) {
    case 'draft': return { user: 'dongjie_cadre', op: 'submit' };
    case 'village_check': return { user: 'dongjie_cadre', op: 'event', event: 'APPROVE' };
    case 'township_appraisal': return { user: 'puyang_reviewer', op: 'event', event: 'APPROVE', data: { housingGrade: 'D' } };
    case 'county_approval': return { user: 'county_office', op: 'event', event: 'APPROVE', data: { subsidyAmount: 35000 } };
    case 'construction': return { user: 'dongjie_cadre', op: 'event', event: 'REPORT_COMPLETE' };
    case 'inspection': return c.version < 8
      ? { user: 'inspector', op: 'event', event: 'FAIL', comment: '屋面未完工' }
      : { user: 'inspector', op: 'event', event: 'PASS', data: { inspection: { passed: true, date: '2026-11-22', inspector: '吴建军' } } };
    case 'payment': return { user: 'finance', op: 'event', event: 'PAY' };
    default: return undefined;
  }
}

describe.runIf(!!DATABASE)('restart after kill -9 in the middle of a stream of transitions', () => {
  let s: TestServer;
  let child: Child | undefined;
  let db: pg.Client;
  const tokens: Record<string, string> = {};
  const cases: Case[] = [];
  /** Requests that got no answer, and how many of them were sent before the kill (in flight). */
  let lost = 0;
  let inFlight = 0;
  let killedAt = Infinity;

  beforeAll(async () => {
    // The in-process server seeds a fresh database (demo county, users, programmes, cases) and
    // signs people in; it then stays idle: the stream goes to the child process.
    s = await startTestServer({ timers: false });
    for (const u of ['dongjie_cadre', 'puyang_reviewer', 'county_office', 'inspector', 'finance']) tokens[u] = await s.login(u);
    db = new pg.Client({ connectionString: s.databaseUrl });
    await db.connect();
    child = await startChildServer(s.databaseUrl);
  }, 180_000);

  afterAll(async () => {
    if (child && child.child.exitCode === null) child.child.kill('SIGKILL');
    await db?.end();
    await s?.stop();
  });

  class NoAnswer extends Error {}

  /** One request; throws NoAnswer when the server did not answer (killed before or during it). */
  async function call(url: string, user: string, query: string, variables: Record<string, unknown>) {
    const sent = performance.now();
    let r;
    try {
      r = await rawGql(url, query, JSON.stringify(variables), { token: tokens[user], timeoutMs: 30_000 });
    } catch (e) {
      lost++;
      if (sent < killedAt) inFlight++;
      throw new NoAnswer((e as Error).message);
    }
    if (r.status >= 500 || !r.body) throw new Error(`HTTP ${r.status}: ${r.text.slice(0, 300)}`);
    if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
    return r.body;
  }

  const FIELDS = 'id version state';

  /** Sends one step; returns false when the server did not answer (it was killed). */
  async function step(url: string, c: Case): Promise<boolean> {
    const next = nextStep(c);
    if (!next) return true;
    let body;
    try {
      if (next.op === 'save') {
        const data = { ...dibao, head: { ...dibao.head }, householdSize: 3 };
        const cur = (await db.query('select data from application where id = $1', [c.id])).rows[0].data;
        body = await call(url, next.user, `mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { ${FIELDS} } }`, { id: c.id, d: { ...data, head: cur.head }, v: c.version });
      } else if (next.op === 'submit') {
        body = await call(url, next.user, `mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { ${FIELDS} } }`, { id: c.id, v: c.version });
      } else {
        body = await call(url, next.user, `mutation($id: ID!, $e: String!, $v: Int!, $c: String, $d: JSON) { transitionApplication(id: $id, event: $e, expectedVersion: $v, comment: $c, data: $d) { ${FIELDS} } }`,
          { id: c.id, e: next.event, v: c.version, c: next.comment, d: next.data });
      }
    } catch (e) {
      if (e instanceof NoAnswer) return false;
      throw new Error(`${c.programme} ${c.state} ${next.event ?? next.op}: ${(e as Error).message}`);
    }
    const view = Object.values(body.data!)[0] as { version: number; state: string };
    Object.assign(c, { version: view.version, state: view.state });
    return true;
  }

  async function create(url: string, programme: Case['programme']): Promise<Case | undefined> {
    const base = programme === 'housing' ? housing : dibao;
    const data = { ...base, head: { ...base.head, idNumber: freshIdNumber(1976) } };
    try {
      const body = await call(url, 'dongjie_cadre', `mutation($p: String!, $d: JSON) { createApplication(programmeKey: $p, regionCode: "${DONGJIE}", data: $d) { ${FIELDS} } }`, { p: programme, d: data });
      const view = body.data!.createApplication;
      const c: Case = { id: view.id, programme, version: view.version, state: view.state, failed: false };
      cases.push(c);
      return c;
    } catch (e) {
      if (e instanceof NoAnswer) return undefined; // a draft created in the dark is still checked below
      throw e;
    }
  }

  /** One client: walks new cases to the end of their walk until the server stops answering or `until` says so. */
  async function worker(url: string, programme: Case['programme'], until: () => boolean): Promise<void> {
    while (!until()) {
      const c = await create(url, programme);
      if (!c) return;
      while (nextStep(c) && !until()) {
        if (!(await step(url, c))) {
          c.failed = true;
          return;
        }
      }
    }
  }

  /** Every application in the database, checked against its history, claims and timers. */
  async function violations(): Promise<string[]> {
    const out: string[] = [];
    const rows = (await db.query(`
      select a.id, a.reference, a.state, a.status, a.version, a.state_seq, a.timer_jobs,
             (select e.to_state from application_event e where e.application_id = a.id order by e.seq desc limit 1) as last_to,
             (select count(*)::int from application_event e where e.application_id = a.id) as events,
             (select max(e.seq) from application_event e where e.application_id = a.id) as max_seq,
             (select count(*)::int from application_unique u where u.application_id = a.id) as claims
        from application a`)).rows;
    expect(rows.length).toBeGreaterThan(cases.length);
    for (const r of rows) {
      if (r.state !== r.last_to) out.push(`${r.reference}: state ${r.state} but the last history event goes to ${r.last_to}`);
      if (r.version !== r.events || r.version !== r.max_seq) out.push(`${r.reference}: version ${r.version}, ${r.events} history rows, last seq ${r.max_seq}`);
      const active = ['IN_REVIEW', 'UNDER_NOTICE', 'APPROVED'].includes(r.status);
      if (active && r.claims === 0) out.push(`${r.reference}: ${r.status} without its ID-number claim`);
      if (['REJECTED', 'WITHDRAWN'].includes(r.status) && r.claims > 0) out.push(`${r.reference}: ${r.status} still holds a claim`);
    }
    // A case of the stream under notice has exactly one live timer, for its current visit.
    const ours = cases.map((c) => c.id);
    const timers = (await db.query(`
      select a.reference, a.state, a.status, a.state_seq,
             count(j.id) filter (where j.state in ('created', 'retry', 'active') and (j.data->>'stateSeq')::int = a.state_seq)::int as live
        from application a left join pgboss.job j on j.data->>'applicationId' = a.id::text
       where a.id = any($1::uuid[]) group by a.id`, [ours])).rows;
    for (const t of timers) {
      const expected = t.status === 'UNDER_NOTICE' ? 1 : 0;
      if (t.live !== expected) out.push(`${t.reference}: ${t.live} live timer(s) in ${t.state}, expected ${expected}`);
    }
    return out;
  }

  it('keeps every application whole and carries on after the restart', async () => {
    let done = 0;
    const progress = setInterval(() => { done = cases.reduce((n, c) => n + c.version, 0); }, 20);
    // Kill once the stream is well under way: many cases mid-walk, requests in flight.
    const killAt = new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (done >= 120) {
          clearInterval(t);
          killedAt = performance.now();
          child!.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    const url = child!.url;
    const stream = Promise.all([
      worker(url, 'housing', () => false), worker(url, 'housing', () => false), worker(url, 'housing', () => false),
      worker(url, 'dibao', () => false), worker(url, 'dibao', () => false), worker(url, 'dibao', () => false),
    ]);
    await killAt;
    await stream;
    clearInterval(progress);
    await new Promise<void>((resolve) => (child!.child.exitCode !== null || child!.child.signalCode ? resolve() : child!.child.once('exit', () => resolve())));
    expect(child!.child.signalCode).toBe('SIGKILL');
    console.log(`killed after ${done} versions over ${cases.length} cases; ${inFlight} request(s) in flight got no answer (${lost} in all)`);
    expect(inFlight).toBeGreaterThan(0); // the kill did land in the middle of the stream

    child = await startChildServer(s.databaseUrl);
    expect((await fetch(`${child.url}/readyz`)).status).toBe(200);
    expect(await violations()).toEqual([]);

    // The stream carries on from the database's view of each case (a step whose answer was
    // lost may or may not have committed), to the end of every walk.
    for (const c of cases) {
      const row = (await db.query('select version, state from application where id = $1', [c.id])).rows[0];
      Object.assign(c, { version: row.version, state: row.state });
    }
    const unfinished = cases.filter((c) => nextStep(c));
    expect(unfinished.length).toBeGreaterThan(0);
    const url2 = child.url;
    for (const c of unfinished) {
      while (nextStep(c)) expect(await step(url2, c)).toBe(true);
    }
    for (const c of cases) expect(c.state).toBe(c.programme === 'housing' ? 'paid' : 'village_notice');
    expect(await violations()).toEqual([]);
  }, 180_000);
});
