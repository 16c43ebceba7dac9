import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';
import { queriesPerRequest } from '../helpers/query-count.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { loadRegisterExample } from '../../server/src/registers/examples.js';
import { sqlExecutor } from '../../server/src/core/sql.js';
import { applyEntryChange, createEntryIn } from '../../server/src/registers/index.js';
import { DEMO_HOUSEHOLDS } from '../../server/src/seed/demo-households.js';
import { contextAs } from '../../server/src/seed/seed-domain.js';
import { createRegisterEntries } from '../../server/src/registers/entry.service.js';

const DONGJIE = '130636100201'; // 蒲阳镇
const XIJIE = '130636100202'; // 蒲阳镇
const WANGGE = '130636102202'; // 腰山镇

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ countQueries: true });
});
afterAll(async () => {
  await s?.stop();
});

// Test persons live in area 110101, so they never meet the demo county's (130636) households.
let seq = 100;
const id = (birth = '19800101') => makeIdCard('110101', birth, String(seq++).padStart(3, '0'));
const member = (name: string, idNumber: string, relation = '之子', extra: Record<string, unknown> = {}) => ({
  name, idNumber, relation, sex: relation === '配偶' || relation === '之女' ? '女' : '男', birthDate: '1990-01-01', schooling: '非在校',
  labourCapacity: '有', health: '健康', insured: true, ...extra,
});
function household(headName: string, headId: string, others: ReturnType<typeof member>[] = [], extra: Record<string, unknown> = {}) {
  const members = [member(headName, headId, '户主'), ...others];
  return { head: { name: headName, idNumber: headId, phone: '13912345678' }, group: '第一村民小组', status: '一般户', householdSize: members.length, perCapitaIncome: 9000, housingGrade: 'A', members, ...extra };
}

const ENTRY = `id version key name status statusTitle statusColor regionCode data canEdit
  persons { idNumber role name pointer }
  changes { seq kind kindTitle kindTitleEn actorName role regionCode comment changes { path before after } applicationReference sourceFile }`;

async function create(user: string, data: unknown, opts: { region?: string; kind?: string; comment?: string; move?: string[]; register?: string } = {}): Promise<GqlResult<any>> {
  return s.gql(
    `mutation($r: String!, $g: String!, $d: JSON!, $k: String!, $c: String, $m: [String!]) {
       createRegisterEntry(registerKey: $r, regionCode: $g, data: $d, kind: $k, comment: $c, movePersons: $m) { ${ENTRY} } }`,
    { r: opts.register ?? 'household', g: opts.region ?? DONGJIE, d: data, k: opts.kind ?? 'new', c: opts.comment, m: opts.move },
    await s.login(user),
  );
}

async function update(user: string, entry: { id: string; version: number }, data: unknown, opts: { kind?: string; comment?: string; move?: string[] } = {}): Promise<GqlResult<any>> {
  return s.gql(
    `mutation($id: ID!, $d: JSON!, $v: Int!, $k: String!, $c: String, $m: [String!]) {
       updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: $k, comment: $c, movePersons: $m) { ${ENTRY} } }`,
    { id: entry.id, d: data, v: entry.version, k: opts.kind ?? 'correction', c: opts.comment, m: opts.move },
    await s.login(user),
  );
}

function ok<T>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

const getEntry = async (user: string, entryId: string) => s.gql(`query($id: ID!) { registerEntry(id: $id) { ${ENTRY} } }`, { id: entryId }, await s.login(user));

