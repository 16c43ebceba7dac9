/** The bench database: created when missing, rebuilt on --fresh, marked once generated. */
import pg from 'pg';

export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/aid_bench';
/** Only databases with these names are ever dropped: never a dev or production database. */
const DROPPABLE = /^aid_(bench|test)[a-z0-9_]*$/;

export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function maintenanceUrl(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function databaseExists(url) {
  const name = databaseName(url);
  return withClient(maintenanceUrl(url), async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount > 0);
}

export async function createDatabase(url) {
  const name = databaseName(url);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to create database "${name}": use a plain lower-case name`);
  await withClient(maintenanceUrl(url), (c) => c.query(`create database ${name}`));
}

export async function dropDatabase(url) {
  const name = databaseName(url);
  if (!DROPPABLE.test(name)) throw new Error(`refusing to drop database "${name}": the bench only drops databases named aid_bench… or aid_test…`);
  await withClient(maintenanceUrl(url), (c) => c.query(`drop database if exists ${name} with (force)`));
}

/** The dataset marker written after a complete generation, or null. */
export async function readMarker(url) {
  return withClient(url, async (c) => {
    const t = await c.query(`select to_regclass('public.bench_meta') as t`);
    if (!t.rows[0].t) return null;
    return (await c.query(`select value from bench_meta where key = 'dataset'`)).rows[0]?.value ?? null;
  });
}

export async function writeMarker(url, value) {
  await withClient(url, async (c) => {
    await c.query('create table if not exists bench_meta (key text primary key, value jsonb not null)');
    await c.query(`insert into bench_meta (key, value) values ('dataset', $1) on conflict (key) do update set value = excluded.value`, [value]);
  });
}

/** A counter kept in the bench database (e.g. the next free ID-number range for draft pools). */
export async function nextCounter(pool, key) {
  await pool.query('create table if not exists bench_meta (key text primary key, value jsonb not null)');
  const { rows } = await pool.query(
    `insert into bench_meta (key, value) values ($1, '1') on conflict (key) do update set value = to_jsonb((bench_meta.value::text)::int + 1) returning value`,
    [key],
  );
  return Number(rows[0].value);
}

export async function serverVersion(url) {
  return withClient(url, async (c) => {
    const v = (await c.query('show server_version')).rows[0].server_version;
    const s = (await c.query(`select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'synchronous_commit', 'max_connections')`)).rows;
    return { version: v, settings: Object.fromEntries(s.map((x) => [x.name, x.unit === '8kB' ? `${(Number(x.setting) * 8) / 1024} MB` : x.unit === 'kB' ? `${Number(x.setting) / 1024} MB` : x.setting])) };
  });
}
