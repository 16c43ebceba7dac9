/**
 * Objections (异议): the public raises one against a case under notice, without logging in. An
 * objection does not move the case: it pauses the notice (application.open_objections) and goes to
 * staff. While one is open the notice does not end; the timer, when it fires, leaves the case
 * where it is. Staff confirm it (`upheld`: the case takes the notice's objection event, back to the
 * step the workflow names) or dismiss it with a reason the objector can look up with the receipt
 * code (`objectionStatus`). When the last open one is dismissed after the deadline, the notice ends
 * at once, as the timer would have ended it; before the deadline the timer does it.
 *
 * Raising, resolving and the timer all change the application row, and each checks its condition
 * in that UPDATE: the row lock orders them, so a case moves once, never behind an open objection.
 */
import { guardEntry } from '../applications/guard-entry.js';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, DomainError, notFound, type Bilingual, type FieldProblem } from '../core/errors.js';
import { limitersPerServer, RateLimiter } from '../core/rate-limit.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlExecutor } from '../core/sql.js';
import { Application } from '../applications/application.entity.js';
import { systemTransition } from '../applications/application.service.js';
import { findApplicationRow } from '../applications/application.row.js';
import { commitChange } from '../applications/commit.js';
import { TIMER_ACTOR } from '../applications/timers.js';
import { pinnedVersion, type PinnedVersion } from '../applications/pinned-version.js';
import { Objection, OBJECTION_OUTCOMES, type ObjectionStatus } from './objection.entity.js';
import { authorizeResolve } from './objection.policy.js';
import { hashClientIp } from './client-ip.js';
import { plainText, textLength } from './plain-text.js';
import { formatReceipt, newReceipt, normaliseReceipt } from './receipt.js';

export const LIMITS = {
  reasonMin: 5,
  reasonMax: 1000,
  contactMax: 100,
  commentMax: 1000,
  perClient: 5,
  perClientPerCase: 3,
  /** Receipt look-ups per client in the window. */
  lookupsPerClient: 30,
  windowMinutes: 10,
};

const WINDOW = LIMITS.windowMinutes * 60_000;
const limitsOf = limitersPerServer(() => ({
  perClient: new RateLimiter(LIMITS.perClient, WINDOW),
  perClientPerCase: new RateLimiter(LIMITS.perClientPerCase, WINDOW),
  lookups: new RateLimiter(LIMITS.lookupsPerClient, WINDOW),
}));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ObjectionInput {
  reference: string;
  reason: string;
  contact?: string | null;
}

/** China has one time zone and no daylight saving: UTC+8 is what a notice board shows. */
export function beijingTime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
}

function checkInput(input: ObjectionInput): { reference: string; reason: string; contact: string | null } {
  const problems: FieldProblem[] = [];
  const reason = plainText(input.reason ?? '');
  const contact = plainText(input.contact ?? '', { multiline: false }) || null;
  const n = textLength(reason);
  if (n < LIMITS.reasonMin || n > LIMITS.reasonMax) {
    problems.push({ path: '/reason', message: `异议理由须为 ${LIMITS.reasonMin}–${LIMITS.reasonMax} 个字（现为 ${n} 个字）`, messageEn: `the reason must be ${LIMITS.reasonMin}–${LIMITS.reasonMax} characters (it has ${n})` });
  }
  if (contact && textLength(contact) > LIMITS.contactMax) problems.push({ path: '/contact', message: `联系方式最多 ${LIMITS.contactMax} 个字`, messageEn: `at most ${LIMITS.contactMax} characters` });
  if (problems.length) {
    throw badInput({
      en: `An objection needs a reason of ${LIMITS.reasonMin}–${LIMITS.reasonMax} characters and a contact of at most ${LIMITS.contactMax}`,
      zh: `异议理由须为 ${LIMITS.reasonMin}–${LIMITS.reasonMax} 个字，联系方式最多 ${LIMITS.contactMax} 个字`,
    }, problems);
  }
  return { reference: (input.reference ?? '').trim().toUpperCase(), reason, contact };
}

const OBJECTION = { en: 'Objection', zh: '异议' };

const rateLimited = (message: Bilingual) =>
  new DomainError('RATE_LIMITED', message, { retryAfterSeconds: LIMITS.windowMinutes * 60 });