describe('register definitions', () => {
  const small = () => {
    const def = structuredClone(loadRegisterExample('household').definition);
    return def;
  };

  it('lets the county designer define and publish a register; published versions are immutable', async () => {
    const designer = await s.login('designer');
    ok(await s.gql('mutation { createRegister(input: { key: "household-b", name: "户籍档案（测试）", regionCode: "130636000000" }) { key } }', {}, designer));
    const saved = ok(await s.gql('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "household-b", definition: $d) { number status statuses { value color } changeKinds { key } filterFields { path many } } }', { d: small() }, designer));
    expect(saved.saveRegisterDraft).toMatchObject({ number: 1, status: 'draft' });
    expect(saved.saveRegisterDraft.filterFields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['/status', '/housingGrade', '/members/*/health']));
    const published = ok(await s.gql('mutation { publishRegister(key: "household-b") { number status publishedAt } }', {}, designer));
    expect(published.publishRegister).toMatchObject({ number: 1, status: 'published' });
    const list = ok(await s.gql('{ registers { key currentVersion { number keyFields editingRoles } } }', {}, await s.login('dongjie_cadre')));
    expect(list.registers.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['household', 'household-b']));
    const conn = s.orm.em.getConnection();
    await expect(conn.execute(`update register_version set schema = '{}' where status = 'published'`)).rejects.toThrow(/cannot change/);
    await expect(conn.execute(`delete from register_version where status = 'published'`)).rejects.toThrow(/cannot be deleted/);
  });

  it('refuses a definition with every problem located, and designers of other roles or counties', async () => {
    const def = small();
    def.statusField = '/nothing';
    def.editingRoles = ['mayor'];
    const r = await s.gql('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "household-b", definition: $d) { number } }', { d: def }, await s.login('designer'));
    expect(codeOf(r)).toBe('SCHEMA_INVALID');
    expect(r.errors![0]!.extensions!.problems!.map((p) => p.path)).toEqual(expect.arrayContaining(['/statusField', '/editingRoles/0']));
    expect(r.errors![0]!.extensions!.messageZh).toMatch(/登记簿定义有误/);
    const cadre = await s.gql('mutation { createRegister(input: { key: "cadre-reg", name: "x", regionCode: "130636000000" }) { key } }', {}, await s.login('dongjie_cadre'));
    expect(codeOf(cadre)).toBe('FORBIDDEN');
    const anon = await s.gql('{ registers { key } }');
    expect(codeOf(anon)).toBe('UNAUTHENTICATED');
  });

  it('refuses to publish a version that would break the programmes acting on the register, saying which and what', async () => {
    const designer = await s.login('designer');
    const def = structuredClone(loadRegisterExample('household').definition) as any;
    // 家庭成员增加 records member_added; 危房改造 maps the 户类别 监测户 in its prefill.
    def.changeKinds = def.changeKinds.filter((k: { key: string }) => k.key !== 'member_added');
    ok(await s.gql('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "household", definition: $d) { number } }', { d: def }, designer));
    const r = await s.gql('mutation { publishRegister(key: "household") { number } }', {}, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const ext = r.errors![0]!.extensions! as any;
    expect(ext.subCode).toBe('BREAKS_PROGRAMMES');
    expect(ext.messageZh).toMatch(/^发布后正在受理的项目将无法使用本登记簿：项目「家庭成员增加（动态管理）」：登记簿 household 没有变更类型 member_added/);
    expect(ext.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['/programmes/household_change/workflow/states/recorded/meta/effectKind']));
    // Nothing was published: the current version is still the first.
    const current = ok(await s.gql('{ register(key: "household") { currentVersion { number changeKinds { key } } } }', {}, designer));
    expect(current.register.currentVersion.number).toBe(1);
    expect(current.register.currentVersion.changeKinds.map((k: { key: string }) => k.key)).toContain('member_added');
    // The same draft with the kind kept publishes.
    ok(await s.gql('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "household", definition: $d) { number } }', { d: loadRegisterExample('household').definition }, designer));
    expect(ok(await s.gql('mutation { publishRegister(key: "household") { number } }', {}, designer)).publishRegister.number).toBe(2);
  });

  it('refuses to publish a version without a status that households still hold, saying how many', async () => {
    const designer = await s.login('designer');
    const def = structuredClone(loadRegisterExample('household').definition) as any;
    def.schema.properties.status.enum = def.schema.properties.status.enum.filter((v: string) => v !== '一般户');
    def.statuses = def.statuses.filter((x: { value: string }) => x.value !== '一般户');
    ok(await s.gql('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "household", definition: $d) { number } }', { d: def }, designer));
    const [{ n }] = await s.orm.em.fork().getConnection().execute(`select count(*)::int as n from register_entry e join register r on r.id = e.register_id where r.key = 'household' and e.status = '一般户'`);
    expect(n).toBeGreaterThan(0);
    const r = await s.gql('mutation { publishRegister(key: "household") { number } }', {}, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const ext = r.errors![0]!.extensions! as any;
    expect(ext.subCode).toBe('STATUS_IN_USE');
    expect(ext.problems).toEqual([{ path: '/statuses', message: `还有 ${n} 户的户类别为“一般户”，新版本没有这一户类别：请先把这些农户改为其他户类别，或在新版本中保留它`, messageEn: expect.stringContaining(`${n} entries still have the status "一般户"`) }]);
    expect(ok(await s.gql('{ register(key: "household") { currentVersion { number } } }', {}, designer)).register.currentVersion.number).toBe(2);
  });
});

