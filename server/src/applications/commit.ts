/**
 * The one write path of an application change: optimistic version check, the new row, its
 * history event, unique-field claims and timers, in a single transaction. Either all of it
 * commits or none of it does.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../core/errors.js';
import { inTransaction, query, withConnection, type DirectExec } from '../core/pg-direct.js';
import { readPointer } from '../programmes/form-schema.js';
import type { Services } from '../core/services.js';
import type { Application, ApplicationStatus } from './application.entity.js';
import type { PinnedVersion } from './pinned-version.js';
import { dueAt } from '../workflow/due.js';
import { actingRoles, occurrenceJob } from './reviews.js';
import type { TimerJob } from './timers.js';
import type { UniqueField } from '../programmes/form-schema.js';
import { applyStateEffects } from '../registers/programme-link.js';
import { registerLinkOf, stateEffectsOf } from '../workflow/effects.js';
import { isEntryWriteRefused, prepareEffectStatement } from '../registers/effect-statement.js';
import type { EntryForWrite } from '../registers/entry.row.js';
import type { EntryVisibility } from '../registers/register.policy.js';

export interface Change {
  app: Application;
  pinned: PinnedVersion;
  expectedVersion: number;
  event: string;
  actor: { id: string | null; name: string; role: string | null; regionCode: string | null };
  comment?: string | null;
  /** New data (already validated), or undefined when the data does not change. */
  data?: Record<string, unknown>;
  patch?: Record<string, unknown> | null;
  /** New state and snapshot, or undefined for data-only changes (draft saves, reviewer edits). */
  to?: { state: string; snapshot: Record<string, unknown> };
  submitted?: boolean;
  /** The timer job being handled now: it completes normally instead of being cancelled. */
  firingJob?: string;
  /**
   * A move by the system (a timer, or the end of a notice once its objections are resolved): it
   * happens only while no objection is open. Checked in the UPDATE itself, so an objection
   * committed a moment earlier always wins (the row lock orders the two).
   */
  unlessObjected?: boolean;
  /**
   * Whether the actor may read a household at this region path: a register effect refused because
   * another household holds a person names that household only then (its village otherwise).
   */
  canSee?: EntryVisibility;
  /**
   * The household as read with the case (applications/application.row.ts), for effects on it:
   * the one statement then needs no read of its own. Without it the household is read first.
   */
  entry?: () => EntryForWrite | undefined;
}

const ACTIVE = (s: ApplicationStatus) => s !== 'REJECTED' && s !== 'WITHDRAWN';

export function conflict(reference: string): DomainError {
  return new DomainError('VERSION_CONFLICT', {
    en: `Application ${reference} was changed by someone else: reload it and try again`,
    zh: `申请 ${reference} 已被他人修改，请刷新后重试`,
  });
}

/** Thrown by commitChange when `unlessObjected` and an objection is open: the notice is paused. */
export function objectionPending(reference: string): DomainError {
  return new DomainError('TRANSITION_NOT_ALLOWED', `Application ${reference} has an open objection: its notice waits for staff to resolve it`, {
    subCode: 'OBJECTION_PENDING', messageZh: `${reference} 有待处理的异议，公示暂停，待工作人员处理`,
  });
}

interface EventRow {
  seq: number; at: Date; actorId: string | null; actorName: string; role: string | null; regionCode: string | null; event: string;
  fromState: string; toState: string; comment: string | null; patch: string | null; occurrence: number | null;
}

/** The version-checked UPDATE of the row. */
function updateSql(param: (v: unknown) => string, id: string, expected: number, set: Record<string, unknown>, unlessObjected?: boolean): string {
  const cols = Object.keys(set).map((k) => `${k} = ${param(set[k])}`);
  return `update application set ${cols.join(', ')} where id = ${param(id)} and version = ${param(expected)}${unlessObjected ? ' and open_objections = 0' : ''} returning id`;
}

/** The history row, inserted only when the update wrote (it reads `updated`). */
function historySql(param: (v: unknown) => string, e: EventRow): string {
  return `insert into application_event (application_id, seq, at, actor_id, actor_name, role, region_code, event, from_state, to_state, comment, patch, occurrence)
    select id, ${param(e.seq)}::int, ${param(e.at)}::timestamptz, ${param(e.actorId)}::uuid, ${param(e.actorName)}::text, ${param(e.role)}::text,
           ${param(e.regionCode)}::varchar, ${param(e.event)}::text, ${param(e.fromState)}::text, ${param(e.toState)}::text, ${param(e.comment)}::text,
           ${param(e.patch)}::jsonb, ${param(e.occurrence)}::int from updated`;
}

