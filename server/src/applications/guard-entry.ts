/**
 * The register entry a case's guards read (`{"var": "$entry.status"}`, workflow/guards.ts): its
 * data as stored, loaded only when the workflow has such a rule. The case's own form data is what
 * the filer typed; the entry is the county's record of the household, so a rule on it (only
 * 监测户 may apply, only a 已脱贫 household may be re-checked) cannot be met by typing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../core/pg-direct.js';
import type { CompiledWorkflow } from '../workflow/engine.js';
import type { EntryForWrite } from '../registers/entry.row.js';

/** Undefined when no guard reads the entry; null when the case names none. */
export async function guardEntry(
  em: EntityManager, app: { entryId?: string | null }, workflow: CompiledWorkflow, preloaded?: () => EntryForWrite | undefined,
): Promise<Readonly<Record<string, unknown>> | null | undefined> {
  if (!workflow.readsEntry) return undefined;
  if (!app.entryId) return null;
  const read = preloaded?.();
  if (read?.entry.id === app.entryId) return read.entry.data;
  const { rows } = await query(em, 'select data from register_entry where id = $1', [app.entryId]);
  return (rows[0]?.data as Record<string, unknown> | undefined) ?? null;
}
