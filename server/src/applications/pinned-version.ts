/**
 * Programme versions as applications use them. A version an application is pinned to is published
 * (or superseded/retired) and never changes, so one load per process is enough.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ProgrammeVersion } from '../programmes/programme-version.entity.js';
import { formOf, workflowOf } from '../programmes/compiled.js';
import type { CompiledForm } from '../programmes/form-schema.js';
import type { CompiledWorkflow } from '../workflow/engine.js';

export interface PinnedVersion {
  id: string;
  number: number;
  programmeId: string;
  /** The owning county: `x-unique` groups are per county. */
  countyCode: string;
  formSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
  form: CompiledForm;
  workflow: CompiledWorkflow;
}

const cache = new Map<string, PinnedVersion>();

function pin(v: ProgrammeVersion): PinnedVersion {
  return {
    id: v.id, number: v.number, programmeId: v.programme.id, countyCode: v.programme.regionCode, formSchema: v.formSchema, uiSchema: v.uiSchema ?? null,
    form: formOf(v), workflow: workflowOf(v),
  };
}

export async function pinnedVersions(em: EntityManager, ids: readonly string[]): Promise<Map<string, PinnedVersion>> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  if (missing.length) {
    for (const v of await em.find(ProgrammeVersion, { id: { $in: missing } }, { populate: ['programme'] })) {
      if (v.status === 'draft') throw new Error(`application pinned to draft version ${v.id}`);
      cache.set(v.id, pin(v));
    }
  }
  return new Map(ids.map((id) => [id, cache.get(id)!]));
}

export async function pinnedVersion(em: EntityManager, id: string): Promise<PinnedVersion> {
  return (await pinnedVersions(em, [id])).get(id)!;
}

/** Seeds the cache from an entity already loaded (e.g. at createApplication). */
export function pinLoaded(v: ProgrammeVersion): PinnedVersion {
  let p = cache.get(v.id);
  if (!p) cache.set(v.id, (p = pin(v)));
  return p;
}
