/**
 * The embedded database's socket server (server/src/core/embedded-socket.ts): connections share
 * PGlite's one backend, so each connection's extended-protocol exchange (Parse … Sync) must run
 * whole, and a transaction must keep the backend for its connection. Before, one connection's
 * Parse could land between another's Parse and Bind (08P01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/core/embedded-db.js';

let db: EmbeddedDatabase;
const clients: pg.Client[] = [];
async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  c.on('error', () => undefined);
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  db = await startEmbeddedDatabase(undefined, 16);
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await db?.stop();
});

describe('the embedded database socket', () => {
  it('runs parameterised statements of several connections at once, each with its own parameters', async () => {
    const [a, b, c] = await Promise.all([connect(), connect(), connect()]);
    // A large parameter arrives in several reads of the socket: the old server interleaved there.
    const big = 'x'.repeat(200_000);
    // Each connection one statement after another (as pg would queue them), the three at once.
    const each = async (run: (i: number) => Promise<void>) => {
      for (let i = 0; i < 150; i++) await run(i);
    };
    await Promise.all([
      each((i) => a.query('select $1::int + $2::int as n', [i, 1]).then((r) => expect(r.rows[0].n).toBe(i + 1))),
      each((i) => b.query('select length($1::text || $2::text || $3::text) as s', [big, String(i), 'y']).then((r) => expect(r.rows[0].s).toBe(big.length + String(i).length + 1))),
      each((i) => c.query('select $1::int * 2 as n', [i]).then((r) => expect(r.rows[0].n).toBe(i * 2))),
    ]);
  }, 60_000);

  it('keeps the backend for a transaction: another connection waits and then sees the commit', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await a.query('create table if not exists socket_probe (n int)');
    await a.query('begin');
    await a.query('insert into socket_probe values ($1)', [1]);
    const order: string[] = [];
    const read = b.query('select count(*)::int as n from socket_probe').then((r) => { order.push('read'); return r.rows[0].n; });
    await new Promise((r) => setTimeout(r, 100));
    order.push('commit');
    await a.query('commit');
    expect(await read).toBe(1);
    expect(order).toEqual(['commit', 'read']);
  });

  it('rolls back the transaction of a connection that goes away, and the others go on', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await a.query('create table if not exists socket_gone (n int)');
    await a.query('begin');
    await a.query('insert into socket_gone values (1)');
    const read = b.query('select count(*)::int as n from socket_gone');
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await read).rows[0].n).toBe(0);
  });

  it('passes a NOTIFY committed on one connection to the others that LISTEN, after a large result in the same exchange', async () => {
    const [listener, other, writer] = await Promise.all([connect(), connect(), connect()]);
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
    other.on('notification', (n) => heard.push(`other ${n.channel}`));
    await listener.query('listen probe_channel');
    // The notification follows a result bigger than one chunk of output: found across chunks.
    await writer.query("select repeat('x', 300000) as big; select pg_notify('probe_channel', '/130636/')");
    await writer.query("notify probe_channel, 'second'");
    await expect.poll(() => heard).toEqual(['probe_channel:/130636/', 'probe_channel:second']);
    // The listener still runs its own statements.
    expect((await listener.query('select 1 as n')).rows[0].n).toBe(1);
  });
});