/** Nothing was written: an open objection (for a system move) or someone else's change. */
async function explainNotWritten(em: EntityManager, app: Application, c: Change, exec?: DirectExec): Promise<never> {
  if (c.unlessObjected) {
    const sql = 'select version, open_objections from application where id = $1';
    const now = exec ? await exec(sql, [app.id]) : await query(em, sql, [app.id]);
    if (now.rows[0]?.version === c.expectedVersion && now.rows[0].open_objections > 0) throw objectionPending(app.reference);
  }
  throw conflict(app.reference);
}

export async function commitChange(em: EntityManager, services: Services, c: Change): Promise<Application> {
  const { app, pinned } = c;
  const wf = pinned.workflow;
  const now = services.clock();
  const stateChanged = !!c.to && c.to.state !== app.state;
  const toState = c.to?.state ?? app.state;
  const info = wf.stateInfo(toState);
  const status = wf.status(toState) as ApplicationStatus;
  const newVersion = c.expectedVersion + 1;
  const data = c.data ?? app.data;
  const timer = info.timers[0];
  const noticeEndsAt = stateChanged ? (info.kind === 'notice' && timer ? new Date(now.getTime() + timer.ms) : null) : app.noticeEndsAt;
  // One of an open review's events answers it (and names its occurrence in the history); entering
  // a state starts its reviews afresh.
  const answers = app.reviewOpen && !!wf.stateInfo(app.state).review?.events.includes(c.event);
  const reviewOpen = !stateChanged && app.reviewOpen && !answers;
  const enteredAt = stateChanged ? now : app.stateEnteredAt;
  // An open review with its own dueIn keeps that due date; otherwise the state's rule decides
  // (again on every change: a date read from the form follows an edit of that field).
  const due = reviewOpen && info.review?.dueInMs !== undefined ? (app.dueAt ?? null) : dueAt(info.due, data, enteredAt);

  const set: Record<string, unknown> = {
    version: newVersion,
    updated_at: now,
    data: JSON.stringify(data),
    applicant_name: applicantName(data),
  };
  if (c.to) {
    set.state = c.to.state;
    set.snapshot = JSON.stringify(c.to.snapshot);
    set.status = status;
    set.actor_roles = `{${actingRoles(wf, toState, reviewOpen).join(',')}}`;
    set.review_open = reviewOpen;
  }
  set.due_at = due;
  if (stateChanged) {
    set.state_seq = newVersion;
    // Objections belong to one notice visit: leaving it leaves them nothing to pause.
    set.open_objections = 0;
    set.state_entered_at = now;
    set.notice_ends_at = noticeEndsAt;
    set.review_occurrence = 0;
  }
  if (c.submitted) set.submitted_at = now;

  // Timers of the state entered (its `after` delays and its first review), and those to cancel.
  const timers = stateChanged ? services.timers : undefined;
  const newJobs: { job: TimerJob; runAt: Date }[] = [];
  if (timers) {
    for (const t of info.timers) newJobs.push({ job: { applicationId: app.id, state: toState, stateSeq: newVersion, eventType: t.eventType }, runAt: new Date(now.getTime() + t.ms) });
    if (info.review) newJobs.push(occurrenceJob({ id: app.id, stateEnteredAt: now }, toState, newVersion, info.review.ms, 1));
  }
  const cancelJobs = timers ? app.timerJobs.filter((id) => id !== c.firingJob) : [];

  // x-unique claims: held while the application is submitted and active.
  // A reviewer's edit re-claims only when it changes a unique field's value.
  const claimsChange = !!(c.submitted || (c.to && !ACTIVE(status))
    || (c.data && status !== 'DRAFT' && pinned.form.uniqueFields.length > 0 && JSON.stringify(claimsOf(pinned, app.data, app.entryId)) !== JSON.stringify(claimsOf(pinned, data, app.entryId))));
  const claims = claimsChange && ACTIVE(status) ? claimsOf(pinned, data, app.entryId) : [];
  const effects = stateChanged && !!registerLinkOf(wf.definition.meta) && !!stateEffectsOf(wf.definition.states[toState]?.meta);
  const event: EventRow = {
    seq: newVersion, at: now, actorId: c.actor.id, actorName: c.actor.name, role: c.actor.role, regionCode: c.actor.regionCode, event: c.event,
    fromState: app.state, toState, comment: c.comment ?? null, patch: c.patch ? JSON.stringify(c.patch) : null, occurrence: answers ? app.reviewOccurrence : null,
  };

  // Most changes are one statement (one round trip, no BEGIN/COMMIT): the row, its history row,
  // the timers, the claims and the effects on an existing household. A change that creates a
  // household, or inside a caller's transaction, or with two fields claiming one value, or whose
  // household changed since it was read, takes the transaction below (same writes, more steps).
  // A change of an existing household joins that statement too: the household read with the case
  // (or here, when the caller did not) gives its new data, and its writes are checked in the
  // statement (registers/effect-statement.ts).
  const oneStatement = (!effects || !!app.entryId) && !em.isInTransaction() && new Set(claims.map(claimId)).size === claims.length;
  let viaTransaction = !oneStatement;
  if (oneStatement) {
    const written = await withConnection(em, async (exec): Promise<number | 'entry changed' | 'needs a transaction'> => {
      const effectStatement = effects
        ? await prepareEffectStatement(exec, wf.definition, wf.definition.states[toState]?.meta, { ...app, data }, c.actor, c.comment, now, c.entry)
        : undefined;
      if (effects && !effectStatement) return 'needs a transaction';
      const values: unknown[] = [];
      const param = (v: unknown) => `$${values.push(v)}`;
      // The new timers' ids are made here, so the row names them in the same statement.
      const jobs = newJobs.map((j) => ({ ...j, id: randomUUID() }));
      if (timers) set.timer_jobs = `{${jobs.map((j) => j.id).join(',')}}`;
      const ctes = [`updated as (${updateSql(param, app.id, c.expectedVersion, set, c.unlessObjected)})`];
      ctes.push(`history as (${historySql(param, event)})`);
      if (timers && cancelJobs.length) ctes.push(`cancelled as (${timers.cancelJobsSql(param, cancelJobs, 'updated')})`);
      if (timers && jobs.length) ctes.push(`jobs as (${timers.insertJobsSql(param, jobs, 'updated')})`);
      if (effectStatement) ctes.push(...effectStatement.ctes(param, 'updated'));
      let refused = 'null';
      if (claimsChange) {
        ctes.push(...claimCtes(param, claims, pinned.programmeId, app.id, 'updated'));
        // A value another application holds fails the whole statement: nothing is written.
        refused = `(select bool_and(refuse_claim(w.claim, w.scope, w.value)) from wanted w
                     where not exists (select 1 from held h where h.claim = w.claim and h.scope = w.scope and h.value = w.value)
                       and exists (select 1 from updated))`;
      }
      try {
        const r = await exec(`with ${ctes.join(',\n')} select (select count(*) from updated)::int as written, ${refused} as refused${effectStatement ? `, ${effectStatement.check('updated', param)} as entry_refused` : ''}`, values);
        return r.rows[0].written as number;
      } catch (e) {
        // The household changed since it was read (or a person is taken): nothing was written.
        if (isEntryWriteRefused(e)) return 'entry changed';
        const refusal = refusedClaim(e);
        if (refusal) throw await duplicate(exec, claims.find((x) => claimId(x) === claimId(refusal)) ?? claims[0]!);
        throw e;
      }
    });
    if (written === 0) await explainNotWritten(em, app, c);
    if (written === 'entry changed' || written === 'needs a transaction') viaTransaction = true;
  }
  if (viaTransaction) {
    // Plain prepared statements on one pooled connection (core/pg-direct.ts), not the ORM's unit
    // of work: the row, history, timers, claims and register effects are all SQL already.
    await inTransaction(em, async (exec) => {
      if (timers) {
        await timers.cancel(exec, cancelJobs);
        const ids: string[] = [];
        for (const j of newJobs) {
          const id = await timers.schedule(exec, j.job, j.runAt);
          if (id) ids.push(id);
        }
        set.timer_jobs = `{${ids.join(',')}}`;
      }
      // The row and its history row in one statement: the insert reads the update's result, so
      // nothing is written when the version check fails.
      const values: unknown[] = [];
      const param = (v: unknown) => `$${values.push(v)}`;
      const written = await exec(`with updated as (${updateSql(param, app.id, c.expectedVersion, set, c.unlessObjected)}) ${historySql(param, event)} returning application_id`, values);
      if (written.rows.length === 0) await explainNotWritten(em, app, c, exec);

      // Entering a state applies its effects to the household's file in this same transaction.
      if (effects) {
        const created = await applyStateEffects(exec, wf.definition, wf.definition.states[toState]?.meta, { ...app, data }, c.actor, c.comment, now, c.canSee);
        if (created) {
          await exec('update application set entry_id = $1 where id = $2', [created, app.id]);
          app.entryId = created;
        }
      }
      if (claimsChange) {
        if (ACTIVE(status)) await claimUniqueValues(exec, app, pinned, data);
        else await exec('delete from application_unique where application_id = $1', [app.id]);
      }
    });
  }

  Object.assign(app, {
    version: newVersion, updatedAt: now, data, applicantName: applicantName(data),
    ...(c.to ? { state: c.to.state, snapshot: c.to.snapshot, status, reviewOpen } : {}), dueAt: due,
    ...(stateChanged ? { stateSeq: newVersion, stateEnteredAt: now, noticeEndsAt, openObjections: 0, reviewOccurrence: 0 } : {}),
    ...(c.submitted ? { submittedAt: now } : {}),
  });
  return app;
}

