/**
 * Per-request DataLoaders of the register domain: fields of list items (register, version,
 * persons, change log) are fetched in one query per kind, never one per entry. Kept per context in
 * a WeakMap, so the domain needs nothing from core/loaders.ts.
 */
import DataLoader from 'dataloader';
import type { Context } from '../core/context.js';
import { Register } from './register.entity.js';
import { versionsById, type LoadedVersion } from './register-versions.js';
import { ENTRY_COLUMNS, entryFromRow, type RegisterEntry } from './entry.row.js';
import type { FieldChange } from './entry-diff.js';
import { execOf, toDate } from './sql.js';

export interface PersonRecord {
  idNumber: string;
  role: 'head' | 'member';
  name: string | null;
  pointer: string;
  entryId: string;
}

export interface ChangeRecord {
  id: string;
  entryId: string;
  seq: number;
  at: Date;
  actorName: string | null;
  role: string | null;
  regionCode: string | null;
  kind: string;
  changes: FieldChange[];
  comment: string | null;
  versionId: string;
  applicationId: string | null;
  applicationReference: string | null;
  sourceFile: string | null;
}

export interface RegisterLoaders {
  register: DataLoader<string, Register | undefined>;
  version: DataLoader<string, LoadedVersion | undefined>;
  entry: DataLoader<string, RegisterEntry | undefined>;
  persons: DataLoader<string, PersonRecord[]>;
  /**
   * The change log of an entry, oldest first: rows after `afterSeq`, at most `first` of them; or,
   * with `last`, the newest `last` rows.
   */
  changes(first: number, afterSeq: number, last?: number | null): DataLoader<string, ChangeRecord[]>;
}

const byContext = new WeakMap<Context, RegisterLoaders>();

export function registerLoaders(ctx: Context): RegisterLoaders {
  let loaders = byContext.get(ctx);
  if (loaders) return loaders;
  const exec = execOf(ctx.em);
  const changeLoaders = new Map<string, DataLoader<string, ChangeRecord[]>>();
  loaders = {
    register: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(Register, { id: { $in: [...ids] } }, { populate: ['versions'] });
      const by = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => by.get(id));
    }),
    version: new DataLoader(async (ids) => {
      const map = await versionsById(exec, ids);
      return ids.map((id) => map.get(id));
    }),
    entry: new DataLoader(async (ids) => {
      const { rows } = await exec(`select ${ENTRY_COLUMNS} from register_entry e where e.id = any($1::uuid[])`, [[...ids]]);
      const by = new Map(rows.map((r) => [r.id as string, entryFromRow(r)]));
      return ids.map((id) => by.get(id));
    }),
    persons: new DataLoader(async (ids) => {
      const { rows } = await exec(
        `select id_number, role, name, pointer, entry_id from register_person where entry_id = any($1::uuid[])
          order by entry_id, case role when 'head' then 0 else 1 end, pointer`,
        [[...ids]],
      );
      const out = new Map<string, PersonRecord[]>();
      for (const r of rows) {
        const list = out.get(r.entry_id) ?? [];
        list.push({ idNumber: r.id_number, role: r.role, name: r.name, pointer: r.pointer, entryId: r.entry_id });
        out.set(r.entry_id, list);
      }
      return ids.map((id) => out.get(id) ?? []);
    }),
    changes(first, afterSeq, last) {
      const key = `${first}:${afterSeq}:${last ?? ''}`;
      let loader = changeLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const { rows } = await exec(
            `select * from (
               select c.*, row_number() over (partition by c.entry_id order by c.seq ${last ? 'desc' : ''}) as n
                 from register_change c where c.entry_id = any($1::uuid[]) and c.seq > $2::int) x
              where x.n <= $3::int order by x.entry_id, x.seq`,
            [[...ids], afterSeq, last ?? first],
          );
          const out = new Map<string, ChangeRecord[]>();
          for (const r of rows) {
            const list = out.get(r.entry_id) ?? [];
            list.push({
              id: String(r.id), entryId: r.entry_id, seq: r.seq, at: toDate(r.at), actorName: r.actor_name, role: r.role, regionCode: r.region_code,
              kind: r.kind, changes: r.changes, comment: r.comment, versionId: r.version_id, applicationId: r.application_id,
              applicationReference: r.application_reference, sourceFile: r.source_file,
            });
            out.set(r.entry_id, list);
          }
          return ids.map((id) => out.get(id) ?? []);
        });
        changeLoaders.set(key, loader);
      }
      return loader;
    },
  };
  byContext.set(ctx, loaders);
  return loaders;
}
