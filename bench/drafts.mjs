/**
 * Pools of fresh 低保 drafts for the write benchmarks, inserted with SQL (as createApplication
 * would leave them: version 1, a CREATE history row, a reserved reference number) in each
 * worker's own township, with data that passes the form and ID numbers that no earlier run used.
 */
import { randomUUID } from 'node:crypto';
import { rng } from './rng.mjs';
import { copyRows } from './copy.mjs';
import { IdCards, buildData } from './model.mjs';
import { nextCounter } from './db.mjs';

/**
 * `workers`: [{ user: { id, displayName, role, region }, villages: [region…] }]. Returns, per
 * worker, a list of { id, data, version } drafts: first the drafts this account already filed
 * (untouched ones, or with `anyVersion` also recycled ones), then new ones, so repeated runs
 * barely grow the table.
 */
export async function insertDraftPools(pool, { plan, example, workers, perWorker, seed, anyVersion = false }) {
  const run = await nextCounter(pool, 'pool_run');
  // Sequence digits 900–998 are kept for pools, one value per run (22,000 people per county each).
  const ids = new IdCards(900 + (run % 99), 1);
  const r = rng(seed * 7919 + run * 104729);
  const now = new Date();
  const row = plan.stateRows.get(plan.initial);
  const apps = [];
  const events = [];
  const out = [];
  const refsNeeded = new Map();
  for (const w of workers) {
    const { rows: existing } = await pool.query(
      `select id, data, version from application where created_by = $1 and programme_key = $2 and state = $3 and (version = 1 or $6)
          and region_path like $4 order by created_at limit $5`,
      [w.user.id, plan.key, plan.initial, `${w.user.region.path}%`, perWorker, anyVersion],
    );
    const list = existing.map((e) => ({ id: e.id, data: e.data, version: e.version, reused: true }));
    while (list.length < perWorker) {
      const i = list.length;
      const village = w.villages[i % w.villages.length];
      const county6 = village.code.slice(0, 6);
      const prefix = `${county6}-${plan.key.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${now.getUTCFullYear()}`;
      const data = buildData(plan.key, example, r, ids, county6, now);
      const d = { id: randomUUID(), data, version: 1, prefix, village, user: w.user };
      refsNeeded.set(prefix, (refsNeeded.get(prefix) ?? 0) + 1);
      list.push(d);
    }
    out.push(list);
  }
  // Reserve reference numbers in blocks, as nextReference would one by one.
  const next = new Map();
  for (const [prefix, n] of refsNeeded) {
    const { rows } = await pool.query(
      `insert into reference_counter (prefix, n) values ($1, $2) on conflict (prefix) do update set n = reference_counter.n + $2 returning n`,
      [prefix, n],
    );
    next.set(prefix, rows[0].n - n + 1);
  }
  for (const list of out) {
    for (const d of list.filter((x) => !x.reused)) {
      const n = next.get(d.prefix);
      next.set(d.prefix, n + 1);
      apps.push([d.id, `${d.prefix}-${String(n).padStart(6, '0')}`, plan.programmeId, plan.key, plan.versionId, d.village.code, d.village.path,
        JSON.stringify(d.data), plan.initial, row.snapshot, row.status, `{${row.actorRoles.join(',')}}`, d.data.head?.name ?? null, 1, 0, d.user.id, now, now, now]);
      events.push([d.id, 1, now, d.user.id, d.user.displayName, d.user.role, d.user.region.code, 'CREATE', null, plan.initial]);
    }
  }
  if (!apps.length) return out;
  const c = await pool.connect();
  try {
    await c.query('begin');
    await copyRows(c, 'application', ['id', 'reference', 'programme_id', 'programme_key', 'version_id', 'region_code', 'region_path', 'data', 'state', 'snapshot',
      'status', 'actor_roles', 'applicant_name', 'version', 'state_seq', 'created_by', 'created_at', 'updated_at', 'state_entered_at'], apps);
    await copyRows(c, 'application_event', ['application_id', 'seq', 'at', 'actor_id', 'actor_name', 'role', 'region_code', 'event', 'from_state', 'to_state'], events);
    await c.query('commit');
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
  return out;
}

/** The reviewer's input at village appraisal (the state's editable /appraisal). */
export function appraisal(r) {
  const attendees = r.int(25, 60);
  const against = r.int(0, 4);
  return { appraisal: { meetingDate: new Date().toISOString().slice(0, 10), attendees, votesFor: attendees - against, votesAgainst: against } };
}

/**
 * Puts drafts that a raw-SQL run moved on back into the draft state for the next run. Their
 * version (and so the history's sequence numbers) carries on; only the baseline's own drafts are
 * recycled, never anything the server wrote.
 */
export async function recycleDrafts(pool, plan, ids) {
  const row = plan.stateRows.get(plan.initial);
  await pool.query(
    `update application set state = $2, status = $3, snapshot = $4, actor_roles = $5, state_seq = version, notice_ends_at = null, submitted_at = null
      where id = any($1) and state <> $2`,
    [ids, plan.initial, row.status, row.snapshot, row.actorRoles],
  );
}
