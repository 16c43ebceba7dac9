/**
 * Durable workflow timers on pg-boss. Entering a state with `after` delays schedules one job per
 * delay at its deadline; leaving the state cancels them. Both happen inside the transition's own
 * transaction (pg-boss `db` option), so a timer exists exactly when its state change committed,
 * and on embedded PGlite no second connection is awaited while the transaction is open.
 * A job that fires re-checks that the application is still in the state (and visit) it was
 * scheduled for, so a late or repeated delivery changes nothing: each timer advances a case once.
 *
 * Crash recovery: a worker marks the jobs it fetches "active". If its process dies before
 * completing them, pg-boss hands them out again only once they expire (`started_on + expire_in`),
 * which a live worker's maintenance run notices. pg-boss's defaults (15 minutes, checked every
 * 2 minutes) left cases in a notice long after its deadline; we set both (TIMER_EXPIRE_SECONDS,
 * TIMER_MAINTENANCE_SECONDS) so that a case moves within a minute of its deadline after a crash.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export const TIMER_QUEUE = 'workflow-timer';

/** The name the history shows for a move made by a timer (or by a notice ending on its deadline). */
export const TIMER_ACTOR = '系统（期满自动流转）';

export interface TimerJob {
  applicationId: string;
  state: string;
  /** The state visit (application.stateSeq) the timer belongs to. */
  stateSeq: number;
  eventType: string;
  /** Recurring reviews only (eventType REVIEW_DUE): the occurrence the job opens. */
  occurrence?: number;
}

/** Runs SQL with $n placeholders on the current transaction. */
export type SqlExecutor = (text: string, values: unknown[]) => Promise<{ rows: any[] }>;

export interface TimerOptions {
  /** Run a worker (and pg-boss maintenance) in this process. */
  work: boolean;
  expireInSeconds: number;
  maintenanceIntervalSeconds: number;
  handler: (job: TimerJob, jobId: string) => Promise<void>;
}

/** One job per application, state visit, event (and review occurrence): a repeated schedule adds nothing. */
const singletonKeyOf = (job: TimerJob) => `${job.applicationId}:${job.stateSeq}:${job.eventType}${job.occurrence === undefined ? '' : `:${job.occurrence}`}`;

export class Timers {
  /** The pg-boss instance, shared with other background queues (imports) so a process keeps one pool. */
  private constructor(readonly boss: PgBoss) {}

  private expireInSeconds = 900;

  static async start(connectionString: string, log: Logger, opts: TimerOptions): Promise<Timers> {
    if (opts.expireInSeconds < 1 || opts.maintenanceIntervalSeconds < 1) throw new Error('TIMER_EXPIRE_SECONDS and TIMER_MAINTENANCE_SECONDS must be at least 1');
    const boss = new PgBoss({
      connectionString,
      max: 3,
      schema: 'pgboss',
      // Keep created jobs as long as the longest delay (months), not pg-boss's default 14 days.
      retentionDays: 400,
      // Maintenance is what fails expired active jobs (and so retries them); only workers run it.
      // pg-boss 10 lets one process per interval do it (a timestamp in pgboss.version).
      supervise: opts.work,
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds,
      schedule: false,
    });
    boss.on('error', (err) => log.error({ err }, 'pg-boss error'));
    await boss.start();
    const queue = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: opts.expireInSeconds };
    await boss.createQueue(TIMER_QUEUE, { name: TIMER_QUEUE, ...queue });
    if (opts.work) {
      // createQueue leaves an existing queue as it was, and every job keeps the expiry it was
      // created with: bring both up to date, so timers scheduled before an upgrade recover as fast.
      await boss.updateQueue(TIMER_QUEUE, { name: TIMER_QUEUE, ...queue });
      await boss.getDb().executeSql(
        `update pgboss.job set expire_in = make_interval(secs => $2) where name = $1 and state in ('created', 'retry') and expire_in <> make_interval(secs => $2)`,
        [TIMER_QUEUE, opts.expireInSeconds],
      );
    }
    if (opts.work) {
      await boss.work<TimerJob>(TIMER_QUEUE, { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
        for (const job of jobs) await opts.handler(job.data, job.id);
      });
    }
    const timers = new Timers(boss);
    timers.expireInSeconds = opts.expireInSeconds;
    return timers;
  }

  async schedule(exec: SqlExecutor, job: TimerJob, runAt: Date): Promise<string | null> {
    const delayMs = Math.max(0, runAt.getTime() - Date.now());
    return this.boss.send(TIMER_QUEUE, job, {
      startAfter: runAt,
      singletonKey: singletonKeyOf(job),
      expireInSeconds: this.expireInSeconds,
      retentionSeconds: Math.ceil(delayMs / 1000) + 7 * 86400,
      db: { executeSql: exec },
    });
  }

  /**
   * The same job as `schedule` as parts of a larger statement (commit.ts writes a transition, its
   * history row and its timers in one statement): the job rows as a data-modifying CTE body that
   * inserts only when `guard` (a CTE name) returned a row, and the cancellation of `ids`. The
   * columns are those pg-boss 10's own insertJob/cancelJobs write (node_modules/pg-boss/src/
   * plans.js), with the queue's retry policy and dead letter read from pgboss.queue the same way;
   * the caller makes the ids (randomUUID), so the application row can name them in the same
   * statement. `param` appends a value and answers its placeholder.
   */
  insertJobsSql(param: (v: unknown) => string, jobs: { id: string; job: TimerJob; runAt: Date }[], guard: string): string {
    const rows = jobs.map(({ id, job, runAt }) => {
      const retentionSeconds = Math.ceil(Math.max(0, runAt.getTime() - Date.now()) / 1000) + 7 * 86400;
      return `(${param(id)}::uuid, ${param(JSON.stringify(job))}::jsonb, ${param(runAt)}::timestamptz, ${param(singletonKeyOf(job))}::text, ${param(retentionSeconds)}::int)`;
    });
    return `insert into pgboss.job (id, name, data, priority, start_after, singleton_key, singleton_on, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
      select j.id, q.name, j.data, 0, j.start_after, j.singleton_key, null, q.dead_letter, ${param(this.expireInSeconds)}::int * interval '1s',
             j.start_after + j.keep_seconds * interval '1s', coalesce(q.retry_limit, 2),
             case when coalesce(q.retry_backoff, false) then greatest(q.retry_delay, 1) else coalesce(q.retry_delay, 0) end,
             coalesce(q.retry_backoff, false), q.policy
        from (values ${rows.join(', ')}) as j (id, data, start_after, singleton_key, keep_seconds)
        join pgboss.queue q on q.name = ${param(TIMER_QUEUE)}
       where exists (select 1 from ${guard})
      on conflict do nothing`;
  }

  /** The cancellation of `ids` as a CTE body, done only when `guard` returned a row (see insertJobsSql). */
  cancelJobsSql(param: (v: unknown) => string, ids: string[], guard: string): string {
    return `update pgboss.job set completed_on = now(), state = 'cancelled'
      where name = ${param(TIMER_QUEUE)} and id = any(${param(ids)}::uuid[]) and state < 'completed' and exists (select 1 from ${guard})`;
  }

  async cancel(exec: SqlExecutor, ids: string[]): Promise<void> {
    if (ids.length) await this.boss.cancel(TIMER_QUEUE, ids, { db: { executeSql: exec } });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
