/**
 * One event sent to many cases (approve the 40 cases a township reviewed today). Each case goes
 * through `transitionApplication` exactly as a single transition would: read authorization, the
 * event's roles, its guards, the comment rule and the optimistic version check. One refused case
 * does not stop the others; with `allOrNothing` every change runs in one transaction that is
 * rolled back when any case is refused, so nothing is written.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, DomainError } from '../core/errors.js';
import { transitionApplication } from './application.service.js';
import { canRead } from './application.policy.js';

export const MAX_BULK = 200;

export interface BulkInput {
  ids: string[];
  event: string;
  comment?: string | null;
  /** Versions the user saw, in the order of `ids`; without them each case's current version is used. */
  expectedVersions?: number[] | null;
  allOrNothing?: boolean | null;
}

export interface BulkOutcome {
  id: string;
  reference: string | null;
  ok: boolean;
  code: string | null;
  message: string | null;
  messageZh: string | null;
  version: number | null;
}

/** Chinese wording of a refusal, from its code when the error has none of its own. */
const ZH: Record<string, string> = {
  NOT_FOUND: '找不到该申请（或不在您的管辖范围内）',
  FORBIDDEN: '您没有在此申请上执行该操作的权限',
  VERSION_CONFLICT: '该申请已被他人修改，请刷新后重试',
  TRANSITION_NOT_ALLOWED: '该申请当前环节不能执行此操作',
  BAD_USER_INPUT: '输入有误',
  ROLLED_BACK: '未写入：同批中有申请未能办理（全部成功才写入）',
};

function outcomeOf(id: string, e: unknown): BulkOutcome {
  if (e instanceof DomainError) {
    const zh = typeof e.details.messageZh === 'string' ? e.details.messageZh : e.details.problems?.[0]?.message ?? ZH[e.code] ?? e.message;
    return { id, reference: null, ok: false, code: e.details.subCode ? String(e.details.subCode) : e.code, message: e.message, messageZh: zh, version: null };
  }
  throw e;
}

class RollBack extends Error {}

export async function bulkTransition(ctx: Context, input: BulkInput): Promise<BulkOutcome[]> {
  requireActor(ctx);
  const ids = input.ids ?? [];
  if (ids.length === 0 || ids.length > MAX_BULK) throw badInput({ en: `Send 1–${MAX_BULK} ids`, zh: `一次 1–${MAX_BULK} 件` }, [{ path: '/input/ids', message: `一次 1–${MAX_BULK} 件`, messageEn: `1–${MAX_BULK} ids` }]);
  if (new Set(ids).size !== ids.length) throw badInput({ en: 'ids must not repeat', zh: '申请重复' }, [{ path: '/input/ids', message: '申请重复', messageEn: 'repeated id' }]);
  if (input.expectedVersions && input.expectedVersions.length !== ids.length) {
    throw badInput({ en: 'expectedVersions must have one version per id', zh: '版本号数量须与申请数量一致' }, [{ path: '/input/expectedVersions', message: '版本号数量须与申请数量一致', messageEn: 'one per id' }]);
  }

  const run = async (c: Context, stopOnFailure: boolean): Promise<BulkOutcome[]> => {
    const outcomes: BulkOutcome[] = [];
    for (const [i, id] of ids.entries()) {
      try {
        const expectedVersion = input.expectedVersions?.[i] ?? (await currentVersion(c, id));
        const app = await transitionApplication(c, id, { event: input.event, comment: input.comment, expectedVersion });
        outcomes.push({ id, reference: app.reference, ok: true, code: null, message: null, messageZh: null, version: app.version });
      } catch (e) {
        outcomes.push({ ...outcomeOf(id, e), reference: await referenceOf(c, id) });
        if (stopOnFailure) break;
      }
    }
    return outcomes;
  };

  if (!input.allOrNothing) return run(ctx, false);

  // All or nothing: the changes share one transaction (commitChange's own becomes a savepoint);
  // the first refusal rolls it back and the remaining cases are not tried.
  let outcomes: BulkOutcome[] = [];
  try {
    await ctx.em.transactional(async (tem) => {
      outcomes = await run({ ...ctx, em: tem }, true);
      if (outcomes.some((o) => !o.ok)) throw new RollBack();
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
    const done = new Map(outcomes.map((o) => [o.id, o]));
    return Promise.all(ids.map(async (id) => {
      const o = done.get(id);
      if (o && !o.ok) return o;
      return { id, reference: o?.reference ?? (await referenceOf(ctx, id)), ok: false, code: 'ROLLED_BACK', message: 'Not written: another case of the batch was refused (all or nothing)', messageZh: ZH.ROLLED_BACK!, version: null };
    }));
  }
  return outcomes;
}

/** The case's version as stored (the single-case read check still runs in transitionApplication). */
async function currentVersion(ctx: Context, id: string): Promise<number> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return 0;
  const rows = await ctx.em.getConnection().execute<{ version: number }[]>('select version from application where id = ?', [id], 'all', ctx.em.getTransactionContext());
  return rows[0]?.version ?? 0;
}

/** The reference of a case the actor may read, for the outcome table; null otherwise (no existence leak). */
async function referenceOf(ctx: Context, id: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await ctx.em.getConnection().execute<{ reference: string; region_path: string; programme_key: string }[]>(
    'select reference, region_path, programme_key from application where id = ?', [id], 'all', ctx.em.getTransactionContext(),
  );
  const r = rows[0];
  return r && canRead(requireActor(ctx), { regionPath: r.region_path, programmeKey: r.programme_key }) ? r.reference : null;
}
