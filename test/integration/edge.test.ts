/**
 * The request edge (issue 10): what any client may send and what it gets back. Each case here was
 * found by probing the server; each failed before its fix.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { getIntrospectionQuery } from 'graphql';
import { rawRequest } from '../helpers/raw-http.js';
import { codeOf, startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server.js';
import { act, createApp, publishFastCopy } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { MAX_FORM_DATA_DEPTH, MAX_JSON_DEPTH } from '../../server/src/edge/input-guard.js';

const DONGJIE = '130636100201';
const PASSWORD = 'edge-password-2026';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ maxDraftsPerUser: 3, maxDraftBytesPerUser: 600 * 1024, maxResponseBytes: 350_000 });
  await publishFastCopy(s, 'dibao', 'dibao-slow', 'P7D');
  const admin = await s.login('admin');
  // Fresh filers: the demo users' own drafts would count against the small limits set here.
  for (const u of ['edge_cadre', 'edge_cadre2', 'edge_bytes', 'edge_big', 'edge_retry', 'edge_filer']) {
    await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: u, password: PASSWORD, displayName: '边界测试' } }, admin);
    await s.gql(`mutation { grantRole(username: "${u}", role: "village_committee", regionCode: "${DONGJIE}") { role } }`, {}, admin);
  }
});
afterAll(async () => {
  await s?.stop();
});

/** A draft filed by a user of its own (the demo cadres' drafts already reach this file's small limit); anyone in the village may act on it. */
async function fileDraft(programmeKey: string, data: unknown) {
  const r = await s.gql(CREATE, { p: programmeKey, r: DONGJIE, d: data }, await s.login('edge_filer', PASSWORD));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.createApplication as { id: string; version: number };
}

const CREATE = 'mutation($p: String!, $r: String!, $d: JSON) { createApplication(programmeKey: $p, regionCode: $r, data: $d) { id version applicantName } }';
const CREATE_ONCE = 'mutation($p: String!, $r: String!, $d: JSON, $k: String) { createApplication(programmeKey: $p, regionCode: $r, data: $d, idempotencyKey: $k) { id version applicantName } }';

