/**
 * Recurring reviews and due dates (docs/workflow-format.md, "Due dates" and "Recurring reviews"),
 * on the worked example of that page published exactly as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { startChildServer } from '../helpers/child-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { openReviewOccurrence } from '../../server/src/applications/reviews.js';
import { docExample } from '../helpers/doc-example.js';

const VILLAGE = '130636100201';
const form = JSON.parse(fs.readFileSync('docs/examples/industry-plan.form.json', 'utf8'));

const workflow = docExample('docs/workflow-format.md', 'industry-plan');

const FIELDS = 'id reference state version stateEnteredAt dueAt overdue openReview { occurrence title events } availableActions { event } history { event occurrence actorName fromState toState }';

let s: TestServer;
let child: Awaited<ReturnType<typeof startChildServer>> | undefined;

async function publish(key: string, wf: Record<string, any>) {
  const designer = await s.login('designer');
  for (const [q, v] of [
    ['mutation($k: String!) { createProgramme(input: { key: $k, name: "产业扶持计划", regionCode: "130636000000" }) { key } }', { k: key }],
    ['mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }', { k: key, f: form.formSchema, u: form.uiSchema, w: { ...wf, id: key } }],
    ['mutation($k: String!) { publishProgramme(key: $k) { status } }', { k: key }],
  ] as const) {
    const r = await s.gql(q, v, designer);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
}

async function gqlOk<T = any>(user: string, query: string, vars: Record<string, unknown>): Promise<T> {
  const r = await s.gql(query, vars, await s.login(user));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

async function send(user: string, app: { id: string; version: number }, event: string, extra: { comment?: string; data?: unknown } = {}) {
  const d = await gqlOk(user, `mutation($id: ID!, $e: String!, $v: Int!, $c: String, $d: JSON) { transitionApplication(id: $id, event: $e, expectedVersion: $v, comment: $c, data: $d) { ${FIELDS} } }`,
    { id: app.id, e: event, v: app.version, c: extra.comment, d: extra.data });
  return d.transitionApplication;
}

const get = async (user: string, id: string) => (await gqlOk(user, `query($id: ID!) { application(id: $id) { ${FIELDS} } }`, { id })).application;

/** A case of `key` taken into "implementation" with the given completion date. */
async function implementing(key: string, name: string, completionDeadline: string) {
  const created = (await gqlOk('dongjie_cadre', `mutation($k: String!, $r: String!, $d: JSON) { createApplication(programmeKey: $k, regionCode: $r, data: $d) { ${FIELDS} } }`,
    { k: key, r: VILLAGE, d: { head: { name }, industry: '养殖', completionDeadline } })).createApplication;
  const submitted = (await gqlOk('dongjie_cadre', `mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { ${FIELDS} } }`, { id: created.id, v: created.version })).submitApplication;
  expect(submitted.state).toBe('plan');
  return send('dongjie_team', submitted, 'APPROVE');
}

const inboxIds = async (user: string, args = '') =>
  (await gqlOk(user, `query { myTasks(first: 100${args}) { edges { cursor node { id dueAt overdue } } } }`, {})).myTasks.edges.map((e: any) => e.node.id) as string[];

beforeAll(async () => {
  s = await startTestServer();
  await publish('industry-plan', workflow);
});
afterAll(async () => {
  await child?.stop();
  await s?.stop();
});

