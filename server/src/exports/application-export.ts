/**
 * Application lists as sheets. The rows come from the same conditions as the GraphQL list
 * (`scopeWhere` for the region and read scope, `filterWhere` for the filters, `taskWhere` for
 * myTasks), read in keyset batches on (created_at, id) so 100,000 cases never sit in memory.
 * One sheet per programme in the list (its form's fields under their Chinese titles), and one
 * sheet per array of objects (家庭成员) with a row per element keyed by the case's reference.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput } from '../core/errors.js';
import { Application } from '../applications/application.entity.js';
import { scopeWhere } from '../applications/application.policy.js';
import { filterWhere, taskWhere, type ApplicationFilter } from '../applications/application.queries.js';
import { pinnedVersions } from '../applications/pinned-version.js';
import { Programme } from '../programmes/programme.entity.js';
import { Region } from '../regions/region.entity.js';
import { readPointer } from '../programmes/form-pointer.js';
import { flatColumns, type Column, type FormColumns } from '../programmes/form-columns.js';
import { fieldCell, localTime, numFmtOf, TIME_FORMAT, type CellValue } from './cells.js';
import type { Sheet, SheetColumn } from './workbook.js';

/** Rows read per SQL statement. */
export const EXPORT_BATCH = 500;
/** Rows per export: Excel's sheet holds 1,048,576; beyond this the file says it was cut short. */
export const EXPORT_MAX_ROWS = 1_000_000;

export type ExportList = 'applications' | 'tasks';

const STATUS_ZH: Record<string, string> = {
  DRAFT: '草稿', IN_REVIEW: '审核中', UNDER_NOTICE: '公示中', APPROVED: '已批准', REJECTED: '未通过', WITHDRAWN: '已撤回',
};

/** What a row of the main sheet is computed from. */
export interface RowContext {
  app: Application;
  regionName: (code: string | undefined) => string | null;
  stateTitle: string;
}

/** Fields every case has, available to ledgers as `@name`. */
export const CASE_FIELDS: Record<string, { titleZh: string; titleEn: string; numFmt?: string; cell: (r: RowContext) => CellValue }> = {
  reference: { titleZh: '编号', titleEn: 'Reference', cell: (r) => r.app.reference },
  programme: { titleZh: '项目', titleEn: 'Programme', cell: (r) => r.app.programmeKey },
  applicantName: { titleZh: '申请人', titleEn: 'Applicant', cell: (r) => r.app.applicantName ?? null },
  county: { titleZh: '县（区）', titleEn: 'County', cell: (r) => r.regionName(segments(r.app.regionPath)[2]) },
  township: { titleZh: '乡镇（街道）', titleEn: 'Township', cell: (r) => r.regionName(segments(r.app.regionPath)[3]) },
  village: { titleZh: '村（社区）', titleEn: 'Village', cell: (r) => r.regionName(segments(r.app.regionPath)[4]) },
  regionCode: { titleZh: '地区代码', titleEn: 'Region code', cell: (r) => r.app.regionCode },
  state: { titleZh: '当前环节', titleEn: 'Step', cell: (r) => r.stateTitle },
  status: { titleZh: '状态', titleEn: 'Status', cell: (r) => STATUS_ZH[r.app.status] ?? r.app.status },
  createdAt: { titleZh: '创建时间', titleEn: 'Created', numFmt: TIME_FORMAT, cell: (r) => localTime(r.app.createdAt) },
  submittedAt: { titleZh: '提交时间', titleEn: 'Submitted', numFmt: TIME_FORMAT, cell: (r) => localTime(r.app.submittedAt) },
  stateEnteredAt: { titleZh: '进入环节时间', titleEn: 'In this step since', numFmt: TIME_FORMAT, cell: (r) => localTime(r.app.stateEnteredAt) },
  updatedAt: { titleZh: '更新时间', titleEn: 'Updated', numFmt: TIME_FORMAT, cell: (r) => localTime(r.app.updatedAt) },
};

const DEFAULT_CASE_FIELDS = ['reference', 'applicantName', 'township', 'village', 'regionCode', 'state', 'status', 'submittedAt', 'updatedAt'];

const segments = (path: string) => path.split('/').filter(Boolean);

/** A column of a main sheet: a case field or a form field, with its header. */
export interface OutColumn extends SheetColumn {
  cell: (r: RowContext) => CellValue;
}

export function caseColumn(name: string, header?: string): OutColumn {
  const f = CASE_FIELDS[name]!;
  return { header: header ?? f.titleZh, numFmt: f.numFmt, cell: f.cell };
}

