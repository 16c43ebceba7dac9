/** A small seeded PRNG (mulberry32) so that every run generates the same data from the same seed. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks a key of `weights` ({ key: weight }) in proportion to its weight. */
    weighted(weights) {
      const entries = Array.isArray(weights) ? weights : Object.entries(weights);
      let total = 0;
      for (const [, w] of entries) total += w;
      let x = next() * total;
      for (const [k, w] of entries) if ((x -= w) < 0) return k;
      return entries[entries.length - 1][0];
    },
    /** A version-4-shaped UUID drawn from this generator (deterministic, unlike crypto.randomUUID). */
    uuid() {
      const h = (n) => Math.floor(next() * 0x100000000).toString(16).padStart(8, '0').slice(0, n);
      const a1 = h(8), a2 = h(8), a3 = h(8), a4 = h(8);
      const variant = '89ab'[Math.floor(next() * 4)];
      return `${a1}-${a2.slice(0, 4)}-4${a2.slice(5, 8)}-${variant}${a3.slice(1, 4)}-${a3.slice(4, 8)}${a4}`;
    },
  };
  return r;
}
