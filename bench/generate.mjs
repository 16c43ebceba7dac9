/**
 * Bulk generator for the bench database: the province slice's regions, staff accounts for every
 * county and township, and N applications (default 1,000,000) with their histories, unique-field
 * claims and reference counters, all from a fixed seed.
 *
 * Applications are pinned to the demo seed's published example versions (the programmes are
 * created by the server's own seed/publish path); the four extra counties are the demo county's
 * siblings under 保定市 and share those programmes. States, statuses, snapshots and acting roles
 * come from the compiled workflows, exactly as commit.ts writes them.
 *
 * Loading drops the secondary indexes and constraints of the application tables, streams batches
 * with COPY FROM STDIN (copy.mjs), then rebuilds them and runs ANALYZE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applicantName } from '../dist/server/applications/commit.js';
import { rng } from './rng.mjs';
import { copyRows } from './copy.mjs';
import { sliceRegions } from './regions.mjs';
import { IdCards, PROGRAMME_KEYS, PROGRAMME_WEIGHTS, TIMER_ACTOR, buildData, commentFor, loadPublished, patchFor } from './model.mjs';

export const GENERATOR_VERSION = 4;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DAY = 86400000;
const HOUR = 3600000;
const TABLES = ['application', 'application_event', 'application_unique'];

export function loadExamples() {
  return Object.fromEntries(PROGRAMME_KEYS.map((k) => [k, JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', `${k}.json`), 'utf8')).example]));
}

const COUNTY_ROLES = ['county_office', 'finance_officer', 'housing_inspector', 'head_teacher', 'school_leader', 'principal'];
const TOWNSHIP_ROLES = ['township_reviewer', 'village_committee', 'work_team', 'verifier'];
const VERIFIERS = 5;

/**
 * Staff accounts: one per county role per county and one per township role per township (five
 * verifiers), username `b_<role>_<region code>`. They share the demo password (published in the
 * README), so the bench can sign in as any of them.
 */
export function staffAccounts(regions) {
  const short = { county_office: 'co', finance_officer: 'fin', housing_inspector: 'insp', head_teacher: 'teach', school_leader: 'lead', principal: 'prin', township_reviewer: 'tr', village_committee: 'vc', work_team: 'wt', verifier: 'ver' };
  const out = [];
  for (const reg of regions) {
    if (reg.level === 'county') {
      for (const role of COUNTY_ROLES) out.push({ username: `b_${short[role]}_${reg.code.slice(0, 6)}`, displayName: `${reg.name} ${role}`, role, region: reg });
    } else if (reg.level === 'township') {
      for (const role of TOWNSHIP_ROLES) {
        const n = role === 'verifier' ? VERIFIERS : 1;
        for (let i = 1; i <= n; i++) {
          out.push({ username: `b_${short[role]}${n > 1 ? i : ''}_${reg.code.slice(0, 9)}`, displayName: `${reg.name}${role === 'verifier' ? `核查员${i}` : ` ${role}`}`, role, region: reg });
        }
      }
    }
  }
  return out;
}

