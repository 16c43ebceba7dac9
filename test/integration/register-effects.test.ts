/**
 * Programmes acting on the household register: an application belongs to a household and is
 * prefilled from it; workflow states change the household's file in the transition's transaction,
 * logged with the application's reference; a change request changes the file only once approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';
import { act, APP_FIELDS, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

const DONGJIE = '130636100201'; // 蒲阳镇
const WANGGE = '130636102202'; // 腰山镇

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

const ENTRY = `id version name status data
  changes(last: 1) { seq kind changes { path before after } applicationReference applicationId }`;

function ok<T>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

async function entryIn(user: string, regionCode: string, status?: string) {
  const r = ok(await s.gql<any>(
    `query($f: RegisterEntryFilter!) { registerEntries(filter: $f, first: 1) { edges { node { ${ENTRY} } } } }`,
    { f: { registerKey: 'household', regionCode, ...(status ? { status } : {}) } }, await s.login(user),
  ));
  return r.registerEntries.edges[0].node;
}

async function entry(user: string, id: string) {
  return ok(await s.gql<any>(`query($id: ID!) { registerEntry(id: $id) { ${ENTRY} } }`, { id }, await s.login(user))).registerEntry;
}

async function file(user: string, programmeKey: string, regionCode: string, data: unknown, entryId?: string) {
  return s.gql<{ createApplication: AppView & { entry?: { id: string; name: string } | null } }>(
    `mutation($p: String!, $r: String!, $d: JSON, $e: ID) { createApplication(programmeKey: $p, regionCode: $r, data: $d, entryId: $e) { ${APP_FIELDS} entry { id name } } }`,
    { p: programmeKey, r: regionCode, d: data, e: entryId }, await s.login(user),
  );
}

async function step(user: string, app: { id: string; version: number }, event: string, extra: { comment?: string; data?: unknown } = {}): Promise<AppView> {
  return ok(await act(s, user, app, event, extra)).transitionApplication;
}

describe('a change request (家庭成员增加) changes the file only when approved', () => {
  it('is prefilled from the household, adds the member after approval and not before', async () => {
    const household = await entryIn('dongjie_cadre', DONGJIE);
    const before = household.data.members.length;
    const newborn = { name: '张小满', idNumber: makeIdCard('130636', '20260401', '101'), relation: '孙女', sex: '女', birthDate: '2026-04-01' };
    const r = await file('dongjie_cadre', 'household_change', DONGJIE, { reason: '新生儿', newMember: newborn, householdSize: before + 1 }, household.id);
    let app = ok(r).createApplication;
    expect(app.entry).toEqual({ id: household.id, name: household.name });
    expect(app.data.head).toEqual({ name: household.data.head.name, idNumber: household.data.head.idNumber });

    app = await step('dongjie_cadre', app, 'SUBMIT');
    expect((await entry('dongjie_cadre', household.id)).data.members).toHaveLength(before);

    app = await step('puyang_reviewer', app, 'APPROVE');
    expect(app.state).toBe('recorded');
    const after = await entry('dongjie_cadre', household.id);
    expect(after.data.members).toHaveLength(before + 1);
    expect(after.data.members[before]).toEqual(newborn);
    expect(after.data.householdSize).toBe(before + 1);
    expect(after.changes[0]).toMatchObject({ kind: 'member_added', applicationReference: app.reference, applicationId: app.id });
    expect(after.changes[0].changes.map((c: { path: string }) => c.path)).toContain('/householdSize');

    const listed = ok(await s.gql<any>('query($e: ID!) { applications(filter: { entryId: $e }) { edges { node { reference } } } }', { e: household.id }, await s.login('dongjie_cadre')));
    expect(listed.applications.edges.map((e: any) => e.node.reference)).toContain(app.reference);
  });

  it('needs a household, of its own register and region', async () => {
    const none = await file('dongjie_cadre', 'household_change', DONGJIE, {});
    expect(codeOf(none)).toBe('BAD_USER_INPUT');
    expect(none.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ path: '/entryId' })]);

    const elsewhere = await entryIn('admin', WANGGE);
    const outside = await file('dongjie_cadre', 'household_change', DONGJIE, {}, elsewhere.id);
    expect(codeOf(outside)).toBe('NOT_FOUND'); // the cadre cannot see 王各庄's households at all

    const notLinked = await file('teacher', 'yulu', DONGJIE, {}, (await entryIn('dongjie_cadre', DONGJIE)).id);
    expect(codeOf(notLinked)).toBe('BAD_USER_INPUT');
  });

  it('a reviewer of another township sees neither the household nor its person', async () => {
    const household = await entryIn('dongjie_cadre', DONGJIE);
    expect(codeOf(await s.gql(`query($id: ID!) { registerEntry(id: $id) { id } }`, { id: household.id }, await s.login('yaoshan_reviewer')))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(`query($n: String!) { person(idNumber: $n) { idNumber } }`, { n: household.data.head.idNumber }, await s.login('yaoshan_reviewer')))).toBe('NOT_FOUND');
  });
});

describe('monitoring marks the household 监测户 with its warning level', () => {
  it('applies the state effects with the application reference', async () => {
    const household = await entryIn('dongjie_cadre', DONGJIE, '一般户');
    const { head: _head, ...example } = loadExample('monitoring').example as Record<string, unknown>;
    // Some households have no phone on file; the form needs one, so the filer types it.
    let app = ok(await file('dongjie_team', 'monitoring', DONGJIE, { ...example, head: { phone: '13912340000' } }, household.id)).createApplication;
    expect(app.data.head).toMatchObject({ name: household.data.head.name, idNumber: household.data.head.idNumber, group: household.data.group });
    app = await step('dongjie_team', app, 'SUBMIT');
    for (const v of ['verifier1', 'verifier2', 'verifier3', 'verifier4', 'verifier5']) app = await step(v, app, 'VERIFY');
    app = await step('puyang_reviewer', app, 'APPROVE');
    expect((await entry('dongjie_cadre', household.id)).status).toBe('一般户');
    app = await step('county_office', app, 'APPROVE', { data: { warningLevel: '黄', measures: ['医疗救助'] } });
    expect(app.state).toBe('monitoring');
    const marked = await entry('dongjie_cadre', household.id);
    expect(marked.status).toBe('监测户');
    expect(marked.data.riskLevel).toBe('黄');
    expect(marked.changes[0]).toMatchObject({ kind: 'monitor', applicationReference: app.reference });
  });
});

describe('a programme that creates the household, and what publishing checks', () => {
  const form = {
    type: 'object',
    required: ['head', 'group', 'members'],
    properties: {
      head: { type: 'object', required: ['name', 'idNumber'], properties: { name: { type: 'string', title: '户主姓名' }, idNumber: { type: 'string', format: 'cn-idcard', title: '身份证号' } } },
      group: { type: 'string', title: '村民小组' },
      members: {
        type: 'array', title: '家庭成员', minItems: 1, maxItems: 10,
        items: { type: 'object', properties: { name: { type: 'string' }, idNumber: { type: 'string' }, relation: { type: 'string' }, sex: { type: 'string' }, birthDate: { type: 'string' } } },
      },
    },
  };
  const workflow = (effects: unknown[], register: Record<string, unknown> = { key: 'household', link: 'create' }) => ({
    id: 'new_household', initial: 'draft',
    meta: { title: { zh: '新识别', en: 'New household' }, register },
    states: {
      draft: { meta: { kind: 'draft', title: { zh: '申报', en: 'Filing' }, roles: ['village_committee'] }, on: { SUBMIT: 'review' } },
      review: { meta: { kind: 'task', title: { zh: '审核', en: 'Review' }, roles: ['township_reviewer'] }, on: { APPROVE: 'filed', REJECT: 'rejected' } },
      filed: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: { zh: '已建档', en: 'Filed' }, effectKind: 'new', effects } },
      rejected: { type: 'final', meta: { kind: 'final', outcome: 'rejected', title: { zh: '不予建档', en: 'Rejected' } } },
    },
  });
  const create = { create: { '/head': '/head', '/group': '/group', '/members': '/members' } };

  async function define(key: string, wf: unknown) {
    const designer = await s.login('designer');
    ok(await s.gql('mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key, name: key, regionCode: '130636000000' } }, designer));
    return s.gql('mutation($k: String!, $f: JSON!, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, workflow: $w) { number } }', { k: key, f: form, w: wf }, designer);
  }

  it('refuses effects naming unknown fields, kinds or values, with the pointer', async () => {
    const bad = await define('bad_effects', workflow([create, { set: '/status', value: '富裕户' }, { copy: '/nothing', to: '/nowhere' }]));
    expect(codeOf(bad)).toBe('WORKFLOW_INVALID');
    const paths = bad.errors![0]!.extensions!.problems!.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/workflow/states/filed/meta/effects/1/value', '/workflow/states/filed/meta/effects/2']));
    const noRegister = await define('no_register', workflow([create], { key: 'farms', link: 'create' }));
    expect(noRegister.errors![0]!.extensions!.problems![0]!.path).toBe('/workflow/meta/register/key');
    const shape = await define('bad_shape', workflow([{ set: '/status', value: '监测户' }, create]));
    expect(codeOf(shape)).toBe('WORKFLOW_INVALID');
  });

  it('creates and marks the household on approval; a second one with the same head is refused and nothing changes', async () => {
    const saved = await define('new_household', workflow([create, { set: '/status', value: '建档立卡户' }, { set: '/householdSize', value: 1 }]));
    ok(saved);
    ok(await s.gql('mutation { publishProgramme(key: "new_household") { number } }', {}, await s.login('designer')));
    const headId = makeIdCard('130636', '19750303', '201');
    const data = { head: { name: '赵新户', idNumber: headId }, group: '第一村民小组', members: [{ name: '赵新户', idNumber: headId, relation: '户主', sex: '男', birthDate: '1975-03-03' }] };
    let app = ok(await file('dongjie_cadre', 'new_household', DONGJIE, data)).createApplication;
    app = await step('dongjie_cadre', app, 'SUBMIT');
    app = await step('puyang_reviewer', app, 'APPROVE');
    const view = ok(await s.gql<any>(`query($id: ID!) { application(id: $id) { entry { ${ENTRY} } } }`, { id: app.id }, await s.login('dongjie_cadre'))).application;
    expect(view.entry).toMatchObject({ name: '赵新户', status: '建档立卡户' });
    expect(view.entry.changes[0]).toMatchObject({ seq: 1, kind: 'new', applicationReference: app.reference });

    let twin = ok(await file('dongjie_cadre', 'new_household', DONGJIE, data)).createApplication;
    twin = await step('dongjie_cadre', twin, 'SUBMIT');
    const refused = await act(s, 'puyang_reviewer', twin, 'APPROVE');
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    const still = ok(await s.gql<any>(`query($id: ID!) { application(id: $id) { state version entry { id } } }`, { id: twin.id }, await s.login('dongjie_cadre'))).application;
    expect(still).toEqual({ state: 'review', version: twin.version, entry: null });
  });
});
