/**
 * The household's year-round changes through programmes: identification files a household and exit
 * (脱贫退出) marks it 已脱贫 once the county approves; change requests remove a member (自然减少) and
 * move a person from another household (迁入), each only when approved, each logged with the
 * application's reference; refusals change nothing.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';
import { act, APP_FIELDS, publishFastCopy, waitForState, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { docExample } from '../helpers/doc-example.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { compileWorkflow } from '../../server/src/workflow/engine.js';

const DONGJIE = '130636100201'; // 蒲阳镇东街村

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  // Copies of the examples whose notices last one second, so the test can follow them.
  await publishFastCopy(s, 'identification', 'identification_fast');
  await publishFastCopy(s, 'exit', 'exit_fast');
}, 120_000);
afterAll(async () => {
  await s?.stop();
});

const ENTRY = `id version name status data
  changes(last: 3) { seq kind comment changes { path before after } applicationReference applicationId }`;

function ok<T>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

async function entry(user: string, id: string) {
  return ok(await s.gql<any>(`query($id: ID!) { registerEntry(id: $id) { ${ENTRY} } }`, { id }, await s.login(user))).registerEntry;
}

async function file(user: string, programmeKey: string, data: unknown, entryId?: string): Promise<AppView> {
  return ok(await s.gql<{ createApplication: AppView }>(
    `mutation($p: String!, $r: String!, $d: JSON, $e: ID) { createApplication(programmeKey: $p, regionCode: $r, data: $d, entryId: $e) { ${APP_FIELDS} } }`,
    { p: programmeKey, r: DONGJIE, d: data, e: entryId }, await s.login(user),
  )).createApplication;
}

async function step(user: string, app: { id: string; version: number }, event: string, extra: { comment?: string; data?: unknown } = {}): Promise<AppView> {
  return ok(await act(s, user, app, event, extra)).transitionApplication;
}

let serial = 600;
const id = (birth: string) => makeIdCard('130636', birth, String(serial++));

/** A household created directly in the register by the village cadre. */
async function household(status: string, members: Array<{ name: string; relation: string; birth: string; sex: string }>) {
  const people = members.map((m) => ({ name: m.name, idNumber: id(m.birth), relation: m.relation, sex: m.sex, birthDate: `${m.birth.slice(0, 4)}-${m.birth.slice(4, 6)}-${m.birth.slice(6)}` }));
  const data = { head: { name: people[0]!.name, idNumber: people[0]!.idNumber }, group: '第一村民小组', status, householdSize: people.length, perCapitaIncome: 3000, members: people };
  const r = ok(await s.gql<any>('mutation($d: JSON!) { createRegisterEntry(registerKey: "household", regionCode: "130636100201", data: $d, kind: "new") { id } }', { d: data }, await s.login('dongjie_cadre')));
  return entry('dongjie_cadre', r.createRegisterEntry.id);
}

const exitData = (income = 6200) => {
  const { head: _h, householdSize: _s, ...rest } = loadExample('exit').example as Record<string, unknown>;
  return { ...rest, perCapitaIncome: income };
};

/** Files an exit for the household and takes it to the county's desk (the village notice runs out). */
async function exitToCounty(entryId: string) {
  let app = await file('dongjie_cadre', 'exit_fast', exitData(), entryId);
  app = await step('dongjie_cadre', app, 'SUBMIT');
  app = await step('dongjie_cadre', app, 'APPROVE', { data: { appraisal: { meetingDate: '2026-11-20', attendees: 30, votesFor: 29, votesAgainst: 1 } } });
  expect(app.state).toBe('village_notice');
  app = await waitForState(s, 'dongjie_cadre', app.id, 'village_notice');
  expect(app.state).toBe('township_review');
  app = await step('puyang_reviewer', app, 'APPROVE');
  expect(app.state).toBe('county_approval');
  return app;
}

