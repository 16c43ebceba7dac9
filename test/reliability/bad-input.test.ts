/**
 * Every class of bad input on every argument of every mutation (and every query that takes
 * arguments), generated from the GraphQL schema itself: a new argument, input field or operation
 * is covered the day it is added. For each operation the other arguments get plausible valid
 * values (a real draft, a real notice, the demo county), so the bad value is what gets judged.
 *
 * Whatever the answer (refusal, not found, even success), it must be a typed answer: HTTP < 500,
 * no INTERNAL_SERVER_ERROR, no SQL and no echo of the payload in any error, and the server still
 * answers /healthz afterwards. The server runs in development mode, where an unexpected error's
 * message is not masked, so a leaking message is caught here rather than in production logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isInterfaceType, isUnionType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLNamedType,
} from 'graphql';
import { createSchema } from '../../server/src/schema.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { COUNTY, DONGJIE, PUYANG, deepJsonText, freshIdNumber, outcome, rawGql } from './support.js';

type Caller = 'admin' | 'dongjie_cadre' | 'anonymous';
type Path = Array<string | number>;

/** One bad value: its class name and its raw JSON text. */
interface BadValue {
  cls: string;
  raw: string;
  /** Strings that must not come back in an error (the payload as sent). */
  echo?: string[];
}

const MARK = 'pr0be';
const LONG = `${MARK}-long-${'x'.repeat(100_000)}`;
const NUL = `${MARK}-nul-\u0000-end`;
const SURROGATE = `${MARK}-lone-\ud800-end`;
const DEEP = 10_000;
const b64 = (s: string) => Buffer.from(s).toString('base64url');

const stringBad = (): BadValue[] => [
  { cls: 'nul', raw: JSON.stringify(NUL), echo: [NUL] },
  { cls: 'surrogate', raw: JSON.stringify(SURROGATE), echo: [SURROGATE] }, // JSON.stringify writes "\ud800": really lone
  { cls: 'long', raw: JSON.stringify(LONG), echo: ['x'.repeat(1000)] }, // a short quote of it is fine, not the bulk
  { cls: 'wrongType', raw: '{"not":"a string"}' },
];
const cursorBad = (): BadValue[] => [
  { cls: 'cursor:notBase64', raw: JSON.stringify('!!!%%%$$$') },
  { cls: 'cursor:x|notUuid', raw: JSON.stringify(b64('x|not-a-uuid')) },
  { cls: 'cursor:date|notUuid', raw: JSON.stringify(b64(`${new Date().toISOString()}|not-a-uuid`)) },
  { cls: 'cursor:date|nul', raw: JSON.stringify(b64(`${new Date().toISOString()}|\u0000`)) },
];
const intBad = (): BadValue[] => [
  { cls: 'negative', raw: '-1' },
  { cls: 'minInt', raw: '-2147483648' },
  { cls: 'maxInt', raw: '2147483647' },
  { cls: 'overflow', raw: '2147483648' },
  { cls: 'float', raw: '1.5' },
  { cls: 'wrongType', raw: '"12"' },
];
/**
 * JSON values: nested 10,000 levels (as text), and bad text or keys placed inside a value of the
 * right shape (`wrap`), so the check that looks at that place is the one that judges it.
 */
const jsonBad = (wrap: (inner: string) => string): BadValue[] => [
  { cls: 'deep', raw: deepJsonText(DEEP, 'array') },
  { cls: 'deepObject', raw: deepJsonText(DEEP, 'object') },
  { cls: 'nul', raw: wrap(JSON.stringify(NUL)), echo: [NUL] },
  { cls: 'nulKey', raw: wrap(JSON.stringify({ [NUL]: 1 })), echo: [NUL] },
  { cls: 'surrogate', raw: wrap(JSON.stringify(SURROGATE)), echo: [SURROGATE] },
  { cls: 'long', raw: wrap(JSON.stringify(LONG)), echo: ['x'.repeat(1000)] },
  { cls: 'wrongType', raw: '"a string"' },
];

/** Where bad text goes inside a JSON argument: a place of a valid value that the server reads. */
function jsonWrap(op: string, name: string): (inner: string) => string {
  const SLOT = '\u0001IN\u0001';
  let template: unknown = { head: { name: SLOT } };
  if (op === 'transitionApplication') template = { appraisal: { notes: SLOT } }; // the field village_appraisal may edit
  else if (name === 'formSchema') template = { ...dibao.formSchema, title: SLOT };
  else if (name === 'workflow') template = { ...dibao.workflow, meta: { ...(dibao.workflow.meta as object), title: { zh: SLOT, en: 'probe' } } };
  const text = JSON.stringify(template);
  return (inner) => text.replace(JSON.stringify(SLOT), () => inner);
}

