/**
 * Runs imports in the background on pg-boss (queue `import-run`): validation after an upload,
 * writing after commitImport. Surviving a restart:
 * - the job holds a lease (lease_owner, lease_until) renewed every few seconds while it runs;
 * - every worker looks for queued, validating or committing jobs whose lease ran out (their
 *   process died) and runs them again: staging and validation start over (they write nothing
 *   but staged rows), writing resumes after the last batch recorded as written (VALID_ROWS), or
 *   starts over (ALL_OR_NOTHING: one transaction, which PostgreSQL rolled back with the process).
 * A job never ends half-written without saying so: a batch that fails stops the job, marked
 * failed with the count of rows written before it.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Services } from '../core/services.js';
import { DomainError } from '../core/errors.js';
import { execOf, type SqlExec } from '../registers/sql.js';
import { loadActor } from '../users/user.service.js';
import { findJob, liveProgress, updateJob, type ImportJob, type RowProblem } from './import-job.js';
import { submitDrafts } from './submit.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inTransaction, query, sharesSession } from '../core/pg-direct.js';
import { loadTarget, type ImportTarget } from './import-target.js';
import { stageRows, withMembers } from './stage.js';
import { templateSheets } from './template.js';
import { newMemory, validateBatch, type StagedRow } from './validate.js';
import { writeBatch, type RowToWrite } from './write.js';
import type { Actor } from '../core/actor.js';
import type { FileStoreForImports } from './import-files.js';

export const IMPORT_QUEUE = 'import-run';
const LEASE_SECONDS = 60;
const RENEW_MS = 15_000;

class Cancelled extends Error {}

export class ImportRunner {
  private readonly me = randomUUID();
  private readonly running = new Set<string>();
  private readonly cancelled = new Set<string>();
  private sweeper?: NodeJS.Timeout;

  private constructor(private readonly boss: PgBoss, private readonly services: Services, readonly files: FileStoreForImports) {}

  /** On the process's pg-boss instance (the timers'), so imports add no connection pool of their own. */
  static async start(boss: PgBoss, services: Services, files: FileStoreForImports, work: boolean): Promise<ImportRunner> {
    // Our lease, not pg-boss's expiry, decides when a job is taken up again.
    await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, retryLimit: 0, expireInSeconds: 6 * 3600 });
    const runner = new ImportRunner(boss, services, files);
    if (work) {
      await boss.work<{ jobId: string }>(IMPORT_QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
        if (job) await runner.run(job.data.jobId);
      });
      runner.sweeper = setInterval(() => void runner.sweep().catch((err) => services.log.error({ err }, 'import sweep failed')), RENEW_MS);
      runner.sweeper.unref();
      void runner.sweep().catch((err) => services.log.error({ err }, 'import sweep failed'));
    }
    return runner;
  }

  async send(jobId: string): Promise<void> {
    await this.boss.send(IMPORT_QUEUE, { jobId }, { singletonKey: `${jobId}:${Date.now()}` });
  }

  /** Asks a running job in this process to stop at its next batch (other processes read the flag). */
  requestCancel(jobId: string): void {
    this.cancelled.add(jobId);
  }

  /** Jobs whose process died (lease ran out) are queued again. */
  async sweep(): Promise<void> {
    const exec = execOf(this.services.orm.em.fork());
    const { rows } = await exec(
      `select id from import_job where status in ('queued','validating','committing')
          and (lease_until < now() or (lease_until is null and updated_at < now() - interval '30 seconds'))`,
      [],
    );
    for (const r of rows) if (!this.running.has(r.id)) await this.send(r.id);
  }

  /** Stops taking jobs; the shared pg-boss instance is stopped with the timers. */
  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.boss.offWork(IMPORT_QUEUE).catch(() => undefined);
  }

  /**
   * Statements with bind parameters on the ORM's pool (core/pg-direct.ts): the staged rows travel
   * as large JSON values, which MikroORM's execute would escape into the SQL text on every batch.
   */
  private direct(): SqlExec {
    const em = this.services.orm.em.fork();
    // Embedded PGlite: one backend shared by every connection, where pg-boss's statements could
    // come between a Parse and its Bind; there the ORM's simple-protocol queries are kept.
    if (sharesSession(this.services.orm)) return execOf(em);
    return (text, values = []) => query(em, text, values);
  }

  /** One transaction: plain statements, or on an EntityManager when cases are submitted (savepoints, the application service). */
  private inTx<X>(job: ImportJob, work: (tx: SqlExec, tem?: EntityManager) => Promise<X>): Promise<X> {
    const em = this.services.orm.em.fork();
    if (job.submit || sharesSession(this.services.orm)) return em.transactional((tem) => work(execOf(tem), tem));
    return inTransaction(em, (tx) => work(tx));
  }

  /** Takes the job's lease and runs whatever stage it is in. */
  async run(jobId: string): Promise<void> {
    if (this.running.has(jobId)) return;
    const exec = this.direct();
    const { rows } = await exec(
      `update import_job set lease_owner = $2, lease_until = now() + make_interval(secs => $3)
        where id = $1 and status in ('queued','validating','committing') and (lease_until is null or lease_until < now() or lease_owner = $2)
        returning id`,
      [jobId, this.me, LEASE_SECONDS],
    );
    if (!rows.length) return;
    this.running.add(jobId);
    const renew = setInterval(() => {
      void exec(`update import_job set lease_until = now() + make_interval(secs => $3) where id = $1 and lease_owner = $2`, [jobId, this.me, LEASE_SECONDS])
        .catch((err) => this.services.log.warn({ err, jobId }, 'import lease renewal failed'));
    }, RENEW_MS);
    renew.unref();
    try {
      const job = (await findJob(exec, jobId))!;
      if (job.status === 'committing') await this.commit(exec, job);
      else await this.validate(exec, job);
    } catch (e) {
      await this.fail(exec, jobId, e);
    } finally {
      clearInterval(renew);
      this.running.delete(jobId);
      this.cancelled.delete(jobId);
      liveProgress.delete(jobId);
      await exec(`update import_job set lease_owner = null, lease_until = null where id = $1 and lease_owner = $2`, [jobId, this.me]).catch(() => undefined);
    }
  }

  private async fail(exec: SqlExec, jobId: string, e: unknown): Promise<void> {
    if (e instanceof Cancelled) {
      // A VALID_ROWS commit keeps the batches it wrote: say so, never leave half a file unsaid.
      const job = await findJob(exec, jobId);
      const written = job?.writtenRows ?? 0;
      await updateJob(exec, jobId, {
        status: 'cancelled', finished_at: new Date(),
        message: written ? `Cancelled after ${written} rows were written` : null,
        message_zh: written ? `已取消：此前已写入 ${written} 行` : null,
      });
      return;
    }
    const refusal = e instanceof DomainError;
    if (!refusal) this.services.log.error({ err: e, jobId }, 'import failed');
    const job = await findJob(exec, jobId);
    const written = job && job.status === 'committing' && job.writtenRows > 0 ? job.writtenRows : 0;
    const en = refusal ? e.message : `The import stopped on an internal error${written ? ` after writing ${written} rows` : ''}: ${(e as Error)?.message?.slice(0, 300) ?? e}`;
    const zh = refusal ? String(e.details.messageZh ?? e.message) : `导入因内部错误中止${written ? `（此前已写入 ${written} 行）` : ''}`;
    await updateJob(exec, jobId, { status: 'failed', message: en, message_zh: zh, finished_at: new Date() });
  }

  private async context(exec: SqlExec, job: ImportJob): Promise<{ actor: Actor; target: ImportTarget }> {
    const em = this.services.orm.em.fork();
    const actor = await loadActor(em, job.ownerId);
    if (!actor) throw new DomainError('FORBIDDEN', 'The importing user no longer exists', { messageZh: '导入用户已不存在' });
    return { actor, target: await loadTarget(em, job.targetKind, job.targetKey, job.versionId) };
  }

  private async stopRequested(exec: SqlExec, jobId: string): Promise<boolean> {
    if (this.cancelled.has(jobId)) return true;
    const { rows } = await exec('select cancel_requested from import_job where id = $1', [jobId]);
    return !!rows[0]?.cancel_requested;
  }

  private async validate(exec: SqlExec, job: ImportJob): Promise<void> {
    const { actor, target } = await this.context(exec, job);
    const limits = this.services.config.imports;
    await updateJob(exec, job.id, { status: 'validating', started_at: new Date(), total_rows: 0, validated_rows: 0, valid_rows: 0, linked_rows: 0, error_rows: 0, problem_count: 0, message: null, message_zh: null });
    const file = await this.files.localPath(job.fileSha256);
    const staged = await stageRows(exec, job.id, templateSheets(target.layout), file.path, job.fileType, limits, async (lines) => {
      await updateJob(exec, job.id, { total_rows: lines });
      return !(await this.stopRequested(exec, job.id));
    }).finally(() => file.release());
    if (!staged) throw new Cancelled();
    await updateJob(exec, job.id, { total_rows: staged.total });

    const memory = newMemory();
    let after = -2_147_483_648;
    let validated = 0;
    let valid = 0;
    let linked = 0;
    let errors = 0;
    let problems = 0;
    for (;;) {
      const { rows } = await exec(
        `select row_no, row_key, region_code, data, problems from import_row where job_id = $1 and row_no > $2 order by row_no limit $3`,
        [job.id, after, limits.batchRows],
      );
      if (!rows.length) break;
      after = rows[rows.length - 1]!.row_no;
      const batch: StagedRow[] = await withMembers(exec, job.id,
        rows.map((r) => ({ rowNo: r.row_no, rowKey: r.row_key, regionCode: r.region_code, data: r.data, memberLines: {}, problems: r.problems })));
      const verdicts = await validateBatch(exec, job, target, actor, batch, memory);
      // A row found valid with nothing to note stays as staged ('pending' reads as valid once the
      // import is validated): only the others are rewritten.
      const noted = verdicts.filter((v) => v.status !== 'valid' || v.problems || v.entityId);
      if (noted.length) {
        await exec(
          `update import_row r set status = t.status, problems = t.problems, entity_id = t.entity_id
             from jsonb_to_recordset($2::jsonb) as t(row_no int, status text, problems jsonb, entity_id uuid)
            where r.job_id = $1 and r.row_no = t.row_no`,
          [job.id, JSON.stringify(noted.map((v) => ({ row_no: v.rowNo, status: v.status, problems: v.problems, entity_id: v.entityId })))],
        );
      }
      for (const v of verdicts) {
        if (v.rowNo > 0) validated++;
        if (v.status === 'invalid') { errors++; problems += v.problems?.length ?? 0; } else {
          valid++;
          if (v.entryId) linked++;
        }
      }
      await updateJob(exec, job.id, { validated_rows: validated, valid_rows: valid, linked_rows: linked, error_rows: errors, problem_count: problems });
      if (await this.stopRequested(exec, job.id)) throw new Cancelled();
      // Let requests in between batches: validation is CPU work on the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await updateJob(exec, job.id, { status: 'validated', validated_at: new Date(), validated_rows: validated, valid_rows: valid, linked_rows: linked, error_rows: errors, problem_count: problems });
  }

  private async commit(exec: SqlExec, job: ImportJob): Promise<void> {
    const { actor, target } = await this.context(exec, job);
    const limits = this.services.config.imports;
    const now = this.services.clock();
    const nextBatch = async (x: SqlExec, after: number): Promise<RowToWrite[]> => {
      const { rows } = await x(
        `select row_no, row_key, region_code, data, entity_id from import_row
          where job_id = $1 and status in ('pending', 'valid') and row_no > $2 order by row_no limit $3`,
        [job.id, after, limits.batchRows],
      );
      return withMembers(x, job.id, rows.map((r) => ({ rowNo: r.row_no, rowKey: r.row_key, regionCode: r.region_code, data: r.data, entityId: r.entity_id, memberLines: {}, problems: null })));
    };
    const record = async (x: SqlExec, done: { rowNo: number; entityId: string; written: boolean }[]) => {
      if (!done.length) return;
      await x(
        `update import_row r set status = case when t.written then 'written' else 'unchanged' end, entity_id = t.entity_id
           from jsonb_to_recordset($2::jsonb) as t(row_no int, entity_id uuid, written boolean) where r.job_id = $1 and r.row_no = t.row_no`,
        [job.id, JSON.stringify(done.map((d) => ({ row_no: d.rowNo, entity_id: d.entityId, written: d.written })))],
      );
    };
    const refusedRows = new Map<number, RowProblem[]>();
    // One batch written (and, on "submit on import", submitted) on `tem`'s transaction. A case
    // whose submit is refused is reported, and the batch is written again without it, inside a
    // savepoint: so no draft is left for a refused row, and the others still go in.
    const writeOne = async (tx: SqlExec, tem: EntityManager | undefined, batch: RowToWrite[]) => {
      if (!job.submit || !tem) return writeBatch(tx, job, target, actor, batch, now);
      let rows = batch;
      for (;;) {
        if (!rows.length) return [];
        const attempt = await tem.transactional(async (sp) => {
          const done = await writeBatch(execOf(sp), job, target, actor, rows, now);
          const refused = await submitDrafts(sp, this.services, actor, job, target, rows, done);
          if (refused.size) throw new BatchRefused(refused);
          return done;
        }).catch((e) => { if (e instanceof BatchRefused) return e; throw e; });
        if (!(attempt instanceof BatchRefused)) return attempt;
        for (const [rowNo, problems] of attempt.refused) refusedRows.set(rowNo, problems);
        rows = rows.filter((r) => !attempt.refused.has(r.rowNo));
      }
    };
    const recordRefused = async (x: SqlExec, rowNos: number[]) => {
      if (!rowNos.length) return;
      const list = rowNos.map((n) => ({ row_no: n, problems: refusedRows.get(n)! }));
      await x(
        `update import_row r set status = 'invalid', problems = coalesce(r.problems, '[]'::jsonb) || t.problems
           from jsonb_to_recordset($2::jsonb) as t(row_no int, problems jsonb) where r.job_id = $1 and r.row_no = t.row_no`,
        [job.id, JSON.stringify(list)],
      );
      await x(`update import_job set valid_rows = valid_rows - $2, error_rows = error_rows + $2, problem_count = problem_count + $3, updated_at = now() where id = $1`,
        [job.id, list.length, list.reduce((n, r) => n + r.problems.length, 0)]);
    };

    if (job.mode === 'ALL_OR_NOTHING') {
      // One transaction: a cancel, a failure, a crash or a refused submit leaves nothing written.
      let written = 0;
      let skipped = 0;
      const outcome = await this.inTx(job, async (tx, tem) => {
        let after = -1;
        for (;;) {
          const batch = await nextBatch(tx, after);
          if (!batch.length) break;
          after = batch[batch.length - 1]!.rowNo;
          const done = await writeOne(tx, tem, batch);
          // Rows found written before are noted now; the written ones all at once below.
          await record(tx, done.filter((d) => !d.written));
          written += done.filter((d) => d.written).length;
          skipped += done.filter((d) => !d.written).length;
          liveProgress.set(job.id, { written: written + skipped });
          if (await this.stopRequested(tx, job.id)) throw new Cancelled();
          await new Promise((resolve) => setImmediate(resolve));
        }
        // Every batch was tried, so the report names every refused case; then nothing is kept.
        if (refusedRows.size) throw new BatchRefused(refusedRows);
        await tx(`update import_row set status = 'written' where job_id = $1 and status in ('pending', 'valid')`, [job.id]);
        await updateJob(tx, job.id, { status: 'committed', written_rows: written, skipped_rows: job.skippedRows + skipped, finished_at: new Date() });
        return 'committed' as const;
      }).catch((e) => { if (e instanceof BatchRefused) return e; throw e; });
      if (outcome instanceof BatchRefused) {
        // Back to "validated" with the refused rows marked: commit the others, or fix and upload again.
        await inTransaction(this.services.orm.em.fork(), async (tx) => {
          await recordRefused(tx, [...refusedRows.keys()]);
          const n = refusedRows.size;
          await updateJob(tx, job.id, {
            status: 'validated', mode: null, written_rows: 0, commit_started_at: null,
            message: `Nothing was written: ${n} rows were refused at submit (see the report)`,
            message_zh: `未写入任何数据：有 ${n} 行提交未通过（见错误报告）`,
          });
        });
      }
      return;
    }
    // VALID_ROWS: idempotent batches, each its own transaction that also records its rows.
    let after = -1;
    for (;;) {
      if (await this.stopRequested(exec, job.id)) throw new Cancelled();
      const batch = await nextBatch(exec, after);
      if (!batch.length) break;
      after = batch[batch.length - 1]!.rowNo;
      await this.inTx(job, async (tx, tem) => {
        const before = new Set(refusedRows.keys());
        const done = await writeOne(tx, tem, batch);
        await record(tx, done);
        await recordRefused(tx, [...refusedRows.keys()].filter((n) => !before.has(n)));
        const w = done.filter((d) => d.written).length;
        await tx(`update import_job set written_rows = written_rows + $2, skipped_rows = skipped_rows + $3, updated_at = now() where id = $1`, [job.id, w, done.length - w]);
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await updateJob(exec, job.id, { status: 'committed', finished_at: new Date() });
  }
}

/** Some cases of a batch were refused at submit: the batch (or the whole import) is rolled back. */
class BatchRefused extends Error {
  constructor(readonly refused: Map<number, RowProblem[]>) {
    super('refused at submit');
  }
}