function noticeNotOpen(app: Application): DomainError {
  return new DomainError('TRANSITION_NOT_ALLOWED', `Application ${app.reference} is not under public notice: objections are accepted only while its notice is open`, {
    subCode: 'NOTICE_NOT_OPEN', messageZh: `${app.reference} 当前不在公示期，不受理异议`,
  });
}

function noticeClosed(app: Application, closedAt: Date): DomainError {
  return new DomainError('TRANSITION_NOT_ALLOWED', `The public notice of ${app.reference} closed on ${beijingTime(closedAt)}: objections are no longer accepted`, {
    subCode: 'NOTICE_CLOSED', noticeEndsAt: closedAt.toISOString(), messageZh: `${app.reference} 的公示已于 ${beijingTime(closedAt)} 结束，不再受理异议`,
  });
}

/**
 * Refuses unless the case is under notice and the period has not ended. For a case that has left
 * its notice through the timer, says when the notice closed.
 */
async function assertNoticeOpen(ctx: Context, app: Application, pinned: PinnedVersion, now: Date): Promise<void> {
  if (app.status === 'UNDER_NOTICE') {
    if (app.noticeEndsAt && now < app.noticeEndsAt) return;
    throw app.noticeEndsAt ? noticeClosed(app, app.noticeEndsAt) : noticeNotOpen(app);
  }
  const wf = pinned.workflow;
  const [last] = await ctx.em.getConnection().execute<{ at: Date | string; from_state: string; event: string }[]>(
    `select at, from_state, event from application_event
      where application_id = ? and from_state is not null and from_state <> to_state and from_state = any(?::text[])
      order by seq desc limit 1`,
    [app.id, `{${Object.keys(wf.definition.states).filter((s) => wf.stateInfo(s).kind === 'notice').join(',')}}`],
  );
  if (last && wf.stateInfo(last.from_state).timers.some((t) => t.eventType === last.event)) throw noticeClosed(app, new Date(last.at));
  throw noticeNotOpen(app);
}

/**
 * Records an objection from the public. No login. The case stays in its notice, paused until staff
 * resolve the objection; the answer carries the receipt code for `objectionStatus`.
 */
export async function raiseObjection(ctx: Context, input: ObjectionInput): Promise<Objection> {
  const ipHash = await hashClientIp(ctx.services.orm, ctx.clientIp);
  const { perClient, perClientPerCase } = limitsOf(ctx.services);
  // Every attempt counts, also invalid ones, so references cannot be probed in bulk.
  if (!perClient.hit(ipHash)) throw rateLimited({
    en: `Too many objections from your network: at most ${LIMITS.perClient} in ${LIMITS.windowMinutes} minutes. Wait and try again`,
    zh: `您所在网络提交的异议过多：${LIMITS.windowMinutes} 分钟内最多 ${LIMITS.perClient} 条，请稍后再试`,
  });
  const { reference, reason, contact } = checkInput(input);
  const app = reference && reference.length <= 64 ? await ctx.em.findOne(Application, { reference }) : null;
  if (!app) throw new DomainError('NOT_FOUND', {
    en: `No application has the reference ${reference.slice(0, 64) || '(empty)'}: check the number on the notice`,
    zh: `没有编号为 ${reference.slice(0, 64) || '（空）'} 的申请，请核对公示上的编号`,
  });
  if (!perClientPerCase.hit(`${ipHash}:${app.id}`)) {
    throw rateLimited({
      en: `You have objected to ${app.reference} ${LIMITS.perClientPerCase} times already: wait ${LIMITS.windowMinutes} minutes`,
      zh: `您已对 ${app.reference} 提出 ${LIMITS.perClientPerCase} 次异议，请 ${LIMITS.windowMinutes} 分钟后再试`,
    });
  }
  const pinned = await pinnedVersion(ctx.em, app.versionId);
  const now = new Date();
  await assertNoticeOpen(ctx, app, pinned, now);

  return ctx.em.transactional(async (tem) => {
    // The pause and its condition in one statement: if the timer or a reviewer moved the case
    // since we looked (another visit, or the period is over), nothing is stored.
    const paused = await sqlExecutor(tem)(
      `update application set open_objections = open_objections + 1
        where id = $1 and state = $2 and state_seq = $3 and status = 'UNDER_NOTICE' and notice_ends_at > $4 returning id`,
      [app.id, app.state, app.stateSeq, now],
    );
    if (paused.rows.length === 0) throw noticeNotOpen(app);
    const objection = tem.create(Objection, {
      applicationId: app.id, reference: app.reference, state: app.state, stateSeq: app.stateSeq, reason, contact, clientIpHash: ipHash, receipt: newReceipt(),
    });
    await tem.flush();
    return objection;
  });
}

