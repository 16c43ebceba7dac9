/**
 * Exports, ledger layouts and bulk actions over real HTTP: files are read back with exceljs and
 * compared field by field with what GraphQL says about the same cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import zlib from 'node:zlib';
import ExcelJS from '../../server/src/imports/exceljs.js';
import type * as XL from 'exceljs';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { rawRequest } from '../helpers/raw-http.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

let s: TestServer;
const DONGJIE = '130636100201';
const cases: Array<{ id: string; reference: string; version: number }> = [];

function dibao(i: number) {
  const example = JSON.parse(fs.readFileSync('schemas/dibao.json', 'utf8')).example;
  return {
    ...example,
    head: { ...example.head, name: `测试户${'甲乙丙丁'[i]}`, idNumber: makeIdCard('130636', `1960010${i + 1}`, String(700 + i)) },
    members: [...example.members, { name: `成员${i}`, relation: '之女', health: '残疾' }],
  };
}

async function download(path: string, token?: string): Promise<{ status: number; body: Buffer; type: string | null; disposition: string | null }> {
  const res = await fetch(`${s.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

async function workbook(body: Buffer): Promise<XL.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A sheet as header → value records. */
function records(ws: XL.Worksheet): Array<Record<string, unknown>> {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

/** Sheets of cases (not of members: those have 序号 second). */
const mainSheets = (wb: XL.Workbook) => wb.worksheets.filter((w) => w.getRow(1).getCell(2).value !== '序号');

beforeAll(async () => {
  s = await startTestServer();
  const cadre = await s.login('dongjie_cadre');
  for (let i = 0; i < 3; i++) {
    const created = await s.gql('mutation($d: JSON!) { createApplication(programmeKey: "dibao", regionCode: "130636100201", data: $d) { id version } }', { d: dibao(i) }, cadre);
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data.createApplication;
    const submitted = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id reference version } }', { id, v: version }, cadre);
    expect(submitted.errors).toBeUndefined();
    cases.push(submitted.data.submitApplication);
  }
  // A date field filled by the village: it must arrive as a date cell.
  const c = cases[0]!;
  const edited = await s.gql(
    'mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v, data: { appraisal: { meetingDate: "2026-11-20", attendees: 30, votesFor: 28, votesAgainst: 2 } }) { version state } }',
    { id: c.id, v: c.version }, cadre,
  );
  expect(edited.errors).toBeUndefined();
  c.version = edited.data.transitionApplication.version;
});
afterAll(async () => {
  await s?.stop();
});

