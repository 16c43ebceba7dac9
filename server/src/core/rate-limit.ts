/**
 * A small fixed-window counter per key, kept in the memory of the server that counts. Enough to slow password guessing
 * and objection floods from one client; behind a load balancer each process counts on its own,
 * so the effective limit is N × processes (documented in docs/operations.md).
 */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Counts one hit; returns false when the key is over its limit for this window. */
  hit(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size > 50_000) this.sweep(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.limit;
  }

  /** Whether the key has used up its limit for this window, without counting a hit. */
  exhausted(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    return !!entry && entry.resetAt > now && entry.count >= this.limit;
  }

  /** Takes back one hit (an attempt counted in advance that turned out not to count). */
  undo(key: string, now = Date.now()): void {
    const entry = this.hits.get(key);
    if (entry && entry.resetAt > now && entry.count > 0) entry.count -= 1;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }
}

/**
 * Limiters that belong to one running server (its Services), not to the module that defines them:
 * two servers in one process (a restart in place, or test files sharing a worker) count apart.
 */
export function limitersPerServer<T>(make: () => T): (services: object) => T {
  const byServer = new WeakMap<object, T>();
  return (services) => {
    let limiters = byServer.get(services);
    if (!limiters) byServer.set(services, (limiters = make()));
    return limiters;
  };
}
