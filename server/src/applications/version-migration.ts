/**
 * Moving running cases of a programme to a newer version (docs/designer.md, "Moving running
 * cases"). A case keeps the version it was filed under until a county admin or designer moves it:
 * each old state maps to a state of the new workflow (by default the same name), a dry run says
 * per case whether it can move and why not, and the move itself is one transaction per case —
 * the new version and state, the data recomputed under the new form, timers rescheduled from the
 * time the case entered its state, unique values re-claimed and a VERSION_MIGRATED history row
 * naming both version numbers. A case that cannot move stays where it is, untouched.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { grantsCovering, type Actor } from '../core/actor.js';
import { badInput, DomainError, type FieldProblem } from '../core/errors.js';
import { sqlExecutor } from '../core/sql.js';
import { getProgramme } from '../programmes/programme.service.js';
import { authorizeDesign } from '../programmes/programme.policy.js';
import type { Programme } from '../programmes/programme.entity.js';
import { dueAt } from '../workflow/due.js';
import { Application } from './application.entity.js';
import { applicantName, claimUniqueValues } from './commit.js';
import { pinnedVersion, type PinnedVersion } from './pinned-version.js';
import { actingRoles, scheduleOccurrence } from './reviews.js';

export const VERSION_MIGRATED = 'VERSION_MIGRATED';
/** Cases moved by one request: each is its own transaction with its timers. */
export const MAX_MIGRATION_BATCH = 100;
/** Cases listed by one dry-run page. */
export const MAX_PREVIEW_PAGE = 200;
const MAX_MAPPING = 200;
const RUNNING = ['DRAFT', 'IN_REVIEW', 'UNDER_NOTICE'] as const;

export interface StateMapping {
  from: string;
  to: string;
}

export interface MigrationInput {
  programme: string;
  fromVersion: number;
  toVersion: number;
  /** Old state → new state; states not listed keep their name. */
  mapping?: StateMapping[] | null;
}

export type ReasonCode = 'STATE_MISSING' | 'TARGET_FINAL' | 'DATA_INVALID' | 'OBJECTION_OPEN' | 'DUPLICATE' | 'VERSION_CONFLICT' | 'NOT_RUNNING';

export interface MoveReason {
  code: ReasonCode;
  messageEn: string;
  message: string;
  /** The invalid field (DATA_INVALID, DUPLICATE), a pointer into the case's data. */
  path?: string;
}

export interface CaseCheck {
  applicationId: string;
  reference: string;
  state: string;
  targetState: string;
  status: string;
  canMove: boolean;
  reasons: MoveReason[];
}

interface Plan {
  programme: Programme;
  actor: Actor;
  from: PinnedVersion;
  to: PinnedVersion;
  target(state: string): string;
}

