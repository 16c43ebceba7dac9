import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from '../../server/src/imports/exceljs.js';
import type * as XL from 'exceljs';
import JSZip from 'jszip';
import { startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { loadExample } from '../../server/src/programmes/examples.js';

const DONGJIE = '130636100201'; // 东街村, 蒲阳镇
const WANGGE = '130636102202'; // 王各庄村, 腰山镇 (outside dongjie_cadre's grants)

let s: TestServer;
beforeAll(async () => {
  // Small limits so the refusals are cheap to reach; batches of 7 so files span several batches.
  s = await startTestServer({ imports: { maxBytes: 2 * 1024 * 1024, maxRows: 60, maxUnzippedBytes: 50 * 1024 * 1024, maxZipRatio: 100, batchRows: 7 } });
});
afterAll(async () => {
  await s?.stop();
});

// Test persons live in area 110102, so they never meet the demo county's (130636) people.
let seq = 100;
const idNo = (birth = '19800101') => makeIdCard('110102', birth, String(seq++).padStart(3, '0'));

function ok<T>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

async function template(token: string, query: string): Promise<XL.Workbook> {
  const res = await fetch(`${s.url}/imports/template?${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return wb;
}

/** Fills the sheet's rows by header title (as a person would, column by column). */
function fill(ws: XL.Worksheet, rows: Record<string, unknown>[]): void {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (const [title, value] of Object.entries(r)) {
      const col = headers.indexOf(title);
      if (col < 0) throw new Error(`no column ${title} in ${ws.name}: ${headers.join(',')}`);
      row.getCell(col + 1).value = value as XL.CellValue;
    }
    row.commit();
  });
}

async function upload(token: string, query: string, bytes: Buffer | Uint8Array, name: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${s.url}/imports?${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

const JOB = `id status mode totalRows validatedRows validRows linkedRows errorRows problemCount writtenRows skippedRows progressDone progressTotal etaSeconds message messageZh fileName markedFileUrl`;

async function waitFor(token: string, id: string, statuses: string[]): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const job = ok(await s.gql<{ importJob: any }>(`query($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id }, token)).importJob;
    if (statuses.includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} never reached ${statuses.join('/')}`);
}

async function problemsOf(token: string, id: string): Promise<any[]> {
  const out: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = ok(await s.gql<{ importJob: any }>(
      `query($id: ID!, $after: String) { importJob(id: $id) { problems(first: 3, after: $after) { nodes { row sheet line column pointer message messageEn } pageInfo { hasNextPage endCursor } } } }`,
      { id, after }, token)).importJob.problems;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

const commit = async (token: string, id: string, mode: string) =>
  s.gql<{ commitImport: any }>(`mutation($id: ID!, $m: ImportCommitMode!) { commitImport(id: $id, mode: $m) { ${JOB} } }`, { id, m: mode }, token);

describe('templates', () => {
  it('lays out a programme version: Chinese titles in form order, members on their own sheet, drop-downs, text ID columns', async () => {
    const token = await s.login('dongjie_cadre');
    const wb = await template(token, 'programme=dibao');
    const main = wb.getWorksheet('数据')!;
    const headers = (main.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 6)).toEqual(['行号', '所在村（区划代码）', '户主姓名', '户主身份证号', '联系电话', '村民小组']);
    const idCol = headers.indexOf('户主身份证号') + 1;
    expect(main.getColumn(idCol).numFmt).toBe('@');
    expect(String((main.getCell(1, idCol).note as string | { texts: { text: string }[] }) && JSON.stringify(main.getCell(1, idCol).note))).toContain('必填');
    const members = wb.getWorksheet('共同生活的家庭成员')!;
    expect((members.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['行号', '姓名', '与户主关系']);
    const relCol = 3;
    const validation = (members as any).dataValidations.find(`${String.fromCharCode(64 + relCol)}2`);
    expect(validation).toMatchObject({ type: 'list' });
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
    expect(wb.getWorksheet('选项')!.state).toBe('hidden');
  });

  it('needs a signed-in staff member', async () => {
    const res = await fetch(`${s.url}/imports/template?programme=dibao`);
    expect(res.status).toBe(401);
    const nf = await fetch(`${s.url}/imports/template?programme=nope`, { headers: { authorization: `Bearer ${await s.login('dongjie_cadre')}` } });
    expect(nf.status).toBe(404);
  });
});

function dibaoRow(key: number, headId: string, extra: Record<string, unknown> = {}) {
  return {
    行号: String(key), 户主姓名: `导入户${key}`, 户主身份证号: headId, 联系电话: '13912345678', 村民小组: '第一组',
    '家庭人口（人）': 2, '家庭月人均收入（元/月）': 300, '当地低保标准（元/月）': 620, 困难类别: '因病', 惠民惠农一卡通账号: '6217000010001234567', ...extra,
  };
}

describe('programme import', () => {
  let first: { id: string };
  let bytes: Buffer;

  it('validates every row and reports each bad cell (dry run): nothing is written before commit', async () => {
    const token = await s.login('dongjie_cadre');
    const wb = await template(token, 'programme=dibao');
    const good = [idNo(), idNo(), idNo()];
    const lowerX = (() => { for (;;) { const v = idNo(); if (v.endsWith('X')) return v; } })();
    const badCheck = good[0]!.slice(0, 17) + (good[0]!.endsWith('0') ? '1' : '0');
    const dupe = idNo();
    fill(wb.getWorksheet('数据')!, [
      dibaoRow(1, good[0]!),
      dibaoRow(2, good[1]!),
      dibaoRow(3, lowerX.toLowerCase()), // lower-case x: normalised, valid
      dibaoRow(4, badCheck), // wrong check digit
      dibaoRow(5, good[2]!, { 困难类别: '没钱' }), // not an option
      dibaoRow(6, dupe),
      dibaoRow(7, dupe), // the same ID number as line 7
      dibaoRow(8, idNo(), { '所在村（区划代码）': WANGGE }), // outside the cadre's village
      dibaoRow(9, idNo(), { '家庭人口（人）': { formula: 'A1*2' } }), // a formula without a cached value
      dibaoRow(10, idNo(), { '家庭人口（人）': { formula: '1+1', result: 2 } }), // with one: imported
    ]);
    const members = wb.getWorksheet('共同生活的家庭成员')!;
    fill(members, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => ({ 行号: String(k), 姓名: `成员${k}`, 与户主关系: '户主' })).concat([{ 行号: '9', 姓名: '成员九', 与户主关系: '外星人' }]));
    bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(token, `programme=dibao&regionCode=${DONGJIE}`, bytes, '低保导入.xlsx');
    expect(up.status).toBe(201);
    first = up.body;
    const job = await waitFor(token, first.id, ['VALIDATED', 'FAILED']);
    expect(job).toMatchObject({ status: 'VALIDATED', totalRows: 10, validatedRows: 10, validRows: 5, errorRows: 5, writtenRows: 0, progressDone: 10, progressTotal: 10 });
    const problems = await problemsOf(token, first.id);
    const at = (line: number) => problems.filter((p) => p.sheet === '数据' && p.line === line);
    expect(at(5)).toEqual([expect.objectContaining({ column: '户主身份证号', pointer: '/head/idNumber', message: '身份证号校验位错误，请核对' })]);
    expect(at(6)[0]).toMatchObject({ column: '困难类别', pointer: '/reason/category' });
    expect(at(6)[0].message).toContain('不是可选项');
    expect(at(8)[0]).toMatchObject({ column: '户主身份证号', message: '与第 7 行重复' });
    expect(at(9)[0]).toMatchObject({ column: '所在村（区划代码）' });
    expect(at(10)[0]).toMatchObject({ column: '家庭人口（人）' });
    expect(at(10)[0].message).toContain('公式');
    // A member line is reported on its own sheet and line.
    expect(problems.find((p) => p.sheet === '共同生活的家庭成员')).toMatchObject({ line: 12, column: '与户主关系', row: 10 });
    const n = await s.orm.em.fork().getConnection().execute(`select count(*)::int as n from application where idempotency_key like 'import:%'`);
    expect(n[0].n).toBe(0);
  });

  it('marks the bad cells of the uploaded workbook red, with a comment', async () => {
    const token = await s.login('dongjie_cadre');
    const res = await fetch(`${s.url}/imports/${first.id}/marked`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('数据')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const cell = ws.getCell(5, headers.indexOf('户主身份证号') + 1);
    expect((cell.fill as XL.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(cell.note)).toContain('校验位');
    expect(String(ws.getCell(5, headers.indexOf('错误说明') + 1).value)).toContain('户主身份证号');
    expect(ws.getCell(2, headers.indexOf('错误说明') + 1).value ?? null).toBeNull();
  });

  it('refuses all-or-nothing while rows have problems, then writes the valid rows as drafts', async () => {
    const token = await s.login('dongjie_cadre');
    const refused = await commit(token, first.id, 'ALL_OR_NOTHING');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'ROWS_INVALID' });
    ok(await commit(token, first.id, 'VALID_ROWS'));
    const job = await waitFor(token, first.id, ['COMMITTED', 'FAILED']);
    expect(job).toMatchObject({ status: 'COMMITTED', mode: 'VALID_ROWS', writtenRows: 5, skippedRows: 0, progressDone: 5, progressTotal: 5 });
    const apps: any[] = await s.orm.em.fork().getConnection().execute(
      `select a.status, a.region_code, a.data, e.event, e.comment from application a join application_event e on e.application_id = a.id where a.idempotency_key like 'import:%' order by a.applicant_name`);
    expect(apps).toHaveLength(5);
    expect(apps.every((a: any) => a.status === 'DRAFT' && a.event === 'CREATE' && a.region_code === DONGJIE)).toBe(true);
    expect(apps[0].comment).toBe('批量导入：低保导入.xlsx');
    const three = apps.find((a: any) => a.data.head.name === '导入户3');
    expect(three.data.head.idNumber).toMatch(/X$/); // lower-case x normalised
    expect(apps.find((a: any) => a.data.head.name === '导入户10').data.householdSize).toBe(2); // the formula's cached value
    expect(apps.find((a: any) => a.data.head.name === '导入户1').data.members).toEqual([{ name: '成员1', relation: '户主' }]);
    // A repeated commit is a no-op.
    expect(ok(await commit(token, first.id, 'VALID_ROWS')).commitImport.status).toBe('COMMITTED');
  });

  it('creates nothing new when the same file is imported again', async () => {
    const token = await s.login('dongjie_cadre');
    const up = await upload(token, `programme=dibao&regionCode=${DONGJIE}`, bytes, '低保导入.xlsx');
    const job = await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    expect(job).toMatchObject({ validRows: 5, errorRows: 5 });
    ok(await commit(token, up.body.id, 'VALID_ROWS'));
    const done = await waitFor(token, up.body.id, ['COMMITTED', 'FAILED']);
    expect(done).toMatchObject({ status: 'COMMITTED', writtenRows: 0, skippedRows: 5 });
    const n = await s.orm.em.fork().getConnection().execute(`select count(*)::int as n from application where idempotency_key like 'import:%'`);
    expect(n[0].n).toBe(5);
  });

  it('answers a repeated client import id with the first import', async () => {
    const token = await s.login('dongjie_cadre');
    const a = await upload(token, `programme=dibao&regionCode=${DONGJIE}&clientImportId=batch-7`, bytes, 'a.xlsx');
    const b = await upload(token, `programme=dibao&regionCode=${DONGJIE}&clientImportId=batch-7`, bytes, 'b.xlsx');
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    await waitFor(token, a.body.id, ['VALIDATED', 'FAILED']);
    const cancelled = ok(await s.gql<{ cancelImport: any }>(`mutation($id: ID!) { cancelImport(id: $id) { status } }`, { id: a.body.id }, token));
    expect(cancelled.cancelImport.status).toBe('CANCELLED');
    expect((await commit(token, a.body.id, 'VALID_ROWS')).errors?.[0]?.extensions).toMatchObject({ subCode: 'NOT_VALIDATED' });
  });

  it('lists the user’s imports, paged; another user sees neither the list entries nor the import', async () => {
    const token = await s.login('dongjie_cadre');
    const page = ok(await s.gql<{ importJobs: any }>(`{ importJobs(first: 2) { edges { node { id fileName } } pageInfo { hasNextPage endCursor } } }`, {}, token)).importJobs;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const other = await s.login('wangge_cadre');
    expect(ok(await s.gql<{ importJobs: any }>(`{ importJobs { edges { node { id } } } }`, {}, other)).importJobs.edges).toHaveLength(0);
    const hidden = await s.gql(`query($id: ID!) { importJob(id: $id) { id } }`, { id: first.id }, other);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a programme linked to the household register', () => {
  const households = async (status: string) => (await s.orm.em.fork().getConnection().execute(
    `select e.id, e.key, e.name, e.status, e.data from register_entry e join register r on r.id = e.register_id
      where r.key = 'household' and e.region_code = ? and e.status = ? order by e.key`, [DONGJIE, status])) as { id: string; key: string; name: string; status: string; data: any }[];

  it('says in the template which columns link a row to its household and which may then be left empty', async () => {
    const token = await s.login('dongjie_cadre');
    const note = (wb: XL.Workbook, title: string) => {
      const ws = wb.getWorksheet('数据')!;
      const col = (ws.getRow(1).values as unknown[]).indexOf(title);
      return JSON.stringify(ws.getRow(1).getCell(col).note);
    };
    const dibao = await template(token, 'programme=dibao');
    expect(note(dibao, '户主身份证号')).toContain('填写户籍档案中已登记农户时，本行关联该户档案，其他列空白处按档案填写；未登记的家庭照常导入');
    expect(note(dibao, '户主姓名')).toContain('关联户籍档案中的农户时可不填（按档案填写）');
    expect(note(dibao, '困难类别')).not.toContain('户籍档案');
    expect(note(await template(token, 'programme=exit'), '户主身份证号')).toContain('须为户籍档案中已登记的农户');
    expect(note(await template(token, 'programme=yulu'), '户主身份证号')).not.toContain('户籍档案'); // names no register
  });

  it('attaches each 低保 row to the household whose head it names, filling what the row left empty; another family is filed alone', async () => {
    const token = await s.login('dongjie_cadre');
    const [family] = await households('边缘户');
    const wb = await template(token, 'programme=dibao');
    const stranger = idNo();
    fill(wb.getWorksheet('数据')!, [
      dibaoRow(1, family!.key, { 户主姓名: null, 村民小组: null }), // name and group come from the household's file
      dibaoRow(2, stranger),
    ]);
    fill(wb.getWorksheet('共同生活的家庭成员')!, [{ 行号: '2', 姓名: '成员二', 与户主关系: '户主' }]);
    const up = await upload(token, `programme=dibao&regionCode=${DONGJIE}`, Buffer.from(await wb.xlsx.writeBuffer()), '低保台账.xlsx');
    const job = await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    expect(job).toMatchObject({ status: 'VALIDATED', validRows: 2, linkedRows: 1, errorRows: 0 }); // one of them for a household
    ok(await commit(token, up.body.id, 'ALL_OR_NOTHING'));
    expect(await waitFor(token, up.body.id, ['COMMITTED', 'FAILED'])).toMatchObject({ status: 'COMMITTED', writtenRows: 2 });
    const apps: any[] = await s.orm.em.fork().getConnection().execute(
      `select entry_id, data from application where programme_key = 'dibao' and data->'head'->>'idNumber' in (?, ?) order by data->'head'->>'idNumber' = ? desc`, [family!.key, stranger, family!.key]);
    expect(apps).toHaveLength(2);
    expect(apps[0]).toMatchObject({ entry_id: family!.id, data: { head: { name: family!.data.head.name, idNumber: family!.key, group: family!.data.group } } });
    // No member lines in the file: the household's members, as filing from its page gives them.
    expect(apps[0].data.members.map((m: any) => m.name)).toEqual(family!.data.members.map((m: any) => m.name));
    expect(apps[1]).toMatchObject({ entry_id: null, data: { head: { name: '导入户2' }, members: [{ name: '成员二', relation: '户主' }] } });
    // The household's page lists the imported case.
    const listed = ok(await s.gql<any>('query($e: ID!) { applications(filter: { entryId: $e, programmeKey: "dibao" }) { edges { node { data } } } }', { e: family!.id }, token));
    expect(listed.applications.edges.map((e: any) => e.node.data.head.idNumber)).toContain(family!.key);
  });

  it('refuses an exit row (a programme only for registered 建档立卡户) whose head is in no household or whose household is not poor, on the ID cell', async () => {
    const token = await s.login('dongjie_cadre');
    const [poor] = await households('建档立卡户');
    const [exited] = await households('已脱贫');
    const wb = await template(token, 'programme=exit');
    const ws = wb.getWorksheet('数据')!;
    fill(ws, [{ 户主身份证号: poor!.key }, { 户主身份证号: idNo() }, { 户主身份证号: exited!.key }]);
    const up = await upload(token, `programme=exit&regionCode=${DONGJIE}`, Buffer.from(await wb.xlsx.writeBuffer()), '退出名单.xlsx');
    await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    const onId = (await problemsOf(token, up.body.id)).filter((p) => p.pointer === '/head/idNumber');
    expect(onId.map((p) => p.line)).toEqual([3, 4]);
    expect(onId[0]).toMatchObject({ column: '户主身份证号', message: '户籍档案中没有该户：本项目只受理已登记的农户，请先登记或核对身份证号' });
    expect(onId[1].message).toBe(`${exited!.name} 户的户类别为“已脱贫”，本项目只受理建档立卡户`);
    expect(onId[1].messageEn).toContain('this programme files only for 建档立卡户');
  });

  it('says on each row of a programme for registered households that prefills no key field that rows cannot be matched to households, not that the household is missing', async () => {
    const ex = loadExample('exit');
    const wf = structuredClone(ex.workflow) as any;
    delete wf.meta.register.prefill['/head/idNumber'];
    const designer = await s.login('designer');
    for (const [q, v] of [
      ['mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: 'exit-nokey', name: '脱贫退出（无关键字段预填）', regionCode: '130636000000' } }],
      ['mutation($w: JSON!, $f: JSON!) { saveProgrammeDraft(key: "exit-nokey", formSchema: $f, workflow: $w) { number } }', { f: ex.formSchema, w: wf }],
      ['mutation { publishProgramme(key: "exit-nokey") { number } }', {}],
    ] as const) ok(await s.gql(q, v, designer));
    const token = await s.login('dongjie_cadre');
    const [poor] = await households('建档立卡户');
    const csv = `/head/idNumber,/head/name\n${poor!.key},${poor!.name}\n`;
    const up = await upload(token, `programme=exit-nokey&regionCode=${DONGJIE}`, Buffer.from(csv), '退出.csv');
    await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    const linkProblems = (await problemsOf(token, up.body.id)).filter((p) => p.message.includes('对应不到农户'));
    expect(linkProblems).toHaveLength(1);
    expect(linkProblems[0]).toMatchObject({ line: 2, pointer: null });
    expect(linkProblems[0].messageEn).toContain('prefills none of its key fields');
  });
});

describe('a household that changes between the check and the commit', () => {
  it('refuses the commit, naming the line and saying to check again, and writes nothing', async () => {
    const token = await s.login('dongjie_cadre');
    const [poor] = (await s.orm.em.fork().getConnection().execute(
      `select e.id, e.key, e.name, e.data, e.version from register_entry e join register r on r.id = e.register_id
        where r.key = 'household' and e.region_code = ? and e.status = '建档立卡户' order by e.key desc limit 1`, [DONGJIE])) as any[];
    // An exit row by JSON-pointer headers; the head's name, group and household size come from the file.
    const columns: Record<string, string> = {
      行号: '1', '/head/idNumber': poor.key, '/perCapitaIncome': '6200', '/povertyLine': '3300', '/exitYear': '2026',
      '/checks/foodClothing': '是', '/checks/compulsoryEducation': '是', '/checks/basicMedical': '是', '/checks/safeHousing': '是', '/checks/safeWater': '是',
      '/verification/date': '2026-10-20', '/verification/teamSize': '5',
    };
    const csv = `${Object.keys(columns).join(',')}\n${Object.values(columns).join(',')}\n`;
    const up = await upload(token, `programme=exit&regionCode=${DONGJIE}`, Buffer.from(csv), '退出.csv');
    expect(await waitFor(token, up.body.id, ['VALIDATED', 'FAILED'])).toMatchObject({ status: 'VALIDATED', validRows: 1, linkedRows: 1, errorRows: 0 });
    // Meanwhile the household is marked 已脱贫 (the exit takes only 建档立卡户).
    ok(await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: "correction") { id } }',
      { id: poor.id, d: { ...poor.data, status: '已脱贫' }, v: poor.version }, token));
    ok(await commit(token, up.body.id, 'ALL_OR_NOTHING'));
    const job = await waitFor(token, up.body.id, ['COMMITTED', 'FAILED']);
    expect(job).toMatchObject({ status: 'FAILED', writtenRows: 0 }); // line 2 of the file: the header is line 1
    expect(job.messageZh).toBe(`第 2 行：${poor.name} 户的户类别为“已脱贫”，本项目只受理建档立卡户（该户档案在校验后有变动，请重新校验后导入）`);
    const n = await s.orm.em.fork().getConnection().execute(`select count(*)::int as n from application where programme_key = 'exit' and entry_id = ?`, [poor.id]);
    expect(n[0].n).toBe(0);
  });
});

function householdRow(key: number, headId: string, extra: Record<string, unknown> = {}) {
  return { 行号: String(key), 户主姓名: `导入农户${key}`, 户主身份证号: headId, 村民小组: '第二组', 户类别: '一般户', '家庭人口（人）': 2, 住房安全等级: 'A', ...extra };
}
const memberRow = (key: number, name: string, id: string, relation: string, birth: unknown) =>
  ({ 行号: String(key), 姓名: name, 身份证号: id, 与户主关系: relation, 性别: '男', 出生日期: birth });

describe('register import', () => {
  it('creates entries with members from their own sheet, logged as kind "import" naming the file; again is a no-op', async () => {
    const token = await s.login('dongjie_cadre');
    const wb = await template(token, 'register=household');
    const heads = [idNo('19700101'), idNo('19710101')];
    const kids = [idNo('20000101'), idNo('20010101')];
    fill(wb.getWorksheet('数据')!, [householdRow(1, heads[0]!), householdRow(2, heads[1]!)]);
    const sheet = wb.worksheets.find((w) => w.name.startsWith('家庭成员'))!;
    fill(sheet, [
      memberRow(1, '导入农户1', heads[0]!, '户主', new Date(Date.UTC(1970, 0, 1))),
      memberRow(1, '导入子一', kids[0]!, '之子', '2000/1/1'), // a date typed as text
      memberRow(2, '导入农户2', heads[1]!, '户主', '1971年1月1日'),
      memberRow(2, '导入子二', kids[1]!, '之子', '20010101'),
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(token, `register=household&regionCode=${DONGJIE}`, bytes, '农户导入.xlsx');
    expect(up.status).toBe(201);
    const job = await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    expect(job).toMatchObject({ status: 'VALIDATED', validRows: 2, linkedRows: 0, errorRows: 0 }); // a register import links no case
    ok(await commit(token, up.body.id, 'ALL_OR_NOTHING'));
    expect(await waitFor(token, up.body.id, ['COMMITTED', 'FAILED'])).toMatchObject({ status: 'COMMITTED', writtenRows: 2 });
    const person = ok(await s.gql<{ person: any }>(`query($id: String!) { person(idNumber: $id, registerKey: "household") { entryId } }`, { id: kids[1] }, token)).person;
    const entry = ok(await s.gql<{ registerEntry: any }>(`query($id: ID!) { registerEntry(id: $id) { name data changes { kind sourceFile } } }`, { id: person.entryId }, token)).registerEntry;
    expect(entry.name).toBe('导入农户2');
    expect(entry.data.members[1]).toMatchObject({ name: '导入子二', birthDate: '2001-01-01' });
    expect(entry.changes).toEqual([{ kind: 'import', sourceFile: '农户导入.xlsx' }]);

    const again = await upload(token, `register=household&regionCode=${DONGJIE}`, bytes, '农户导入.xlsx');
    await waitFor(token, again.body.id, ['VALIDATED', 'FAILED']);
    ok(await commit(token, again.body.id, 'ALL_OR_NOTHING'));
    expect(await waitFor(token, again.body.id, ['COMMITTED', 'FAILED'])).toMatchObject({ status: 'COMMITTED', writtenRows: 0, skippedRows: 2 });
  });

  it('reports a member whose ID number another household holds, and member lines naming no row', async () => {
    const token = await s.login('dongjie_cadre');
    const taken = (await s.orm.em.fork().getConnection().execute(`select id_number from register_person p join register_entry e on e.id = p.entry_id where e.region_code = ? limit 1`, [DONGJIE]))[0].id_number;
    const wb = await template(token, 'register=household');
    const head = idNo('19720101');
    fill(wb.getWorksheet('数据')!, [householdRow(1, head)]);
    fill(wb.worksheets.find((w) => w.name.startsWith('家庭成员'))!, [
      memberRow(1, '导入农户X', head, '户主', '1972-01-01'),
      memberRow(1, '重复成员', taken, '之子', '2000-01-01'),
      memberRow(9, '无主成员', idNo(), '之子', '2000-01-01'),
    ]);
    const up = await upload(token, `register=household&regionCode=${DONGJIE}`, Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    const job = await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    expect(job).toMatchObject({ validRows: 0, errorRows: 2 });
    const problems = await problemsOf(token, up.body.id);
    expect(problems.find((p) => p.line === 3)).toMatchObject({ column: '身份证号', pointer: '/members/1/idNumber' });
    expect(problems.find((p) => p.line === 3).message).toContain('已登记在');
    expect(problems.find((p) => p.line === 4)).toMatchObject({ column: '行号', message: '“数据”表中没有行号为 9 的行' });
  });
});

describe('bad files', () => {
  const query = `programme=dibao&regionCode=${DONGJIE}`;

  async function workbook(rows: number): Promise<Buffer> {
    const token = await s.login('dongjie_cadre');
    const wb = await template(token, 'programme=dibao');
    fill(wb.getWorksheet('数据')!, Array.from({ length: rows }, (_, i) => dibaoRow(i + 1, idNo())));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('refuses macro-enabled and password-protected workbooks and files of another type, storing no import', async () => {
    const token = await s.login('dongjie_cadre');
    const zip = await JSZip.loadAsync(await workbook(1));
    zip.file('xl/vbaProject.bin', Buffer.from('macro'));
    const xlsm = await upload(token, query, await zip.generateAsync({ type: 'nodebuffer' }), 'a.xlsm');
    expect(xlsm.status).toBe(400);
    expect(xlsm.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'MACRO_ENABLED' });
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    expect((await upload(token, query, encrypted, 'secret.xlsx')).body.errors[0].extensions.subCode).toBe('ENCRYPTED_OR_XLS');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.alloc(100)]);
    expect((await upload(token, query, png, 'photo.xlsx')).body.errors[0].extensions.subCode).toBe('WRONG_TYPE');
    const gbk = Buffer.from([0xd0, 0xd0, 0xba, 0xc5, 0x2c, 0xbb, 0xa7, 0xd6, 0xf7, 0x0a]); // "行号,户主" in GBK
    expect((await upload(token, query, gbk, 'gbk.csv')).body.errors[0].extensions.subCode).toBe('NOT_UTF8');
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x41);
    expect((await upload(token, query, big, 'big.csv')).body.errors[0].extensions.subCode).toBe('FILE_TOO_LARGE');
    const bomb = new JSZip();
    bomb.file('xl/workbook.xml', '<x/>');
    bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024, 0x20));
    const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect((await upload(token, query, bombBytes, 'bomb.xlsx')).body.errors[0].extensions.subCode).toBe('ZIP_BOMB');
  });

  it('fails an import with more rows than allowed, saying so', async () => {
    const token = await s.login('dongjie_cadre');
    const up = await upload(token, query, await workbook(61), 'many.xlsx');
    expect(up.status).toBe(201);
    const job = await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    expect(job.status).toBe('FAILED');
    expect(job.messageZh).toContain('超过 60 行');
  });

  it('refuses a header with merged cells', async () => {
    const token = await s.login('dongjie_cadre');
    const wb = await template(token, 'programme=dibao');
    const ws = wb.getWorksheet('数据')!;
    ws.mergeCells('C1:D1');
    fill(ws, [{ 行号: '1', 户主姓名: '某某' }]);
    const up = await upload(token, query, Buffer.from(await wb.xlsx.writeBuffer()), 'merged.xlsx');
    const job = await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    expect(job.status).toBe('FAILED');
    expect(job.messageZh).toContain('合并单元格');
  });

  it('imports a CSV with a byte-order mark', async () => {
    const token = await s.login('dongjie_cadre');
    const id = idNo();
    const csv = `\uFEFF行号,户主姓名,户主身份证号,联系电话,村民小组,家庭人口（人）,家庭月人均收入（元/月）,当地低保标准（元/月）,困难类别,惠民惠农一卡通账号\n1,"CSV户,一",${id},13912345678,第三组,1,200,620,因残,6217000010001234567\n`;
    const up = await upload(token, query, Buffer.from(csv), 'rows.csv');
    const job = await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    // No members sheet in a CSV: the required members are reported on the row.
    expect(job).toMatchObject({ status: 'VALIDATED', totalRows: 1, errorRows: 1 });
    const problems = await problemsOf(token, up.body.id);
    expect(problems).toEqual([expect.objectContaining({ sheet: '数据', line: 2, row: 2, column: '共同生活的家庭成员', pointer: '/members', message: '必填' })]);
  });
});

describe('the worked example in docs/import-export.md', () => {
  it('runs as the guide says', async () => {
    const doc = fs.readFileSync('docs/import-export.md', 'utf8');
    const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
    const [curl] = blocks('sh');
    const file = /-F file=@(\S+)/.exec(curl!)![1]!;
    const url = new URL(/"(http[^"]+)"/.exec(curl!)![1]!);
    const token = await s.login('dongjie_cadre');
    const up = await upload(token, url.search.slice(1), fs.readFileSync(file), 'housing-import.csv');
    expect(up.status).toBe(201);
    await waitFor(token, up.body.id, ['VALIDATED', 'FAILED']);
    const [report, commitMutation] = blocks('graphql');
    const answer = ok(await s.gql(report!, { id: up.body.id }, token));
    expect(answer).toEqual(JSON.parse(blocks('json')[0]!));
    expect(ok(await s.gql<any>(commitMutation!, { id: up.body.id }, token)).commitImport).toEqual({ status: 'COMMITTING', mode: 'VALID_ROWS' });
    expect(await waitFor(token, up.body.id, ['COMMITTED', 'FAILED'])).toMatchObject({ status: 'COMMITTED', writtenRows: 2 });
    const again = await upload(token, url.search.slice(1), fs.readFileSync(file), 'housing-import.csv');
    await waitFor(token, again.body.id, ['VALIDATED', 'FAILED']);
    ok(await s.gql<any>(commitMutation!, { id: again.body.id }, token));
    expect(await waitFor(token, again.body.id, ['COMMITTED', 'FAILED'])).toMatchObject({ writtenRows: 0, skippedRows: 2 });
  });
});

describe('a server that stops mid-import', () => {
  it('takes the job up again once its lease has run out', async () => {
    const token = await s.login('dongjie_cadre');
    const wb = await template(token, 'programme=housing');
    fill(wb.getWorksheet('数据')!, Array.from({ length: 20 }, (_, i) => ({
      行号: String(i + 1), 户主姓名: `续跑户${i + 1}`, 户主身份证号: idNo(), 联系电话: '13912345678', 村民小组: '第四组', 家庭类别: '低保户', '现住房面积（平方米）': 40, 改造方式: '新建',
    })));
    const up = await upload(token, `programme=housing&regionCode=${DONGJIE}`, Buffer.from(await wb.xlsx.writeBuffer()), 'resume.xlsx');
    await waitFor(token, up.body.id, ['VALIDATED']);
    // As a process that died while committing would leave it: committing, rows not recorded as
    // written, its lease expired. (Their drafts do exist here: a batch run twice writes nothing twice.)
    ok(await commit(token, up.body.id, 'VALID_ROWS'));
    await waitFor(token, up.body.id, ['COMMITTED']);
    const conn = s.orm.em.fork().getConnection();
    await conn.execute(`update import_row set status = 'valid' where job_id = ? and row_no > 15`, [up.body.id]);
    await conn.execute(`update import_job set status = 'committing', written_rows = 14, skipped_rows = 0, lease_owner = 'gone', lease_until = now() - interval '1 second' where id = ?`, [up.body.id]);
    const { runnerOf } = await import('../../server/src/imports/index.js');
    await runnerOf(s.services).sweep();
    const done = await waitFor(token, up.body.id, ['COMMITTED', 'FAILED']);
    // The rows already written are found by their idempotency keys, not written twice.
    expect(done).toMatchObject({ status: 'COMMITTED', writtenRows: 14, skippedRows: 6 });
    const n = await conn.execute(`select count(*)::int as n from application where applicant_name like '续跑户%'`);
    expect(n[0].n).toBe(20);
  });
});

describe('submit on import', () => {
  const KEY = 'housing-submit';
  // The housing programme, with its workflow letting imports submit and a guard on SUBMIT.
  const example = JSON.parse(fs.readFileSync('schemas/housing.json', 'utf8'));
  const workflow = JSON.parse(fs.readFileSync('workflows/housing.json', 'utf8'));
  workflow.id = KEY;
  workflow.meta = { ...workflow.meta, import: { submit: true } };
  workflow.states[workflow.initial].on.SUBMIT.guard = {
    type: 'rule', params: { rule: { '<': [{ var: 'houseArea' }, 100] } },
    message: { zh: '住房面积须小于 100 平方米', en: 'the house must be under 100 m²' }, paths: ['/houseArea'],
  };
  const csv = (rows: [string, string, number][]) => Buffer.from('\ufeff行号,户主姓名,户主身份证号,联系电话,村民小组,家庭类别,现住房面积（平方米）,改造方式\n'
    + rows.map(([key, name, area]) => `${key},${name},${idNo()},13912345678,第一组,低保户,${area},新建`).join('\n') + '\n');
  const commitSubmit = async (token: string, id: string, mode: string) =>
    s.gql<{ commitImport: any }>(`mutation($id: ID!, $m: ImportCommitMode!) { commitImport(id: $id, mode: $m, submit: true) { ${JOB} submit } }`, { id, m: mode }, token);
  const casesNamed = async (prefix: string) => s.orm.em.fork().getConnection().execute(
    `select a.state, a.status, a.submitted_at, (select array_agg(e.event order by e.seq) from application_event e where e.application_id = a.id) as events
       from application a where a.applicant_name like ? order by a.applicant_name`, [`${prefix}%`]);

  beforeAll(async () => {
    const designer = await s.login('designer');
    ok(await s.gql('mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key: KEY, name: '危房改造（导入即提交）', regionCode: '130636000000' } }, designer));
    ok(await s.gql('mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }',
      { k: KEY, f: example.formSchema, u: example.uiSchema ?? null, w: workflow }, designer));
    ok(await s.gql('mutation($k: String!) { publishProgramme(key: $k) { status } }', { k: KEY }, designer));
  });

  it('is declared in the workflow as data, and the static check refuses a malformed declaration', async () => {
    const bad = { ...workflow, meta: { ...workflow.meta, import: { submit: 'yes', then: 1 } } };
    const report = ok(await s.gql<any>('query($w: JSON!) { checkWorkflow(workflow: $w) { ok errors { code path messageZh } } }', { w: bad }, await s.login('designer'))).checkWorkflow;
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'INVALID_META', path: '/meta/import/submit' }),
      expect.objectContaining({ code: 'INVALID_META', path: '/meta/import/then' }),
    ]));
  });

  it('is refused where the workflow does not allow it', async () => {
    const token = await s.login('dongjie_cadre');
    const up = await upload(token, `programme=housing&regionCode=${DONGJIE}`, csv([['1', '不许提交户1', 40]]), 'no-submit.csv');
    await waitFor(token, up.body.id, ['VALIDATED']);
    expect(ok(await s.gql<any>('query($id: ID!) { importJob(id: $id) { submitAllowed } }', { id: up.body.id }, token)).importJob.submitAllowed).toBe(false);
    const refused = await commitSubmit(token, up.body.id, 'VALID_ROWS');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'SUBMIT_NOT_ALLOWED' });
    expect((await waitFor(token, up.body.id, ['VALIDATED'])).status).toBe('VALIDATED');
  });

  it('submits every case through SUBMIT; a case its guard refuses is reported on its cell, and all-or-nothing writes nothing', async () => {
    const token = await s.login('dongjie_cadre');
    const up = await upload(token, `programme=${KEY}&regionCode=${DONGJIE}`, csv([['1', '提交户1', 40], ['2', '提交户2', 120], ['3', '提交户3', 60]]), 'submit.csv');
    const validated = await waitFor(token, up.body.id, ['VALIDATED']);
    expect(validated).toMatchObject({ validRows: 3, errorRows: 0 });
    expect(ok(await s.gql<any>('query($id: ID!) { importJob(id: $id) { submitAllowed } }', { id: up.body.id }, token)).importJob.submitAllowed).toBe(true);

    // All or nothing: the refused case sends the import back to "validated", with nothing written.
    ok(await commitSubmit(token, up.body.id, 'ALL_OR_NOTHING'));
    const back = await waitFor(token, up.body.id, ['VALIDATED', 'COMMITTED', 'FAILED']);
    expect(back).toMatchObject({ status: 'VALIDATED', validRows: 2, errorRows: 1, writtenRows: 0, messageZh: '未写入任何数据：有 1 行提交未通过（见错误报告）' });
    expect(await problemsOf(token, up.body.id)).toEqual([expect.objectContaining({
      sheet: '数据', line: 3, column: '现住房面积（平方米）', pointer: '/houseArea', message: '提交未通过：住房面积须小于 100 平方米',
    })]);
    expect(await casesNamed('提交户')).toEqual([]);

    // The valid rows: two cases submitted exactly as the submit button would, the refused one not written at all.
    const done = ok(await commitSubmit(token, up.body.id, 'VALID_ROWS')).commitImport;
    expect(done).toMatchObject({ status: 'COMMITTING', mode: 'VALID_ROWS', submit: true });
    expect(await waitFor(token, up.body.id, ['COMMITTED', 'FAILED'])).toMatchObject({ status: 'COMMITTED', writtenRows: 2, errorRows: 1 });
    const cases = await casesNamed('提交户');
    expect(cases.map((c: any) => [c.state, c.status, c.events])).toEqual([
      ['village_check', 'IN_REVIEW', ['CREATE', 'SUBMIT']],
      ['village_check', 'IN_REVIEW', ['CREATE', 'SUBMIT']],
    ]);
    expect(cases.every((c: any) => c.submitted_at)).toBe(true);
  });

  it('reports each refused row of a valid-rows commit, and writes the others submitted', async () => {
    const token = await s.login('dongjie_cadre');
    const up = await upload(token, `programme=${KEY}&regionCode=${DONGJIE}`,
      csv(Array.from({ length: 16 }, (_, i) => [String(i + 1), `分批提交户${String(i + 1).padStart(2, '0')}`, i % 5 === 0 ? 150 : 30] as [string, string, number])), 'batches.csv');
    await waitFor(token, up.body.id, ['VALIDATED']);
    ok(await commitSubmit(token, up.body.id, 'VALID_ROWS'));
    // Batches of 7: rows 1, 6, 11 and 16 are refused, spread over all three batches.
    expect(await waitFor(token, up.body.id, ['COMMITTED', 'FAILED'])).toMatchObject({ status: 'COMMITTED', writtenRows: 12, validRows: 12, errorRows: 4 });
    expect((await problemsOf(token, up.body.id)).map((p) => p.line)).toEqual([2, 7, 12, 17]);
    const cases = await casesNamed('分批提交户');
    expect(cases).toHaveLength(12);
    expect(cases.every((c: any) => c.status === 'IN_REVIEW')).toBe(true);
  });
});
