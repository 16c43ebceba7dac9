/**
 * Many new entries at once (an import, the demo seed): the same checks, change-log rows and person
 * index as writeEntry, in three statements for the whole batch instead of three per entry. All or
 * nothing: any invalid or duplicate entry refuses the batch, with every problem located at
 * `/entries/<i>/<pointer>`. Runs on the caller's transaction.
 */
import { DomainError } from '../core/errors.js';
import type { SqlExec } from './sql.js';
import { diffEntry } from './entry-diff.js';
import { checkInput, derive, holdersOf, invalid, maskKey, registerRetired, type Derived, type EntryActor, type Problem, type RegisterRef } from './entry-write.js';
import type { LoadedVersion } from './register-versions.js';
import type { RegisterEntry } from './entry.row.js';
import type { EntryVisibility } from './register.policy.js';

export const MAX_BATCH = 1000;

export interface NewEntry {
  region: { code: string; path: string };
  data: Record<string, unknown>;
  kind: string;
  comment?: string | null;
  /** The role and region the change is made in, when they differ per entry (default: the batch actor's). */
  grant?: { role: string; regionCode: string };
}

export interface Batch {
  register: RegisterRef;
  version: LoadedVersion;
  entries: NewEntry[];
  actor: EntryActor;
  at: Date;
  sourceFile?: string | null;
  /** Whether errors may name an existing entry at this region path (default: yes). */
  canSee?: EntryVisibility;
}

/** Creates every entry of the batch, or none. Returns them in input order. */
export async function createEntries(exec: SqlExec, b: Batch): Promise<RegisterEntry[]> {
  if (b.register.status === 'retired') throw registerRetired(b.register.key);
  if (b.entries.length > MAX_BATCH) throw invalid([{ path: '/entries', message: `一次最多 ${MAX_BATCH} 条`, messageEn: `at most ${MAX_BATCH} entries at once` }], 'The batch');
  const problems: Problem[] = [];
  const derived: Derived[] = [];
  const keys = new Map<string, number>();
  const persons = new Map<string, number>();
  b.entries.forEach((e, i) => {
    const at = (p: Problem) => ({ ...p, path: `/entries/${i}${p.path}` });
    try {
      checkInput({ register: b.register, version: b.version, kind: e.kind, comment: e.comment, data: e.data });
      const d = derive(b.version, e.data);
      derived[i] = d;
      const twin = keys.get(d.key);
      if (twin !== undefined) {
        problems.push(...b.version.settings.keyFields.map((k) => at({ path: k, message: `与第 ${twin + 1} 条的关键字段相同`, messageEn: `same key as entry ${twin}` })));
      }
      keys.set(d.key, i);
      for (const p of d.persons) {
        const other = persons.get(p.idNumber);
        if (other !== undefined && other !== i) problems.push(at({ path: p.pointer, message: `该身份证号已在第 ${other + 1} 条中`, messageEn: `this ID number is also in entry ${other}` }));
        persons.set(p.idNumber, i);
      }
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'BAD_USER_INPUT') throw err;
      problems.push(...(err.details.problems ?? []).map((p) => at({ path: p.path, message: p.message, messageEn: p.messageEn ?? p.message })));
    }
  });
  if (problems.length) throw invalid(problems, 'The batch');

  const s = b.version.settings;
  const members = s.membersField && s.memberIdField ? { arrayPointer: s.membersField, idPointer: s.memberIdField } : null;
  const rows = b.entries.map((e, i) => ({
    id: crypto.randomUUID(), region_code: e.region.code, region_path: e.region.path, key: derived[i]!.key, name: derived[i]!.name,
    status: derived[i]!.status, data: e.data, kind: e.kind, comment: e.comment?.trim() || null, changes: diffEntry({}, e.data, members),
    role: e.grant?.role ?? b.actor.role, grant_region: e.grant?.regionCode ?? b.actor.regionCode,
  }));
  const inserted = await exec(
    `insert into register_entry (id, register_id, version_id, region_code, region_path, key, name, status, data, version, created_by, created_at, updated_by, updated_at)
     select t.id, $1::uuid, $2::uuid, t.region_code, t.region_path, t.key, t.name, t.status, t.data, 1, $3::uuid, $4::timestamptz, $3::uuid, $4::timestamptz
       from jsonb_to_recordset($5::jsonb) as t(id uuid, region_code varchar, region_path text, key text, name text, status text, data jsonb)
     on conflict (register_id, key) do nothing returning key`,
    [b.register.id, b.version.id, b.actor.id, b.at, JSON.stringify(rows.map(({ id, region_code, region_path, key, name, status, data }) => ({ id, region_code, region_path, key, name, status, data })))],
  );
  if (inserted.rows.length !== rows.length) {
    const written = new Set(inserted.rows.map((r) => r.key as string));
    const taken = rows.map((r, i) => ({ r, i })).filter(({ r }) => !written.has(r.key));
    throw await takenKeys(exec, b, taken.map(({ r, i }) => ({ key: r.key, index: i })));
  }
  await exec(
    `insert into register_change (entry_id, seq, at, actor_id, actor_name, role, region_code, kind, changes, comment, version_id, source_file)
     select t.id, 1, $1::timestamptz, $2::uuid, $3::text, t.role, t.grant_region, t.kind, t.changes, t.comment, $4::uuid, $5::text
       from jsonb_to_recordset($6::jsonb) as t(id uuid, role text, grant_region varchar, kind text, changes jsonb, comment text)`,
    [b.at, b.actor.id, b.actor.name, b.version.id, b.sourceFile ?? null,
      JSON.stringify(rows.map(({ id, role, grant_region, kind, changes, comment }) => ({ id, role, grant_region, kind, changes, comment })))],
  );
  const personRows = rows.flatMap((r, i) => derived[i]!.persons.map((p) => ({ id_number: p.idNumber, entry_id: r.id, role: p.role, name: p.name, pointer: p.pointer, i })));
  if (personRows.length) {
    const added = await exec(
      `insert into register_person (register_id, id_number, entry_id, role, name, pointer)
       select $1::uuid, t.id_number, t.entry_id, t.role, t.name, t.pointer
         from jsonb_to_recordset($2::jsonb) as t(id_number text, entry_id uuid, role text, name text, pointer text)
       on conflict (register_id, id_number) do nothing returning id_number`,
      [b.register.id, JSON.stringify(personRows.map(({ i: _i, ...p }) => p))],
    );
    if (added.rows.length !== personRows.length) {
      const written = new Set(added.rows.map((r) => r.id_number as string));
      throw await takenPersons(exec, b, personRows.filter((p) => !written.has(p.id_number)));
    }
  }
  return rows.map((r) => ({
    id: r.id, registerId: b.register.id, versionId: b.version.id, regionCode: r.region_code, regionPath: r.region_path, key: r.key, name: r.name,
    status: r.status, data: r.data, version: 1, createdBy: b.actor.id, createdAt: b.at, updatedBy: b.actor.id, updatedAt: b.at,
  }));
}