/** The bad values that suit an input type; `name` is the argument or field name. */
function badValuesFor(op: string, type: GraphQLInputType, name: string): BadValue[] {
  const t = isNonNullType(type) ? type.ofType : type;
  if (isListType(t)) return [{ cls: 'wrongType', raw: '{"not":"a list"}' }, { cls: 'hugeList', raw: '__HUGE_LIST__' }];
  if (isInputObjectType(t)) return [{ cls: 'wrongType', raw: '"not an object"' }];
  const named = getNamedType(t) as GraphQLNamedType;
  if (isEnumType(named)) return [...stringBad(), { cls: 'unknownValue', raw: '"NO_SUCH_VALUE"' }];
  switch (named.name) {
    case 'Int':
    case 'Float':
      return intBad();
    case 'Boolean':
      return [{ cls: 'wrongType', raw: '"true"' }, { cls: 'deep', raw: deepJsonText(DEEP) }];
    case 'JSON':
    case 'JSONObject':
      return jsonBad(jsonWrap(op, name));
    case 'DateTime':
      return [...stringBad(), { cls: 'notADate', raw: '"2026-13-45T99:99:99Z"' }];
    case 'ID':
      return [...stringBad(), { cls: 'notUuid', raw: '"not-a-uuid"' }, { cls: 'deep', raw: deepJsonText(DEEP) }];
    default:
      return [...stringBad(), ...(name === 'after' ? cursorBad() : []), { cls: 'deep', raw: deepJsonText(DEEP) }];
  }
}

/** One place a bad value goes: an argument, or a field inside an input object or list. */
interface Slot {
  arg: string;
  path: Path;
  type: GraphQLInputType;
}

function slotsOf(arg: GraphQLArgument): Slot[] {
  const out: Slot[] = [];
  const walk = (type: GraphQLInputType, path: Path, depth: number) => {
    out.push({ arg: arg.name, path, type });
    if (depth > 4) return;
    const t = isNonNullType(type) ? type.ofType : type;
    if (isListType(t)) walk(t.ofType as GraphQLInputType, [...path, 0], depth + 1);
    else if (isInputObjectType(t)) for (const f of Object.values(t.getFields())) walk(f.type, [...path, f.name], depth + 1);
  };
  walk(arg.type, [], 0);
  return out;
}

const slotName = (s: Slot) => [s.arg, ...s.path].join('.');

// ---------------------------------------------------------------------------------------------

const schema = await createSchema();
const operations: Array<{ kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }> = [
  ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
  ...Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.length > 0).map((field) => ({ kind: 'query' as const, field })),
];

/** Who calls each operation: a signed-in admin and village cadre, and nobody. */
const CALLERS: Record<string, Caller[]> = {
  login: ['anonymous'], // the token plays no part; every attempt counts against the login limits
  raiseObjection: ['anonymous', 'dongjie_cadre'],
};
const callersOf = (op: string): Caller[] => CALLERS[op] ?? ['admin', 'dongjie_cadre', 'anonymous'];

let s: TestServer;
const tokens: Partial<Record<Caller, string>> = {};
const dibao = loadExample('dibao');
const example = dibao.example as Record<string, any>;
const validData = () => ({ ...example, head: { ...example.head, idNumber: freshIdNumber() } });
let shared: { appId: string; version: number; noticeRef: string; objectionId: string };
let counter = 0;
let xff = 0;

async function gql(query: string, variables: Record<string, unknown>, who: Caller = 'dongjie_cadre') {
  const r = await rawGql(s.url, query, JSON.stringify(variables), { token: tokens[who], headers: { 'x-forwarded-for': nextAddress() } });
  if (!r.body?.data || r.body.errors) throw new Error(`fixture failed: ${query.slice(0, 60)} ${r.text.slice(0, 500)}`);
  return r.body.data;
}

/** A documentation address per request, so the per-client limits judge this test's cases one by one. */
const nextAddress = () => `192.0.2.${(xff++ % 250) + 1}`;

