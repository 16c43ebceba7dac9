import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { docExample } from '../helpers/doc-examples.js';

/**
 * simulateWorkflow runs a version or an unsaved definition on sample data: guards refuse with
 * their reasons, quorums count, register effects and timers are shown — and nothing is written.
 */
let s: TestServer;
let designer: string;
beforeAll(async () => {
  s = await startTestServer();
  designer = await s.login('designer');
});
afterAll(async () => {
  await s?.stop();
});

const SIM = `query($p: String, $v: Int, $f: JSON, $w: JSON, $d: JSON, $steps: [SimulationStepInput!]!) {
  simulateWorkflow(programme: $p, version: $v, formSchema: $f, workflow: $w, data: $d, steps: $steps) {
    initialState finalState completed generated versionNumber data dataProblems { path }
    steps { index event from to accepted status refusalCode refusal refusalZh problems { path message messageEn }
            computed { pointer value } effects { op entryPointer formPointer value } effectKind timers { delay duration step target } due } } }`;

async function counts() {
  const conn = s.orm.em.fork().getConnection();
  const [row] = await conn.execute(`select (select count(*) from application) a, (select count(*) from application_event) e,
    (select count(*) from register_change) r, (select count(*) from pgboss.job) j`);
  return row;
}

const verify = Array.from({ length: 5 }, () => ({ event: 'VERIFY', role: 'verifier' }));