describe('entries, their change log and the person index', () => {
  const headId = id('19700203');
  const sonId = id('19950610');
  let entry: any;

  it('creates an entry with one change-log row and indexes its persons', async () => {
    const r = ok(await create('dongjie_cadre', household('张立新', headId, [member('张浩然', sonId)]), { comment: '新识别' }));
    entry = r.createRegisterEntry;
    expect(entry).toMatchObject({ version: 1, key: headId, name: '张立新', status: '一般户', statusTitle: '一般户', statusColor: 'default', regionCode: DONGJIE, canEdit: true });
    expect(entry.persons).toEqual([
      { idNumber: headId, role: 'head', name: '张立新', pointer: '/head/idNumber' },
      { idNumber: sonId, role: 'member', name: '张浩然', pointer: '/members/1/idNumber' },
    ]);
    expect(entry.changes).toHaveLength(1);
    expect(entry.changes[0]).toMatchObject({ seq: 1, kind: 'new', kindTitle: '新识别', actorName: '东街村两委 陈红', role: 'village_committee', regionCode: DONGJIE, comment: '新识别' });
    expect(entry.changes[0].changes).toEqual(expect.arrayContaining([{ path: '/status', before: null, after: '一般户' }]));
  });

  it('records a status and member change with before and after values', async () => {
    const data = structuredClone(entry.data);
    data.status = '监测户';
    data.riskLevel = '黄';
    data.members[1].health = '大病';
    const r = ok(await update('dongjie_cadre', entry, data, { kind: 'monitor', comment: '因病纳入监测' }));
    entry = r.updateRegisterEntry;
    expect(entry).toMatchObject({ version: 2, status: '监测户', statusTitle: '监测户', statusColor: 'orange' });
    const last = entry.changes.at(-1);
    expect(last).toMatchObject({ seq: 2, kind: 'monitor', kindTitle: '纳入监测', kindTitleEn: 'Put under monitoring', comment: '因病纳入监测' });
    expect(last.changes).toEqual([
      { path: '/status', before: '一般户', after: '监测户' },
      { path: '/members/1/health', before: '健康', after: '大病' },
      { path: '/riskLevel', before: null, after: '黄' },
    ]);
  });

  it('validates with the schema and answers BAD_USER_INPUT with JSON pointers; nothing is written', async () => {
    const data = structuredClone(entry.data);
    delete data.riskLevel; // 监测户 needs a risk level
    data.members[1].idNumber = '110101199506100000';
    data.head.phone = '123';
    const r = await update('dongjie_cadre', entry, data);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.problems!.map((p) => p.path).sort()).toEqual(['/head/phone', '/members/1/idNumber', '/riskLevel']);
    expect(ok(await getEntry('dongjie_cadre', entry.id)).registerEntry.version).toBe(2);
    const kind = await update('dongjie_cadre', entry, entry.data, { kind: 'renovation' });
    expect(kind.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ path: '/kind' })]);
  });

  it('answers VERSION_CONFLICT to a stale expectedVersion', async () => {
    const r = await update('dongjie_cadre', { id: entry.id, version: 1 }, entry.data);
    expect(codeOf(r)).toBe('VERSION_CONFLICT');
  });

  it('refuses a second household with the same head ID number', async () => {
    const r = await create('dongjie_cadre', household('张立新', headId), { kind: 'new' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions).toMatchObject({ subCode: 'DUPLICATE', problems: [expect.objectContaining({ path: '/head/idNumber' })] });
    expect(r.errors![0]!.message).toContain('张立新');
  });

  it('refuses a member already in another household, naming that household', async () => {
    const other = household('李秀英', id('19720304'), [member('张浩然', sonId)]);
    const r = await create('dongjie_cadre', other);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const ext = r.errors![0]!.extensions!;
    expect(ext.subCode).toBe('DUPLICATE');
    expect(ext.problems).toEqual([expect.objectContaining({ path: '/members/1/idNumber', message: expect.stringContaining('张立新') })]);
    expect(ext.messageZh).toContain('「张立新」户');
    expect(r.errors![0]!.message).toContain('"张立新"');
    expect(r.errors![0]!.message).not.toContain(headId); // the key is masked in messages
    expect(ext.existingEntries).toEqual([expect.objectContaining({ entryId: entry.id, name: '张立新' })]);
  });

  it('accepts a move: the person leaves the other household in the same transaction, both logged', async () => {
    const other = household('李秀英', id('19720304'), [member('张浩然', sonId, '配偶')], { status: '一般户' });
    const r = ok(await create('dongjie_cadre', other, { kind: 'member_added', comment: '结婚迁入', move: [sonId] }));
    const moved = r.createRegisterEntry;
    expect(moved.persons.map((p: { idNumber: string }) => p.idNumber)).toContain(sonId);
    const left = ok(await getEntry('dongjie_cadre', entry.id)).registerEntry;
    expect(left.version).toBe(3);
    const newest = ok(await s.gql('query($id: ID!) { registerEntry(id: $id) { changes(last: 2) { seq } } }', { id: entry.id }, await s.login('dongjie_cadre')));
    expect(newest.registerEntry.changes).toEqual([{ seq: 2 }, { seq: 3 }]);
    expect(left.data.members).toHaveLength(1);
    expect(left.persons.map((p: { idNumber: string }) => p.idNumber)).toEqual([headId]);
    expect(left.changes.at(-1)).toMatchObject({ kind: 'member_added', comment: expect.stringContaining('成员迁往「李秀英」户'), changes: [expect.objectContaining({ path: '/members/1', after: null })] });
    const person = ok(await s.gql('query($n: String!) { person(idNumber: $n) { role entryId entry { name } } }', { n: sonId.toLowerCase() }, await s.login('dongjie_cadre')));
    expect(person.person).toEqual({ role: 'member', entryId: moved.id, entry: { name: '李秀英' } });
    entry = left;
  });

  it('refuses to move a head of household out of their household', async () => {
    const r = await create('dongjie_cadre', household('赵一', id('19660101'), [member('张立新', headId, '父亲')]), { move: [headId] });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'MOVE_HEAD' });
  });

  it('hides the entry and the person from a village cadre of another township, and lists exclude it', async () => {
    const wangge = await s.login('wangge_cadre');
    expect(codeOf(await s.gql('query($id: ID!) { registerEntry(id: $id) { id } }', { id: entry.id }, wangge))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql('query($n: String!) { person(idNumber: $n) { entryId } }', { n: headId }, wangge))).toBe('NOT_FOUND');
    const search = ok(await s.gql('query($q: String!) { registerEntries(filter: { registerKey: "household", search: $q }) { totalCount } }', { q: headId }, wangge));
    expect(search.registerEntries.totalCount).toBe(0);
    const changed = await update('wangge_cadre', entry, entry.data);
    expect(codeOf(changed)).toBe('NOT_FOUND');
    // The township reviewer above 东街村 sees it; the county office reads but may not edit.
    expect(ok(await getEntry('puyang_reviewer', entry.id)).registerEntry.canEdit).toBe(true);
    expect(ok(await getEntry('county_office', entry.id)).registerEntry.canEdit).toBe(false);
    expect(codeOf(await update('county_office', entry, entry.data))).toBe('FORBIDDEN');
    expect(codeOf(await create('wangge_cadre', household('钱二', id()), { region: DONGJIE }))).toBe('FORBIDDEN');
  });

  it('names only the region of a household outside the actor’s regions', async () => {
    const r = await create('wangge_cadre', household('孙三', id('19810101'), [member('张立新', headId, '父亲')]), { region: WANGGE });
    const ext = r.errors![0]!.extensions!;
    expect(ext.subCode).toBe('DUPLICATE');
    expect(ext.messageZh).toContain('东街村');
    expect(JSON.stringify(r.errors)).not.toContain('张立新"');
    expect(ext.existingEntries).toEqual([{ pointer: '/members/1/idNumber', regionCode: DONGJIE, regionName: '东街村' }]);
  });

  it('keeps the change log append-only in the database', async () => {
    const conn = s.orm.em.getConnection();
    await expect(conn.execute(`update register_change set comment = 'x'`)).rejects.toThrow(/append-only/);
    await expect(conn.execute('delete from register_change')).rejects.toThrow(/append-only/);
    await expect(conn.execute('truncate register_change cascade')).rejects.toThrow(/append-only/);
  });
});

