/**
 * Durable workflow timers on pg-boss. Entering a state with `after` delays schedules one job per
 * delay at its deadline; leaving the state cancels them. Both happen inside the transition's own
 * transaction (pg-boss `db` option), so a timer exists exactly when its state change committed,
 * and on embedded PGlite no second connection is awaited while the transaction is open.
 * A job that fires re-checks that the application is still in the state (and visit) it was
 * scheduled for, so a late or repeated delivery changes nothing: each timer advances a case once.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export const TIMER_QUEUE = 'workflow-timer';

export interface TimerJob {
  applicationId: string;
  state: string;
  /** The state visit (application.stateSeq) the timer belongs to. */
  stateSeq: number;
  eventType: string;
}

/** Runs SQL with $n placeholders on the current transaction. */
export type SqlExecutor = (text: string, values: unknown[]) => Promise<{ rows: any[] }>;

export class Timers {
  private constructor(private readonly boss: PgBoss) {}

  static async start(connectionString: string, log: Logger, opts: { work: boolean; handler: (job: TimerJob, jobId: string) => Promise<void> }): Promise<Timers> {
    const boss = new PgBoss({
      connectionString,
      max: 3,
      schema: 'pgboss',
      // Keep created jobs as long as the longest delay (months), not pg-boss's default 14 days.
      retentionDays: 400,
      supervise: opts.work,
      schedule: false,
    });
    boss.on('error', (err) => log.error({ err }, 'pg-boss error'));
    await boss.start();
    await boss.createQueue(TIMER_QUEUE, { name: TIMER_QUEUE, retryLimit: 5, retryDelay: 5, retryBackoff: true });
    if (opts.work) {
      await boss.work<TimerJob>(TIMER_QUEUE, { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
        for (const job of jobs) await opts.handler(job.data, job.id);
      });
    }
    return new Timers(boss);
  }

  async schedule(exec: SqlExecutor, job: TimerJob, runAt: Date): Promise<string | null> {
    const delayMs = Math.max(0, runAt.getTime() - Date.now());
    return this.boss.send(TIMER_QUEUE, job, {
      startAfter: runAt,
      singletonKey: `${job.applicationId}:${job.stateSeq}:${job.eventType}`,
      retentionSeconds: Math.ceil(delayMs / 1000) + 7 * 86400,
      db: { executeSql: exec },
    });
  }

  async cancel(exec: SqlExecutor, ids: string[]): Promise<void> {
    if (ids.length) await this.boss.cancel(TIMER_QUEUE, ids, { db: { executeSql: exec } });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