/** Checks the actor, both versions and the mapping; throws before anything is read or written. */
async function plan(ctx: Context, input: MigrationInput): Promise<Plan> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, input.programme);
  authorizeDesign(actor, programme.regionPath, programme.key);
  const versionOf = (n: number, which: 'fromVersion' | 'toVersion') => {
    const v = programme.versions.getItems().find((x) => x.number === n);
    if (!v) throw badInput({ en: `Programme "${programme.key}" has no version ${n}`, zh: `项目 ${programme.key} 没有第 ${n} 版` }, [{ path: `/${which}`, message: '没有该版本', messageEn: 'no such version' }]);
    return v;
  };
  const fromV = versionOf(input.fromVersion, 'fromVersion');
  const toV = versionOf(input.toVersion, 'toVersion');
  if (fromV.status === 'draft') throw badInput({ en: 'A draft version has no cases to move', zh: '草稿版本没有可迁移的案件' }, [{ path: '/fromVersion', message: '须为已发布的版本', messageEn: 'must be a published version' }]);
  if (toV.status !== 'published' || toV.number <= fromV.number) {
    throw badInput({ en: `Cases move only to the current published version, newer than version ${fromV.number}`, zh: `案件只能迁移到比第 ${fromV.number} 版新的当前发布版本` },
      [{ path: '/toVersion', message: '须为更新的当前发布版本', messageEn: 'must be the newer, current published version' }]);
  }
  const from = await pinnedVersion(ctx.em, fromV.id);
  const to = await pinnedVersion(ctx.em, toV.id);
  const oldStates = from.workflow.definition.states;
  const newStates = to.workflow.definition.states;
  const mapping = input.mapping ?? [];
  const problems: FieldProblem[] = [];
  if (mapping.length > MAX_MAPPING) problems.push({ path: '/mapping', message: `最多 ${MAX_MAPPING} 项`, messageEn: `at most ${MAX_MAPPING} entries` });
  const map = new Map<string, string>();
  mapping.slice(0, MAX_MAPPING).forEach((m, i) => {
    if (!Object.hasOwn(oldStates, m.from)) problems.push({ path: `/mapping/${i}/from`, message: `第 ${fromV.number} 版没有环节 ${m.from}`, messageEn: `version ${fromV.number} has no state "${m.from}"` });
    else if (map.has(m.from)) problems.push({ path: `/mapping/${i}/from`, message: `环节 ${m.from} 重复映射`, messageEn: `state "${m.from}" is mapped twice` });
    if (!Object.hasOwn(newStates, m.to)) problems.push({ path: `/mapping/${i}/to`, message: `第 ${toV.number} 版没有环节 ${m.to}`, messageEn: `version ${toV.number} has no state "${m.to}"` });
    else if (newStates[m.to]!.meta.kind === 'final') problems.push({ path: `/mapping/${i}/to`, message: `不能迁移到结束环节 ${m.to}`, messageEn: `a running case cannot move to the final state "${m.to}"` });
    map.set(m.from, m.to);
  });
  if (problems.length) throw badInput({ en: `The state mapping is invalid: ${problems[0]!.messageEn}`, zh: `环节映射有误：${problems[0]!.message}` }, problems);
  return { programme, actor, from, to, target: (s) => map.get(s) ?? s };
}

/** Whether one case can move, and its data as the new version computes it. */
function checkCase(p: Plan, app: Application): { check: CaseCheck; data?: Record<string, unknown> } {
  const targetState = p.target(app.state);
  const reasons: MoveReason[] = [];
  const target = p.to.workflow.definition.states[targetState];
  let data: Record<string, unknown> | undefined;
  if (!(RUNNING as readonly string[]).includes(app.status) || app.versionId !== p.from.id) {
    reasons.push({ code: 'NOT_RUNNING', messageEn: `the case is ${app.status.toLowerCase()} or no longer on version ${p.from.number}`, message: `案件已办结或已不在第 ${p.from.number} 版` });
  } else if (!target) {
    reasons.push({ code: 'STATE_MISSING', messageEn: `version ${p.to.number} has no state "${targetState}": map it to one that exists`, message: `第 ${p.to.number} 版没有环节 ${targetState}，请为它指定新环节` });
  } else if (target.meta.kind === 'final') {
    reasons.push({ code: 'TARGET_FINAL', messageEn: `"${targetState}" is a final state in version ${p.to.number}`, message: `环节 ${targetState} 在第 ${p.to.number} 版中是结束环节` });
  }
  if (app.openObjections > 0) reasons.push({ code: 'OBJECTION_OPEN', messageEn: 'an objection is open: resolve it first', message: '有待处理的异议，请先处理' });
  if (reasons.length === 0) {
    try {
      data = p.to.form.compute(app.data);
      // Drafts may be incomplete: they are validated at submit, under whichever version they have then.
      if (app.status !== 'DRAFT') {
        for (const f of p.to.form.validate(data)) reasons.push({ code: 'DATA_INVALID', path: f.path, messageEn: `${f.path}: ${f.messageEn}`, message: `${f.path}：${f.message}` });
      }
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      for (const f of e.details.problems ?? []) reasons.push({ code: 'DATA_INVALID', path: f.path, messageEn: `${f.path}: ${f.messageEn}`, message: `${f.path}：${f.message}` });
    }
  }
  return {
    check: { applicationId: app.id, reference: app.reference, state: app.state, targetState, status: app.status, canMove: reasons.length === 0, reasons },
    data,
  };
}

