import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { APP_FIELDS, act, createApp, type AppView } from '../helpers/programmes.js';

/**
 * Roles as the county's data: 顺平县 (A) and a second county, 博野县 (B), each define their own
 * village_doctor. Role identity is (name, region); grants reference the role row.
 */
let s: TestServer;
const sql = <T = any>(text: string, params: unknown[] = []) => s.orm.em.fork().getConnection().execute<T[]>(text, params as any[]);
const A = '130636000000';
const A_VILLAGE = '130636100201'; // 东街村
const B = '130637000000';
const B_TOWNSHIP = '130637100000';
const B_VILLAGE = '130637100201';

beforeAll(async () => {
  s = await startTestServer();
  const admin = await s.login('admin');
  const regions = await s.gql('mutation($r: [RegionInput!]!) { importRegions(regions: $r) }', {
    r: [
      { code: B, name: '博野县', level: 'county', parentCode: '130600000000' },
      { code: B_TOWNSHIP, name: '博野镇', level: 'township', parentCode: B },
      { code: B_VILLAGE, name: '东街村', level: 'village', parentCode: B_TOWNSHIP },
    ],
  }, admin);
  expect(regions.errors).toBeUndefined();
  const bAdmin = await s.gql('mutation { createUser(input: { username: "b_admin", password: "b-admin-password", displayName: "博野县管理员", regionCode: "130637000000" }) { username } }', {}, admin);
  expect(bAdmin.errors).toBeUndefined();
  expect((await s.gql(`mutation { grantRole(username: "b_admin", role: "county_admin", regionCode: "${B}") { role } }`, {}, admin)).errors).toBeUndefined();
});
afterAll(async () => {
  await s?.stop();
});

/** A fenced block of docs/programme-authoring.md, exactly as written (```<lang> <name>). */
function docBlock(lang: string, name: string): string {
  const doc = fs.readFileSync('docs/programme-authoring.md', 'utf8');
  const match = new RegExp('```' + lang + ' ' + name + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!match) throw new Error(`docs/programme-authoring.md has no ${lang} ${name} block`);
  return match[1]!;
}

const form = () => JSON.parse(docBlock('json', 'village-clinic-form'));
const workflow = () => JSON.parse(docBlock('json', 'village-clinic-workflow'));

async function publishProgramme(token: string, key: string, regionCode: string, wf: unknown) {
  for (const r of [
    await s.gql(`mutation { createProgramme(input: { key: "${key}", name: "大病救助村医核实", regionCode: "${regionCode}" }) { key } }`, {}, token),
    await s.gql(`mutation ($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "${key}", formSchema: $f, workflow: $w) { number } }`, { f: form(), w: wf }, token),
    await s.gql(`mutation { publishProgramme(key: "${key}") { status } }`, {}, token),
  ]) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
}

async function file(token: string, programmeKey: string, regionCode: string, data: unknown): Promise<AppView> {
  const r = await s.gql(`mutation($p: String!, $r: String!, $d: JSON) { createApplication(programmeKey: $p, regionCode: $r, data: $d) { ${APP_FIELDS} } }`, { p: programmeKey, r: regionCode, d: data }, token);
  expect(r.errors).toBeUndefined();
  return r.data.createApplication;
}

function send(token: string, app: { id: string; version: number }, event: string) {
  return s.gql<{ transitionApplication: AppView }>(`mutation($id: ID!, $e: String!, $v: Int!) { transitionApplication(id: $id, event: $e, expectedVersion: $v) { ${APP_FIELDS} } }`, { id: app.id, e: event, v: app.version }, token);
}

const BULK = 'mutation($rows: [NewUserRow!]!) { createUsers(rows: $rows) { initialPassword user { username regionCode roles { role roleTitle roleRegionCode regionCode } } } }';

