/**
 * Renders bench results as Markdown and writes them into docs/benchmarks.md between the results
 * markers, leaving the hand-written analysis around them alone.
 */
import fs from 'node:fs';

export const START = '<!-- bench:results:start — written by `npm run bench`; edits inside are overwritten -->';
export const END = '<!-- bench:results:end -->';

const n0 = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en'));
const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));
const pct = (x) => (x == null ? '–' : `${Math.round(x * 100)} %`);
const mark = (ok) => (ok == null ? '' : ok ? '✓' : '✗ **miss**');
const lat = (l) => (l ? `p50 ${ms(l.p50)} ms, p95 ${ms(l.p95)} ms` : '–');

function cpuRow(name, r, cores, viaServer = true) {
  if (!r?.cpu) return null;
  const c = r.cpu;
  const other = c.machineBusy == null ? null : Math.max(0, c.machineBusy * cores - c.server - c.postgres - c.bench);
  const per = (x, applies = true) => (applies && r.perSecond ? ((x * 1000) / r.perSecond).toFixed(2) : '–');
  return `| ${name} | ${c.server.toFixed(2)} | ${per(c.server, viaServer)} | ${c.postgres.toFixed(2)} | ${per(c.postgres)} | ${c.bench.toFixed(2)} | ${other == null ? '–' : other.toFixed(2)} |`;
}

