/**
 * Loads an application with one plain SQL query. The write path reads a case, checks it and
 * commits with SQL (commit.ts), so it needs the row, not a managed entity: the ORM's findOne
 * costs about 0.75 ms of CPU per call against 0.12 ms for the query, on every transition
 * (docs/benchmarks.md). Being detached, a later flush in the same request never writes it back.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Application } from './application.entity.js';
import { query } from '../core/pg-direct.js';
import { entryForWriteColumn, entryForWriteFromJson, type EntryForWrite } from '../registers/entry.row.js';

interface ApplicationRow {
  id: string; reference: string; programme_id: string; programme_key: string; version_id: string; region_code: string; region_path: string;
  data: Record<string, unknown>; state: string; snapshot: Record<string, unknown>; status: Application['status']; actor_roles: string[];
  applicant_name: string | null; version: number; state_seq: number; timer_jobs: string[]; created_by: string; created_at: Date | string; updated_at: Date | string;
  submitted_at: Date | string | null; state_entered_at: Date | string; notice_ends_at: Date | string | null;
  open_objections: number; due_at: Date | string | null; review_occurrence: number; review_open: boolean; entry_id: string | null;
}

/**
 * MikroORM's raw queries return timestamptz as PostgreSQL text ("2026-11-23 15:55:55.358+00"),
 * which is not ISO 8601: rewrite it so Date parses it exactly.
 */
function toDate<T extends Date | string | null>(v: T): T extends null ? null : Date {
  if (v === null || v instanceof Date) return v as never;
  return new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')) as never;
}

const COLUMNS = 'id, reference, programme_id, programme_key, version_id, region_code, region_path, data, state, snapshot, status, actor_roles, '
  + 'applicant_name, version, state_seq, timer_jobs, created_by, created_at, updated_at, submitted_at, state_entered_at, notice_ends_at, '
  + 'open_objections, due_at, review_occurrence, review_open, entry_id';

/**
 * The application as a plain object with the entity's fields, never tracked by the EntityManager.
 * Not an instance of the entity class: MikroORM's prototype setters give every instance its own
 * accessors and change-tracking state on the first write of each field, which was a fifth of the
 * memory a transition allocated.
 */
export function applicationFromRow(r: ApplicationRow): Application {
  return ({
    id: r.id, reference: r.reference, programmeId: r.programme_id, programmeKey: r.programme_key, versionId: r.version_id,
    regionCode: r.region_code, regionPath: r.region_path, data: r.data, state: r.state, snapshot: r.snapshot, status: r.status,
    actorRoles: r.actor_roles, applicantName: r.applicant_name, version: r.version, stateSeq: r.state_seq, timerJobs: r.timer_jobs,
    createdBy: r.created_by, createdAt: toDate(r.created_at), updatedAt: toDate(r.updated_at), submittedAt: toDate(r.submitted_at),
    stateEnteredAt: toDate(r.state_entered_at), noticeEndsAt: toDate(r.notice_ends_at), openObjections: r.open_objections,
    dueAt: toDate(r.due_at), reviewOccurrence: r.review_occurrence, reviewOpen: r.review_open, entryId: r.entry_id,
  }) as Application;
}

export async function findApplicationRow(em: EntityManager, id: string): Promise<Application | undefined> {
  // On the caller's transaction when there is one (a bulk change with allOrNothing runs in one).
  // The columns by name: a prepared `select *` would fail once a migration adds a column.
  const { rows } = await query(em, `select ${COLUMNS} from application where id = $1`, [id]);
  return rows[0] ? applicationFromRow(rows[0] as ApplicationRow) : undefined;
}

/** A case as a transition loads it, with its household (if it has one) read in the same statement. */
export interface ApplicationForTransition {
  app: Application;
  /**
   * The household as findEntryForWrite reads it (without a lock), parsed on first call: only a
   * transition with effects calls it (registers/effect-statement.ts), so one without pays for a
   * text column. Undefined without a household.
   */
  entry?: () => EntryForWrite | undefined;
}

export async function findApplicationForTransition(em: EntityManager, id: string): Promise<ApplicationForTransition | undefined> {
  const { rows } = await query(em, `select ${COLUMNS}, ${entryForWriteColumn('application.entry_id')} as entry_for_write from application where id = $1`, [id]);
  const r = rows[0] as (ApplicationRow & { entry_for_write: string | null }) | undefined;
  if (!r) return undefined;
  const text = r.entry_for_write;
  let parsed: EntryForWrite | undefined;
  return { app: applicationFromRow(r), ...(text ? { entry: () => (parsed ??= entryForWriteFromJson(text)) } : {}) };
}