describe('list export', () => {
  it('holds every form field under its title, labels, dates and the members sheet', async () => {
    const cadre = await s.login('dongjie_cadre');
    const filter = { programmeKey: 'dibao' };
    const file = await download(`/exports/applications.xlsx?filter=${encodeURIComponent(JSON.stringify(filter))}`, cadre);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    expect(decodeURIComponent(file.disposition ?? '')).toContain('农村最低生活保障');
    const wb = await workbook(file.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['农村最低生活保障', '农村最低生活保障-共同生活的家庭成员']);
    const rows = records(wb.worksheets[0]!);

    // The same cases as the GraphQL list with the same filter, in the same order.
    const list = await s.gql('query($f: ApplicationFilter) { applications(filter: $f, first: 100) { totalCount edges { node { reference data stateTitle status region { name } } } } }', { f: filter }, cadre);
    expect(rows.map((r) => r['编号'])).toEqual(list.data.applications.edges.map((e: any) => e.node.reference));

    const ours = rows.find((r) => r['编号'] === cases[0]!.reference)!;
    expect(ours).toMatchObject({ 户主姓名: '测试户甲', 户主身份证号: dibao(0).head.idNumber, 困难类别: '因病', '家庭人口（人）': 2, '乡镇（街道）': '蒲阳镇', '村（社区）': '东街村', 地区代码: DONGJIE, 当前环节: '村内公示', 状态: '公示中' });
    expect(ours['评议日期']).toBeInstanceOf(Date);
    expect((ours['评议日期'] as Date).toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(ours['提交时间']).toBeInstanceOf(Date);

    const members = records(wb.worksheets[1]!).filter((r) => r['编号'] === cases[0]!.reference);
    expect(members).toEqual([
      { 编号: cases[0]!.reference, 序号: 1, 姓名: '周桂芬', 与户主关系: '户主', 健康状况: '慢性病' },
      { 编号: cases[0]!.reference, 序号: 2, 姓名: '刘小东', 与户主关系: '之子', 健康状况: '健康' },
      { 编号: cases[0]!.reference, 序号: 3, 姓名: '成员0', 与户主关系: '之女', 健康状况: '残疾' },
    ]);
  });

  it('labels enum values (是/否) from the uiSchema', async () => {
    const admin = await s.login('admin');
    const wb = await workbook((await download(`/exports/applications.xlsx?filter=${encodeURIComponent('{"programmeKey":"yulu"}')}`, admin)).body);
    const rows = records(wb.worksheets[0]!);
    expect(rows.length).toBeGreaterThan(0);
    const registered = Object.keys(rows[0]!).find((h) => h.includes('建档立卡') || h.includes('监测户'));
    expect(registered).toBeDefined();
    for (const r of rows) expect(['是', '否', null]).toContain(r[registered!]);
  });

  it("keeps to the reader's region: a village cadre's file holds only their village", async () => {
    const cadre = await s.login('dongjie_cadre');
    const admin = await s.login('admin');
    const mine = records((await workbook((await download('/exports/applications.xlsx', cadre)).body)).worksheets[0]!);
    const all = mainSheets(await workbook((await download('/exports/applications.xlsx', admin)).body));
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) expect(r['地区代码']).toBe(DONGJIE);
    const allRows = all.flatMap(records);
    expect(allRows.some((r) => r['地区代码'] !== DONGJIE)).toBe(true);
    const total = await s.gql('{ applications(first: 1) { totalCount } }', {}, admin);
    expect(allRows.length).toBe(total.data.applications.totalCount);
  });

  it('exports my tasks, CSV with a byte-order mark, and refuses strangers and bad filters', async () => {
    const cadre = await s.login('dongjie_cadre');
    // One sheet per programme in the inbox (each with its own form's fields).
    const tasks = mainSheets(await workbook((await download('/exports/tasks.xlsx', cadre)).body)).flatMap(records);
    const inbox = await s.gql('{ myTasks(first: 100) { edges { node { reference } } } }', {}, cadre);
    expect(tasks.map((r) => r['编号']).sort()).toEqual(inbox.data.myTasks.edges.map((e: any) => e.node.reference).sort());

    const csv = await download(`/exports/applications.csv?filter=${encodeURIComponent('{"programmeKey":"dibao"}')}`, cadre);
    expect(csv.status).toBe(200);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFF编号,申请人,')).toBe(true);
    expect(text).toContain(cases[1]!.reference);
    // Compressed for a client that takes it, the same bytes once undone (fetch above undid it too).
    const gz = await rawRequest(`${s.url}/exports/applications.csv?filter=${encodeURIComponent('{"programmeKey":"dibao"}')}`, { headers: { authorization: `Bearer ${cadre}`, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString('utf8')).toBe(text);
    const xlsx = await rawRequest(`${s.url}/exports/tasks.xlsx`, { headers: { authorization: `Bearer ${cadre}`, 'accept-encoding': 'gzip, br' } });
    expect(xlsx.headers['content-encoding']).toBeUndefined(); // a workbook is a ZIP already

    expect((await download('/exports/applications.xlsx')).status).toBe(401);
    const bad = await download(`/exports/applications.xlsx?filter=${encodeURIComponent('{"colour":"red"}')}`, cadre);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).errors[0].extensions.problems[0].path).toBe('/filter/colour');
  });
});

