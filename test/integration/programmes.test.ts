import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { EXAMPLE_KEYS, loadExample } from '../../server/src/programmes/examples.js';

let s: TestServer;
let designer: string;
beforeAll(async () => {
  s = await startTestServer();
  designer = await s.login('designer');
});
afterAll(async () => {
  await s?.stop();
});

const CREATE = 'mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key status } }';
const SAVE = 'mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number status } }';
const PUBLISH = 'mutation($k: String!) { publishProgramme(key: $k) { number status publishedAt } }';
const CHECK = 'query($w: JSON!) { checkWorkflow(workflow: $w) { ok errors { code message state event } warnings { message } } }';

const tiny = {
  form: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: '姓名' } } },
  workflow: (title = '审核') => ({
    id: 'tiny', initial: 'draft',
    states: {
      draft: { meta: { kind: 'draft', title: { zh: '填报', en: 'Draft' }, roles: ['village_committee'] }, on: { SUBMIT: { target: 'review', meta: { title: { zh: '提交', en: 'Submit' } } } } },
      review: { meta: { kind: 'task', title: { zh: title, en: 'Review' }, roles: ['township_reviewer'] }, on: { APPROVE: { target: 'done', meta: { title: { zh: '通过', en: 'Approve' } } } } },
      done: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: { zh: '完成', en: 'Done' } } },
    },
  }),
};

describe('example programmes', () => {
  it('are published on first start', async () => {
    const r = await s.gql('{ programmes { key currentVersion { number status } } }', {}, designer);
    expect(r.data.programmes.map((p: { key: string }) => p.key).sort()).toEqual([...EXAMPLE_KEYS].sort());
    for (const p of r.data.programmes) expect(p.currentVersion).toEqual({ number: 1, status: 'published' });
  });

  it.each(EXAMPLE_KEYS)('publishes %s through the API', async (key) => {
    const ex = loadExample(key);
    const copy = `${key}-copy`;
    expect((await s.gql(CREATE, { i: { key: copy, name: ex.name.zh, nameEn: ex.name.en, regionCode: '130636000000' } }, designer)).data.createProgramme).toEqual({ key: copy, status: 'active' });
    expect((await s.gql(SAVE, { k: copy, f: ex.formSchema, u: ex.uiSchema, w: ex.workflow }, designer)).data.saveProgrammeDraft).toEqual({ number: 1, status: 'draft' });
    const pub = await s.gql(PUBLISH, { k: copy }, designer);
    expect(pub.errors).toBeUndefined();
    expect(pub.data.publishProgramme.status).toBe('published');
    const check = await s.gql(CHECK, { w: ex.workflow }, designer);
    expect(check.data.checkWorkflow).toMatchObject({ ok: true, errors: [] });
  });
});

describe('versions', () => {
  it('leaves an old published version untouched when a new one is published', async () => {
    await s.gql(CREATE, { i: { key: 'versioned', name: '版本测试', regionCode: '130636000000' } }, designer);
    await s.gql(SAVE, { k: 'versioned', f: tiny.form, w: tiny.workflow('村审核') }, designer);
    await s.gql(PUBLISH, { k: 'versioned' }, designer);
    const v1 = (await s.gql('{ programme(key: "versioned") { versions { id number status workflow } } }', {}, designer)).data.programme.versions[0];

    const saved = await s.gql(SAVE, { k: 'versioned', f: tiny.form, w: tiny.workflow('乡镇审核') }, designer);
    expect(saved.data.saveProgrammeDraft).toEqual({ number: 2, status: 'draft' });
    await s.gql(PUBLISH, { k: 'versioned' }, designer);
    const after = (await s.gql('{ programme(key: "versioned") { currentVersion { number } versions { id number status workflow } } }', {}, designer)).data.programme;
    expect(after.currentVersion.number).toBe(2);
    expect(after.versions[0]).toEqual({ ...v1, status: 'superseded' });
    expect(after.versions[0].workflow.states.review.meta.title.zh).toBe('村审核');
    expect(after.versions[1].workflow.states.review.meta.title.zh).toBe('乡镇审核');
  });

  it('refuses to change a published version in the database itself', async () => {
    const conn = s.orm.em.fork().getConnection();
    await expect(conn.execute(`update programme_version set workflow = '{}' where status <> 'draft'`)).rejects.toThrow(/cannot change/);
  });

  it('refuses to publish without a draft', async () => {
    const r = await s.gql(PUBLISH, { k: 'versioned' }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/no draft/);
  });
});

