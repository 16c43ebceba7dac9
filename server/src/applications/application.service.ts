/**
 * Applications: create a draft pinned to the programme's current version, save it, submit it and
 * move it through its workflow. Every change goes through `commitChange` (one transaction with its
 * history row); authorization is checked here, against the application's region.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering } from '../core/actor.js';
import { badInput, DomainError, forbidden, notFound } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { currentVersion, getProgramme } from '../programmes/programme.service.js';
import { changedPointers, isPointerWithin, readPointer } from '../programmes/form-schema.js';
import { alternatives } from '../workflow/definition.js';
import type { EventInfo } from '../workflow/engine.js';
import { Application } from './application.entity.js';
import { authorizeEvent, authorizeRead, grantFor } from './application.policy.js';
import { applicantName, commitChange, conflict } from './commit.js';
import { guardFailed } from './guard-refusal.js';
import { guardEntry } from './guard-entry.js';
import { eventsAlreadyVoted, quorumProgress } from './quorum.js';
import { checkDraftVolume, findByIdempotencyKey, isIdempotencyConflict, normaliseIdempotencyKey } from './draft-volume.js';
import { pinLoaded, pinnedVersion, type PinnedVersion } from './pinned-version.js';
import { nextReference } from './reference.js';
import { mergeData } from './merge.js';
import { findApplicationForTransition, findApplicationRow } from './application.row.js';
import type { EntryForWrite } from '../registers/entry.row.js';
import { loadEntry } from '../registers/entry.service.js';
import { assertEntryFits, prefill, registerLinkOf } from '../registers/programme-link.js';
import { entryVisibility } from '../registers/register.policy.js';
import { inputRefusal, inspectJson, MAX_FORM_DATA_DEPTH } from '../edge/input-guard.js';
import { dueAt } from '../workflow/due.js';
import { offeredEvents, reviewNotDue } from './reviews.js';

const MAX_DATA_BYTES = 256 * 1024;
const APPLICATION = { en: 'Application', zh: '申请' };
const MAX_COMMENT = 2000;

function checkDataShape(data: unknown, path = '/data'): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw badInput({ en: 'Form data must be a JSON object', zh: '表单数据须为 JSON 对象' }, [{ path, message: '须为对象', messageEn: 'must be an object' }]);
  // Iteratively, before JSON.stringify below walks it recursively.
  const deep = inspectJson(data, path, MAX_FORM_DATA_DEPTH);
  if (deep.length) throw inputRefusal(deep, MAX_FORM_DATA_DEPTH);
  if (JSON.stringify(data).length > MAX_DATA_BYTES) throw badInput({ en: `Form data is larger than ${MAX_DATA_BYTES / 1024} KB`, zh: `表单数据超过 ${MAX_DATA_BYTES / 1024} KB` }, [{ path, message: '数据过大', messageEn: 'too large' }]);
  return data as Record<string, unknown>;
}

interface Loaded {
  app: Application;
  pinned: PinnedVersion;
  actor: Actor;
  /** With `withEntry`: the household, read in the same statement as the case. */
  entry?: () => EntryForWrite | undefined;
}

/**
 * The case, authorized for reading, with its pinned version. `withEntry` (a transition) reads its
 * household in the same statement, so effects on it need no round trip of their own.
 */
export async function loadApplication(ctx: Context, id: string, options: { withEntry?: boolean } = {}): Promise<Loaded> {
  const actor = requireActor(ctx);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(APPLICATION, id);
  const found: { app?: Application; entry?: Loaded['entry'] } | undefined = options.withEntry
    ? await findApplicationForTransition(ctx.em, id)
    : { app: await findApplicationRow(ctx.em, id) };
  const app = found?.app;
  if (!app) throw notFound(APPLICATION, id);
  authorizeRead(actor, app);
  return { app, pinned: await pinnedVersion(ctx.em, app.versionId), actor, entry: found.entry };
}

export interface CreateOptions {
  /** A retry with the same key by the same user returns the first application (1–100 characters). */
  idempotencyKey?: string | null;
  /** The register entry (household) the case is about. */
  entryId?: string | null;
}

/**
 * Creates a draft in a region the actor may file for (a draft-state role covering it), within the
 * filer's draft volume. With an idempotency key, a retry returns the application the first call made.
 */