describe('exit (脱贫退出) marks a household that identification filed', () => {
  it('identification creates the household; the county’s approval of its exit marks it 已脱贫 with the case’s reference', async () => {
    const ex = loadExample('identification').example as Record<string, any>;
    const members = ex.members.map((m: any) => ({ ...m, idNumber: id(m.birthDate.replaceAll('-', '')) }));
    let ident = await file('dongjie_cadre', 'identification_fast', { ...ex, head: { ...ex.head, idNumber: members[0].idNumber }, members });
    ident = await step('dongjie_cadre', ident, 'SUBMIT');
    ident = await step('dongjie_cadre', ident, 'APPROVE', { data: { appraisal: { meetingDate: '2026-11-10', attendees: 36, votesFor: 34, votesAgainst: 2 } } });
    ident = await waitForState(s, 'dongjie_cadre', ident.id, 'village_notice');
    ident = await step('puyang_reviewer', ident, 'APPROVE');
    ident = await waitForState(s, 'dongjie_cadre', ident.id, 'township_notice');
    ident = await step('county_office', ident, 'APPROVE');
    expect(ident.state).toBe('county_announcement');
    const linked = ok(await s.gql<any>('query($id: ID!) { application(id: $id) { entry { id } } }', { id: ident.id }, await s.login('dongjie_cadre'))).application.entry;
    const filed = await entry('dongjie_cadre', linked.id);
    expect(filed).toMatchObject({ status: '建档立卡户', name: ex.head.name });

    // The exit case is prefilled from the file: head, village group, household size.
    let app = await exitToCounty(filed.id);
    expect(app.data.head).toMatchObject({ name: ex.head.name, idNumber: members[0].idNumber, group: ex.head.group });
    expect(app.data.householdSize).toBe(filed.data.householdSize);
    expect((await entry('dongjie_cadre', filed.id)).status).toBe('建档立卡户'); // not before the county decides
    app = await step('county_office', app, 'APPROVE', { data: { exitDate: '2026-11-30' } });
    expect(app).toMatchObject({ state: 'exited', status: 'APPROVED' });

    const exited = await entry('dongjie_cadre', filed.id);
    expect(exited.status).toBe('已脱贫');
    expect(exited.data).toMatchObject({ exitYear: 2026, exitDate: '2026-11-30', perCapitaIncome: 6200 });
    expect(exited.changes.at(-1)).toMatchObject({ kind: 'exit', applicationReference: app.reference, applicationId: app.id });
    expect(exited.changes.at(-1).changes).toEqual(expect.arrayContaining([
      { path: '/status', before: '建档立卡户', after: '已脱贫' },
      { path: '/exitYear', before: null, after: 2026 },
      { path: '/exitDate', before: null, after: '2026-11-30' },
    ]));
    const listed = ok(await s.gql<any>('query($e: ID!) { applications(filter: { entryId: $e }) { edges { node { reference } } } }', { e: filed.id }, await s.login('dongjie_cadre')));
    expect(listed.applications.edges.map((e: any) => e.node.reference)).toEqual(expect.arrayContaining([ident.reference, app.reference]));
  }, 60_000);

  it('docs/registers.md shows the exit example’s effects exactly as the workflow holds them', () => {
    const doc = fs.readFileSync('docs/registers.md', 'utf8');
    const block = JSON.parse(/```json exit_effects\n([\s\S]*?)\n```/.exec(doc)![1]!);
    const { effectKind, effects } = (loadExample('exit').workflow as any).states.exited.meta;
    expect(block).toEqual({ effectKind, effects });
  });

  it('a rejected exit changes nothing in the file', async () => {
    const h = await household('建档立卡户', [{ name: '冯永福', relation: '户主', birth: '19620305', sex: '男' }, { name: '宋金凤', relation: '配偶', birth: '19640718', sex: '女' }]);
    let app = await exitToCounty(h.id);
    app = await step('county_office', app, 'REJECT', { comment: '核查发现家庭收入主要依靠临时救助，暂不具备稳定退出条件' });
    expect(app).toMatchObject({ state: 'rejected', status: 'REJECTED' });
    const after = await entry('dongjie_cadre', h.id);
    expect(after).toMatchObject({ version: h.version, status: '建档立卡户', data: h.data });
    expect(after.changes).toEqual(h.changes);
  }, 30_000);

  it('refuses the county’s approval once the household is no longer 建档立卡户, and marks nothing', async () => {
    const h = await household('建档立卡户', [{ name: '邓长林', relation: '户主', birth: '19580911', sex: '男' }]);
    const app = await exitToCounty(h.id);
    // Meanwhile the village records the household as 监测户 (a new risk found on a visit).
    ok(await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: "correction") { id } }',
      { id: h.id, d: { ...h.data, status: '监测户', riskLevel: '红' }, v: h.version }, await s.login('dongjie_cadre')));
    const changed = await entry('dongjie_cadre', h.id);
    const guard = (loadExample('exit').workflow as any).states.county_approval.on.APPROVE.guard;
    const refused = await act(s, 'county_office', app, 'APPROVE', { data: { exitDate: '2026-11-30' } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', subCode: 'GUARD_FAILED', messageZh: expect.stringContaining(guard.message.zh) });
    expect(refused.errors![0]!.message).toContain(guard.message.en);
    const after = await entry('dongjie_cadre', h.id);
    expect(after).toMatchObject({ version: changed.version, status: '监测户', data: changed.data });
    // The county can still send it back or reject it.
    const rejected = await step('county_office', app, 'REJECT', { comment: '该户已纳入监测，暂不退出' });
    expect(rejected).toMatchObject({ state: 'rejected', status: 'REJECTED' });
  }, 30_000);

  it('refuses the village’s appraisal too once the household is no longer 建档立卡户, so the case does not travel to the county for nothing', async () => {
    const h = await household('建档立卡户', [{ name: '邓长山', relation: '户主', birth: '19600412', sex: '男' }]);
    let app = await file('dongjie_cadre', 'exit_fast', exitData(), h.id);
    app = await step('dongjie_cadre', app, 'SUBMIT');
    ok(await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: "correction") { id } }',
      { id: h.id, d: { ...h.data, status: '监测户', riskLevel: '黄' }, v: h.version }, await s.login('dongjie_cadre')));
    const appraisal = { appraisal: { meetingDate: '2026-11-20', attendees: 30, votesFor: 29, votesAgainst: 1 } };
    const { guard } = (loadExample('exit').workflow as any).states.village_appraisal.on.APPROVE;
    const refused = await act(s, 'dongjie_cadre', app, 'APPROVE', { data: appraisal });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', subCode: 'GUARD_FAILED', messageZh: expect.stringContaining(guard.message.zh) });
    expect(refused.errors![0]!.message).toContain(guard.message.en);
    // The case stays where it was, unchanged; the village can still reject it.
    const rejected = await step('dongjie_cadre', app, 'REJECT', { comment: '该户已纳入监测，暂不退出' });
    expect(rejected).toMatchObject({ state: 'rejected', version: app.version + 1 });
  }, 30_000);

  it('refuses to submit a household below the line or with an unmet basic need, naming the fields', async () => {
    const h = await household('建档立卡户', [{ name: '曹海军', relation: '户主', birth: '19700101', sex: '男' }]);
    const app = await file('dongjie_cadre', 'exit', { ...exitData(3000) }, h.id);
    const r = await s.gql<any>('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', subCode: 'GUARD_FAILED' });
    expect(r.errors![0]!.extensions!.messageZh).toContain('两不愁三保障');
    expect(r.errors![0]!.extensions!.problems!.map((p: any) => p.path)).toEqual(['/perCapitaIncome', '/checks']);
  });
});