describe('register entries export', () => {
  it("holds the entry list's rows for the reader's region, fields by title, members on their own sheet", async () => {
    const cadre = await s.login('dongjie_cadre');
    const filter = { registerKey: 'household' };
    const file = await download(`/exports/register-entries.xlsx?filter=${encodeURIComponent(JSON.stringify(filter))}`, cadre);
    expect(file.status).toBe(200);
    const wb = await workbook(file.body);
    const rows = records(wb.worksheets[0]!);
    const list = await s.gql('query($f: RegisterEntryFilter!) { registerEntries(filter: $f, first: 100) { totalCount edges { node { name regionCode data } } } }', { f: filter }, cadre);
    expect(rows.length).toBe(list.data.registerEntries.totalCount);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r['地区代码']).toBe(DONGJIE);
    const first = list.data.registerEntries.edges[0].node;
    expect(rows[0]).toMatchObject({ 名称: first.name, 户主姓名: first.data.head.name, 户类别: first.data.status, '村（社区）': '东街村' });
    const members = records(wb.worksheets[1]!);
    expect(members.length).toBe(list.data.registerEntries.edges.reduce((n: number, e: any) => n + e.node.data.members.length, 0));
    expect(members[0]!['序号']).toBe(1);

    const bad = await download(`/exports/register-entries.xlsx?filter=${encodeURIComponent('{"registerKey":"household","status":"nope"}')}`, cadre);
    expect(bad.status).toBe(400);
  });
});

describe('ledger layouts', () => {
  const layout = {
    name: 'term-ledger',
    title: '低保对象花名册',
    columns: [
      { field: '@reference' },
      { field: '@village', title: '村' },
      { field: '/head/name', title: '户主' },
      { field: '/members/*/name', title: '家庭成员' },
      { field: '/perCapitaIncome' },
      { field: '@status' },
    ],
  };

  it('refuses unknown fields with their pointer, in both languages, and non-designers', async () => {
    const designer = await s.login('designer');
    const r = await s.gql('mutation($i: LedgerInput!) { defineLedger(programmeKey: "dibao", input: $i) { name } }', { i: { ...layout, columns: [{ field: '/head/name' }, { field: '/head/nickname' }, { field: '@colour' }] } }, designer);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.messageZh).toBeTruthy();
    expect(r.errors![0]!.extensions!.problems).toEqual([
      { path: '/input/columns/1/field', message: '表单中没有字段 /head/nickname', messageEn: 'the form has no field /head/nickname' },
      expect.objectContaining({ path: '/input/columns/2/field' }),
    ]);
    const cadre = await s.login('dongjie_cadre');
    expect(codeOf(await s.gql('mutation($i: LedgerInput!) { defineLedger(programmeKey: "dibao", input: $i) { name } }', { i: layout }, cadre))).toBe('FORBIDDEN');
  });

  it('lists the fields a column may show: case fields, form fields, member fields under their list', async () => {
    const fields = (await s.gql('{ ledgerFields(programmeKey: "dibao") { field title kind group } }', {}, await s.login('designer'))).data.ledgerFields;
    expect(fields[0]).toEqual({ field: '@reference', title: '编号', kind: 'case', group: null });
    expect(fields).toContainEqual({ field: '/head/name', title: '户主姓名', kind: 'form', group: null });
    expect(fields).toContainEqual({ field: '/members/*/name', title: '姓名', kind: 'member', group: '共同生活的家庭成员' });
    // Every field listed is one defineLedger accepts.
    const all = { name: 'every-field', title: '全部字段', columns: fields.map((f: any) => ({ field: f.field })) };
    const defined = await s.gql('mutation($i: LedgerInput!) { defineLedger(programmeKey: "dibao", input: $i) { columns { field } } }', { i: all }, await s.login('designer'));
    expect(defined.errors).toBeUndefined();
    expect(defined.data.defineLedger.columns).toHaveLength(fields.length);
    expect((await s.gql('mutation { retireLedger(programmeKey: "dibao", name: "every-field") { name } }', {}, await s.login('designer'))).errors).toBeUndefined();
    expect(codeOf(await s.gql('{ ledgerFields(programmeKey: "dibao") { field } }', {}))).toBe('UNAUTHENTICATED');
  });

  it('defines, lists, exports in its order and titles, and retires', async () => {
    const designer = await s.login('designer');
    const defined = await s.gql('mutation($i: LedgerInput!) { defineLedger(programmeKey: "dibao", input: $i) { name title columns { field title } } }', { i: layout }, designer);
    expect(defined.errors).toBeUndefined();
    expect(defined.data.defineLedger.columns.map((c: any) => c.title)).toEqual(['编号', '村', '户主', '家庭成员', '家庭月人均收入（元/月）', '状态']);
    const cadre = await s.login('dongjie_cadre');
    expect((await s.gql('{ ledgers(programmeKey: "dibao") { name } }', {}, cadre)).data.ledgers).toEqual([{ name: 'term-ledger' }]);

    const file = await download(`/exports/applications.xlsx?ledger=term-ledger&filter=${encodeURIComponent('{"programmeKey":"dibao"}')}`, cadre);
    expect(file.status).toBe(200);
    const wb = await workbook(file.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['低保对象花名册']);
    const rows = records(wb.worksheets[0]!);
    expect(Object.keys(rows[0]!)).toEqual(['编号', '村', '户主', '家庭成员', '家庭月人均收入（元/月）', '状态']);
    expect(rows.find((r) => r['编号'] === cases[1]!.reference)).toEqual({ 编号: cases[1]!.reference, 村: '东街村', 户主: '测试户乙', 家庭成员: '周桂芬、刘小东、成员1', '家庭月人均收入（元/月）': 410, 状态: '审核中' });

    expect((await download('/exports/applications.xlsx?ledger=nope&filter=%7B%22programmeKey%22%3A%22dibao%22%7D', cadre)).status).toBe(404);
    expect((await s.gql('mutation { retireLedger(programmeKey: "dibao", name: "term-ledger") { name } }', {}, designer)).errors).toBeUndefined();
    expect((await s.gql('{ ledgers(programmeKey: "dibao") { name } }', {}, cadre)).data.ledgers).toEqual([]);
  });
});