export async function createApplication(ctx: Context, programmeKey: string, regionCode: string, data: unknown = {}, options: CreateOptions = {}): Promise<Application> {
  const actor = requireActor(ctx);
  const idempotencyKey = normaliseIdempotencyKey(options.idempotencyKey);
  if (idempotencyKey) {
    const earlier = await findByIdempotencyKey(ctx, actor, idempotencyKey, programmeKey, regionCode);
    if (earlier) return earlier;
  }
  const programme = await getProgramme(ctx.em, programmeKey);
  if (programme.status === 'retired') throw badInput({ en: `Programme "${programmeKey}" is retired: it takes no new applications`, zh: `项目 ${programmeKey} 已停用，不再受理新申请` });
  const version = currentVersion(programme);
  if (!version) throw badInput({ en: `Programme "${programmeKey}" has no published version yet`, zh: `项目 ${programmeKey} 尚未发布` });
  const region = await getRegion(ctx.em, regionCode);
  if (!region.path.startsWith(programme.regionPath)) throw badInput({ en: `Region ${regionCode} is outside the programme's county`, zh: `区划 ${regionCode} 不在该项目所属县内` }, [{ path: '/regionCode', message: '不在项目范围内', messageEn: 'outside the programme' }]);
  const pinned = pinLoaded(version);
  const wf = pinned.workflow;
  const initial = wf.initialState();
  const draft = wf.stateInfo(initial.state);
  const fileRoles = draft.roles.length ? draft.roles : undefined;
  const grant = grantsCovering(actor, region.path, fileRoles)[0];
  if (!grant) throw forbidden({
    en: `You may not file applications in ${region.name}: it needs the role ${draft.roles.join(' or ') || 'staff'} there`,
    zh: `您无权在${region.name}录入申请：需要在该地拥有角色 ${draft.roles.join(' 或 ') || '工作人员'}`,
  });
  const linked = await linkEntry(ctx, pinned, region.path, checkDataShape(data ?? {}), options.entryId);
  const entryId = linked.entryId;
  // Computed fields are the server's own: whatever the client sent for them is replaced.
  const body = pinned.form.compute(linked.body);
  const now = ctx.services.clock();
  const app = ctx.em.create(Application, {
    reference: await nextReference(ctx.em, programme.regionCode, programme.key, now),
    programmeId: programme.id, programmeKey: programme.key, versionId: version.id,
    regionCode: region.code, regionPath: region.path, data: body, state: initial.state, snapshot: initial.snapshot,
    // The name is searchable from the start, not only after the first save.
    status: 'DRAFT', actorRoles: draft.roles, createdBy: actor.id, applicantName: applicantName(body),
    createdAt: now, updatedAt: now, stateEnteredAt: now, idempotencyKey, dueAt: dueAt(draft.due, body, now), entryId,
  });
  try {
    await ctx.em.transactional(async (tem) => {
      await checkDraftVolume(tem, ctx.services.config, actor.id, body);
      tem.persist(app);
      await tem.flush();
      await tem.getConnection().execute(
        `insert into application_event (application_id, seq, at, actor_id, actor_name, role, region_code, event, from_state, to_state)
         values (?, 1, ?, ?, ?, ?, ?, 'CREATE', null, ?)`,
        [app.id, now, actor.id, actor.displayName, grant.role, grant.regionCode, initial.state], 'run', tem.getTransactionContext(),
      );
    });
  } catch (e) {
    // Two retries racing with one key: the loser answers with the winner's application.
    if (idempotencyKey && isIdempotencyConflict(e)) {
      ctx.em.clear();
      const earlier = await findByIdempotencyKey(ctx, actor, idempotencyKey, programmeKey, regionCode);
      if (earlier) return earlier;
    }
    throw e;
  }
  return app;
}

/**
 * The entry a new case is about, checked against the programme's register link, and the form
 * data prefilled from it. A programme whose link is "existing" needs one.
 */
