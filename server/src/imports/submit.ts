/**
 * "Submit on import": the drafts a batch has just created are each sent through SUBMIT by
 * `submitApplication`, the very function behind the submit button, so authorization, validation,
 * guards, unique claims and timers are those of a single submit. Each case runs in its own
 * savepoint: a refused case is rolled back alone and reported on its line with the refusal's own
 * words, and the caller writes the batch again without it (no draft is left behind for a row the
 * report calls refused).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../core/actor.js';
import type { Context } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { createLoaders } from '../core/loaders.js';
import type { Services } from '../core/services.js';
import { submitApplication } from '../applications/application.service.js';
import { importOptionsOf } from '../workflow/import-options.js';
import type { ImportTarget } from './import-target.js';
import type { ImportJob, RowProblem } from './import-job.js';
import { locate } from './validate.js';
import type { RowToWrite } from './write.js';

/** Whether the target's workflow lets imports submit (`meta.import.submit`). */
export const importMaySubmit = (target: ImportTarget): boolean =>
  target.kind === 'programme' && importOptionsOf(target.programme!.workflow.definition.meta).submit;

/** Refuses "submit on import" where the programme's workflow does not allow it. */
export function assertMaySubmit(target: ImportTarget): void {
  if (importMaySubmit(target)) return;
  throw new DomainError('BAD_USER_INPUT', `${target.kind === 'programme' ? 'Programme' : 'Register'} "${target.key}" does not let imports submit: its workflow needs meta.import.submit`, {
    subCode: 'SUBMIT_NOT_ALLOWED',
    messageZh: target.kind === 'programme' ? `项目「${target.name}」未允许导入时直接提交（流程定义 meta.import.submit）` : '登记簿导入没有“提交”一步',
  });
}

/** A request context acting as the importer on `em` (the import's transaction). */
function contextOf(em: EntityManager, services: Services, actor: Actor, job: ImportJob): Context {
  return { em, actor, services, requestId: `import:${job.id}`, clientIp: '', log: services.log, loaders: createLoaders(em) };
}

/** The refusal as problems on the row's cells (its field paths) or on its line. */
function refusalProblems(target: ImportTarget, row: RowToWrite, e: DomainError): RowProblem[] {
  const zh = String(e.details.messageZh ?? e.message);
  const staged = { rowNo: row.rowNo, rowKey: row.rowKey, regionCode: row.regionCode, data: row.data, memberLines: row.memberLines ?? {}, problems: null };
  const fields = (e.details.problems ?? []).map((p) => ({ ...locate(target, staged, p.path), pointer: p.path, message: `提交未通过：${p.message}`, messageEn: `not submitted: ${p.messageEn ?? p.message}` }));
  return fields.length ? fields : [{ sheet: target.layout.main.name, line: row.rowNo, column: null, pointer: null, message: `提交未通过：${zh}`, messageEn: `not submitted: ${e.message}` }];
}

/**
 * Submits the batch's new drafts on `em` (inside the batch's transaction). Answers the refused
 * rows with their problems; the others are submitted when the transaction commits.
 */
export async function submitDrafts(em: EntityManager, services: Services, actor: Actor, job: ImportJob, target: ImportTarget,
  rows: RowToWrite[], done: { rowNo: number; entityId: string; written: boolean }[]): Promise<Map<number, RowProblem[]>> {
  const refused = new Map<number, RowProblem[]>();
  const byNo = new Map(rows.map((r) => [r.rowNo, r]));
  for (const d of done) {
    if (!d.written) continue; // written by an earlier run of the same file: left as it is
    try {
      // A savepoint per case: a refusal that failed a statement (a unique claim) spoils nothing else.
      await em.transactional((sp) => submitApplication(contextOf(sp, services, actor, job), d.entityId, 1));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refused.set(d.rowNo, refusalProblems(target, byNo.get(d.rowNo)!, e));
    }
  }
  return refused;
}
