/**
 * A register entry as services use it: a plain object read with SQL (the write path and the lists
 * are plain SQL, like applications/application.row.ts), never a managed ORM entity.
 */
import { toDate, type SqlExec } from './sql.js';

export interface RegisterEntry {
  id: string;
  registerId: string;
  /** The version the data was last validated with (updates move an entry to the current one). */
  versionId: string;
  regionCode: string;
  regionPath: string;
  /** The normalised key (key field values, trimmed and upper-cased, joined by "|"). */
  key: string;
  /** The display name (e.g. the head of household). */
  name: string;
  status: string;
  data: Record<string, unknown>;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
}

export const ENTRY_COLUMNS = 'e.id, e.register_id, e.version_id, e.region_code, e.region_path, e.key, e.name, e.status, e.data, e.version, e.created_by, e.created_at, e.updated_by, e.updated_at';

export function entryFromRow(r: Record<string, any>): RegisterEntry {
  return {
    id: r.id, registerId: r.register_id, versionId: r.version_id, regionCode: r.region_code, regionPath: r.region_path,
    key: r.key, name: r.name, status: r.status, data: r.data, version: r.version,
    createdBy: r.created_by ?? null, createdAt: toDate(r.created_at), updatedBy: r.updated_by ?? null, updatedAt: toDate(r.updated_at),
  };
}

/** An entry with its register's status and current (published) version, for a write. */
export interface EntryForWrite {
  entry: RegisterEntry;
  register: { id: string; key: string; status: 'active' | 'retired' };
  currentVersionId: string | null;
}

const CURRENT_VERSION = `(select v.id from register_version v where v.register_id = e.register_id and v.status = 'published')`;

function entryForWriteFromRow(r: Record<string, any>): EntryForWrite {
  return {
    entry: entryFromRow(r),
    register: { id: r.register_id, key: r.register_key, status: r.register_status },
    currentVersionId: r.current_version_id ?? null,
  };
}

/** One statement: the entry, its register and the register's current version; `lock` takes a row lock. */
export async function findEntryForWrite(exec: SqlExec, id: string, lock = false): Promise<EntryForWrite | undefined> {
  const { rows } = await exec(
    `select ${ENTRY_COLUMNS}, r.key as register_key, r.status as register_status, ${CURRENT_VERSION} as current_version_id
       from register_entry e join register r on r.id = e.register_id
      where e.id = $1${lock ? ' for update of e' : ''}`,
    [id],
  );
  return rows[0] ? entryForWriteFromRow(rows[0]) : undefined;
}

/**
 * What findEntryForWrite reads (no lock), as one JSON text column of another statement: a scalar
 * subquery on the entry whose id `idColumn` holds. A transition's case load carries it, so its
 * effects need no read of their own (registers/effect-statement.ts). It stays text until
 * `entryForWriteFromJson` parses it: a transition without effects never does.
 */
export function entryForWriteColumn(idColumn: string): string {
  const fields = ENTRY_COLUMNS.split(', ').map((c) => `'${c.slice(2)}', ${c}`);
  return `(select json_build_object(${fields.join(', ')}, 'register_key', r.key, 'register_status', r.status, 'current_version_id', ${CURRENT_VERSION})::text
     from register_entry e join register r on r.id = e.register_id where e.id = ${idColumn})`;
}

export function entryForWriteFromJson(text: string): EntryForWrite {
  return entryForWriteFromRow(JSON.parse(text));
}