describe('低保 and 危房改造 attach to households already in the register (link "optional")', () => {
  const CASES = `query($e: ID, $p: String) { applications(filter: { entryId: $e, programmeKey: $p }, first: 10) {
    edges { node { reference state data entry { id name status } } } } }`;

  it('the demo files one of each in 东街村 for a household of the register, prefilled from its file', async () => {
    const cadre = await s.login('dongjie_cadre');
    for (const programme of ['dibao', 'housing']) {
      const linked = ok(await s.gql<any>(CASES, { p: programme }, cadre)).applications.edges
        .map((e: any) => e.node).filter((n: any) => n.entry);
      expect(linked, programme).toHaveLength(1);
      const [app] = linked;
      expect(app.state).toBe(programme === 'dibao' ? 'village_appraisal' : 'village_check');
      const household = await entry('dongjie_cadre', app.entry.id);
      expect(app.data.head).toMatchObject({ name: household.data.head.name, idNumber: household.data.head.idNumber, group: household.data.group });
      // Members item by item (health through the value map: the file's 长期慢性病 is the form's 慢性病);
      // housing's 家庭类别 from the household's status, through its value map.
      const link = (loadExample(programme).workflow as any).meta.register.prefill;
      if (programme === 'dibao') {
        expect(app.data.members).toEqual(household.data.members.map((m: any) => ({ name: m.name, relation: m.relation, health: link['/members/*/health'].values[m.health] })));
        expect(app.data.members.every((m: any) => typeof m.health === 'string')).toBe(true);
      } else {
        expect(app.data.householdStatus).toBe(link['/householdStatus'].values[household.status]);
      }
      // The household's page lists it.
      const own = ok(await s.gql<any>(CASES, { e: household.id }, cadre)).applications.edges.map((e: any) => e.node.reference);
      expect(own).toContain(app.reference);
    }
  });

  it('docs/registers.md shows the shipped housing’s value map exactly as the workflow holds it', () => {
    const { prefill } = (loadExample('housing').workflow as any).meta.register;
    expect(docExample('docs/registers.md', 'prefill_values')).toEqual({ '/householdStatus': prefill['/householdStatus'] });
  });

  it('checks a prefill between two choice fields when saved: a value the form lacks needs a value map, and the map names real values', async () => {
    const designer = await s.login('designer');
    ok(await s.gql('mutation { createProgramme(input: { key: "housing_try", name: "危房改造（试）", regionCode: "130636000000" }) { key } }', {}, designer));
    const { formSchema, workflow } = loadExample('housing') as any;
    const save = (source: unknown) => {
      const wf = structuredClone(workflow);
      wf.id = 'housing_try';
      wf.meta.register.prefill['/householdStatus'] = source;
      return s.gql<any>('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "housing_try", formSchema: $f, workflow: $w) { number } }', { f: formSchema, w: wf }, designer);
    };
    const at = '/workflow/meta/register/prefill/~1householdStatus';
    const plain = await save('/status');
    expect(codeOf(plain)).toBe('WORKFLOW_INVALID');
    expect(plain.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({
      path: at,
      message: '登记簿字段 /status 的值 "一般户"、"建档立卡户"、"已脱贫"、"监测户" 不是表单字段 /householdStatus 的可选值：请用值对照（values）写明各值对应的表单值',
      messageEn: '"一般户"、"建档立卡户"、"已脱贫"、"监测户" of register field /status are not values of form field /householdStatus: map them with "values"',
    })]);
    const wrong = await save({ from: '/status', values: { 贫困户: '建档立卡贫困户', 监测户: '监测户' } });
    expect(wrong.errors![0]!.extensions!.problems).toEqual([
      expect.objectContaining({ path: `${at}/values`, message: '值对照中的 "贫困户" 不是登记簿字段 /status 的可选值' }),
      expect.objectContaining({ path: `${at}/values`, messageEn: '"监测户" given by the value map are not values of form field /householdStatus' }),
    ]);
    // A map of the wrong shape is refused by the workflow's own check, located and in Chinese too.
    const shapeless = await save({ from: '/status' });
    expect(shapeless.errors![0]!.extensions!.workflowProblems).toEqual([expect.objectContaining({
      code: 'INVALID_EFFECT', path: '/meta/register/prefill/~1householdStatus', messageZh: expect.stringContaining('预填 /householdStatus 须为档案字段指针'),
    })]);
    ok(await save(workflow.meta.register.prefill['/householdStatus']));
  });

  it('files 低保 for a household, prefilled, or for a family not in the register', async () => {
    const h = await household('边缘户', [{ name: '韩桂兰', relation: '户主', birth: '19560203', sex: '女' }]);
    const { head: _h, householdSize: _s, members: _m, ...own } = loadExample('dibao').example as Record<string, unknown>;
    const app = await file('dongjie_cadre', 'dibao', own, h.id);
    expect(app.data).toMatchObject({ head: { name: '韩桂兰', idNumber: h.data.head.idNumber, group: '第一村民小组' }, householdSize: 1 });
    // Members item by item, only the fields the link maps (the form asks its own health question).
    expect(app.data.members).toEqual([{ name: '韩桂兰', relation: '户主' }]);
    const alone = await file('dongjie_cadre', 'dibao', loadExample('dibao').example);
    expect(alone.data.head).toMatchObject({ name: (loadExample('dibao').example as any).head.name });
  });
});

