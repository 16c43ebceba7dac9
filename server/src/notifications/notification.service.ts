/**
 * The in-app notification centre. Rows are written by triggers (migration 020) in the transaction
 * of the change, and by the due-date sweep below; this file reads and marks them. A user sees only
 * their own notifications, and of those only the ones whose region a grant of theirs still covers
 * (a cadre moved to another village stops seeing the old village's cases).
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import type { Actor } from '../core/actor.js';
import { badInput } from '../core/errors.js';
import { execOf, type SqlExec } from '../registers/sql.js';
import { decodeIdCursor, encodeIdCursor } from './webhook.service.js';

export interface NotificationRow {
  id: string;
  kind: string;
  application_id: string | null;
  import_job_id: string | null;
  reference: string | null;
  programme_key: string | null;
  state: string | null;
  created_at: Date;
  read_at: Date | null;
}

const scopePatterns = (actor: Actor) => actor.grants.map((g) => `${g.regionPath}%`);
const SCOPE = `user_id = $1 and (region_path is null or region_path like any($2::text[]))`;

export interface NotificationPage {
  items: NotificationRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export async function listNotifications(ctx: Context, first: number, after?: string | null, unreadOnly = false): Promise<NotificationPage> {
  const actor = requireActor(ctx);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput({ en: 'first must be 1 to 100', zh: 'first 须为 1 到 100' }, [{ path: '/first', message: '须为 1 到 100', messageEn: 'must be 1 to 100' }]);
  const before = after ? decodeIdCursor(after) : null;
  const { rows } = await execOf(ctx.em)(
    `select id, kind, application_id, import_job_id, reference, programme_key, state, created_at, read_at from notification
      where ${SCOPE} and ($3::bigint is null or id < $3::bigint) and (not $4 or read_at is null)
      order by id desc limit $5`,
    [actor.id, scopePatterns(actor), before, unreadOnly, first + 1],
  );
  const items = rows.slice(0, first) as NotificationRow[];
  return { items, hasNextPage: rows.length > first, endCursor: items.length ? encodeIdCursor(items[items.length - 1]!.id) : null };
}

/** Unread count for the bell, capped so a neglected inbox never costs a long count. */
export async function unreadCount(ctx: Context): Promise<number> {
  const actor = requireActor(ctx);
  const { rows } = await execOf(ctx.em)(
    `select count(*)::int as n from (select 1 from notification where ${SCOPE} and read_at is null limit 100) x`,
    [actor.id, scopePatterns(actor)],
  );
  return rows[0].n;
}

/** Marks the given notifications (or, with `all`, every one) of the caller read; answers how many changed. */
export async function markRead(ctx: Context, ids: string[], all: boolean): Promise<number> {
  const actor = requireActor(ctx);
  if (ids.length > 100 || ids.some((id) => !/^\d{1,18}$/.test(id))) {
    throw badInput({ en: 'ids must be at most 100 notification ids', zh: 'ids 须为不超过 100 个通知编号' }, [{ path: '/ids', message: '须为不超过 100 个通知编号', messageEn: 'at most 100 notification ids' }]);
  }
  const exec = execOf(ctx.em);
  const { rows } = await exec(
    `with marked as (update notification set read_at = now() where user_id = $1 and read_at is null and ($2 or id = any($3::bigint[])) returning 1)
     select count(*)::int as n from marked`,
    [actor.id, all, ids],
  );
  return rows[0].n;
}

/**
 * Due-date reminders: once per user, case visit and kind, to everyone who may act on a case in
 * review whose step is due within a day (TASK_DUE_SOON) or went past due within the last day
 * (TASK_OVERDUE). The window keeps each sweep bounded (application_due_index); the unique
 * dedupe key makes repeated sweeps, and several processes sweeping, send each reminder once.
 */
export async function sweepDueDates(exec: SqlExec): Promise<number> {
  const { rows } = await exec(
    `with due as (
       select a.id, a.reference, a.programme_key, a.state, a.region_path, a.actor_roles, a.state_seq,
              case when a.due_at <= now() then 'TASK_OVERDUE' else 'TASK_DUE_SOON' end as kind
         from application a
        where a.due_at is not null and a.due_at > now() - interval '1 day' and a.due_at <= now() + interval '1 day'
          and a.status = 'IN_REVIEW' and cardinality(a.actor_roles) > 0
        order by a.due_at limit 2000)
     , ins as (
       insert into notification (user_id, kind, application_id, reference, programme_key, state, region_path, dedupe_key)
       select distinct g.user_id, d.kind, d.id, d.reference, d.programme_key, d.state, d.region_path, d.id || ':' || d.state_seq || ':' || d.kind
         from due d join role_grant g on g.role = any(d.actor_roles) and g.region_path = any(region_path_prefixes(d.region_path))
         join app_user u on u.id = g.user_id and u.active
       on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
       returning 1)
     select count(*)::int as n from ins`,
    [],
  );
  return rows[0].n;
}