describe('bulk actions', () => {
  const BULK = 'mutation($i: BulkTransitionInput!) { bulkTransition(input: $i) { id reference ok code message messageZh version } }';

  it('approves what it may and reports the refused case beside it', async () => {
    const cadre = await s.login('dongjie_cadre');
    const [, b, c] = cases;
    const r = await s.gql(BULK, { i: { ids: [b!.id, c!.id], event: 'APPROVE', comment: '村民代表大会评议通过', expectedVersions: [b!.version, c!.version - 1] } }, cadre);
    expect(r.errors).toBeUndefined();
    expect(r.data.bulkTransition).toEqual([
      { id: b!.id, reference: b!.reference, ok: true, code: null, message: null, messageZh: null, version: b!.version + 1 },
      expect.objectContaining({ id: c!.id, reference: c!.reference, ok: false, code: 'VERSION_CONFLICT', messageZh: expect.stringMatching(/刷新/) }),
    ]);
    b!.version += 1;
    const states = await s.gql('query($a: ID!, $b: ID!) { a: application(id: $a) { state } b: application(id: $b) { state version } }', { a: b!.id, b: c!.id }, cadre);
    expect(states.data).toEqual({ a: { state: 'village_notice' }, b: { state: 'village_appraisal', version: c!.version } });

    // Someone else's village: refused like a single transition, without naming the case.
    const other = await s.login('wangge_cadre');
    const refused = await s.gql(BULK, { i: { ids: [c!.id], event: 'APPROVE' } }, other);
    expect(refused.data.bulkTransition[0]).toMatchObject({ ok: false, code: 'NOT_FOUND', reference: null });
  });

  it('with allOrNothing writes nothing when one case is refused', async () => {
    const cadre = await s.login('dongjie_cadre');
    const [a, , c] = cases;
    // a is under notice: APPROVE is not possible there, c could be approved.
    const r = await s.gql(BULK, { i: { ids: [c!.id, a!.id], event: 'APPROVE', allOrNothing: true } }, cadre);
    expect(r.errors).toBeUndefined();
    expect(r.data.bulkTransition).toEqual([
      expect.objectContaining({ id: c!.id, ok: false, code: 'ROLLED_BACK', reference: c!.reference }),
      expect.objectContaining({ id: a!.id, ok: false, code: 'TRANSITION_NOT_ALLOWED' }),
    ]);
    const after = await s.gql('query($id: ID!) { application(id: $id) { state version history { event } } }', { id: c!.id }, cadre);
    expect(after.data.application).toMatchObject({ state: 'village_appraisal', version: c!.version });
    expect(after.data.application.history.map((h: any) => h.event)).toEqual(['CREATE', 'SUBMIT']);

    const ok = await s.gql(BULK, { i: { ids: [c!.id], event: 'APPROVE', allOrNothing: true } }, cadre);
    expect(ok.data.bulkTransition[0]).toMatchObject({ ok: true, version: c!.version + 1 });
  });

  it('refuses more than 200 cases and repeated ids', async () => {
    const cadre = await s.login('dongjie_cadre');
    const ids = Array.from({ length: 201 }, () => crypto.randomUUID());
    expect(codeOf(await s.gql(BULK, { i: { ids, event: 'APPROVE' } }, cadre))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(BULK, { i: { ids: [cases[0]!.id, cases[0]!.id], event: 'APPROVE' } }, cadre))).toBe('BAD_USER_INPUT');
  });
});

