/**
 * Reports as data: saved definitions (a county's own tables of figures) and running them, within
 * the caller's regions. A definition is checked at save and again at every run (a programme's
 * form may have changed since); a run is one SQL statement with a time limit and a row budget.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { grantsCovering, isAdmin, type Actor } from '../core/actor.js';
import { badInput, DomainError, forbidden, notFound } from '../core/errors.js';
import { sqlExecutor } from '../core/sql.js';
import { getRegion } from '../regions/region.service.js';
import { Region } from '../regions/region.entity.js';
import { checkShape, LIMITS, type Measure, type ReportDefinition } from './report-definition.js';
import { checkNames, loadCatalogue, type Catalogue, type Label } from './report-catalogue.js';
import { compileReport } from './report-sql.js';
import { periodBounds } from './report-period.js';

/** Who may save and delete a region's reports (besides administrators). */
export const REPORT_ROLES = ['county_admin', 'designer', 'county_office'] as const;

export interface SavedReport {
  id: string;
  name: string;
  description: string | null;
  regionCode: string;
  regionPath: string;
  definition: ReportDefinition;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReportColumn {
  key: string;
  title: Label;
  kind: 'dimension' | 'measure';
  dimension?: string;
  level?: string;
}

export interface ReportRow {
  keys: string[];
  labels: string[];
  values: Array<number | null>;
}

export interface ReportResult {
  columns: ReportColumn[];
  rows: ReportRow[];
  total: Array<number | null>;
  regionCode: string | null;
  scopeRegions: Array<{ code: string; name: string; level: string }>;
  scopeLabel: Label;
  periodLabel: Label | null;
  usedRollup: boolean;
}

export interface SaveReportInput {
  id?: string | null;
  name: string;
  description?: string | null;
  regionCode: string;
  definition: unknown;
}

const ROW_SQL = 'select id, name, description, region_code as "regionCode", region_path as "regionPath", definition, created_at as "createdAt", updated_at as "updatedAt" from report_definition';

/** Shape first (cheap, no database), then every name against the programmes or register. */
export async function checkDefinition(ctx: Context, input: unknown): Promise<{ def: ReportDefinition; cat: Catalogue }> {
  const problems = checkShape(input);
  if (problems.length) {
    throw badInput({ en: `The report definition has ${problems.length} problem(s): ${problems[0]!.messageEn}`, zh: `报表定义有 ${problems.length} 处错误：${problems[0]!.message}` }, problems);
  }
  const def = input as ReportDefinition;
  def.dimensions ??= [];
  const cat = await loadCatalogue(ctx.em, def);
  checkNames(cat, def);
  return { def, cat };
}

/** A report saved at a region is visible above it (the province sees a county's reports) and below it. */
function visibleSql(actor: Actor, params: unknown[]): string {
  if (isAdmin(actor)) return 'true';
  const branches = actor.grants.map((g) => {
    params.push(g.regionPath);
    const n = params.length;
    return `(region_path like $${n} || '%' or $${n} like region_path || '%')`;
  });
  return branches.length ? `(${branches.join(' or ')})` : 'false';
}

export async function listReports(ctx: Context): Promise<SavedReport[]> {
  const actor = requireActor(ctx);
  const params: unknown[] = [];
  const { rows } = await sqlExecutor(ctx.em)(`${ROW_SQL} where ${visibleSql(actor, params)} order by name, id limit 200`, params);
  return rows;
}

export async function getReport(ctx: Context, id: string): Promise<SavedReport> {
  const actor = requireActor(ctx);
  const missing = notFound({ en: 'Report', zh: '报表' }, id);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw missing;
  const params: unknown[] = [id];
  const { rows } = await sqlExecutor(ctx.em)(`${ROW_SQL} where id = $1 and ${visibleSql(actor, params)}`, params);
  if (!rows[0]) throw missing;
  return rows[0];
}

function authorizeManage(actor: Actor, regionPath: string): void {
  if (!isAdmin(actor) && grantsCovering(actor, regionPath, REPORT_ROLES).length === 0) {
    throw forbidden({ en: 'Saving reports here needs a county administrator, designer or county office grant on this region', zh: '在此地区保存报表需要县级管理员、设计人员或县级业务科室角色' });
  }
}

export async function saveReport(ctx: Context, input: SaveReportInput): Promise<SavedReport> {
  const actor = requireActor(ctx);
  const name = input.name?.trim() ?? '';
  if (!name || name.length > 60) throw badInput({ en: 'A report name has 1–60 characters', zh: '报表名称为 1–60 个字' }, [{ path: '/name', message: '1–60 个字', messageEn: '1–60 characters' }]);
  if ((input.description?.length ?? 0) > 500) throw badInput({ en: 'A description has at most 500 characters', zh: '说明最多 500 个字' }, [{ path: '/description', message: '最多 500 个字', messageEn: 'at most 500 characters' }]);
  const region = await getRegion(ctx.em, input.regionCode);
  authorizeManage(actor, region.path);
  const { def } = await checkDefinition(ctx, input.definition);
  const exec = sqlExecutor(ctx.em);
  const now = ctx.services.clock();
  if (input.id) {
    const existing = await getReport(ctx, input.id);
    authorizeManage(actor, existing.regionPath);
    await exec('update report_definition set name = $2, description = $3, region_code = $4, region_path = $5, definition = $6::jsonb, updated_at = $7 where id = $1',
      [existing.id, name, input.description ?? null, region.code, region.path, JSON.stringify(def), now]);
    return getReport(ctx, existing.id);
  }
  const id = randomUUID();
  await exec('insert into report_definition (id, name, description, region_code, region_path, definition, created_by, created_at, updated_at) values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $8)',
    [id, name, input.description ?? null, region.code, region.path, JSON.stringify(def), actor.id, now]);
  return getReport(ctx, id);
}

export async function deleteReport(ctx: Context, id: string): Promise<boolean> {
  const actor = requireActor(ctx);
  const existing = await getReport(ctx, id);
  authorizeManage(actor, existing.regionPath);
  await sqlExecutor(ctx.em)('delete from report_definition where id = $1', [id]);
  return true;
}

/** The region the figures cover and how to say so: the requested region, or the caller's own. */
async function scopeOf(ctx: Context, actor: Actor, regionCode: string | null | undefined) {
  const region = regionCode ? await getRegion(ctx.em, regionCode) : undefined;
  if (isAdmin(actor)) {
    return region
      ? { path: region.path, regions: [region], label: { zh: `统计范围：${region.name}及下辖地区`, en: `Scope: ${region.name} and the regions below it` } }
      : { path: undefined, regions: [], label: { zh: '统计范围：全部地区', en: 'Scope: every region' } };
  }
  const paths = [...new Set(actor.grants.map((g) => g.regionPath))].filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
  if (region && paths.some((p) => region.path.startsWith(p))) {
    return { path: region.path, regions: [region], label: { zh: `统计范围：${region.name}及下辖地区`, en: `Scope: ${region.name} and the regions below it` } };
  }
  // Above one's own regions (or no region asked for): only what one's grants cover, and the label says so.
  const own = paths.filter((p) => !region || p.startsWith(region.path));
  if (!own.length) throw forbidden({ en: `You see no region within ${region?.name ?? 'this scope'}`, zh: `您在${region?.name ?? '此范围'}内没有可查看的地区` });
  const regions = await ctx.em.find(Region, { path: { $in: own } }, { orderBy: { code: 'asc' } });
  const names = regions.map((r) => r.name).join('、');
  const single = regions.length === 1 ? regions[0] : undefined;
  return {
    path: single?.path ?? region?.path,
    regions,
    label: { zh: `统计范围：${names}（您有权查看的地区）`, en: `Scope: ${names} (the regions you may see)` },
  };
}

const MEASURE_TITLES: Record<string, Label> = {
  count: { zh: '件数', en: 'Count' },
  households: { zh: '户数', en: 'Households' },
  persons: { zh: '人数', en: 'Persons' },
  daysPending: { zh: '平均在办天数', en: 'Average days pending' },
  ratio: { zh: '比率', en: 'Ratio' },
};
const AGG_TITLES: Record<string, Label> = { sum: { zh: '合计', en: 'sum' }, avg: { zh: '平均', en: 'average' }, min: { zh: '最小', en: 'minimum' }, max: { zh: '最大', en: 'maximum' } };
const LEVEL_TITLES: Record<string, Label> = { county: { zh: '县', en: 'County' }, township: { zh: '乡镇', en: 'Township' }, village: { zh: '村', en: 'Village' } };
const DIM_TITLES: Record<string, Label> = {
  programme: { zh: '项目', en: 'Programme' }, state: { zh: '环节', en: 'Step' }, status: { zh: '状态', en: 'Status' },
  registerStatus: { zh: '户类别', en: 'Register status' }, changeKind: { zh: '变更类型', en: 'Change kind' },
};
const UNIT_TITLES: Record<string, Label> = { month: { zh: '月份', en: 'Month' }, quarter: { zh: '季度', en: 'Quarter' }, year: { zh: '年度', en: 'Year' } };

function columnsOf(def: ReportDefinition, cat: Catalogue): ReportColumn[] {
  const fieldTitle = (p?: string) => cat.fields.get(p ?? '')?.title ?? p ?? '';
  return [
    ...def.dimensions.map((d, i): ReportColumn => ({
      key: `d${i}`, kind: 'dimension', dimension: d.kind, ...(d.level ? { level: d.level } : {}),
      title: d.kind === 'region' ? LEVEL_TITLES[d.level!]! : d.kind === 'field' ? { zh: fieldTitle(d.field), en: fieldTitle(d.field) } : d.kind === 'period' ? UNIT_TITLES[d.unit!]! : DIM_TITLES[d.kind]!,
    })),
    ...def.measures.map((m): ReportColumn => ({
      key: m.key, kind: 'measure',
      title: m.title ? { zh: m.title, en: m.title } : AGG_TITLES[m.kind] ? { zh: `${fieldTitle(m.field)}${AGG_TITLES[m.kind]!.zh}`, en: `${AGG_TITLES[m.kind]!.en} of ${fieldTitle(m.field)}` } : MEASURE_TITLES[m.kind]!,
    })),
  ];
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

function valuesOf(measures: Measure[], sqlMeasures: Measure[], row: Record<string, unknown>): Array<number | null> {
  const raw = new Map(sqlMeasures.map((m, i) => [m.key, row[`m${i}`] == null ? null : Number(row[`m${i}`])]));
  return measures.map((m) => {
    if (m.kind !== 'ratio') { const v = raw.get(m.key); return v == null ? (m.kind === 'count' || m.kind === 'households' || m.kind === 'persons' ? 0 : null) : round(v); }
    const num = raw.get(m.numerator!) ?? 0;
    const den = raw.get(m.denominator!);
    // Division by zero answers null (shown as —), never an error.
    return den ? round((num / den) * (m.scale ?? 1)) : null;
  });
}

export async function runReport(ctx: Context, input: { id?: string | null; definition?: unknown; regionCode?: string | null }): Promise<ReportResult> {
  const actor = requireActor(ctx);
  if (!!input.id === (input.definition != null)) {
    throw badInput({ en: 'Give either a saved report id or a definition', zh: '请提供已保存报表的 ID 或报表定义（二选一）' }, [{ path: '/id', message: '二选一', messageEn: 'one of id and definition' }]);
  }
  const source = input.id ? (await getReport(ctx, input.id)).definition : input.definition;
  const { def, cat } = await checkDefinition(ctx, source);
  const scope = await scopeOf(ctx, actor, input.regionCode);
  const now = ctx.services.clock();
  const bounds = def.period ? periodBounds(def.period, now) : undefined;
  const compiled = compileReport(def, cat, actor, scope.path, bounds, now);

  const rows = await ctx.em.transactional(async (em) => {
    const exec = sqlExecutor(em);
    // Bounded work: a report that cannot finish in time is cancelled, not left running.
    await exec(`set local statement_timeout = ${LIMITS.statementTimeoutMs}`);
    await exec(`set local work_mem = '64MB'`);
    await exec('set local jit = off');
    try {
      return (await exec(compiled.sql, compiled.params)).rows as Record<string, unknown>[];
    } catch (e) {
      if ((e as { code?: string }).code === '57014') {
        throw new DomainError('BAD_USER_INPUT', { en: `The report took longer than ${LIMITS.statementTimeoutMs / 1000} s: narrow it with a region, a period or a filter`, zh: `报表运行超过 ${LIMITS.statementTimeoutMs / 1000} 秒：请缩小地区、期间或增加筛选条件` });
      }
      throw e;
    }
  });
  const groups = rows.filter((r) => !r.total);
  if (groups.length > LIMITS.rows) {
    throw badInput({ en: `The report has more than ${LIMITS.rows} rows: use fewer or coarser dimensions, or a filter`, zh: `报表超过 ${LIMITS.rows} 行：请减少维度、改用更粗的维度或增加筛选条件` }, [{ path: '/dimensions', message: `超过 ${LIMITS.rows} 行`, messageEn: `more than ${LIMITS.rows} rows` }]);
  }

  // Readable labels: region names in one query, the rest from the catalogue.
  const regionCodes = new Set<string>();
  def.dimensions.forEach((d, i) => { if (d.kind === 'region') groups.forEach((r) => { if (r[`d${i}`]) regionCodes.add(String(r[`d${i}`])); }); });
  const names = new Map(regionCodes.size ? (await ctx.em.find(Region, { code: { $in: [...regionCodes] } })).map((r) => [r.code, r.name]) : []);
  const label = (i: number, key: string): string => {
    const d = def.dimensions[i]!;
    if (key === '') return d.kind === 'region' ? `（${LEVEL_TITLES[d.level!]!.zh}以上）` : d.kind === 'period' ? '（无）' : '（空）';
    switch (d.kind) {
      case 'region': return names.get(key) ?? key;
      case 'programme': return cat.programmes.get(key)?.zh ?? key;
      case 'state': return cat.states.get(key)?.zh ?? key;
      case 'status': case 'registerStatus': return cat.statuses.get(key)?.zh ?? key;
      case 'changeKind': return (def.source === 'applicationEvents' ? cat.events : cat.changeKinds).get(key)?.zh ?? key;
      default: return key;
    }
  };
  const totalRow = rows.find((r) => r.total);
  return {
    columns: columnsOf(def, cat),
    rows: groups.map((r) => {
      const keys = def.dimensions.map((_, i) => String(r[`d${i}`] ?? ''));
      return { keys, labels: keys.map((k, i) => label(i, k)), values: valuesOf(def.measures, compiled.sqlMeasures, r) };
    }),
    total: totalRow ? valuesOf(def.measures, compiled.sqlMeasures, totalRow) : def.measures.map((m) => (['count', 'households', 'persons'].includes(m.kind) ? 0 : null)),
    regionCode: scope.regions.length === 1 ? scope.regions[0]!.code : (input.regionCode ?? null),
    scopeRegions: scope.regions.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    scopeLabel: scope.label,
    periodLabel: bounds ? (() => {
      const last = new Date(Date.parse(`${bounds.toDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      return { zh: `期间：${bounds.fromDay} 至 ${last}`, en: `Period: ${bounds.fromDay} to ${last}` };
    })() : null,
    usedRollup: compiled.usedRollup,
  };
}
