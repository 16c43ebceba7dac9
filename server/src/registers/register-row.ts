/**
 * A register as the write, check and import paths read it: its row by key with its published
 * version's id, in one plain statement (the version itself comes from the per-process cache,
 * register-versions.ts; published versions never change).
 */
import type { SqlExec } from './sql.js';

export interface RegisterRow {
  id: string;
  key: string;
  name: string;
  status: 'active' | 'retired';
  regionCode: string;
  /** The owning county's path. */
  regionPath: string;
  /** The published version's id; null before the first publish. */
  versionId: string | null;
}

/** The register with this key, or undefined (also for a key no register could have). */
export async function registerByKey(exec: SqlExec, key: unknown): Promise<RegisterRow | undefined> {
  if (typeof key !== 'string' || key.length > 60) return undefined;
  const { rows } = await exec(
    `select r.id, r.key, r.name, r.status, r.region_code, r.region_path,
            (select v.id from register_version v where v.register_id = r.id and v.status = 'published') as version_id
       from register r where r.key = $1`,
    [key],
  );
  const r = rows[0];
  return r && {
    id: r.id, key: r.key, name: r.name, status: r.status, regionCode: r.region_code, regionPath: r.region_path, versionId: r.version_id ?? null,
  };
}
