/**
 * The roll-ups (migrations 017 and 029) stay equal to a full recount of the applications whatever writes
 * them: concurrent transitions over GraphQL (winners and VERSION_CONFLICT losers), opposite moves
 * in two raw-SQL transactions at once, a multi-row UPDATE, inserts and deletes, and a rollback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act } from '../helpers/programmes.js';

let s: TestServer;
let db: pg.Pool;
beforeAll(async () => {
  s = await startTestServer();
  db = new pg.Pool({ connectionString: s.databaseUrl, max: 4 });
});
afterAll(async () => {
  await db?.end();
  await s?.stop();
});

/** Roll-up rows that differ from a recount (either side), as text for a readable failure. */
async function drift(): Promise<string[]> {
  const { rows } = await db.query(`
    with recount as (
      select programme_key, region_path, state, status, report_month(submitted_at) as submitted_month, count(*)::bigint as n
      from application group by 1, 2, 3, 4, 5
    ), kept as (select programme_key, region_path, state, status, submitted_month, n from application_rollup where n <> 0)
    select 'kept ' || x::text as line from (table kept except table recount) x
    union all
    select 'counted ' || x::text from (table recount except table kept) x`);
  // The current counts (migration 029): the same without the month.
  const now = await db.query(`
    with recount as (
      select programme_key, region_path, state, status, count(*)::bigint as n from application group by 1, 2, 3, 4
    ), kept as (select programme_key, region_path, state, status, n from application_rollup_now where n <> 0)
    select 'kept now ' || x::text as line from (table kept except table recount) x
    union all
    select 'counted now ' || x::text from (table recount except table kept) x`);
  return [...rows, ...now.rows].map((r) => r.line as string);
}

const LIST = 'query($f: ApplicationFilter) { applications(filter: $f, first: 100) { edges { node { id version state regionCode } } } }';

