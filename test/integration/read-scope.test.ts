/**
 * Least privilege: a role whose read scope is 'programmes' (head teacher, school leader, principal,
 * housing inspector, verifier) reads only cases of programmes whose workflows name it, and their
 * attachments, and only the households of the registers those programmes act on; roles with scope
 * 'all' (county office, township, village…) read every programme and every household of their regions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { createApp, getApp, publishFastCopy } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { PROGRAMME_ROLES_OF_VERSIONS } from '../../server/src/migrations/008-roles-objections.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

const DONGJIE = '130636100201';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x20), Buffer.from('%%EOF\n')]);
const sql = <T = any>(text: string, params: unknown[] = []) => s.orm.em.fork().getConnection().execute<T[]>(text, params as any[]);
const LIST = 'query($f: ApplicationFilter) { applications(filter: $f, first: 100) { totalCount edges { node { id programmeKey } } } }';
const STATS = 'query($p: String!) { applicationStats(programmeKey: $p, groupBy: ["state"]) { count } }';

async function upload(user: string, programmeKey?: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), '银行卡.pdf');
  const q = `regionCode=${DONGJIE}${programmeKey ? `&programmeKey=${programmeKey}` : ''}`;
  const res = await fetch(`${s.url}/files?${q}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await s.login(user)}` } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const download = async (user: string, id: string) => (await fetch(`${s.url}/files/${id}`, { headers: { authorization: `Bearer ${await s.login(user)}` } })).status;

async function anyCase(programmeKey: string, regionCode = DONGJIE): Promise<string> {
  const [row] = await sql<{ id: string }>('select id from application where programme_key = ? and region_code = ? order by created_at limit 1', [programmeKey, regionCode]);
  return row!.id;
}

describe('read scope of roles', () => {
  it('keeps the county head teacher out of 低保 cases, lists, figures and files, but not out of 雨露计划', async () => {
    const dibao = await anyCase('dibao');
    const yulu = await anyCase('yulu');
    expect(codeOf(await getApp(s, 'teacher', dibao))).toBe('NOT_FOUND');
    expect((await getApp(s, 'teacher', yulu)).data!.application.id).toBe(yulu);

    const teacher = await s.login('teacher');
    const all = (await s.gql(LIST, {}, teacher)).data.applications;
    expect(all.totalCount).toBeGreaterThan(0);
    expect(new Set(all.edges.map((e: any) => e.node.programmeKey))).toEqual(new Set(['yulu']));
    expect((await s.gql(LIST, { f: { programmeKey: 'dibao' } }, teacher)).data.applications.totalCount).toBe(0);
    const tasks = (await s.gql('{ myTasks(first: 100) { edges { node { programmeKey } } } }', {}, teacher)).data.myTasks.edges;
    for (const e of tasks) expect(e.node.programmeKey).toBe('yulu');
    expect((await s.gql(STATS, { p: 'dibao' }, teacher)).data.applicationStats).toEqual([]);
    expect((await s.gql(STATS, { p: 'yulu' }, teacher)).data.applicationStats.length).toBeGreaterThan(0);
    // Objections and history come with the case: the teacher never gets that far.
    expect(codeOf(await s.gql('query($id: ID!) { application(id: $id) { objections { id } } }', { id: dibao }, teacher))).toBe('NOT_FOUND');

    const bankCard = await upload('dongjie_cadre', 'dibao');
    expect(await download('teacher', bankCard)).toBe(404);
    expect(await download('county_office', bankCard)).toBe(200);
    const untagged = await upload('dongjie_cadre');
    expect(await download('teacher', untagged)).toBe(404);
    expect(await download('puyang_reviewer', untagged)).toBe(200);
    const transcript = await upload('dongjie_cadre', 'yulu');
    expect(await download('teacher', transcript)).toBe(200);
  });

  it('lets the county office and village staff read every programme', async () => {
    const office = await s.login('county_office');
    const keys = new Set((await s.gql(LIST, {}, office)).data.applications.edges.map((e: any) => e.node.programmeKey));
    expect(keys.size).toBeGreaterThan(2);
    for (const key of ['dibao', 'yulu', 'identification']) expect((await getApp(s, 'county_office', await anyCase(key))).errors).toBeUndefined();
    expect((await getApp(s, 'dongjie_cadre', await anyCase('dibao'))).errors).toBeUndefined();
    expect((await s.gql(STATS, { p: 'dibao' }, office)).data.applicationStats.length).toBeGreaterThan(0);
  });

  it('refuses to tag an upload with a programme the uploader may not read', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF)]), 'x.pdf');
    const res = await fetch(`${s.url}/files?regionCode=${DONGJIE}&programmeKey=dibao`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await s.login('teacher')}` } });
    expect(res.status).toBe(403);
  });

  it('lists roles from the table with their read scope', async () => {
    const roles = (await s.gql('{ roles { name zh en builtIn regionCode readScope } }', {}, await s.login('teacher'))).data.roles;
    expect(roles).toHaveLength(13);
    const scope = Object.fromEntries(roles.map((r: any) => [r.name, r.readScope]));
    expect(scope).toMatchObject({ county_office: 'all', village_committee: 'all', finance_officer: 'all', head_teacher: 'programmes', verifier: 'programmes', housing_inspector: 'programmes' });
    expect(roles.find((r: any) => r.name === 'head_teacher')).toMatchObject({ zh: '班主任', builtIn: true, regionCode: null });
  });

  it('gives a role the programmes that name it when they are published, and the migration derives the same', async () => {
    await publishFastCopy(s, 'yulu', 'yulu-pilot');
    const ex = loadExample('yulu').example;
    const app = await createApp(s, 'teacher', 'yulu-pilot', DONGJIE, ex);
    expect((await getApp(s, 'school_leader', app.id)).data!.application.id).toBe(app.id);
    expect(codeOf(await getApp(s, 'inspector', app.id))).toBe('NOT_FOUND');
    const recorded = await sql('select programme_id, role from programme_role order by 1, 2');
    const derived = await sql(`${PROGRAMME_ROLES_OF_VERSIONS} order by 1, 2`);
    expect(derived).toEqual(recorded);
    const [{ roles }] = await sql<{ roles: string[] }>(`select array_agg(role order by role) as roles from programme_role pr join programme p on p.id = pr.programme_id where p.key = 'yulu-pilot'`);
    expect(roles).toEqual(['county_office', 'finance_officer', 'head_teacher', 'principal', 'school_leader']);
  });

  it('keeps the head teacher out of the household register; verifiers and the housing inspector read it through their programmes', async () => {
    // 雨露计划, the head teacher's programme, names no register; 监测 (verifiers) and 危房改造 (the
    // housing inspector) act on the household register.
    const [household] = await sql<{ id: string; head: string }>(
      `select e.id, e.data->'head'->>'idNumber' as head from register_entry e join register r on r.id = e.register_id
        where r.key = 'household' and e.region_code = ? order by e.created_at limit 1`, [DONGJIE]);
    const ENTRY = 'query($id: ID!) { registerEntry(id: $id) { id name } }';
    const PERSON = 'query($n: String!) { person(idNumber: $n) { entryId } }';
    const LIST_ENTRIES = 'query($r: String) { registerEntries(filter: { registerKey: "household", regionCode: $r }, first: 5) { totalCount } }';
    const REPORT = 'query($d: JSON) { runReport(definition: $d) { total } }';
    const byVillage = { source: 'entries', register: 'household', measures: [{ key: 'n', kind: 'count' }], dimensions: [{ kind: 'region', level: 'village' }] };
    const ENTRY_FINDINGS = 'query { qualityFindings(first: 100) { edges { node { recordKind } } } }';

    const teacher = await s.login('teacher');
    expect(codeOf(await s.gql(ENTRY, { id: household!.id }, teacher))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(PERSON, { n: household!.head }, teacher))).toBe('NOT_FOUND');
    expect((await s.gql(LIST_ENTRIES, {}, teacher)).data.registerEntries.totalCount).toBe(0);
    expect((await s.gql(REPORT, { d: byVillage }, teacher)).data.runReport.total).toEqual([0]);
    const kinds = (await s.gql(ENTRY_FINDINGS, {}, teacher)).data.qualityFindings.edges.map((e: any) => e.node.recordKind);
    expect(kinds).not.toContain('entry');
    expect((await fetch(`${s.url}/dossiers/${household!.id}.html`, { headers: { authorization: `Bearer ${teacher}` } })).status).toBe(404);
    const readable = async (token: string) => (await s.gql('{ registers { key canReadEntries } }', {}, token)).data.registers;
    expect(await readable(teacher)).toEqual([{ key: 'household', canReadEntries: false }]);
    // A case's household stays hidden from a reader of the case who may not read the register.
    const yulu = await anyCase('yulu');
    await sql('update application set entry_id = ? where id = ?', [household!.id, yulu]);
    expect((await s.gql('query($id: ID!) { application(id: $id) { id entry { id } } }', { id: yulu }, teacher)).data.application).toEqual({ id: yulu, entry: null });
    await sql('update application set entry_id = null where id = ?', [yulu]);

    // The same limited scope reads the register where a programme of the role acts on it.
    const verifier = await s.login('verifier1');
    expect((await s.gql(ENTRY, { id: household!.id }, verifier)).data.registerEntry.id).toBe(household!.id);
    expect((await s.gql(PERSON, { n: household!.head }, verifier)).data.person.entryId).toBe(household!.id);
    expect((await s.gql(LIST_ENTRIES, { r: DONGJIE }, verifier)).data.registerEntries.totalCount).toBeGreaterThan(0);
    expect((await s.gql(REPORT, { d: byVillage }, verifier)).data.runReport.total[0]).toBeGreaterThan(0);
    expect((await s.gql(ENTRY, { id: household!.id }, await s.login('inspector'))).data.registerEntry.id).toBe(household!.id);
    expect(await readable(verifier)).toEqual([{ key: 'household', canReadEntries: true }]);
    // Still within its regions: the verifiers of 蒲阳镇 read no village of another township.
    expect((await s.gql(LIST_ENTRIES, { r: '130636200204' }, verifier)).data.registerEntries.totalCount).toBe(0);

    // Widening the role opens the register to the head teacher on the next request.
    const admin = await s.login('admin');
    const SET = 'mutation($n: String!, $s: String!) { setRoleReadScope(name: $n, readScope: $s) { name } }';
    await s.gql(SET, { n: 'head_teacher', s: 'all' }, admin);
    expect((await s.gql(ENTRY, { id: household!.id }, teacher)).data.registerEntry.id).toBe(household!.id);
    await s.gql(SET, { n: 'head_teacher', s: 'programmes' }, admin);
    expect(codeOf(await s.gql(ENTRY, { id: household!.id }, teacher))).toBe('NOT_FOUND');
  });

  it('lets an admin widen or narrow a role, effective on the next request', async () => {
    const SET = 'mutation($n: String!, $s: String!) { setRoleReadScope(name: $n, readScope: $s) { name readScope } }';
    const admin = await s.login('admin');
    const dibao = await anyCase('dibao');
    expect(codeOf(await s.gql(SET, { n: 'head_teacher', s: 'all' }, await s.login('county_admin')))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(SET, { n: 'head_teacher', s: 'everything' }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(SET, { n: 'no_such_role', s: 'all' }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(SET, { n: 'admin', s: 'programmes' }, admin))).toBe('BAD_USER_INPUT');
    expect((await s.gql(SET, { n: 'head_teacher', s: 'all' }, admin)).data.setRoleReadScope).toEqual({ name: 'head_teacher', readScope: 'all' });
    expect((await getApp(s, 'teacher', dibao)).data!.application.id).toBe(dibao);
    await s.gql(SET, { n: 'head_teacher', s: 'programmes' }, admin);
    expect(codeOf(await getApp(s, 'teacher', dibao))).toBe('NOT_FOUND');
    // A county office limited to its programmes still reads 低保: its workflow names the role.
    await s.gql(SET, { n: 'county_office', s: 'programmes' }, admin);
    expect((await getApp(s, 'county_office', dibao)).errors).toBeUndefined();
    await s.gql(SET, { n: 'county_office', s: 'all' }, admin);
  });
});
