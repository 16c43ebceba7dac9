/**
 * Webhook subscriptions as county data: an administrator of a region (admin, or county_admin over
 * it) says where its cases' history events are POSTed, with which secret, for which kinds. The
 * outbox rows themselves are written by a trigger (migration 020); this file manages the
 * subscriptions and reads the delivery log.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { canAdministerRegion, isAdmin, type Actor } from '../core/actor.js';
import { badInput, forbidden, notFound, type FieldProblem } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { execOf, UUID, type SqlExec } from '../registers/sql.js';

export interface WebhookSubscriptionRow {
  id: string;
  region_code: string;
  region_path: string;
  name: string;
  url: string;
  secret: string;
  event_kinds: string[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface WebhookInput {
  name: string;
  url: string;
  secret?: string | null;
  eventKinds: string[];
  active?: boolean | null;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  application_id: string;
  event_id: string;
  kind: string;
  payload: Record<string, any>;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const KIND = /^(\*|[A-Z][A-Z0-9_]{0,49}|status:(DRAFT|IN_REVIEW|UNDER_NOTICE|APPROVED|REJECTED|WITHDRAWN))$/;
const noAdmin = () => forbidden({ en: 'Only administrators of the region manage its webhooks', zh: '只有该区划的管理员可以管理推送（Webhook）' });

function requireWebhookAdmin(ctx: Context): Actor {
  const actor = requireActor(ctx);
  if (!isAdmin(actor) && !actor.grants.some((g) => g.role === 'county_admin')) throw noAdmin();
  return actor;
}

/** Parses and bounds the input; answers every problem at once, with JSON pointers. */
function checkInput(input: WebhookInput, creating: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.name?.trim() ?? '';
  if (!name || name.length > 100) problems.push({ path: '/name', message: '名称须为 1 到 100 个字符', messageEn: 'must be 1 to 100 characters' });
  let url: URL | undefined;
  try {
    url = input.url.length <= 2000 ? new URL(input.url) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    problems.push({ path: '/url', message: '须为 http(s) 地址，且不含用户名口令，不超过 2000 个字符', messageEn: 'must be an http(s) URL without credentials, at most 2000 characters' });
  }
  if (input.secret != null || creating) {
    const secret = input.secret ?? '';
    if (secret.length < 16 || secret.length > 200) problems.push({ path: '/secret', message: '密钥须为 16 到 200 个字符', messageEn: 'must be 16 to 200 characters' });
  }
  if (!input.eventKinds.length || input.eventKinds.length > 20) problems.push({ path: '/eventKinds', message: '须列出 1 到 20 种事件', messageEn: 'must list 1 to 20 kinds' });
  input.eventKinds.forEach((k, i) => {
    if (!KIND.test(k)) problems.push({ path: `/eventKinds/${i}`, message: '须为 *、流程事件名（如 APPROVE）或 status:状态（如 status:APPROVED）', messageEn: 'must be *, a workflow event name (APPROVE) or status:<STATUS>' });
  });
  return problems;
}

async function findSubscription(exec: SqlExec, actor: Actor, id: string): Promise<WebhookSubscriptionRow> {
  const rows = UUID.test(id) ? (await exec('select * from webhook_subscription where id = $1', [id])).rows : [];
  const sub = rows[0] as WebhookSubscriptionRow | undefined;
  // Outside one's regions it does not exist (no existence leak).
  if (!sub || !canAdministerRegion(actor, sub.region_path)) throw notFound({ en: 'Webhook', zh: '推送配置' }, id);
  return sub;
}

export async function createWebhook(ctx: Context, regionCode: string, input: WebhookInput): Promise<WebhookSubscriptionRow> {
  const actor = requireWebhookAdmin(ctx);
  const region = await getRegion(ctx.em, regionCode);
  if (!canAdministerRegion(actor, region.path)) throw noAdmin();
  const problems = checkInput(input, true);
  if (problems.length) throw badInput({ en: 'The webhook has invalid fields', zh: '推送配置有误' }, problems);
  const { rows } = await execOf(ctx.em)(
    `insert into webhook_subscription (id, region_code, region_path, name, url, secret, event_kinds, active, created_by)
     values ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9) returning *`,
    [randomUUID(), region.code, region.path, input.name.trim(), input.url, input.secret, [...new Set(input.eventKinds)], input.active ?? true, actor.id],
  );
  return rows[0];
}

