/**
 * The import record (table import_job) as plain rows: the job runs outside any request, on its
 * own connection, so it reads and writes with SQL rather than ORM entities.
 */
import type { SqlExec } from '../registers/sql.js';
import { toDate } from '../registers/sql.js';
import type { TargetKind } from './import-target.js';
import type { FileType } from './read-file.js';

export type ImportStatus = 'queued' | 'validating' | 'validated' | 'committing' | 'committed' | 'failed' | 'cancelled';
export type CommitMode = 'ALL_OR_NOTHING' | 'VALID_ROWS';

export interface ImportJob {
  id: string;
  ownerId: string;
  targetKind: TargetKind;
  targetKey: string;
  versionId: string;
  regionCode: string;
  regionPath: string;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  fileType: FileType;
  clientImportId: string | null;
  status: ImportStatus;
  mode: CommitMode | null;
  /** The commit also submits each imported case (a programme whose workflow allows it). */
  submit: boolean;
  cancelRequested: boolean;
  totalRows: number;
  validatedRows: number;
  validRows: number;
  /** Valid rows that belong to a household of the register the programme names (entry-match.ts). */
  linkedRows: number;
  errorRows: number;
  problemCount: number;
  writtenRows: number;
  skippedRows: number;
  message: string | null;
  messageZh: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  validatedAt: Date | null;
  commitStartedAt: Date | null;
  finishedAt: Date | null;
}

export const JOB_COLUMNS = `j.id, j.owner_id, j.target_kind, j.target_key, coalesce(j.programme_version_id, j.register_version_id) as version_id,
  j.region_code, j.region_path, j.file_name, j.file_sha256, j.file_size, j.file_type, j.client_import_id, j.status, j.mode, j.submit, j.cancel_requested,
  j.total_rows, j.validated_rows, j.valid_rows, j.linked_rows, j.error_rows, j.problem_count, j.written_rows, j.skipped_rows, j.message, j.message_zh,
  j.created_at, j.updated_at, j.started_at, j.validated_at, j.commit_started_at, j.finished_at`;

export function jobFromRow(r: Record<string, any>): ImportJob {
  return {
    id: r.id, ownerId: r.owner_id, targetKind: r.target_kind, targetKey: r.target_key, versionId: r.version_id,
    regionCode: r.region_code, regionPath: r.region_path, fileName: r.file_name, fileSha256: r.file_sha256, fileSize: Number(r.file_size),
    fileType: r.file_type, clientImportId: r.client_import_id, status: r.status, mode: r.mode, submit: !!r.submit, cancelRequested: !!r.cancel_requested,
    totalRows: Number(r.total_rows), validatedRows: Number(r.validated_rows), validRows: Number(r.valid_rows), linkedRows: Number(r.linked_rows), errorRows: Number(r.error_rows),
    problemCount: Number(r.problem_count), writtenRows: Number(r.written_rows), skippedRows: Number(r.skipped_rows),
    message: r.message, messageZh: r.message_zh,
    createdAt: toDate(r.created_at), updatedAt: toDate(r.updated_at), startedAt: toDate(r.started_at), validatedAt: toDate(r.validated_at),
    commitStartedAt: toDate(r.commit_started_at), finishedAt: toDate(r.finished_at),
  };
}

export async function findJob(exec: SqlExec, id: string): Promise<ImportJob | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const { rows } = await exec(`select ${JOB_COLUMNS} from import_job j where j.id = $1`, [id]);
  return rows[0] ? jobFromRow(rows[0]) : undefined;
}

/** Sets the given columns (snake_case) and updated_at; returns nothing. */
export async function updateJob(exec: SqlExec, id: string, set: Record<string, unknown>): Promise<void> {
  const keys = Object.keys(set);
  const assignments = keys.map((k, i) => `${k} = $${i + 2}`).concat('updated_at = now()');
  await exec(`update import_job set ${assignments.join(', ')} where id = $1`, [id, ...keys.map((k) => set[k])]);
}

/** A problem with one cell (or a whole line when column is null). */
export interface RowProblem {
  sheet: string;
  line: number;
  column: string | null;
  pointer: string | null;
  message: string;
  messageEn: string;
}

/** Work done on a job in this process but not yet committed to its row (an all-or-nothing write). */
export const liveProgress = new Map<string, { written: number }>();