export function renderResults(r) {
  const o = r.options;
  const out = [];
  const when = new Date(r.startedAt).toISOString().replace('T', ' ').slice(0, 16);
  out.push(`### Latest run: ${when} UTC (${Math.round(r.seconds)} s in total)`, '');
  const pgs = r.postgres.settings;
  out.push(`**Machine.** ${r.machine.cpu.replace(/ × \d+$/, '')}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB RAM, ${r.machine.os}; Node ${r.machine.node}; `
    + `PostgreSQL ${r.postgres.version} (shared_buffers ${pgs.shared_buffers}, work_mem ${pgs.work_mem}, synchronous_commit ${pgs.synchronous_commit}). `
    + 'One server process (compiled `dist/server`, `NODE_ENV=production`, ORM pool 10, pg-boss timers on; a fresh one for the writes), PostgreSQL and the load generator share the machine.', '');
  const d = r.dataset ?? {};
  out.push(`**Dataset.** ${n0(d.applications)} generated applications (seed ${d.seed}; ${n0(d.apps)} rows now, with the demo seed's and earlier bench runs' drafts), `
    + `${n0(d.events)} history rows generated (${n0(d.eventsNow ?? d.events)} now), ${n0(d.regions)} regions; database ${d.size}. `
    + `${d.generatedNow ? 'Generated in this run' : `Generated ${String(d.generatedAt).slice(0, 16).replace('T', ' ')}`}: `
    + `${n0(d.loadSeconds)} s loading + ${n0(d.indexSeconds)} s indexes, VACUUM and ANALYZE.`
    + (r.register?.dataset ? ` Household register: ${n0(r.register.dataset.households)} generated households with ${n0(r.register.dataset.personRows)} persons `
      + `(${n0(r.register.dataset.entriesNow)} entries and ${n0(r.register.dataset.personsNow)} persons now, with the demo seed's), ${n0(r.register.dataset.linked)} applications linked to a household; `
      + `generated in ${n0(r.register.dataset.seconds)} s.` : ''), '');
  if (r.load) {
    const la = (x) => x.map((v) => v.toFixed(1)).join(' / ');
    out.push(`**Load average** (1 / 5 / 15 min; 2 cores shared with other work, so every figure is noisy): ${la(r.load.start)} at the start, ${r.load.end ? la(r.load.end) : '–'} at the end.`, '');
  }

  out.push('| # | Measurement | Result | Target | |', '|---|---|---|---|---|');
  const api = r.api;
  const raw = r.raw;
  if (api) {
    out.push(`| 1 | Workflow throughput through GraphQL: ${o.clients} clients submit, then approve (with appraisal data) 低保 drafts, ${o.durationS} s | **${n0(api.perSecond)} transitions/s**; submit ${lat(api.latencies.submit)}; approve ${lat(api.latencies.approve)}${Object.keys(api.errors).length ? `; errors ${JSON.stringify(api.errors)}` : ''}${api.exhausted ? `; ${api.exhausted} clients ran out of drafts` : ''} | ≥ 1,000/s | ${mark(api.perSecond >= 1000)} |`);
  }
  const sc = r.scale;
  if (sc) {
    out.push(`| 1b | The same through two server processes (clients alternate between them) | **${n0(sc.perSecond)} transitions/s**; submit ${lat(sc.latencies.submit)}; approve ${lat(sc.latencies.approve)}${Object.keys(sc.errors).length ? `; errors ${JSON.stringify(sc.errors)}` : ''} | – | |`);
  }
  if (raw) {
    out.push(`| 2 | The same row changes in raw SQL over \`pg\` (load, check version, update, insert history; one transaction each), ${o.clients} connections | **${n0(raw.perSecond)} transitions/s**; ${lat(raw.latencies.submit)}${raw.exhausted ? `; ${raw.exhausted} clients ran out of drafts` : ''} | – | |`);
  }
  if (api && raw) out.push(`| 1÷2 | Our throughput as a share of the raw-SQL baseline | **${pct(api.perSecond / raw.perSecond)}** | ≥ 50 % | ${mark(api.perSecond / raw.perSecond >= 0.5)} |`);
  const ex = r.exports;
  if (ex?.available && !ex.error) {
    out.push(`| 6 | One XLSX export of a whole county as its county office (GET /exports/applications.xlsx: a sheet per programme with every form field, members sheets), read to the last byte | **${n0(ex.rows)} cases in ${(ex.ms / 1000).toFixed(1)} s** (${n0(ex.rowsPerSecond)} rows/s, first byte ${n0(ex.firstByteMs)} ms, ${(ex.bytes / 2 ** 20).toFixed(1)} MB); server RSS max ${n0(ex.rss?.max)} MB | – | |`);
  }
  for (const row of r.lists?.rows ?? []) {
    const deep = row.page !== 'first';
    const extra = row.list === 'applicationsCount' || row.list === 'applicationsCounty';
    const target = extra ? null : deep ? 60 : 30;
    const name = row.list === 'applicationsCount' ? '`applications` first page with `totalCount`, filtered by township'
      : row.list === 'applicationsCounty' ? '`applications` first page of a county office\'s whole county (no filter)'
      : `\`${row.list}\` ${deep ? row.page : 'first page'}, filtered by township`;
    out.push(`| 3 | ${name}, 20 rows | ${lat(row)} (${row.n} requests, one at a time) | ${target ? `p95 ≤ ${target} ms` : '–'} | ${target ? mark(row.p95 <= target) : ''} |`);
  }
  if (r.stats) {
    if (!r.stats.available) out.push('| 4 | `applicationStats` | not available on this server build | ≤ 300 ms | |');
    for (const s of r.stats.rows ?? []) {
      const county = s.scope.startsWith('one county');
      out.push(`| 4 | \`applicationStats\` ${s.programme}, village × state, ${s.scope}: ${n0(s.cases)} cases → ${n0(s.groups)} groups | ${lat(s)} | ${county ? '≤ 300 ms' : '–'} | ${county ? mark(s.p95 <= 300) : ''} |`);
    }
    if (r.stats.error) out.push(`| 4 | \`applicationStats\` | error: ${r.stats.error} | | |`);
  }
  if (r.reports) {
    for (const s of r.reports.rows ?? []) {
      const target = s.shape === 'count' ? (s.scope.startsWith('one county') ? 300 : 1000) : null;
      out.push(`| 4r | \`runReport\` ${s.programme} ${s.shape}, village × state, ${s.scope}${s.rollup ? ' (roll-up)' : ''}: ${n0(s.cases)} cases → ${n0(s.groups)} groups | ${lat(s)} | ${target ? `≤ ${target} ms` : '–'} | ${target ? mark(s.p95 <= target) : ''} |`);
    }
    if (r.reports.error) out.push(`| 4r | \`runReport\` | error: ${r.reports.error} | | |`);
  }
  const nt = r.notices;
  if (nt) {
    if (!nt.available) out.push('| 5 | `publicNotices` | not available on this server build | – | |');
    else if (nt.perSecond !== undefined) {
      out.push(`| 5 | \`publicNotices\` of one village (${nt.underNotice} cases under notice, first 20 shown), ${o.clients} anonymous clients, ${o.noticeDurationS} s | **${n0(nt.perSecond)} requests/s**; ${lat(nt.latencies.notices)}${Object.keys(nt.errors).length ? `; errors ${JSON.stringify(nt.errors)}` : ''} | ≥ 1,500/s | ${mark(nt.perSecond >= 1500)} |`);
    } else out.push(`| 5 | \`publicNotices\` | ${nt.error ?? nt.skipped} | – | |`);
  }
  const reg = r.register;
  if (reg) {
    if (reg.error || reg.skipped) out.push(`| 7 | Household register | ${reg.error ?? reg.skipped} | | |`);
    for (const row of reg.rows ?? []) {
      const cpu = row.serverCpuMs != null ? `; server CPU ${ms(row.serverCpuMs)} ms per request` : '';
      out.push(`| 7 | ${row.name}, as a township's village committee | ${lat(row)} (${row.samples} requests, one at a time)${cpu}${Object.keys(row.errors).length ? `; errors ${JSON.stringify(row.errors)}` : ''} | p95 ≤ ${row.target} ms | ${mark(row.p95 <= row.target)} |`);
    }
    const t = reg.transitions;
    if (t?.withEffects.p50 != null && t.without.p50 != null) {
      const ratio = t.withEffects.p50 / t.without.p50 - 1;
      const sign = (x) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)} %`;
      const cpuRatio = t.withEffects.serverCpuMs && t.without.serverCpuMs ? t.withEffects.serverCpuMs / t.without.serverCpuMs - 1 : null;
      const p50s = t.withEffects.serverCpuP50Ms && t.without.serverCpuP50Ms ? ` (median per request ${ms(t.withEffects.serverCpuP50Ms)} vs ${ms(t.without.serverCpuP50Ms)} ms, ${sign(t.withEffects.serverCpuP50Ms / t.without.serverCpuP50Ms - 1)})` : '';
      const cpu = cpuRatio != null ? `; server CPU ${ms(t.withEffects.serverCpuMs)} vs ${ms(t.without.serverCpuMs)} ms per transition, **${sign(cpuRatio)}**${p50s}` : '';
      const wal = t.withEffects.walKb != null ? `; WAL ${t.withEffects.walKb.toFixed(1)} vs ${t.without.walKb.toFixed(1)} kB per transition` : '';
      const errs = { ...t.fileErrors, ...t.moveErrors };
      const interval = t.ratioInterval ? ` (95 % interval of this run's samples ${sign(t.ratioInterval[0])} to ${sign(t.ratioInterval[1])})` : '';
      out.push(`| 7 | A change request's approval with effects on the household (append a member, copy the size, log the change) vs a rejection without, one at a time | with ${lat(t.withEffects)}; without ${lat(t.without)} (${t.withEffects.samples} each); **${sign(ratio)}** at p50${interval}${cpu}${wal}${Object.keys(errs).length ? `; errors ${JSON.stringify(errs)}` : ''} | ≤ +20 % | ${mark(ratio <= 0.2)} |`);
    }
  }
  if (r.rss) {
    const under = api?.rss;
    const phases = (r.rss.byPhase ?? []).map(([k, v]) => `${k}: ${n0(v)}`).join(', ');
    const heap = under?.breakdown ? `; at the largest sample under load 1 the V8 heap was ${n0(under.breakdown.heapTotal)} MB (${n0(under.breakdown.heapUsed)} MB in use)` : '';
    const idle = r.rss.idleBeforeWrites != null ? `${n0(r.rss.idle)} MB (${n0(r.rss.idleBeforeWrites)} MB for the write phase's fresh process)` : `${n0(r.rss.idle)} MB`;
    out.push(`| 6 | Server RSS: after start / under load 1 (median, max) / peak over the whole run | ${idle} / ${n0(under?.median)} MB, **${n0(under?.max)} MB** / ${n0(r.rss.peak)} MB (peak by measurement, in run order: ${phases})${heap} | ≤ 300 MB | ${under ? mark(under.max <= 300) : ''} |`);
  }
  out.push('');
  const cpuRows = [cpuRow('1. writes through the API', api, r.machine.cores), cpuRow('1b. the same, two server processes', sc, r.machine.cores), cpuRow('2. raw-SQL writes (the server idles)', raw, r.machine.cores, false), cpuRow('5. public notices', nt?.perSecond !== undefined ? nt : null, r.machine.cores)].filter(Boolean);
  if (cpuRows.length) {
    out.push('CPU during the loads, in cores (CPU seconds per second; this machine has ' + r.machine.cores + '):', '');
    out.push('| Load | server | server ms per operation | PostgreSQL | PostgreSQL ms per operation | load generator | other processes |', '|---|---|---|---|---|---|---|', ...cpuRows, '');
  }
  const errs = r.lists?.errors ?? [];
  if (errs.length) out.push(`List errors: ${[...new Set(errs)].slice(0, 5).join('; ')}`, '');
  return out.join('\n');
}

const TEMPLATE = `# Benchmarks at county scale

\`npm run bench\` measures the platform against one province slice at full size. See the analysis
below for what limits each figure.

${START}
${END}
`;

export function writeReport(file, results) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : TEMPLATE;
  const text = current.includes(START) && current.includes(END) ? current : `${current.trimEnd()}\n\n${START}\n${END}\n`;
  const before = text.slice(0, text.indexOf(START) + START.length);
  const after = text.slice(text.indexOf(END));
  fs.writeFileSync(file, `${before}\n\n${renderResults(results)}\n${after}`);
}
