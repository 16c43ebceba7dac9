/**
 * Measurement 3: the two list queries at full size, one request at a time, filtered by township:
 * `applications` as a county office account (newest first) and `myTasks` as a village-committee
 * account covering the township. First page, and the page after following 50 cursors; also the
 * county office's unfiltered list (its whole county) and a first page with `totalCount`.
 */
import { codeOf } from './http.mjs';
import { summarize } from './stats.mjs';
import { DEMO_PASSWORD } from './measure-writes.mjs';

const NODE = 'id reference applicantName programmeKey state stateTitle status createdAt updatedAt region { code name }';
const LISTS = {
  applications: `query($f: ApplicationFilter, $after: String) { applications(filter: $f, first: 20, after: $after) {
    edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`,
  applicationsCount: `query($f: ApplicationFilter) { applications(filter: $f, first: 20) { totalCount edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`,
  myTasks: `query($f: TaskFilter, $after: String) { myTasks(filter: $f, first: 20, after: $after) {
    edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`,
};

/**
 * Townships for the list samples, spread over the counties and disjoint from the write
 * benchmarks' ones (those use townships 0, 1 and 3 mod 6 in code order; see writeWorkers).
 */
function sampleTownships(ctx, n) {
  const candidates = ctx.regions.filter((x) => x.level === 'township').filter((_, i) => i % 6 === 5);
  return Array.from({ length: Math.min(n, candidates.length) }, (_, i) => candidates[Math.floor((i * candidates.length) / Math.min(n, candidates.length))]);
}

export async function measureLists(ctx, o) {
  const townships = sampleTownships(ctx, o.listTownships);
  const tokens = new Map();
  const token = async (username) => {
    if (!tokens.has(username)) tokens.set(username, await ctx.api.login(username, DEMO_PASSWORD));
    return tokens.get(username);
  };
  const who = {
    applications: (t) => ctx.staff.find((s) => s.role === 'county_office' && s.region.code === t.parentCode).username,
    applicationsCount: (t) => ctx.staff.find((s) => s.role === 'county_office' && s.region.code === t.parentCode).username,
    applicationsCounty: (t) => ctx.staff.find((s) => s.role === 'county_office' && s.region.code === t.parentCode).username,
    myTasks: (t) => ctx.staff.find((s) => s.role === 'village_committee' && s.region.code === t.code).username,
  };
  const rows = [];
  const errors = [];
  const call = async (list, t, after) => {
    // applicationsCounty: the county office's whole county (its grant's scope), no filter.
    const f = list === 'applicationsCounty' ? null : { regionCode: t.code };
    const r = await ctx.api.gql(LISTS[list === 'applicationsCounty' ? 'applications' : list], { f, after }, await token(who[list](t)));
    if (r.errors) errors.push(`${list} ${codeOf(r)}: ${r.errors[0].message.slice(0, 120)}`);
    const key = list === 'myTasks' ? 'myTasks' : 'applications';
    return { ms: r.ms, page: r.data?.[key] };
  };
  for (const list of ['applications', 'myTasks', 'applicationsCounty', 'applicationsCount']) {
    // Warm up each township once (connection pool, plan caches), then sample.
    for (const t of townships) await call(list, t);
    const first = [];
    for (let i = 0; i < o.listSamples; i++) first.push((await call(list, townships[i % townships.length])).ms);
    rows.push({ list, page: 'first', ...summarize(first) });
    if (list === 'applicationsCount' || list === 'applicationsCounty') continue;
    const deep = [];
    let depth = Infinity;
    for (const t of townships.slice(0, o.deepTownships)) {
      let after = null;
      let pages = 0;
      for (; pages < o.deepPages; pages++) {
        const p = (await call(list, t, after)).page;
        if (!p?.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor;
      }
      depth = Math.min(depth, pages);
      for (let i = 0; i < o.deepSamples; i++) deep.push((await call(list, t, after)).ms);
    }
    rows.push({ list, page: `after ${depth} pages (${depth * 20} rows)`, depth, ...summarize(deep) });
  }
  return { rows, errors, townships: townships.map((t) => t.code) };
}
