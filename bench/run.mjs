/**
 * The benchmark harness behind `npm run bench` (scripts/bench.mjs) and the smoke test: prepares
 * the bench database (generating the dataset unless its marker says it is there), runs the real
 * compiled server in a child process, takes the measurements and returns them; `report.mjs`
 * turns them into docs/benchmarks.md.
 *
 * Import only after the server is built: the modules here import dist/server.
 */
import os from 'node:os';
import pg from 'pg';
import { DEFAULT_BENCH_URL, createDatabase, databaseExists, databaseName, dropDatabase, readMarker, serverVersion, writeMarker } from './db.mjs';
import { GENERATOR_VERSION, ensureRegionsAndStaff, generate, loadExamples } from './generate.mjs';
import { loadPublished } from './model.mjs';
import { cpuMeter, cpuSeconds, startChildServer, sampler } from './server.mjs';
import { gqlClient } from './http.mjs';
import { measureApiWrites, measureRawWrites } from './measure-writes.mjs';
import { measureLists } from './measure-lists.mjs';
import { measureNotices, measureStats } from './measure-reads.mjs';
import { measureExports } from './measure-exports.mjs';
import { measureReports } from './measure-reports.mjs';
import { ensureRegister } from './register.mjs';
import { measureRegister } from './measure-register.mjs';

