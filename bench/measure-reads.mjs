/**
 * Measurements 4 and 5: `applicationStats` grouped by village × state (one county as its county
 * office; the whole slice as the administrator), and the public notice board of one village under
 * concurrent anonymous traffic. Each reports "not available" when the server has no such query.
 */
import { codeOf } from './http.mjs';
import { summarize, timedLoad } from './stats.mjs';
import { CITY } from './regions.mjs';
import { DEMO_PASSWORD } from './measure-writes.mjs';

const STATS = 'query($p: String!, $r: String, $g: [String!]!) { applicationStats(programmeKey: $p, regionCode: $r, groupBy: $g) { keys labels count sums } }';
const NOTICES = `query($r: String) { publicNotices(regionCode: $r, first: 20) {
  edges { cursor node { reference programmeName regionName townshipName stateTitle noticeStart noticeEnd office objectionOpen fields { title value } } }
  pageInfo { hasNextPage endCursor } } }`;

/** True when the server's schema has no such field (GraphQL validation refuses the query). */
const missingField = (r) => r.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /Cannot query field/.test(e.message));

export async function measureStats(ctx, o) {
  const county = ctx.regions.find((x) => x.level === 'county' && x.code !== '130636000000') ?? ctx.regions.find((x) => x.level === 'county');
  const office = ctx.staff.find((s) => s.role === 'county_office' && s.region.code === county.code);
  const cases = [
    { name: 'one county (county office)', user: office.username, region: county.code },
    { name: 'whole slice, 5 counties (admin)', user: 'admin', region: CITY },
  ];
  const rows = [];
  for (const c of cases) {
    const token = await ctx.api.login(c.user, DEMO_PASSWORD);
    for (const programme of o.statsProgrammes) {
      const vars = { p: programme, r: c.region, g: ['village', 'state'] };
      const warm = await ctx.api.gql(STATS, vars, token);
      if (missingField(warm)) return { available: false, rows: [] };
      if (warm.errors) return { available: true, rows, error: `${codeOf(warm)}: ${warm.errors[0].message}` };
      const ms = [];
      for (let i = 0; i < o.statsSamples; i++) ms.push((await ctx.api.gql(STATS, vars, token)).ms);
      rows.push({ scope: c.name, programme, groups: warm.data.applicationStats.length, cases: warm.data.applicationStats.reduce((a, r) => a + r.count, 0), ...summarize(ms) });
    }
  }
  return { available: true, rows };
}

export async function measureNotices(ctx, o) {
  // The village with the most open notices (ties: lowest code), as a busy notice board.
  const { rows: [busiest] } = await ctx.db.query(
    `select region_code, count(*)::int as n from application where status = 'UNDER_NOTICE' group by 1 order by 2 desc, 1 limit 1`);
  if (!busiest) return { available: true, skipped: 'no applications under notice' };
  const probe = await ctx.api.gql(NOTICES, { r: busiest.region_code });
  if (missingField(probe)) return { available: false };
  if (probe.errors) return { available: true, error: `${codeOf(probe)}: ${probe.errors[0].message}` };
  const result = await timedLoad({
    workers: o.clients, warmupMs: 1000, durationMs: o.noticeDurationS * 1000, meter: ctx.cpuMeter(),
    async step() {
      const r = await ctx.api.gql(NOTICES, { r: busiest.region_code });
      return { transitions: r.errors ? 0 : 1, latencies: [['notices', r.ms]], errors: r.errors ? [`${codeOf(r)}: ${r.errors[0].message.slice(0, 120)}`] : [] };
    },
  });
  return { available: true, village: busiest.region_code, underNotice: busiest.n, shown: probe.data.publicNotices.edges.length, ...result };
}
