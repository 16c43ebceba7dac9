import pg from 'pg';

/**
 * A fresh database for one test file: a new database on TEST_DATABASE_URL's server when set (CI),
 * otherwise undefined, which makes the server use an in-memory embedded PGlite. `seeded` asks for
 * a copy of the template the global setup migrated and seeded once (test/global-setup.ts), which
 * PostgreSQL makes in a fraction of a second instead of migrating and seeding again per file.
 */
export async function createTestDatabase(opts: { seeded?: boolean } = {}): Promise<{ url?: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { url: undefined, async drop() {} };
  const name = `aid_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const template = opts.seeded ? process.env.TEST_TEMPLATE_DATABASE : undefined;
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
