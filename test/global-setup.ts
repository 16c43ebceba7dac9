/**
 * Once per run, with TEST_DATABASE_URL: a template database migrated and seeded by the compiled
 * server in a child process. Every test server then starts on a copy of it (test/helpers/database.ts)
 * instead of migrating and seeding its own database, which was most of each file's setup time.
 */
import pg from 'pg';
import { startChildServer } from './helpers/child-server.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return undefined;
  const name = `aid_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const server = await startChildServer(url.toString(), { SEED_DEMO: 'true' }, 180_000);
  await server.stop();
  process.env.TEST_TEMPLATE_DATABASE = name;
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
