import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Readable reference numbers: county code, programme, year, sequence — `130636-DIBAO-2026-000042`.
 * The counter row is incremented atomically, so concurrent creations never share a number.
 */
export async function nextReference(em: EntityManager, countyCode: string, programmeKey: string, at: Date): Promise<string> {
  const prefix = `${countyCode.slice(0, 6)}-${programmeKey.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${at.getUTCFullYear()}`;
  const rows = await em.getConnection().execute<{ n: number }[]>(
    `insert into reference_counter (prefix, n) values (?, 1) on conflict (prefix) do update set n = reference_counter.n + 1 returning n`,
    [prefix],
  );
  return `${prefix}-${String(rows[0].n).padStart(6, '0')}`;
}