describe('the worked example', () => {
  it('publishes as written and sets due dates from the annual day, a form field and dueIn', async () => {
    const check = await gqlOk('designer', 'query ($w: JSON!) { checkWorkflow(workflow: $w) { ok errors { message } } }', { w: workflow });
    expect(check.checkWorkflow).toEqual({ ok: true, errors: [] });
    const created = (await gqlOk('dongjie_cadre', `mutation($r: String!, $d: JSON) { createApplication(programmeKey: "industry-plan", regionCode: $r, data: $d) { ${FIELDS} } }`,
      { r: VILLAGE, d: { head: { name: '赵丰收' }, industry: '种植', completionDeadline: '2027-09-30' } })).createApplication;
    expect(created.dueAt).toBeNull();
    const plan = (await gqlOk('dongjie_cadre', `mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { ${FIELDS} } }`, { id: created.id, v: created.version })).submitApplication;
    // The next 15 April, end of day in China Standard Time.
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const april = (y: number) => new Date(`${y}-04-15T23:59:59.999+08:00`);
    expect(new Date(plan.dueAt)).toEqual(april(year).getTime() >= Date.now() ? april(year) : april(year + 1));
    expect(plan.overdue).toBe(false);

    const impl = await send('dongjie_team', plan, 'APPROVE');
    expect(impl.state).toBe('implementation');
    expect(new Date(impl.dueAt)).toEqual(new Date('2027-09-30T23:59:59.999+08:00'));
    // No visit is open yet: VISITED is not offered and is refused in both languages.
    expect(impl.openReview).toBeNull();
    const early = await s.gql('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "VISITED", expectedVersion: $v) { state } }', { id: impl.id, v: impl.version }, await s.login('dongjie_cadre'));
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', subCode: 'REVIEW_NOT_DUE', messageZh: expect.stringContaining('定期走访') });

    const inspection = await send('dongjie_team', impl, 'REPORT_COMPLETE');
    // Exactly ten days from entering the state.
    expect(new Date(inspection.dueAt).getTime()).toBe(new Date(inspection.stateEnteredAt).getTime() + 10 * 86_400_000);
    const back = await send('puyang_reviewer', inspection, 'FAIL', { comment: '圈舍未完工' });
    expect(new Date(back.dueAt)).toEqual(new Date('2027-09-30T23:59:59.999+08:00'));
  });

  it('refuses a due field that is not a date field of the form, with a pointer', async () => {
    const bad = structuredClone(workflow);
    bad.states.implementation.meta.dueDate = { field: '/industry' };
    const designer = await s.login('designer');
    await s.gql('mutation { createProgramme(input: { key: "industry-bad", name: "产业（错误）", regionCode: "130636000000" }) { key } }', {}, designer);
    const r = await s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "industry-bad", formSchema: $f, workflow: $w) { number } }', { f: form.formSchema, w: { ...bad, id: 'industry-bad' } }, designer);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'WORKFLOW_INVALID', problems: [{ path: '/workflow/states/implementation/meta/dueDate/field' }] });
    bad.states.implementation.meta.dueDate = { field: '/nowhere' };
    const r2 = await s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "industry-bad", formSchema: $f, workflow: $w) { number } }', { f: form.formSchema, w: { ...bad, id: 'industry-bad' } }, designer);
    expect(r2.errors![0]!.message).toContain('is not a field of the form');
  });
});