describe('a programme files only for the household statuses its link names (meta.register.statuses)', () => {
  it('docs/registers.md shows the shipped exit’s link statuses exactly as the workflow holds them', () => {
    const { key, link, statuses } = (loadExample('exit').workflow as any).meta.register;
    expect(docExample('docs/registers.md', 'link_statuses')).toEqual({ key, link, statuses });
  });

  it('refuses an exit for a household that is not 建档立卡户, naming its status, and files nothing', async () => {
    const h = await household('已脱贫', [{ name: '吕文斌', relation: '户主', birth: '19750325', sex: '男' }]);
    const r = await s.gql<any>(
      'mutation($p: String!, $r: String!, $d: JSON, $e: ID) { createApplication(programmeKey: $p, regionCode: $r, data: $d, entryId: $e) { id } }',
      { p: 'exit', r: DONGJIE, d: exitData(), e: h.id }, await s.login('dongjie_cadre'),
    );
    expect(r.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT', subCode: 'ENTRY_STATUS', messageZh: '吕文斌 户的户类别为“已脱贫”，本项目只受理建档立卡户', problems: [{ path: '/entryId' }],
    });
    expect(r.errors![0]!.message).toBe('Household 吕文斌 is "已脱贫": this programme files only for 建档立卡户');
    const listed = ok(await s.gql<any>('query($e: ID!) { applications(filter: { entryId: $e }) { totalCount } }', { e: h.id }, await s.login('dongjie_cadre')));
    expect(listed.applications.totalCount).toBe(0);
    // The same household as 建档立卡户 is filed.
    ok(await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: "correction") { id } }',
      { id: h.id, d: { ...h.data, status: '建档立卡户' }, v: h.version }, await s.login('dongjie_cadre')));
    expect((await file('dongjie_cadre', 'exit', exitData(), h.id)).state).toBe('draft');
  });

  it('refuses to publish a link whose status the register does not have, naming the place', async () => {
    const ex = loadExample('exit');
    const workflow = structuredClone(ex.workflow) as any;
    workflow.meta.register.statuses = ['建档立卡户', '贫困户'];
    const designer = await s.login('designer');
    ok(await s.gql('mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'exit_bad_status', name: '脱贫退出（错误户类别）', regionCode: '130636000000' } }, designer));
    const saved = await s.gql('mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }', { k: 'exit_bad_status', f: ex.formSchema, u: ex.uiSchema, w: workflow }, designer);
    const r = saved.errors ? saved : await s.gql('mutation($k: String!) { publishProgramme(key: $k) { number } }', { k: 'exit_bad_status' }, designer);
    expect(r.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ path: '/workflow/meta/register/statuses/1', message: '登记簿 household 没有户类别“贫困户”' })]);
  });
});

