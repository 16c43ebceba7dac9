/**
 * Register versions as the write path and the presenters use them: the definition parsed, its
 * entry validator compiled, lookups by status value and change kind. Published and superseded
 * versions never change (a trigger refuses it), so the version id is a perfect cache key; drafts
 * are never cached (entries are only ever validated with a published version).
 */
import { compileForm, getCompiledForm, type CompiledForm } from '../programmes/form-schema.js';
import type { SqlExec } from './sql.js';
import type { ChangeKindDef, RegisterSettings, StatusDef } from './register-definition.js';

export interface LoadedVersion {
  id: string;
  registerId: string;
  number: number;
  status: 'draft' | 'published' | 'superseded';
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
  settings: RegisterSettings;
  /** The entry validator (ajv, compiled on first use, once per published version). */
  readonly form: CompiledForm;
  statusByValue: Map<string, StatusDef>;
  kindByKey: Map<string, ChangeKindDef>;
}

export interface VersionRow {
  id: string;
  registerId: string;
  number: number;
  status: 'draft' | 'published' | 'superseded';
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown> | null;
  settings: RegisterSettings;
}

const cache = new Map<string, LoadedVersion>();
const MAX = 200;

/** The version with its compiled validator; cached unless it is a draft. */
export function loadedVersion(v: VersionRow): LoadedVersion {
  const hit = v.status !== 'draft' ? cache.get(v.id) : undefined;
  if (hit) return hit;
  let form: CompiledForm | undefined;
  const loaded: LoadedVersion = {
    id: v.id, registerId: v.registerId, number: v.number, status: v.status, schema: v.schema, uiSchema: v.uiSchema ?? null, settings: v.settings,
    get form() {
      // A draft may change under the same id: compiled afresh, never cached.
      form ??= v.status === 'draft' ? compileForm(v.schema) : getCompiledForm(`register:${v.id}`, v.schema);
      return form;
    },
    statusByValue: new Map(v.settings.statuses.map((s) => [s.value, s])),
    kindByKey: new Map(v.settings.changeKinds.map((k) => [k.key, k])),
  };
  if (v.status !== 'draft') {
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
    cache.set(v.id, loaded);
  }
  return loaded;
}

/** Versions by id (cached ones without a query). */
export async function versionsById(exec: SqlExec, ids: readonly string[]): Promise<Map<string, LoadedVersion>> {
  const out = new Map<string, LoadedVersion>();
  const missing = [...new Set(ids)].filter((id) => {
    const hit = cache.get(id);
    if (hit) out.set(id, hit);
    return !hit;
  });
  if (missing.length) {
    const { rows } = await exec(
      'select id, register_id, number, status, schema, ui_schema, settings from register_version where id = any($1::uuid[])',
      [missing],
    );
    for (const r of rows) {
      out.set(r.id, loadedVersion({ id: r.id, registerId: r.register_id, number: r.number, status: r.status, schema: r.schema, uiSchema: r.ui_schema, settings: r.settings }));
    }
  }
  return out;
}

export async function versionById(exec: SqlExec, id: string): Promise<LoadedVersion> {
  const v = (await versionsById(exec, [id])).get(id);
  if (!v) throw new Error(`register version ${id} is missing`);
  return v;
}