describe('overdue and the inbox order', () => {
  it('marks overdue cases, filters them and orders the inbox by due date with keyset pages', async () => {
    const late = await implementing('industry-plan', '钱逾期', '2020-03-01');
    const soon = await implementing('industry-plan', '孙将至', '2030-01-01');
    const later = await implementing('industry-plan', '李稍后', '2031-06-30');
    const lateToo = await implementing('industry-plan', '周也迟', '2021-01-01');
    expect(late).toMatchObject({ overdue: true });
    expect(soon).toMatchObject({ overdue: false });

    const overdue = await inboxIds('dongjie_team', ', orderBy: DUE, filter: { overdue: true }');
    expect(overdue.filter((id) => [late.id, soon.id, later.id, lateToo.id].includes(id))).toEqual([late.id, lateToo.id]);
    const notOverdue = await inboxIds('dongjie_team', ', filter: { overdue: false }');
    expect(notOverdue).toEqual(expect.arrayContaining([soon.id, later.id]));
    expect(notOverdue).not.toContain(late.id);

    const byDue = await inboxIds('dongjie_team', ', orderBy: DUE');
    const mine = byDue.filter((id) => [late.id, soon.id, later.id, lateToo.id].includes(id));
    expect(mine).toEqual([late.id, lateToo.id, soon.id, later.id]);

    // Paging one by one walks the same order, cases without a due date last.
    const seen: string[] = [];
    const dues: (string | null)[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await gqlOk('dongjie_team', 'query($a: String) { myTasks(first: 3, after: $a, orderBy: DUE) { edges { node { id dueAt } } pageInfo { hasNextPage endCursor } } }', { a: after })).myTasks;
      seen.push(...page.edges.map((e: any) => e.node.id));
      dues.push(...page.edges.map((e: any) => e.node.dueAt));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(byDue);
    const firstNull = dues.indexOf(null);
    const dated = (firstNull < 0 ? dues : dues.slice(0, firstNull)) as string[];
    expect(dated.map((d) => new Date(d).getTime())).toEqual([...dated].map((d) => new Date(d).getTime()).sort((a, b) => a - b));
    if (firstNull >= 0) expect(dues.slice(firstNull).every((d) => d === null)).toBe(true);

    // A cursor of the other order is refused, not misread.
    const newest = (await gqlOk('dongjie_team', 'query { myTasks(first: 1) { pageInfo { endCursor } } }', {})).myTasks.pageInfo.endCursor;
    const wrong = await s.gql('query($a: String) { myTasks(first: 1, after: $a, orderBy: DUE) { edges { node { id } } } }', { a: newest }, await s.login('dongjie_team'));
    expect(wrong.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('recurring reviews', () => {
  it('open an occurrence once, show it in the reviewers\' inbox and close it with the answer', async () => {
    // A one-day period never fires during the test: the job is run by hand, twice at once.
    await publish('industry-day', workflow);
    const impl = await implementing('industry-day', '吴走访', '2030-05-01');
    expect(await inboxIds('dongjie_cadre')).not.toContain(impl.id);
    const job = { applicationId: impl.id, state: 'implementation', stateSeq: impl.version, occurrence: 1 };
    const jobId = crypto.randomUUID();
    const opened = await Promise.all([0, 1].map(() => openReviewOccurrence(s.orm.em.fork(), s.services, job, jobId)));
    expect(opened.filter((o) => o === 1)).toHaveLength(1);
    expect(opened.filter((o) => o === undefined)).toHaveLength(1);

    const open = await get('dongjie_cadre', impl.id);
    expect(open.openReview).toEqual({ occurrence: 1, title: '定期走访', events: ['VISITED'] });
    expect(open.history.filter((h: any) => h.event === 'REVIEW_DUE')).toEqual([
      { event: 'REVIEW_DUE', occurrence: 1, actorName: '系统（定期复核）', fromState: 'implementation', toState: 'implementation' },
    ]);
    // Due fifteen days after it opened (the review's dueIn), and in the village committee's inbox.
    expect(new Date(open.dueAt).getTime()).toBeGreaterThan(Date.now() + 14 * 86_400_000);
    expect(open.availableActions.map((a: any) => a.event)).toEqual(['VISITED']);
    expect(await inboxIds('dongjie_cadre')).toContain(impl.id);

    const visited = await send('dongjie_cadre', open, 'VISITED');
    expect(visited.openReview).toBeNull();
    expect(visited.history.at(-1)).toMatchObject({ event: 'VISITED', occurrence: 1 });
    expect(new Date(visited.dueAt)).toEqual(new Date('2030-05-01T23:59:59.999+08:00'));
    expect(await inboxIds('dongjie_cadre')).not.toContain(impl.id);
    // The same job delivered again later opens nothing.
    expect(await openReviewOccurrence(s.orm.em.fork(), s.services, job, jobId)).toBeUndefined();

    // Leaving the state cancels the scheduled occurrence.
    const conn = s.orm.em.fork().getConnection();
    const [{ timer_jobs: jobs }] = await conn.execute('select timer_jobs from application where id = ?', [impl.id]);
    expect(jobs.length).toBeGreaterThan(0);
    await send('dongjie_team', visited, 'REPORT_COMPLETE');
    const states = await conn.execute('select state from pgboss.job where id = any(?::uuid[])', [`{${jobs.join(',')}}`]);
    expect(states.map((j: any) => j.state)).toEqual(jobs.map(() => 'cancelled'));
  });

  it('happen exactly once per period with two server processes running', async () => {
    const fast = structuredClone(workflow);
    fast.meta.delays.REVIEW_PERIOD = 'PT2S';
    await publish('industry-fast', fast);
    child = await startChildServer(s.databaseUrl);
    const apps = await Promise.all([['郑一', '2030-01-01'], ['王二', '2030-01-02']].map(([n, d]) => implementing('industry-fast', n!, d!)));
    const end = Date.now() + 60_000;
    const reviews = async (id: string) => (await get('county_office', id)).history.filter((h: any) => h.event === 'REVIEW_DUE').map((h: any) => h.occurrence);
    for (const app of apps) {
      while ((await reviews(app.id)).length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 300));
    }
    const answered = await send('dongjie_cadre', await get('dongjie_cadre', apps[0]!.id), 'VISITED');
    expect(answered.history.at(-1)!.occurrence).toBeGreaterThanOrEqual(3);
    for (const app of apps) await send('dongjie_team', await get('dongjie_team', app.id), 'REPORT_COMPLETE');
    await new Promise((r) => setTimeout(r, 3000)); // a late or repeated delivery would have happened by now
    for (const app of apps) {
      const seen = await reviews(app.id);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      // Each occurrence once, numbered 1, 2, 3 … with none repeated (a late job skips, never repeats).
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort((a: number, b: number) => a - b));
      expect(seen[0]).toBe(1);
    }
  }, 300_000); // builds and starts a second process: slow on a busy machine
});