describe('a guard reads the household ($entry), not the form', () => {
  it('refuses an exit for a 一般户 household with the guard’s message, and lets it through once the register holds it as 监测户', async () => {
    // A copy of exit whose SUBMIT guard is the docs' example, exactly as written.
    const guard = docExample('docs/registers.md', 'entry_guard');
    const ex = loadExample('exit');
    const workflow = structuredClone(ex.workflow) as any;
    workflow.states[workflow.initial].on.SUBMIT.guard = guard;
    // Without the shipped link's statuses, which would refuse the 一般户 household at filing already.
    delete workflow.meta.register.statuses;
    const designer = await s.login('designer');
    for (const [q, v] of [
      ['mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'exit_entry_guard', name: '脱贫退出（按档案状态）', regionCode: '130636000000' } }],
      ['mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }', { k: 'exit_entry_guard', f: ex.formSchema, u: ex.uiSchema, w: workflow }],
      ['mutation($k: String!) { publishProgramme(key: $k) { number } }', { k: 'exit_entry_guard' }],
    ] as const) ok(await s.gql(q, v, designer));

    const h = await household('一般户', [{ name: '韩德胜', relation: '户主', birth: '19700312', sex: '男' }]);
    const app = await file('dongjie_cadre', 'exit_entry_guard', exitData(), h.id);
    // The form says nothing about the status; typing one into it would change nothing either.
    const blocked = ok(await s.gql<any>('query($id: ID!) { application(id: $id) { blockedActions { event reason reasonEn } } }', { id: app.id }, await s.login('dongjie_cadre')));
    expect(blocked.application.blockedActions).toEqual([{ event: 'SUBMIT', reason: expect.stringContaining(guard.message.zh), reasonEn: expect.stringContaining(guard.message.en) }]);
    const refused = await act(s, 'dongjie_cadre', app, 'SUBMIT');
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', subCode: 'GUARD_FAILED', messageZh: expect.stringContaining(guard.message.zh) });

    // The register now holds the household as 监测户: the same case goes through.
    ok(await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: "correction") { id } }',
      { id: h.id, d: { ...h.data, status: '监测户', riskLevel: '黄' }, v: h.version }, await s.login('dongjie_cadre')));
    const submitted = await step('dongjie_cadre', app, 'SUBMIT');
    expect(submitted.state).toBe('village_appraisal');
  });

  it('simulates the guard on a sample household: the one given, else one generated from the register, kept with a saved path', async () => {
    // Runs after the test above has published exit_entry_guard.
    const SIM = `query($programme: String, $steps: [SimulationStepInput!]!, $entry: JSON, $data: JSON) {
      simulateWorkflow(programme: $programme, steps: $steps, entry: $entry, data: $data) {
        finalState completed entry entryGenerated steps { to accepted refusalCode refusalZh } } }`;
    const designer = await s.login('designer');
    const guard = docExample('docs/registers.md', 'entry_guard');
    // docs/registers.md's variables, exactly as written: a 一般户 household is refused.
    const example = docExample('docs/registers.md', 'entry_simulation');
    const refused = ok(await s.gql<any>(SIM, example, designer)).simulateWorkflow;
    expect(refused).toMatchObject({ completed: false, entry: example.entry, entryGenerated: false, steps: [{ accepted: false, refusalCode: 'GUARD_FAILED', refusalZh: expect.stringContaining(guard.message.zh) }] });
    const passed = ok(await s.gql<any>(SIM, { ...example, entry: { status: '监测户' } }, designer)).simulateWorkflow;
    expect(passed).toMatchObject({ completed: true, finalState: 'village_appraisal', entry: { status: '监测户' } });
    // None given: one generated from the register's schema, whose first status is 一般户.
    const generated = ok(await s.gql<any>(SIM, { programme: example.programme, steps: example.steps }, designer)).simulateWorkflow;
    expect(generated).toMatchObject({ entryGenerated: true, entry: { status: '一般户' }, completed: false, steps: [{ refusalCode: 'GUARD_FAILED' }] });
    expect(generated.entry.members).toEqual(expect.any(Array));
    // A workflow with no rule on $entry reads none, whatever is sent.
    const plain = ok(await s.gql<any>(SIM, { programme: 'household_change', steps: [], entry: { status: '监测户' } }, designer)).simulateWorkflow;
    expect(plain).toMatchObject({ entry: null, entryGenerated: false });
    // Bad input: a household that is not an object.
    const bad = await s.gql<any>(SIM, { ...example, entry: ['监测户'] }, designer);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions).toMatchObject({ messageZh: '示例本户档案须为对象', problems: [{ path: '/entry' }] });

    // A saved path keeps its household: re-run on the draft, it still passes.
    const saved = ok(await s.gql<any>(`mutation($p: String!, $steps: [SimulationStepInput!]!, $entry: JSON) {
      saveSamplePath(programme: $p, name: "监测户可申请退出", steps: $steps, entry: $entry) { name entry expectState } }`,
    { p: example.programme, steps: example.steps, entry: { status: '监测户' } }, designer)).saveSamplePath;
    expect(saved).toEqual({ name: '监测户可申请退出', entry: { status: '监测户' }, expectState: 'village_appraisal' });
    const runs = ok(await s.gql<any>('query($p: String!) { runSamplePaths(programme: $p) { passed endState path { name entry } } }', { p: example.programme }, designer)).runSamplePaths;
    expect(runs).toEqual([{ passed: true, endState: 'village_appraisal', path: { name: '监测户可申请退出', entry: { status: '监测户' } } }]);
  });

  it('refuses, when publishing, a rule that reads $entry in a workflow that names no register', () => {
    const workflow = structuredClone(loadExample('yulu').workflow) as any;
    expect(workflow.meta.register).toBeUndefined();
    workflow.states[workflow.initial].on.SUBMIT.guard = docExample('docs/registers.md', 'entry_guard');
    let problems: Array<{ code: string; path?: string }> = [];
    try {
      compileWorkflow(workflow);
    } catch (e) {
      problems = (e as { details: { workflowProblems: typeof problems } }).details.workflowProblems;
    }
    expect(problems.map((p) => p.code)).toEqual(['ENTRY_WITHOUT_REGISTER']);
  });
});

