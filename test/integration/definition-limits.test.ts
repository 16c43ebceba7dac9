/**
 * Definitions a designer (or anyone signed in) sends can neither stall nor crash the server:
 * rule budgets, the designer tools' size and role limits, enum and timer bounds, linear-time
 * patterns, and public ID numbers that are always masked. Each case was found by probing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp } from '../helpers/programmes.js';

const DONGJIE = '130636100201';
const COUNTY = '130636000000';

let s: TestServer;
let designer: string;
beforeAll(async () => {
  s = await startTestServer();
  designer = await s.login('designer');
});
afterAll(async () => {
  await s?.stop();
});

const CREATE = 'mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }';
const SAVE = 'mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }';
const PUBLISH = 'mutation($k: String!) { publishProgramme(key: $k) { number } }';
const CHECK_WORKFLOW = 'query($w: JSON!) { checkWorkflow(workflow: $w) { ok errors { code message state event } } }';
const CHECK_FORM = 'query($f: JSON!) { checkFormSchema(formSchema: $f) { path message } }';

const title = (zh: string, en: string) => ({ zh, en });
const form = (properties: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: { name: { type: 'string', title: '姓名' }, items: { type: 'array', items: { type: 'integer' } }, ...properties },
});
function workflow(opts: { guard?: unknown; noticeDelay?: string } = {}) {
  return {
    id: 'limits', initial: 'draft',
    states: {
      draft: { meta: { kind: 'draft', title: title('填报', 'Draft'), roles: ['village_committee'] }, on: { SUBMIT: { target: 'review', meta: { title: title('提交', 'Submit') } } } },
      review: {
        meta: { kind: 'task', title: title('乡镇审核', 'Township review'), roles: ['township_reviewer'] },
        on: {
          APPROVE: { target: 'notice', ...(opts.guard ? { guard: opts.guard } : {}), meta: { title: title('通过', 'Approve') } },
          REJECT: { target: 'rejected', meta: { title: title('不予通过', 'Reject') } },
        },
      },
      notice: {
        meta: { kind: 'notice', title: title('公示', 'Notice') },
        after: { [opts.noticeDelay ?? 'P7D']: { target: 'approved' } },
        on: { OBJECTION: { target: 'review', meta: { title: title('异议', 'Objection') } } },
      },
      approved: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: title('通过', 'Approved') } },
      rejected: { type: 'final', meta: { kind: 'final', outcome: 'rejected', title: title('未通过', 'Rejected') } },
    },
  };
}

let programmes = 0;
/** Creates a programme and saves a draft; returns the key and the save's answer. */
async function save(formSchema: unknown, wf: unknown) {
  const key = `limits-${++programmes}`;
  const created = await s.gql(CREATE, { i: { key, name: `限额测试 ${programmes}`, regionCode: COUNTY } }, designer);
  expect(created.errors).toBeUndefined();
  return { key, saved: await s.gql(SAVE, { k: key, f: formSchema, w: wf }, designer) };
}

async function healthy() {
  const r = await fetch(`${s.url}/healthz`);
  return r.status;
}