describe('county roles', () => {
  it('runs the worked example of docs/programme-authoring.md: the county defines a role and a workflow uses it', async () => {
    const countyAdmin = await s.login('county_admin');
    const defined = await s.gql(docBlock('graphql', 'define-role'), {}, countyAdmin);
    expect(defined.errors).toBeUndefined();
    expect(defined.data.defineRole).toEqual({ name: 'village_doctor', zh: '村医', en: 'Village doctor', regionCode: A, builtIn: false, retired: false, readScope: 'programmes' });

    const designer = await s.login('designer');
    expect((await s.gql('mutation { createProgramme(input: { key: "village-clinic", name: "大病救助村医核实", regionCode: "130636000000" }) { key } }', {}, designer)).errors).toBeUndefined();
    const check = await s.gql('query ($w: JSON!) { checkWorkflow(workflow: $w, programmeKey: "village-clinic") { ok errors { code path message messageZh } } }', { w: workflow() }, designer);
    expect(check.data.checkWorkflow).toEqual({ ok: true, errors: [] });
    // Without programmeKey the designer's own county is the catalogue: the same answer.
    expect((await s.gql('query ($w: JSON!) { checkWorkflow(workflow: $w) { ok } }', { w: workflow() }, designer)).data.checkWorkflow.ok).toBe(true);
    const saved = await s.gql('mutation ($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "village-clinic", formSchema: $f, workflow: $w) { number } }', { f: form(), w: workflow() }, designer);
    expect(saved.errors).toBeUndefined();
    expect((await s.gql('mutation { publishProgramme(key: "village-clinic") { status } }', {}, designer)).data.publishProgramme.status).toBe('published');
    const [recorded] = await sql('select r.region_code from programme_role pr join role r on r.id = pr.role_id join programme p on p.id = pr.programme_id where p.key = ? and pr.role = ?', ['village-clinic', 'village_doctor']);
    expect(recorded.region_code).toBe(A);
  });

  it('names an unknown role with a JSON pointer, in Chinese and English, in checkWorkflow and on save', async () => {
    const designer = await s.login('designer');
    const wf = workflow();
    wf.states.clinic_check.meta.roles = ['village_docter'];
    const check = await s.gql('query ($w: JSON!) { checkWorkflow(workflow: $w, programmeKey: "village-clinic") { ok errors { code path message messageZh } } }', { w: wf }, designer);
    expect(check.data.checkWorkflow.ok).toBe(false);
    expect(check.data.checkWorkflow.errors).toEqual([{
      code: 'UNKNOWN_ROLE', path: '/states/clinic_check/meta/roles/0',
      message: 'State "clinic_check": unknown role "village_docter"', messageZh: expect.stringContaining('未知角色 "village_docter"'),
    }]);
    const saved = await s.gql('mutation ($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "village-clinic", formSchema: $f, workflow: $w) { number } }', { f: form(), w: wf }, designer);
    expect(codeOf(saved)).toBe('WORKFLOW_INVALID');
    expect(saved.errors![0].extensions!.messageZh).toContain('未知角色');
    expect(saved.errors![0].extensions!.problems).toEqual([{ path: '/workflow/states/clinic_check/meta/roles/0', message: expect.stringContaining('未知角色'), messageEn: 'State "clinic_check": unknown role "village_docter"' }]);
  });

  it('does not let a designer define or retire roles', async () => {
    const designer = await s.login('designer');
    const r = await s.gql(`mutation { defineRole(input: { name: "school_doctor", zh: "校医", en: "School doctor", regionCode: "${A}" }) { name } }`, {}, designer);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(r.errors![0].extensions!.messageZh).toContain('县管理员');
    expect(codeOf(await s.gql(`mutation { retireRole(name: "village_doctor", regionCode: "${A}") { name } }`, {}, designer))).toBe('FORBIDDEN');
    // Nor may one county's admin define roles for another.
    expect(codeOf(await s.gql(`mutation { defineRole(input: { name: "school_doctor", zh: "校医", en: "School doctor", regionCode: "${B}" }) { name } }`, {}, await s.login('county_admin')))).toBe('FORBIDDEN');
  });

  it('refuses a name that is built in, and checks the input field by field', async () => {
    const countyAdmin = await s.login('county_admin');
    const builtIn = await s.gql(`mutation { defineRole(input: { name: "verifier", zh: "核查", en: "Verifier", regionCode: "${A}" }) { name } }`, {}, countyAdmin);
    expect(builtIn.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE', problems: [{ path: '/input/name' }] });
    const bad = await s.gql(`mutation { defineRole(input: { name: "Doctor!", zh: "", en: "x", regionCode: "${A}" }) { name } }`, {}, countyAdmin);
    expect(bad.errors![0].extensions!.problems!.map((p) => p.path)).toEqual(['/input/name', '/input/zh']);
  });

  it('lets a holder of the county\'s role act, but not a holder of another county\'s same-named role', async () => {
    const countyAdmin = await s.login('county_admin');
    const bAdmin = await s.login('b_admin', 'b-admin-password');
    // B defines its own village_doctor: a different role with the same name.
    const bRole = await s.gql(`mutation { defineRole(input: { name: "village_doctor", zh: "村卫生室医生", en: "Village clinic doctor", regionCode: "${B}" }) { name regionCode } }`, {}, bAdmin);
    expect(bRole.data.defineRole).toEqual({ name: 'village_doctor', regionCode: B });

    // Each county creates its staff in bulk; the role name means the county's own role.
    const a = await s.gql(BULK, { rows: [{ username: 'doc_wang', name: '东街村村医 王大夫', role: 'village_doctor', regionCode: A_VILLAGE }] }, countyAdmin);
    expect(a.errors).toBeUndefined();
    expect(a.data.createUsers[0].user).toEqual({ username: 'doc_wang', regionCode: A_VILLAGE, roles: [{ role: 'village_doctor', roleTitle: '村医', roleRegionCode: A, regionCode: A_VILLAGE }] });
    expect(a.data.createUsers[0].initialPassword).toMatch(/^.{10,}$/);
    const b = await s.gql(BULK, { rows: [
      { username: 'doc_li', name: '博野东街村村医 李大夫', role: 'village_doctor', regionCode: B_VILLAGE },
      { username: 'b_cadre', name: '博野东街村两委', role: 'village_committee', regionCode: B_VILLAGE },
    ] }, bAdmin);
    expect(b.errors).toBeUndefined();
    expect(b.data.createUsers[0].user.roles[0]).toMatchObject({ roleTitle: '村卫生室医生', roleRegionCode: B });
    const pw = new Map([...a.data.createUsers, ...b.data.createUsers].map((c: any) => [c.user.username, c.initialPassword]));
    const login = (u: string) => s.login(u, pw.get(u));

    // A's programme, filed in A's village: A's doctor confirms; B's doctor cannot even see it.
    await publishProgramme(await s.login('admin'), 'b-clinic', B, { ...workflow(), id: 'b-clinic' });
    const aApp = await createApp(s, 'dongjie_cadre', 'village-clinic', A_VILLAGE, { patient: '张三', diagnosis: '尿毒症' });
    const submitted = await act(s, 'dongjie_cadre', aApp, 'SUBMIT');
    expect(submitted.data!.transitionApplication.state).toBe('clinic_check');
    const byB = await s.gql('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { state } }', { id: aApp.id, v: submitted.data!.transitionApplication.version }, await login('doc_li'));
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(byB));

    // Even a grant of B's role row placed on A's village (written around the API, name alone
    // matching) does not let its holder act in A: the grant is B's role, not A's.
    const widened = await s.gql(`mutation { setRoleReadScope(name: "village_doctor", readScope: "all", regionCode: "${B}") { name regionCode readScope } }`, {}, await s.login('admin'));
    expect(widened.data.setRoleReadScope).toEqual({ name: 'village_doctor', regionCode: B, readScope: 'all' });
    const [bRoleRow] = await sql("select id from role where name = 'village_doctor' and region_code = ?", [B]);
    await sql(`insert into role_grant (id, user_id, role, role_id, region_code, region_path)
      select gen_random_uuid(), u.id, 'village_doctor', ?, r.code, r.path from app_user u, region r where u.username = 'doc_li' and r.code = ?`, [bRoleRow.id, A_VILLAGE]);
    const sneaky = await s.gql('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { state } }', { id: aApp.id, v: submitted.data!.transitionApplication.version }, await login('doc_li'));
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(sneaky));
    const tasks = await s.gql('{ myTasks(first: 20) { edges { node { id } } } }', {}, await login('doc_li'));
    expect((tasks.data?.myTasks?.edges ?? []).map((e: any) => e.node.id)).not.toContain(aApp.id);
    expect(codeOf(await s.gql('query($id: ID!) { application(id: $id) { id } }', { id: aApp.id }, await login('doc_li')))).toBe('NOT_FOUND');
    await sql("delete from role_grant where role_id = ? and region_code = ?", [bRoleRow.id, A_VILLAGE]);
    await s.gql(`mutation { setRoleReadScope(name: "village_doctor", readScope: "programmes", regionCode: "${B}") { name } }`, {}, await s.login('admin'));

    const byA = await send(await login('doc_wang'), submitted.data!.transitionApplication, 'APPROVE');
    expect(byA.errors).toBeUndefined();
    expect(byA.data!.transitionApplication.state).toBe('approved');
    // The history names the role the doctor acted in.
    expect(byA.data!.transitionApplication.history.at(-1)).toMatchObject({ event: 'APPROVE', role: 'village_doctor' });

    // B's programme names B's village_doctor: B's doctor acts, A's cannot.
    const bApp = await file(await login('b_cadre'), 'b-clinic', B_VILLAGE, { patient: '李四', diagnosis: '白血病' });
    const bSubmitted = await send(await login('b_cadre'), bApp, 'SUBMIT');
    expect(bSubmitted.data!.transitionApplication.state).toBe('clinic_check');
    const wrongDoctor = await s.gql('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { state } }', { id: bApp.id, v: bSubmitted.data!.transitionApplication.version }, await login('doc_wang'));
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(wrongDoctor));
    const rightDoctor = await send(await login('doc_li'), bSubmitted.data!.transitionApplication, 'APPROVE');
    expect(rightDoctor.data!.transitionApplication.state).toBe('approved');
  });

  it('grants a county role only where it is visible, and lists the catalogue by region', async () => {
    const admin = await s.login('admin');
    // In B the name means B's role; in A's village, A's. In the province above both, nothing.
    const province = await s.gql('mutation { grantRole(username: "doc_wang", role: "village_doctor", regionCode: "130000000000") { role } }', {}, admin);
    expect(province.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: '/role', messageEn: expect.stringContaining('unknown role') }] });
    const inA = await s.gql('{ roles(regionCode: "130636000000") { name regionCode builtIn retired } }', {}, admin);
    const names = inA.data.roles.map((r: any) => `${r.name}@${r.regionCode ?? '*'}`);
    expect(names).toContain('village_doctor@130636000000');
    expect(names).not.toContain('village_doctor@130637000000');
    expect(names).toContain('township_reviewer@*');
    const city = await s.gql('{ roles(regionCode: "130600000000", includeBelow: true) { name regionCode } }', {}, admin);
    expect(city.data.roles.filter((r: any) => r.name === 'village_doctor').map((r: any) => r.regionCode).sort()).toEqual([A, B]);
  });

  it('refuses to retire a role in use, naming the version and the grant; a retired role is refused for grants and publishes', async () => {
    const countyAdmin = await s.login('county_admin');
    const used = await s.gql(`mutation { retireRole(name: "village_doctor", regionCode: "${A}") { name } }`, {}, countyAdmin);
    expect(used.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'ROLE_IN_USE', usedBy: { versions: ['village-clinic v1'], grants: [`doc_wang@${A_VILLAGE}`] } });
    expect(used.errors![0].message).toContain('village-clinic v1');
    expect(used.errors![0].extensions!.messageZh).toContain(`doc_wang@${A_VILLAGE}`);

    expect((await s.gql(`mutation { defineRole(input: { name: "school_doctor", zh: "校医", en: "School doctor", regionCode: "${A}" }) { name } }`, {}, countyAdmin)).errors).toBeUndefined();
    const renamed = await s.gql(`mutation { updateRole(input: { name: "school_doctor", zh: "学校校医", en: "School physician", regionCode: "${A}" }) { zh en } }`, {}, countyAdmin);
    expect(renamed.data.updateRole).toEqual({ zh: '学校校医', en: 'School physician' });
    const retired = await s.gql(`mutation { retireRole(name: "school_doctor", regionCode: "${A}") { name retired } }`, {}, countyAdmin);
    expect(retired.data.retireRole).toEqual({ name: 'school_doctor', retired: true });
    const grant = await s.gql(`mutation { grantRole(username: "doc_wang", role: "school_doctor", regionCode: "${A_VILLAGE}") { role } }`, {}, countyAdmin);
    expect(grant.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: '/role', messageEn: 'role "school_doctor" is retired' }] });
    const wf = workflow();
    wf.states.clinic_check.meta.roles = ['school_doctor'];
    const saved = await s.gql('mutation ($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "village-clinic", formSchema: $f, workflow: $w) { number } }', { f: form(), w: wf }, await s.login('designer'));
    expect(saved.errors![0].extensions!.workflowProblems).toEqual([expect.objectContaining({ code: 'RETIRED_ROLE', path: '/states/clinic_check/meta/roles/0' })]);
    expect((await s.gql(`{ roles(regionCode: "${A}") { name } }`, {}, countyAdmin)).data.roles.map((r: any) => r.name)).not.toContain('school_doctor');
    // Defining it again restores the same row.
    const again = await s.gql(`mutation { defineRole(input: { name: "school_doctor", zh: "校医", en: "School doctor", regionCode: "${A}" }) { name retired } }`, {}, countyAdmin);
    expect(again.data.defineRole).toEqual({ name: 'school_doctor', retired: false });
  });

  it('ends a disabled user\'s tokens at once, and a password reset ends them too', async () => {
    const countyAdmin = await s.login('county_admin');
    const created = await s.gql('mutation { createUser(input: { username: "temp_staff", password: "first-password", displayName: "临时人员" }) { username regionCode active } }', {}, countyAdmin);
    expect(created.data.createUser).toEqual({ username: 'temp_staff', regionCode: A, active: true });
    const token = await s.login('temp_staff', 'first-password');
    expect((await s.gql('{ me { username } }', {}, token)).data.me.username).toBe('temp_staff');

    const disabled = await s.gql('mutation { disableUser(username: "temp_staff") { active } }', {}, countyAdmin);
    expect(disabled.data.disableUser.active).toBe(false);
    expect(codeOf(await s.gql('{ me { username } }', {}, token))).toBe('UNAUTHENTICATED');
    const signIn = await s.gql('mutation { login(username: "temp_staff", password: "first-password") { token } }');
    expect(codeOf(signIn)).toBe('UNAUTHENTICATED');

    expect((await s.gql('mutation { enableUser(username: "temp_staff") { active } }', {}, countyAdmin)).data.enableUser.active).toBe(true);
    // Re-enabling does not revive the old token.
    expect(codeOf(await s.gql('{ me { username } }', {}, token))).toBe('UNAUTHENTICATED');
    const fresh = (await s.gql('mutation { login(username: "temp_staff", password: "first-password") { token } }')).data.login.token;
    expect((await s.gql('{ me { username } }', {}, fresh)).data.me.username).toBe('temp_staff');

    const reset = await s.gql('mutation { resetPassword(username: "temp_staff", password: "second-password") { username } }', {}, countyAdmin);
    expect(reset.errors).toBeUndefined();
    expect(codeOf(await s.gql('{ me { username } }', {}, fresh))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.gql('mutation { login(username: "temp_staff", password: "first-password") { token } }'))).toBe('UNAUTHENTICATED');
    expect((await s.gql('mutation { login(username: "temp_staff", password: "second-password") { token } }')).data.login.token).toBeTruthy();

    // A county admin manages only the county's users, and nobody disables themself.
    expect(codeOf(await s.gql('mutation { disableUser(username: "doc_li") { active } }', {}, countyAdmin))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation { disableUser(username: "admin") { active } }', {}, countyAdmin))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation { disableUser(username: "admin") { active } }', {}, await s.login('admin')))).toBe('FORBIDDEN');
  });

  it('creates users in bulk all or nothing, with a problem per row and field', async () => {
    const countyAdmin = await s.login('county_admin');
    const rows = [
      { username: 'bulk_one', name: '批量一', role: 'village_committee', regionCode: A_VILLAGE },
      { username: 'bulk_two', name: '批量二', role: 'village_dentist', regionCode: A_VILLAGE },
      { username: 'bulk_one', name: '批量三', role: 'village_doctor', regionCode: A_VILLAGE },
      { username: 'bulk_four', name: '批量四', role: 'village_committee', regionCode: B_VILLAGE },
      { username: 'Bad Name', name: '', role: 'county_admin', regionCode: '123' },
    ];
    const r = await s.gql(BULK, { rows }, countyAdmin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.messageZh).toBe('5 行中有 4 行有误，未创建任何用户');
    expect(r.errors![0].extensions!.problems!.map((p) => p.path)).toEqual([
      '/rows/1/role', '/rows/2/username', '/rows/3/regionCode', '/rows/4/username', '/rows/4/name', '/rows/4/regionCode',
    ]);
    expect((r.errors![0].extensions!.problems as any[])[0]).toMatchObject({ message: expect.stringContaining('未知角色'), messageEn: expect.stringContaining('unknown role "village_dentist"') });
    expect(await sql("select username from app_user where username like 'bulk%'")).toEqual([]);

    const tooMany = await s.gql(BULK, { rows: Array.from({ length: 501 }, (_, i) => ({ ...rows[0], username: `bulk_${i}` })) }, countyAdmin);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: '/rows' }] });

    const ok = await s.gql(BULK, { rows: [rows[0], { ...rows[2]!, username: 'bulk_three' }] }, countyAdmin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createUsers.map((c: any) => c.user.username)).toEqual(['bulk_one', 'bulk_three']);
  });

  it('lists and searches the users of the caller\'s region only', async () => {
    const countyAdmin = await s.login('county_admin');
    const page = await s.gql('{ users(search: "doc", first: 10) { totalCount edges { node { username active roles { role } } } pageInfo { hasNextPage } } }', {}, countyAdmin);
    expect(page.data.users.edges.map((e: any) => e.node.username)).toEqual(['doc_wang']);
    expect(page.data.users.totalCount).toBe(1);
    const byName = await s.gql('{ users(search: "王大夫") { edges { node { username } } } }', {}, countyAdmin);
    expect(byName.data.users.edges.map((e: any) => e.node.username)).toEqual(['doc_wang']);
    const bPage = await s.gql('{ users(first: 50) { edges { node { username } } } }', {}, await s.login('b_admin', 'b-admin-password'));
    expect(bPage.data.users.edges.map((e: any) => e.node.username).sort()).toEqual(['b_admin', 'b_cadre', 'doc_li']);
    expect(codeOf(await s.gql(`{ users(regionCode: "${A}") { edges { node { username } } } }`, {}, await s.login('b_admin', 'b-admin-password')))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('{ users { edges { node { username } } } }', {}, await s.login('designer')))).toBe('FORBIDDEN');

    // Paging by username: two pages of 2 cover the same users as one page of 4.
    const first = await s.gql('{ users(first: 2) { edges { node { username } } pageInfo { hasNextPage endCursor } } }', {}, countyAdmin);
    expect(first.data.users.pageInfo.hasNextPage).toBe(true);
    const second = await s.gql('query($a: String) { users(first: 2, after: $a) { edges { node { username } } } }', { a: first.data.users.pageInfo.endCursor }, countyAdmin);
    const all = await s.gql('{ users(first: 4) { edges { node { username } } } }', {}, countyAdmin);
    expect([...first.data.users.edges, ...second.data.users.edges].map((e: any) => e.node.username)).toEqual(all.data.users.edges.map((e: any) => e.node.username));
    expect(codeOf(await s.gql('{ users(after: "not-a-cursor!") { edges { node { username } } } }', {}, countyAdmin))).toBe('BAD_USER_INPUT');
  });
});