describe('change requests remove and move members (动态管理)', () => {
  it('removes a member (自然减少) only once the township approves, logged with the reference', async () => {
    const h = await household('低保户', [
      { name: '韩德明', relation: '户主', birth: '19500412', sex: '男' }, { name: '韩振华', relation: '之子', birth: '19780623', sex: '男' }, { name: '于秀兰', relation: '配偶', birth: '19521109', sex: '女' },
    ]);
    const leaving = h.data.members[2];
    // The kind is chosen by the reason, as docs/registers.md shows it.
    expect((loadExample('household_reduce').workflow as any).states.recorded.meta).toMatchObject(docExample('docs/registers.md', 'kind_by_reason'));
    let app = await file('dongjie_cadre', 'household_reduce', { reason: '死亡', member: { name: leaving.name, idNumber: leaving.idNumber }, eventDate: '2026-10-02', householdSize: 2 }, h.id);
    expect(app.data.head).toEqual({ name: '韩德明', idNumber: h.data.head.idNumber });
    app = await step('dongjie_cadre', app, 'SUBMIT');
    expect((await entry('dongjie_cadre', h.id)).data.members).toHaveLength(3); // not before approval
    app = await step('puyang_reviewer', app, 'APPROVE');
    expect(app.state).toBe('recorded');
    const after = await entry('dongjie_cadre', h.id);
    expect(after.data.members.map((m: any) => m.name)).toEqual(['韩德明', '韩振华']);
    expect(after.data.householdSize).toBe(2);
    expect(after.changes.at(-1)).toMatchObject({ kind: 'member_died', applicationReference: app.reference }); // the reason chose the kind
    expect(after.changes.at(-1).changes).toEqual(expect.arrayContaining([{ path: '/members/2', before: leaving, after: null }]));
    // The person index no longer holds her.
    expect(codeOf(await s.gql('query($n: String!) { person(idNumber: $n) { idNumber } }', { n: leaving.idNumber }, await s.login('dongjie_cadre')))).toBe('NOT_FOUND');
  });

  it('refuses to remove the head or someone not in the household, and nothing changes', async () => {
    const h = await household('一般户', [{ name: '彭立新', relation: '户主', birth: '19720815', sex: '男' }, { name: '彭欣怡', relation: '之女', birth: '20050301', sex: '女' }]);
    const stranger = id('19900101');
    for (const [member, subCode, path] of [
      [{ name: '彭立新', idNumber: h.data.head.idNumber }, 'REMOVE_HEAD', '/member/idNumber'],
      [{ name: '路人甲', idNumber: stranger }, 'NOT_A_MEMBER', '/member/idNumber'],
    ] as const) {
      let app = await file('dongjie_cadre', 'household_reduce', { reason: '户口迁出', member, eventDate: '2026-10-02' }, h.id);
      app = await step('dongjie_cadre', app, 'SUBMIT');
      const refused = await act(s, 'puyang_reviewer', app, 'APPROVE');
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode });
      expect(refused.errors![0]!.extensions!.messageZh).toMatch(/彭立新/);
      expect(refused.errors![0]!.extensions!.problems![0]!.path).toBe(path);
      const still = ok(await s.gql<any>('query($id: ID!) { application(id: $id) { state version } }', { id: app.id }, await s.login('dongjie_cadre'))).application;
      expect(still).toEqual({ state: 'township_review', version: app.version });
      await step('puyang_reviewer', app, 'REJECT', { comment: '信息有误' });
    }
    const after = await entry('dongjie_cadre', h.id);
    expect(after).toMatchObject({ version: h.version, data: h.data });
  });

  it('refuses a newborn whose ID another household holds, naming it; a move-in takes the person over and shows in both logs', async () => {
    const from = await household('一般户', [{ name: '郑宏伟', relation: '户主', birth: '19680210', sex: '男' }, { name: '郑美玲', relation: '之女', birth: '19990512', sex: '女' }]);
    const to = await household('一般户', [{ name: '谢浩然', relation: '户主', birth: '19970920', sex: '男' }]);
    const bride = from.data.members[1];
    const newMember = { name: bride.name, idNumber: bride.idNumber, relation: '配偶', sex: '女', birthDate: bride.birthDate };

    let wrong = await file('dongjie_cadre', 'household_change', { reason: '新生儿', newMember, householdSize: 2 }, to.id);
    wrong = await step('dongjie_cadre', wrong, 'SUBMIT');
    const refused = await act(s, 'puyang_reviewer', wrong, 'APPROVE');
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE' });
    expect(refused.errors![0]!.extensions!.messageZh).toContain('郑宏伟');
    expect(refused.errors![0]!.message).toContain(`${from.data.head.idNumber.slice(0, 4)}**********${from.data.head.idNumber.slice(-4)}`);
    expect((refused.errors![0]!.extensions!.existingEntries as any[])[0]).toMatchObject({ entryId: from.id, name: '郑宏伟' });
    for (const e of [from, to]) expect(await entry('dongjie_cadre', e.id)).toMatchObject({ version: e.version, data: e.data });
    await step('puyang_reviewer', wrong, 'REJECT', { comment: '原因应为婚入' });

    let app = await file('dongjie_cadre', 'household_change', { reason: '婚入', newMember, householdSize: 2 }, to.id);
    app = await step('dongjie_cadre', app, 'SUBMIT');
    app = await step('puyang_reviewer', app, 'APPROVE');
    expect(app.state).toBe('recorded_moved');
    const gained = await entry('dongjie_cadre', to.id);
    const lost = await entry('dongjie_cadre', from.id);
    expect(gained.data.members.map((m: any) => m.name)).toEqual(['谢浩然', '郑美玲']);
    expect(lost.data.members.map((m: any) => m.name)).toEqual(['郑宏伟']);
    expect(gained.changes.at(-1)).toMatchObject({ kind: 'member_added', applicationReference: app.reference });
    expect(lost.changes.at(-1)).toMatchObject({ kind: 'member_added', applicationReference: app.reference, comment: '成员迁往「谢浩然」户' });
    expect(lost.changes.at(-1).changes).toEqual([{ path: '/members/1', before: bride, after: null }]);
    const person = ok(await s.gql<any>('query($n: String!) { person(idNumber: $n) { entryId role } }', { n: bride.idNumber }, await s.login('dongjie_cadre'))).person;
    expect(person).toEqual({ entryId: to.id, role: 'member' });
  });
});