describe('a rule guard over its budget', () => {
  const doubling = { reduce: [{ var: 'items' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };

  it('is refused by checkWorkflow when it obviously doubles its accumulator', async () => {
    const r = await s.gql(CHECK_WORKFLOW, { w: workflow({ guard: { type: 'rule', params: { rule: { '!!': [doubling] } } } }) }, designer);
    expect(r.data.checkWorkflow.ok).toBe(false);
    expect(r.data.checkWorkflow.errors[0]).toMatchObject({ code: 'INVALID_GUARD_PARAMS', state: 'review', event: 'APPROVE' });
  });

  it('refuses that one transition with RULE_BUDGET_EXCEEDED and the server lives on', async () => {
    // The same doubling, hidden from the checker behind "if": only the budget can stop it.
    const hidden = { reduce: [{ var: 'items' }, { merge: [{ var: 'accumulator' }, { if: [true, { var: 'accumulator' }, []] }] }, [1]] };
    const { key, saved } = await save(form(), workflow({ guard: { type: 'rule', params: { rule: { '!!': [hidden] } } } }));
    expect(saved.errors).toBeUndefined();
    expect((await s.gql(PUBLISH, { k: key }, designer)).errors).toBeUndefined();

    const app = await createApp(s, 'dongjie_cadre', key, DONGJIE, { name: '张三', items: Array.from({ length: 30 }, (_, i) => i) });
    const submitted = await act(s, 'dongjie_cadre', app, 'SUBMIT');
    expect(submitted.errors).toBeUndefined();
    const r = await act(s, 'puyang_reviewer', submitted.data!.transitionApplication, 'APPROVE');
    expect(codeOf(r)).toBe('TRANSITION_NOT_ALLOWED');
    expect(r.errors![0].extensions).toMatchObject({ subCode: 'RULE_BUDGET_EXCEEDED', state: 'review', event: 'APPROVE' });
    expect(r.errors![0].message).toMatch(/"APPROVE".*"review"/);
    expect(r.errors![0].extensions!.messageZh).toMatch(/乡镇审核/);
    expect(await healthy()).toBe(200);
    // The case itself is untouched and can still be rejected.
    const rejected = await act(s, 'puyang_reviewer', submitted.data!.transitionApplication, 'REJECT');
    expect(rejected.data?.transitionApplication.state).toBe('rejected');
  });
});

describe('the designer tools (checkFormSchema, checkWorkflow)', () => {
  it('are refused to a village cadre', async () => {
    const cadre = await s.login('dongjie_cadre');
    const f = await s.gql(CHECK_FORM, { f: form() }, cadre);
    expect(codeOf(f)).toBe('FORBIDDEN');
    const w = await s.gql(CHECK_WORKFLOW, { w: workflow() }, cadre);
    expect(codeOf(w)).toBe('FORBIDDEN');
  });

  it('answer designers, county admins and admins', async () => {
    for (const user of ['designer', 'county_admin', 'admin']) {
      const r = await s.gql(CHECK_FORM, { f: form() }, await s.login(user));
      expect(r.data?.checkFormSchema, user).toEqual([]);
    }
  });

  it('refuse a schema larger than a saved definition may be', async () => {
    // The probe's 517 KB schema with a 60,000-value enum froze the server for 91 s.
    const huge = form({ village: { type: 'string', enum: Array.from({ length: 60_000 }, (_, i) => `v${i}`) } });
    expect(JSON.stringify(huge).length).toBeGreaterThan(450 * 1024);
    const r = await s.gql(CHECK_FORM, { f: huge }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/formSchema' })]);
    const w = await s.gql(CHECK_WORKFLOW, { w: { ...workflow(), description: 'x'.repeat(300 * 1024) } }, designer);
    expect(codeOf(w)).toBe('BAD_USER_INPUT');
  });

  it('report an enum of more than 1,000 values at its place', async () => {
    const r = await s.gql(CHECK_FORM, { f: form({ group: { type: 'string', enum: Array.from({ length: 1500 }, (_, i) => `${i}`) } }) }, designer);
    expect(r.data.checkFormSchema).toEqual([expect.objectContaining({ path: '/properties/group/enum' })]);
  });
});

describe('timers', () => {
  it.each(['P300000Y', 'PT0.1S'])('refuses a delay of %s at save, naming the state and delay', async (delay) => {
    const { saved } = await save(form(), workflow({ noticeDelay: delay }));
    expect(codeOf(saved)).toBe('WORKFLOW_INVALID');
    expect(saved.errors![0].message).toContain(`State "notice", timer "${delay}"`);
  });
});

describe('form patterns', () => {
  it('are refused at save when the linear-time engine cannot run them, naming the field', async () => {
    const { saved } = await save(form({ code: { type: 'string', title: '编码', pattern: '^(?!0)(\\d)\\1+$' } }), workflow());
    expect(codeOf(saved)).toBe('SCHEMA_INVALID');
    expect(saved.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/formSchema/properties/code/pattern', message: expect.stringMatching(/正则表达式/) })]);
  });

  it('answer a catastrophic pattern at once while the server stays responsive', async () => {
    const { key, saved } = await save(form({ code: { type: 'string', title: '编码', pattern: '^(a+)+$' } }), workflow());
    expect(saved.errors).toBeUndefined();
    expect((await s.gql(PUBLISH, { k: key }, designer)).errors).toBeUndefined();
    // A backtracking engine takes 14.6 s for 26 characters here, and twice that for each one more.
    const app = await createApp(s, 'dongjie_cadre', key, DONGJIE, { name: '张三', code: `${'a'.repeat(40)}!` });
    const submit = s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
    const [answer, health] = await Promise.all([submit, healthy()]);
    expect(health).toBe(200);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/code' })]);
  });
});

describe('public ID and mobile numbers', () => {
  it('are refused at save when published without x-mask, naming the field', async () => {
    const { saved } = await save(form({
      head: { type: 'object', properties: { idNumber: { type: 'string', title: '身份证号', format: 'cn-idcard', 'x-public': true } } },
      phone: { type: 'string', title: '电话', format: 'cn-mobile', 'x-public': true },
    }), workflow());
    expect(codeOf(saved)).toBe('SCHEMA_INVALID');
    expect(saved.errors![0].extensions!.problems!.map((p: { path: string }) => p.path)).toEqual([
      '/formSchema/properties/head/properties/idNumber/x-public',
      '/formSchema/properties/phone/x-public',
    ]);
  });

  it('are masked on the anonymous board even in a field the schema publishes as plain text', async () => {
    const { key, saved } = await save(form({
      name: { type: 'string', title: '姓名', 'x-public': true, 'x-mask': 'name' },
      reason: { type: 'string', title: '申请理由', 'x-public': true },
    }), workflow());
    expect(saved.errors).toBeUndefined();
    expect((await s.gql(PUBLISH, { k: key }, designer)).errors).toBeUndefined();
    const app = await createApp(s, 'dongjie_cadre', key, DONGJIE, { name: '张三明', reason: '户主身份证130636196803150316，电话13812345678，因病致贫' });
    const submitted = (await act(s, 'dongjie_cadre', app, 'SUBMIT')).data!.transitionApplication;
    const approved = await act(s, 'puyang_reviewer', submitted, 'APPROVE');
    expect(approved.data?.transitionApplication.state).toBe('notice');

    const board = await s.gql(`{ publicNotices(regionCode: "${DONGJIE}", first: 50) { edges { node { reference fields { title value } } } } }`);
    const notice = board.data.publicNotices.edges.map((e: { node: { reference: string } }) => e.node).find((n: { reference: string }) => n.reference === app.reference);
    expect(notice.fields).toEqual([
      { title: '姓名', value: '张*明' },
      { title: '申请理由', value: '户主身份证1306**********0316，电话138****5678，因病致贫' },
    ]);
    expect(JSON.stringify(board)).not.toMatch(/130636196803150316|13812345678/);
  });
});
