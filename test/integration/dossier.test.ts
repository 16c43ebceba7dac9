import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { rawRequest } from '../helpers/raw-http.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

/** The ```json <name> block of docs/registers.md, parsed exactly as written. */
function block(name: string): any {
  const doc = fs.readFileSync('docs/registers.md', 'utf8');
  const match = new RegExp('```json ' + name + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!match) throw new Error(`docs/registers.md has no json ${name} block`);
  return JSON.parse(match[1]!);
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x20), Buffer.from('%%EOF\n')]);
const VILLAGE = '130636100201';

async function upload(token: string, name: string): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), name);
  const res = await fetch(`${s.url}/files?regionCode=${VILLAGE}&programmeKey=relocation_subsidy`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

const get = (path: string, token?: string) => fetch(`${s.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

const CHECKLIST = '{ key title done applicationReference }';
const incomplete = async (token: string, value: boolean) => {
  const r = await s.gql<any>(`query($v: Boolean) { registerEntries(filter: { registerKey: "relocation", incomplete: $v }, first: 50) { edges { node { name } } } }`, { v: value }, token);
  expect(r.errors).toBeUndefined();
  return r.data.registerEntries.edges.map((e: any) => e.node.name).sort();
};

describe('the household file (一户一档) as docs/registers.md describes it', () => {
  let entryId = '';
  let reference = '';

  it('publishes the checklist and the programme exactly as written, and checks the checklist against it', async () => {
    const designer = await s.login('designer');
    expect((await s.gql('mutation { createRegister(input: { key: "relocation", name: "易地扶贫搬迁户台账", nameEn: "Relocated households", regionCode: "130636000000" }) { key } }', {}, designer)).errors).toBeUndefined();
    const definition = { ...block('definition'), dossier: block('dossier') };
    const saved = await s.gql<any>('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "relocation", definition: $d) { checklist { key title programme reachedState event attachment } } }', { d: definition }, designer);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveRegisterDraft.checklist.map((i: any) => i.key)).toEqual(['application', 'agreement', 'appraisal', 'decision']);
    expect(saved.data.saveRegisterDraft.checklist[3]).toMatchObject({ programme: 'relocation_subsidy', reachedState: 'granted', event: null });
    expect((await s.gql('mutation { publishRegister(key: "relocation") { status } }', {}, designer)).errors).toBeUndefined();

    expect((await s.gql('mutation { createProgramme(input: { key: "relocation_subsidy", name: "搬迁补助", regionCode: "130636000000" }) { key } }', {}, designer)).errors).toBeUndefined();
    const prog = await s.gql('mutation($f: JSON!, $w: JSON!, $u: JSON) { saveProgrammeDraft(key: "relocation_subsidy", formSchema: $f, workflow: $w, uiSchema: $u) { number } }',
      { f: block('dossier_form'), w: block('dossier_workflow'), u: { agreement: { 'ui:widget': 'attachment' } } }, designer);
    expect(prog.errors).toBeUndefined();
    expect((await s.gql('mutation { publishProgramme(key: "relocation_subsidy") { number } }', {}, designer)).errors).toBeUndefined();

    // Now the programme exists: a state, event or field it does not have is refused, located, in both languages.
    const wrong = structuredClone(definition);
    wrong.dossier.checklist[3].reachedState = 'paid';
    wrong.dossier.checklist[1].attachment = '/contract';
    const refused = await s.gql<any>('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "relocation", definition: $d) { number } }', { d: wrong }, designer);
    expect(codeOf(refused)).toBe('SCHEMA_INVALID');
    expect((refused.errors![0]!.extensions!.problems as any[]).map((p: any) => p.path)).toEqual(['/dossier/checklist/1/attachment', '/dossier/checklist/3/reachedState']);
    expect(refused.errors![0]!.extensions!.messageZh).toContain('没有字段 /contract');
    // The shape: one condition per item, unique keys.
    const shape = structuredClone(definition);
    shape.dossier.checklist[0] = { key: 'agreement', title: '', programme: 'relocation_subsidy', event: 'APPRAISE', reachedState: 'granted' };
    const bad = await s.gql<any>('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "relocation", definition: $d) { number } }', { d: shape }, designer);
    expect(codeOf(bad)).toBe('SCHEMA_INVALID');
    expect((bad.errors![0]!.extensions!.problems as any[]).map((p: any) => p.path)).toEqual(expect.arrayContaining(['/dossier/checklist/0/title', '/dossier/checklist/0', '/dossier/checklist/1/key']));
    const versions = await s.gql<any>('{ register(key: "relocation") { draft { number } currentVersion { number } } }', {}, designer);
    expect(versions.data.register).toEqual({ draft: null, currentVersion: { number: 1 } });
  });

  it('marks what is missing and lists incomplete households until the case is decided', async () => {
    const cadre = await s.login('dongjie_cadre');
    const entry = await s.gql<any>(`mutation($d: JSON!) { createRegisterEntry(registerKey: "relocation", regionCode: "${VILLAGE}", data: $d, kind: "new") { id checklist ${CHECKLIST} } }`, { d: block('entry') }, cadre);
    expect(entry.errors).toBeUndefined();
    entryId = entry.data.createRegisterEntry.id;
    expect(entry.data.createRegisterEntry.checklist.map((c: any) => c.done)).toEqual([false, false, false, false]);
    const other = makeIdCard('130636', '19580303', '051');
    expect((await s.gql(`mutation($d: JSON!) { createRegisterEntry(registerKey: "relocation", regionCode: "${VILLAGE}", data: $d, kind: "new") { id } }`, {
      d: { head: { name: '钱老栓', idNumber: other }, status: '待搬迁', members: [{ name: '钱老栓', idNumber: other, relation: '户主' }] },
    }, cadre)).errors).toBeUndefined();
    expect(await incomplete(cadre, true)).toEqual(['郭德明', '钱老栓']);

    const file = await upload(cadre, '安置协议.pdf');
    const filed = await s.gql<any>(`mutation($e: ID, $d: JSON) { createApplication(programmeKey: "relocation_subsidy", regionCode: "${VILLAGE}", data: $d, entryId: $e) { id version reference } }`,
      { e: entryId, d: { amount: 12000, agreement: `${file.id}|安置协议.pdf` } }, cadre);
    expect(filed.errors).toBeUndefined();
    reference = filed.data.createApplication.reference;
    let version = filed.data.createApplication.version;
    const send = async (event: string, token: string, comment?: string) => {
      const r = await s.gql<any>('mutation($id: ID!, $e: String!, $v: Int!, $c: String) { transitionApplication(id: $id, event: $e, expectedVersion: $v, comment: $c) { version state } }',
        { id: filed.data.createApplication.id, e: event, v: version, c: comment }, token);
      expect(r.errors).toBeUndefined();
      version = r.data.transitionApplication.version;
    };
    const submitted = await s.gql<any>('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version } }', { id: filed.data.createApplication.id, v: version }, cadre);
    version = submitted.data.submitApplication.version;
    await send('APPRAISE', cadre, '村民代表会议评议通过');

    const halfway = await s.gql<any>(`query($id: ID!) { registerEntry(id: $id) { checklist ${CHECKLIST} } }`, { id: entryId }, cadre);
    expect(halfway.data.registerEntry.checklist).toEqual([
      { key: 'application', title: '补助申请书', done: true, applicationReference: reference },
      { key: 'agreement', title: '安置协议', done: true, applicationReference: reference },
      { key: 'appraisal', title: '民主评议记录', done: true, applicationReference: reference },
      { key: 'decision', title: '审批决定', done: false, applicationReference: null },
    ]);
    expect(await incomplete(cadre, true)).toEqual(['郭德明', '钱老栓']);

    await send('GRANT', await s.login('puyang_reviewer'));
    expect(await incomplete(cadre, true)).toEqual(['钱老栓']);
    expect(await incomplete(cadre, false)).toEqual(['郭德明']);
    // Region scope: another township sees neither household in the list.
    expect(await incomplete(await s.login('yaoshan_reviewer'), true)).toEqual([]);
  });

  it('prints the file as A4 HTML with the household, its timeline, the case and its history', async () => {
    const res = await get(`/dossiers/${entryId}.html`, await s.login('county_office'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('@page { size: A4');
    for (const text of ['一户一档', '易地扶贫搬迁户台账', '郭德明', '何春花', '配偶', '待搬迁', '搬迁补助', reference, '补助金额（元）', '12000', '附件：安置协议.pdf',
      '民主评议', '评议通过', '村民代表会议评议通过', '乡镇审批', '已批准', '蒲阳镇审核 王芳', '本户档案材料齐全', '新增搬迁户']) {
      expect(html, text).toContain(text);
    }
    expect(html).not.toContain('<script');
    // Compressed for a browser that takes it; the same page once undone.
    const br = await rawRequest(`${s.url}/dossiers/${entryId}.html`, { headers: { authorization: `Bearer ${await s.login('county_office')}`, 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    const printedAt = /打印时间：[^<]*/; // the minute may turn between the two requests
    expect(zlib.brotliDecompressSync(br.body).toString('utf8').replace(printedAt, '')).toBe(html.replace(printedAt, ''));
  });

  it('downloads the file as a ZIP holding the page and every attachment', async () => {
    const res = await get(`/dossiers/${entryId}.zip`, await s.login('dongjie_cadre'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-encoding')).toBeNull(); // a ZIP is compressed already
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toMatch(/郭德明-一户一档-\d{4}-\d{2}-\d{2}\.zip/);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^郭德明-一户一档-\d{4}-\d{2}-\d{2}\.html$/);
    expect(names[1]).toBe(`附件/${reference}/安置协议.pdf`);
    expect((await zip.file(names[0]!)!.async('string'))).toContain(reference);
    expect(Buffer.from(await zip.file(names[1]!)!.async('uint8array')).equals(PDF)).toBe(true);
  });

  it('refuses strangers: another township, no token, a malformed id', async () => {
    const outside = await get(`/dossiers/${entryId}.zip`, await s.login('yaoshan_reviewer'));
    expect(outside.status).toBe(404);
    const body = (await outside.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', messageZh: '未找到该登记' });
    expect((await get(`/dossiers/${entryId}.html`, await s.login('yaoshan_reviewer'))).status).toBe(404);
    expect((await get(`/dossiers/${entryId}.html`)).status).toBe(401);
    expect((await get('/dossiers/not-an-id.html', await s.login('dongjie_cadre'))).status).toBe(404);
    expect((await get('/dossiers/%27%3Cscript%3E.zip', await s.login('dongjie_cadre'))).status).toBe(404);
  });
});

describe('x-unique per household (per: entry), as docs/form-keywords.md describes it', () => {
  it('lets one household hold one active case of an exclusive group, whoever applies', async () => {
    const doc = fs.readFileSync('docs/form-keywords.md', 'utf8');
    const form = JSON.parse(/```json per_entry\n([\s\S]*?)\n```/.exec(doc)![1]!);
    const designer = await s.login('designer');
    for (const [key, name] of [['house_repair', '危房改造补助'], ['house_build', '易地搬迁建房补助']] as const) {
      expect((await s.gql(`mutation { createProgramme(input: { key: "${key}", name: "${name}", regionCode: "130636000000" }) { key } }`, {}, designer)).errors).toBeUndefined();
      const workflow = { ...block('dossier_workflow'), id: key, meta: { title: { zh: name, en: key }, register: { key: 'relocation', link: 'existing' } } };
      const saved = await s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, workflow: $w) { number } }'.replace('$k', `"${key}"`), { f: form, w: workflow }, designer);
      expect(saved.errors).toBeUndefined();
      expect((await s.gql(`mutation { publishProgramme(key: "${key}") { number } }`, {}, designer)).errors).toBeUndefined();
    }
    const cadre = await s.login('dongjie_cadre');
    const households = await s.gql<any>('{ registerEntries(filter: { registerKey: "relocation" }, first: 10) { edges { node { id name } } } }', {}, cadre);
    const [first, second] = households.data.registerEntries.edges.map((e: any) => e.node);
    const file = async (programme: string, entryId: string, idNumber: string) => {
      const created = await s.gql<any>(`mutation($e: ID, $d: JSON) { createApplication(programmeKey: "${programme}", regionCode: "${VILLAGE}", data: $d, entryId: $e) { id version reference } }`,
        { e: entryId, d: { head: { name: '某某某', idNumber } } }, cadre);
      expect(created.errors).toBeUndefined();
      return s.gql<any>('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { status } }', { id: created.data.createApplication.id, v: created.data.createApplication.version }, cadre)
        .then((r) => ({ r, reference: created.data.createApplication.reference as string }));
    };
    const a = await file('house_repair', first.id, makeIdCard('130636', '19700101', '011'));
    expect(a.r.errors).toBeUndefined();
    // The other programme of the group, another ID number typed: still this household's second benefit.
    const b = await file('house_build', first.id, makeIdCard('130636', '19710202', '021'));
    expect(codeOf(b.r)).toBe('BAD_USER_INPUT');
    expect(b.r.errors![0]!.extensions).toMatchObject({ subCode: 'DUPLICATE', existingReference: a.reference, existingProgramme: 'house_repair' });
    expect(b.r.errors![0]!.extensions!.messageZh).toBe(`本户已有在办申请 ${a.reference}（危房改造补助），不能重复申请`);
    // Another household may.
    const c = await file('house_build', second.id, makeIdCard('130636', '19700101', '011'));
    expect(c.r.errors).toBeUndefined();
  });

  it('refuses a per other than entry when the form is saved', async () => {
    const form = { type: 'object', properties: { id: { type: 'string', 'x-unique': { per: 'person' } } } };
    const r = await s.gql<any>('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "house_repair", formSchema: $f, workflow: $w) { number } }', { f: form, w: block('dossier_workflow') }, await s.login('designer'));
    expect(codeOf(r)).toBe('SCHEMA_INVALID');
    expect((r.errors![0]!.extensions!.problems as any[]).map((p) => p.path)).toContain('/formSchema/properties/id/x-unique/per');
  });
});