describe('registerEntries', () => {
  const q = `query($f: RegisterEntryFilter!, $first: Int, $after: String) {
    registerEntries(filter: $f, first: $first, after: $after) { totalCount edges { cursor node { id name status regionCode updatedAt } } pageInfo { hasNextPage endCursor } } }`;

  it('pages a village cadre’s own village, newest change first, without repeats', async () => {
    const token = await s.login('wangge_cadre');
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const r: any = ok(await s.gql(q, { f: { registerKey: 'household' }, first: 7, after }, token));
      total = r.registerEntries.totalCount;
      for (const e of r.registerEntries.edges) {
        expect(e.node.regionCode).toBe(WANGGE);
        seen.push(e.node.id);
      }
      if (!r.registerEntries.pageInfo.hasNextPage) break;
      after = r.registerEntries.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(10);
  });

  it('filters by region subtree, status, enum fields and names; an index behind each', async () => {
    const county = await s.login('county_office');
    const all = ok(await s.gql(q, { f: { registerKey: 'household' }, first: 1 }, county)).registerEntries.totalCount;
    expect(all).toBeGreaterThanOrEqual(DEMO_HOUSEHOLDS);
    const township = ok(await s.gql(q, { f: { registerKey: 'household', regionCode: '130636100000' }, first: 100 }, county)).registerEntries;
    expect(township.edges.every((e: any) => e.node.regionCode.startsWith('130636100'))).toBe(true);
    expect(township.totalCount).toBeLessThan(all);
    const monitored = ok(await s.gql(q, { f: { registerKey: 'household', status: '监测户' }, first: 100 }, county)).registerEntries;
    expect(monitored.totalCount).toBeGreaterThan(10);
    expect(monitored.edges.every((e: any) => e.node.status === '监测户')).toBe(true);
    const red = ok(await s.gql(q, { f: { registerKey: 'household', fields: [{ path: '/riskLevel', value: '红' }] }, first: 100 }, county)).registerEntries;
    expect(red.totalCount).toBeGreaterThan(0);
    expect(red.totalCount).toBeLessThan(monitored.totalCount + 2);
    const sick = ok(await s.gql(q, { f: { registerKey: 'household', fields: [{ path: '/members/*/health', value: '大病' }] }, first: 1 }, county)).registerEntries;
    expect(sick.totalCount).toBeGreaterThan(0);
    const byName = ok(await s.gql(q, { f: { registerKey: 'household', search: '李秀' }, first: 10 }, county)).registerEntries;
    expect(byName.edges.map((e: any) => e.node.name)).toContain('李秀英');
    const bad = await s.gql(q, { f: { registerKey: 'household', fields: [{ path: '/head/name', value: 'x' }] } }, county);
    expect(bad.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ path: '/filter/fields/0/path' })]);
    expect(codeOf(await s.gql(q, { f: { registerKey: 'household' }, after: 'bm90LWEtY3Vyc29y' }, county))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(q, { f: { registerKey: 'household', search: '100%' } }, county))).toBeUndefined();
  });

  it('finds a household by a full or masked ID number of any member', async () => {
    const county = await s.login('county_office');
    const first = ok(await s.gql('{ registerEntries(filter: { registerKey: "household", regionCode: "130636102201" }, first: 1) { edges { node { id persons { idNumber } } } } }', {}, county)).registerEntries.edges[0].node;
    const last = first.persons.at(-1).idNumber as string;
    const masked = `${last.slice(0, 4)}**********${last.slice(14)}`;
    for (const search of [last, masked]) {
      const r = ok(await s.gql(q, { f: { registerKey: 'household', search }, first: 20 }, county)).registerEntries;
      expect(r.edges.map((e: any) => e.node.id)).toContain(first.id);
    }
  });

  it('costs the same number of statements for 1 and 25 entries with persons, titles and changes', async () => {
    const token = await s.login('county_office');
    const list = (n: number) => s.gql(`{ registerEntries(filter: { registerKey: "household" }, first: ${n}) { edges { node { id statusTitle statusColor canEdit region { name } persons { idNumber } changes(first: 5) { kindTitle } } } } }`, {}, token);
    const count = (n: number) => queriesPerRequest(s, () => list(n));
    expect(await count(25)).toBe(await count(1));
  });
});