async function post(body: unknown, headers: Record<string, string> = {}, raw?: string) {
  const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw ?? JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('query cost', () => {
  it('counts first passed as a variable: 15 aliased pages of 100 with data are refused before running', async () => {
    const county = await s.login('county_office');
    const q = `query($f: Int!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: applications(first: $f) { edges { node { id data } } }`).join(' ')} }`;
    const r = await s.gql(q, { f: 100 }, county);
    expect(codeOf(r)).toBe('QUERY_TOO_COSTLY');
    expect(r.status).toBe(400);
    expect(r.errors![0].message).toMatch(/costs \d+, more than the limit of 20000/);
    expect(r.errors![0].extensions!.messageZh).toMatch(/查询过大/);
    // The same document with small pages runs.
    const small = await s.gql(q, { f: 2 }, county);
    expect(small.errors).toBeUndefined();
    expect(Object.keys(small.data)).toHaveLength(15);
  });

  it('holds anonymous requests to the public limit, and the printable notice page fits it', async () => {
    const q = `query($f: Int) { ${Array.from({ length: 3 }, (_, i) => `a${i}: publicNotices(first: $f) { edges { node { reference fields { title value } } } }`).join(' ')} }`;
    expect(codeOf(await s.gql(q, { f: 100 }))).toBe('QUERY_TOO_COSTLY');
    const print = await s.gql(
      'query($f: Int) { publicNotices(regionCode: "130636000000", first: $f) { totalCount edges { cursor node { reference programmeKey programmeName regionCode regionName townshipName stateTitle noticeStart noticeEnd office fields { title value } objectionOpen } } pageInfo { hasNextPage endCursor } } }',
      { f: 50 },
    );
    expect(print.errors).toBeUndefined();
    expect(print.data.publicNotices.edges.length).toBeGreaterThan(0);
  });

  it('bounds the size of an answer', async () => {
    const token = await s.login('edge_big', PASSWORD);
    const created = await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: { note: '长'.repeat(150_000) } }, token);
    const r = await s.gql('query($id: ID!) { application(id: $id) { id data } }', { id: created.data.createApplication.id }, token);
    expect(codeOf(r)).toBe('RESPONSE_TOO_LARGE');
    expect(r.errors![0].message).toMatch(/larger than 350000 bytes/);
    expect(r.errors![0].extensions!.messageZh).toMatch(/返回结果超过/);
    expect(r.data).toBeUndefined();
    expect((await s.gql('query($id: ID!) { application(id: $id) { id reference } }', { id: created.data.createApplication.id }, token)).errors).toBeUndefined();
  });
});

describe('deep JSON and bad text', () => {
  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels, and form data deeper than ${MAX_FORM_DATA_DEPTH}, with the pointer (10,000 levels answered 500 before)`, async () => {
    const cadre = await s.login('dongjie_cadre');
    // Written by hand: JSON.stringify itself overflows the stack on 10,000 levels.
    const deep = `${'{"a":'.repeat(10_000)}"底"${'}'.repeat(10_000)}`;
    const res = await post(undefined, { authorization: `Bearer ${cadre}` }, `{"query":${JSON.stringify(CREATE)},"variables":{"p":"dibao","r":"${DONGJIE}","d":${deep}}}`);
    const r = { ...res.body, status: res.status };
    expect(res.status).toBe(400);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.subCode).toBe('TOO_DEEP');
    expect(r.errors![0].extensions!.problems![0]!.path).toBe(`/variables/d${'/a'.repeat(MAX_JSON_DEPTH)}`);
    expect(r.errors![0].extensions!.messageZh).toMatch(/嵌套/);
    // A literal object in the document is held to the same bound.
    const literal = `{ checkFormSchema(formSchema: ${'{a:'.repeat(70)}1${'}'.repeat(70)}) { path } }`;
    const l = await s.gql(literal, {}, await s.login('designer'));
    expect(codeOf(l)).toBe('BAD_USER_INPUT');
    expect(l.errors![0].extensions!.problems![0]!.path).toBe(`/checkFormSchema/formSchema${'/a'.repeat(MAX_JSON_DEPTH)}`);
    // Form data within the general bound but deeper than any form is refused by the service.
    let data: unknown = '底';
    for (let i = 0; i < 40; i++) data = { a: data };
    const form = await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: data }, cadre);
    expect(codeOf(form)).toBe('BAD_USER_INPUT');
    expect(form.errors![0].extensions!.problems![0]!.path).toBe(`/data${'/a'.repeat(MAX_FORM_DATA_DEPTH)}`);
  });

  it('refuses NUL bytes and lone surrogates in form data, comments, display names and search, with the path', async () => {
    const cadre = await s.login('dongjie_cadre');
    const nul = await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: { head: { name: '张\u0000三' } } }, cadre);
    expect(codeOf(nul)).toBe('BAD_USER_INPUT');
    expect(nul.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/variables/d/head/name' })]);
    expect(nul.errors![0].message).not.toMatch(/insert|select|张/i);

    const surrogate = await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: { head: { name: '张\ud800' } } }, cadre);
    expect(surrogate.errors![0].extensions!.problems![0]!.path).toBe('/variables/d/head/name');

    const app = await fileDraft('dibao', {});
    const comment = await act(s, 'dongjie_cadre', app, 'SUBMIT', { comment: 'ok\u0000' });
    expect(codeOf(comment)).toBe('BAD_USER_INPUT');
    expect(comment.errors![0].extensions!.problems![0]!.path).toBe('/variables/c');

    const admin = await s.login('admin');
    const user = await s.gql('mutation { createUser(input: { username: "nul_user", password: "0123456789ab", displayName: "名\\u0000字" }) { id } }', {}, admin);
    expect(codeOf(user)).toBe('BAD_USER_INPUT');
    expect(user.errors![0].extensions!.problems![0]!.path).toBe('/createUser/input/displayName');

    const search = await s.gql('{ applications(filter: { search: "\\u0000" }) { totalCount } }', {}, cadre);
    expect(codeOf(search)).toBe('BAD_USER_INPUT');
    expect(search.errors![0].extensions!.problems![0]!.path).toBe('/applications/filter/search');
    const searchVar = await s.gql('query($q: String) { applications(filter: { search: $q }) { totalCount } }', { q: '张\ud800' }, cadre);
    expect(searchVar.errors![0].extensions!.problems![0]!.path).toBe('/variables/q');
    // A lone surrogate escaped inside the document itself is a syntax error, answered as one.
    const inline = await s.gql('{ applications(filter: { search: "\\ud800" }) { totalCount } }', {}, cadre);
    expect([inline.status, codeOf(inline)]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
  });
});

