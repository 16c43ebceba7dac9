/**
 * applicationStats: counts (and sums of the form's numeric fields) grouped by workflow state,
 * status, township, village or any plain form field, in one SQL statement, scoped to the
 * actor's regions and read scope like every list.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { isAdmin, readsProgramme } from '../core/actor.js';
import { badInput } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { currentVersion, getProgramme } from '../programmes/programme.service.js';
import { pinLoaded } from '../applications/pinned-version.js';
import { Region } from '../regions/region.entity.js';
import { pgPath, statFields } from './stat-fields.js';

export interface StatRow {
  keys: string[];
  labels: string[];
  count: number;
  sums: Record<string, number>;
}

// Region levels by position in the materialised path: province/city/county/township/village/.
const PATH_PART: Record<string, number> = { county: 3, township: 4, village: 5 };

export async function applicationStats(ctx: Context, programmeKey: string, regionCode: string | null | undefined, groupBy: string[]): Promise<StatRow[]> {
  const actor = requireActor(ctx);
  if (groupBy.length === 0 || groupBy.length > 3) throw badInput({ en: 'Group by one to three dimensions', zh: '请按 1–3 个维度分组' }, [{ path: '/groupBy', message: '1–3 项', messageEn: '1–3 items' }]);
  const programme = await getProgramme(ctx.em, programmeKey);
  const version = currentVersion(programme) ?? programme.versions.getItems().at(-1);
  if (!version) return [];
  const pinned = pinLoaded(version);
  const fields = statFields(version.formSchema);
  const region = regionCode ? await getRegion(ctx.em, regionCode) : undefined;

  const params: unknown[] = [programmeKey];
  const p = (v: unknown) => { params.push(v); return `?`; };
  const exprs = groupBy.map((g, i) => {
    if (g === 'state' || g === 'status') return g;
    if (PATH_PART[g]) return `split_part(region_path, '/', ${PATH_PART[g]})`;
    const field = fields.find((f) => f.pointer === g && f.kind === 'group');
    if (!field) throw badInput({
      en: `Cannot group by "${g}": use state, status, county, township, village or a form field pointer`,
      zh: `不能按 ${g} 分组：可用 state、status、county、township、village 或表单字段指针`,
    }, [{ path: `/groupBy/${i}`, message: '未知的分组维度', messageEn: 'unknown dimension' }]);
    return `coalesce(data #>> '${sqlText(pgPath(field.pointer))}', '')`;
  });
  // Only fields the form declares summable (`x-aggregate: sum`): a sum of per-capita incomes means nothing.
  const numeric = fields.filter((f) => f.kind === 'number' && f.aggregate === 'sum');
  const sums = numeric.map((f) => {
    const path = sqlText(pgPath(f.pointer));
    return `sum(case when jsonb_typeof(data #> '${path}') = 'number' then (data #>> '${path}')::numeric end)`;
  });

  const where = ['programme_key = ?'];
  if (region) where.push(`region_path like ${p(`${region.path}%`)}`);
  if (!isAdmin(actor)) {
    // Only grants whose read scope includes this programme count (a head teacher has no 低保 figures).
    const paths = [...new Set(actor.grants.filter((g) => readsProgramme(g, programme.key)).map((g) => g.regionPath))];
    if (!paths.length) return [];
    where.push(`(${paths.map((path) => `region_path like ${p(`${path}%`)}`).join(' or ')})`);
  }
  const sql = `select ${exprs.map((e, i) => `${e} as k${i}`).join(', ')}, count(*)::int as n${sums.map((s, i) => `, ${s} as s${i}`).join('')}
    from application where ${where.join(' and ')}
    group by ${exprs.map((_, i) => i + 1).join(', ')} order by ${exprs.map((_, i) => i + 1).join(', ')}`;
  // A report reads tens of thousands of rows: give its sorts memory and skip JIT compilation,
  // for this one statement only (SET LOCAL ends with the transaction; measured in docs/benchmarks.md).
  const rows = await ctx.em.transactional(async (em) => {
    const conn = em.getConnection();
    const trx = em.getTransactionContext();
    await conn.execute(`set local work_mem = '64MB'`, [], 'run', trx);
    await conn.execute('set local jit = off', [], 'run', trx);
    return conn.execute<Record<string, unknown>[]>(sql, params, 'all', trx);
  });

  const regionCodes = new Set<string>();
  groupBy.forEach((g, i) => { if (PATH_PART[g]) rows.forEach((r) => regionCodes.add(String(r[`k${i}`]))); });
  const names = new Map((await ctx.em.find(Region, { code: { $in: [...regionCodes] } })).map((r) => [r.code, r.name]));
  const label = (g: string, key: string): string => {
    if (g === 'state') { try { return pinned.workflow.stateInfo(key).title.zh; } catch { return key; } }
    if (PATH_PART[g]) return names.get(key) ?? key;
    return key;
  };
  return rows.map((r) => ({
    keys: groupBy.map((_, i) => String(r[`k${i}`] ?? '')),
    labels: groupBy.map((g, i) => label(g, String(r[`k${i}`] ?? ''))),
    count: Number(r.n),
    sums: Object.fromEntries(numeric.map((f, i) => [f.pointer, r[`s${i}`] == null ? 0 : Number(r[`s${i}`])])),
  }));
}

/** Inlines schema-derived text in a SQL string literal: quotes doubled, knex placeholders escaped. */
function sqlText(text: string): string {
  return text.replace(/'/g, "''").replace(/\?/g, '\\?');
}