async function freshDraft(data: unknown = {}) {
  const d = await gql('mutation($d: JSON) { createApplication(programmeKey: "dibao", regionCode: "130636100201", data: $d) { id version } }', { d: data });
  return d.createApplication as { id: string; version: number };
}
async function freshInAppraisal() {
  const app = await freshDraft(validData());
  const d = await gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version reference } }', { id: app.id, v: app.version });
  return d.submitApplication as { id: string; version: number; reference: string };
}
async function freshNotice() {
  const app = await freshInAppraisal();
  const d = await gql('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { id version reference status } }', { id: app.id, v: app.version });
  expect(d.transitionApplication.status).toBe('UNDER_NOTICE');
  return d.transitionApplication as { id: string; version: number; reference: string };
}

/**
 * Valid values for an operation's arguments. Operations that change an application get a fresh
 * one for the village cadre (who can act on it), so one accepted case does not decide the next.
 */
async function validArgs(op: string, caller: Caller, badArg: string): Promise<Record<string, unknown>> {
  const own = caller === 'dongjie_cadre';
  const n = ++counter;
  switch (op) {
    case 'saveApplication': {
      const a = own && badArg !== 'id' ? await freshDraft() : { id: shared.appId, version: shared.version };
      return { id: a.id, data: validData(), expectedVersion: a.version };
    }
    case 'submitApplication': {
      const a = own && badArg !== 'id' ? await freshDraft(validData()) : { id: shared.appId, version: shared.version };
      return { id: a.id, expectedVersion: a.version };
    }
    case 'transitionApplication': {
      const a = own && badArg !== 'id' ? await freshInAppraisal() : { id: shared.appId, version: shared.version };
      return { id: a.id, event: 'APPROVE', expectedVersion: a.version };
    }
    case 'raiseObjection': {
      const reference = badArg !== 'reference' ? (await freshNotice()).reference : shared.noticeRef;
      return { reference, reason: '公示对象家庭收入情况与实际不符', contact: '13900000000' };
    }
    case 'resolveObjection':
      return { id: shared.objectionId, outcome: 'dismissed', comment: '经核实，异议不成立' };
    case 'createProgramme':
      return { input: { key: `suite-p${n}`, name: '测试项目', regionCode: COUNTY, description: '测试' } };
    case 'createUser':
      return { input: { username: `suite_u${n}`, password: 'suite-password-1', displayName: '测试用户' } };
    case 'saveProgrammeDraft':
      return { key: 'suite-draft', formSchema: dibao.formSchema, uiSchema: dibao.uiSchema, workflow: dibao.workflow };
    case 'importRegions':
      return { regions: [{ code: `1306361002${String(50 + (n % 49)).padStart(2, '0')}`, name: '测试村', level: 'village', parentCode: PUYANG }] };
    case 'grantRole':
    case 'revokeRole':
      // A dedicated user: revoking the demo cadre's grant would change what later cases judge.
      return { username: 'suite_target', role: 'village_committee', regionCode: DONGJIE };
    case 'login':
      return { username: 'suite_target', password: 'suite-password-1' };
    case 'createApplication':
      return { programmeKey: 'dibao', regionCode: DONGJIE, data: {} };
    case 'applicationStats':
      return { programmeKey: 'dibao', groupBy: ['state'], regionCode: COUNTY };
    case 'application':
      return { id: shared.appId };
    default:
      return {};
  }
}

/** A plausible valid value for an argument or input field the fixtures above do not name. */
function defaultValue(type: GraphQLInputType, name: string): unknown {
  const t = isNonNullType(type) ? type.ofType : type;
  if (isListType(t)) return [defaultValue(t.ofType as GraphQLInputType, name)];
  if (isInputObjectType(t)) {
    const obj: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields())) if (isNonNullType(f.type)) obj[f.name] = defaultValue(f.type, f.name);
    return obj;
  }
  const byName: Record<string, unknown> = {
    regionCode: COUNTY, parentCode: COUNTY, code: COUNTY, key: 'dibao', programmeKey: 'dibao', first: 20,
    username: 'suite_target', password: 'suite-password-1', role: 'village_committee', event: 'APPROVE',
    comment: '测试意见', reason: '测试异议理由', outcome: 'dismissed', name: '测试', displayName: '测试',
    level: 'village', state: 'draft', status: 'DRAFT', search: '周', reference: 'X', groupBy: 'state',
  };
  if (name in byName) return byName[name];
  const named = getNamedType(t);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  switch (named.name) {
    case 'Int': case 'Float': return 1;
    case 'Boolean': return false;
    case 'JSON': case 'JSONObject': return {};
    case 'DateTime': return new Date().toISOString();
    case 'ID': return shared.appId;
    default: return `suite-${name}`;
  }
}