describe('cursors and search', () => {
  const badCursors = [
    Buffer.from('2026-01-01T00:00:00.000Z|not-a-uuid').toString('base64url'),
    Buffer.from("2026-01-01T00:00:00.000Z|1' or 1=1 --").toString('base64url'),
    '%%%garbage%%%',
    'bm9wZQ',
  ];

  it('answers BAD_USER_INPUT for a malformed cursor on every paged list', async () => {
    const county = await s.login('county_office');
    for (const after of badCursors) {
      for (const q of [
        'query($a: String) { applications(first: 5, after: $a) { totalCount } }',
        'query($a: String) { myTasks(first: 5, after: $a) { totalCount } }',
        'query($a: String) { publicNotices(first: 5, after: $a) { totalCount } }',
      ]) {
        const r = await s.gql(q, { a: after }, county);
        expect({ q, after, code: codeOf(r) }).toEqual({ q, after, code: 'BAD_USER_INPUT' });
        expect(r.errors![0].extensions!.problems![0]!.path).toBe('/after');
      }
    }
  });

  it('matches % and _ literally, and finds a new draft by its applicant name at once', async () => {
    const county = await s.login('county_office');
    const count = async (search: string) => (await s.gql('query($q: String) { applications(filter: { search: $q }, first: 100) { edges { node { applicantName reference } } } }', { q: search }, county)).data.applications.edges;
    expect(await count('%')).toEqual([]);
    expect(await count('_')).toEqual([]);
    const created = await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: { head: { name: '百分%之_百' } } }, await s.login('edge_big', PASSWORD));
    expect(created.data.createApplication.applicantName).toBe('百分%之_百');
    expect((await count('百分%')).map((e: any) => e.node.applicantName)).toEqual(['百分%之_百']);
    expect((await count('百分%之_')).map((e: any) => e.node.applicantName)).toEqual(['百分%之_百']);
  });
});

describe('transitions', () => {
  it('shows noticeEndsAt in the response of the step that enters a notice', async () => {
    let app: any = await fileDraft('dibao-slow', loadExample('dibao').example);
    const submitted = await act(s, 'dongjie_cadre', app, 'SUBMIT');
    app = submitted.data!.transitionApplication;
    const r = await act(s, 'dongjie_cadre', app, 'APPROVE', { data: { appraisal: { meetingDate: '2026-11-20', attendees: 35, votesFor: 33, votesAgainst: 2 } } });
    const view = r.data!.transitionApplication as any;
    expect(view.status).toBe('UNDER_NOTICE');
    expect(view.noticeEndsAt).not.toBeNull();
    expect(Date.parse(view.noticeEndsAt) - Date.parse(view.stateEnteredAt)).toBe(7 * 86_400_000);
  });
});