describe('a refusal names only what the approver may read', () => {
  it('names the village, not the household, when the person is held outside the reviewer’s township', async () => {
    const far = ok(await s.gql<any>('{ registerEntries(filter: { registerKey: "household", regionCode: "130636102202" }, first: 50) { edges { node { name data } } } }', {}, await s.login('admin')))
      .registerEntries.edges.map((e: any) => e.node).find((n: any) => n.data.members.length > 1);
    const held = far.data.members.find((m: any) => m.idNumber !== far.data.head.idNumber);
    const to = await household('一般户', [{ name: '萧宇轩', relation: '户主', birth: '19910407', sex: '男' }]);
    let app = await file('dongjie_cadre', 'household_change', { reason: '新生儿', newMember: { name: held.name, idNumber: held.idNumber, relation: '之子', sex: held.sex, birthDate: held.birthDate }, householdSize: 2 }, to.id);
    app = await step('dongjie_cadre', app, 'SUBMIT');
    const refused = await act(s, 'puyang_reviewer', app, 'APPROVE');
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE' });
    const text = JSON.stringify(refused.errors);
    expect(text).toContain('王各庄村');
    expect(text).not.toContain(far.name);
    expect((refused.errors![0]!.extensions!.existingEntries as any[])[0]).not.toHaveProperty('entryId');
    await step('puyang_reviewer', app, 'REJECT', { comment: '应由原户所在乡镇先办理迁出' });

    // Nor does a move take the person from a household the approver cannot read.
    let move = await file('dongjie_cadre', 'household_change', { reason: '户口迁入', newMember: { name: held.name, idNumber: held.idNumber, relation: '其他', sex: held.sex, birthDate: held.birthDate }, householdSize: 2 }, to.id);
    move = await step('dongjie_cadre', move, 'SUBMIT');
    const outside = await act(s, 'puyang_reviewer', move, 'APPROVE');
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'MOVE_OUTSIDE' });
    expect(JSON.stringify(outside.errors)).not.toContain(far.name);
    // The head of that household too: refused for where it is, before anything would name it.
    const farHead = far.data.members.find((m: any) => m.idNumber === far.data.head.idNumber);
    let headMove = await file('dongjie_cadre', 'household_change', { reason: '户口迁入', newMember: { name: farHead.name, idNumber: farHead.idNumber, relation: '其他', sex: farHead.sex, birthDate: farHead.birthDate }, householdSize: 2 }, to.id);
    headMove = await step('dongjie_cadre', headMove, 'SUBMIT');
    const headOutside = await act(s, 'puyang_reviewer', headMove, 'APPROVE');
    expect(headOutside.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'MOVE_OUTSIDE' });
    expect(JSON.stringify(headOutside.errors)).not.toContain(far.name);
    expect(await entry('dongjie_cadre', to.id)).toMatchObject({ version: to.version, data: to.data });
  });
});

