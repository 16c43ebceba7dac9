/**
 * The public surface never carries a person's ID number, mobile number or bank card. The board is
 * filled first (cases of every example programme with a notice step, in each of their notice
 * states, with ID numbers, phones and bank cards in the data; objections raised), then every
 * public response is collected and scanned: the notice board for every region level page by page,
 * every query an anonymous client can call (found from the schema, so a public query added later
 * is scanned too), the objection responses and the printable notice page. The scan looks for
 * ID-, phone- and card-shaped digit runs and for every such value stored in the database, also
 * when written with separators.
 *
 * Then three slips that must not publish anything either: a designer marking an ID number and a
 * phone x-public without x-mask, a designer marking the bank card x-public, and a cadre typing a
 * phone number into a public free-text field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { getNamedType, isNonNullType, isObjectType, isScalarType, isEnumType, isListType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createSchema } from '../../server/src/schema.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { COUNTY, DONGJIE, WANGGE, freshBankCard, freshIdNumber, freshMobile, rawGql, scanForPii, secretsIn, type Finding } from './support.js';

let s: TestServer;
let db: pg.Client;
const schema = await createSchema();
const objections: Array<{ source: string; body: unknown }> = [];
let objectedReference = '';
let objectionId = '';
let xff = 0;

const ex = (key: string) => structuredClone(loadExample(key).example) as Record<string, any>;

async function ok(user: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await s.gql(query, variables, await s.login(user));
  if (r.errors) throw new Error(`${user}: ${JSON.stringify(r.errors)}`);
  return r.data;
}

const APP = 'id reference state status version';
async function create(user: string, programme: string, region: string, data: unknown) {
  return (await ok(user, `mutation($p: String!, $r: String!, $d: JSON) { createApplication(programmeKey: $p, regionCode: $r, data: $d) { ${APP} } }`, { p: programme, r: region, d: data })).createApplication;
}
async function submit(user: string, app: { id: string; version: number }) {
  return (await ok(user, `mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { ${APP} } }`, { id: app.id, v: app.version })).submitApplication;
}
async function send(user: string, app: { id: string; version: number }, event: string, data?: unknown) {
  return (await ok(user, `mutation($id: ID!, $e: String!, $v: Int!, $d: JSON) { transitionApplication(id: $id, event: $e, expectedVersion: $v, data: $d) { ${APP} } }`, { id: app.id, e: event, v: app.version, d: data })).transitionApplication;
}

/** Lets the notice period's timer fire now: its pg-boss job is made due, and the worker runs it. */
async function endNotice(app: { id: string; state: string }) {
  const r = await db.query(`update pgboss.job set start_after = now() where name = 'workflow-timer' and data->>'applicationId' = $1 and state = 'created'`, [app.id]);
  expect(r.rowCount).toBe(1);
  for (let i = 0; i < 100; i++) {
    const row = (await db.query('select id, reference, state, status, version from application where id = $1', [app.id])).rows[0];
    if (row.state !== app.state) return row;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`the notice timer of ${app.id} did not fire`);
}

const APPRAISAL = { appraisal: { meetingDate: '2026-11-20', attendees: 30, votesFor: 28, votesAgainst: 2 } };

/** A household with fresh ID numbers, phones and a bank card everywhere the form has them. */
function household(key: string): Record<string, any> {
  const d = ex(key);
  const head = d.head ? 'head' : 'student';
  d[head] = { ...d[head], idNumber: freshIdNumber(1980), phone: freshMobile() };
  if (Array.isArray(d.members)) d.members = d.members.map((m: Record<string, unknown>) => ('idNumber' in m ? { ...m, idNumber: freshIdNumber(1981) } : m));
  if (d.household?.headIdNumber) d.household.headIdNumber = freshIdNumber(1960);
  if ('bankCard' in d) d.bankCard = freshBankCard();
  return d;
}