describe('a retired register', () => {
  it('keeps its entries readable and refuses every change', async () => {
    const designer = await s.login('designer');
    const def = loadRegisterExample('household').definition;
    ok(await s.gql('mutation { createRegister(input: { key: "household-old", name: "旧户籍档案", regionCode: "130636000000" }) { key } }', {}, designer));
    ok(await s.gql('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "household-old", definition: $d) { number } }', { d: def }, designer));
    ok(await s.gql('mutation { publishRegister(key: "household-old") { number } }', {}, designer));
    const e = ok(await create('dongjie_cadre', household('周五', id('19770707')), { register: 'household-old', kind: 'import' })).createRegisterEntry;
    ok(await s.gql('mutation { retireRegister(key: "household-old") { status } }', {}, designer));
    const r = await update('dongjie_cadre', e, { ...e.data, status: '低保户' });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'REGISTER_RETIRED' });
    expect(codeOf(await create('dongjie_cadre', household('吴六', id()), { register: 'household-old' }))).toBe('BAD_USER_INPUT');
    expect(ok(await getEntry('dongjie_cadre', e.id)).registerEntry).toMatchObject({ version: 1, canEdit: false });
  });

  it('is not retired while programmes act on it, naming them', async () => {
    const r = await s.gql('mutation { retireRegister(key: "household") { status } }', {}, await s.login('designer'));
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'REGISTER_IN_USE' });
    expect(r.errors![0]!.extensions!.messageZh).toMatch(/^仍有项目使用本登记簿：.*「农村最低生活保障」.*请先停用这些项目$/);
    expect((r.errors![0]!.extensions!.problems as { path: string }[]).map((p) => p.path)).toContain('/programmes/dibao');
    expect(ok(await s.gql('{ register(key: "household") { status } }', {}, await s.login('designer'))).register.status).toBe('active');
  });
});

