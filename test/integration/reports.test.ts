import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

const STATS = 'query($p: String!, $r: String, $g: [String!]!) { applicationStats(programmeKey: $p, regionCode: $r, groupBy: $g) { keys labels count sums } }';

describe('applicationStats', () => {
  it('counts by state and adds up to the list total', async () => {
    const county = await s.login('county_office');
    const rows = (await s.gql(STATS, { p: 'dibao', g: ['state'] }, county)).data.applicationStats;
    const total = (await s.gql('{ applications(filter: { programmeKey: "dibao" }) { totalCount } }', {}, county)).data.applications.totalCount;
    expect(rows.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(total);
    expect(rows.find((r: { keys: string[] }) => r.keys[0] === 'village_notice').labels[0]).toBe('村内公示');
    // Only fields declared `x-aggregate: sum` are summed: household sizes, not per-capita incomes.
    expect(Object.keys(rows[0].sums)).toEqual(['/householdSize']);
  });

  it('groups by township × state and by village, with region names', async () => {
    const county = await s.login('county_office');
    const rows = (await s.gql(STATS, { p: 'dibao', r: '130636000000', g: ['township', 'state'] }, county)).data.applicationStats;
    expect(new Set(rows.map((r: { labels: string[] }) => r.labels[0]))).toEqual(new Set(['蒲阳镇', '高于铺镇', '腰山镇', '白云乡']));
    const villages = (await s.gql(STATS, { p: 'identification', r: '130636100000', g: ['village'] }, county)).data.applicationStats;
    expect(villages.map((r: { labels: string[] }) => r.labels[0])).toEqual(['东街村', '西街村', '南关村', '北关村']);
  });

  it('groups by a form field', async () => {
    const rows = (await s.gql(STATS, { p: 'dibao', g: ['/reason/category'] }, await s.login('county_office'))).data.applicationStats;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].keys[0]).toBeTypeOf('string');
  });

  it('keeps a township reviewer inside its township', async () => {
    const rows = (await s.gql(STATS, { p: 'dibao', g: ['township'] }, await s.login('yaoshan_reviewer'))).data.applicationStats;
    expect(rows.map((r: { keys: string[] }) => r.keys[0])).toEqual(['130636102000']);
  });

  it('refuses unknown dimensions and anonymous callers', async () => {
    const county = await s.login('county_office');
    const bad = await s.gql(STATS, { p: 'dibao', g: ['password'] }, county);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.problems![0].path).toBe('/groupBy/0');
    expect(codeOf(await s.gql(STATS, { p: 'dibao', g: ['state'] }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.gql(STATS, { p: 'nope', g: ['state'] }, county))).toBe('NOT_FOUND');
  });
});
