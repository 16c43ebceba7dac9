import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { boardResponsesOf } from '../../server/src/notices/board-cache.js';

const DONGJIE = '130636100201';
const APPRAISAL = { appraisal: { meetingDate: '2026-11-20', attendees: 35, votesFor: 33, votesAgainst: 2 } };
const BOARD = `query Board($r: String) { publicNotices(regionCode: $r, first: 100) {
  edges { cursor node { reference programmeName regionName stateTitle noticeStart noticeEnd objectionOpen objectionPending fields { title value } } }
  pageInfo { hasNextPage endCursor } } }`;

let s: TestServer;
beforeAll(async () => {
  // A minute: within this test only an invalidation can change an answer.
  s = await startTestServer({ boardCacheMs: 60_000 });
});
afterAll(async () => {
  await s?.stop();
});

interface Raw {
  status: number;
  body: string;
  etag: string | null;
  cacheControl: string | null;
}

/** The answer's exact bytes and caching headers (the helper's gql parses them). */
async function post(query: string, variables: unknown, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.text(), etag: res.headers.get('etag'), cacheControl: res.headers.get('cache-control') };
}

describe('finished answers of the public board', () => {
  it('answers a repeated anonymous board query with the bytes Apollo produced, and changes them after a transition', async () => {
    const responses = boardResponsesOf(s.services);
    const staff = await s.login('dongjie_cadre');

    const first = await post(BOARD, { r: DONGJIE });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).errors).toBeUndefined();
    expect(first.etag).toMatch(/^".+"$/);
    expect(first.cacheControl).toBe('public, max-age=60');

    const hits = responses.hits;
    // The same document with other whitespace, as a client library might send it.
    const again = await post(BOARD.replace(/\s+/g, '  '), { r: DONGJIE });
    expect(responses.hits).toBe(hits + 1);
    expect(again.body).toBe(first.body);
    expect(again.etag).toBe(first.etag);

    // A signed-in request always runs GraphQL: its answer is the reference, byte for byte.
    const apollo = await post(BOARD, { r: DONGJIE }, { authorization: `Bearer ${staff}` });
    expect(responses.hits).toBe(hits + 1);
    expect(apollo.cacheControl ?? '').not.toContain('public');
    expect(apollo.body).toBe(first.body);

    // A client that holds the ETag gets 304 and no body.
    const notModified = await post(BOARD, { r: DONGJIE }, { 'if-none-match': first.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');

    // A case enters the village notice: the committed NOTIFY drops the answer.
    const ex = loadExample('dibao').example as any;
    const idNumber = makeIdCard('130636', '19710203', '555');
    const name = '测试公示甲';
    let app: AppView = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, { ...ex, head: { ...ex.head, name, idNumber } });
    const sub = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version state } }', { id: app.id, v: app.version }, staff);
    app = { ...app, ...sub.data.submitApplication };
    const moved = await act(s, 'dongjie_cadre', app, 'APPROVE', { data: APPRAISAL });
    expect(moved.data!.transitionApplication.status).toBe('UNDER_NOTICE');

    let changed: Raw | undefined;
    for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      const r = await post(BOARD, { r: DONGJIE });
      if (r.body.includes(app.reference)) {
        changed = r;
        break;
      }
    }
    expect(changed, 'the anonymous board shows the new case').toBeDefined();
    expect(changed!.body).not.toBe(first.body);
    expect(changed!.etag).not.toBe(first.etag);
    // The old ETag no longer matches.
    expect((await post(BOARD, { r: DONGJIE }, { 'if-none-match': first.etag! })).status).toBe(200);
    // Kept again, and still Apollo's answer byte for byte, masked like it.
    const kept = await post(BOARD, { r: DONGJIE });
    expect(kept.body).toBe(changed!.body);
    expect((await post(BOARD, { r: DONGJIE }, { authorization: `Bearer ${staff}` })).body).toBe(kept.body);
    expect(kept.body).not.toContain(idNumber);
    expect(kept.body).not.toContain(name);
  });

  it('serves a GET with the preflight header, and leaves other documents and refusals to GraphQL', async () => {
    const responses = boardResponsesOf(s.services);
    const q = 'query { publicNotices(regionCode: "130636000000", first: 5) { edges { node { reference } } } }';
    const url = `${s.url}/graphql?query=${encodeURIComponent(q)}`;
    const get = () => fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    const a = await get();
    expect(a.status).toBe(200);
    const hits = responses.hits;
    const b = await get();
    expect(responses.hits).toBe(hits + 1);
    expect(await b.text()).toBe(await a.text());
    // Without the header Apollo's CSRF prevention answers, as before.
    expect((await fetch(url)).status).toBe(400);

    // Another top-level field beside the board: never kept.
    const mixed = 'query { publicNotices(first: 1) { edges { cursor } } regions { code } }';
    const stores = responses.stores;
    await post(mixed, {});
    await post(mixed, {});
    expect(responses.stores).toBe(stores);

    // A refusal is GraphQL's every time, and never kept.
    for (let i = 0; i < 2; i++) {
      const r = await post(BOARD, { r: '999999999999' });
      expect(JSON.parse(r.body).errors[0].extensions.code).toBe('NOT_FOUND');
      expect(r.cacheControl ?? '').not.toContain('public');
    }
    // Limits still apply: first above 100 is refused by the resolver, not answered from memory.
    const tooMany = await post('query($r: String) { publicNotices(regionCode: $r, first: 1000) { edges { cursor } } }', { r: DONGJIE });
    expect(JSON.parse(tooMany.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(responses.stores).toBe(stores);
  });

  it('keeps no personal data: the board of every region, answered from memory, holds no stored ID number, phone or card', async () => {
    const db = new pg.Pool({ connectionString: s.databaseUrl, max: 1 });
    try {
      const strings = (await db.query(`select distinct v #>> '{}' as v from application, jsonb_path_query(data, 'lax $.**') as v where jsonb_typeof(v) = 'string'`)).rows;
      const secrets = strings.map((r) => String(r.v).trim()).filter((v) => /^\d{17}[\dX]$/.test(v) || /^1[3-9]\d{9}$/.test(v) || /^\d{12,19}$/.test(v));
      expect(secrets.length).toBeGreaterThan(50);
      const regions = (await db.query('select code from region order by code')).rows.map((r) => r.code as string);
      const responses = boardResponsesOf(s.services);
      const hits = responses.hits;
      const texts: string[] = [];
      for (const r of [null, ...regions]) {
        const first = await post(BOARD, { r });
        const again = await post(BOARD, { r });
        expect(again.body).toBe(first.body);
        texts.push(again.body);
      }
      // Every second read was answered from memory (some first reads too: earlier tests read them).
      expect(responses.hits - hits).toBeGreaterThanOrEqual(regions.length + 1);
      expect(texts.some((t) => t.includes('"reference"'))).toBe(true);
      expect(secrets.filter((v) => texts.some((t) => t.includes(v)))).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
