import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docExample } from '../helpers/doc-examples.js';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, type AppView } from '../helpers/programmes.js';

const DONGJIE = '130636100201';

const form = docExample('docs/workflow-format.md', 'temp-aid.form');
const workflow = docExample('docs/workflow-format.md', 'temp-aid.workflow');
const DATA = { applicantName: '张秀兰', householdSize: 3, amount: 5000, reason: '因病致贫' };
const QUORUM_FIELDS = 'quorum { event title titleEn needed votes voters { name role decision at } }';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

async function publish(key: string, wf: unknown, formSchema: unknown = form) {
  const designer = await s.login('designer');
  const created = await s.gql('mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key, name: '临时救助', regionCode: '130636000000' } }, designer);
  expect(created.errors).toBeUndefined();
  const saved = await s.gql('mutation($k: String!, $f: JSON!, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, workflow: $w) { number } }', { k: key, f: formSchema, w: wf }, designer);
  if (saved.errors) return saved;
  return s.gql('mutation($k: String!) { publishProgramme(key: $k) { status } }', { k: key }, designer);
}

async function ok(user: string, app: AppView, event: string, extra: { comment?: string; data?: unknown } = {}): Promise<AppView> {
  const r = await act(s, user, app, event, extra);
  if (r.errors) throw new Error(`${user} ${event}: ${JSON.stringify(r.errors)}`);
  return r.data!.transitionApplication;
}

/** A case of `key` taken through submission and the two-verifier quorum to the township review. */
async function atTownshipReview(key: string): Promise<AppView> {
  let app = await createApp(s, 'dongjie_cadre', key, DONGJIE, DATA);
  app = await ok('dongjie_cadre', app, 'SUBMIT');
  app = await ok('verifier1', app, 'VERIFY');
  app = await ok('verifier2', app, 'VERIFY');
  expect(app.state).toBe('township_review');
  return app;
}

describe('guard messages and paths', () => {
  it('publishes the worked example of docs/workflow-format.md exactly as written', async () => {
    const r = await publish('temp-aid', workflow);
    expect(r.errors).toBeUndefined();
    expect(r.data.publishProgramme.status).toBe('published');
  });

  it('sends the guard\'s message in both languages and its paths as field problems', async () => {
    const app = await atTownshipReview('temp-aid');
    const guard = workflow.states.township_review.on.APPROVE.guard;
    // Before sending, the page can already say why (the action stays available: an edit may fix it).
    const before = await s.gql('query($id: ID!) { application(id: $id) { availableActions { event } blockedActions { event reason reasonEn paths } } }', { id: app.id }, await s.login('puyang_reviewer'));
    expect(before.data.application.availableActions.map((a: { event: string }) => a.event).sort()).toEqual(['APPROVE', 'REJECT']);
    expect(before.data.application.blockedActions).toEqual([{ event: 'APPROVE', reason: guard.message.zh, reasonEn: guard.message.en, paths: ['/amount'] }]);
    const refused = await act(s, 'puyang_reviewer', app, 'APPROVE');
    expect(codeOf(refused)).toBe('TRANSITION_NOT_ALLOWED');
    expect(refused.errors![0]).toMatchObject({
      message: guard.message.en,
      extensions: {
        code: 'TRANSITION_NOT_ALLOWED', subCode: 'GUARD_FAILED', messageZh: guard.message.zh, state: 'township_review', event: 'APPROVE',
        problems: [{ path: '/amount', message: guard.message.zh, messageEn: guard.message.en }],
      },
    });
    // The reviewer corrects the amount in the same step and the guard holds.
    const approved = await ok('puyang_reviewer', app, 'APPROVE', { data: { amount: 3000 } });
    expect(approved).toMatchObject({ state: 'approved', status: 'APPROVED' });
  });

  it('names the event and the state when the guard has no message', async () => {
    const bare = structuredClone(workflow);
    bare.id = 'temp-aid-bare';
    delete bare.states.township_review.on.APPROVE.guard.message;
    delete bare.states.township_review.on.APPROVE.guard.paths;
    expect((await publish('temp-aid-bare', bare)).errors).toBeUndefined();
    const app = await atTownshipReview('temp-aid-bare');
    const refused = await act(s, 'puyang_reviewer', app, 'APPROVE');
    expect(refused.errors![0]).toMatchObject({
      message: 'The conditions for "Approve" in state "Township review" are not met',
      extensions: { code: 'TRANSITION_NOT_ALLOWED', subCode: 'GUARD_FAILED', messageZh: '不满足环节“乡镇审核”中“审核通过”的条件' },
    });
    expect(refused.errors![0]!.extensions!.problems).toBeUndefined();
  });

  it('refuses at save a message without both languages and paths that are not fields of the form', async () => {
    const bad = structuredClone(workflow);
    bad.states.township_review.on.APPROVE.guard.message = { zh: '超过上限' };
    bad.states.township_review.on.APPROVE.guard.paths = ['/amont', 'amount'];
    const r = await publish('temp-aid-bad', bad);
    expect(codeOf(r)).toBe('WORKFLOW_INVALID');
    const problems = r.errors![0]!.extensions!.workflowProblems as { code: string; message: string }[];
    expect(problems.map((p) => p.code).sort()).toEqual(['INVALID_GUARD_MESSAGE', 'INVALID_GUARD_PATHS', 'INVALID_GUARD_PATHS']);
    expect(problems.map((p) => p.message)).toContain('State "township_review", event "APPROVE": guard "paths" entry "/amont" is not a field of the form');
    // The designer's live check knows no form: it checks the pointers' syntax only.
    const check = await s.gql('query ($w: JSON!) { checkWorkflow(workflow: $w) { errors { code message } } }', { w: bad }, await s.login('designer'));
    expect(check.data.checkWorkflow.errors.map((e: { code: string }) => e.code).sort()).toEqual(['INVALID_GUARD_MESSAGE', 'INVALID_GUARD_PATHS']);
  });
});

describe('quorum votes', () => {
  it('offers a quorum vote only to those who have not cast it in this visit, and shows the progress', async () => {
    let app = await createApp(s, 'dongjie_cadre', 'temp-aid', DONGJIE, DATA);
    app = await ok('dongjie_cadre', app, 'SUBMIT');
    const view = async (user: string) =>
      (await s.gql(`query($id: ID!) { application(id: $id) { state availableActions { event } ${QUORUM_FIELDS} } }`, { id: app.id }, await s.login(user))).data.application;

    const blocked = await s.gql('query($id: ID!) { application(id: $id) { blockedActions { event } } }', { id: app.id }, await s.login('verifier1'));
    expect(blocked.data.application.blockedActions).toEqual([]); // a vote below the quorum is recorded, never refused
    let v1 = await view('verifier1');
    expect(v1.availableActions.map((a: { event: string }) => a.event).sort()).toEqual(['RETURN', 'VERIFY']);
    expect(v1.quorum).toEqual({ event: 'VERIFY', title: '核实确认', titleEn: 'Confirm visit', needed: 2, votes: 0, voters: [] });

    app = await ok('verifier1', app, 'VERIFY');
    v1 = await view('verifier1');
    expect(v1.availableActions.map((a: { event: string }) => a.event).sort()).toEqual(['RETURN']);
    expect(v1.quorum).toMatchObject({ needed: 2, votes: 1, voters: [{ name: expect.any(String), role: 'verifier', decision: 'VERIFY', at: expect.any(String) }] });
    expect((await view('verifier2')).availableActions.map((a: { event: string }) => a.event).sort()).toEqual(['RETURN', 'VERIFY']);
    const again = await act(s, 'verifier1', app, 'VERIFY');
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', subCode: 'ALREADY_COUNTED', messageZh: expect.stringContaining('核实确认') });

    // Back to the draft and submitted again: a new visit, so everyone may vote again.
    app = await ok('verifier2', app, 'RETURN', { comment: '材料不全' });
    app = await ok('dongjie_cadre', app, 'SUBMIT');
    v1 = await view('verifier1');
    expect(v1.availableActions.map((a: { event: string }) => a.event).sort()).toEqual(['RETURN', 'VERIFY']);
    expect(v1.quorum).toMatchObject({ needed: 2, votes: 0 });

    app = await ok('verifier1', app, 'VERIFY');
    app = await ok('verifier2', app, 'VERIFY');
    const after = await view('puyang_reviewer');
    expect(after).toMatchObject({ state: 'township_review', quorum: null });
  });
});
