/** Starts the compiled server as a child process and samples its memory from /proc. */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);

export async function startChildServer({ databaseUrl, env = 'production', logLevel = 'warn', dbPoolSize, extraEnv = {}, execArgv = [] }) {
  const options = { databaseUrl, port: 0, host: '127.0.0.1', seedDemo: true, logLevel, env, ...(dbPoolSize ? { dbPoolSize } : {}) };
  const child = fork(path.join(here, 'server-child.mjs'), [JSON.stringify(options)], {
    cwd: path.resolve(here, '..'),
    // As deployed (Dockerfile, docker-compose.yml): two malloc arenas, not one per V8 background
    // thread (docs/benchmarks.md, memory).
    env: { MALLOC_ARENA_MAX: '2', ...process.env, NODE_ENV: env, ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...execArgv],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code} while starting`)));
  });
  return {
    url: ready.url,
    pid: child.pid,
    rss: () => rssOf(child.pid),
    /** The server's own view of its memory (process.memoryUsage(), in MB). */
    memory: () => new Promise((resolve) => {
      const t = setTimeout(() => resolve(null), 2000);
      const on = (m) => {
        if (!m?.memory) return;
        clearTimeout(t);
        child.off('message', on);
        resolve(Object.fromEntries(Object.entries(m.memory).map(([k, v]) => [k, v / 2 ** 20])));
      };
      child.on('message', on);
      child.send({ memory: true });
    }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ stop: true });
      const t = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Resident set size of a process in MB (VmRSS), or null when it is gone. */
export function rssOf(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Samples `fn()` (RSS in MB) every `ms` until stopped; returns { max, median, samples }, plus the
 * server's heap breakdown taken once a second (`detail()`), keeping the one with the largest RSS.
 */
export function sampler(fn, ms = 250, detail) {
  const samples = [];
  let worst = null;
  const t = setInterval(() => {
    const v = fn();
    if (v != null) samples.push(v);
  }, ms);
  const d = detail ? setInterval(async () => {
    const m = await detail();
    if (m && (!worst || m.rss > worst.rss)) worst = m;
  }, 1000) : null;
  return {
    stop() {
      clearInterval(t);
      if (d) clearInterval(d);
      const s = [...samples].sort((a, b) => a - b);
      return { max: s[s.length - 1] ?? null, median: s[Math.floor(s.length / 2)] ?? null, samples: s.length, ...(worst ? { breakdown: worst } : {}) };
    },
  };
}

/** CPU time (s) of a process from /proc/<pid>/stat (utime + stime), or 0 when unreadable. */
/**
 * A process's CPU time in seconds: the sum of its threads' run time in /proc/<pid>/task/<tid>/schedstat
 * (nanoseconds), else utime + stime from /proc/<pid>/stat, which counts in 10 ms clock ticks: too
 * coarse to tell apart two requests that cost a few milliseconds each.
 */
export function cpuSeconds(pid) {
  try {
    let ns = 0;
    for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
      } catch {} // a thread that just exited
    }
    if (ns > 0) return ns / 1e9;
  } catch {}
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** PostgreSQL server processes on this machine (all backends, for a local database). */
function postgresPids() {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') out.push(Number(d));
    } catch {}
  }
  return out;
}

function machineTicks() {
  const l = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return { all: l.reduce((a, b) => a + b, 0), idle: l[3] + l[4] };
}

/**
 * Where the CPU went during a window: the server process, this (load-generating) process, and
 * the local PostgreSQL processes, in cores (CPU seconds per wall second), plus the machine's
 * busy share. Linux only; zeros elsewhere.
 */
export function cpuMeter(serverPids) {
  const pids = [serverPids].flat();
  let start;
  const snap = () => {
    const pg = new Map(postgresPids().map((p) => [p, cpuSeconds(p)]));
    return { at: performance.now(), server: pids.reduce((a, p) => a + cpuSeconds(p), 0), bench: cpuSeconds(process.pid), pg, machine: fs.existsSync('/proc/stat') ? machineTicks() : null };
  };
  return {
    start() {
      start = snap();
    },
    stop() {
      const end = snap();
      const wall = (end.at - start.at) / 1000;
      let pg = 0;
      for (const [p, v] of end.pg) pg += v - (start.pg.get(p) ?? 0);
      const busy = end.machine && start.machine ? 1 - (end.machine.idle - start.machine.idle) / (end.machine.all - start.machine.all) : null;
      return { server: (end.server - start.server) / wall, bench: (end.bench - start.bench) / wall, postgres: pg / wall, machineBusy: busy };
    },
  };
}