export function formColumn(c: Column, header?: string): OutColumn {
  return { header: header ?? c.titleZh, numFmt: numFmtOf(c), cell: (r) => fieldCell(c, r.app.data) };
}

/** The conditions of a list, exactly as the GraphQL list builds them. */
export async function listWhere(ctx: Context, list: ExportList, filter: ApplicationFilter): Promise<FilterQuery<Application>[]> {
  const actor = requireActor(ctx);
  if (list === 'tasks') {
    const { programmeKey, state, regionCode } = filter;
    return [taskWhere(actor), { status: { $in: ['IN_REVIEW', 'UNDER_NOTICE'] } }, ...(await filterWhere(ctx, { programmeKey, state, regionCode }))];
  }
  return [scopeWhere(actor) as FilterQuery<Application>, ...(await filterWhere(ctx, filter))];
}

/** The list's cases in batches, newest first (the list's order), at most EXPORT_MAX_ROWS. */
export async function* caseBatches(ctx: Context, where: FilterQuery<Application>[], batch = EXPORT_BATCH): AsyncGenerator<Application[]> {
  let after: { createdAt: Date; id: string } | undefined;
  let total = 0;
  for (;;) {
    const paged = [...where];
    if (after) paged.push({ createdAt: { $lte: after.createdAt } }, { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }] });
    const limit = Math.min(batch, EXPORT_MAX_ROWS - total);
    if (limit <= 0) return;
    // Not managed: nothing accumulates in the identity map across batches. The workflow snapshot
    // is not needed for a file.
    const rows = await ctx.em.find(Application, paged.length ? { $and: paged } : {}, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit, disableIdentityMap: true, exclude: ['snapshot'],
    });
    if (!rows.length) return;
    total += rows.length;
    yield rows as unknown as Application[];
    if (rows.length < limit) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** Region names by code, loaded a batch at a time and kept (regions are few). */
function regionNames(ctx: Context) {
  const names = new Map<string, string>();
  return {
    async load(apps: Application[]) {
      const wanted = new Set<string>();
      for (const a of apps) for (const code of segments(a.regionPath).slice(2)) if (!names.has(code)) wanted.add(code);
      if (!wanted.size) return;
      for (const r of await ctx.em.find(Region, { code: { $in: [...wanted] } }, { disableIdentityMap: true })) names.set(r.code, r.name);
      for (const c of wanted) if (!names.has(c)) names.set(c, c);
    },
    name: (code: string | undefined) => (code ? names.get(code) ?? code : null),
  };
}

/** A programme's columns: its versions' forms, the current one first, fields of older versions after. */
export async function programmeColumns(ctx: Context, programme: Programme): Promise<FormColumns> {
  const versions = programme.versions.getItems().filter((v) => v.status !== 'draft').sort((a, b) => b.number - a.number);
  const columns = new Map<string, Column>();
  const arrays = new Map<string, FormColumns['arrays'][number]>();
  for (const v of versions) {
    const f = flatColumns(v.formSchema, v.uiSchema ?? {});
    for (const c of f.columns) if (!columns.has(c.pointer)) columns.set(c.pointer, c);
    for (const a of f.arrays) if (!arrays.has(a.pointer)) arrays.set(a.pointer, a);
  }
  return { columns: [...columns.values()], arrays: [...arrays.values()] };
}

/** Rows of a main sheet, a batch at a time. */
export function mainRows(ctx: Context, where: FilterQuery<Application>[], columns: OutColumn[]): () => AsyncIterable<CellValue[][]> {
  return async function* () {
    const regions = regionNames(ctx);
    for await (const apps of caseBatches(ctx, where)) {
      await regions.load(apps);
      const pinned = await pinnedVersions(ctx.em, apps.map((a) => a.versionId));
      yield apps.map((app) => {
        const wf = pinned.get(app.versionId)!.workflow;
        let stateTitle = app.state;
        try { stateTitle = wf.stateInfo(app.state).title.zh; } catch { /* a state the version no longer names */ }
        const r: RowContext = { app, regionName: regions.name, stateTitle };
        return columns.map((c) => c.cell(r));
      });
    }
  };
}

