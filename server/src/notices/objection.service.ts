/**
 * Objections (异议): the public raises one against a case under notice, without logging in; the
 * objection is stored and the notice state's objection event is sent on the public's behalf in
 * the same transaction, so the case moves (usually back to the step that examined it) and the
 * history shows it. Staff then record whether the objection was upheld or dismissed.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, DomainError, notFound, type FieldProblem } from '../core/errors.js';
import { RateLimiter } from '../core/rate-limit.js';
import { Application } from '../applications/application.entity.js';
import { systemTransition } from '../applications/application.service.js';
import { pinnedVersion, type PinnedVersion } from '../applications/pinned-version.js';
import { Objection, OBJECTION_OUTCOMES, type ObjectionStatus } from './objection.entity.js';
import { authorizeResolve } from './objection.policy.js';
import { hashClientIp } from './client-ip.js';
import { plainText, textLength } from './plain-text.js';

/** The name the history shows for an objection's transition. */
export const PUBLIC_OBJECTOR = '公众异议';

export const LIMITS = {
  reasonMin: 5,
  reasonMax: 1000,
  contactMax: 100,
  commentMax: 1000,
  perClient: 5,
  perClientPerCase: 3,
  windowMinutes: 10,
};

const WINDOW = LIMITS.windowMinutes * 60_000;
const perClient = new RateLimiter(LIMITS.perClient, WINDOW);
const perClientPerCase = new RateLimiter(LIMITS.perClientPerCase, WINDOW);

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
    problems.push({ path: '/reason', message: `异议理由须为 ${LIMITS.reasonMin}–${LIMITS.reasonMax} 个字（现为 ${n} 个字）` });
  }
  if (contact && textLength(contact) > LIMITS.contactMax) problems.push({ path: '/contact', message: `联系方式最多 ${LIMITS.contactMax} 个字` });
  if (problems.length) {
    throw badInput(`An objection needs a reason of ${LIMITS.reasonMin}–${LIMITS.reasonMax} characters and a contact of at most ${LIMITS.contactMax}`, problems);
  }
  return { reference: (input.reference ?? '').trim().toUpperCase(), reason, contact };
}

const rateLimited = (message: string) =>
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

/** Records an objection from the public and sends the notice's objection event. No login. */
export async function raiseObjection(ctx: Context, input: ObjectionInput): Promise<Objection> {
  const ipHash = await hashClientIp(ctx.services.orm, ctx.clientIp);
  // Every attempt counts, also invalid ones, so references cannot be probed in bulk.
  if (!perClient.hit(ipHash)) throw rateLimited(`Too many objections from your network: at most ${LIMITS.perClient} in ${LIMITS.windowMinutes} minutes. Wait and try again`);
  const { reference, reason, contact } = checkInput(input);
  const app = reference && reference.length <= 64 ? await ctx.em.findOne(Application, { reference }) : null;
  if (!app) throw new DomainError('NOT_FOUND', `No application has the reference ${reference.slice(0, 64) || '(empty)'}: check the number on the notice`);
  if (!perClientPerCase.hit(`${ipHash}:${app.id}`)) {
    throw rateLimited(`You have objected to ${app.reference} ${LIMITS.perClientPerCase} times already: wait ${LIMITS.windowMinutes} minutes`);
  }
  const pinned = await pinnedVersion(ctx.em, app.versionId);
  await assertNoticeOpen(ctx, app, pinned, new Date());
  const event = pinned.workflow.stateInfo(app.state).objectionEvent ?? 'OBJECTION';

  try {
    return await ctx.em.transactional(async (tem) => {
      const objection = tem.create(Objection, { applicationId: app.id, reference: app.reference, state: app.state, reason, contact, clientIpHash: ipHash });
      await tem.flush();
      // A fresh identity map on the same transaction: systemTransition's application copy is
      // written by commitChange's SQL and must not be flushed again by this unit of work.
      const moved = await systemTransition(
        tem.fork({ clear: true, keepTransactionContext: true }), ctx.services, app.id, event,
        { name: PUBLIC_OBJECTOR, comment: reason }, { state: app.state, stateSeq: app.stateSeq },
      );
      // The timer or a reviewer moved the case since we looked: nothing is stored.
      if (!moved) throw noticeNotOpen(app);
      return objection;
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VERSION_CONFLICT') throw noticeNotOpen(app);
    throw e;
  }
}

/** Objections to these applications, oldest first (for the DataLoader). */
export async function objectionsOf(ctx: Context, applicationIds: readonly string[]): Promise<Objection[]> {
  return ctx.em.find(Objection, { applicationId: { $in: [...applicationIds] } }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/** Records the outcome of an open objection: upheld or dismissed, with the reasons. */
export async function resolveObjection(ctx: Context, id: string, outcome: string, comment: string): Promise<Objection> {
  const actor = requireActor(ctx);
  if (!UUID.test(id)) throw notFound('Objection', id);
  const objection = await ctx.em.findOne(Objection, { id });
  if (!objection) throw notFound('Objection', id);
  const app = await ctx.em.findOneOrFail(Application, { id: objection.applicationId });
  authorizeResolve(actor, app, id);
  if (!(OBJECTION_OUTCOMES as readonly string[]).includes(outcome)) {
    throw badInput(`outcome must be ${OBJECTION_OUTCOMES.join(' or ')}`, [{ path: '/outcome', message: `须为 ${OBJECTION_OUTCOMES.join(' 或 ')}` }]);
  }
  const text = plainText(comment ?? '');
  if (!text || textLength(text) > LIMITS.commentMax) {
    throw badInput(`A resolution needs a comment of 1–${LIMITS.commentMax} characters`, [{ path: '/comment', message: '请填写处理意见' }]);
  }
  if (objection.status !== 'open') {
    throw new DomainError('TRANSITION_NOT_ALLOWED', `This objection to ${app.reference} was already ${objection.status}`, { subCode: 'ALREADY_RESOLVED' });
  }
  const resolvedAt = new Date();
  const changes = { status: outcome as ObjectionStatus, outcomeComment: text, resolvedBy: actor.id, resolvedAt };
  // Conditional update: of two people resolving at once, exactly one wins.
  const n = await ctx.em.nativeUpdate(Objection, { id, status: 'open' }, changes);
  if (n === 0) throw new DomainError('TRANSITION_NOT_ALLOWED', `This objection to ${app.reference} was resolved by someone else just now`, { subCode: 'ALREADY_RESOLVED' });
  Object.assign(objection, changes);
  return objection;
}