async function fillBoard() {
  // 低保: into the village notice, in two villages.
  for (const [user, region] of [['dongjie_cadre', DONGJIE], ['dongjie_cadre', DONGJIE], ['wangge_cadre', WANGGE], ['wangge_cadre', WANGGE]] as const) {
    const app = await submit(user, await create(user, 'dibao', region, household('dibao')));
    expect((await send(user, app, 'APPROVE', APPRAISAL)).state).toBe('village_notice');
  }
  // 精准识别: two cases in each of its three notices.
  for (let i = 0; i < 6; i++) {
    const [cadre, reviewer, region] = i % 2 ? ['wangge_cadre', 'yaoshan_reviewer', WANGGE] : ['dongjie_cadre', 'puyang_reviewer', DONGJIE];
    let app = await send(cadre, await submit(cadre, await create(cadre, 'identification', region, household('identification'))), 'APPROVE', APPRAISAL);
    expect(app.state).toBe('village_notice');
    if (i < 2) continue;
    app = await send(reviewer, await endNotice(app), 'APPROVE');
    expect(app.state).toBe('township_notice');
    if (i < 4) continue;
    app = await send('county_office', await endNotice(app), 'APPROVE');
    expect(app.state).toBe('county_announcement');
  }
  // 雨露计划: into the school notice.
  for (let i = 0; i < 3; i++) {
    let app = await submit('teacher', await create('teacher', 'yulu', DONGJIE, household('yulu')));
    for (const u of ['teacher', 'school_leader', 'principal']) app = await send(u, app, 'APPROVE');
    expect(app.state).toBe('school_notice');
  }
  // Programmes without a notice step still hold personal data that must not leak anywhere public.
  await submit('dongjie_cadre', await create('dongjie_cadre', 'housing', DONGJIE, household('housing')));
  await submit('dongjie_team', await create('dongjie_team', 'monitoring', DONGJIE, household('monitoring')));
}

async function raiseObjections() {
  const board = await anonymous('query { publicNotices(first: 100) { edges { node { reference programmeKey } } } }');
  const refs: string[] = board.body!.data.publicNotices.edges.map((e: any) => e.node.reference);
  for (const reference of refs.slice(0, 3)) {
    const r = await anonymous('mutation($r: String!, $c: String) { raiseObjection(reference: $r, reason: "公示对象家庭有稳定收入，情况不实", contact: $c) { id reference reason contact status createdAt } }', { r: reference, c: freshMobile() });
    expect(r.body?.errors).toBeUndefined();
    objections.push({ source: `raiseObjection(${reference})`, body: r.body });
    objectedReference = reference;
    objectionId = r.body!.data.raiseObjection.id;
  }
}

/** An anonymous request (a different documentation address each time, for the per-client limits). */
function anonymous(query: string, variables: Record<string, unknown> = {}) {
  return rawGql(s.url, query, JSON.stringify(variables), { headers: { 'x-forwarded-for': `198.51.100.${(xff++ % 250) + 1}` } });
}

/** Every ID number, phone and card number stored anywhere a person's data lives. */
async function storedSecrets(): Promise<Set<string>> {
  const secrets = new Set<string>();
  for (const r of (await db.query('select data from application')).rows) secretsIn(r.data, secrets);
  for (const r of (await db.query('select contact from objection where contact is not null')).rows) secretsIn({ contact: r.contact }, secrets);
  return secrets;
}

// ---------------------------------------------------------------------------------------------
// Collecting the public surface

interface Response { source: string; body: unknown; references: string[] }

async function allRegionCodes(): Promise<string[]> {
  const codes: string[] = [];
  const queue: Array<string | null> = [null];
  while (queue.length) {
    const parent = queue.shift()!;
    const r = await anonymous('query($p: String) { regions(parentCode: $p) { code level } }', { p: parent });
    for (const region of r.body?.data?.regions ?? []) {
      codes.push(region.code);
      if (region.level !== 'village') queue.push(region.code);
    }
  }
  return codes;
}

const NOTICE_FIELDS = 'reference programmeKey programmeName regionCode regionName townshipName stateTitle noticeStart noticeEnd office fields { title value } objectionOpen';