describe('creating many entries at once (imports, the demo seed)', () => {
  it('writes all or nothing, locating every problem by entry', async () => {
    const ctx = await contextAs(s.services, 'puyang_reviewer');
    const twin = id('19850505');
    const items = [
      { regionCode: DONGJIE, data: household('陈一', id('19600101')), kind: 'import' },
      { regionCode: XIJIE, data: household('陈二', id('19600102'), [member('陈小二', twin)]), kind: 'import' },
      { regionCode: XIJIE, data: household('陈三', id('19600103'), [member('陈小三', twin)]), kind: 'import' },
      { regionCode: XIJIE, data: { ...household('陈四', id('19600104')), status: '富裕户' }, kind: 'import' },
    ];
    const refused = await createRegisterEntries(ctx, 'household', items, '2026年动态调整.xlsx').catch((e) => e);
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.details.problems.map((p: { path: string }) => p.path)).toEqual(['/entries/2/members/1/idNumber', '/entries/3/status']);
    const before = ok(await s.gql('{ registerEntries(filter: { registerKey: "household", search: "陈一" }) { totalCount } }', {}, await s.login('puyang_reviewer')));
    expect(before.registerEntries.totalCount).toBe(0);

    ctx.em.clear();
    const created = await createRegisterEntries(ctx, 'household', items.slice(0, 2), '2026年动态调整.xlsx');
    expect(created.map((e) => e.name)).toEqual(['陈一', '陈二']);
    const view = ok(await getEntry('puyang_reviewer', created[1]!.id)).registerEntry;
    expect(view.persons.map((p: { name: string }) => p.name)).toEqual(['陈二', '陈小二']);
    expect(view.changes).toEqual([expect.objectContaining({ seq: 1, kind: 'import', role: 'township_reviewer', regionCode: '130636100000', sourceFile: '2026年动态调整.xlsx' })]);
    const again = await createRegisterEntries(ctx, 'household', [items[2]!]).catch((e) => e);
    expect(again.details).toMatchObject({ subCode: 'DUPLICATE', problems: [expect.objectContaining({ path: '/entries/0/members/1/idNumber', message: expect.stringContaining('陈二') })] });
    const outside = await createRegisterEntries(ctx, 'household', [{ regionCode: WANGGE, data: household('陈五', id('19600105')), kind: 'import' }]).catch((e) => e);
    expect(outside.code).toBe('FORBIDDEN');
  });
});