async function takenKeys(exec: SqlExec, b: Batch, taken: { key: string; index: number }[]): Promise<DomainError> {
  const { rows } = await exec(
    `select e.key, e.name, e.region_path, g.name as region_name from register_entry e join region g on g.code = e.region_code
      where e.register_id = $1::uuid and e.key = any($2::text[])`,
    [b.register.id, taken.map((t) => t.key)],
  );
  const by = new Map(rows.map((r) => [r.key as string, r]));
  const canSee = b.canSee ?? (() => true);
  const problems = taken.flatMap(({ key, index }) => {
    const h = by.get(key);
    const zh = h && canSee(h.region_path, b.register.id) ? `已登记：「${h.name}」户（${maskKey(key)}，${h.region_name}）` : '已登记在其他户';
    const en = h && canSee(h.region_path, b.register.id) ? `already registered: "${h.name}" (${maskKey(key)}, ${h.region_name})` : 'already registered in another entry';
    return b.version.settings.keyFields.map((k) => ({ path: `/entries/${index}${k}`, message: zh, messageEn: en }));
  });
  return new DomainError('BAD_USER_INPUT', `${taken.length} entr${taken.length === 1 ? 'y is' : 'ies are'} already registered`, {
    subCode: 'DUPLICATE', messageZh: `有 ${taken.length} 条已登记`, problems,
  });
}

async function takenPersons(exec: SqlExec, b: Batch, taken: { id_number: string; pointer: string; i: number }[]): Promise<DomainError> {
  const holders = await holdersOf(exec, b.register.id, taken.map((t) => t.id_number));
  const canSee = b.canSee ?? (() => true);
  const problems = taken.map((t) => {
    const h = holders.get(t.id_number);
    const visible = h && canSee(h.regionPath, b.register.id);
    return {
      path: `/entries/${t.i}${t.pointer}`,
      message: visible ? `该身份证号已登记在「${h.name}」户（${maskKey(h.key)}，${h.regionName}）` : `该身份证号已登记在${h?.regionName ?? '其他地区'}的另一户`,
      messageEn: visible ? `already registered in "${h.name}" (${maskKey(h.key)}, ${h.regionName})` : `already registered in another entry in ${h?.regionName ?? 'another region'}`,
    };
  });
  return new DomainError('BAD_USER_INPUT', `${taken.length} person(s) are already registered in other entries`, {
    subCode: 'DUPLICATE', messageZh: `有 ${taken.length} 人已登记在其他户`, problems,
  });
}
