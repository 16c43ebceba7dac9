import pg from 'pg';

/**
 * The SQL statements sent to PostgreSQL while `work` runs (the test server runs in this process,
 * so every pg client is seen). pg-boss polls and maintains its queue on its own connections
 * meanwhile, the webhook dispatcher polls its outbox (every `webhooks.pollMs`, so now and then
 * inside a slow request's window) and the actor cache listens: those are not the request's and
 * are left out, except a transition's own statement, which may insert pg-boss jobs and outbox rows.
 */
export async function statements(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, config: any, ...rest: any[]) {
    seen.push(typeof config === 'string' ? config : config?.text);
    return (original as any).call(this, config, ...rest);
  } as any;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen.filter((t) => !/^\s*listen /i.test(t) && (!/pgboss\.|webhook_outbox/i.test(t) || /^with updated/.test(t)));
}
