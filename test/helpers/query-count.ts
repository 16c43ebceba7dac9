import type { TestServer } from './server.js';

/**
 * The number of SQL statements one request costs once warm: the fewest of a few runs, because a
 * signed-in user's cached actor may be reloaded (one more statement) when an invalidation from an
 * earlier change of the same test arrives late. An N+1 shows in every run, so it still fails.
 */
export async function queriesPerRequest(s: TestServer, run: () => Promise<{ errors?: unknown }>, tries = 3): Promise<number> {
  await run();
  let fewest = Infinity;
  for (let i = 0; i < tries; i++) {
    const before = s.services.queryCount!.n;
    const r = await run();
    if (r.errors) throw new Error(`request failed: ${JSON.stringify(r.errors)}`);
    fewest = Math.min(fewest, s.services.queryCount!.n - before);
  }
  return fewest;
}