async function linkEntry(ctx: Context, pinned: PinnedVersion, regionPath: string, body: Record<string, unknown>, entryId: string | null | undefined) {
  const link = registerLinkOf(pinned.workflow.definition.meta);
  if (entryId == null) {
    if (link?.link === 'existing') {
      throw new DomainError('BAD_USER_INPUT', `This programme files for a household of register "${link.key}": choose one (entryId)`, {
        messageZh: '本项目须先选择农户档案', problems: [{ path: '/entryId', message: '请选择农户', messageEn: 'choose a household' }],
      });
    }
    return { entryId: null, body };
  }
  if (!link) throw badInput({ en: 'This programme is not linked to a register: leave entryId out', zh: '本项目不关联农户档案，请勿指定农户' }, [{ path: '/entryId', message: '本项目不关联登记簿', messageEn: 'the programme names no register' }]);
  const entry = await loadEntry(ctx, entryId);
  const rows = await ctx.em.getConnection().execute<{ key: string }[]>('select key from register where id = ?', [entry.registerId]);
  assertEntryFits(link, rows[0]!.key, entry, regionPath);
  return { entryId: entry.id, body: prefill(link, body, entry.data) };
}

function actorOf(actor: Actor, grant?: Grant) {
  return { id: actor.id, name: actor.displayName, role: grant?.role ?? null, regionCode: grant?.regionCode ?? null };
}

/** Replaces a draft's data. Drafts may be incomplete: they are validated at submit. */
export async function saveApplication(ctx: Context, id: string, data: unknown, expectedVersion: number): Promise<Application> {
  const { app, pinned, actor } = await loadApplication(ctx, id);
  if (app.status !== 'DRAFT') throw new DomainError('TRANSITION_NOT_ALLOWED', {
    en: `Application ${app.reference} is no longer a draft: reviewers change data through transitions`,
    zh: `申请 ${app.reference} 已不是草稿：审核人员须在办理环节中修改数据`,
  });
  if (app.version !== expectedVersion) throw conflict(app.reference);
  const draft = pinned.workflow.stateInfo(app.state);
  const grant = grantsCovering(actor, app.regionPath, draft.roles.length ? draft.roles : undefined)[0];
  if (!grant && app.createdBy !== actor.id) throw forbidden({ en: 'Only the filer or the village staff may edit this draft', zh: '只有录入人或村级工作人员可以修改此草稿' });
  const body = pinned.form.compute(checkDataShape(data));
  await checkDraftVolume(ctx.em, ctx.services.config, app.createdBy, body, app.id);
  const changed = changedPointers(app.data, body);
  return commitChange(ctx.em, ctx.services, {
    app, pinned, expectedVersion, event: 'SAVE', actor: actorOf(actor, grant), data: body,
    patch: Object.fromEntries(changed.slice(0, 200).map((p) => [p, true])),
  });
}

/** Validates the draft with the pinned version's schema and sends SUBMIT. */
export async function submitApplication(ctx: Context, id: string, expectedVersion: number): Promise<Application> {
  const { app, pinned, actor } = await loadApplication(ctx, id);
  if (app.status !== 'DRAFT') throw new DomainError('TRANSITION_NOT_ALLOWED', { en: `Application ${app.reference} has been submitted already`, zh: `申请 ${app.reference} 已提交` });
  const submit = pinned.workflow.events(app.state).find((e) => e.event === 'SUBMIT');
  if (submit) authorizeEvent(actor, app, submit);
  // Judged on the server's own computation (transition() stores it when it differs).
  const problems = pinned.form.validate(pinned.form.compute(app.data));
  if (problems.length) {
    throw badInput({ en: `The application has ${problems.length} invalid field(s)`, zh: `申请有 ${problems.length} 处填写有误` }, problems.map((p) => ({ path: p.path, message: p.message, messageEn: p.messageEn })));
  }
  return transition(ctx, { app, pinned, actor }, { event: 'SUBMIT', expectedVersion });
}

export interface TransitionInput {
  event: string;
  comment?: string | null;
  data?: unknown;
  expectedVersion: number;
}

/** Sends a workflow event as the signed-in actor. */
export async function transitionApplication(ctx: Context, id: string, input: TransitionInput): Promise<Application> {
  const loaded = await loadApplication(ctx, id, { withEntry: true });
  if (input.event === 'SUBMIT' && loaded.app.status === 'DRAFT') return submitApplication(ctx, id, input.expectedVersion);
  return transition(ctx, loaded, input);
}