/** Running cases of the version, in the programme's county, by reference after `after`. */
async function runningCases(ctx: Context, p: Plan, limit: number, after?: string | null, ids?: string[]): Promise<Application[]> {
  return ctx.em.find(Application, {
    versionId: p.from.id,
    status: { $in: [...RUNNING] },
    regionPath: { $like: `${p.programme.regionPath}%` },
    ...(after ? { reference: { $gt: after } } : {}),
    ...(ids ? { id: { $in: ids } } : {}),
  }, { orderBy: { reference: 'asc' }, limit });
}

export interface MigrationPreview {
  /** Running cases on the old version in all. */
  total: number;
  items: CaseCheck[];
  /** Pass as `after` for the next page; null on the last. */
  endCursor: string | null;
}

/** The dry run: per case whether it can move and why not. Reads only. */
export async function previewCaseMigration(ctx: Context, input: MigrationInput, first = 50, after?: string | null): Promise<MigrationPreview> {
  const p = await plan(ctx, input);
  if (!Number.isInteger(first) || first < 1 || first > MAX_PREVIEW_PAGE) {
    throw badInput({ en: `first must be 1–${MAX_PREVIEW_PAGE}`, zh: `first 须为 1–${MAX_PREVIEW_PAGE}` }, [{ path: '/first', message: `须为 1–${MAX_PREVIEW_PAGE}`, messageEn: `must be 1–${MAX_PREVIEW_PAGE}` }]);
  }
  const rows = await runningCases(ctx, p, first + 1, after);
  const total = await ctx.em.count(Application, { versionId: p.from.id, status: { $in: [...RUNNING] }, regionPath: { $like: `${p.programme.regionPath}%` } });
  const page = rows.slice(0, first);
  return { total, items: page.map((a) => checkCase(p, a).check), endCursor: rows.length > first ? page[page.length - 1]!.reference : null };
}

export interface MigrationResult {
  moved: CaseCheck[];
  /** Cases that stayed on the old version, with the reasons. */
  stayed: CaseCheck[];
}

/** Moves the chosen cases (at most MAX_MIGRATION_BATCH); the ones that cannot move stay. */
export async function migrateCases(ctx: Context, input: MigrationInput, applicationIds: string[]): Promise<MigrationResult> {
  const p = await plan(ctx, input);
  const ids = [...new Set(applicationIds)];
  if (ids.length === 0 || ids.length > MAX_MIGRATION_BATCH) {
    throw badInput({ en: `Choose 1–${MAX_MIGRATION_BATCH} cases per request`, zh: `每次请选择 1–${MAX_MIGRATION_BATCH} 个案件` }, [{ path: '/applicationIds', message: `须为 1–${MAX_MIGRATION_BATCH} 个`, messageEn: `1–${MAX_MIGRATION_BATCH} ids` }]);
  }
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const bad = ids.findIndex((id) => !UUID.test(id));
  if (bad >= 0) throw badInput({ en: 'An application id is not valid', zh: '案件编号格式有误' }, [{ path: `/applicationIds/${bad}`, message: '格式有误', messageEn: 'not an id' }]);
  const found = new Map((await runningCases(ctx, p, ids.length, null, ids)).map((a) => [a.id, a]));
  const out: MigrationResult = { moved: [], stayed: [] };
  const grant = grantsCovering(p.actor, p.programme.regionPath, ['county_admin', 'designer'])[0];
  const who = { id: p.actor.id, name: p.actor.displayName, role: grant?.role ?? 'admin', regionCode: grant?.regionCode ?? null };
  for (const id of ids) {
    const app = found.get(id);
    if (!app) {
      out.stayed.push({ applicationId: id, reference: '', state: '', targetState: '', status: '', canMove: false, reasons: [{ code: 'NOT_RUNNING', messageEn: `no running case of version ${p.from.number} in this county`, message: `本县第 ${p.from.number} 版中没有该在办案件` }] });
      continue;
    }
    const { check, data } = checkCase(p, app);
    if (!check.canMove) {
      out.stayed.push(check);
      continue;
    }
    try {
      await moveCase(ctx, p, app, check.targetState, data!, who);
      out.moved.push(check);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const code: ReasonCode = e.code === 'VERSION_CONFLICT' ? 'VERSION_CONFLICT' : 'DUPLICATE';
      const problem = e.details.problems?.[0];
      out.stayed.push({ ...check, canMove: false, reasons: [{ code, messageEn: e.message, message: e.details.messageZh, ...(problem ? { path: problem.path } : {}) }] });
    }
  }
  return out;
}

