/**
 * The applicant's public status lookup (进度查询): the reference number plus the last four characters
 * of an ID number written in the application answers with the case's current step and its dates,
 * nothing else (no name, no data, no comments). Without a sign-in, so it is rate limited: failed
 * attempts per client and per reference, so neither one client nor many clients together can walk
 * the 11,000 possible endings of one reference.
 */
import type { Context } from '../core/context.js';
import { DomainError, badInput } from '../core/errors.js';
import { limitersPerServer, RateLimiter } from '../core/rate-limit.js';
import { Application } from './application.entity.js';
import { pinnedVersion, type PinnedVersion } from './pinned-version.js';

export const STATUS_LOOKUP_LIMITS = {
  /** Failed look-ups per client in the window. */
  failuresPerClient: 10,
  /** Failed look-ups of one reference, from anywhere, in the window. */
  failuresPerReference: 5,
  windowMinutes: 15,
};
const WINDOW = STATUS_LOOKUP_LIMITS.windowMinutes * 60_000;
const failuresOf = limitersPerServer(() => ({
  perClient: new RateLimiter(STATUS_LOOKUP_LIMITS.failuresPerClient, WINDOW),
  perReference: new RateLimiter(STATUS_LOOKUP_LIMITS.failuresPerReference, WINDOW),
}));

const REFERENCE = /^[0-9A-Z_-]{6,60}$/;
const LAST_FOUR = /^[0-9]{3}[0-9X]$/;

export interface PublicStatus {
  reference: string;
  programmeName: string;
  stepTitle: { zh: string; en: string };
  status: string;
  submittedAt: Date | null;
  stepSince: Date;
  noticeEndsAt: Date | null;
  dueAt: Date | null;
}

const tooMany = () =>
  new DomainError('RATE_LIMITED', {
    en: `Too many failed look-ups: wait ${STATUS_LOOKUP_LIMITS.windowMinutes} minutes and try again`,
    zh: `查询失败次数过多，请 ${STATUS_LOOKUP_LIMITS.windowMinutes} 分钟后再试`,
  }, { retryAfterSeconds: STATUS_LOOKUP_LIMITS.windowMinutes * 60 });

// One answer for "no such case" and "wrong ID ending": the lookup must not confirm that a reference exists.
const noMatch = () =>
  new DomainError('NOT_FOUND', {
    en: 'No application matches this reference number and ID ending. Check both and try again',
    zh: '没有与该申请编号和身份证后四位相符的申请，请核对后重试',
  }, { subCode: 'NO_MATCH' });

/** Pointers of every ID-number field outside lists (the applicant, the head of household, a student). */
function idPointers(schema: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as { format?: unknown; properties?: Record<string, unknown> };
  if (s.format === 'cn-idcard') out.push(path);
  for (const [k, v] of Object.entries(s.properties ?? {})) idPointers(v, [...path, k], out);
  return out;
}

function idEndings(data: unknown, pinned: PinnedVersion): string[] {
  const endings: string[] = [];
  for (const pointer of idPointers(pinned.formSchema)) {
    let v: unknown = data;
    for (const k of pointer) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    if (typeof v === 'string' && v.length >= 4) endings.push(v.slice(-4).toUpperCase());
  }
  return endings;
}

export async function publicStatus(ctx: Context, referenceIn: string, lastFourIn: string): Promise<PublicStatus> {
  const reference = referenceIn.trim().toUpperCase();
  const lastFour = lastFourIn.trim().toUpperCase();
  const problems = [];
  if (!REFERENCE.test(reference)) problems.push({ path: '/reference', message: '请输入申请编号，如 130636-DIBAO-2026-000042', messageEn: 'enter the reference number, e.g. 130636-DIBAO-2026-000042' });
  if (!LAST_FOUR.test(lastFour)) problems.push({ path: '/idLastFour', message: '请输入身份证号后四位（数字，最后一位可为 X）', messageEn: 'enter the last four characters of the ID number (digits, the last may be X)' });
  if (problems.length) throw badInput({ en: 'Check the reference number and the ID ending', zh: '请核对申请编号和身份证后四位' }, problems);
  const { perClient, perReference } = failuresOf(ctx.services);
  if (perClient.exhausted(ctx.clientIp) || perReference.exhausted(reference)) throw tooMany();
  // Counted as failures up front and taken back on success (as sign-in does), so a burst of
  // parallel guesses cannot all pass the check before the first of them fails.
  perClient.hit(ctx.clientIp);
  perReference.hit(reference);

  const app = await ctx.em.findOne(Application, { reference }, { fields: ['reference', 'programmeId', 'versionId', 'data', 'state', 'status', 'submittedAt', 'stateEnteredAt', 'noticeEndsAt', 'dueAt'] });
  const pinned = app && app.status !== 'DRAFT' ? await pinnedVersion(ctx.em, app.versionId) : undefined;
  if (!app || !pinned || !idEndings(app.data, pinned).includes(lastFour)) throw noMatch();
  perClient.undo(ctx.clientIp);
  perReference.undo(reference);
  const programme = await ctx.loaders.programme.load(app.programmeId);
  const step = pinned.workflow.stateInfo(app.state);
  return {
    reference: app.reference,
    programmeName: programme?.name ?? '',
    stepTitle: step.title,
    status: app.status,
    submittedAt: app.submittedAt ?? null,
    stepSince: app.stateEnteredAt,
    noticeEndsAt: app.status === 'UNDER_NOTICE' ? (app.noticeEndsAt ?? null) : null,
    dueAt: app.dueAt ?? null,
  };
}
