/**
 * Recurring reviews (`meta.review` on a task state): while a case stays in the state, a durable
 * job opens occurrence 1 after one period, 2 after two, and so on. Opening one writes a
 * REVIEW_DUE history row with its number, offers the review's events and puts the case in the
 * reviewers' inbox; sending one of those events answers it; leaving the state cancels the rest.
 *
 * Exactly once: the job's UPDATE advances `review_occurrence` only from below the occurrence it
 * opens, in the transaction that writes the history row and schedules the next job. A repeated or
 * concurrent delivery (two processes, a retry after a crash) finds the count already there and
 * rolls back, next job included. Occurrences are counted from the time the state was entered, so
 * a job that runs late (no worker for a while) opens the period it is in and skips the ones
 * missed: one occurrence per period, never a burst.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../core/errors.js';
import { sqlExecutor } from '../core/sql.js';
import type { Services } from '../core/services.js';
import type { CompiledWorkflow, EventInfo } from '../workflow/engine.js';
import { occurrenceAt } from '../workflow/due.js';
import type { Application } from './application.entity.js';
import { findApplicationRow } from './application.row.js';
import { pinnedVersion } from './pinned-version.js';
import type { SqlExecutor, TimerJob, Timers } from './timers.js';

/** The history event that opens an occurrence. */
export const REVIEW_DUE = 'REVIEW_DUE';
/** The name the history shows for an opened review. */
export const REVIEW_ACTOR = '系统（定期复核）';

/** The events a role may send now: a review's events only while an occurrence is open. */
export function offeredEvents(wf: CompiledWorkflow, state: string, reviewOpen: boolean): EventInfo[] {
  const events = wf.events(state);
  const review = wf.stateInfo(state).review;
  return review && !reviewOpen ? events.filter((e) => !review.events.includes(e.event)) : events;
}

/** Roles whose inbox shows the case: those who may send an offered event, plus the reviewers of an open review. */
export function actingRoles(wf: CompiledWorkflow, state: string, reviewOpen: boolean): string[] {
  const info = wf.stateInfo(state);
  const roles = offeredEvents(wf, state, reviewOpen).flatMap((e) => e.roles)
    .concat(info.kind === 'draft' ? info.roles : [], reviewOpen && info.review ? info.review.roles : []);
  return [...new Set(roles)];
}

/** Refusal of a review's event while no occurrence is open (bilingual, like every refusal). */
export function reviewNotDue(app: Pick<Application, 'reference' | 'state'>, event: string, title: { zh: string; en: string }): DomainError {
  return new DomainError('TRANSITION_NOT_ALLOWED', `${event} answers the "${title.en}" review of ${app.reference}, and no review is open now: the next one opens when its period ends`, {
    subCode: 'REVIEW_NOT_DUE',
    messageZh: `${app.reference} 当前没有待办的“${title.zh}”，下一次复核到期后才能办理 ${event}`,
    state: app.state,
    event,
  });
}

/** Schedules occurrence `occurrence` of the state visit's review; returns the job id. */
/** The job that opens review `occurrence` of a state visit, at its due time. */
export function occurrenceJob(app: { id: string; stateEnteredAt: Date }, state: string, stateSeq: number, ms: number, occurrence: number): { job: TimerJob; runAt: Date } {
  return { job: { applicationId: app.id, state, stateSeq, eventType: REVIEW_DUE, occurrence }, runAt: new Date(app.stateEnteredAt.getTime() + occurrence * ms) };
}

export function scheduleOccurrence(timers: Timers, exec: SqlExecutor, app: { id: string; stateEnteredAt: Date }, state: string, stateSeq: number, ms: number, occurrence: number): Promise<string | null> {
  const { job, runAt } = occurrenceJob(app, state, stateSeq, ms, occurrence);
  return timers.schedule(exec, job, runAt);
}

class AlreadyOpened extends Error {}

export interface ReviewJob {
  applicationId: string;
  state: string;
  stateSeq: number;
  occurrence: number;
}

/**
 * Handles a firing review job: opens its occurrence (or the later one the clock is in) and
 * schedules the next. Returns the occurrence opened, or undefined when the case has left the
 * state visit or another delivery opened it already.
 */
export async function openReviewOccurrence(em: EntityManager, services: Services, job: ReviewJob, jobId: string): Promise<number | undefined> {
  const app = await findApplicationRow(em, job.applicationId);
  if (!app || app.state !== job.state || app.stateSeq !== job.stateSeq) return undefined;
  const wf = (await pinnedVersion(em, app.versionId)).workflow;
  const review = wf.stateInfo(app.state).review;
  if (!review) return undefined;
  const now = services.clock();
  const occurrence = Math.max(job.occurrence, occurrenceAt(app.stateEnteredAt, review.ms, now));
  if (occurrence <= app.reviewOccurrence) return undefined; // the UPDATE below would say the same
  const dueAt = review.dueInMs !== undefined ? new Date(now.getTime() + review.dueInMs) : app.dueAt ?? null;
  try {
    await em.transactional(async (tem) => {
      const exec = sqlExecutor(tem);
      const next = services.timers ? await scheduleOccurrence(services.timers, exec, app, app.state, app.stateSeq, review.ms, occurrence + 1) : null;
      const written = await exec(
        `with updated as (
           update application set version = version + 1, updated_at = $4, review_occurrence = $5, review_open = true,
                  actor_roles = $6, due_at = $7, timer_jobs = array_remove(timer_jobs, $8) || $9::text[]
            where id = $1 and state = $2 and state_seq = $3 and review_occurrence < $5 returning id, version)
         insert into application_event (application_id, seq, at, actor_name, event, from_state, to_state, occurrence)
         select id, version, $4, $10, $11, $2, $2, $5 from updated returning application_id`,
        [app.id, app.state, app.stateSeq, now, occurrence, actingRoles(wf, app.state, true), dueAt, jobId, next ? [next] : [], REVIEW_ACTOR, REVIEW_DUE],
      );
      if (written.rows.length === 0) throw new AlreadyOpened(); // rolls back the next job too
    });
  } catch (e) {
    if (e instanceof AlreadyOpened) return undefined;
    throw e;
  }
  return occurrence;
}
