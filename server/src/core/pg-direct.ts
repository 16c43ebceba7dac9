/**
 * Plain node-postgres statements for the hot paths (loading the actor and the case, committing a
 * transition). MikroORM's `execute` goes through knex and formats every value into the SQL text
 * on the client (escaping the whole form data as a string literal); here the values travel as
 * bind parameters and each statement is prepared once per connection, so a transition costs the
 * server a fraction of the CPU. The connection comes from the ORM's own pool (no second pool).
 */
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlExecutor } from './sql.js';

/** Runs SQL with $n placeholders; resolves to the rows. */
export type DirectExec = (text: string, values?: unknown[]) => Promise<{ rows: any[]; rowCount?: number | null }>;

interface PgClient {
  query(config: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: any[]; rowCount: number | null }>;
}

interface KnexPoolClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(c: PgClient): Promise<void>;
}

/** Statement names by text: the text is the identity, so a name never means two statements. */
const names = new Map<string, string>();
const MAX_NAMES = 500;
function nameOf(text: string): string | undefined {
  let n = names.get(text);
  if (n) return n;
  // Bounded: a statement built from unbounded input would otherwise grow this (and each
  // connection's prepared statements) forever; past the bound it simply runs unprepared.
  if (names.size >= MAX_NAMES) return undefined;
  n = `aid_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  names.set(text, n);
  return n;
}

function execOn(client: PgClient, prepare: boolean): DirectExec {
  return (text, values = []) => client.query({ text, values, name: prepare ? nameOf(text) : undefined });
}

/**
 * Pools whose connections share one backend session (embedded PGlite behind its socket server):
 * a statement prepared on one connection already exists for the next, so the server would refuse
 * the second PREPARE of the same name (42P05). Their statements run unnamed.
 */
const sharedSession = new WeakSet<object>();
export function doNotPrepareOn(orm: MikroORM): void {
  sharedSession.add(poolOf(orm));
}

/**
 * Whether the ORM's connections share one backend session (embedded PGlite). There, statements
 * of different connections can interleave between a Parse and its Bind, so a caller that does
 * not need bind parameters keeps to MikroORM's simple-protocol queries.
 */
export function sharesSession(orm: MikroORM | EntityManager): boolean {
  return sharedSession.has(poolOf(orm));
}

function poolOf(orm: MikroORM | EntityManager): KnexPoolClient {
  const conn = 'em' in orm ? orm.em.getConnection() : orm.getConnection();
  return conn.getKnex().client as unknown as KnexPoolClient;
}

/** One connection from the ORM's pool for the duration of `work`, outside any transaction. */
export async function withConnection<T>(orm: MikroORM | EntityManager, work: (exec: DirectExec) => Promise<T>): Promise<T> {
  const pool = poolOf(orm);
  const client = await pool.acquireConnection();
  try {
    return await work(execOn(client, !sharedSession.has(pool)));
  } finally {
    await pool.releaseConnection(client);
  }
}

/**
 * `work` in one transaction: on the EntityManager's open transaction when it has one (a bulk
 * change that is all or nothing), otherwise on a connection of its own with BEGIN/COMMIT.
 */
export async function inTransaction<T>(em: EntityManager, work: (exec: DirectExec) => Promise<T>): Promise<T> {
  if (em.isInTransaction()) return work(sqlExecutor(em));
  return withConnection(em, async (exec) => {
    await exec('begin');
    try {
      const result = await work(exec);
      await exec('commit');
      return result;
    } catch (e) {
      // A broken connection cannot roll back; the pool discards it and PostgreSQL aborts the transaction.
      await exec('rollback').catch(() => {});
      throw e;
    }
  });
}

/** One statement: on the EntityManager's open transaction when it has one, else on a pooled connection. */
export async function query(em: EntityManager, text: string, values: unknown[] = []): Promise<{ rows: any[] }> {
  if (em.isInTransaction()) return sqlExecutor(em)(text, values);
  return withConnection(em, (exec) => exec(text, values));
}