describe('the functions workflow effects will call', () => {
  it('applyEntryChange sets fields on the given transaction and logs the application; createEntryIn files a household', async () => {
    const em = s.orm.em.fork();
    const actor = { id: null, name: '系统（测试）', role: 'county_office', regionCode: '130636000000' };
    const headId = id('19820808');
    const created = await em.transactional((tem) => createEntryIn(sqlExecutor(tem), 'household', { code: XIJIE, path: '130000000000/130600000000/130636000000/130636100000/130636100202/' }, household('冯七', headId), actor, 'new'));
    const [app] = await em.getConnection().execute<{ id: string; reference: string }[]>(`select id, reference from application where programme_key = 'monitoring' limit 1`);
    const changed = await em.transactional((tem) => applyEntryChange(sqlExecutor(tem), created.id, [{ path: '/status', value: '监测户' }, { path: '/riskLevel', value: '红' }], actor, 'monitor', { application: app! }));
    expect(changed).toMatchObject({ version: 2, status: '监测户' });
    const invalid = await em.transactional((tem) => applyEntryChange(sqlExecutor(tem), created.id, [{ path: '/riskLevel' }], actor, 'correction')).catch((e) => e);
    expect(invalid.details.problems).toEqual([expect.objectContaining({ path: '/riskLevel' })]);
    const view = ok(await getEntry('county_office', created.id)).registerEntry;
    expect(view.version).toBe(2);
    expect(view.changes.map((c: { kind: string }) => c.kind)).toEqual(['new', 'monitor']);
    expect(view.changes[1]).toMatchObject({ applicationReference: app!.reference, actorName: '系统（测试）', changes: [{ path: '/status', before: '一般户', after: '监测户' }, { path: '/riskLevel', before: null, after: '红' }] });
  });
});
