/**
 * Measurement 4r: `runReport` by village × state, counting cases of one programme (served by the
 * roll-up of migration 017), for one county as its county office and for the whole slice as the
 * administrator; and the same shape with an average of a form field, which must read the cases.
 */
import { codeOf } from './http.mjs';
import { summarize } from './stats.mjs';
import { CITY } from './regions.mjs';
import { DEMO_PASSWORD } from './measure-writes.mjs';

const RUN = 'query($d: JSON, $r: String) { runReport(definition: $d, regionCode: $r) { rows { keys values } total usedRollup } }';

export async function measureReports(ctx, o) {
  const county = ctx.regions.find((x) => x.level === 'county' && x.code !== '130636000000') ?? ctx.regions.find((x) => x.level === 'county');
  const office = ctx.staff.find((s) => s.role === 'county_office' && s.region.code === county.code);
  const scopes = [
    { name: 'one county (county office)', user: office.username, region: county.code },
    { name: 'whole slice, 5 counties (admin)', user: 'admin', region: CITY },
  ];
  const shapes = [
    { name: 'count', measures: [{ key: 'cases', kind: 'count' }] },
    { name: 'count + avg /perCapitaIncome', measures: [{ key: 'cases', kind: 'count' }, { key: 'income', kind: 'avg', field: '/perCapitaIncome' }] },
  ];
  const rows = [];
  for (const s of scopes) {
    const token = await ctx.api.login(s.user, DEMO_PASSWORD);
    for (const programme of o.statsProgrammes) {
      for (const shape of shapes) {
        const vars = { r: s.region, d: { source: 'applications', programmes: [programme], dimensions: [{ kind: 'region', level: 'village' }, { kind: 'state' }], measures: shape.measures } };
        const warm = await ctx.api.gql(RUN, vars, token);
        if (warm.errors) return { available: !warm.errors.some((e) => /Cannot query field/.test(e.message)), rows, error: `${codeOf(warm)}: ${warm.errors[0].message}` };
        const ms = [];
        for (let i = 0; i < o.statsSamples; i++) ms.push((await ctx.api.gql(RUN, vars, token)).ms);
        const r = warm.data.runReport;
        rows.push({ scope: s.name, programme, shape: shape.name, rollup: r.usedRollup, groups: r.rows.length, cases: r.total[0], ...summarize(ms) });
      }
    }
  }
  return { available: true, rows };
}