/** Inserts the slice's regions and the staff accounts (idempotent). Returns the staff with ids. */
export async function ensureRegionsAndStaff(client, r = rng(7)) {
  const regions = sliceRegions();
  await client.query(
    `insert into region (code, name, level, parent_code, path)
     select * from unnest($1::varchar[], $2::text[], $3::text[], $4::varchar[], $5::text[]) on conflict (code) do nothing`,
    [regions.map((x) => x.code), regions.map((x) => x.name), regions.map((x) => x.level), regions.map((x) => x.parentCode), regions.map((x) => x.path)],
  );
  const staff = staffAccounts(regions);
  const hash = (await client.query(`select password_hash from app_user where username = 'admin'`)).rows[0]?.password_hash;
  if (!hash) throw new Error('no admin account: the demo seed has not run');
  for (const s of staff) s.id = r.uuid();
  await client.query(
    `insert into app_user (id, username, display_name, password_hash, demo)
     select u.id, u.username, u.display_name, $4, true from unnest($1::uuid[], $2::text[], $3::text[]) as u(id, username, display_name)
     on conflict (username) do nothing`,
    [staff.map((s) => s.id), staff.map((s) => s.username), staff.map((s) => s.displayName), hash],
  );
  const ids = new Map((await client.query(`select id, username from app_user where username like 'b\\_%'`)).rows.map((u) => [u.username, u.id]));
  for (const s of staff) s.id = ids.get(s.username);
  await client.query(
    `insert into role_grant (id, user_id, role, region_code, region_path)
     select gen_random_uuid(), g.user_id, g.role, g.code, g.path from unnest($1::uuid[], $2::text[], $3::varchar[], $4::text[]) as g(user_id, role, code, path)
     on conflict (user_id, role, region_code) do nothing`,
    [staff.map((s) => s.id), staff.map((s) => s.role), staff.map((s) => s.region.code), staff.map((s) => s.region.path)],
  );
  return { regions, staff };
}

/** Who acts for `role` on a village: the county's or the township's staff account. */
export function actorIndex(staff) {
  const by = new Map(staff.map((s) => [`${s.role}|${s.region.code}|${s.username.match(/ver(\d)_/)?.[1] ?? ''}`, s]));
  return (role, villageCode, nth = 1) => {
    const county = `${villageCode.slice(0, 6)}000000`;
    const township = `${villageCode.slice(0, 9)}000`;
    const s = by.get(`${role}|${county}|`) ?? by.get(`${role}|${township}|${role === 'verifier' ? ((nth - 1) % VERIFIERS) + 1 : ''}`);
    if (!s) throw new Error(`no bench account for ${role} over ${villageCode}`);
    return s;
  };
}

/** Definitions of the indexes and unique/foreign-key constraints on the application tables. */
async function secondaryStructures(client) {
  const indexes = (await client.query(
    `select i.relname as name, pg_get_indexdef(i.oid) as def
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relname = any($1) and t.relnamespace = 'public'::regnamespace and not x.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`, [TABLES])).rows;
  const constraints = (await client.query(
    `select conname as name, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def, contype
       from pg_constraint where conrelid = any($1::regclass[]) and contype in ('u', 'f') order by contype desc`, [TABLES])).rows;
  return { indexes, constraints };
}

/**
 * Builds one application and its history. `now` anchors the three years; `at` is its creation
 * time (rows are generated in creation order, as a live system inserts them).
 */