/** Rows of an array's sheet: reference, position (from 1), then the element's fields. */
function memberRows(ctx: Context, where: FilterQuery<Application>[], array: string, columns: Column[]): () => AsyncIterable<CellValue[][]> {
  const prefix = `${array}/*`;
  return async function* () {
    for await (const apps of caseBatches(ctx, where)) {
      const out: CellValue[][] = [];
      for (const app of apps) {
        const items = readPointer(app.data, array);
        if (!Array.isArray(items)) continue;
        items.forEach((item, i) => out.push([app.reference, i + 1, ...columns.map((c) => fieldCell(c, item, c.pointer.slice(prefix.length)))]));
      }
      if (out.length) yield out;
    }
  };
}

/** Programmes with at least one case in the list (one cheap indexed probe each). */
async function programmesInList(ctx: Context, where: FilterQuery<Application>[], filter: ApplicationFilter): Promise<Programme[]> {
  const programmes = await ctx.em.find(Programme, filter.programmeKey ? { key: filter.programmeKey } : {}, { populate: ['versions'], orderBy: { createdAt: 'asc' } });
  const out: Programme[] = [];
  for (const p of programmes) {
    const hit = await ctx.em.find(Application, { $and: [...where, { programmeKey: p.key }] }, { limit: 1, fields: ['id'], disableIdentityMap: true });
    if (hit.length) out.push(p);
  }
  return out;
}

/**
 * The sheets of a list export: for each programme in the list, a sheet of its cases (case fields,
 * then every form field) and one sheet per array of objects. An empty list gives one sheet of
 * headers. `csv` asks for the first sheet only, so no further programme is looked up.
 */
export async function* applicationSheets(ctx: Context, list: ExportList, filter: ApplicationFilter): AsyncGenerator<Sheet> {
  const where = await listWhere(ctx, list, filter);
  const programmes = await programmesInList(ctx, where, filter);
  if (!programmes.length) {
    yield { name: list === 'tasks' ? '待办' : '申请', columns: DEFAULT_CASE_FIELDS.map((f) => caseColumn(f)), rows: async function* () {} };
    return;
  }
  for (const p of programmes) {
    const pWhere = [...where, { programmeKey: p.key }];
    const form = await programmeColumns(ctx, p);
    const columns = [...DEFAULT_CASE_FIELDS.map((f) => caseColumn(f)), ...form.columns.filter((c) => !c.array).map((c) => formColumn(c))];
    yield { name: p.name, columns, rows: mainRows(ctx, pWhere, columns) };
    for (const a of form.arrays) {
      const itemColumns = form.columns.filter((c) => c.array === a.pointer);
      yield {
        name: `${p.name}-${a.titleZh}`.slice(0, 31),
        columns: [{ header: '编号' }, { header: '序号', width: 6 }, ...itemColumns.map((c) => ({ header: c.titleZh, numFmt: numFmtOf(c) }))],
        rows: memberRows(ctx, pWhere, a.pointer, itemColumns),
      };
    }
  }
}

/** Parses `?filter=` (the GraphQL ApplicationFilter as JSON); unknown keys are refused. */
export function parseFilter(raw: unknown): ApplicationFilter {
  if (raw === undefined || raw === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(String(raw));
  } catch {
    throw badInput({ en: 'filter must be JSON', zh: '应为 JSON 对象' }, [{ path: '/filter', message: '应为 JSON 对象', messageEn: 'must be a JSON object' }]);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badInput({ en: 'filter must be a JSON object', zh: '应为 JSON 对象' }, [{ path: '/filter', message: '应为 JSON 对象', messageEn: 'must be a JSON object' }]);
  const out: ApplicationFilter = {};
  const text = ['programmeKey', 'regionCode', 'state', 'status', 'search'] as const;
  for (const [k, value] of Object.entries(v)) {
    if (value === null || value === undefined) continue;
    if ((text as readonly string[]).includes(k)) {
      if (typeof value !== 'string' || value.length > 100) throw badInput({ en: `filter.${k} must be a string`, zh: '应为文本' }, [{ path: `/filter/${k}`, message: '应为文本', messageEn: 'must be a string' }]);
      out[k as (typeof text)[number]] = value;
    } else if (k === 'submittedFrom' || k === 'submittedTo') {
      const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
      if (Number.isNaN(d.getTime())) throw badInput({ en: `filter.${k} must be a date-time`, zh: '应为日期时间' }, [{ path: `/filter/${k}`, message: '应为日期时间', messageEn: 'must be an ISO date-time' }]);
      out[k] = d;
    } else {
      throw badInput({ en: `Unknown filter ${k}`, zh: '未知的筛选条件' }, [{ path: `/filter/${k}`, message: '未知的筛选条件', messageEn: 'unknown filter' }]);
    }
  }
  return out;
}
