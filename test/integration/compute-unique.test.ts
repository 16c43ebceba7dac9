import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import pg from 'pg';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp } from '../helpers/programmes.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

/** The ```json <name> block of a docs page, parsed exactly as written. */
function block(page: string, name: string): any {
  const doc = fs.readFileSync(`docs/${page}`, 'utf8');
  const match = new RegExp('```json ' + name + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!match) throw new Error(`docs/${page} has no json ${name} block`);
  return JSON.parse(match[1]!);
}
const workflow = JSON.parse(fs.readFileSync('docs/examples/welfare-job.workflow.json', 'utf8'));
const VILLAGE = '130636100201';

async function publishProgramme(key: string, name: string, formSchema: unknown, regionCode = '130636000000', user = 'designer') {
  const token = await s.login(user);
  const created = await s.gql('mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key, name, regionCode } }, token);
  expect(created.errors).toBeUndefined();
  const saved = await s.gql('mutation($k: String!, $f: JSON!, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, workflow: $w) { number } }', { k: key, f: formSchema, w: workflow }, token);
  if (saved.errors) return saved;
  return s.gql('mutation($k: String!) { publishProgramme(key: $k) { status } }', { k: key }, token);
}

async function submit(app: { id: string; version: number }) {
  return s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state version data } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
}

describe('x-compute: the worked example in docs/form-keywords.md', () => {
  it('publishes as written and recomputes every computed field the client sent wrong', async () => {
    const published = await publishProgramme('relief-compute', '临时救助（计算示例）', block('form-keywords.md', 'compute-form'));
    expect(published.errors).toBeUndefined();
    const sent = block('form-keywords.md', 'compute-sent');
    const stored = block('form-keywords.md', 'compute-stored');

    const app = await createApp(s, 'dongjie_cadre', 'relief-compute', VILLAGE, sent);
    expect(app.data).toEqual(stored);
    const cadre = await s.login('dongjie_cadre');
    const saved = await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version data } }',
      { id: app.id, d: { ...stored, aidAmount: 1, householdSize: 9 }, v: app.version }, cadre);
    expect(saved.data.saveApplication.data).toEqual(stored);

    // One member more (a reviewer's view of the same household): size, per-capita income and amount follow.
    const bigger = { ...sent, members: [...sent.members, { name: '郭老汉', monthlyIncome: 2000 }] };
    const resaved = await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version data } }',
      { id: app.id, d: bigger, v: saved.data.saveApplication.version }, cadre);
    expect(resaved.data.saveApplication.data).toMatchObject({ householdSize: 5, perCapitaIncome: 6000, aidAmount: 0 });
    const submitted = await submit({ id: app.id, version: resaved.data.saveApplication.version });
    expect(submitted.data.submitApplication).toMatchObject({ state: 'village_review', data: { householdSize: 5, aidAmount: 0 } });
  });

  it('recomputes on a reviewer\'s edit: the computed fields follow, a value sent for them is replaced', async () => {
    const reviewed = structuredClone(workflow);
    reviewed.states.village_review.meta.editable = ['/members'];
    const designer = await s.login('designer');
    await s.gql('mutation { createProgramme(input: { key: "relief-review", name: "临时救助（审查改数）", regionCode: "130636000000" }) { key } }', {}, designer);
    const saved = await s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "relief-review", formSchema: $f, workflow: $w) { number } }', { f: block('form-keywords.md', 'compute-form'), w: reviewed }, designer);
    expect(saved.errors).toBeUndefined();
    expect((await s.gql('mutation { publishProgramme(key: "relief-review") { status } }', {}, designer)).errors).toBeUndefined();

    const sent = block('form-keywords.md', 'compute-sent');
    const app = await createApp(s, 'dongjie_cadre', 'relief-review', VILLAGE, { ...sent, head: { ...sent.head, idNumber: makeIdCard('130636', '19750101', '031') } });
    const submitted = await submit(app);
    const members = sent.members.map((m: { name: string; monthlyIncome: number }) => ({ name: m.name, monthlyIncome: m.monthlyIncome * 10 }));
    const edited = await act(s, 'dongjie_cadre', { id: app.id, version: submitted.data.submitApplication.version }, 'APPROVE', { data: { members, aidAmount: 3000, perCapitaIncome: 1 } });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.transitionApplication.data).toMatchObject({ householdSize: 4, perCapitaIncome: 15000, aidAmount: 0, members: [{ annualIncome: 36000 }, { annualIncome: 24000 }, { annualIncome: 0 }, { annualIncome: 0 }] });
    const history = edited.data!.transitionApplication.history.at(-1)!;
    expect(history.changedFields).toEqual(expect.arrayContaining(['/members', '/perCapitaIncome', '/aidAmount']));
  });

  it('refuses a save whose computations exceed their budget, and stays up', async () => {
    const app = await createApp(s, 'dongjie_cadre', 'relief-compute', VILLAGE, {});
    const members = Array.from({ length: 12_000 }, () => ({ monthlyIncome: 1 }));
    const r = await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version } }', { id: app.id, d: { members }, v: app.version }, await s.login('dongjie_cadre'));
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'COMPUTE_REFUSED' });
    expect(r.errors![0].extensions!.messageZh).toContain('超出计算限制');
    expect((r.errors![0].extensions!.problems![0] as { path: string }).path).toMatch(/^\/members\/\d+\/annualIncome$|^\/perCapitaIncome$/);
    const again = await s.gql('query($id: ID!) { application(id: $id) { version } }', { id: app.id }, await s.login('dongjie_cadre'));
    expect(again.data.application.version).toBe(app.version);
  });

  it('refuses an unknown field and a cycle at save, with the pointer of the offending keyword in both languages', async () => {
    const form = block('form-keywords.md', 'compute-form');
    const designer = await s.login('designer');
    await s.gql('mutation { createProgramme(input: { key: "relief-broken", name: "坏的计算", regionCode: "130636000000" }) { key } }', {}, designer);
    const save = (f: unknown) => s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "relief-broken", formSchema: $f, workflow: $w) { number } }', { f, w: workflow }, designer);

    const unknown = structuredClone(form);
    unknown.properties.perCapitaIncome['x-compute']['/'][1] = { var: 'houseSize' };
    const r1 = await save(unknown);
    expect(codeOf(r1)).toBe('SCHEMA_INVALID');
    expect(r1.errors![0].extensions!.problems).toEqual([{
      path: '/formSchema/properties/perCapitaIncome/x-compute/~1/1/var',
      message: '计算引用了表单中不存在的字段 "houseSize"',
      messageEn: 'the computation reads "houseSize", which is not a field of this form',
    }]);

    const cyclic = structuredClone(form);
    cyclic.properties.householdSize['x-compute'] = { '+': [{ var: 'aidAmount' }, 1] };
    const r2 = await save(cyclic);
    expect(codeOf(r2)).toBe('SCHEMA_INVALID');
    const problems = r2.errors![0].extensions!.problems as { path: string; message: string; messageEn: string }[];
    expect(problems.map((p) => p.path).sort()).toEqual([
      '/formSchema/properties/aidAmount/x-compute', '/formSchema/properties/householdSize/x-compute', '/formSchema/properties/perCapitaIncome/x-compute',
    ]);
    expect(problems[0]!.message).toContain('循环');
    expect(problems[0]!.messageEn).toContain('cycle');
  });
});