function makeApplication(ctx, i, at) {
  const { r, plans, villages, actor, ids, refs, now } = ctx;
  const key = r.weighted(PROGRAMME_WEIGHTS);
  const plan = plans.get(key);
  const village = villages[Math.floor(r.next() * villages.length)];
  const county6 = village.code.slice(0, 6);
  const ageDays = (now - at) / DAY;
  const path = plan.steps;

  // Where the case is now: a prefix of the main path, optionally ending in REJECT or WITHDRAW.
  let k = path.length;
  let exit = null;
  const x = r.next();
  const rejectAt = () => {
    const options = [];
    for (let j = 1; j < path.length; j++) if (plan.exits.has(`${path[j].from}:REJECT`) && (j === 0 || path[j - 1].from !== path[j].from)) options.push(j);
    const j = r.pick(options);
    return [j, plan.exits.get(`${path[j].from}:REJECT`)];
  };
  if (ageDays > 120) {
    if (x < 0.01) k = 0;
    else if (x < 0.04) [k, exit] = [0, plan.exits.get(`${plan.initial}:WITHDRAW`)];
    else if (x < 0.19) [k, exit] = rejectAt();
    else if (key === 'monitoring' && x < 0.55) k = path.findIndex((s) => s.to === 'monitoring') + 1;
  } else if (x < 0.1) k = 0;
  else if (x < 0.12) [k, exit] = [0, plan.exits.get(`${plan.initial}:WITHDRAW`)];
  else if (x < 0.22) [k, exit] = rejectAt();
  else k = r.int(1, path.length);
  const steps = path.slice(0, k);
  if (exit) steps.push(exit);
  const finalState = steps.length ? steps[steps.length - 1].to : plan.initial;
  const row = plan.stateRows.get(finalState);

  // Event times: working gaps for people, exact periods for timers, squeezed into [at, now].
  const gaps = steps.map((s) => (s.timerMs ? s.timerMs + r.int(1, 60) * 1000 : s.event === 'SUBMIT' ? r.int(1, 48) * HOUR : r.int(2, 240) * HOUR));
  const total = gaps.reduce((a, b) => a + b, 0) || 1;
  let end;
  if (row.kind !== 'final' && row.timerMs && steps.length) {
    // Waiting on a timer (notice period, monitoring review): entered within the period.
    end = now - r.next() * 0.9 * row.timerMs;
    if (end <= at) end = at + (now - at) * (0.5 + r.next() / 2);
  } else end = Math.min(at + total, now - 60000);
  const scale = Math.min(row.timerMs && row.kind !== 'final' ? Infinity : 1, (end - at) / total);

  const app = {
    id: r.uuid(), programmeId: plan.programmeId, key, versionId: plan.versionId, village, state: finalState,
    createdAt: new Date(at), submittedAt: null, stateEnteredAt: new Date(at),
  };
  const filerRole = plan.draftRoles[0];
  const filer = actor(filerRole, village.code);
  app.createdBy = filer.id;
  let data = buildData(key, ctx.examples[key], r, ids, county6, new Date(now));
  const events = [{ seq: 1, at: new Date(at), actor: filer, event: 'CREATE', from: null, to: plan.initial, comment: null, patch: null }];
  let t = at;
  let stateSeq = 0;
  let quorumCount = 0;
  steps.forEach((s, j) => {
    t += gaps[j] * scale;
    const when = new Date(t);
    const seq = j + 2;
    let patch = null;
    if (s.editable.length) {
      const next = { ...data, ...patchFor(s.editable, r, when) };
      const changed = plan.changed(data, next);
      if (changed.length) patch = JSON.stringify(Object.fromEntries(changed.map((p) => [p, plan.read(next, p)])));
      data = next;
    }
    quorumCount = j > 0 && steps[j - 1].from === s.from ? quorumCount + 1 : 1;
    const who = s.role ? actor(s.role, village.code, quorumCount) : null;
    events.push({ seq, at: when, actor: who, event: s.event, from: s.from, to: s.to, comment: commentFor(s.event, s.requiresComment, r), patch });
    if (s.event === 'SUBMIT') app.submittedAt = when;
    if (s.to !== s.from) {
      stateSeq = seq;
      app.stateEnteredAt = when;
    }
  });
  app.version = events.length;
  app.stateSeq = stateSeq;
  app.updatedAt = events[events.length - 1].at;
  app.data = data;
  app.row = row;
  app.noticeEndsAt = row.noticeMs ? new Date(app.stateEnteredAt.getTime() + row.noticeMs) : null;
  const year = app.createdAt.getUTCFullYear();
  const prefix = `${county6}-${key.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${year}`;
  const n = (refs.get(prefix) ?? 0) + 1;
  refs.set(prefix, n);
  app.reference = `${prefix}-${String(n).padStart(6, '0')}`;
  app.claims = row.status !== 'DRAFT' && row.status !== 'REJECTED' && row.status !== 'WITHDRAWN'
    ? plan.unique.map((f) => claimRow(plan, f, data)) : [];
  app.events = events;
  return app;
}

const APP_COLUMNS = ['id', 'reference', 'programme_id', 'programme_key', 'version_id', 'region_code', 'region_path', 'data', 'state', 'snapshot',
  'status', 'actor_roles', 'applicant_name', 'version', 'state_seq', 'created_by', 'created_at', 'updated_at', 'submitted_at', 'state_entered_at', 'notice_ends_at'];
