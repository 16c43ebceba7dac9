/**
 * Scheduled quality runs, configured as data: one row per region in quality_schedule with a cron
 * expression (at most hourly: a run reads every record of the region, so "every minute" is refused
 * at save). Each schedule is a chain of pg-boss jobs on queue `quality-run`, one per occurrence,
 * each sent by the run before it (like recurring reviews): the job claims its occurrence with an
 * `UPDATE … WHERE next_run_at = $at`, so across processes and re-deliveries an occurrence runs once.
 * pg-boss's own cron keeps one schedule per queue name and the process's instance runs with its
 * scheduler off; a chain needs neither and follows a changed row at its next occurrence.
 */
import cronParser from 'cron-parser';
import type PgBoss from 'pg-boss';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, forbidden } from '../core/errors.js';
import type { Services } from '../core/services.js';
import { sqlExecutor } from '../core/sql.js';
import { getRegion } from '../regions/region.service.js';
import { canDesign } from '../programmes/programme.policy.js';
import { execOf, toDate, type SqlExec } from '../registers/sql.js';
import { runQuality, SCHEDULED_ROW_BUDGET } from './run.js';

export const QUALITY_QUEUE = 'quality-run';
/** The shortest gap a schedule may have between two runs. */
export const MIN_INTERVAL_MS = 3600_000;
/** Schedules run in China Standard Time: "0 2 * * *" is 02:00 in the county. */
export const SCHEDULE_TZ = 'Asia/Shanghai';

export interface QualitySchedule {
  regionCode: string;
  cron: string;
  enabled: boolean;
  nextRunAt: Date | null;
  updatedAt: Date;
}

const fromRow = (r: Record<string, any>): QualitySchedule => ({
  regionCode: r.region_code, cron: r.cron, enabled: !!r.enabled, nextRunAt: toDate(r.next_run_at), updatedAt: toDate(r.updated_at),
});

const refuse = (zh: string, en: string) => badInput({ en: `The schedule is invalid: ${en}`, zh: `计划有误：${zh}` }, [{ path: '/cron', message: zh, messageEn: en }]);

/** The next occurrence after `from`; refuses expressions that do not parse or run more than hourly. */
export function nextOccurrence(cron: string, from: Date): Date {
  if (typeof cron !== 'string' || cron.length > 100 || cron.trim().split(/\s+/).length !== 5) throw refuse('须为 5 段的 cron 表达式，如 "0 2 * * *"（每天 2 点）', 'must be a 5-field cron expression such as "0 2 * * *" (02:00 daily)');
  let it;
  try {
    it = cronParser.parseExpression(cron, { currentDate: from, tz: SCHEDULE_TZ });
  } catch {
    throw refuse('cron 表达式无法解析', 'the cron expression does not parse');
  }
  const times = [it.next().toDate(), it.next().toDate(), it.next().toDate()];
  for (let i = 1; i < times.length; i++) {
    if (times[i]!.getTime() - times[i - 1]!.getTime() < MIN_INTERVAL_MS) throw refuse('最多每小时运行一次', 'may run at most once an hour');
  }
  return times[0]!;
}

async function send(boss: PgBoss | undefined, regionCode: string, at: Date): Promise<void> {
  if (!boss) return;
  await boss.send(QUALITY_QUEUE, { regionCode, at: at.toISOString() }, { startAfter: at, singletonKey: `${regionCode}:${at.toISOString()}` });
}

/** Sets (or replaces) a region's schedule: designers and county administrators of the region. */
export async function setQualitySchedule(ctx: Context, regionCode: string, cron: string, enabled: boolean): Promise<QualitySchedule> {
  const actor = requireActor(ctx);
  const region = await getRegion(ctx.em, regionCode);
  if (!canDesign(actor, region.path)) throw forbidden({ en: 'Only designers and county administrators of the region may schedule quality runs', zh: '只有本地区的项目设计人员或县级管理员可以设置数据质量检查计划' });
  const now = ctx.services.clock();
  const next = nextOccurrence(cron, now);
  const { rows } = await execOf(ctx.em)(
    `insert into quality_schedule (region_code, region_path, cron, enabled, next_run_at, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (region_code) do update set cron = excluded.cron, enabled = excluded.enabled, next_run_at = excluded.next_run_at, updated_by = excluded.updated_by, updated_at = excluded.updated_at
     returning *`,
    [region.code, region.path, cron.trim(), enabled, enabled ? next : null, actor.id, now],
  );
  if (enabled) await send(ctx.services.timers?.boss, region.code, next);
  return fromRow(rows[0]!);
}

export async function listQualitySchedules(ctx: Context): Promise<QualitySchedule[]> {
  const actor = requireActor(ctx);
  const { rows } = await execOf(ctx.em)(`select * from quality_schedule order by region_code limit 500`);
  return rows.filter((r) => actor.grants.some((g) => r.region_path.startsWith(g.regionPath)) || actor.grants.some((g) => g.role === 'admin')).map(fromRow);
}

/**
 * One scheduled occurrence: claims it (a stale or repeated job finds next_run_at moved on and does
 * nothing), sends the next one, then runs. Answers whether it ran.
 */
export async function runScheduledOccurrence(exec: SqlExec, boss: PgBoss | undefined, regionCode: string, at: string, now: Date): Promise<boolean> {
  const { rows } = await exec(`select * from quality_schedule where region_code = $1 and enabled and next_run_at = $2::timestamptz`, [regionCode, at]);
  const schedule = rows[0];
  if (!schedule) return false;
  const next = nextOccurrence(schedule.cron, new Date(Math.max(now.getTime(), new Date(at).getTime())));
  const claimed = await exec(`update quality_schedule set next_run_at = $3 where region_code = $1 and next_run_at = $2::timestamptz returning region_code`, [regionCode, at, next]);
  if (!claimed.rows[0]) return false;
  await send(boss, regionCode, next);
  await runQuality(exec, { regionCode, regionPath: schedule.region_path, trigger: 'schedule', startedBy: null, rowBudget: SCHEDULED_ROW_BUDGET, now });
  return true;
}

/** Starts the worker of scheduled runs on the process's pg-boss (the timers'). */
export async function startQualitySchedules(services: Services): Promise<{ stop(): Promise<void> }> {
  const boss = services.timers?.boss;
  if (!boss) return { stop: async () => undefined };
  await boss.createQueue(QUALITY_QUEUE, { name: QUALITY_QUEUE, retryLimit: 2, expireInSeconds: 3600 });
  if (services.config.timers) {
    await boss.work<{ regionCode: string; at: string }>(QUALITY_QUEUE, { pollingIntervalSeconds: 5, batchSize: 1 }, async ([job]) => {
      if (!job) return;
      const em = services.orm.em.fork();
      const ran = await runScheduledOccurrence(sqlExecutor(em), boss, job.data.regionCode, job.data.at, services.clock());
      services.log.info({ regionCode: job.data.regionCode, at: job.data.at, ran }, 'scheduled quality run');
    });
  }
  return { stop: async () => void (await boss.offWork(QUALITY_QUEUE).catch(() => undefined)) };
}