describe('x-unique with scope and group: the worked example in docs/programme-authoring.md', () => {
  const student = { name: '马小明', idNumber: makeIdCard('130636', '20100301', '013') };
  let springRef = '';

  it('publishes two programmes of one group', async () => {
    const form = block('programme-authoring.md', 'student-aid-form');
    expect((await publishProgramme('student-aid', '学生资助', form)).errors).toBeUndefined();
    expect((await publishProgramme('education-grant', '教育补助', form)).errors).toBeUndefined();
  });

  it('lets the same student file in two terms, not twice in one term, nor in another programme of the group', async () => {
    const spring = await createApp(s, 'dongjie_cadre', 'student-aid', VILLAGE, { student, term: '2026年春季学期', level: '高中', amount: 99999 });
    expect(spring.data.amount).toBe(1000);
    const springDone = await submit(spring);
    expect(springDone.data.submitApplication.state).toBe('village_review');
    springRef = spring.reference;

    const autumn = await createApp(s, 'dongjie_cadre', 'student-aid', VILLAGE, { student, term: '2026年秋季学期', level: '高中' });
    expect((await submit(autumn)).data.submitApplication.state).toBe('village_review');

    const again = await createApp(s, 'dongjie_cadre', 'student-aid', VILLAGE, { student: { ...student, idNumber: student.idNumber.toLowerCase() }, term: '2026年春季学期', level: '初中' });
    const refused = await submit(again);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE', existingReference: springRef, existingProgramme: 'student-aid' });
    expect(refused.errors![0].message).toContain(springRef);
    expect(refused.errors![0].extensions!.messageZh).toContain(`已有在办申请 ${springRef}（学生资助，2026年春季学期）`);
    expect(refused.errors![0].extensions!.problems![0]).toMatchObject({ path: '/student/idNumber' });

    const elsewhere = await createApp(s, 'dongjie_cadre', 'education-grant', VILLAGE, { student, term: '2026年春季学期', level: '高中' });
    const refusedElsewhere = await submit(elsewhere);
    expect(refusedElsewhere.errors![0].extensions).toMatchObject({ subCode: 'DUPLICATE', existingReference: springRef, existingProgramme: 'student-aid' });
    expect(refusedElsewhere.errors![0].extensions!.messageZh).toContain('学生资助');

    // Rejected, the spring application frees the term for the other programme.
    const rejected = await act(s, 'dongjie_cadre', { id: spring.id, version: springDone.data.submitApplication.version }, 'REJECT', { comment: '改由教育补助资助' });
    expect(rejected.data!.transitionApplication.status).toBe('REJECTED');
    expect((await submit(elsewhere)).data.submitApplication.state).toBe('village_review');
  });

  it('lets exactly one of two concurrent submits for one student and term win', async () => {
    const other = { name: '马小红', idNumber: makeIdCard('130636', '20110502', '024') };
    const a = await createApp(s, 'dongjie_cadre', 'student-aid', VILLAGE, { student: other, term: '2026年秋季学期', level: '小学' });
    const b = await createApp(s, 'dongjie_cadre', 'education-grant', VILLAGE, { student: other, term: '2026年秋季学期', level: '小学' });
    const results = await Promise.all([submit(a), submit(b)]);
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0].extensions).toMatchObject({ subCode: 'DUPLICATE' });
    const claims = await s.gql('query($id: ID!) { application(id: $id) { status } }', { id: (won[0] === results[0] ? a : b).id }, await s.login('dongjie_cadre'));
    expect(claims.data.application.status).not.toBe('DRAFT');
  });

  it('claims long values by their hash: equal long values still collide, nothing fails', async () => {
    const form = block('programme-authoring.md', 'student-aid-form');
    form.properties.term = { type: 'string', title: '学期（自由填写）' };
    form.properties.student.properties.idNumber['x-unique'] = { scope: ['/term'] };
    expect((await publishProgramme('student-aid-free', '学生资助（自由学期）', form)).errors).toBeUndefined();
    const term = '学期'.repeat(3000);
    const first = await createApp(s, 'dongjie_cadre', 'student-aid-free', VILLAGE, { student, term, level: '小学' });
    expect((await submit(first)).errors).toBeUndefined();
    const second = await createApp(s, 'dongjie_cadre', 'student-aid-free', VILLAGE, { student, term, level: '小学' });
    const refused = await submit(second);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE', existingReference: first.reference });
    const messageZh = String(refused.errors![0].extensions!.messageZh);
    // Names the case that holds the value, in a sentence (not a dump of the form).
    expect(messageZh).toContain(first.reference);
    expect(messageZh.length <= 300, messageZh).toBe(true);
  });

  it('keys a claim migrated from the old table (migration 011) exactly as new claims are keyed', async () => {
    // Migration 011 turned each existing (programme, pointer, value) claim into claim 'p:<programme>:<pointer>', scope ''.
    const id = makeIdCard('130636', '19660606', '047');
    const holder = await createApp(s, 'dongjie_cadre', 'relief-compute', VILLAGE, { ...block('form-keywords.md', 'compute-sent'), head: { name: '旧案', idNumber: id } });
    const db = new pg.Client({ connectionString: s.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `insert into application_unique (claim, scope, value, programme_id, pointer, application_id)
         select 'p:' || a.programme_id || ':' || '/head/idNumber', '', $2, a.programme_id, '/head/idNumber', a.id from application a where a.id = $1`,
        [holder.id, id],
      );
    } finally {
      await db.end();
    }
    const newer = await createApp(s, 'dongjie_cadre', 'relief-compute', VILLAGE, { ...block('form-keywords.md', 'compute-sent'), head: { name: '新案', idNumber: id } });
    const refused = await submit(newer);
    expect(refused.errors![0].extensions).toMatchObject({ subCode: 'DUPLICATE', existingReference: holder.reference, existingProgramme: 'relief-compute' });
  });

  it('refuses a scope naming an unknown field, and a group another county uses, with pointers', async () => {
    const form = block('programme-authoring.md', 'student-aid-form');
    const unknownScope = structuredClone(form);
    unknownScope.properties.student.properties.idNumber['x-unique'] = { scope: ['/year'] };
    const r1 = await publishProgramme('student-aid-year', '学生资助（年度）', unknownScope);
    expect(codeOf(r1)).toBe('SCHEMA_INVALID');
    expect(r1.errors![0].extensions!.problems).toEqual([{
      path: '/formSchema/properties/student/properties/idNumber/x-unique/scope/0',
      message: 'scope 引用了表单中不存在的字段 "/year"', messageEn: 'scope names "/year", which is not a field of this form',
    }]);

    const admin = await s.login('admin');
    const imported = await s.gql('mutation($r: [RegionInput!]!) { importRegions(regions: $r) }', { r: [{ code: '130637000000', name: '邻县', level: 'county', parentCode: '130600000000' }] }, admin);
    expect(imported.errors).toBeUndefined();
    const r2 = await publishProgramme('neighbour-aid', '邻县学生资助', form, '130637000000', 'admin');
    expect(codeOf(r2)).toBe('SCHEMA_INVALID');
    const problem = r2.errors![0].extensions!.problems![0] as { path: string; message: string; messageEn: string };
    expect(problem.path).toBe('/formSchema/properties/student/properties/idNumber/x-unique/group');
    expect(problem.message).toContain('education-aid');
    expect(problem.messageEn).toContain('another county');
  });
});