/** One case, one transaction: the row, its history row, unique claims and timers. */
async function moveCase(ctx: Context, p: Plan, app: Application, targetState: string, data: Record<string, unknown>, who: { id: string; name: string; role: string; regionCode: string | null }): Promise<void> {
  const wf = p.to.workflow;
  const info = wf.stateInfo(targetState);
  const now = ctx.services.clock();
  // Same state name: the case stays in the same visit (its notice period and quorum votes count on).
  const sameVisit = targetState === app.state;
  const enteredAt = sameVisit ? app.stateEnteredAt : now;
  const stateSeq = sameVisit ? app.stateSeq : app.version + 1;
  const reviewOpen = sameVisit && app.reviewOpen && !!info.review;
  const occurrence = sameVisit && info.review ? app.reviewOccurrence : 0;
  const timer = info.timers[0];
  const newVersion = app.version + 1;
  await ctx.em.transactional(async (tem) => {
    const exec = sqlExecutor(tem);
    let jobs: string[] = app.timerJobs;
    if (ctx.services.timers) {
      await ctx.services.timers.cancel(exec, app.timerJobs);
      jobs = [];
      // Deadlines count from when the case entered its state, as if it had been on this version all along.
      for (const t of info.timers) {
        const runAt = new Date(Math.max(now.getTime(), enteredAt.getTime() + t.ms));
        const id = await ctx.services.timers.schedule(exec, { applicationId: app.id, state: targetState, stateSeq, eventType: t.eventType }, runAt);
        if (id) jobs.push(id);
      }
      if (info.review && !reviewOpen) {
        const id = await scheduleOccurrence(ctx.services.timers, exec, { id: app.id, stateEnteredAt: enteredAt }, targetState, stateSeq, info.review.ms, occurrence + 1);
        if (id) jobs.push(id);
      }
    }
    const written = await exec(
      `with updated as (
         update application set version_id = $3, state = $4, snapshot = $5, status = $6, actor_roles = $7, data = $8, applicant_name = $9,
           due_at = $10, notice_ends_at = $11, state_seq = $12, state_entered_at = $13, review_occurrence = $14, review_open = $15,
           timer_jobs = $16, version = $17, updated_at = $18
         where id = $1 and version = $2 and version_id = $19 returning id)
       insert into application_event (application_id, seq, at, actor_id, actor_name, role, region_code, event, from_state, to_state, comment, from_version, to_version)
       select id, $17, $18, $20, $21, $22, $23, $24, $25, $4, $26, $27, $28 from updated returning application_id`,
      [app.id, app.version, p.to.id, targetState, JSON.stringify(wf.snapshotAt(targetState)), wf.status(targetState), actingRoles(wf, targetState, reviewOpen),
        JSON.stringify(data), applicantName(data), dueAt(info.due, data, enteredAt), info.kind === 'notice' && timer ? new Date(enteredAt.getTime() + timer.ms) : null,
        stateSeq, enteredAt, occurrence, reviewOpen, jobs, newVersion, now, p.from.id, who.id, who.name, who.role, who.regionCode, VERSION_MIGRATED, app.state,
        `迁移至新版本：第 ${p.from.number} 版 → 第 ${p.to.number} 版（version ${p.from.number} → ${p.to.number}）`, p.from.number, p.to.number],
    );
    if (written.rows.length === 0) {
      throw new DomainError('VERSION_CONFLICT', { en: `Application ${app.reference} changed meanwhile: run the dry run again`, zh: `案件 ${app.reference} 已被他人修改，请重新预检` });
    }
    // Unique values are claimed under the new form's fields (a draft claims nothing until submitted).
    if (app.status !== 'DRAFT') {
      await exec('delete from application_unique where application_id = $1', [app.id]);
      await claimUniqueValues(exec, app, p.to, data);
    }
  });
}