async function transition(ctx: Context, { app, pinned, actor, entry }: Loaded, input: TransitionInput): Promise<Application> {
  const wf = pinned.workflow;
  // A stale request is told so first: the state it would be judged on may have moved on since
  // the client read it (two approvals racing: the loser gets VERSION_CONFLICT, not "not possible").
  if (app.version !== input.expectedVersion) throw conflict(app.reference);
  const event = offeredEvents(wf, app.state, app.reviewOpen).find((e) => e.event === input.event);
  const state = wf.stateInfo(app.state);
  const review = state.review;
  if (!event && review?.events.includes(input.event)) throw reviewNotDue(app, input.event, review.title);
  if (!event) throw new DomainError('TRANSITION_NOT_ALLOWED', {
    en: `Event ${input.event} is not possible in state "${state.title.en}" (${app.state})`,
    zh: `当前环节“${state.title.zh}”不能执行 ${input.event}`,
  });
  const grant = authorizeEvent(actor, app, event);
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > MAX_COMMENT) throw badInput({ en: `A comment has at most ${MAX_COMMENT} characters`, zh: `意见最多 ${MAX_COMMENT} 个字符` }, [{ path: '/comment', message: '意见过长', messageEn: 'too long' }]);
  if (event.requiresComment && !comment) throw badInput({ en: `"${event.title.en}" needs a comment`, zh: `“${event.title.zh}”须填写意见` }, [{ path: '/comment', message: '请填写意见', messageEn: 'write a comment' }]);

  let data: Record<string, unknown> | undefined;
  let patch: Record<string, unknown> | null = null;
  if (input.data !== undefined && input.data !== null) {
    const editable = wf.stateInfo(app.state).editable;
    const merged = mergeData(app.data, checkDataShape(input.data));
    // Computed fields follow the fields they are computed from: they are never edited themselves.
    const computed = pinned.form.computed;
    const refused = changedPointers(app.data, merged)
      .filter((p) => !editable.some((e) => isPointerWithin(p, e)) && !computed.some((f) => isPointerWithin(p, f.pointer)));
    if (refused.length) {
      throw badInput(
        { en: `Fields ${refused.join(', ')} may not be edited in state "${state.title.en}"`, zh: `环节“${state.title.zh}”不可修改字段 ${refused.join('、')}` },
        refused.map((p) => ({ path: p, message: '此环节不可修改该字段', messageEn: 'may not be edited in this state' })),
      );
    }
    data = pinned.form.compute(merged);
    const problems = pinned.form.validate(data);
    if (problems.length) throw badInput({ en: `The data has ${problems.length} invalid field(s)`, zh: `数据有 ${problems.length} 处填写有误` }, problems.map((p) => ({ path: p.path, message: p.message, messageEn: p.messageEn })));
  } else if (pinned.form.computed.length > 0) {
    data = pinned.form.compute(app.data);
  }
  if (data) {
    const changed = changedPointers(app.data, data);
    patch = changed.length || input.data != null ? Object.fromEntries(changed.map((p) => [p, readPointer(data!, p)])) : null;
    if (!changed.length) data = undefined;
  }

  const distinctActors = await countDistinctActors(ctx.em, app, event, actor.id, pinned);
  const result = wf.transition(app.snapshot, { type: event.event }, { data: data ?? app.data, distinctActors, entry: await guardEntry(ctx.em, app, wf, entry) });
  if (!result.changed) throw guardFailed(result.refusedBy ?? [], event, state);
  return commitChange(ctx.em, ctx.services, {
    app, pinned, expectedVersion: input.expectedVersion, event: event.event, actor: actorOf(actor, grant), comment,
    data, patch, to: { state: result.to, snapshot: result.snapshot }, submitted: event.event === 'SUBMIT',
    canSee: entryVisibility(actor), entry,
  });
}

/**
 * Distinct users who sent this event in the current visit of the state, counting this actor.
 * For a quorum event an actor counts once: a second approval by the same person is refused.
 */
async function countDistinctActors(em: EntityManager, app: Application, event: EventInfo, actorId: string, pinned: PinnedVersion): Promise<number> {
  const spec = pinned.workflow.definition.states[app.state]?.on?.[event.event];
  const quorum = spec ? alternatives(spec).some((a) => a.guard?.type === 'quorum') : false;
  if (!quorum) return 1;
  const rows = await em.getConnection().execute<{ actor_id: string }[]>(
    'select distinct actor_id from application_event where application_id = ? and event = ? and seq > ? and actor_id is not null',
    [app.id, event.event, app.stateSeq], 'all', em.getTransactionContext(),
  );
  const ids = new Set(rows.map((r) => r.actor_id));
  if (ids.has(actorId)) throw new DomainError('TRANSITION_NOT_ALLOWED', `You have already sent "${event.title.en}" for ${app.reference}: a quorum needs different people`, {
    subCode: 'ALREADY_COUNTED', messageZh: `您已对 ${app.reference} 做过“${event.title.zh}”：须由不同人员分别确认`,
  });
  return ids.size + 1;
}

