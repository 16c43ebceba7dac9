/**
 * Limits on what one user can pile up before anyone reviews it, and createApplication's
 * idempotency key. Drafts are unvalidated and up to 256 KB each: without a cap, one account could
 * store hundreds of megabytes and then ask for them back in one list (issue 10).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import type { Config } from '../core/config.js';
import { DomainError, badInput } from '../core/errors.js';
import { findApplicationRow } from './application.row.js';
import type { Application } from './application.entity.js';
import type { Actor } from '../core/actor.js';
import { authorizeRead } from './application.policy.js';

/**
 * Refuses a new or saved draft that would take the filer past MAX_DRAFTS_PER_USER open drafts or
 * MAX_DRAFT_BYTES_PER_USER bytes of draft data. `replacing` is the draft being saved (its old data
 * does not count). Inside a transaction, a per-user advisory lock makes concurrent creates count
 * one after the other.
 */
export async function checkDraftVolume(em: EntityManager, config: Pick<Config, 'maxDraftsPerUser' | 'maxDraftBytesPerUser'>, userId: string, data: unknown, replacing?: string): Promise<void> {
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  if (tx) await conn.execute(`select pg_advisory_xact_lock(hashtext('drafts:' || ?))`, [userId], 'all', tx);
  const rows = await conn.execute<{ n: string; bytes: string }[]>(
    `select count(*) as n, coalesce(sum(octet_length(data::text)), 0) as bytes
       from application where created_by = ? and status = 'DRAFT' and id <> ?`,
    [userId, replacing ?? '00000000-0000-0000-0000-000000000000'], 'all', tx,
  );
  const n = Number(rows[0]!.n) + 1;
  const bytes = Number(rows[0]!.bytes) + Buffer.byteLength(JSON.stringify(data));
  if (!replacing && n > config.maxDraftsPerUser) {
    throw new DomainError('BAD_USER_INPUT', `You have ${n - 1} open drafts, the most one user may keep: submit or withdraw some first`, {
      subCode: 'DRAFT_LIMIT',
      messageZh: `您已有 ${n - 1} 份未提交的草稿，已达上限（${config.maxDraftsPerUser} 份）：请先提交或撤回部分草稿`,
      limit: config.maxDraftsPerUser,
      problems: [{ path: '/data', message: '草稿数量已达上限', messageEn: 'too many open drafts' }],
    });
  }
  if (bytes > config.maxDraftBytesPerUser) {
    throw new DomainError('BAD_USER_INPUT', `Your open drafts would hold ${bytes} bytes of form data, more than ${config.maxDraftBytesPerUser}: submit or withdraw some first`, {
      subCode: 'DRAFT_LIMIT',
      messageZh: `您的草稿数据总量将超过上限（${Math.round(config.maxDraftBytesPerUser / 1024)} KB）：请先提交或撤回部分草稿`,
      limit: config.maxDraftBytesPerUser,
      problems: [{ path: '/data', message: '草稿数据总量已达上限', messageEn: 'open drafts too large in total' }],
    });
  }
}

/** The key as stored, or null when none was given; 1–100 characters after trimming. */
export function normaliseIdempotencyKey(key: string | null | undefined): string | null {
  if (key === undefined || key === null) return null;
  const k = key.trim();
  if (k.length < 1 || k.length > 100) {
    throw badInput({ en: 'idempotencyKey must be 1–100 characters', zh: 'idempotencyKey 须为 1–100 个字符' }, [{ path: '/idempotencyKey', message: '1–100 个字符', messageEn: '1–100 characters' }]);
  }
  return k;
}

/**
 * The application this user created earlier with this key, or undefined. The same key for another
 * programme or region is a client bug (a reused key), refused rather than answered with the wrong case.
 */
export async function findByIdempotencyKey(ctx: Context, actor: Actor, key: string, programmeKey: string, regionCode: string): Promise<Application | undefined> {
  const rows = await ctx.em.getConnection().execute<{ id: string }[]>(
    'select id from application where created_by = ? and idempotency_key = ?', [actor.id, key],
  );
  if (!rows[0]) return undefined;
  const app = await findApplicationRow(ctx.em, rows[0].id);
  if (!app) return undefined;
  if (app.programmeKey !== programmeKey || app.regionCode !== regionCode) {
    throw new DomainError('BAD_USER_INPUT', `The idempotency key was already used for application ${app.reference} of another programme or region`, {
      subCode: 'IDEMPOTENCY_KEY_REUSED',
      messageZh: `该幂等键已用于另一项目或地区的申请 ${app.reference}`,
      problems: [{ path: '/idempotencyKey', message: '该幂等键已用于其他申请', messageEn: 'already used for another programme or region' }],
    });
  }
  authorizeRead(actor, app);
  return app;
}

export const isIdempotencyConflict = (e: unknown) =>
  e instanceof UniqueConstraintViolationException && (e as { constraint?: string }).constraint === 'application_idempotency_index';
