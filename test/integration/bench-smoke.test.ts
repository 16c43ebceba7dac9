/**
 * A tiny run of the benchmark harness (`npm run bench`): generator, every measurement and the
 * report, with 2,000 applications and two-second loads, on a fresh PostgreSQL database. It proves
 * the harness works, not how fast anything is. PGlite is too slow for the bench, so without
 * TEST_DATABASE_URL the test is skipped and says why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.js';

const REASON = 'skipped: the bench harness needs PostgreSQL (set TEST_DATABASE_URL); PGlite is too slow for it';
const configured = !!process.env.TEST_DATABASE_URL;
if (!configured) console.warn(`bench-smoke: ${REASON}`);

type Results = Record<string, any>;
/** The harness is plain ESM without types (it runs under `node`, importing dist/server). */
const load = (file: string): Promise<any> => import(/* @vite-ignore */ path.resolve(import.meta.dirname, '../..', file));

describe.skipIf(!configured)(`the bench harness (smoke run, tiny sizes)${configured ? '' : ` — ${REASON}`}`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let results: Results;
  let renderResults: (r: Results) => string;
  let writeReport: (file: string, r: Results) => void;

  beforeAll(async () => {
    const { buildIfStale } = await load('scripts/build-if-stale.mjs');
    buildIfStale({ client: false }); // the harness imports the compiled server
    db = await createTestDatabase();
    const { runBench } = await load('bench/run.mjs');
    ({ renderResults, writeReport } = await load('bench/report.mjs'));
    results = await runBench({
      databaseUrl: db.url, applications: 2000, seed: 3, clients: 4, durationS: 2, warmupS: 0.5, poolPerClient: 150,
      listTownships: 2, listSamples: 4, deepTownships: 1, deepPages: 3, deepSamples: 2, statsSamples: 2, noticeDurationS: 1,
      households: 600, persons: 2000, registerSamples: 4, registerTransitions: 4,
      serverLogLevel: 'error', log: () => {},
    });
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('generates the slice, the applications and their histories', () => {
    expect(results.dataset.regions).toBeGreaterThanOrEqual(1607);
    expect(results.dataset.apps).toBeGreaterThanOrEqual(2000);
    expect(results.dataset.events).toBeGreaterThan(2000 * 3);
    expect(results.dataset.generatedNow).toBe(true);
  });

  it('drives submit and approve through the API and the raw-SQL baseline without errors', () => {
    expect(results.api.errors).toEqual({});
    expect(results.api.transitions).toBeGreaterThan(0);
    expect(results.api.latencies.approve.n).toBeGreaterThan(0);
    expect(results.raw.transitions).toBeGreaterThan(0);
    expect(results.api.rss.max).toBeGreaterThan(0);
  });

  it('times first and deep pages of both lists, stats and the public board', () => {
    expect(results.lists.errors).toEqual([]);
    expect(results.lists.rows.map((r: Results) => r.list)).toEqual(['applications', 'applications', 'myTasks', 'myTasks', 'applicationsCounty', 'applicationsCount']);
    for (const r of results.lists.rows) expect(r.p95).toBeGreaterThan(0);
    expect(results.stats.available).toBe(true);
    expect(results.stats.error).toBeUndefined();
    expect(results.stats.rows.length).toBeGreaterThan(0);
    expect(results.notices.available).toBe(true);
    expect(results.notices.errors ?? {}).toEqual({});
  });

  it('generates the household register beside the applications and times its reads and a transition with effects', () => {
    const reg = results.register;
    expect(reg.dataset).toMatchObject({ households: 600, persons: 2000, personRows: 2000 });
    expect(reg.dataset.linkedApplications).toBeGreaterThan(0);
    expect(reg.error).toBeUndefined();
    expect(reg.rows.map((r: Results) => r.errors)).toEqual([{}, {}, {}, {}]);
    expect(reg.transitions.fileErrors).toEqual({});
    expect(reg.transitions.moveErrors).toEqual({});
    expect(reg.transitions.withEffects.samples).toBeGreaterThan(0);
    expect(reg.transitions.without.samples).toBe(reg.transitions.withEffects.samples);
    // The run's own uncertainty: an interval around the ratio of the two medians, in the report.
    const [lo, hi] = reg.transitions.ratioInterval;
    const ratio = reg.transitions.withEffects.p50 / reg.transitions.without.p50 - 1;
    expect(lo).toBeLessThanOrEqual(ratio);
    expect(hi).toBeGreaterThanOrEqual(ratio);
    expect(renderResults(results)).toMatch(/at p50 \(95 % interval of this run's samples [+-]\d+ % to [+-]\d+ %\)/);
  });

  it('bootstraps an interval for a ratio of medians that narrows with more samples', async () => {
    const { medianRatioInterval } = await load('bench/stats.mjs');
    const sample = (n: number, base: number) => Array.from({ length: n }, (_, i) => base + (i % 10) / 10);
    const [lo, hi] = medianRatioInterval(sample(300, 6), sample(300, 5));
    expect(lo).toBeGreaterThan(0.1);
    expect(hi).toBeLessThan(0.3);
    const [wideLo, wideHi] = medianRatioInterval(sample(10, 6), sample(10, 5));
    expect(wideHi - wideLo).toBeGreaterThanOrEqual(hi - lo);
    expect(medianRatioInterval([], [1])).toBeNull();
  });

  it('writes the results into the report between its markers and keeps the text around them', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'benchmarks.md');
    fs.writeFileSync(file, '# Benchmarks\n\nintro\n\n<!-- bench:results:start — written by `npm run bench`; edits inside are overwritten -->\nold\n<!-- bench:results:end -->\n\nanalysis\n');
    writeReport(file, results);
    writeReport(file, results);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Benchmarks\n\nintro\n/);
    expect(text).toMatch(/analysis\n$/);
    expect(text).not.toContain('\nold\n');
    expect(text.match(/\| 1 \| Workflow throughput/g)).toHaveLength(1);
    expect(renderResults(results)).toContain('PostgreSQL');
  });
});
