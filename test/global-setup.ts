/**
 * Once per run, with TEST_DATABASE_URL: a template database migrated and seeded by the compiled
 * server in a child process. Every test server then starts on a copy of it (test/helpers/database.ts)
 * instead of migrating and seeding its own database, which was most of each file's setup time.
 *
 * Both test projects (unit and e2e, vitest.config.ts) list this file; their global setups run in
 * the same main process, so the template is made once and shared (through globalThis, since each
 * project loads this module on its own), and dropped when the last project tears down.
 */
import pg from 'pg';
import { startChildServer } from './helpers/child-server.js';

interface SharedTemplate { name: Promise<string>; users: number; admin: pg.Client }
const KEY = Symbol.for('aid.test-template');
const shared = globalThis as unknown as Record<symbol, SharedTemplate | undefined>;

async function createTemplate(base: string, admin: pg.Client): Promise<string> {
  const name = `aid_template_${process.pid}`;
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const server = await startChildServer(url.toString(), { SEED_DEMO: 'true' }, 180_000);
  await server.stop();
  return name;
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return undefined;
  let t = shared[KEY];
  if (!t) {
    const admin = new pg.Client({ connectionString: base });
    t = shared[KEY] = { name: createTemplate(base, admin), users: 0, admin };
  }
  t.users++;
  process.env.TEST_TEMPLATE_DATABASE = await t.name;
  const mine = t;
  return async () => {
    if (--mine.users > 0) return;
    shared[KEY] = undefined;
    await mine.admin.query(`drop database if exists ${await mine.name} with (force)`);
    await mine.admin.end();
  };
}