/** Variables for one case as JSON text: valid values, with the bad raw text spliced in at the slot. */
async function caseVariables(op: GraphQLField<unknown, unknown>, slot: Slot, bad: BadValue, caller: Caller): Promise<string> {
  const fixed = await validArgs(op.name, caller, slot.arg);
  const vars: Record<string, unknown> = {};
  for (const a of op.args) {
    if (a.name in fixed && fixed[a.name] !== undefined) vars[a.name] = structuredClone(fixed[a.name]);
    // A copy: the slot is written into it below, and the schema's default is the server's own
    // object (shared by every request, and by every server of this process).
    else if (a.defaultValue !== undefined) vars[a.name] = structuredClone(a.defaultValue); // the variable is declared with the argument's own type
    else if (isNonNullType(a.type)) vars[a.name] = defaultValue(a.type, a.name);
    else if (a.name === slot.arg) vars[a.name] = defaultValue(a.type, a.name);
  }
  const PLACEHOLDER = '\u0001SLOT\u0001';
  if (slot.path.length === 0) vars[slot.arg] = PLACEHOLDER;
  else {
    // Walk down, creating the containers the slot needs (a list gets one valid element).
    let node: any = vars[slot.arg] ?? (vars[slot.arg] = typeof slot.path[0] === 'number' ? [] : {});
    for (let i = 0; i < slot.path.length - 1; i++) {
      const seg = slot.path[i]!;
      if (node[seg] === undefined || node[seg] === null || typeof node[seg] !== 'object') node[seg] = typeof slot.path[i + 1] === 'number' ? [] : {};
      node = node[seg];
    }
    node[slot.path[slot.path.length - 1]!] = PLACEHOLDER;
  }
  let raw = bad.raw;
  if (raw === '__HUGE_LIST__') {
    // Ten thousand copies of a valid element (the fixture's own, where it gives a list).
    const t = isNonNullType(slot.type) ? slot.type.ofType : slot.type;
    const given = slot.path.length === 0 ? fixed[slot.arg] : undefined;
    const item = JSON.stringify(Array.isArray(given) && given.length ? given[0] : defaultValue((t as any).ofType as GraphQLInputType, String(slot.path[slot.path.length - 1] ?? slot.arg)));
    raw = `[${Array(10_000).fill(item).join(',')}]`;
  }
  return JSON.stringify(vars).replace(JSON.stringify(PLACEHOLDER), () => raw);
}

function selectionFor(type: GraphQLField<unknown, unknown>['type']): string {
  const named = getNamedType(type);
  return isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? '{ __typename }' : '';
}

// Lower case on purpose: what a database driver puts in its messages, not English prose.
const SQL_FRAGMENTS = ['insert into', 'select ', 'update ', 'where ', 'delete from'];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one answer (empty when it is a proper typed answer). */
function problemsOf(r: Awaited<ReturnType<typeof rawGql>>, bad: BadValue): string[] {
  const out: string[] = [];
  if (r.status >= 500) out.push(`HTTP ${r.status}`);
  if (!r.body) out.push(`not a GraphQL answer: ${r.text.slice(0, 100)}`);
  for (const e of r.body?.errors ?? []) {
    const message = String(e.message);
    if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') out.push('INTERNAL_SERVER_ERROR');
    const text = `${message} ${JSON.stringify(e.extensions ?? {})}`.toLowerCase();
    const sql = SQL_FRAGMENTS.find((f) => text.includes(f));
    if (sql) out.push(`SQL ("${sql.trim()}") in the error`);
    if (message.includes('\u0000') || LONE_SURROGATE.test(message) || (bad.echo ?? []).some((p) => message.includes(p))) out.push('the error message echoes the payload');
    if (out.length) out.push(`message: ${JSON.stringify(message.slice(0, 120))}`);
  }
  return out;
}

interface Row {
  op: string;
  slot: string;
  cls: string;
  codes: Partial<Record<Caller, string>>;
}
const rows: Row[] = [];

beforeAll(async () => {
  s = await startTestServer({ env: 'development', logLevel: 'silent' });
  for (const who of ['admin', 'dongjie_cadre'] as const) tokens[who] = await s.login(who);
  await gql('mutation { createUser(input: { username: "suite_target", password: "suite-password-1", displayName: "测试对象" }) { id } }', {}, 'admin');
  await gql('mutation { createProgramme(input: { key: "suite-draft", name: "测试草稿", regionCode: "130636000000" }) { key } }', {}, 'admin');
  const app = await freshDraft(validData());
  const notice = await freshNotice();
  const objected = await freshNotice();
  const o = await gql('mutation($r: String!) { raiseObjection(reference: $r, reason: "公示对象家庭收入情况与实际不符") { id } }', { r: objected.reference }, 'anonymous');
  shared = { appId: app.id, version: app.version, noticeRef: notice.reference, objectionId: o.raiseObjection.id };
}, 120_000);