describe('application roll-up', () => {
  it('starts equal to a recount of the seeded cases', async () => {
    expect(Number((await db.query('select sum(n) as n from application_rollup')).rows[0].n)).toBe(Number((await db.query('select count(*) as n from application')).rows[0].n));
    expect(await drift()).toEqual([]);
  });

  it('stays exact after concurrent transitions, each case decided twice at once', async () => {
    const office = await s.login('county_office');
    type Case = { id: string; version: number; regionCode: string };
    const cases: Case[] = (await s.gql(LIST, { f: { programmeKey: 'dibao', state: 'village_appraisal' } }, office)).data.applications.edges.map((e: { node: Case }) => e.node);
    expect(cases.length).toBeGreaterThan(1);
    // Each village's committee rejects its cases, every case twice at once: one wins, one conflicts.
    const cadre = (code: string) => ({ '130636100201': 'dongjie_cadre', '130636102202': 'wangge_cadre' })[code] ?? `cadre_${code}`;
    const reject = (c: Case) => act(s, cadre(c.regionCode), c, 'REJECT', { comment: '经民主评议不符合条件' });
    for (const c of cases) await s.login(cadre(c.regionCode));
    const results = await Promise.all(cases.flatMap((c) => [reject(c), reject(c)]));
    const won = results.filter((r) => r.data?.transitionApplication).length;
    expect(won).toBe(cases.length);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'VERSION_CONFLICT').length).toBe(cases.length);
    expect(await drift()).toEqual([]);
  }, 120_000);

  it('stays exact with raw SQL: opposite moves in two transactions at once, multi-row updates, inserts, deletes, a rollback', async () => {
    const ids = (await db.query(`select id from application where programme_key = 'dibao' and status = 'IN_REVIEW' order by id limit 6`)).rows.map((r) => r.id as string);
    const tx = async (sql: string[], end: 'commit' | 'rollback') => {
      const c = await db.connect();
      try {
        await c.query('begin');
        for (const q of sql) await c.query(q, [ids]);
        await c.query(end);
      } finally {
        c.release();
      }
    };
    // One transaction moves cases forward while another moves others back: both change the same
    // roll-up rows; the second waits for the first (row locks taken in key order: no deadlock).
    await Promise.all([
      tx([`update application set state = 'village_notice', status = 'UNDER_NOTICE' where id = any($1) and id <= $1[3]`], 'commit'),
      tx([`update application set state = 'township_review' where id = any($1) and id > $1[3]`], 'commit'),
      tx([`update application set region_path = region_path where id = any($1)`, `update application set submitted_at = submitted_at - interval '40 days' where id = any($1)`], 'rollback'),
    ]);
    await db.query(`update application set submitted_at = submitted_at - interval '40 days', data = data || '{"x": 1}' where id = any($1)`, [ids]);
    await db.query(`insert into application (id, reference, programme_id, programme_key, version_id, region_code, region_path, data, state, snapshot, status, created_by, submitted_at)
      select gen_random_uuid(), reference || '-copy', programme_id, programme_key, version_id, region_code, region_path, data, state, snapshot, status, created_by, submitted_at
      from application where id = any($1)`, [ids]);
    expect(await drift()).toEqual([]);
    await db.query(`delete from application where reference like '%-copy'`);
    expect(await drift()).toEqual([]);
  });

  it('report_rollup_recount() rebuilds both to the same figures', async () => {
    const before = (await db.query('select programme_key, region_path, state, status, submitted_month, n from application_rollup where n <> 0 order by 1, 2, 3, 4, 5')).rows;
    const beforeNow = (await db.query('select programme_key, region_path, state, status, n from application_rollup_now where n <> 0 order by 1, 2, 3, 4')).rows;
    expect(beforeNow.length).toBeGreaterThan(0);
    // Spoil the current counts: the recount must put them right.
    await db.query('update application_rollup_now set n = n + 7');
    await db.query('select report_rollup_recount()');
    expect((await db.query('select programme_key, region_path, state, status, submitted_month, n from application_rollup order by 1, 2, 3, 4, 5')).rows).toEqual(before);
    expect((await db.query('select programme_key, region_path, state, status, n from application_rollup_now order by 1, 2, 3, 4')).rows).toEqual(beforeNow);
  });

  it('answers a report without a period from the current counts, one by submission month from the monthly roll-up, with the same totals', async () => {
    const office = await s.login('county_office');
    const RUN = 'query($d: JSON) { runReport(definition: $d, regionCode: "130636000000") { rows { keys values } total usedRollup } }';
    const dims = [{ kind: 'region', level: 'village' }, { kind: 'state' }];
    const base = { source: 'applications', programmes: ['dibao'], measures: [{ key: 'n', kind: 'count' }] };
    const now = await s.gql(RUN, { d: { ...base, dimensions: dims } }, office);
    const cases = await s.gql(RUN, { d: { ...base, dimensions: dims, measures: [...base.measures, { key: 'h', kind: 'households' }] } }, office);
    const months = await s.gql(RUN, { d: { ...base, dimensions: [...dims, { kind: 'period', unit: 'year' }] } }, office);
    for (const r of [now, cases, months]) expect(r.errors).toBeUndefined();
    expect(now.data.runReport.usedRollup).toBe(true);
    expect(cases.data.runReport.usedRollup).toBe(false);
    expect(months.data.runReport.usedRollup).toBe(true);
    // The same counts whichever table answered (the cases themselves are the reference).
    expect(now.data.runReport.total[0]).toBe(cases.data.runReport.total[0]);
    expect(months.data.runReport.total[0]).toBe(cases.data.runReport.total[0]);
    expect(now.data.runReport.rows.map((r: { keys: string[]; values: number[] }) => [...r.keys, r.values[0]]))
      .toEqual(cases.data.runReport.rows.map((r: { keys: string[]; values: number[] }) => [...r.keys, r.values[0]]));
    // The current counts answer from their own table: spoiling it shows in the report.
    await db.query(`update application_rollup_now set n = n + 1 where programme_key = 'dibao'`);
    const spoiled = await s.gql(RUN, { d: { ...base, dimensions: dims } }, office);
    expect(spoiled.data.runReport.total[0]).toBeGreaterThan(now.data.runReport.total[0]);
    await db.query('select report_rollup_recount()');
    expect(await drift()).toEqual([]);
  });
});