/** Objections to these applications, oldest first (for the DataLoader). */
export async function objectionsOf(ctx: Context, applicationIds: readonly string[]): Promise<Objection[]> {
  return ctx.em.find(Objection, { applicationId: { $in: [...applicationIds] } }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/** What happened to the case when an objection was resolved. */
export type ResolutionEffect = 'returned' | 'notice_ended' | 'notice_continues' | 'still_paused' | 'none';

/**
 * Staff confirm (`upheld`) or dismiss (`dismissed`) an open objection, with a comment (for a
 * dismissal, the reason the objector will read). Who may: see objection.policy.ts.
 * - Confirmed, while the case is still in the notice the objection was raised in: the case takes
 *   the notice's objection event (as the workflow says, usually back to the step that examined it),
 *   recorded in the history under the staff member's name.
 * - Dismissed: the pause is lifted by one; when no open objection is left and the notice period
 *   is over, the notice ends now (its timer event, exactly once); otherwise the timer ends it.
 * - An objection to an earlier notice visit (the case has moved since) is only recorded.
 */
export async function resolveObjection(ctx: Context, id: string, outcome: string, comment: string): Promise<Objection> {
  const actor = requireActor(ctx);
  if (!UUID.test(id)) throw notFound(OBJECTION, id);
  const objection = await ctx.em.findOne(Objection, { id });
  if (!objection) throw notFound(OBJECTION, id);
  const app = await findApplicationRow(ctx.em, objection.applicationId);
  if (!app) throw notFound(OBJECTION, id);
  const pinned = await pinnedVersion(ctx.em, app.versionId);
  const grant = authorizeResolve(actor, app, pinned, objection);
  if (!(OBJECTION_OUTCOMES as readonly string[]).includes(outcome)) {
    throw badInput({ en: `outcome must be ${OBJECTION_OUTCOMES.join(' or ')}`, zh: `处理结果须为 ${OBJECTION_OUTCOMES.join(' 或 ')}` }, [{ path: '/outcome', message: `须为 ${OBJECTION_OUTCOMES.join(' 或 ')}`, messageEn: `one of ${OBJECTION_OUTCOMES.join(', ')}` }]);
  }
  const text = plainText(comment ?? '');
  if (!text || textLength(text) > LIMITS.commentMax) {
    throw badInput({ en: `A resolution needs a comment of 1–${LIMITS.commentMax} characters`, zh: `处理意见须为 1–${LIMITS.commentMax} 个字` }, [{ path: '/comment', message: '请填写处理意见', messageEn: 'write a comment' }]);
  }
  if (objection.status !== 'open') {
    throw new DomainError('TRANSITION_NOT_ALLOWED', `This objection to ${app.reference} was already ${objection.status}`, {
      subCode: 'ALREADY_RESOLVED', messageZh: `对 ${app.reference} 的这条异议已处理（${objection.status === 'upheld' ? '异议成立' : '不予采纳'}）`,
    });
  }
  const changes = { status: outcome as ObjectionStatus, outcomeComment: text, resolvedBy: actor.id, resolvedAt: new Date() };
  const effect = await ctx.em.transactional(async (tem): Promise<ResolutionEffect> => {
    // Conditional update: of two people resolving at once, exactly one wins.
    const n = await tem.nativeUpdate(Objection, { id, status: 'open' }, changes);
    if (n === 0) throw new DomainError('TRANSITION_NOT_ALLOWED', `This objection to ${app.reference} was resolved by someone else just now`, {
      subCode: 'ALREADY_RESOLVED', messageZh: `对 ${app.reference} 的这条异议刚刚已由他人处理`,
    });
    if (objection.stateSeq == null) return 'none';
    // Lift this objection's share of the pause, if the case is still in that notice visit. The row
    // lock orders this against the timer: whichever comes second sees the other's result, and the
    // deadline is read from the database clock after the lock, like the timer's own.
    const lifted = await sqlExecutor(tem)(
      `update application set open_objections = greatest(open_objections - 1, 0)
        where id = $1 and state = $2 and state_seq = $3
        returning open_objections, notice_ends_at <= clock_timestamp() as due`,
      [app.id, objection.state, objection.stateSeq],
    );
    const current = lifted.rows[0] as { open_objections: number; due: boolean } | undefined;
    if (!current) return 'none';
    // A fresh identity map on the same transaction: the row is read again and written by SQL.
    const em = tem.fork({ clear: true, keepTransactionContext: true });
    if (outcome === 'upheld') {
      await sendObjectionEvent(em, ctx, pinned, app.id, { id: actor.id, name: actor.displayName, role: grant.role, regionCode: grant.regionCode }, text);
      return 'returned';
    }
    if (current.open_objections > 0) return 'still_paused';
    if (!current.due) return 'notice_continues';
    const timer = pinned.workflow.stateInfo(objection.state).timers[0];
    if (!timer) return 'notice_continues';
    const moved = await systemTransition(em, ctx.services, app.id, timer.eventType, { name: TIMER_ACTOR, comment: NOTICE_ENDED_AFTER_OBJECTIONS }, { state: objection.state, stateSeq: objection.stateSeq });
    return moved ? 'notice_ended' : 'none';
  });
  ctx.log.info({ objectionId: id, applicationId: app.id, outcome, effect }, 'objection resolved');
  return Object.assign(objection, changes);
}

/** The history comment when a notice ends as its last objection is dismissed. */
export const NOTICE_ENDED_AFTER_OBJECTIONS = '异议均已处理，公示期满';

/** The confirmed objection sends the notice's objection event, in the resolver's name. */
async function sendObjectionEvent(em: EntityManager, ctx: Context, pinned: PinnedVersion, appId: string, actor: { id: string; name: string; role: string; regionCode: string }, comment: string): Promise<void> {
  const app = await findApplicationRow(em, appId);
  if (!app) throw notFound({ en: 'Application', zh: '申请' }, appId);
  const event = pinned.workflow.stateInfo(app.state).objectionEvent ?? 'OBJECTION';
  const result = pinned.workflow.transition(app.snapshot, { type: event }, { data: app.data, distinctActors: 0, entry: await guardEntry(em, app, pinned.workflow) });
  if (!result.changed) throw new DomainError('TRANSITION_NOT_ALLOWED', `The workflow of ${app.reference} does not accept ${event} in its current state`, { messageZh: `${app.reference} 当前环节不接受异议退回` });
  await commitChange(em, ctx.services, {
    app, pinned, expectedVersion: app.version, event, actor, comment: `异议成立：${comment}`, to: { state: result.to, snapshot: result.snapshot },
  });
}

/** What the public may learn from a receipt: nothing about the objector or the household. */
export interface ObjectionReceipt {
  receipt: string;
  reference: string;
  status: ObjectionStatus;
  createdAt: Date;
  resolvedAt: Date | null;
  /** The reason staff gave for a dismissal (written for the objector); null otherwise. */
  dismissalReason: string | null;
}

/** Public (no login), rate limited per client: the state of one objection, by its receipt code. */
export async function objectionStatus(ctx: Context, receipt: string): Promise<ObjectionReceipt> {
  const ipHash = await hashClientIp(ctx.services.orm, ctx.clientIp);
  if (!limitsOf(ctx.services).lookups.hit(ipHash)) throw rateLimited({
    en: `Too many look-ups from your network: at most ${LIMITS.lookupsPerClient} in ${LIMITS.windowMinutes} minutes`,
    zh: `您所在网络查询次数过多：${LIMITS.windowMinutes} 分钟内最多 ${LIMITS.lookupsPerClient} 次`,
  });
  const code = normaliseReceipt(receipt);
  const objection = code ? await ctx.em.findOne(Objection, { receipt: code }) : null;
  if (!objection) {
    throw new DomainError('NOT_FOUND', 'No objection has this receipt code: check it and try again', { messageZh: '未找到该回执编号对应的异议，请核对后重试' });
  }
  return {
    receipt: formatReceipt(objection.receipt!),
    reference: objection.reference,
    status: objection.status,
    createdAt: objection.createdAt,
    resolvedAt: objection.resolvedAt ?? null,
    dismissalReason: objection.status === 'dismissed' ? (objection.outcomeComment ?? null) : null,
  };
}
