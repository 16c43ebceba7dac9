/**
 * Measurement 6: one spreadsheet export of a whole county as its county office
 * (GET /exports/applications.xlsx, no filter: one sheet per programme plus the members sheets),
 * read to the end as a client would. Time to the last byte, size, and the server's RSS.
 */
import { DEMO_PASSWORD } from './measure-writes.mjs';

export async function measureExports(ctx) {
  // The county with the most cases, and its county office.
  const top = (await ctx.db.query(`select split_part(region_path, '/', 3) as county, count(*)::int as n from application group by 1 order by 2 desc limit 1`)).rows[0];
  const office = ctx.staff.find((s) => s.role === 'county_office' && s.region.code === top.county);
  if (!office) return { available: false };
  const token = await ctx.api.login(office.username, DEMO_PASSWORD);
  const rss = ctx.rssSampler();
  const started = performance.now();
  const res = await fetch(`${ctx.serverUrl}/exports/applications.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    rss.stop();
    return { available: res.status !== 404, error: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
  }
  let bytes = 0;
  let firstByteMs;
  for await (const chunk of res.body) {
    firstByteMs ??= performance.now() - started;
    bytes += chunk.length;
  }
  const ms = performance.now() - started;
  return { available: true, rows: top.n, county: top.county, ms, firstByteMs, bytes, rowsPerSecond: top.n / (ms / 1000), rss: rss.stop() };
}