/** How a unique field's value is claimed: trimmed, upper case; null when empty. */
const claimKey = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v).trim().toUpperCase());

/**
 * A key part as stored: PostgreSQL refuses index entries over about 2.7 KB, so a long value (a
 * schema without maxLength) is claimed by its SHA-256 instead; equal values still collide.
 */
const MAX_KEY_TEXT = 500;
const storedKey = (text: string): string => (text.length <= MAX_KEY_TEXT ? text : `sha256:${createHash('sha256').update(text).digest('hex')}`);

interface Claim {
  /** Whose values these are: one programme's field, or a county's group of programmes. */
  claim: string;
  /** The values of the scope fields (JSON), '' without a scope. */
  scope: string;
  value: string;
  field: UniqueField;
  raw: unknown;
  scopeValues: (string | null)[];
  /** Claimed for the household (`per: entry`), not the value. */
  byEntry: boolean;
}

/**
 * The claims an application's data makes. `x-unique: true` claims per programme and field;
 * `{ group }` per county and group, whichever programme and field (so the programmes of a group
 * share the values); `{ scope }` adds the scope fields' values, so the same value may be claimed
 * once per term.
 */
export function claimsOf(pinned: PinnedVersion, data: Record<string, unknown>, entryId?: string | null): Claim[] {
  const out: Claim[] = [];
  for (const field of pinned.form.uniqueFields) {
    const raw = readPointer(data, field.pointer);
    // `per: entry`: the household is the value (an entry id never looks like a field value).
    const byEntry = field.per === 'entry' && !!entryId;
    const value = byEntry ? `ENTRY:${entryId}` : claimKey(raw);
    if (value === null) continue;
    const scopeValues = field.scope.map((p) => claimKey(readPointer(data, p)));
    out.push({
      claim: field.group ? `g:${pinned.countyCode}:${field.group}` : `p:${pinned.programmeId}:${field.pointer}`,
      scope: field.scope.length ? storedKey(JSON.stringify(scopeValues)) : '',
      value: storedKey(value), field, raw, scopeValues, byEntry,
    });
  }
  return out;
}

