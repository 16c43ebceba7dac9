/**
 * The import case: a household-register workbook of N households (two members each, on their own
 * sheet) generated from the server's own template, uploaded, validated and written
 * (ALL_OR_NOTHING). Reports the time of each stage and the server's largest RSS meanwhile.
 * Runs on its own fresh database (aid_bench_import), so the main bench dataset is untouched.
 * Import only after the server is built.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { createDatabase, databaseExists, dropDatabase } from './db.mjs';
import { startChildServer, sampler } from './server.mjs';

const VILLAGE = '130636100201'; // 东街村: the demo cadre's village

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid, clearly fictional ID number (area 110105, never the demo county's). */
function idCard(n) {
  // The sequence digits repeat every 1000: the birth date (day, month, year) makes n unique.
  const day = String(1 + (Math.floor(n / 1000) % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28000) % 12)).padStart(2, '0');
  const year = String(1930 + (Math.floor(n / 336000) % 70));
  const b = `110105${year}${month}${day}${String(n % 1000).padStart(3, '0')}`;
  const sum = b.split('').reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return b + '10X98765432'[sum % 11];
}

/** CPU seconds (user + system) a process has used so far; 0 where /proc is missing. */
function cpuSeconds(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used by the database's own backends (pg_stat_activity of this database only, so other
 * work on a shared PostgreSQL does not count), sampled twice a second: a backend that ends keeps
 * its last reading. With the server's CPU this measures the import's work, not the machine's load.
 */
function databaseCpu(databaseUrl) {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  const seen = new Map();
  let timer;
  const sample = async () => {
    const { rows } = await client.query('select pid from pg_stat_activity where datname = $1', [name]);
    for (const r of rows) seen.set(r.pid, Math.max(seen.get(r.pid) ?? 0, cpuSeconds(r.pid)));
  };
  return {
    async start() {
      await client.connect();
      await sample();
      timer = setInterval(() => void sample().catch(() => undefined), 500);
    },
    async total() {
      await sample().catch(() => undefined);
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
    async stop() {
      clearInterval(timer);
      await client.end();
    },
  };
}

async function login(url, username) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }', variables: { u: username, p: 'demo-2026-aid' } }),
  });
  return (await res.json()).data.login.token;
}

async function gql(url, token, query, variables) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function writeWorkbook(file, templateBytes, rows) {
  const template = new ExcelJS.Workbook();
  await template.xlsx.load(templateBytes);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheets = template.worksheets.filter((w) => w.state !== 'hidden' && w.name !== '填写说明');
  for (const [si, t] of sheets.entries()) {
    const headers = t.getRow(1).values.slice(1).map(String);
    const ws = wb.addWorksheet(t.name);
    ws.addRow(headers).commit();
    const col = (title) => headers.indexOf(title);
    for (let i = 0; i < rows; i++) {
      const head = idCard(2 * i);
      const lines = si === 0
        ? [{ 行号: String(i + 1), 户主姓名: `测户${i + 1}`, 户主身份证号: head, 村民小组: '第一组', 户类别: '一般户', '家庭人口（人）': 2, 住房安全等级: 'A' }]
        : [
          { 行号: String(i + 1), 姓名: `测户${i + 1}`, 身份证号: head, 与户主关系: '户主', 性别: '男', 出生日期: '1970-01-01' },
          { 行号: String(i + 1), 姓名: `测子${i + 1}`, 身份证号: idCard(2 * i + 1), 与户主关系: '之子', 性别: '男', 出生日期: '2000-01-01' },
        ];
      for (const line of lines) {
        const values = new Array(headers.length).fill(null);
        for (const [k, v] of Object.entries(line)) values[col(k)] = v;
        ws.addRow(values).commit();
      }
    }
    ws.commit();
  }
  await wb.commit();
}

async function waitFor(url, token, id, statuses) {
  for (;;) {
    const { importJob } = await gql(url, token, 'query($id: ID!) { importJob(id: $id) { status progressDone progressTotal writtenRows errorRows message } }', { id });
    if (statuses.includes(importJob.status)) return importJob;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function measureImport({ baseUrl, rows = 100_000, log = console.log }) {
  const url = new URL(baseUrl);
  // A database of its own beside the bench's (aid_bench → aid_bench_import), so two people's runs never meet.
  const base = url.pathname.replace(/^\//, '') || 'aid_bench';
  url.pathname = `/${base.endsWith('_import') ? base : `${base}_import`}`;
  const databaseUrl = url.toString();
  if (await databaseExists(databaseUrl)) await dropDatabase(databaseUrl);
  await createDatabase(databaseUrl);
  // BENCH_CPU_PROFILE=<dir>: the server child writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`] : [];
  const server = await startChildServer({ databaseUrl, env: 'development', execArgv: profile, extraEnv: { IMPORT_MAX_ROWS: String(Math.max(200_000, rows * 3 + 10)) } });
  const file = path.join(os.tmpdir(), `bench-import-${process.pid}.xlsx`);
  try {
    const token = await login(server.url, 'dongjie_cadre');
    const template = Buffer.from(await (await fetch(`${server.url}/imports/template?register=household`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());
    log(`import: writing a workbook of ${rows} households…`);
    await writeWorkbook(file, template, rows);
    const bytes = fs.statSync(file).size;
    const memory = sampler(server.rss);
    const dbCpu = databaseCpu(databaseUrl);
    await dbCpu.start();
    const cpu0 = { server: cpuSeconds(server.pid), db: await dbCpu.total() };
    const t0 = Date.now();
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)]), 'bench.xlsx');
    const up = await (await fetch(`${server.url}/imports?register=household&regionCode=${VILLAGE}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).json();
    if (!up.id) throw new Error(JSON.stringify(up));
    const validated = await waitFor(server.url, token, up.id, ['VALIDATED', 'FAILED']);
    const t1 = Date.now();
    const cpu1 = { server: cpuSeconds(server.pid), db: await dbCpu.total() };
    if (validated.status !== 'VALIDATED' || validated.errorRows) {
      const { importJob } = await gql(server.url, token, 'query($id: ID!) { importJob(id: $id) { problems(first: 5) { nodes { sheet line column message } } } }', { id: up.id });
      throw new Error(`validation: ${JSON.stringify(validated)} ${JSON.stringify(importJob.problems.nodes)}`);
    }
    await gql(server.url, token, 'mutation($id: ID!) { commitImport(id: $id, mode: ALL_OR_NOTHING) { status } }', { id: up.id });
    const committed = await waitFor(server.url, token, up.id, ['COMMITTED', 'FAILED']);
    const t2 = Date.now();
    const cpu2 = { server: cpuSeconds(server.pid), db: await dbCpu.total() };
    await dbCpu.stop();
    const rss = memory.stop();
    if (committed.status !== 'COMMITTED') throw new Error(`commit: ${JSON.stringify(committed)}`);
    return {
      rows, fileMB: bytes / 2 ** 20, validateS: (t1 - t0) / 1000, writeS: (t2 - t1) / 1000, totalS: (t2 - t0) / 1000,
      written: committed.writtenRows, maxRssMB: rss.max,
      // CPU seconds of the server process and of the database's backends in each stage: steadier
      // than wall time on a shared machine.
      cpuS: {
        validate: { server: +(cpu1.server - cpu0.server).toFixed(1), database: +(cpu1.db - cpu0.db).toFixed(1) },
        write: { server: +(cpu2.server - cpu1.server).toFixed(1), database: +(cpu2.db - cpu1.db).toFixed(1) },
      },
      loadAverage: os.loadavg()[0],
    };
  } finally {
    fs.rmSync(file, { force: true });
    await server.stop();
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}