export const DEFAULTS = {
  databaseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_URL,
  applications: 1_000_000,
  seed: 1,
  fresh: false,
  clients: 16,
  durationS: 30,
  warmupS: 3,
  /** Draft pools are sized for 1.5 × this rate (transitions/s); a client that runs dry stops. */
  targetRate: 1000,
  poolPerClient: undefined,
  listTownships: 10,
  listSamples: 200,
  deepTownships: 5,
  deepPages: 50,
  deepSamples: 20,
  statsProgrammes: ['dibao', 'monitoring'],
  statsSamples: 20,
  noticeDurationS: 10,
  /** The household register beside the applications (measurement 7). */
  households: 300_000,
  persons: 1_000_000,
  registerSamples: 100,
  /** Change requests approved (effects on the household) and as many rejected (none). */
  registerTransitions: 300,
  /** Also run measurement 1 through two server processes (1b). */
  scaleOut: true,
  only: undefined,
  serverLogLevel: 'warn',
  log: (msg) => console.log(msg),
};

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model?.trim() ?? 'unknown'} × ${cpus.length}`,
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/** Creates or reuses the bench dataset. Returns { marker, generated }. */
async function prepareDatabase(o, log) {
  const exists = await databaseExists(o.databaseUrl);
  const marker = exists ? await readMarker(o.databaseUrl) : null;
  const wanted = { generator: GENERATOR_VERSION, applications: o.applications, seed: o.seed };
  const reuse = !o.fresh && marker && Object.entries(wanted).every(([k, v]) => marker[k] === v);
  if (reuse) {
    log(`dataset: reusing ${databaseName(o.databaseUrl)} (${marker.applications.toLocaleString('en')} applications, generated ${marker.generatedAt})`);
    return { marker, rebuild: false };
  }
  log(`dataset: ${exists ? (o.fresh ? '--fresh: rebuilding' : marker ? 'different size or generator: rebuilding' : 'no complete dataset: rebuilding') : 'creating'} ${databaseName(o.databaseUrl)}`);
  if (exists) await dropDatabase(o.databaseUrl);
  await createDatabase(o.databaseUrl);
  return { marker: null, rebuild: true };
}

export async function runBench(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const log = o.log;
  const started = Date.now();
  const prep = await prepareDatabase(o, log);

  log('server: starting the compiled server (migrations, demo seed) in a child process');
  const start = () => startChildServer({ databaseUrl: o.databaseUrl, env: 'production', logLevel: o.serverLogLevel, execArgv: o.serverExecArgv ?? [] });
  let server = await start();
  const idleRss = server.rss();
  const db = new pg.Pool({ connectionString: o.databaseUrl, max: 4 });
  let api = gqlClient(server.url, { maxSockets: o.clients * 2 });
  // The machine is shared: the load average says how much else ran beside the bench.
  const results = { options: { ...o, log: undefined }, machine: machine(), postgres: await serverVersion(o.databaseUrl), startedAt: new Date(started).toISOString(), rss: { idle: idleRss }, load: { start: os.loadavg() } };
  let peakRss = idleRss;
  // The server's largest RSS in each phase ("generate", "1", "3", …), to tell which load drives it.
  let phase = 'start';
  const phasePeaks = new Map();
  const whole = setInterval(() => {
    const v = server.rss() ?? 0;
    peakRss = Math.max(peakRss, v);
    phasePeaks.set(phase, Math.max(phasePeaks.get(phase) ?? 0, v));
  }, 250);
  try {
    if (prep.rebuild) {
      phase = 'generate';
      log(`generate: ${o.applications.toLocaleString('en')} applications (seed ${o.seed})`);
      const g = await generate(db, { applications: o.applications, seed: o.seed, log });
      prep.marker = { generator: GENERATOR_VERSION, applications: o.applications, seed: o.seed, events: g.events, generatedAt: new Date().toISOString(), loadSeconds: g.loadSeconds, indexSeconds: g.indexSeconds };
      await writeMarker(o.databaseUrl, prep.marker);
    }
    const client = await db.connect();
    let slice;
    try {
      slice = await ensureRegionsAndStaff(client);
      slice.plans = await loadPublished(client, loadExamples());
    } finally {
      client.release();
    }
    const ctx = { ...slice, db, api, serverUrl: server.url, databaseUrl: o.databaseUrl, examples: loadExamples(), rssSampler: () => sampler(() => server.rss(), 250, () => server.memory()), cpuMeter: () => cpuMeter(server.pid), serverCpuSeconds: () => cpuSeconds(server.pid) };
    const counts = (await db.query(`select (select count(*) from application)::int as apps, (select count(*) from application_event)::int as "eventsNow",
      (select count(*) from region)::int as regions, pg_size_pretty(pg_database_size(current_database())) as size`)).rows[0];
    results.dataset = { ...prep.marker, ...counts, generatedNow: prep.rebuild };
    const want = (k) => !o.only || o.only.includes(k);
    if (want('register')) {
      phase = 'generate';
      results.register = { dataset: await ensureRegister(db, { households: o.households, persons: o.persons, seed: o.seed, log }) };
      const now = (await db.query(`select (select count(*) from register_entry)::int as "entriesNow", (select count(*) from register_person)::int as "personsNow",
        (select count(*) from application where entry_id is not null)::int as linked`)).rows[0];
      results.register.dataset = { ...results.register.dataset, ...now };
    }

    // Reads first, on the dataset as generated: the write benchmarks add their drafts after.
    if (want('lists')) {
      phase = '3';
      log('3. lists filtered by township: first page and deep pages');
      results.lists = await measureLists(ctx, o);
      for (const r of results.lists.rows) log(`   ${r.list} ${r.page}: p50 ${r.p50?.toFixed(1)} ms, p95 ${r.p95?.toFixed(1)} ms`);
    }
    if (want('stats')) {
      phase = '4';
      log('4. applicationStats by village × state');
      results.stats = await measureStats(ctx, o);
      if (!results.stats.available) log('   not available on this server');
      for (const r of results.stats.rows ?? []) log(`   ${r.scope} ${r.programme}: p50 ${r.p50?.toFixed(0)} ms, p95 ${r.p95?.toFixed(0)} ms (${r.groups} groups)`);
      if (results.stats.error) log(`   error: ${results.stats.error}`);
    }
    if (want('reports')) {
      phase = '4r';
      log('4r. runReport by village × state (roll-up counts; an average reads the cases)');
      results.reports = await measureReports(ctx, o);
      for (const r of results.reports.rows ?? []) log(`   ${r.scope} ${r.programme} ${r.shape}: p50 ${r.p50?.toFixed(0)} ms, p95 ${r.p95?.toFixed(0)} ms (${r.groups} groups, ${r.cases} cases, roll-up ${r.rollup})`);
      if (results.reports.error) log(`   error: ${results.reports.error}`);
    }
    if (want('notices')) {
      phase = '5';
      log(`5. publicNotices of one village: ${o.clients} anonymous clients, ${o.noticeDurationS} s`);
      results.notices = await measureNotices(ctx, o);
      if (!results.notices.available) log('   not available on this server');
      else if (results.notices.perSecond !== undefined) log(`   ${results.notices.perSecond.toFixed(0)} requests/s, p95 ${results.notices.latencies.notices?.p95?.toFixed(1)} ms`);
    }
    if (want('register')) {
      phase = '7';
      log('7. the household register: list, person, household page; a transition with effects vs one without');
      Object.assign(results.register, await measureRegister(ctx, o));
      for (const r of results.register.rows ?? []) log(`   ${r.name}: p50 ${r.p50?.toFixed(1)} ms, p95 ${r.p95?.toFixed(1)} ms, server CPU ${r.serverCpuMs?.toFixed(2)} ms per request${Object.keys(r.errors).length ? ` errors ${JSON.stringify(r.errors)}` : ''}`);
      const t = results.register.transitions;
      if (t) log(`   APPROVE with effects p50 ${t.withEffects.p50?.toFixed(1)} ms, server CPU ${t.withEffects.serverCpuMs?.toFixed(2)} ms (p50 ${t.withEffects.serverCpuP50Ms?.toFixed(2)}) (${t.withEffects.samples}); REJECT without p50 ${t.without.p50?.toFixed(1)} ms, server CPU ${t.without.serverCpuMs?.toFixed(2)} ms (p50 ${t.without.serverCpuP50Ms?.toFixed(2)}) (${t.without.samples})${Object.keys(t.fileErrors).length || Object.keys(t.moveErrors).length ? ` errors ${JSON.stringify({ ...t.fileErrors, ...t.moveErrors })}` : ''}`);
      if (results.register.error) log(`   error: ${results.register.error}`);
    }
    if (want('exports')) {
      phase = '6';
      log('6. one XLSX export of a whole county (county office, every programme, members sheets)');
      results.exports = await measureExports(ctx);
      if (results.exports.error) log(`   error: ${results.exports.error}`);
      else if (results.exports.available) log(`   ${results.exports.rows.toLocaleString('en')} cases in ${(results.exports.ms / 1000).toFixed(1)} s (${results.exports.rowsPerSecond.toFixed(0)} rows/s, first byte ${results.exports.firstByteMs?.toFixed(0)} ms), ${(results.exports.bytes / 2 ** 20).toFixed(1)} MB; server RSS max ${results.exports.rss.max?.toFixed(0)} MB`);
    }
    if (want('writes') || want('api') || want('scale')) {
      // A fresh server process for the writes: V8 keeps the heap it grew for the reports, so
      // "RSS under load 1" would otherwise measure the previous phases.
      phase = 'restart';
      api.close();
      await server.stop();
      server = await start();
      api = gqlClient(server.url, { maxSockets: o.clients * 2 });
      ctx.api = api;
      results.rss.idleBeforeWrites = server.rss();
    }
    if (want('writes') || want('api')) {
      phase = '1';
      log(`1. workflow throughput through the API: ${o.clients} clients, ${o.durationS} s (+${o.warmupS} s warm-up)`);
      results.api = await measureApiWrites(ctx, o);
      log(`   ${results.api.perSecond.toFixed(0)} transitions/s; RSS max ${results.api.rss.max?.toFixed(0)} MB`);
    }
    if ((want('writes') || want('scale')) && o.scaleOut) {
      phase = '1b';
      log(`1b. the same through two server processes on this machine (clients alternate), ${o.durationS} s`);
      const second = await startChildServer({ databaseUrl: o.databaseUrl, env: 'production', logLevel: o.serverLogLevel, execArgv: o.serverExecArgv ?? [] });
      const api2 = gqlClient(second.url, { maxSockets: o.clients * 2 });
      try {
        results.scale = await measureApiWrites(ctx, o, {
          apis: [api, api2], offset: 1, meter: cpuMeter([server.pid, second.pid]),
          rssSampler: () => sampler(() => (server.rss() ?? 0) + (second.rss() ?? 0), 250),
        });
        log(`   ${results.scale.perSecond.toFixed(0)} transitions/s`);
      } finally {
        api2.close();
        await second.stop();
      }
    }
    if (want('writes') || want('raw')) {
      phase = '2';
      log(`2. the same writes in raw SQL: ${o.clients} connections, ${o.durationS} s`);
      results.raw = await measureRawWrites(ctx, o);
      log(`   ${results.raw.perSecond.toFixed(0)} transitions/s`);
    }
  } finally {
    clearInterval(whole);
    results.rss.peak = Math.max(peakRss, server.rss() ?? 0);
    results.load.end = os.loadavg();
    results.rss.byPhase = [...phasePeaks].filter(([k]) => k !== 'start' && k !== 'generate' && k !== 'restart');
    api.close();
    await db.end();
    await server.stop();
  }
  results.seconds = (Date.now() - started) / 1000;
  log(`done in ${Math.round(results.seconds)} s`);
  return results;
}