describe('what publishing checks of remove and move effects', () => {
  const form = {
    type: 'object',
    properties: { person: { type: 'object', properties: { name: { type: 'string' }, idNumber: { type: 'string' } } }, note: { type: 'string' } },
  };
  const workflow = (effects: unknown[]) => ({
    id: 'member_fix', initial: 'draft',
    meta: { title: { zh: '成员变更', en: 'Member change' }, register: { key: 'household', link: 'existing' } },
    states: {
      draft: { meta: { kind: 'draft', title: { zh: '申报', en: 'Filing' }, roles: ['village_committee'] }, on: { SUBMIT: 'done' } },
      done: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: { zh: '已记入', en: 'Recorded' }, effectKind: 'member_removed', effects } },
    },
  });

  it('refuses a remove from a field that is no array or by an item field that does not exist, and a move outside the members', async () => {
    const designer = await s.login('designer');
    ok(await s.gql('mutation { createProgramme(input: { key: "member_fix", name: "成员变更", regionCode: "130636000000" }) { key } }', {}, designer));
    const save = (effects: unknown[]) => s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "member_fix", formSchema: $f, workflow: $w) { number } }', { f: form, w: workflow(effects) }, designer);
    const bad = await save([
      { remove: '/status', match: '/idNumber', equals: '/person/idNumber' },
      { remove: '/members', match: '/passport', equals: '/person/idNumber' },
      { remove: '/members', match: '/idNumber', equals: '/person/nothing' },
      { append: '/person', to: '/head', move: true },
    ]);
    expect(codeOf(bad)).toBe('WORKFLOW_INVALID');
    const problems = bad.errors![0]!.extensions!.problems!;
    const base = '/workflow/states/done/meta/effects';
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([`${base}/0`, `${base}/1`, `${base}/2`, `${base}/3`, `${base}/3/move`]));
    expect(problems.find((p) => p.path === `${base}/3/move`)).toMatchObject({ message: expect.stringContaining('/members'), messageEn: expect.stringContaining('/members') });
    expect(codeOf(await save([{ remove: '/members', match: '/idNumber' }]))).toBe('WORKFLOW_INVALID');
    ok(await save([{ remove: '/members', match: '/idNumber', equals: '/person/idNumber' }, { append: '/person', to: '/members', move: true }]));
  });

  it('checks a change kind chosen by a form field: the field, its values and every kind named', async () => {
    const designer = await s.login('designer');
    ok(await s.gql('mutation { createProgramme(input: { key: "member_gone", name: "成员减少", regionCode: "130636000000" }) { key } }', {}, designer));
    const withReason = { ...form, properties: { ...form.properties, reason: { type: 'string', enum: ['死亡', '迁出'] } } };
    const remove = [{ remove: '/members', match: '/idNumber', equals: '/person/idNumber' }];
    const save = (effectKind: unknown) => {
      const wf = workflow(remove) as any;
      wf.id = 'member_gone';
      wf.states.done.meta.effectKind = effectKind;
      return s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "member_gone", formSchema: $f, workflow: $w) { number } }', { f: withReason, w: wf }, designer);
    };
    const bad = await save({ field: '/cause', cases: { 死亡: 'member_dead', 失踪: 'member_died' }, default: 'member_removed' });
    expect(codeOf(bad)).toBe('WORKFLOW_INVALID');
    const problems = bad.errors![0]!.extensions!.problems!;
    const at = '/workflow/states/done/meta/effectKind';
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: at, messageEn: 'register "household" has no change kind "member_dead"' }),
      expect.objectContaining({ path: `${at}/field`, messageEn: 'the form has no field /cause' }),
    ]));
    const badValue = await save({ field: '/reason', cases: { 失踪: 'member_died' }, default: 'member_removed' });
    expect(badValue.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ path: `${at}/cases`, message: '"失踪" 不是 /reason 的可选值' })]);
    ok(await save({ field: '/reason', cases: { 死亡: 'member_died' }, default: 'member_removed' }));
  });
});
