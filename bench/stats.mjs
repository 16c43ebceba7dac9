/** Percentiles and small load-loop helpers. */
import { rng } from './rng.mjs';
export function summarize(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : null);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? null };
}

/**
 * A 95 % bootstrap interval for the ratio of two medians (a / b − 1): both samples resampled with
 * replacement `rounds` times by a seeded generator, so a run's figure says how far its own samples
 * could move it. It does not cover what changes between runs (the machine's other work, a
 * checkpoint): compare runs for that.
 */
export function medianRatioInterval(a, b, { rounds = 2000, seed = 7 } = {}) {
  if (!a.length || !b.length) return null;
  const { next } = rng(seed);
  const median = (list) => {
    const draw = Array.from(list, () => list[Math.floor(next() * list.length)]).sort((p, q) => p - q);
    return draw[Math.ceil(0.5 * draw.length) - 1];
  };
  const ratios = Array.from({ length: rounds }, () => median(a) / median(b) - 1).sort((p, q) => p - q);
  return [ratios[Math.floor(0.025 * rounds)], ratios[Math.ceil(0.975 * rounds) - 1]];
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