const EVENT_COLUMNS = ['application_id', 'seq', 'at', 'actor_id', 'actor_name', 'role', 'region_code', 'event', 'from_state', 'to_state', 'comment', 'patch'];
const UNIQUE_COLUMNS = ['claim', 'scope', 'value', 'programme_id', 'pointer', 'application_id'];

/** A claim as applications/commit.ts makes it: per programme and field (or county group), per scope values. */
const claimKey = (v) => (v === undefined || v === null || v === '' ? '' : String(v).trim().toUpperCase());
function claimRow(plan, f, data) {
  const claim = f.group ? `g:${plan.regionPath.split('/')[2]}:${f.group}` : `p:${plan.programmeId}:${f.pointer}`;
  const scope = f.scope?.length ? JSON.stringify(f.scope.map((p) => claimKey(plan.read(data, p)) || null)) : '';
  return [claim, scope, claimKey(plan.read(data, f.pointer)), f.pointer];
}

/** Rows (value arrays) for one batch of applications, their events and unique claims. */
export function batchRows(apps) {
  const a = [];
  const e = [];
  const u = [];
  for (const app of apps) {
    a.push([app.id, app.reference, app.programmeId, app.key, app.versionId, app.village.code, app.village.path, JSON.stringify(app.data), app.state,
      app.row.snapshot, app.row.status, `{${app.row.actorRoles.join(',')}}`, applicantName(app.data), app.version, app.stateSeq, app.createdBy,
      app.createdAt, app.updatedAt, app.submittedAt, app.stateEnteredAt, app.noticeEndsAt]);
    for (const ev of app.events) {
      e.push([app.id, ev.seq, ev.at, ev.actor?.id ?? null, ev.actor?.displayName ?? TIMER_ACTOR, ev.actor?.role ?? null, ev.actor?.region.code ?? null,
        ev.event, ev.from, ev.to, ev.comment, ev.patch]);
    }
    for (const [claim, scope, value, pointer] of app.claims) u.push([claim, scope, value, app.programmeId, pointer, app.id]);
  }
  return { a, e, u };
}

/** Writes one batch with COPY (atomic per table; a failed generation leaves no marker and is rebuilt). */
export async function insertBatch(client, apps) {
  const { a, e, u } = batchRows(apps);
  await copyRows(client, 'application', APP_COLUMNS, a);
  await copyRows(client, 'application_event', EVENT_COLUMNS, e);
  if (u.length) await copyRows(client, 'application_unique', UNIQUE_COLUMNS, u);
  return e.length;
}

/**
 * Generates `applications` cases into the database behind `pool` (a pg.Pool with ≥ 2 clients).
 * Expects the server to have migrated and seeded it. Returns counts and timings.
 */