describe('draft volume and idempotency', () => {
  it('returns the same application for a retry with the same key, and refuses the key for another region', async () => {
    const token = await s.login('edge_retry', PASSWORD);
    const first = await s.gql(CREATE_ONCE, { p: 'dibao', r: DONGJIE, d: { head: { name: '重试' } }, k: 'retry-0001' }, token);
    const again = await s.gql(CREATE_ONCE, { p: 'dibao', r: DONGJIE, d: { head: { name: '重试' } }, k: 'retry-0001' }, token);
    expect(again.data.createApplication.id).toBe(first.data.createApplication.id);
    const [both] = await Promise.all([1, 2].map(() => s.gql(CREATE_ONCE, { p: 'dibao', r: DONGJIE, k: 'retry-0002' }, token)));
    const third = await s.gql(CREATE_ONCE, { p: 'dibao', r: DONGJIE, k: 'retry-0002' }, token);
    expect(third.data.createApplication.id).toBe(both!.data.createApplication.id);

    const other = await s.gql(CREATE_ONCE, { p: 'dibao', r: DONGJIE, k: 'retry-0001' }, await s.login('edge_cadre2', PASSWORD));
    expect(other.data.createApplication.id).not.toBe(first.data.createApplication.id); // keys are per user
    const reused = await s.gql(CREATE_ONCE, { p: 'dibao', r: '130636100202', k: 'retry-0001' }, token);
    expect(codeOf(reused)).toBe('BAD_USER_INPUT');
    expect(reused.errors![0].extensions!.subCode).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(codeOf(await s.gql(CREATE_ONCE, { p: 'dibao', r: DONGJIE, k: 'x'.repeat(101) }, token))).toBe('BAD_USER_INPUT');
  });

  it('limits the number of open drafts per user', async () => {
    const token = await s.login('edge_cadre', PASSWORD);
    for (let i = 0; i < 3; i++) expect((await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: {} }, token)).errors).toBeUndefined();
    const r = await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: {} }, token);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.subCode).toBe('DRAFT_LIMIT');
    expect(r.errors![0].extensions!.messageZh).toMatch(/草稿/);
    // Another user is not affected.
    expect((await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: {} }, await s.login('edge_cadre2', PASSWORD))).errors).toBeUndefined();
  });

  it('limits the bytes of open drafts per user, on create and on save', async () => {
    const token = await s.login('edge_bytes', PASSWORD);
    const kb = (n: number) => ({ note: 'x'.repeat(n * 1024) });
    const save = 'mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { id version } }';
    expect((await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: kb(250) }, token)).errors).toBeUndefined();
    const b = (await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: { note: 'small' } }, token)).data.createApplication.id;
    expect((await s.gql(save, { id: b, d: kb(250), v: 1 }, token)).errors).toBeUndefined(); // 500 KB of 600
    const third = await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: kb(150) }, token);
    expect(codeOf(third)).toBe('BAD_USER_INPUT');
    expect(third.errors![0].extensions!.subCode).toBe('DRAFT_LIMIT');
    const c = (await s.gql(CREATE, { p: 'dibao', r: DONGJIE, d: { note: 'small' } }, token)).data.createApplication.id;
    const grown = await s.gql(save, { id: c, d: kb(150), v: 1 }, token);
    expect(grown.errors![0].extensions!.subCode).toBe('DRAFT_LIMIT');
    // Saving a draft smaller is always possible.
    expect((await s.gql(save, { id: b, d: { note: 'small again' }, v: 2 }, token)).errors).toBeUndefined();
    expect((await s.gql(save, { id: c, d: kb(150), v: 1 }, token)).errors).toBeUndefined();
  });
});