/** The notice board for the whole tree and every region in it, small pages followed to the end. */
async function boardPages(codes: string[]): Promise<Response[]> {
  const out: Response[] = [];
  for (const regionCode of [null, ...codes]) {
    let after: string | null = null;
    for (let page = 0; page < 200; page++) {
      const r = await anonymous(`query($r: String, $a: String) { publicNotices(regionCode: $r, first: 4, after: $a) { totalCount edges { cursor node { ${NOTICE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`, { r: regionCode, a: after });
      expect(r.status, r.text.slice(0, 200)).toBe(200);
      const conn = r.body?.data?.publicNotices;
      if (!conn) throw new Error(`publicNotices(${regionCode}) answered ${r.text.slice(0, 200)}`);
      out.push({ source: `publicNotices(${regionCode ?? 'all'}) page ${page + 1}`, body: r.body, references: conn.edges.map((e: any) => e.node.reference) });
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
  }
  return out;
}

/** A selection of every scalar field, `depth` object levels down, skipping fields that need arguments. */
function selection(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(f.name);
    else if (isObjectType(named) && depth > 0) {
      const inner = selection(named, depth - 1);
      if (inner) parts.push(`${f.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

/** A value for an argument an anonymous client would know, or undefined (then the query is not called). */
function argumentValue(name: string, type: GraphQLField<unknown, unknown>['args'][number]['type']): unknown {
  const named = getNamedType(type);
  if (/reference/i.test(name)) return objectedReference;
  if (/^(id|objectionId)$/i.test(name)) return objectionId;
  if (/regionCode|parentCode|^code$/i.test(name)) return COUNTY;
  if (/programmeKey|^key$/i.test(name)) return 'dibao';
  if (name === 'first') return 100;
  if (named.name === 'Boolean') return true;
  if (named.name === 'JSON') return {};
  if (!isNonNullType(type)) return undefined;
  if (isListType(isNonNullType(type) ? type.ofType : type)) return [];
  return undefined;
}

/** Every query, called without a token; what answers with data is public and gets scanned. */
async function anonymousQueries(): Promise<{ responses: Response[]; answered: string[]; refused: string[] }> {
  const responses: Response[] = [];
  const answered: string[] = [];
  const refused: string[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const vars: Record<string, unknown> = {};
    let callable = true;
    for (const a of field.args) {
      const v = argumentValue(a.name, a.type);
      if (v === undefined && isNonNullType(a.type) && a.defaultValue === undefined) callable = false;
      if (v !== undefined) vars[a.name] = v;
    }
    if (!callable) {
      refused.push(`${field.name} (no value for its arguments)`);
      continue;
    }
    const defs = Object.keys(vars).map((k) => `$${k}: ${String(field.args.find((a) => a.name === k)!.type)}`).join(', ');
    const args = Object.keys(vars).map((k) => `${k}: $${k}`).join(', ');
    const named = getNamedType(field.type);
    let r;
    for (const depth of [3, 2, 1, 0]) {
      const sel = isObjectType(named) ? `{ ${selection(named, depth) || '__typename'} }` : '';
      r = await anonymous(`query${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${sel} }`, vars);
      if (r.body?.errors?.[0]?.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') break; // too costly: one level less
    }
    const data = r!.body?.data?.[field.name];
    if (data !== undefined && data !== null) {
      answered.push(field.name);
      responses.push({ source: `query ${field.name}`, body: r!.body, references: [] });
    } else refused.push(`${field.name} (${r!.body?.errors?.[0]?.extensions?.code ?? r!.status})`);
  }
  return { responses, answered, refused };
}

async function publicSurface(): Promise<Response[]> {
  const codes = await allRegionCodes();
  const { responses, answered, refused } = await anonymousQueries();
  console.log(`public queries answered anonymously: ${answered.join(', ')}; refused: ${refused.join(', ')}`);
  const html = await fetch(`${s.url}/public/print/${DONGJIE}`).then((r) => r.text());
  return [
    ...(await boardPages(codes)),
    ...responses,
    ...objections.map((o) => ({ ...o, references: [] })),
    { source: `/public/print/${DONGJIE}`, body: html, references: [] },
  ];
}

function scan(responses: Response[], secrets: Set<string>): Finding[] {
  return responses.flatMap((r) => scanForPii(r.source, r.body, secrets));
}

/** Findings in the notices of these references only (each slip is judged on its own cases). */
function scanReferences(responses: Response[], secrets: Set<string>, references: string[]): Finding[] {
  const out: Finding[] = [];
  for (const r of responses) {
    const edges: any[] = (r.body as any)?.data?.publicNotices?.edges ?? [];
    for (const e of edges) if (references.includes(e.node.reference)) out.push(...scanForPii(`${r.source} ${e.node.reference}`, e.node, secrets));
  }
  return out;
}

const brief = (f: Finding[]) => f.slice(0, 20).map((x) => `${x.source} ${x.path}: ${x.kind} ${x.match}`);

beforeAll(async () => {
  s = await startTestServer();
  db = new pg.Client({ connectionString: s.databaseUrl });
  await db.connect();
  await fillBoard();
  await raiseObjections();
}, 180_000);

afterAll(async () => {
  await db?.end();
  await s?.stop();
});

describe('no personal number in any public response', () => {
  it('the board of the example programmes, the public queries and the objection answers', async () => {
    const responses = await publicSurface();
    const onBoard = new Set(responses.flatMap((r) => r.references));
    expect(onBoard.size).toBeGreaterThanOrEqual(12); // the board really is full
    const secrets = await storedSecrets();
    expect(secrets.size).toBeGreaterThan(40);
    const findings = scan(responses, secrets);
    console.log(`scanned ${responses.length} public responses (${onBoard.size} cases on the board) against ${secrets.size} stored numbers: ${findings.length} finding(s)`);
    expect(brief(findings)).toEqual([]);
  });

  /** Publishes a dibao copy whose form is changed by `slip`; returns its cases on the board, or [] when the save is refused. */
  async function slipProgramme(key: string, slip: (form: any) => void, mustName: RegExp[]): Promise<string[]> {
    const base = loadExample('dibao');
    const form = structuredClone(base.formSchema) as any;
    slip(form);
    const designer = await s.login('designer');
    await ok('designer', 'mutation($k: String!) { createProgramme(input: { key: $k, name: "低保（公示字段测试）", regionCode: "130636000000" }) { key } }', { k: key });
    const saved = await s.gql('mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }', { k: key, f: form, u: base.uiSchema, w: base.workflow }, designer);
    if (saved.errors) {
      // Refused at save: it must say so as a schema problem naming each field.
      expect(saved.errors[0]!.extensions?.code).toBe('SCHEMA_INVALID');
      const paths = (saved.errors[0]!.extensions?.problems ?? []).map((p) => `${p.path} ${p.message}`).join('\n');
      for (const re of mustName) expect(paths).toMatch(re);
      return [];
    }
    await ok('designer', 'mutation($k: String!) { publishProgramme(key: $k) { number } }', { k: key });
    const refs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await send('dongjie_cadre', await submit('dongjie_cadre', await create('dongjie_cadre', key, DONGJIE, household('dibao'))), 'APPROVE', APPRAISAL);
      expect(app.status).toBe('UNDER_NOTICE');
      refs.push(app.reference);
    }
    return refs;
  }

  it("a designer's slip: the ID number and the phone marked x-public without x-mask", async () => {
    const refs = await slipProgramme('slip-idcard', (form) => {
      delete form.properties.head.properties.idNumber['x-mask'];
      form.properties.head.properties.phone['x-public'] = true;
    }, [/idNumber/, /phone/]);
    const responses = await boardPages([DONGJIE]);
    expect(brief(scanReferences(responses, await storedSecrets(), refs))).toEqual([]);
  });

  it("a designer's slip: the bank card marked x-public", async () => {
    const refs = await slipProgramme('slip-bankcard', (form) => {
      form.properties.bankCard['x-public'] = true;
    }, [/bankCard/]);
    const responses = await boardPages([DONGJIE]);
    expect(brief(scanReferences(responses, await storedSecrets(), refs))).toEqual([]);
  });

  it("a cadre's slip: a phone number typed into a public free-text field", async () => {
    const data = household('dibao');
    data.head.group = `第五组 ${data.head.phone}`; // 村民小组 is x-public, free text
    const app = await send('dongjie_cadre', await submit('dongjie_cadre', await create('dongjie_cadre', 'dibao', DONGJIE, data)), 'APPROVE', APPRAISAL);
    expect(app.status).toBe('UNDER_NOTICE');
    const responses = await boardPages([DONGJIE]);
    expect(brief(scanReferences(responses, await storedSecrets(), [app.reference]))).toEqual([]);
  });
});
