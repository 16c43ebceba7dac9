/**
 * Ledger layouts (台账): named export layouts of a programme, as data: which columns, in which
 * order, under which titles. A column is a form field (a JSON pointer; `*` for every member, whose
 * values are joined in one cell) or a case field (`@reference`, `@village`, `@status`, …).
 * Checked against every published version's form: an unknown pointer is refused with its path.
 * Designers and county administrators of the programme's county define and retire them.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { DomainError, notFound, type FieldProblem } from '../core/errors.js';
import { getProgramme } from '../programmes/programme.service.js';
import { canDesign } from '../programmes/programme.policy.js';
import type { Programme } from '../programmes/programme.entity.js';
import { CASE_FIELDS, programmeColumns } from './application-export.js';

export interface LedgerColumn {
  field: string;
  title?: string | null;
}

export interface LedgerInput {
  name: string;
  title: string;
  titleEn?: string | null;
  columns: LedgerColumn[];
}

export interface Ledger {
  id: string;
  programmeKey: string;
  name: string;
  title: string;
  titleEn: string | null;
  columns: { field: string; title: string }[];
  createdAt: Date;
  updatedAt: Date;
}

export const MAX_LEDGER_COLUMNS = 200;
const NAME = /^[\p{L}\p{N}_-]{1,40}$/u;

interface LedgerRow {
  id: string; programme_key: string; name: string; title: string; title_en: string | null;
  columns: { field: string; title: string }[]; created_at: Date | string; updated_at: Date | string;
}

const toLedger = (r: LedgerRow): Ledger => ({
  id: r.id, programmeKey: r.programme_key, name: r.name, title: r.title, titleEn: r.title_en, columns: r.columns,
  createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
});

function problem(path: string, zh: string, en: string): FieldProblem {
  return { path, message: zh, messageEn: en };
}

/** The columns with their titles, or the problems (JSON pointers into the input). */
export async function checkLedger(ctx: Context, programme: Programme, input: LedgerInput): Promise<{ field: string; title: string }[]> {
  const problems: FieldProblem[] = [];
  if (typeof input.name !== 'string' || !NAME.test(input.name)) problems.push(problem('/input/name', '名称为 1–40 个字母、数字、_ 或 -', '1–40 letters, digits, _ or -'));
  if (typeof input.title !== 'string' || !input.title.trim() || input.title.length > 100) problems.push(problem('/input/title', '标题为 1–100 个字符', 'must be 1–100 characters'));
  if ((input.titleEn?.length ?? 0) > 100) problems.push(problem('/input/titleEn', '英文标题最多 100 个字符', 'at most 100 characters'));
  if (!Array.isArray(input.columns) || input.columns.length === 0 || input.columns.length > MAX_LEDGER_COLUMNS) {
    problems.push(problem('/input/columns', `需要 1–${MAX_LEDGER_COLUMNS} 列`, `needs 1–${MAX_LEDGER_COLUMNS} columns`));
  }
  const form = await programmeColumns(ctx, programme);
  const byPointer = new Map(form.columns.map((c) => [c.pointer, c]));
  const out: { field: string; title: string }[] = [];
  (Array.isArray(input.columns) ? input.columns.slice(0, MAX_LEDGER_COLUMNS) : []).forEach((col, i) => {
    const field = typeof col?.field === 'string' ? col.field : '';
    const title = typeof col?.title === 'string' ? col.title.trim() : '';
    if (title.length > 100) problems.push(problem(`/input/columns/${i}/title`, '列标题最多 100 个字符', 'at most 100 characters'));
    if (field.startsWith('@')) {
      const f = CASE_FIELDS[field.slice(1)];
      if (!f) problems.push(problem(`/input/columns/${i}/field`, `没有案件字段 ${field}（可用：${Object.keys(CASE_FIELDS).map((k) => `@${k}`).join('、')}）`, `no case field ${field} (known: ${Object.keys(CASE_FIELDS).map((k) => `@${k}`).join(', ')})`));
      else out.push({ field, title: title || f.titleZh });
      return;
    }
    const c = byPointer.get(field);
    if (!c) {
      problems.push(problem(`/input/columns/${i}/field`, `表单中没有字段 ${field}`, `the form has no field ${field}`));
      return;
    }
    out.push({ field, title: title || c.titleZh });
  });
  if (problems.length) {
    throw new DomainError('BAD_USER_INPUT', `The ledger layout has ${problems.length} problem(s)`, { problems, messageZh: `台账格式有 ${problems.length} 处问题` });
  }
  return out;
}