export async function generate(pool, { applications, seed = 1, batch = 5000, log = console.log, years = 3 }) {
  const started = Date.now();
  const client = await pool.connect();
  let regions, staff, plans;
  try {
    ({ regions, staff } = await ensureRegionsAndStaff(client));
    plans = await loadPublished(client, loadExamples());
  } finally {
    client.release();
  }
  const r = rng(seed);
  const now = Date.now();
  const span = years * 365 * DAY;
  const refs = new Map((await pool.query('select prefix, n from reference_counter')).rows.map((x) => [x.prefix, x.n]));
  const ctx = {
    r, plans, now, refs, ids: new IdCards(0, 900), examples: loadExamples(),
    villages: regions.filter((x) => x.level === 'village'), actor: actorIndex(staff),
  };
  // Validate a sample of generated data with the server's own compiled forms: the pool drafts get
  // submitted through the API, and a dataset the server would refuse measures nothing.
  for (const key of PROGRAMME_KEYS) {
    const sample = buildData(key, ctx.examples[key], rng(99), new IdCards(950, 10), '130636', new Date());
    const problems = plans.get(key).form.validate(sample);
    if (problems.length) throw new Error(`generated ${key} data is invalid: ${JSON.stringify(problems)}`);
  }

  const { indexes, constraints } = await secondaryStructures(pool);
  log(`  dropping ${indexes.length} indexes and ${constraints.length} constraints for the bulk load`);
  for (const c of constraints) await pool.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const i of indexes) await pool.query(`drop index ${i.name}`);
  // Generated history is the past, not changes happening now: no notifications, webhooks or board
  // invalidations for it (migration 020's triggers), re-enabled after the load.
  const liveTriggers = [['application_event', 'application_event_notifications'], ['application_event', 'application_event_webhooks'],
    ['application', 'application_public_board'], ['application', 'application_public_board_left']];
  const present = (await pool.query(`select tgrelid::regclass::text as tbl, tgname from pg_trigger where tgname = any($1)`, [liveTriggers.map(([, t]) => t)])).rows;
  for (const t of present) await pool.query(`alter table ${t.tbl} disable trigger ${t.tgname}`);

  let events = 0;
  const inFlight = new Set();
  let lastLog = Date.now();
  for (let start = 0; start < applications; start += batch) {
    const apps = [];
    const end = Math.min(applications, start + batch);
    for (let i = start; i < end; i++) {
      apps.push(makeApplication(ctx, i, now - span + ((i + r.next()) * span) / applications));
      if (i % 1000 === 999) await new Promise((res) => setImmediate(res)); // let sockets drain
    }
    while (inFlight.size >= 2) await Promise.race(inFlight);
    const p = (async () => {
      const c = await pool.connect();
      try {
        const n = await insertBatch(c, apps);
        events += n;
      } finally {
        c.release();
      }
    })();
    inFlight.add(p);
    p.then(() => inFlight.delete(p), () => inFlight.delete(p));
    if (Date.now() - lastLog > 15000) {
      lastLog = Date.now();
      log(`  ${end.toLocaleString('en')} / ${applications.toLocaleString('en')} applications (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  }
  await Promise.all(inFlight);
  for (const t of present) await pool.query(`alter table ${t.tbl} enable trigger ${t.tgname}`);
  const loaded = Date.now();
  log(`  loaded ${applications.toLocaleString('en')} applications and ${events.toLocaleString('en')} events in ${Math.round((loaded - started) / 1000)} s; rebuilding indexes`);

  // Rebuild: indexes in two sessions side by side (2 cores), then constraints (unique first).
  const queue = indexes.map((i) => i.def);
  await Promise.all([0, 1].map(async () => {
    const c = await pool.connect();
    try {
      await c.query(`set maintenance_work_mem = '256MB'`);
      for (let def = queue.shift(); def; def = queue.shift()) await c.query(def);
    } finally {
      c.release();
    }
  }));
  for (const c of constraints) {
    const cl = await pool.connect();
    try {
      await cl.query(`set maintenance_work_mem = '256MB'`);
      await cl.query(`alter table ${c.tbl} add constraint ${c.name} ${c.def}`);
    } finally {
      cl.release();
    }
  }
  await pool.query(
    `insert into reference_counter (prefix, n) select * from unnest($1::text[], $2::int[])
     on conflict (prefix) do update set n = greatest(reference_counter.n, excluded.n)`,
    [[...refs.keys()], [...refs.values()]],
  );
  // VACUUM as well as ANALYZE: a live database is vacuumed routinely, and a freshly loaded one
  // would otherwise be vacuumed by autovacuum in the middle of the measurements.
  for (const t of TABLES) await pool.query(`vacuum (analyze) ${t}`);
  await pool.query('analyze');
  const done = Date.now();
  log(`  indexes, constraints, VACUUM and ANALYZE in ${Math.round((done - loaded) / 1000)} s`);
  return { applications, events, loadSeconds: (loaded - started) / 1000, indexSeconds: (done - loaded) / 1000, seconds: (done - started) / 1000 };
}
