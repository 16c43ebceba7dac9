import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer } from '../helpers/child-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, getApp, publishFastCopy, waitForState } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

let s: TestServer;
let second: Awaited<ReturnType<typeof startChildServer>> | undefined;
beforeAll(async () => {
  s = await startTestServer();
  await publishFastCopy(s, 'dibao', 'dibao-timer', 'PT2S');
});
afterAll(async () => {
  await second?.stop();
  await s?.stop();
});

async function intoNotice(seq: string) {
  const ex = loadExample('dibao').example as any;
  let app = await createApp(s, 'dongjie_cadre', 'dibao-timer', '130636100201', { ...ex, head: { ...ex.head, idNumber: makeIdCard('130636', '19660606', seq) } });
  const sub = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
  app = { ...app, version: sub.data.submitApplication.version };
  const r = await act(s, 'dongjie_cadre', app, 'APPROVE');
  expect(r.data!.transitionApplication.state).toBe('village_notice');
  return r.data!.transitionApplication;
}

describe('durable timers', () => {
  it('fire after a restart: a deadline that passed while no worker ran is still honoured', async () => {
    const idle = await startTestServer({ timers: false });
    try {
      await publishFastCopy(idle, 'dibao', 'dibao-restart', 'PT1S');
      const ex = loadExample('dibao').example as any;
      let app = await createApp(idle, 'dongjie_cadre', 'dibao-restart', '130636100201', ex);
      const sub = await idle.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version } }', { id: app.id, v: app.version }, await idle.login('dongjie_cadre'));
      const inNotice = (await act(idle, 'dongjie_cadre', { id: app.id, version: sub.data.submitApplication.version }, 'APPROVE')).data!.transitionApplication;
      expect(inNotice.state).toBe('village_notice');
      await new Promise((r) => setTimeout(r, 2500));
      expect((await getApp(idle, 'county_office', app.id)).data!.application.state).toBe('village_notice');
      const worker = await startChildServer(idle.databaseUrl);
      try {
        expect((await waitForState(idle, 'county_office', app.id, 'village_notice', 20000)).state).toBe('township_review');
      } finally {
        await worker.stop();
      }
    } finally {
      await idle.stop();
    }
  }, 90_000); // seeds a database and starts a second process: slow on a busy machine

  it('advance a case exactly once with two server processes running', async () => {
    second = await startChildServer(s.databaseUrl);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    const apps = await Promise.all(['301', '302', '303'].map(intoNotice));
    for (const app of apps) {
      const moved = await waitForState(s, 'county_office', app.id, 'village_notice', 20000);
      expect(moved.state).toBe('township_review');
    }
    await new Promise((r) => setTimeout(r, 3000)); // a second delivery would have happened by now
    for (const app of apps) {
      const history = (await getApp(s, 'county_office', app.id)).data!.application.history;
      expect(history.filter((h) => h.fromState === 'village_notice')).toHaveLength(1);
    }
  });

  it('is cancelled when the state is left before the deadline', async () => {
    const app = await intoNotice('304');
    const conn = s.orm.em.fork().getConnection();
    const [{ timer_jobs }] = await conn.execute('select timer_jobs from application where id = ?', [app.id]);
    expect(timer_jobs).toHaveLength(1);
    // An objection-like move out of the notice (the public event) cancels the pending job.
    const { systemTransition } = await import('../../server/src/applications/application.service.js');
    await systemTransition(s.orm.em.fork(), s.services, app.id, 'OBJECTION', { name: '测试' });
    const [job] = await conn.execute('select state from pgboss.job where id = ?', [timer_jobs[0]]);
    expect(job.state).toBe('cancelled');
  });
});
