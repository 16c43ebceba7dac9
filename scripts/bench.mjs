// `npm run bench`: county-scale benchmarks against BENCH_DATABASE_URL (default: the dedicated
// database aid_bench on the local PostgreSQL, created when missing). Builds the server if stale,
// generates the dataset once (a marker row skips it next time; --fresh rebuilds it), runs the real
// server in a child process, measures, and rewrites the results section of docs/benchmarks.md.
//
//   npm run bench                          full run (1,000,000 applications, 30 s write loads)
//   npm run bench -- --fresh               drop and regenerate the bench database first
//   npm run bench -- --applications=200000 --duration=10 --no-write
//   npm run bench -- --only=lists,stats    a subset: api, raw, writes (both), lists, stats, reports, notices, register, exports
//   npm run bench -- --json=out.json       also save the raw results
//   npm run bench -- --only=import --rows=100000   the import case alone (its own database; prints, writes nothing)
import fs from 'node:fs';
import path from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const m = a.match(/^--([a-z-]+)(?:=(.*))?$/);
  if (!m) throw new Error(`unknown argument ${a}`);
  return [m[1], m[2] ?? true];
}));
const known = ['fresh', 'applications', 'duration', 'clients', 'only', 'no-write', 'json', 'seed', 'help', 'rows'];
for (const k of Object.keys(args)) if (!known.includes(k)) throw new Error(`unknown option --${k} (known: ${known.join(', ')})`);
if (args.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}

buildIfStale({ client: false }); // the bench runs the server only
const { runBench } = await import('../bench/run.mjs');
const { writeReport } = await import('../bench/report.mjs');
const num = (v, name) => {
  const n = Number(String(v).replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
};
if (args.only === 'import') {
  const { measureImport } = await import('../bench/measure-import.mjs');
  const { DEFAULT_BENCH_URL } = await import('../bench/db.mjs');
  const r = await measureImport({ baseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_URL, rows: args.rows ? Math.round(num(args.rows, 'rows')) : 100_000 });
  console.log(JSON.stringify(r, null, 2));
  if (args.json) fs.writeFileSync(path.resolve(String(args.json)), JSON.stringify(r, null, 2));
  process.exit(0);
}
const results = await runBench({
  ...(args.fresh ? { fresh: true } : {}),
  ...(args.applications ? { applications: Math.round(num(args.applications, 'applications')) } : {}),
  ...(args.duration ? { durationS: num(args.duration, 'duration') } : {}),
  ...(args.clients ? { clients: Math.round(num(args.clients, 'clients')) } : {}),
  ...(args.seed ? { seed: Math.round(num(args.seed, 'seed')) } : {}),
  ...(args.only ? { only: String(args.only).split(',') } : {}),
});
if (args.json) fs.writeFileSync(path.resolve(String(args.json)), JSON.stringify(results, null, 2));
const file = path.join(root, 'docs/benchmarks.md');
if (!args['no-write']) {
  writeReport(file, results);
  console.log(`results written to ${path.relative(root, file)}`);
}