describe('checkWorkflow', () => {
  const base = () => structuredClone(tiny.workflow()) as any;
  const check = async (w: unknown) => (await s.gql(CHECK, { w }, designer)).data.checkWorkflow;

  it('reports an unknown target naming the state and event', async () => {
    const w = base();
    w.states.review.on.APPROVE.target = 'nowhere';
    const r = await check(w);
    expect(r.ok).toBe(false);
    expect(r.errors).toContainEqual(expect.objectContaining({ state: 'review', event: 'APPROVE', message: expect.stringMatching(/review.*APPROVE.*nowhere/) }));
  });

  it('reports a guard named eval', async () => {
    const w = base();
    w.states.review.on.APPROVE.guard = { type: 'eval', params: { code: 'process.exit()' } };
    const r = await check(w);
    expect(r.errors).toContainEqual(expect.objectContaining({ state: 'review', event: 'APPROVE', message: expect.stringContaining('eval') }));
  });

  it('reports a cycle that never ends', async () => {
    const w = base();
    w.states.review.on = { APPROVE: { target: 'review2', meta: { title: { zh: '通过', en: 'Approve' } } } };
    w.states.review2 = { meta: { kind: 'task', title: { zh: '复核', en: 'Re-check' }, roles: ['county_office'] }, on: { BACK: { target: 'review', meta: { title: { zh: '退回', en: 'Back' } } } } };
    const r = await check(w);
    expect(r.errors.map((e: { state: string }) => e.state)).toEqual(expect.arrayContaining(['review', 'review2']));
    expect(r.errors.some((e: { message: string }) => /final/.test(e.message))).toBe(true);
  });

  it('reports unknown roles and delays, unreachable states and states nobody can act in', async () => {
    const w = base();
    w.states.review.meta.roles = ['emperor'];
    w.states.orphan = { meta: { kind: 'task', title: { zh: '孤立', en: 'Orphan' } }, on: { GO: { target: 'done' } }, after: { 'seven days': { target: 'done' } } };
    const r = await check(w);
    const codes = r.errors.map((e: { code: string }) => e.code);
    expect(r.ok).toBe(false);
    expect(r.errors.some((e: { state: string; message: string }) => e.state === 'review' && e.message.includes('emperor'))).toBe(true);
    expect(r.errors.some((e: { state: string; message: string }) => e.state === 'orphan' && /seven days/.test(e.message))).toBe(true);
    expect(r.errors.some((e: { state: string; message: string }) => e.state === 'orphan' && /reach/i.test(e.message))).toBe(true);
    expect(codes.length).toBeGreaterThanOrEqual(3);
  });

  it('needs a signed-in user', async () => {
    expect(codeOf(await s.gql(CHECK, { w: base() }))).toBe('UNAUTHENTICATED');
  });
});

describe('bad definitions', () => {
  it('refuses a schema that is not JSON Schema, with paths, and saves nothing', async () => {
    await s.gql(CREATE, { i: { key: 'bad-schema', name: '坏表单', regionCode: '130636000000' } }, designer);
    const r = await s.gql(SAVE, { k: 'bad-schema', f: { type: 'object', properties: { age: { type: 'strng' } } }, w: tiny.workflow() }, designer);
    expect(codeOf(r)).toBe('SCHEMA_INVALID');
    expect(r.errors![0].extensions!.problems![0].path).toMatch(/^\/formSchema\/properties\/age/);
    expect((await s.gql('{ programme(key: "bad-schema") { versions { id } } }', {}, designer)).data.programme.versions).toEqual([]);
  });

  it('refuses a remote $ref without fetching it', async () => {
    const r = await s.gql(SAVE, { k: 'bad-schema', f: { type: 'object', properties: { x: { $ref: 'https://example.org/evil.json' } } }, w: tiny.workflow() }, designer);
    expect(codeOf(r)).toBe('SCHEMA_INVALID');
    expect(JSON.stringify(r.errors![0].extensions!.problems)).toContain('/formSchema/properties/x');
  });

  it('refuses to publish an invalid workflow and saves nothing', async () => {
    const w = tiny.workflow() as any;
    w.states.review.on.APPROVE.guard = { type: 'eval' };
    const r = await s.gql(SAVE, { k: 'bad-schema', f: tiny.form, w }, designer);
    expect(codeOf(r)).toBe('WORKFLOW_INVALID');
    expect(r.errors![0].message).toMatch(/review.*APPROVE/);
  });

  it('refuses a 5 MB definition', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${designer}` },
      body: JSON.stringify({ query: SAVE, variables: { k: 'bad-schema', f: { type: 'object', description: 'x'.repeat(5 * 1024 * 1024) }, w: tiny.workflow() } }),
    });
    expect(res.status).toBe(413);
  });

  it('refuses a definition over the size limit even under the body limit', async () => {
    const big = { type: 'object', description: 'x'.repeat(300 * 1024) };
    const r = await s.gql(SAVE, { k: 'bad-schema', f: big, w: tiny.workflow() }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  it('refuses a duplicate programme key', async () => {
    const r = await s.gql(CREATE, { i: { key: 'dibao', name: '重复', regionCode: '130636000000' } }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.subCode).toBe('DUPLICATE');
  });

  it("refuses to touch another county's programme", async () => {
    const admin = await s.login('admin');
    await s.gql('mutation($r: [RegionInput!]!) { importRegions(regions: $r) }', { r: [{ code: '130637000000', name: '博野县', level: 'county', parentCode: '130600000000' }] }, admin);
    await s.gql('mutation { createUser(input: {username: "boye_designer", password: "boye-designer-pw", displayName: "博野设计"}) { id } }', {}, admin);
    await s.gql('mutation { grantRole(username: "boye_designer", role: "designer", regionCode: "130637000000") { role } }', {}, admin);
    const other = await s.login('boye_designer', 'boye-designer-pw');
    const ex = loadExample('dibao');
    expect(codeOf(await s.gql(SAVE, { k: 'dibao', f: ex.formSchema, w: ex.workflow }, other))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(PUBLISH, { k: 'dibao' }, other))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(CREATE, { i: { key: 'stolen', name: '越权', regionCode: '130636000000' } }, other))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(CREATE, { i: { key: 'staff-made', name: '越权', regionCode: '130636000000' } }, await s.login('dongjie_cadre')))).toBe('FORBIDDEN');
  });
});