/**
 * What this actor may send now (same rules as `transition`): events their grants allow, minus a
 * quorum vote they have already cast in this visit of the state (a second one is refused).
 */
export async function availableActions(ctx: Context, actor: Actor, app: Application, pinned: PinnedVersion): Promise<EventInfo[]> {
  if (app.status === 'APPROVED' || app.status === 'REJECTED' || app.status === 'WITHDRAWN') return [];
  const allowed = offeredEvents(pinned.workflow, app.state, app.reviewOpen).filter((e) => grantFor(actor, app, e) || (e.event === 'SUBMIT' && app.createdBy === actor.id));
  const voted = await eventsAlreadyVoted(ctx, app, pinned, actor.id);
  return voted.size ? allowed.filter((e) => !voted.has(e.event)) : allowed;
}

export interface BlockedAction {
  event: EventInfo;
  reason: { zh: string; en: string };
  paths: string[];
}

/**
 * Actions of `availableActions` whose guards refuse them on the data as it is now, with the reason
 * the transition would give. They stay available: the same transition may carry edits that make
 * the guard hold. A dry run of the pure engine; nothing is written.
 */
export async function blockedActions(ctx: Context, actor: Actor, app: Application, pinned: PinnedVersion): Promise<BlockedAction[]> {
  const actions = await availableActions(ctx, actor, app, pinned);
  if (!actions.length) return [];
  const wf = pinned.workflow;
  const progress = await quorumProgress(ctx, app, pinned);
  const entry = await guardEntry(ctx.em, app, wf);
  const out: BlockedAction[] = [];
  for (const event of actions) {
    const votes = progress.find((p) => p.event === event.event)?.votes.length ?? 0;
    let refusal: DomainError | undefined;
    let paths: string[] = [];
    try {
      const result = wf.transition(app.snapshot, { type: event.event }, { data: app.data, distinctActors: votes + 1, entry });
      if (!result.changed && result.refusedBy?.length) {
        refusal = guardFailed(result.refusedBy, event, wf.stateInfo(app.state));
        paths = [...new Set(result.refusedBy.flatMap((g) => g.paths ?? []))];
      }
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refusal = e; // a rule over its budget
    }
    if (refusal) out.push({ event, reason: { en: refusal.message, zh: refusal.details.messageZh }, paths });
  }
  return out;
}

/**
 * Sends an event on behalf of the system (a timer, or a notice ending once its objections are
 * resolved): no actor grant, same version check and history. Returns undefined when the
 * application has moved on, or when an objection is open: a notice with an open objection waits
 * for staff, and resolving the last one re-checks the deadline (notices/objection.service.ts).
 */
export async function systemTransition(em: EntityManager, services: Context['services'], appId: string, eventType: string, who: { name: string; comment?: string | null; jobId?: string }, expect?: { state: string; stateSeq?: number }): Promise<Application | undefined> {
  const app = await em.findOne(Application, { id: appId });
  if (!app) return undefined;
  if (expect && (app.state !== expect.state || (expect.stateSeq !== undefined && app.stateSeq !== expect.stateSeq))) return undefined;
  const pinned = await pinnedVersion(em, app.versionId);
  const result = pinned.workflow.transition(app.snapshot, { type: eventType }, { data: app.data, distinctActors: 0, entry: await guardEntry(em, app, pinned.workflow) });
  if (!result.changed) return undefined;
  // No early return on app.openObjections: this read may predate a resolution still being
  // committed. The UPDATE in commitChange waits for that row lock and decides.
  try {
    return await commitChange(em, services, {
      app, pinned, expectedVersion: app.version, event: eventType, actor: { id: null, name: who.name, role: null, regionCode: null },
      comment: who.comment ?? null, to: { state: result.to, snapshot: result.snapshot }, firingJob: who.jobId, unlessObjected: true,
    });
  } catch (e) {
    if (e instanceof DomainError && e.details.subCode === 'OBJECTION_PENDING') return undefined;
    throw e;
  }
}
