/**
 * Delivers the webhook outbox. A worker looks every WEBHOOK_POLL_MS for (subscription, case)
 * pairs with a pending row that is due and queues one pg-boss job per pair (queue policy
 * `stately` with the pair as key: at most one queued and one running per pair, whichever process
 * asks). The job delivers the pair's rows oldest first and stops at the first failure, which it
 * schedules again with exponential backoff; so one case's events reach a receiver in order, and
 * each at least once (a receiver deduplicates by `X-Aid-Delivery`). Only the oldest pending row of
 * a pair is ever leased, so two processes never send a pair's rows concurrently. A process that
 * dies mid-delivery leaves a lease that runs out; the row is then taken up again.
 */
import type PgBoss from 'pg-boss';
import type { Services } from '../core/services.js';
import { execOf, type SqlExec } from '../registers/sql.js';
import { signWebhook } from './webhook-signature.js';

export const WEBHOOK_QUEUE = 'webhook-deliver';
const LEASE_SECONDS = 60;
const MAX_BACKOFF_SECONDS = 3600;

interface PairJob {
  subscriptionId: string;
  applicationId: string;
}

export class WebhookDispatcher {
  private poller?: NodeJS.Timeout;
  private stopped = false;

  private constructor(private readonly boss: PgBoss, private readonly services: Services) {}

  static async start(boss: PgBoss, services: Services, work: boolean): Promise<WebhookDispatcher> {
    // Our outbox holds attempts and backoff; pg-boss's retries only cover a job that crashed.
    const queue = { policy: 'stately' as const, retryLimit: 3, retryDelay: 1, retryBackoff: true, expireInSeconds: 300 };
    await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, ...queue });
    const d = new WebhookDispatcher(boss, services);
    if (work) {
      await boss.work<PairJob>(WEBHOOK_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 4 }, async (jobs) => {
        await Promise.all(jobs.map((j) => d.deliverPair(j.data)));
      });
      const tick = () => {
        if (d.stopped) return;
        d.poll()
          .catch((err) => services.log.error({ err }, 'webhook poll failed'))
          .finally(() => {
            if (!d.stopped) d.poller = setTimeout(tick, services.config.webhooks.pollMs).unref();
          });
      };
      tick();
    }
    return d;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearTimeout(this.poller);
    await this.boss.offWork(WEBHOOK_QUEUE).catch(() => undefined);
  }

  /** Queues a job for every pair with a due row (bounded per round; the rest wait for the next). */
  async poll(): Promise<number> {
    const exec = execOf(this.services.orm.em.fork());
    const { rows } = await exec(
      `select o.subscription_id, o.application_id from webhook_outbox o join webhook_subscription s on s.id = o.subscription_id and s.active
        where o.status = 'pending' and o.next_attempt_at <= now() and (o.lease_until is null or o.lease_until < now())
        group by 1, 2 limit 200`,
      [],
    );
    for (const r of rows) {
      await this.boss.send(WEBHOOK_QUEUE, { subscriptionId: r.subscription_id, applicationId: r.application_id }, { singletonKey: `${r.subscription_id}:${r.application_id}` });
    }
    return rows.length;
  }

  /** Sends the pair's due rows in order; stops at the first failure (the next round retries it). */
  async deliverPair(job: PairJob): Promise<void> {
    const exec = execOf(this.services.orm.em.fork());
    for (let i = 0; i < 100; i++) {
      const { rows } = await exec(
        `update webhook_outbox o set lease_until = now() + make_interval(secs => $3)
           from webhook_subscription s
          where s.id = o.subscription_id and s.active
            and o.id = (select id from webhook_outbox where subscription_id = $1 and application_id = $2 and status = 'pending' order by id limit 1)
            and o.next_attempt_at <= now() and (o.lease_until is null or o.lease_until < now())
          returning o.id, o.kind, o.payload, o.attempts, o.subscription_id, s.url, s.secret`,
        [job.subscriptionId, job.applicationId, LEASE_SECONDS],
      );
      const row = rows[0];
      if (!row) return;
      if (!(await this.send(exec, row))) return;
    }
  }

  private async send(exec: SqlExec, row: { id: string; kind: string; payload: Record<string, unknown>; attempts: number; subscription_id: string; url: string; secret: string }): Promise<boolean> {
    const { maxAttempts, backoffSeconds, timeoutMs } = this.services.config.webhooks;
    const body = JSON.stringify({ deliveryId: String(row.id), subscriptionId: row.subscription_id, ...row.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'aid-platform-webhooks/1',
          'x-aid-delivery': String(row.id),
          'x-aid-event': row.kind,
          'x-aid-timestamp': String(timestamp),
          'x-aid-signature': signWebhook(row.secret, timestamp, body),
        },
        body,
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = String((e as Error)?.message ?? e).slice(0, 500);
    }
    const attempts = row.attempts + 1;
    if (!error) {
      await exec(
        `update webhook_outbox set status = 'delivered', attempts = $2, last_attempt_at = now(), last_status = $3, last_error = null, delivered_at = now(), lease_until = null where id = $1`,
        [row.id, attempts, status],
      );
      return true;
    }
    const delay = Math.min(backoffSeconds * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS);
    await exec(
      `update webhook_outbox set status = $3, attempts = $2, last_attempt_at = now(), last_status = $4, last_error = $5,
              next_attempt_at = now() + make_interval(secs => $6), lease_until = null where id = $1`,
      [row.id, attempts, attempts >= maxAttempts ? 'failed' : 'pending', status, error, delay],
    );
    this.services.log.warn({ deliveryId: row.id, attempts, status, error }, 'webhook delivery failed');
    return false;
  }
}
