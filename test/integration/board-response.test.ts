import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