const claimId = (c: { claim: string; scope: string; value: string }) => `${c.claim}\u0000${c.scope}\u0000${c.value}`;

/**
 * The claims of the one-statement commit as CTEs, done only when `guard` returned a row: claims
 * no longer made are released, claims already held kept, new ones inserted (`wanted`, `held`;
 * a wanted claim not in `held` is another application's). See claimUniqueValues.
 */
function claimCtes(param: (v: unknown) => string, claims: Claim[], programmeId: string, appId: string, guard: string): string[] {
  const app = param(appId);
  return [
    `wanted (claim, scope, value, pointer) as (select * from unnest(${param(claims.map((c) => c.claim))}::text[], ${param(claims.map((c) => c.scope))}::text[],
       ${param(claims.map((c) => c.value))}::text[], ${param(claims.map((c) => c.field.pointer))}::text[]))`,
    `released as (delete from application_unique u where u.application_id = ${app} and exists (select 1 from ${guard})
       and not exists (select 1 from wanted w where w.claim = u.claim and w.scope = u.scope and w.value = u.value))`,
    `held as (insert into application_unique (claim, scope, value, programme_id, pointer, application_id)
       select claim, scope, value, ${param(programmeId)}, pointer, ${app} from wanted where exists (select 1 from ${guard})
       on conflict (claim, scope, value) do update set programme_id = excluded.programme_id, pointer = excluded.pointer
       where application_unique.application_id = excluded.application_id
       returning claim, scope, value)`,
  ];
}

/** The claim that refuse_claim() (migration 021) failed the statement for, if that was the error. */
function refusedClaim(e: unknown): { claim: string; scope: string; value: string } | undefined {
  const err = e as { code?: string; message?: string; detail?: string };
  if (err?.code !== 'P0001' || err.message !== 'unique claim refused' || !err.detail) return undefined;
  try {
    return JSON.parse(err.detail);
  } catch {
    return undefined;
  }
}