export async function updateWebhook(ctx: Context, id: string, input: WebhookInput): Promise<WebhookSubscriptionRow> {
  const actor = requireWebhookAdmin(ctx);
  const exec = execOf(ctx.em);
  const sub = await findSubscription(exec, actor, id);
  const problems = checkInput(input, false);
  if (problems.length) throw badInput({ en: 'The webhook has invalid fields', zh: '推送配置有误' }, problems);
  const { rows } = await exec(
    `update webhook_subscription set name = $2, url = $3, secret = coalesce($4, secret), event_kinds = $5::text[], active = $6, updated_at = now()
      where id = $1 returning *`,
    [sub.id, input.name.trim(), input.url, input.secret ?? null, [...new Set(input.eventKinds)], input.active ?? sub.active],
  );
  return rows[0];
}

/** Deleting removes the subscription and its log; pausing (active: false) keeps both. */
export async function deleteWebhook(ctx: Context, id: string): Promise<boolean> {
  const actor = requireWebhookAdmin(ctx);
  const exec = execOf(ctx.em);
  const sub = await findSubscription(exec, actor, id);
  await exec('delete from webhook_subscription where id = $1', [sub.id]);
  return true;
}

export async function loadWebhook(ctx: Context, id: string): Promise<WebhookSubscriptionRow> {
  return findSubscription(execOf(ctx.em), requireWebhookAdmin(ctx), id);
}

/** The subscriptions of the regions the caller administers (a county has a handful: bounded at 200). */
export async function listWebhooks(ctx: Context): Promise<WebhookSubscriptionRow[]> {
  const actor = requireWebhookAdmin(ctx);
  const paths = isAdmin(actor) ? ['%'] : actor.grants.filter((g) => g.role === 'county_admin').map((g) => `${g.regionPath}%`);
  const { rows } = await execOf(ctx.em)(
    'select * from webhook_subscription where region_path like any($1::text[]) order by region_path, created_at limit 200',
    [paths],
  );
  return rows;
}

export interface DeliveryPage {
  items: DeliveryRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const decodeIdCursor = (after: string): string => {
  const id = /^[A-Za-z0-9_-]{1,40}$/.test(after) ? Buffer.from(after, 'base64url').toString() : '';
  if (!/^\d{1,18}$/.test(id)) {
    throw badInput({ en: 'Invalid cursor: pass an endCursor this list returned', zh: '分页游标无效：请使用本列表返回的 endCursor' }, [
      { path: '/after', message: '不是本列表返回的游标', messageEn: 'not a cursor from this list' },
    ]);
  }
  return id;
};
export const encodeIdCursor = (id: string) => Buffer.from(String(id)).toString('base64url');
export { decodeIdCursor };

/** The delivery log of one subscription, newest first, with each row's last attempt. */
export async function listDeliveries(ctx: Context, subscriptionId: string, first: number, after?: string | null, status?: string | null): Promise<DeliveryPage> {
  const actor = requireWebhookAdmin(ctx);
  const exec = execOf(ctx.em);
  const sub = await findSubscription(exec, actor, subscriptionId);
  if (status != null && !['pending', 'delivered', 'failed'].includes(status)) {
    throw badInput({ en: 'status must be pending, delivered or failed', zh: 'status 须为 pending、delivered 或 failed' }, [{ path: '/status', message: '须为 pending、delivered 或 failed', messageEn: 'must be pending, delivered or failed' }]);
  }
  const limit = Math.min(Math.max(first, 1), 100);
  const before = after ? decodeIdCursor(after) : null;
  const { rows } = await exec(
    `select * from webhook_outbox where subscription_id = $1 and ($2::bigint is null or id < $2::bigint) and ($3::text is null or status = $3)
      order by id desc limit $4`,
    [sub.id, before, status ?? null, limit + 1],
  );
  const items = rows.slice(0, limit) as DeliveryRow[];
  return { items, hasNextPage: rows.length > limit, endCursor: items.length ? encodeIdCursor(items[items.length - 1]!.id) : null };
}

/** Sends a failed (or delivered) delivery again at once; it goes after nothing, so order is the caller's choice. */
export async function redeliver(ctx: Context, deliveryId: string): Promise<DeliveryRow> {
  const actor = requireWebhookAdmin(ctx);
  const exec = execOf(ctx.em);
  const rows = /^\d{1,18}$/.test(deliveryId) ? (await exec('select subscription_id from webhook_outbox where id = $1', [deliveryId])).rows : [];
  if (!rows[0]) throw notFound({ en: 'Delivery', zh: '推送记录' }, deliveryId);
  await findSubscription(exec, actor, rows[0].subscription_id);
  const updated = await exec(
    `update webhook_outbox set status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = null where id = $1 returning *`,
    [deliveryId],
  );
  return updated.rows[0];
}
