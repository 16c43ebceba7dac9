/**
 * A state's effects on an existing household as part of the transition's one statement.
 *
 * The transactional path (commit.ts → applyStateEffects) takes seven round trips for a transition
 * with effects: BEGIN, the row and its history, the entry read with a row lock, the entry and its
 * change-log row, the person index, the claims, COMMIT. Here it takes two, as many as a transition
 * without effects: the entry comes with the case (read without a lock in the statement that loads
 * it, applications/application.row.ts; read here, one round trip more, when the caller has not),
 * its new data is computed and validated as writeEntry does, and the writes become CTEs of the
 * transition's statement, each reading the application update's result: the entry update is
 * version-checked (`version = <the version read>`), the change-log row reads the entry update's
 * result, the person index gets the persons that are new or changed (the index holds the others
 * already: every write keeps it so). The final SELECT calls `refuse_entry_write()` (migration 030)
 * when the application was written but the entry was not (someone changed it since it was read) or
 * a person is held by another entry, which fails the whole statement: nothing is written, and the
 * caller runs the transactional path, which locks the entry and reports any refusal as before.
 *
 * The work beside the SQL is kept small: only the containers on the effects' paths are copied (the
 * household as read stays intact for the diff, which then skips the untouched parts by reference),
 * the data is serialized once, and the register version (with its compiled validator) comes from
 * the per-process cache. Figures: docs/benchmarks.md, "Effects.".
 *
 * Only a change of an existing entry qualifies; a create effect, a remove, a move of a person another entry holds, a missing entry, a retired
 * register, a changed key or any validation problem leave `prepareEffectStatement` answering
 * undefined and the transactional path does the work (and says what is wrong).
 */
import { parsePointer, setPointer } from '../programmes/form-pointer.js';
import type { WorkflowDefinition } from '../workflow/definition.js';
import type { SqlExec } from './sql.js';
import { checkInput, derive, removePointer, type EntryActor } from './entry-write.js';
import { diffEntry } from './entry-diff.js';
import { personsOf, samePersons, type PersonRow } from './entry-persons.js';
import { findEntryForWrite, type EntryForWrite } from './entry.row.js';
import { versionById } from './register-versions.js';
import { planStateEffects, type EffectTarget } from './programme-link.js';

export interface EffectStatement {
  /** CTEs to add to the transition's statement; `after` names the CTE of the application update. */
  ctes(param: (v: unknown) => string, after: string): string[];
  /** An expression for the final SELECT: fails the statement unless the entry was written in full. */
  check(after: string, param: (v: unknown) => string): string;
}

/** The message refuse_entry_write() raises (migration 030). */
export const ENTRY_WRITE_REFUSED = 'entry write refused';

export const isEntryWriteRefused = (e: unknown) => (e as { code?: string; message?: string })?.code === 'P0001' && (e as Error).message === ENTRY_WRITE_REFUSED;

/**
 * `data` with the containers on `pointer`'s path copied (not its last segment), so setPointer and
 * removePointer change the copies: the entry as read stays as it was, for the diff and the person
 * check, without cloning the whole household. Everything off the path is shared, which also lets
 * the diff pass over it at once (jsonEqual compares references first).
 */
function copyPath(data: Record<string, unknown>, pointer: string): Record<string, unknown> {
  const root = { ...data };
  let current: Record<string, unknown> | unknown[] = root;
  for (const segment of parsePointer(pointer).slice(0, -1)) {
    const array = Array.isArray(current);
    const next: unknown = array ? (/^(0|[1-9]\d*)$/.test(segment) ? (current as unknown[])[Number(segment)] : undefined)
      : Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    if (typeof next !== 'object' || next === null) break; // setPointer creates what is missing
    const copy: Record<string, unknown> | unknown[] = Array.isArray(next) ? [...next] : { ...(next as Record<string, unknown>) };
    if (array) (current as unknown[])[Number(segment)] = copy;
    else Object.defineProperty(current, segment, { value: copy, writable: true, enumerable: true, configurable: true });
    current = copy;
  }
  return root;
}

const personKey = (p: PersonRow) => `${p.idNumber}|${p.role}|${p.name ?? ''}|${p.pointer}`;