/**
 * Replaces the application's claims with those of `data` in one statement: claims it no longer
 * makes are released, claims it already holds are kept, new ones are inserted; a value held by
 * another application is returned as refused. The primary key decides: of two concurrent claims,
 * the second waits for the first transaction and then finds the row (exactly one wins).
 */
const CLAIM = `with wanted (claim, scope, value, pointer) as (select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])),
  released as (delete from application_unique u where u.application_id = $6
                 and not exists (select 1 from wanted w where w.claim = u.claim and w.scope = u.scope and w.value = u.value)),
  held as (insert into application_unique (claim, scope, value, programme_id, pointer, application_id)
           select claim, scope, value, $5, pointer, $6 from wanted
           on conflict (claim, scope, value) do update set programme_id = excluded.programme_id, pointer = excluded.pointer
           where application_unique.application_id = excluded.application_id
           returning claim, scope, value)
  select w.claim, w.scope, w.value from wanted w where not exists (select 1 from held h where h.claim = w.claim and h.scope = w.scope and h.value = w.value)`;

export async function claimUniqueValues(exec: DirectExec, app: Application, pinned: PinnedVersion, data: Record<string, unknown>) {
  const claims = claimsOf(pinned, data, app.entryId);
  const keys = new Set(claims.map(claimId));
  // Two fields of one group claiming the same value collide with each other: the statement
  // above could not insert one row twice, so that rare form takes the claims one by one.
  if (keys.size === claims.length) {
    const refused = await exec(CLAIM, [claims.map((c) => c.claim), claims.map((c) => c.scope), claims.map((c) => c.value), claims.map((c) => c.field.pointer), pinned.programmeId, app.id]);
    const first = refused.rows[0] as { claim: string; scope: string; value: string } | undefined;
    if (first) throw await duplicate(exec, claims.find((c) => c.claim === first.claim && c.scope === first.scope && c.value === first.value)!);
    return;
  }
  await exec('delete from application_unique where application_id = $1', [app.id]);
  for (const c of claims) {
    // The primary key decides: of two concurrent claims, the second waits for the first
    // transaction and then finds the row (exactly one wins).
    const taken = await exec(
      `insert into application_unique (claim, scope, value, programme_id, pointer, application_id) values ($1, $2, $3, $4, $5, $6)
       on conflict (claim, scope, value) do nothing returning application_id`,
      [c.claim, c.scope, c.value, pinned.programmeId, c.field.pointer, app.id],
    );
    if (taken.rows.length === 0) throw await duplicate(exec, c);
  }
}

async function duplicate(exec: DirectExec, c: Claim): Promise<DomainError> {
  const holder = await exec(
    `select a.reference, p.key, p.name, p.name_en from application_unique u join application a on a.id = u.application_id
     join programme p on p.id = a.programme_id where u.claim = $1 and u.scope = $2 and u.value = $3`,
    [c.claim, c.scope, c.value],
  );
  const row = holder.rows[0] as { reference: string; key: string; name: string; name_en: string | null } | undefined;
  const ref = row?.reference ?? 'another application';
  const name = row?.name ?? '';
  const nameEn = row?.name_en || row?.key || '';
  const label = c.field.title || c.field.pointer;
  const shown = String(c.raw).slice(0, 64);
  const scope = c.scopeValues.length ? c.scopeValues.map((v) => (v ?? '-').slice(0, 40)).join(' / ') : '';
  const messageEn = c.byEntry
    ? `This household already has an active application: ${ref} (${nameEn}${scope ? `, ${scope}` : ''})`
    : `${label} ${shown} already has an active application: ${ref} (${nameEn}${scope ? `, ${scope}` : ''})`;
  const messageZh = c.byEntry
    ? `本户已有在办申请 ${ref}（${name}${scope ? `，${scope}` : ''}），不能重复申请`
    : `${label} ${shown} 已有在办申请 ${ref}（${name}${scope ? `，${scope}` : ''}），不能重复申请`;
  return new DomainError('BAD_USER_INPUT', messageEn, {
    subCode: 'DUPLICATE',
    existingReference: ref,
    existingProgramme: row?.key ?? null,
    messageZh,
    problems: [{ path: c.field.pointer, message: `已有在办申请 ${ref}（${name}${scope ? `，${scope}` : ''}），该字段不可重复`, messageEn }],
  });
}

/** The applicant's name for lists and search: the head of household, student, or applicant. */
export function applicantName(data: Record<string, unknown>): string | null {
  for (const key of ['head', 'student', 'applicant']) {
    const v = data[key] as { name?: unknown } | undefined;
    if (v && typeof v.name === 'string' && v.name.trim()) return v.name.trim().slice(0, 100);
  }
  return typeof data.name === 'string' ? data.name.slice(0, 100) : null;
}