describe('simulateWorkflow', () => {
  it('walks the monitoring example: quorum of five, effects on the household entry', async () => {
    const before = await counts();
    const ex = loadExample('monitoring');
    const r = await s.gql(SIM, {
      p: 'monitoring', d: ex.example,
      steps: [{ event: 'SUBMIT', role: 'village_committee' }, ...verify, { event: 'APPROVE', role: 'township_reviewer' }, { event: 'APPROVE', role: 'county_office', data: { warningLevel: '黄' } }],
    }, designer);
    expect(r.errors).toBeUndefined();
    const sim = r.data.simulateWorkflow;
    expect(sim).toMatchObject({ initialState: 'draft', finalState: 'monitoring', completed: true, generated: false, versionNumber: 1 });
    // Four votes stay in the state; the fifth completes the quorum.
    expect(sim.steps.slice(1, 6).map((x: any) => x.to)).toEqual(['village_verification', 'village_verification', 'village_verification', 'village_verification', 'township_confirmation']);
    const last = sim.steps.at(-1);
    expect(last).toMatchObject({ to: 'monitoring', status: 'IN_REVIEW', effectKind: 'monitor' });
    expect(last.effects).toEqual([
      { op: 'set', entryPointer: '/status', formPointer: null, value: '监测户' },
      { op: 'copy', entryPointer: '/riskLevel', formPointer: '/warningLevel', value: '黄' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('stops where a guard refuses, with its message and field, and writes nothing', async () => {
    const before = await counts();
    // The worked example of docs/designer.md, as written.
    const form = docExample('docs/designer.md', 'sim-aid.form');
    const workflow = docExample('docs/designer.md', 'sim-aid.workflow');
    const run = docExample('docs/designer.md', 'sim-aid.run');
    const r = await s.gql(SIM, { f: form, w: workflow, d: run.data, steps: [...run.steps, { event: 'APPROVE' }] }, designer);
    expect(r.errors).toBeUndefined();
    const sim = r.data.simulateWorkflow;
    expect(sim).toMatchObject({ completed: false, finalState: 'review', versionNumber: null });
    expect(sim.steps).toHaveLength(2);
    expect(sim.steps[1]).toMatchObject({
      accepted: false, refusalCode: 'GUARD_FAILED', from: 'review', to: 'review', refusalZh: '补助金额超过每人 1000 元的上限',
      problems: [{ path: '/amount', message: '补助金额超过每人 1000 元的上限', messageEn: 'The amount exceeds 1000 per person' }],
    });
    // The same path with the amount corrected in the step passes.
    const fixed = await s.gql(SIM, { f: form, w: workflow, d: run.data, steps: [{ event: 'SUBMIT' }, { event: 'APPROVE', data: { amount: 1800 } }] }, designer);
    expect(fixed.data.simulateWorkflow).toMatchObject({ completed: true, finalState: 'done' });
    // A field the state may not edit is a mistake in the path.
    const notEditable = await s.gql(SIM, { f: form, w: workflow, d: { amount: 5000 }, steps: [{ event: 'SUBMIT' }, { event: 'APPROVE', data: { people: 9 } }] }, designer);
    expect(codeOf(notEditable)).toBe('BAD_USER_INPUT');
    expect(notEditable.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/steps/1/data' })]);
    expect(await counts()).toEqual(before);
  });

  it('refuses an event the state does not offer, naming the step and what is available', async () => {
    const r = await s.gql(SIM, { p: 'dibao', d: loadExample('dibao').example, steps: [{ event: 'SUBMIT' }, { event: 'FLY' }] }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/Step 2: event FLY is not available in state "village_appraisal" \(available: .*APPROVE/);
    expect(r.errors![0].extensions!.messageZh).toMatch(/第 2 步/);
    expect(r.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/steps/1/event' })]);
    const role = await s.gql(SIM, { p: 'dibao', d: loadExample('dibao').example, steps: [{ event: 'SUBMIT' }, { event: 'APPROVE', role: 'finance_officer' }] }, designer);
    expect(role.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/steps/1/role' })]);
  });

  it('generates sample data from the form and skips to a timer', async () => {
    const r = await s.gql(SIM, { p: 'dibao', steps: [{ event: 'SUBMIT' }, { event: 'APPROVE' }, { event: 'after:NOTICE_PERIOD' }] }, designer);
    expect(r.errors).toBeUndefined();
    const sim = r.data.simulateWorkflow;
    expect(sim.generated).toBe(true);
    expect(typeof sim.data).toBe('object');
    expect(sim.steps[1].timers).toEqual([expect.objectContaining({ delay: 'NOTICE_PERIOD', duration: 'P7D', step: 'after:NOTICE_PERIOD' })]);
    expect(sim.dataProblems).toEqual([]);
    expect(sim.steps[2]).toMatchObject({ from: 'village_notice', to: 'township_review', accepted: true });
  });

  it('is a designer tool', async () => {
    const r = await s.gql(SIM, { p: 'dibao', steps: [] }, await s.login('county_office'));
    expect(codeOf(r)).toBe('FORBIDDEN');
  });
});

describe('saved sample paths', () => {
  it('keeps a path that runs through and re-runs it on later drafts', async () => {
    const ex = loadExample('dibao');
    const steps = [{ event: 'SUBMIT' }, { event: 'APPROVE' }, { event: 'after:NOTICE_PERIOD' }];
    const saved = await s.gql('mutation($d: JSON, $s: [SimulationStepInput!]!) { saveSamplePath(programme: "dibao", name: "标准流程", data: $d, steps: $s) { name expectState } }', { d: ex.example, s: steps }, designer);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveSamplePath).toEqual({ name: '标准流程', expectState: 'township_review' });

    const RUN = '{ runSamplePaths(programme: "dibao") { passed endState message messageZh path { name } } }';
    expect((await s.gql(RUN, {}, designer)).data.runSamplePaths).toEqual([{ passed: true, endState: 'township_review', message: null, messageZh: null, path: { name: '标准流程' } }]);

    // A draft that renames the notice breaks the path: the re-run says where.
    const wf = structuredClone(ex.workflow) as any;
    wf.states.village_notice.after = { P10D: wf.states.village_notice.after.NOTICE_PERIOD };
    const draft = await s.gql('mutation($f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: "dibao", formSchema: $f, uiSchema: $u, workflow: $w) { number } }', { f: ex.formSchema, u: ex.uiSchema, w: wf }, designer);
    expect(draft.errors).toBeUndefined();
    const [run] = (await s.gql(RUN, {}, designer)).data.runSamplePaths;
    expect(run).toMatchObject({ passed: false, endState: null });
    expect(run.message).toMatch(/Step 3: event after:NOTICE_PERIOD is not available/);
    expect(run.messageZh).toMatch(/第 3 步/);
  });

  it('refuses to save a path a guard refuses', async () => {
    const r = await s.gql('mutation($s: [SimulationStepInput!]!) { saveSamplePath(programme: "dibao", name: "坏路径", data: {}, steps: $s) { name } }', { s: [{ event: 'SUBMIT' }] }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.messageZh).toMatch(/第 1 步（SUBMIT）未通过/);
  });
});
