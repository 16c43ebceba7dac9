/**
 * Which checklist items of a household's file are done: one statement per register for all the
 * entries a request asks about (a DataLoader per request), each item an EXISTS on the entry's
 * cases (checklist.ts). The checklist is the register's current version's.
 */
import DataLoader from 'dataloader';
import type { Context } from '../core/context.js';
import { SqlParams } from './register.policy.js';
import { registerLoaders } from './register.loaders.js';
import { currentRegisterVersion } from './register.service.js';
import { itemReferenceSql, type ChecklistItem } from './checklist.js';
import type { RegisterEntry } from './entry.row.js';
import { execOf } from './sql.js';

export interface ChecklistStatus {
  item: ChecklistItem;
  done: boolean;
  /** The case that provides it (the newest one), when done. */
  applicationReference: string | null;
}

/** The entry's current checklist. */
export async function checklistOf(ctx: Context, registerId: string): Promise<ChecklistItem[]> {
  const register = await registerLoaders(ctx).register.load(registerId);
  const current = register ? currentRegisterVersion(register) : undefined;
  return current?.settings.dossier?.checklist ?? [];
}

const byContext = new WeakMap<Context, DataLoader<RegisterEntry, ChecklistStatus[], string>>();

export function checklistLoader(ctx: Context): DataLoader<RegisterEntry, ChecklistStatus[], string> {
  let loader = byContext.get(ctx);
  if (loader) return loader;
  loader = new DataLoader<RegisterEntry, ChecklistStatus[], string>(async (entries) => {
    const out = new Map<string, ChecklistStatus[]>();
    const byRegister = new Map<string, RegisterEntry[]>();
    for (const e of entries) byRegister.set(e.registerId, [...(byRegister.get(e.registerId) ?? []), e]);
    for (const [registerId, group] of byRegister) {
      const list = await checklistOf(ctx, registerId);
      if (!list.length) {
        group.forEach((e) => out.set(e.id, []));
        continue;
      }
      const params = new SqlParams();
      const columns = list.map((item, i) => `${itemReferenceSql(item, 'e', params)} as c${i}`).join(', ');
      const { rows } = await execOf(ctx.em)(`select e.id, ${columns} from register_entry e where e.id = any(${params.p(group.map((e) => e.id))}::uuid[])`, params.values);
      for (const r of rows) {
        out.set(r.id, list.map((item, i) => ({ item, done: r[`c${i}`] != null, applicationReference: r[`c${i}`] ?? null })));
      }
    }
    return entries.map((e) => out.get(e.id) ?? []);
  }, { cacheKeyFn: (e) => e.id, maxBatchSize: 100 });
  byContext.set(ctx, loader);
  return loader;
}
