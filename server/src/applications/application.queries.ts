/**
 * Application lists: region-scoped in SQL, keyset-paged on (created_at, id) so a page deep in a
 * million rows costs the same as the first, every filter backed by an index (migration 003).
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import type { Actor } from '../core/actor.js';
import { isAdmin } from '../core/actor.js';
import { badInput } from '../core/errors.js';
import { decodeKeysetCursor } from '../core/cursor.js';
import { getRegion } from '../regions/region.service.js';
import { Application, type ApplicationStatus } from './application.entity.js';
import { scopeWhere, withinRegion } from './application.policy.js';

export interface ApplicationFilter {
  programmeKey?: string | null;
  regionCode?: string | null;
  state?: string | null;
  status?: string | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
  search?: string | null;
  /** true: only cases past their due date; false: only those not (yet) overdue. */
  overdue?: boolean | null;
  /** The register entry (household) the applications belong to. */
  entryId?: string | null;
}

/** NEWEST: created_at desc (the default); DUE: due date first, cases without one last, ties newest first. */
export type ListOrder = 'NEWEST' | 'DUE';

export interface Page {
  items: Application[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counts the whole filtered set; only run when the client asks for totalCount. */
  count: () => Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: ApplicationStatus[] = ['DRAFT', 'IN_REVIEW', 'UNDER_NOTICE', 'APPROVED', 'REJECTED', 'WITHDRAWN'];

export const encodeCursor = (a: Pick<Application, 'createdAt' | 'id'>) => Buffer.from(`${a.createdAt.toISOString()}|${a.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const { at, id } = decodeKeysetCursor(cursor);
  return { createdAt: at, id };
}

/**
 * Cursors of the due-date order: `due:<due ISO time or "none">|<created ISO time>|<uuid>`. Another
 * list's cursor (or one of the NEWEST order) is refused like any malformed cursor.
 */
const encodeDueCursor = (a: Pick<Application, 'dueAt' | 'createdAt' | 'id'>) =>
  Buffer.from(`due:${a.dueAt ? a.dueAt.toISOString() : 'none'}|${a.createdAt.toISOString()}|${a.id}`).toString('base64url');

function decodeDueCursor(cursor: string): { dueAt: Date | null; createdAt: Date; id: string } {
  const text = cursor.length <= 200 && /^[A-Za-z0-9_-]*={0,2}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const m = /^due:([^|]*)\|(.*)$/.exec(text);
  const none = !m || m[1] === 'none';
  // The keyset decoder validates (and refuses) the parts; "none" stands in as a time it accepts.
  const due = decodeKeysetCursor(Buffer.from(`${none ? new Date(0).toISOString() : m[1]}|${crypto.randomUUID()}`).toString('base64url'));
  const rest = decodeKeysetCursor(Buffer.from(m ? m[2]! : '').toString('base64url'));
  return { dueAt: none ? null : due.at, createdAt: rest.at, id: rest.id };
}

export const cursorOf = (order: ListOrder) => (order === 'DUE' ? encodeDueCursor : encodeCursor);

/** The list filters as MikroORM conditions (exports reuse them, so a file holds what the list shows). */
export async function filterWhere(ctx: Context, f: ApplicationFilter): Promise<FilterQuery<Application>[]> {
  const and: FilterQuery<Application>[] = [];
  // Served by the partial (due_at, id) index; "not overdue" includes cases with no due date.
  if (f.overdue === true) and.push({ dueAt: { $lt: ctx.services.clock() } });
  if (f.overdue === false) and.push({ $or: [{ dueAt: null }, { dueAt: { $gte: ctx.services.clock() } }] });
  if (f.programmeKey) and.push({ programmeKey: f.programmeKey });
  if (f.regionCode) and.push(withinRegion((await getRegion(ctx.em, f.regionCode)).path));
  if (f.state) and.push({ state: f.state });
  if (f.status) {
    if (!STATUSES.includes(f.status as ApplicationStatus)) throw badInput({ en: `Unknown status ${f.status}`, zh: `未知的状态 ${f.status}` }, [{ path: '/filter/status', message: `须为 ${STATUSES.join('、')} 之一`, messageEn: `one of ${STATUSES.join(', ')}` }]);
    and.push({ status: f.status as ApplicationStatus });
  }
  if (f.entryId) {
    if (!UUID.test(f.entryId)) throw badInput({ en: 'entryId is not an entry id', zh: 'entryId 不是有效的登记编号' }, [{ path: '/filter/entryId', message: '不是有效的登记编号', messageEn: 'not an entry id' }]);
    and.push({ entryId: f.entryId });
  }
  if (f.submittedFrom) and.push({ submittedAt: { $gte: f.submittedFrom } });
  if (f.submittedTo) and.push({ submittedAt: { $lt: f.submittedTo } });
  const search = f.search?.trim();
  if (search) {
    if (search.length > 50) throw badInput({ en: 'Search text is too long', zh: '搜索内容过长' }, [{ path: '/filter/search', message: '最多 50 个字符', messageEn: 'at most 50 characters' }]);
    // LIKE wildcards typed by the user match themselves: searching "%" finds a literal "%".
    const escaped = search.replace(/[\\%_]/g, (c) => `\\${c}`);
    and.push({ $or: [{ reference: search.toUpperCase() }, { reference: { $like: `%${escaped.toUpperCase()}` } }, { applicantName: { $like: `${escaped}%` } }] });
  }
  return and;
}

async function page(ctx: Context, where: FilterQuery<Application>[], first: number, after?: string | null, order: ListOrder = 'NEWEST'): Promise<Page> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput({ en: 'first must be between 1 and 100', zh: 'first 须在 1–100 之间' }, [{ path: '/first', message: '1–100', messageEn: '1–100' }]);
  const base: FilterQuery<Application> = where.length ? { $and: where } : {};
  const paged: FilterQuery<Application>[] = [...where];
  if (order === 'DUE') {
    // Earliest due first, then the cases without a due date; ties newest first, like the default
    // order. Keyset on (due_at, created_at, id).
    if (after) {
      const c = decodeDueCursor(after);
      const older: FilterQuery<Application> = { $or: [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, id: { $lt: c.id } }] };
      paged.push(c.dueAt === null
        ? { $and: [{ dueAt: null }, older] }
        : { $or: [{ dueAt: { $gt: c.dueAt } }, { $and: [{ dueAt: c.dueAt }, older] }, { dueAt: null }] });
    }
    const rows = await ctx.em.find(Application, paged.length ? { $and: paged } : {}, {
      orderBy: [{ dueAt: 'asc nulls last' }, { createdAt: 'desc' }, { id: 'desc' }],
      limit: first + 1,
    });
    const items = rows.slice(0, first);
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: items.length ? encodeDueCursor(items[items.length - 1]!) : null,
      count: () => ctx.em.count(Application, base),
    };
  }
  if (after) {
    const c = decodeCursor(after);
    // The redundant `createdAt <= c` is what lets the index start at the cursor (an OR is only a filter).
    paged.push({ createdAt: { $lte: c.createdAt } }, { $or: [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, id: { $lt: c.id } }] });
  }
  const rows = await ctx.em.find(Application, paged.length ? { $and: paged } : {}, {
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    limit: first + 1,
  });
  const items = rows.slice(0, first);
  return {
    items,
    hasNextPage: rows.length > first,
    endCursor: items.length ? encodeCursor(items[items.length - 1]!) : null,
    count: () => ctx.em.count(Application, base),
  };
}

/** Applications in the actor's regions matching the filter, newest first. */
export async function listApplications(ctx: Context, filter: ApplicationFilter = {}, first = 20, after?: string | null): Promise<Page> {
  const actor = requireActor(ctx);
  return page(ctx, [scopeWhere(actor) as FilterQuery<Application>, ...(await filterWhere(ctx, filter))], first, after);
}

/**
 * Applications the actor can act on now: the current state's acting roles intersect a role the
 * actor holds on the application's region or an ancestor. One OR-branch per grant, each served by
 * the region-path and actor-roles indexes.
 */
export async function myTasks(ctx: Context, filter: Pick<ApplicationFilter, 'programmeKey' | 'state' | 'regionCode' | 'overdue'> = {}, first = 20, after?: string | null, order: ListOrder = 'NEWEST'): Promise<Page> {
  const actor = requireActor(ctx);
  return page(ctx, [taskWhere(actor), { status: { $in: ['IN_REVIEW', 'UNDER_NOTICE'] } }, await votedWhere(ctx, actor), ...(await filterWhere(ctx, filter))], first, after, order);
}

/**
 * Leaves out the cases in a quorum step where this person has already cast their vote in the
 * current visit: the vote is a self-transition (from and to the current state) after the case
 * entered it, and the step waits for others, not for them (a second vote is refused). In-step
 * edits (SAVE) and answers to a recurring review (they carry an occurrence) are self-transitions
 * too and do not count. Read from the person's own self-transitions (a partial index, migration
 * 019): a handful of ids, not a probe per listed case.
 */
async function votedWhere(ctx: Context, actor: Actor): Promise<FilterQuery<Application>> {
  const rows = await ctx.em.getConnection().execute<{ id: string }[]>(
    `select a.id from application_event v join application a on a.id = v.application_id
      where v.actor_id = ? and v.from_state = v.to_state and v.event <> 'SAVE' and v.occurrence is null
        and v.seq > a.state_seq and v.from_state = a.state and a.status in ('IN_REVIEW', 'UNDER_NOTICE')
      limit 5000`,
    [actor.id], 'all', ctx.em.getTransactionContext(),
  );
  return rows.length ? { id: { $nin: rows.map((r) => r.id) } } : {};
}

export function taskWhere(actor: Actor): FilterQuery<Application> {
  if (isAdmin(actor) && actor.grants.every((g) => g.role === 'admin')) return { id: null };
  // Roles reading every programme share one branch per region; a role limited to its programmes
  // gets its own branch with their keys (it acts only where a workflow names it anyway, so this
  // changes nothing but makes the read scope explicit in every list).
  const byPath = new Map<string, string[]>();
  const limited: FilterQuery<Application>[] = [];
  for (const g of actor.grants) {
    if (g.readProgrammes) {
      if (g.readProgrammes.length) limited.push({ ...withinRegion(g.regionPath), actorRoles: { $overlap: [g.role] }, programmeKey: { $in: [...g.readProgrammes] } });
    } else {
      byPath.set(g.regionPath, [...(byPath.get(g.regionPath) ?? []), g.role]);
    }
  }
  const branches = [...[...byPath].map(([path, roles]) => ({ ...withinRegion(path), actorRoles: { $overlap: roles } })), ...limited];
  if (branches.length === 0) return { id: null };
  return branches.length === 1 ? branches[0]! : { $or: branches };
}