describe('sign-in', () => {
  const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

  it('says "Wrong username or password" in English and Chinese', async () => {
    const r = await s.gql(LOGIN, { u: 'designer', p: 'wrong-password' });
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0].message).toBe('Wrong username or password');
    expect(r.errors![0].extensions!.messageZh).toBe('用户名或密码错误');
  });

  it('limits failures per account whatever X-Forwarded-For says', async () => {
    let last: any;
    for (let i = 0; i < 12; i++) last = await post({ query: LOGIN, variables: { u: 'edge_cadre', p: `guess-${i}` } }, { 'x-forwarded-for': `198.51.100.${i + 1}` });
    expect(last.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(last.body.errors[0].extensions.messageZh).toMatch(/登录失败次数过多/);
    // The right password from a fresh address is refused too while the account is locked.
    const right = await post({ query: LOGIN, variables: { u: 'edge_cadre', p: PASSWORD } }, { 'x-forwarded-for': '198.51.100.200' });
    expect(right.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('lets 64 successful sign-ins through from one address (an office behind one NAT)', async () => {
    for (let batch = 0; batch < 8; batch++) {
      const results = await Promise.all(Array.from({ length: 8 }, () => post({ query: LOGIN, variables: { u: 'yaoshan_reviewer', p: 'demo-2026-aid' } }, { 'x-forwarded-for': '203.0.113.9' })));
      for (const r of results) expect(r.body.errors).toBeUndefined();
    }
  });

  it('refuses a correctly signed token without an expiry', async () => {
    const me = (await s.gql('{ me { id } }', {}, await s.login('designer'))).data.me.id;
    const forever = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(me).setIssuedAt().sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect(codeOf(await s.gql('{ me { username } }', {}, forever))).toBe('UNAUTHENTICATED');
  });
});

describe('documents', () => {
  it('answers a syntax error and an over-long document with 400, not 500', async () => {
    const broken = await s.gql('{ me { id ');
    expect([broken.status, codeOf(broken)]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    const long = await s.gql(`{ ${Array.from({ length: 2100 }, () => '__typename').join(' ')} }`);
    expect([long.status, codeOf(long)]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    expect(long.errors![0].message).toMatch(/2000 tokens/);
  });
});

describe('introspection', () => {
  it('refuses an absurdly deep introspection query and answers the standard one', async () => {
    const deep = `{ __schema { types { ${'ofType { '.repeat(300)}name${' }'.repeat(300)} } } }`;
    const r = await s.gql(deep);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/Introspection depth/);
    const viaType = `{ __type(name: "Query") { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } }`;
    expect(codeOf(await s.gql(viaType))).toBe('GRAPHQL_VALIDATION_FAILED');
    const standard = await s.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(standard.errors?.map((e) => e.message)).toBeUndefined();
    expect(standard.data.__schema.types.length).toBeGreaterThan(20);
  });
});

describe('security headers', () => {
  it('sends CSP, frame, nosniff and referrer headers on pages and API answers', async () => {
    for (const path of ['/', '/public', '/graphiql', '/healthz']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/);
      expect(res.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await post({ query: '{ me { id } }' })).status).toBe(200);
  });
});

describe('compressed answers', () => {
  it('compresses an answer of 1 kB or more for a client that takes it (Brotli, else gzip), and leaves small answers and other clients alone', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await s.login('dongjie_cadre')}` };
    const ask = (query: string, acceptEncoding: string) =>
      rawRequest(`${s.url}/graphql`, { method: 'POST', headers: { ...headers, 'accept-encoding': acceptEncoding }, body: JSON.stringify({ query }) });
    const LIST = '{ applications(first: 50) { edges { node { id reference status stateTitle stateTitleEn createdAt programme { name nameEn } } } } }';
    const plain = await ask(LIST, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length, plain.body.toString()).toBeGreaterThan(5_000);
    const expected = JSON.parse(plain.body.toString());
    expect(expected.errors).toBeUndefined();
    for (const [accepts, encoding, unzip] of [['gzip, deflate, br, zstd', 'br', zlib.brotliDecompressSync], ['gzip, deflate', 'gzip', zlib.gunzipSync]] as const) {
      const r = await ask(LIST, accepts);
      expect(r.headers['content-encoding'], accepts).toBe(encoding);
      expect(r.headers.vary).toMatch(/Accept-Encoding/i);
      expect(r.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(unzip(r.body).toString())).toEqual(expected);
    }
    const small = await ask('{ me { id } }', 'gzip, deflate, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString()).data.me.id).toEqual(expect.any(String));
  });
});
