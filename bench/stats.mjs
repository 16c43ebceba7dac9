/** Percentiles and small load-loop helpers. */
export function summarize(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : null);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? null };
}

export const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Counts things by key. */
export class Tally {
  constructor() {
    this.m = new Map();
  }
  add(k, n = 1) {
    this.m.set(k, (this.m.get(k) ?? 0) + n);
  }
  toJSON() {
    return Object.fromEntries(this.m);
  }
  get total() {
    let t = 0;
    for (const v of this.m.values()) t += v;
    return t;
  }
}

/**
 * Runs `workers` loops of `step(worker)` for `warmupMs + durationMs`; only completions inside the
 * measured window count. `step` returns { ok, latencies: [[name, ms]…], transitions }.
 */
export async function timedLoad({ workers, warmupMs, durationMs, step, meter }) {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  const latencies = new Map();
  const errors = new Tally();
  let transitions = 0;
  let exhausted = 0;
  const meterStart = meter ? setTimeout(() => meter.start(), warmupMs) : null;
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (performance.now() < end) {
      const r = await step(w);
      if (r === null) {
        exhausted++;
        return;
      }
      const now = performance.now();
      if (now < measureFrom || now > end) continue;
      transitions += r.transitions ?? 0;
      for (const [name, ms] of r.latencies ?? []) {
        if (!latencies.has(name)) latencies.set(name, []);
        latencies.get(name).push(ms);
      }
      for (const e of r.errors ?? []) errors.add(e);
    }
  }));
  const measuredMs = Math.min(performance.now(), end) - measureFrom;
  clearTimeout(meterStart);
  const cpu = meter && measuredMs > 0 ? meter.stop() : undefined;
  return {
    cpu,
    transitions, seconds: measuredMs / 1000, perSecond: transitions / (measuredMs / 1000), exhausted,
    latencies: Object.fromEntries([...latencies].map(([k, v]) => [k, summarize(v)])), errors: errors.toJSON(),
  };
}
