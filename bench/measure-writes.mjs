/**
 * Measurements 1 and 2: workflow throughput through the GraphQL API (submit, then approve with the
 * appraisal data, by village-committee accounts each covering one township), and the same row
 * changes done by a minimal raw-SQL client, both with the same number of concurrent clients.
 */
import pg from 'pg';
import { rng } from './rng.mjs';
import { codeOf } from './http.mjs';
import { timedLoad } from './stats.mjs';
import { appraisal, insertDraftPools, recycleDrafts } from './drafts.mjs';

export const DEMO_PASSWORD = 'demo-2026-aid';

const SUBMIT = 'mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version state status stateTitle } }';
const APPROVE = `mutation($id: ID!, $v: Int!, $d: JSON, $c: String) {
  transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v, data: $d, comment: $c) { id version state status stateTitle } }`;

/**
 * One township per client, spread over the slice, with its village-committee account. `offset`
 * keeps the measurements apart: API writes use townships 0 mod 6 (in code order), the raw-SQL
 * baseline 3 mod 6, the two-process run 1 mod 6, and the list samples 5 mod 6.
 */
export function writeWorkers(ctx, clients, offset = 0) {
  const townships = ctx.regions.filter((x) => x.level === 'township');
  const slots = townships.filter((_, i) => i % 6 === offset);
  return Array.from({ length: clients }, (_, i) => {
    const t = slots[Math.floor((i * slots.length) / clients) % slots.length];
    const user = ctx.staff.find((s) => s.role === 'village_committee' && s.region.code === t.code);
    return { township: t, user, villages: ctx.regions.filter((x) => x.parentCode === t.code) };
  });
}

function poolSize(o) {
  return o.poolPerClient ?? Math.ceil((o.targetRate * 1.5 * (o.warmupS + o.durationS)) / 2 / o.clients);
}

/**
 * Measurement 1. `apis` (default: the one server) are used round-robin by the clients, for the
 * two-process variant; `meter` and `rss` then cover all of them.
 */
export async function measureApiWrites(ctx, o, { apis = [ctx.api], offset = 0, meter = ctx.cpuMeter(), rssSampler = ctx.rssSampler } = {}) {
  const plan = ctx.plans.get('dibao');
  const workers = writeWorkers(ctx, o.clients, offset);
  const pools = await insertDraftPools(ctx.db, { plan, example: ctx.examples.dibao, workers, perWorker: poolSize(o), seed: 11 + offset });
  const apiOf = (w) => apis[w % apis.length];
  const tokens = await Promise.all(workers.map((w, i) => apiOf(i).login(w.user.username, DEMO_PASSWORD)));
  const r = rng(5);
  const next = pools.map(() => 0);
  const rss = rssSampler();
  const result = await timedLoad({
    workers: o.clients, warmupMs: o.warmupS * 1000, durationMs: o.durationS * 1000, meter,
    async step(w) {
      const d = pools[w][next[w]++];
      if (!d) return null;
      const s = await apiOf(w).gql(SUBMIT, { id: d.id, v: 1 }, tokens[w]);
      if (s.errors) return { transitions: 0, latencies: [], errors: [`submit ${codeOf(s)}: ${s.errors[0].message.slice(0, 120)}`] };
      const a = await apiOf(w).gql(APPROVE, { id: d.id, v: s.data.submitApplication.version, d: appraisal(r), c: '经民主评议同意' }, tokens[w]);
      const ok = !a.errors;
      return {
        transitions: 1 + (ok ? 1 : 0), latencies: [['submit', s.ms], ...(ok ? [['approve', a.ms]] : [])],
        errors: ok ? [] : [`approve ${codeOf(a)}: ${a.errors[0].message.slice(0, 120)}`],
      };
    },
  });
  result.rss = rss.stop();
  result.pool = poolSize(o) * o.clients;
  return result;
}

/**
 * The baseline: per transition one transaction that loads the row, checks the version, updates
 * it and appends the history row: what any implementation must at least do. No validation,
 * authorization, unique claims or timers.
 */
export async function measureRawWrites(ctx, o) {
  const plan = ctx.plans.get('dibao');
  const workers = writeWorkers(ctx, o.clients, 3);
  // The baseline is about twice as fast: a bigger pool, recycled after the run (see recycleDrafts).
  const pools = await insertDraftPools(ctx.db, { plan, example: ctx.examples.dibao, workers, perWorker: poolSize({ ...o, targetRate: o.targetRate * 2.5 }), seed: 12, anyVersion: true });
  const db = new pg.Pool({ connectionString: ctx.databaseUrl, max: o.clients });
  const steps = plan.steps;
  const submit = steps.find((s) => s.event === 'SUBMIT');
  const approve = steps.find((s) => s.from === submit.to);
  const r = rng(6);
  const next = pools.map(() => 0);

  async function transition(client, d, user, expected, step, patch) {
    const to = plan.stateRows.get(step.to);
    await client.query('begin');
    try {
      const { rows } = await client.query('select id, version, state, data from application where id = $1', [d.id]);
      if (!rows[0] || rows[0].version !== expected || rows[0].state !== step.from) throw new Error('VERSION_CONFLICT');
      const data = patch ? { ...rows[0].data, ...patch } : rows[0].data;
      const now = new Date();
      const u = await client.query(
        `update application set state = $3, snapshot = $4, status = $5, actor_roles = $6, data = $7, version = $8, state_seq = $8,
                updated_at = $9, state_entered_at = $9, submitted_at = coalesce(submitted_at, $10), notice_ends_at = $11
          where id = $1 and version = $2`,
        [d.id, expected, step.to, to.snapshot, to.status, `{${to.actorRoles.join(',')}}`, JSON.stringify(data), expected + 1, now,
          step.event === 'SUBMIT' ? now : null, to.noticeMs ? new Date(now.getTime() + to.noticeMs) : null],
      );
      if (u.rowCount !== 1) throw new Error('VERSION_CONFLICT');
      await client.query(
        `insert into application_event (application_id, seq, at, actor_id, actor_name, role, region_code, event, from_state, to_state, comment, patch)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [d.id, expected + 1, now, user.id, user.displayName, user.role, user.region.code, step.event, step.from, step.to, null, patch ? JSON.stringify(patch) : null],
      );
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    }
  }

  const clients = await Promise.all(workers.map(() => db.connect()));
  try {
    return await timedLoad({
      workers: o.clients, warmupMs: o.warmupS * 1000, durationMs: o.durationS * 1000, meter: ctx.cpuMeter(),
      async step(w) {
        const d = pools[w][next[w]++];
        if (!d) return null;
        const t0 = performance.now();
        await transition(clients[w], d, workers[w].user, d.version, submit);
        const t1 = performance.now();
        await transition(clients[w], d, workers[w].user, d.version + 1, approve, appraisal(r));
        return { transitions: 2, latencies: [['submit', t1 - t0], ['approve', performance.now() - t1]] };
      },
    });
  } finally {
    for (const c of clients) c.release();
    await db.end();
    await recycleDrafts(ctx.db, plan, pools.flatMap((list, w) => list.slice(0, next[w])).map((d) => d.id));
  }
}
