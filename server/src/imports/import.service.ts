/**
 * Imports as the API offers them: create (after an upload), read with progress and report, list,
 * commit, cancel. Who may see an import: its owner, admins, and county admins over its region.
 */
import { decodeKeysetCursor } from '../core/cursor.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../core/actor.js';
import { canAdministerRegion, isAdmin } from '../core/actor.js';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { execOf, type SqlExec } from '../registers/sql.js';
import { findJob, JOB_COLUMNS, jobFromRow, liveProgress, updateJob, type CommitMode, type ImportJob, type RowProblem } from './import-job.js';
import { authorizeImport, loadTarget, type TargetKind } from './import-target.js';
import type { FileType } from './read-file.js';
import { IMPORT_KIND } from './write.js';
import { assertMaySubmit } from './submit.js';
import type { ImportRunner } from './import-runner.js';

export const importNotFound = (id: string) => new DomainError('NOT_FOUND', `Import ${String(id).slice(0, 40)} not found`, { messageZh: '未找到该导入' });

export function canSeeImport(actor: Actor, job: Pick<ImportJob, 'ownerId' | 'regionPath'>): boolean {
  return job.ownerId === actor.id || isAdmin(actor) || canAdministerRegion(actor, job.regionPath);
}

export async function loadImport(exec: SqlExec, actor: Actor, id: string): Promise<ImportJob> {
  const job = await findJob(exec, String(id));
  if (!job || !canSeeImport(actor, job)) throw importNotFound(id);
  return job;
}

export interface NewImport {
  kind: TargetKind;
  key: string;
  regionCode: string;
  fileName: string;
  sha256: string;
  size: number;
  type: FileType;
  clientImportId?: string | null;
}

/** Checks the target and region before the file is read (so a refused upload stores nothing). */
export async function prepareImport(em: EntityManager, actor: Actor, kind: TargetKind, key: string, regionCode: string) {
  const target = await loadTarget(em, kind, key);
  if (kind === 'register' && !target.register!.kindByKey.has(IMPORT_KIND)) {
    throw new DomainError('BAD_USER_INPUT', `Register "${key}" has no change kind "${IMPORT_KIND}": add it to the register's definition to import`, {
      messageZh: `登记簿 ${key} 未定义“${IMPORT_KIND}”（批量导入）变更类型：请先在登记簿定义中添加`,
    });
  }
  if (kind === 'register' && target.registerStatus === 'retired') throw new DomainError('BAD_USER_INPUT', `Register "${key}" is retired`, { messageZh: `登记簿 ${key} 已停用` });
  const { rows } = await execOf(em)('select code, path, name from region where code = $1', [String(regionCode).slice(0, 12)]);
  const region = rows[0];
  if (!region) throw new DomainError('NOT_FOUND', `Region ${String(regionCode).slice(0, 12)} not found`, { messageZh: '未找到该地区' });
  authorizeImport(actor, target, region.path);
  return { target, region: { code: region.code as string, path: region.path as string } };
}

export async function createImport(em: EntityManager, actor: Actor, input: NewImport, runner: ImportRunner): Promise<{ job: ImportJob; created: boolean }> {
  const exec = execOf(em);
  const clientId = input.clientImportId?.trim() ? input.clientImportId.trim().slice(0, 100) : null;
  if (clientId) {
    const { rows } = await exec(`select ${JOB_COLUMNS} from import_job j where j.owner_id = $1 and j.client_import_id = $2`, [actor.id, clientId]);
    if (rows[0]) return { job: jobFromRow(rows[0]), created: false };
  }
  const { target, region } = await prepareImport(em, actor, input.kind, input.key, input.regionCode);
  const id = crypto.randomUUID();
  const { rows } = await exec(
    `insert into import_job (id, owner_id, target_kind, target_key, programme_version_id, register_version_id, region_code, region_path,
                             file_name, file_sha256, file_size, file_type, client_import_id, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'queued')
     on conflict (owner_id, client_import_id) where client_import_id is not null do nothing returning id`,
    [id, actor.id, target.kind, target.key, target.kind === 'programme' ? target.versionId : null, target.kind === 'register' ? target.versionId : null,
      region.code, region.path, input.fileName, input.sha256, input.size, input.type, clientId],
  );
  if (!rows.length) {
    const { rows: again } = await exec(`select ${JOB_COLUMNS} from import_job j where j.owner_id = $1 and j.client_import_id = $2`, [actor.id, clientId]);
    return { job: jobFromRow(again[0]!), created: false };
  }
  await runner.send(id);
  return { job: (await findJob(exec, id))!, created: true };
}