afterAll(async () => {
  await s?.stop();
  if (!rows.length) return;
  // Compact summary: one line per (operation, argument), one column per class; a cell shows the
  // answer per caller (admin / village cadre / anonymous, or as listed).
  const abbrev = (c?: string) => (c ?? '-')
    .replace('INTERNAL_SERVER_ERROR', '500!').replace('BAD_USER_INPUT', 'BUI').replace('UNAUTHENTICATED', 'UNA')
    .replace('FORBIDDEN', 'FOR').replace('NOT_FOUND', 'NF').replace('GRAPHQL_VALIDATION_FAILED', 'GVF')
    .replace('TRANSITION_NOT_ALLOWED', 'TNA').replace('VERSION_CONFLICT', 'VC').replace('RATE_LIMITED', 'RL')
    .replace('PAYLOAD_TOO_LARGE', '413').replace('SCHEMA_INVALID', 'SI').replace('WORKFLOW_INVALID', 'WI');
  const lines = new Map<string, Row[]>();
  for (const r of rows) lines.set(`${r.op}(${r.slot})`, [...(lines.get(`${r.op}(${r.slot})`) ?? []), r]);
  const out = ['bad input: (operation, argument) → class: admin/cadre/anonymous'];
  for (const [key, rs] of lines) out.push(`${key.padEnd(46)} ${rs.map((r) => `${r.cls}=${Object.values(r.codes).map(abbrev).join('/')}`).join('  ')}`);
  const total = rows.reduce((n, r) => n + Object.keys(r.codes).length, 0);
  const internal = rows.reduce((n, r) => n + Object.values(r.codes).filter((c) => c?.startsWith('INTERNAL')).length, 0);
  out.push(`${total} requests, ${internal} answered INTERNAL_SERVER_ERROR`);
  console.log(out.join('\n'));
});

describe('bad input on every argument, generated from the schema', () => {
  it('covers every mutation and every query with arguments', () => {
    const names = operations.map((o) => o.field.name);
    // A sanity check on the generator, not a list to maintain: the core contract is there.
    expect(names).toEqual(expect.arrayContaining(['createApplication', 'saveApplication', 'transitionApplication', 'raiseObjection', 'login', 'applications', 'publicNotices', 'checkFormSchema']));
    expect(operations.flatMap((o) => o.field.args.flatMap(slotsOf)).length).toBeGreaterThan(50);
  });

  for (const { kind, field } of operations) {
    it(`${kind} ${field.name}`, async () => {
      const failures: string[] = [];
      const varDefs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `${kind}${varDefs ? `(${varDefs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(field.type)} }`;
      for (const slot of field.args.flatMap(slotsOf)) {
        for (const bad of badValuesFor(field.name, slot.type, String(slot.path[slot.path.length - 1] ?? slot.arg))) {
          const row: Row = { op: field.name, slot: slotName(slot), cls: bad.cls, codes: {} };
          rows.push(row);
          for (const caller of callersOf(field.name)) {
            const label = `${field.name}(${slotName(slot)}) ${bad.cls} as ${caller}`;
            const variables = await caseVariables(field, slot, bad, caller);
            let r;
            try {
              r = await rawGql(s.url, query, variables, { token: tokens[caller], headers: { 'x-forwarded-for': nextAddress() } });
            } catch (e) {
              failures.push(`${label}: no answer (${(e as Error).message})`);
              row.codes[caller] = 'NO_ANSWER';
              continue;
            }
            row.codes[caller] = outcome(r);
            if (process.env.RELIABILITY_VERBOSE) console.log(label, r.status, outcome(r), (r.body?.errors?.[0]?.message ?? '').slice(0, 200));
            const problems = problemsOf(r, bad);
            if (problems.length) failures.push(`${label}: ${problems.join('; ')}`);
            const health = await fetch(`${s.url}/healthz`).then((h) => h.status).catch(() => 0);
            if (health !== 200) failures.push(`${label}: /healthz answered ${health} afterwards`);
          }
        }
      }
      expect(failures).toEqual([]);
    }, 240_000);
  }
});