/** The ```<lang> <name> block of docs/import-export.md, exactly as written. */
function block(lang: 'json' | 'graphql', name: string): string {
  const doc = fs.readFileSync('docs/import-export.md', 'utf8');
  const match = new RegExp('```' + lang + ' ' + name + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!match) throw new Error(`docs/import-export.md has no ${lang} ${name} block`);
  return match[1]!;
}

describe('the worked examples in docs/import-export.md', () => {
  it('exports with the documented filter', async () => {
    const office = await s.login('county_office');
    const filter = JSON.parse(block('json', 'export-filter'));
    const wb = await workbook((await download(`/exports/applications.xlsx?filter=${encodeURIComponent(JSON.stringify(filter))}`, office)).body);
    const rows = records(wb.worksheets[0]!);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r['当前环节']).toBe('民主评议');
  });

  it('defines the documented ledger and exports its nine columns', async () => {
    const designer = await s.login('designer');
    const r = await s.gql(block('graphql', 'define-ledger'), { input: JSON.parse(block('json', 'ledger')) }, designer);
    expect(r.errors).toBeUndefined();
    const office = await s.login('county_office');
    const file = await download(`/exports/applications.xlsx?ledger=dibao-roll&filter=${encodeURIComponent('{"programmeKey":"dibao"}')}`, office);
    const ws = (await workbook(file.body)).worksheets;
    expect(ws.map((w) => w.name)).toEqual(['低保对象花名册']);
    expect((ws[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '乡镇', '村', '户主', '户主身份证号', '家庭人口（人）', '家庭成员', '困难类别', '状态']);
  });

  it('runs the documented bulk mutation with the documented outcomes', async () => {
    const cadre = await s.login('dongjie_cadre');
    const fresh: Array<{ id: string; version: number }> = [];
    for (const i of [3, 4]) {
      const c = await s.gql('mutation($d: JSON!) { createApplication(programmeKey: "dibao", regionCode: "130636100201", data: $d) { id version } }', { d: { ...dibao(0), head: { ...dibao(0).head, idNumber: makeIdCard('130636', '19700101', String(800 + i)) } } }, cadre);
      const sub = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version } }', { id: c.data.createApplication.id, v: c.data.createApplication.version }, cadre);
      fresh.push(sub.data.submitApplication);
    }
    const r = await s.gql(block('graphql', 'bulk'), { input: { ids: fresh.map((f) => f.id), event: 'APPROVE', comment: '评议通过', expectedVersions: [fresh[0]!.version, fresh[1]!.version - 1] } }, cadre);
    expect(r.errors).toBeUndefined();
    const expected = JSON.parse(block('json', 'bulk-outcome')) as unknown[];
    expect(r.data.bulkTransition).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(r.data.bulkTransition[i]).toMatchObject(e as object));
  });
});
