import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { boardCacheOf, boardResponsesOf } from '../../server/src/notices/board-cache.js';

const DONGJIE = '130636100201';
const APPRAISAL = { appraisal: { meetingDate: '2026-11-20', attendees: 35, votesFor: 33, votesAgainst: 2 } };
const BOARD = 'query($r: String) { publicNotices(regionCode: $r, first: 100) { edges { node { reference objectionPending fields { title value } } } pageInfo { hasNextPage } } }';

let s: TestServer;
beforeAll(async () => {
  // A minute: only an invalidation can make a page change within this test.
  s = await startTestServer({ boardCacheMs: 60_000 });
});
afterAll(async () => {
  await s?.stop();
});

const board = async (region: string) => {
  const r = await s.gql(BOARD, { r: region });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { nodes: r.data.publicNotices.edges.map((e: any) => e.node) as any[], raw: JSON.stringify(r.data) };
};

async function until(what: string, f: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('public board cache', () => {
  it('serves repeated reads from memory, and shows a case entering notice and an objection at once', async () => {
    const cache = boardCacheOf(s.services);
    const before = await board(DONGJIE);
    const misses = cache.misses;
    const again = await board(DONGJIE);
    expect(again.raw).toBe(before.raw);
    expect(cache.misses).toBe(misses);
    // Served as the finished answer in front of GraphQL (board-response.ts), or from the page cache.
    expect(cache.hits + boardResponsesOf(s.services).hits).toBeGreaterThanOrEqual(1);
    // The county's board is a different page, cached on its own.
    await board('130636000000');

    const ex = loadExample('dibao').example as any;
    const idNumber = makeIdCard('130636', '19700101', '777');
    let app: AppView = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, { ...ex, head: { ...ex.head, idNumber } });
    const sub = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version state } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
    app = { ...app, ...sub.data.submitApplication };
    const moved = await act(s, 'dongjie_cadre', app, 'APPROVE', { data: APPRAISAL });
    expect(moved.data!.transitionApplication.status).toBe('UNDER_NOTICE');

    // Invalidated by the commit's NOTIFY: the village's and the county's pages both show it.
    await until('the village board to show the case', async () => (await board(DONGJIE)).nodes.some((n) => n.reference === app.reference));
    await until('the county board to show the case', async () => (await board('130636000000')).nodes.some((n) => n.reference === app.reference));
    const shown = await board(DONGJIE);
    expect(shown.nodes.find((n) => n.reference === app.reference)).toMatchObject({ objectionPending: false });
    // Still masked: the cache holds the public output, never the row.
    expect(shown.raw).not.toContain(idNumber);
    expect(shown.raw).not.toContain(ex.head.name);

    const objection = await s.gql('mutation($ref: String!) { raiseObjection(reference: $ref, reason: "该户有经营性收入未申报。") { id } }', { ref: app.reference });
    expect(objection.errors).toBeUndefined();
    await until('the board to show the objection', async () => (await board(DONGJIE)).nodes.find((n) => n.reference === app.reference)?.objectionPending === true);
  });

  it('never caches a refusal', async () => {
    const cache = boardCacheOf(s.services);
    for (let i = 0; i < 2; i++) {
      const r = await s.gql(BOARD, { r: '999999999999' });
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const misses = cache.misses;
    await s.gql(BOARD, { r: '999999999999' });
    expect(cache.misses).toBe(misses + 1);
  });
});
