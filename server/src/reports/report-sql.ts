/**
 * Compiles a checked report definition into one SQL statement: the dimensions grouped with
 * GROUPING SETS ((dimensions), ()) so the total row comes from the same scan (a total of distinct
 * households or an average is not the sum of its groups), every measure an aggregate with its own
 * FILTER, the region and read scope in the WHERE clause. Values travel as parameters; field
 * pointers as text[] parameters for #> / #>>. Counts by programme, region, state and status read
 * a roll-up instead of the applications: the current one (migration 029) without a period, the
 * monthly one (migration 017) with a period on the month of submission.
 */
import type { Actor } from '../core/actor.js';
import { isAdmin, readsProgramme, readsRegister } from '../core/actor.js';
import type { Catalogue } from './report-catalogue.js';
import { SOURCE_TIMES } from './report-catalogue.js';
import { LEVEL_PART, LIMITS, type Dimension, type Filter, type Measure, type ReportDefinition, type TimeKind } from './report-definition.js';
import type { Bounds } from './report-period.js';

export interface CompiledReport {
  sql: string;
  params: unknown[];
  usedRollup: boolean;
  /** Which roll-up: the current counts or the monthly ones (null: the source itself). */
  rollup: Rollup | null;
  dimensionCount: number;
  /** Measures computed in SQL, in result order (ratios are derived from them afterwards). */
  sqlMeasures: Measure[];
}

