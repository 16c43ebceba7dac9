/**
 * Objections record which client sent them as a keyed hash of the IP address, never the address
 * itself: enough to see that twenty objections came from one place, useless for finding anyone.
 * The key is random per installation, kept in app_setting so every process hashes alike.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';

const KEY = 'client_ip_hash_key';
const keys = new WeakMap<MikroORM, Promise<string>>();

async function loadKey(orm: MikroORM): Promise<string> {
  const conn = orm.em.fork().getConnection();
  await conn.execute(`insert into app_setting (key, value) values (?, ?) on conflict (key) do nothing`, [KEY, randomBytes(32).toString('base64url')]);
  const rows = await conn.execute<{ value: string }[]>(`select value from app_setting where key = ?`, [KEY]);
  return rows[0]!.value;
}

export async function hashClientIp(orm: MikroORM, ip: string): Promise<string> {
  let key = keys.get(orm);
  if (!key) {
    key = loadKey(orm);
    keys.set(orm, key);
    key.catch(() => keys.delete(orm));
  }
  return createHmac('sha256', await key).update(ip).digest('base64url').slice(0, 32);
}