export interface JobPage {
  items: ImportJob[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The imports the actor may see, newest first, keyset-paged on (created_at, id). */
export async function listImports(ctx: Context, first = 20, after?: string | null): Promise<JobPage> {
  const actor = requireActor(ctx);
  const limit = Math.max(1, Math.min(100, first));
  const params: unknown[] = [actor.id];
  const scopes = [`j.owner_id = $1`];
  const admin = isAdmin(actor);
  if (!admin) {
    for (const g of actor.grants.filter((x) => x.role === 'county_admin')) {
      params.push(`${g.regionPath}%`);
      scopes.push(`j.region_path like $${params.length}`);
    }
  }
  let where = admin ? 'true' : `(${scopes.join(' or ')})`;
  if (after) {
    const { at, id } = decodeKeysetCursor(after);
    params.push(at, id);
    where += ` and (j.created_at, j.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(limit + 1);
  const { rows } = await execOf(ctx.em)(`select ${JOB_COLUMNS} from import_job j where ${where} order by j.created_at desc, j.id desc limit $${params.length}`, params);
  const items = rows.slice(0, limit).map(jobFromRow);
  const last = items[items.length - 1];
  return { items, hasNextPage: rows.length > limit, endCursor: last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null };
}

export interface ProblemPage {
  items: (RowProblem & { row: number })[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The report: problems in line order, paged by row (a page holds whole rows). */
export async function importProblems(exec: SqlExec, job: ImportJob, first = 100, after?: string | null): Promise<ProblemPage> {
  const limit = Math.max(1, Math.min(500, first));
  const from = after ? Number(Buffer.from(after, 'base64url').toString()) : -2_147_483_649;
  if (!Number.isFinite(from)) throw new DomainError('BAD_USER_INPUT', 'Invalid cursor', { messageZh: '无效的分页游标' });
  const { rows } = await exec(
    `select row_no, problems from import_row where job_id = $1 and problems is not null and row_no > $2 order by row_no limit $3`,
    [job.id, from, limit + 1],
  );
  const page = rows.slice(0, limit);
  const items = page.flatMap((r) => (r.problems as RowProblem[]).map((p) => ({ ...p, row: r.row_no as number })));
  const last = page[page.length - 1];
  return { items, hasNextPage: rows.length > limit, endCursor: last ? Buffer.from(String(last.row_no)).toString('base64url') : null };
}

/** Rows written (or found written) so far, including work in an open all-or-nothing transaction. */
export const writtenSoFar = (job: ImportJob) => Math.max(job.writtenRows + job.skippedRows, liveProgress.get(job.id)?.written ?? 0);

/**
 * Starts writing a validated import. With `submit`, each imported case is also submitted (only
 * where the programme's workflow allows it: `meta.import.submit`).
 */
export async function commitImport(ctx: Context, runner: ImportRunner, id: string, mode: CommitMode, submit = false): Promise<ImportJob> {
  const actor = requireActor(ctx);
  const exec = execOf(ctx.em);
  const job = await loadImport(exec, actor, id);
  if (job.ownerId !== actor.id) throw new DomainError('FORBIDDEN', 'Only the person who uploaded the file may commit its import', { messageZh: '只有上传文件的人可以确认导入' });
  if (job.status === 'committing' || job.status === 'committed') return job; // a repeated commit
  if (job.status !== 'validated') {
    throw new DomainError('BAD_USER_INPUT', `The import is ${job.status}: only a validated import can be committed`, {
      subCode: 'NOT_VALIDATED', messageZh: job.status === 'validating' || job.status === 'queued' ? '文件尚在校验中，请稍候' : `该导入状态为“${job.status}”，不能确认`,
    });
  }
  if (mode === 'ALL_OR_NOTHING' && job.errorRows > 0) {
    throw new DomainError('BAD_USER_INPUT', `${job.errorRows} rows have problems: fix them and upload again, or commit the valid rows only`, {
      subCode: 'ROWS_INVALID', messageZh: `有 ${job.errorRows} 行存在错误：请修改后重新上传，或只导入正确的行`,
    });
  }
  if (submit) assertMaySubmit(await loadTarget(ctx.em, job.targetKind, job.targetKey, job.versionId));
  const { rows: unchanged } = await exec(`select count(*)::int as n from import_row where job_id = $1 and status = 'unchanged'`, [job.id]);
  const { rows } = await exec(
    `update import_job set status = 'committing', mode = $2, submit = $4, commit_started_at = now(), skipped_rows = $3, written_rows = 0,
            message = null, message_zh = null, updated_at = now()
      where id = $1 and status = 'validated' returning id`,
    [job.id, mode, unchanged[0]!.n, submit],
  );
  if (rows.length) await runner.send(job.id);
  return (await findJob(exec, job.id))!;
}

export async function cancelImport(ctx: Context, runner: ImportRunner, id: string): Promise<ImportJob> {
  const actor = requireActor(ctx);
  const exec = execOf(ctx.em);
  const job = await loadImport(exec, actor, id);
  if (job.status === 'committed' || job.status === 'failed' || job.status === 'cancelled') {
    throw new DomainError('BAD_USER_INPUT', `The import is already ${job.status}`, { subCode: 'FINISHED', messageZh: '该导入已结束，不能取消' });
  }
  // Waiting for a decision (validated) or not started: cancelled at once; running: at its next batch.
  await exec(
    `update import_job set cancel_requested = true, updated_at = now(),
            status = case when status = 'validated' or (status = 'queued' and lease_owner is null) then 'cancelled' else status end,
            finished_at = case when status = 'validated' or (status = 'queued' and lease_owner is null) then now() else finished_at end
      where id = $1`,
    [job.id],
  );
  runner.requestCancel(job.id);
  return (await findJob(exec, job.id))!;
}

export { updateJob };