export async function prepareEffectStatement(
  exec: SqlExec, workflow: WorkflowDefinition, stateMeta: unknown, app: EffectTarget, actor: EntryActor, comment: string | null | undefined, at: Date,
  preloaded?: () => EntryForWrite | undefined,
): Promise<EffectStatement | undefined> {
  const planned = planStateEffects(workflow, stateMeta, app);
  if (!planned || planned.created || !app.entryId) return undefined;
  // Removing members reads the entry's own list under a lock: the transactional path does it. A
  // move needs the transactional path only when another household holds the person: then the
  // statement's person check fails it (as for any person held elsewhere) and the caller falls
  // back; a person nobody holds (a 户口迁入 from outside the county) is written here.
  if (planned.sets.some((s) => 'removeWhere' in s)) return undefined;
  // Read with the case when the caller did (a transition's load), else here: a round trip more.
  const read = preloaded?.();
  const found = read?.entry.id === app.entryId ? read : await findEntryForWrite(exec, app.entryId, false);
  if (!found || !found.currentVersionId || found.register.status === 'retired') return undefined;
  if (found.register.key !== planned.link.key) return undefined;
  const before = found.entry;
  let data = before.data;
  for (const s of planned.sets) {
    if ('removeWhere' in s) continue;
    data = copyPath(data, s.path);
    // The value itself, not a copy: the new data is only validated and serialized, in this call.
    data = (s.value === undefined ? removePointer(data, s.path) : setPointer(data, s.path, s.value)) as Record<string, unknown>;
  }
  const version = await versionById(exec, found.currentVersionId);
  const json = JSON.stringify(data);
  let derived: ReturnType<typeof derive>;
  try {
    checkInput({ register: found.register, version, kind: planned.kind, comment, data }, json);
    derived = derive(version, data);
  } catch {
    return undefined; // the transactional path reports it
  }
  if (derived.key !== before.key) return undefined;
  const s = version.settings;
  const members = s.membersField && s.memberIdField ? { arrayPointer: s.membersField, idPointer: s.memberIdField } : null;
  const changes = diffEntry(before.data ?? {}, data, members);
  // The person index holds the entry's persons as its version reads them (every write keeps it
  // so): with the same version, only persons new or changed are written (an appended member is
  // one row, not the whole household rewritten) and the index is searched for persons to drop
  // only when one left; another version rewrites them all.
  const sameVersion = before.versionId === version.id;
  const had = sameVersion ? personsOf(s, before.data).persons : [];
  const personsChanged = !(sameVersion && samePersons(had, derived.persons));
  const indexed = new Set(had.map(personKey));
  const persons = derived.persons.filter((p) => !indexed.has(personKey(p)));
  const ids = derived.persons.map((p) => p.idNumber);
  const kept = new Set(ids);
  const personsGone = !sameVersion || had.some((p) => !kept.has(p.idNumber));

  return {
    ctes(param, after) {
      const id = param(before.id);
      const expected = param(before.version);
      const out = [
        `entry_written as (update register_entry set version_id = ${param(version.id)}::uuid, key = ${param(derived.key)}, name = ${param(derived.name)},
           status = ${param(derived.status)}, data = ${param(json)}::jsonb, version = ${expected}::int + 1,
           updated_by = ${param(actor.id)}::uuid, updated_at = ${param(at)}::timestamptz
         where id = ${id}::uuid and version = ${expected}::int and exists (select 1 from ${after}) returning id)`,
        `entry_logged as (insert into register_change (entry_id, seq, at, actor_id, actor_name, role, region_code, kind, changes, comment, version_id, application_id, application_reference, source_file)
         select id, ${expected}::int + 1, ${param(at)}::timestamptz, ${param(actor.id)}::uuid, ${param(actor.name)}::text, ${param(actor.role)}::text,
                ${param(actor.regionCode)}::varchar, ${param(planned.kind)}::text, ${param(JSON.stringify(changes))}::jsonb, ${param(comment?.trim() || null)}::text,
                ${param(version.id)}::uuid, ${param(app.id)}::uuid, ${param(app.reference)}::text, null from entry_written)`,
      ];
      if (personsChanged) {
        if (personsGone) out.push(`persons_gone as (delete from register_person where entry_id = ${id}::uuid and not (id_number = any(${param(ids)}::text[])) and exists (select 1 from entry_written))`);
        out.push(
          `persons_put as (insert into register_person (register_id, id_number, entry_id, role, name, pointer)
           select ${param(found.register.id)}::uuid, t.id_number, ${id}::uuid, t.role, t.name, t.pointer
             from unnest(${param(persons.map((p) => p.idNumber))}::text[], ${param(persons.map((p) => p.role))}::text[], ${param(persons.map((p) => p.name))}::text[], ${param(persons.map((p) => p.pointer))}::text[])
                  as t(id_number, role, name, pointer)
            where exists (select 1 from entry_written)
           on conflict (register_id, id_number) do update set role = excluded.role, name = excluded.name, pointer = excluded.pointer
             where register_person.entry_id = excluded.entry_id
           returning id_number)`,
        );
      }
      return out;
    },
    check(after, param) {
      const incomplete = [`not exists (select 1 from entry_written)`];
      if (personsChanged) incomplete.push(`(select count(*) from persons_put) <> ${param(persons.length)}::int`);
      return `(select refuse_entry_write() where exists (select 1 from ${after}) and (${incomplete.join(' or ')}))`;
    },
  };
}