async function designable(ctx: Context, programmeKey: string): Promise<Programme> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, programmeKey);
  if (!canDesign(actor, programme.regionPath)) {
    throw new DomainError('FORBIDDEN', `Only designers and county administrators of the programme's county may change its ledgers`, { messageZh: '只有本县的项目设计人员或县级管理员可以修改台账格式' });
  }
  return programme;
}

/** A field a ledger column may show, for the layout editor's picker. */
export interface LedgerField {
  field: string;
  title: string;
  titleEn: string | null;
  /** case | form | member (a field of each member, joined in one cell). */
  kind: 'case' | 'form' | 'member';
  /** For member fields: the title of the member list (共同生活的家庭成员). */
  group: string | null;
}

/**
 * Everything a column can show: the case fields, then every field of the programme's published
 * forms (newest first) in form order, member fields with `*` — the pointers checkLedger accepts.
 */
export async function ledgerFields(ctx: Context, programmeKey: string): Promise<LedgerField[]> {
  requireActor(ctx);
  const programme = await getProgramme(ctx.em, programmeKey);
  const form = await programmeColumns(ctx, programme);
  const groups = new Map(form.arrays.map((a) => [a.pointer, a.titleZh]));
  return [
    ...Object.entries(CASE_FIELDS).map(([k, f]) => ({ field: `@${k}`, title: f.titleZh, titleEn: f.titleEn, kind: 'case' as const, group: null })),
    ...form.columns.map((c) => ({ field: c.pointer, title: c.titleZh, titleEn: null, kind: c.array ? ('member' as const) : ('form' as const), group: c.array ? groups.get(c.array) ?? null : null })),
  ];
}

/** Defines (or replaces) the live layout of this name. */
export async function defineLedger(ctx: Context, programmeKey: string, input: LedgerInput): Promise<Ledger> {
  const programme = await designable(ctx, programmeKey);
  const columns = await checkLedger(ctx, programme, input);
  const conn = ctx.em.getConnection();
  const now = ctx.services.clock();
  return ctx.em.transactional(async (tem) => {
    const tx = tem.getTransactionContext();
    const updated = await conn.execute<LedgerRow[]>(
      `update ledger_layout set title = ?, title_en = ?, columns = ?::jsonb, updated_at = ? where programme_id = ? and name = ? and retired_at is null returning *`,
      [input.title.trim(), input.titleEn?.trim() || null, JSON.stringify(columns), now, programme.id, input.name], 'all', tx,
    );
    if (updated[0]) return toLedger({ ...updated[0], programme_key: programme.key });
    const inserted = await conn.execute<LedgerRow[]>(
      `insert into ledger_layout (id, programme_id, programme_key, name, title, title_en, columns, created_by, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) returning *`,
      [crypto.randomUUID(), programme.id, programme.key, input.name, input.title.trim(), input.titleEn?.trim() || null, JSON.stringify(columns), requireActor(ctx).id, now, now], 'all', tx,
    );
    return toLedger(inserted[0]!);
  });
}

/** The programme's live layouts, by name (definitions, not personal data: anyone signed in). */
export async function listLedgers(ctx: Context, programmeKey: string): Promise<Ledger[]> {
  requireActor(ctx);
  const rows = await ctx.em.getConnection().execute<LedgerRow[]>(
    `select * from ledger_layout where programme_key = ? and retired_at is null order by name`, [programmeKey],
  );
  return rows.map(toLedger);
}

export async function getLedger(ctx: Context, programmeKey: string, name: string): Promise<Ledger> {
  const found = (await listLedgers(ctx, programmeKey)).find((l) => l.name === name);
  if (!found) throw new DomainError('NOT_FOUND', `Ledger ${name} not found for programme ${programmeKey}`, { messageZh: `项目 ${programmeKey} 没有名为 ${name} 的台账` });
  return found;
}

export async function retireLedger(ctx: Context, programmeKey: string, name: string): Promise<Ledger> {
  const programme = await designable(ctx, programmeKey);
  const rows = await ctx.em.getConnection().execute<LedgerRow[]>(
    `update ledger_layout set retired_at = ? where programme_id = ? and name = ? and retired_at is null returning *`,
    [ctx.services.clock(), programme.id, name],
  );
  if (!rows[0]) throw notFound({ en: 'Ledger', zh: '台账' }, name);
  return toLedger(rows[0]);
}