class Params {
  readonly values: unknown[] = [];
  p(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

interface TimeCol {
  /** Local (UTC+8) timestamp or date, for grouping by month, quarter or year. */
  local: string;
  /** SQL restricting the rows to [from, to). */
  within(b: Bounds, ps: Params): string;
}

/** Column expressions of one source; undefined where the source has no such thing. */
interface Model {
  from: string;
  where: string[];
  region: string;
  programme?: string;
  state?: string;
  status?: string;
  registerStatus?: string;
  changeKind?: string;
  data?: string;
  household?: string;
  /** The register read (entry sources): grants limited to other programmes' registers read none of it. */
  registerId?: string;
  times: Partial<Record<TimeKind, TimeCol>>;
  rollup?: boolean;
}

const local = (col: string) => `((${col}) at time zone 'UTC' + interval '8 hours')`;
const rawTime = (col: string, extra = ''): TimeCol => ({
  local: local(col),
  within: (b, ps) => `(${extra}${col} >= ${ps.p(b.from.toISOString())}::timestamptz and ${col} < ${ps.p(b.to.toISOString())}::timestamptz)`,
});
const DECIDED = `a.status in ('APPROVED', 'REJECTED')`;

function model(def: ReportDefinition, cat: Catalogue, ps: Params, rollup: Rollup | null): Model {
  switch (def.source) {
    case 'applications':
      if (rollup === 'current') {
        return {
          from: 'application_rollup_now r', where: [`r.programme_key = any(${ps.p(def.programmes)}::text[])`, 'r.n <> 0'], rollup: true,
          region: 'r.region_path', programme: 'r.programme_key', state: 'r.state', status: 'r.status', times: {},
        };
      }
      if (rollup === 'monthly') {
        return {
          from: 'application_rollup r', where: [`r.programme_key = any(${ps.p(def.programmes)}::text[])`, 'r.n <> 0'], rollup: true,
          region: 'r.region_path', programme: 'r.programme_key', state: 'r.state', status: 'r.status',
          times: {
            submitted: {
              local: 'r.submitted_month',
              within: (b, p2) => `(r.submitted_month >= ${p2.p(b.fromDay)}::date and r.submitted_month < ${p2.p(b.toDay)}::date)`,
            },
          },
        };
      }
      return {
        from: 'application a', where: [`a.programme_key = any(${ps.p(def.programmes)}::text[])`],
        region: 'a.region_path', programme: 'a.programme_key', state: 'a.state', status: 'a.status', data: 'a.data', household: 'a.entry_id',
        times: {
          submitted: rawTime('a.submitted_at'),
          created: rawTime('a.created_at'),
          // A final state is never left: the time it was entered is the decision's.
          decided: { local: local(`case when ${DECIDED} then a.state_entered_at end`), within: (b, p2) => `(${DECIDED} and ${rawTime('a.state_entered_at').within(b, p2)})` },
        },
      };
    case 'applicationEvents':
      return {
        from: 'application_event ev join application a on a.id = ev.application_id', where: [`a.programme_key = any(${ps.p(def.programmes)}::text[])`],
        region: 'a.region_path', programme: 'a.programme_key', state: 'ev.to_state', status: 'a.status', changeKind: 'ev.event', data: 'a.data', household: 'a.entry_id',
        times: { event: rawTime('ev.at'), submitted: rawTime('a.submitted_at') },
      };
    case 'entries':
      return {
        from: 'register_entry e', where: [`e.register_id = ${ps.p(cat.registerId)}::uuid`], registerId: cat.registerId,
        region: 'e.region_path', registerStatus: 'e.status', data: 'e.data', household: 'e.id',
        times: { created: rawTime('e.created_at') },
      };
    case 'persons':
      return {
        from: 'register_person rp join register_entry e on e.id = rp.entry_id', where: [`rp.register_id = ${ps.p(cat.registerId)}::uuid`], registerId: cat.registerId,
        region: 'e.region_path', registerStatus: 'e.status', data: 'e.data', household: 'e.id',
        times: { created: rawTime('e.created_at') },
      };
    case 'registerChanges':
      return {
        from: 'register_change c join register_entry e on e.id = c.entry_id', where: [`e.register_id = ${ps.p(cat.registerId)}::uuid`], registerId: cat.registerId,
        region: 'e.region_path', registerStatus: 'e.status', changeKind: 'c.kind', data: 'e.data', household: 'e.id',
        times: { event: rawTime('c.at') },
      };
  }
}

const segments = (pointer: string) => pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

function filterSql(m: Model, f: Filter, ps: Params): string {
  const values = ps.p(f.in.map(String));
  const col = f.on === 'field' ? `(${m.data} #>> ${ps.p(segments(f.field!))}::text[])` : m[f.on];
  return `${col} = any(${values}::text[])`;
}

const filtersSql = (m: Model, filters: Filter[] | undefined, ps: Params) => (filters ?? []).map((f) => filterSql(m, f, ps));

function timeOf(def: ReportDefinition, t: TimeKind | undefined): TimeKind {
  return t ?? SOURCE_TIMES[def.source][0]!;
}

function dimensionSql(def: ReportDefinition, m: Model, d: Dimension, ps: Params): string {
  switch (d.kind) {
    case 'region': return `split_part(${m.region}, '/', ${LEVEL_PART[d.level!]})`;
    case 'field': return `coalesce(${m.data} #>> ${ps.p(segments(d.field!))}::text[], '')`;
    case 'period': {
      const fmt = d.unit === 'month' ? 'YYYY-MM' : d.unit === 'quarter' ? 'YYYY-"Q"Q' : 'YYYY';
      return `coalesce(to_char(${m.times[timeOf(def, d.time)]!.local}, '${fmt}'), '')`;
    }
    default: return m[d.kind]!;
  }
}

export type Rollup = 'current' | 'monthly';

/**
 * Which roll-up answers a definition, the smallest that can: only counts by the roll-ups' own
 * columns qualify. Without a period (no period dimension, no period filter) the current counts
 * (`application_rollup_now`, migration 029: no month, a few rows per village); with the period on
 * the month of submission the monthly one (`application_rollup`, migration 017); otherwise none
 * and the cases are read.
 */
export function rollupFor(def: ReportDefinition, bounds: Bounds | undefined): Rollup | null {
  if (def.source !== 'applications') return null;
  const plain = (f: Filter) => f.on === 'programme' || f.on === 'state' || f.on === 'status';
  const counts = def.measures.every((x) => (x.kind === 'count' && (x.where ?? []).every(plain)) || x.kind === 'ratio')
    && (def.filters ?? []).every(plain);
  if (!counts) return null;
  const own = (kind: Dimension['kind']) => ['region', 'programme', 'state', 'status'].includes(kind);
  if (!def.period && def.dimensions.every((d) => own(d.kind))) return 'current';
  const monthly = def.dimensions.every((d) => own(d.kind) || (d.kind === 'period' && timeOf(def, d.time) === 'submitted'))
    && (!def.period || (timeOf(def, def.period.time) === 'submitted' && !!bounds?.monthAligned));
  return monthly ? 'monthly' : null;
}

/** Whether a roll-up answers the definition (either one). */
export const rollupFits = (def: ReportDefinition, bounds: Bounds | undefined): boolean => rollupFor(def, bounds) !== null;

function regionCond(col: string, path: string, ps: Params, rollup: boolean): string {
  const parts = path.split('/').filter(Boolean);
  // County and township segments have expression indexes on the tables (migrations 006, 010).
  if (!rollup && parts.length >= 3 && parts.length <= 4) return `split_part(${col}, '/', ${parts.length}) = ${ps.p(parts.at(-1))}`;
  return `${col} like ${ps.p(`${path}%`)}`;
}

/**
 * The actor's regions (and, for applications, the programmes each grant reads; for a register's
 * entries, only grants that read that register), as SQL.
 */
function scopeSql(actor: Actor, m: Model, ps: Params, rollup: boolean): string {
  if (isAdmin(actor)) return 'true';
  const branches = new Set<string>();
  for (const g of actor.grants) {
    if (m.registerId && !readsRegister(g, m.registerId)) continue;
    const region = regionCond(m.region, g.regionPath, ps, rollup);
    branches.add(m.programme && g.readProgrammes ? `(${region} and ${m.programme} = any(${ps.p([...g.readProgrammes])}::text[]))` : region);
  }
  return branches.size ? `(${[...branches].join(' or ')})` : 'false';
}

export function compileReport(def: ReportDefinition, cat: Catalogue, actor: Actor, regionPath: string | undefined, bounds: Bounds | undefined, now: Date): CompiledReport {
  const ps = new Params();
  const rollup = rollupFor(def, bounds);
  const usedRollup = rollup !== null;
  const m = model(def, cat, ps, rollup);
  const where = [...m.where];
  if (regionPath) where.push(regionCond(m.region, regionPath, ps, usedRollup));
  where.push(scopeSql(actor, m, ps, usedRollup));
  where.push(...filtersSql(m, def.filters, ps));
  if (def.period && bounds) where.push(m.times[timeOf(def, def.period.time)]!.within(bounds, ps));

  const dims = def.dimensions.map((d) => dimensionSql(def, m, d, ps));
  const sqlMeasures = def.measures.filter((x) => x.kind !== 'ratio');
  const aggs = sqlMeasures.map((x) => {
    const conds = filtersSql(m, x.where, ps);
    const filter = conds.length ? ` filter (where ${conds.join(' and ')})` : '';
    const num = (path: string) => `case when jsonb_typeof(${m.data} #> ${path}::text[]) = 'number' then (${m.data} #>> ${path}::text[])::numeric end`;
    switch (x.kind) {
      case 'count': return m.rollup ? `coalesce(sum(r.n)${filter}, 0)` : `count(*)${filter}`;
      case 'households': return `count(distinct ${m.household})${filter}`;
      case 'persons':
        if (def.source === 'persons') return `count(*)${filter}`;
        if (def.source === 'entries') return `coalesce(sum((select count(*) from register_person p where p.entry_id = e.id))${filter}, 0)`;
        // Each household once per group, however many of its cases or changes the group holds.
        return `(select count(*) from register_person p where p.entry_id = any(array_agg(distinct ${m.household})${filter ? ` filter (where ${conds.join(' and ')} and ${m.household} is not null)` : ` filter (where ${m.household} is not null)`}))`;
      case 'daysPending': {
        const open = `a.status in ('IN_REVIEW', 'UNDER_NOTICE')`;
        return `avg(extract(epoch from (${ps.p(now.toISOString())}::timestamptz - a.state_entered_at)) / 86400) filter (where ${[open, ...conds].join(' and ')})`;
      }
      default: return `${x.kind}(${num(ps.p(segments(x.field!)))})${filter}`;
    }
  });

  const select = [
    ...dims.map((d, i) => `${d} as d${i}`),
    dims.length ? `grouping(${dims.join(', ')}) <> 0 as total` : 'true as total',
    ...aggs.map((a, i) => `${a} as m${i}`),
  ];
  const groupBy = dims.length ? ` group by grouping sets ((${dims.join(', ')}), ())` : '';
  const orderBy = dims.length ? ` order by total, ${dims.map((_, i) => `d${i}`).join(', ')}` : '';
  const sql = `select ${select.join(', ')} from ${m.from} where ${where.join(' and ')}${groupBy}${orderBy} limit ${LIMITS.rows + 2}`;
  return { sql, params: ps.values, usedRollup, rollup, dimensionCount: dims.length, sqlMeasures };
}
