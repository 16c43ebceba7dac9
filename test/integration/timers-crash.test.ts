/**
 * Timers after a crash: a worker process that dies (kill -9) while it holds fired timer jobs must
 * not leave those cases in their notice. Another process takes the jobs over once they expire, and
 * every case still moves exactly once.
 *
 * Needs a real PostgreSQL (TEST_DATABASE_URL): the test holds row locks from a second connection to
 * catch the worker in the middle of its jobs, which the embedded database's single backend cannot do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startChildServer } from '../helpers/child-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, getApp, publishFastCopy } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

// Small for the test; production defaults are 30 s and 10 s (docs/operations.md).
const FAST_RECOVERY = { TIMER_EXPIRE_SECONDS: '3', TIMER_MAINTENANCE_SECONDS: '1' };
const CASES = 6; // more than one worker batch (5), so the survivor also has fresh jobs to run

let s: TestServer;
const children: Array<Awaited<ReturnType<typeof startChildServer>>> = [];

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) return;
  // The server the test talks to runs no worker: only the two child processes fire timers.
  s = await startTestServer({ timers: false });
  await publishFastCopy(s, 'dibao', 'dibao-crash', 'PT2S');
});
afterAll(async () => {
  for (const c of children) await c.stop();
  await s?.stop();
});

async function intoNotice(seq: string) {
  const ex = loadExample('dibao').example as any;
  const app = await createApp(s, 'dongjie_cadre', 'dibao-crash', '130636100201', { ...ex, head: { ...ex.head, idNumber: makeIdCard('130636', '19710203', seq) } });
  const sub = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
  const r = await act(s, 'dongjie_cadre', { id: app.id, version: sub.data.submitApplication.version }, 'APPROVE');
  expect(r.data!.transitionApplication.state).toBe('village_notice');
  return r.data!.transitionApplication;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('timers after a worker is killed', () => {
  it('move every case exactly once when the process holding their jobs dies', async () => {
    const apps = await Promise.all(Array.from({ length: CASES }, (_, i) => intoNotice(String(500 + i))));
    const ids = apps.map((a) => a.id);

    // Hold the rows, so the first worker takes jobs and then waits inside its handler.
    const locker = new pg.Client({ connectionString: s.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('select id from application where id = any($1) for update', [ids]);

      const doomed = await startChildServer(s.databaseUrl, FAST_RECOVERY);
      children.push(doomed);
      const held = await until('the first worker to take jobs', async () => {
        const r = await locker.query(`select id from pgboss.job where name = 'workflow-timer' and state = 'active' and data->>'applicationId' = any($1)`, [ids]);
        return r.rows.length > 0 && r.rows.map((j) => j.id as string);
      }, 60_000);

      const survivor = await startChildServer(s.databaseUrl, FAST_RECOVERY);
      children.push(survivor);
      doomed.child.kill('SIGKILL');
      await doomed.stop();
      await locker.query('rollback');

      // The jobs the dead process held are picked up again; generous wait for a busy machine.
      const moved = await until('every case to leave its notice', async () => {
        const states = await Promise.all(ids.map(async (id) => (await getApp(s, 'county_office', id)).data!.application.state));
        return states.every((st) => st !== 'village_notice') && states;
      }, 120_000);
      expect(moved).toEqual(ids.map(() => 'township_review'));

      // Every job the dead process held ends completed. Under load a retried handler may outlive
      // the test's 3 s expiry and be retried once more (finding the case moved): wait for that too.
      await until('the jobs the dead process held to complete', async () => {
        const jobs = await locker.query(`select state from pgboss.job where id = any($1)`, [held]);
        return jobs.rows.length === held.length && jobs.rows.every((j) => j.state === 'completed');
      }, 120_000);
    } finally {
      await locker.end();
    }

    await new Promise((r) => setTimeout(r, 3000)); // a repeated delivery would have landed by now
    for (const id of ids) {
      const history = (await getApp(s, 'county_office', id)).data!.application.history;
      const timerEvents = history.filter((h) => h.fromState === 'village_notice');
      expect(timerEvents).toHaveLength(1);
      expect(timerEvents[0]).toMatchObject({ toState: 'township_review', actorName: '系统（期满自动流转）' });
    }
  }, 240_000);
});
