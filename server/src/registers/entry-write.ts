/**
 * The one write path of a register entry: validate with the register's current version, write the
 * row and its change-log row in one statement, keep the person index, and take persons over from
 * other entries when the write says so (a move). It runs on a given SQL executor, inside the
 * caller's transaction: the GraphQL services open one; a workflow effect will run it inside the
 * application's own transaction (applications/commit.ts), so the entry and the case change together.
 *
 * No actor authorization happens here: callers decide who may write (entry.service.ts checks the
 * register's editing roles; an effect is authorized by the workflow transition that carries it).
 */
import { DomainError, type FieldProblem } from '../core/errors.js';
import { readPointer, setPointer } from '../programmes/form-pointer.js';
import { maskValue } from '../notices/mask.js';
import type { SqlExec } from './sql.js';
import { registerByKey } from './register-row.js';
import type { LoadedVersion } from './register-versions.js';
import { versionById } from './register-versions.js';
import { diffEntry, type FieldChange } from './entry-diff.js';
import { normaliseId, personsOf, samePersons, type PersonRow } from './entry-persons.js';
import { findEntryForWrite, type RegisterEntry } from './entry.row.js';
import { removeItems, removePointer } from './entry-edits.js';
import type { EntryVisibility } from './register.policy.js';

export const MAX_ENTRY_BYTES = 256 * 1024;
export const MAX_COMMENT = 2000;

/** Who made a change, as the log records it. `id` is null for the system (an import job, a timer). */
export interface EntryActor {
  id: string | null;
  name: string;
  role: string | null;
  regionCode: string | null;
}

/** The application whose workflow effect made the change. */
export interface ApplicationRef {
  id: string;
  reference: string;
}

export interface RegisterRef {
  id: string;
  key: string;
  status: 'active' | 'retired';
}

export interface EntryWrite {
  register: RegisterRef;
  /** The register's current published version: the data is validated with it and the entry moves to it. */
  version: LoadedVersion;
  /** The entry as it is now; absent for a new entry. */
  before?: RegisterEntry;
  /** With `before`: the version the writer read (optimistic concurrency). */
  expectedVersion?: number;
  /** For a new entry: its village. */
  region?: { code: string; path: string };
  data: Record<string, unknown>;
  /** A change kind of the version (`new`, `exit`, `correction` …). */
  kind: string;
  actor: EntryActor;
  comment?: string | null;
  application?: ApplicationRef | null;
  /** The imported file's name, for changes made by an import. */
  sourceFile?: string | null;
  at: Date;
  /**
   * ID numbers this write takes over from the entries that hold them now (a move: 迁入/分户). Each
   * is removed from that entry's members in the same transaction, with its own change-log row.
   */
  movePersons?: readonly string[];
  /** Whether errors may name an entry at this region path (default: yes). */
  canSee?: EntryVisibility;
  /** Throws unless persons may be taken out of `holder` (default: allowed). */
  authorizeMove?: (holder: Pick<RegisterEntry, 'regionPath'>) => void;
}

export type Problem = FieldProblem & { messageEn: string };

export function invalid(problems: Problem[], subject = 'The entry'): DomainError {
  return new DomainError('BAD_USER_INPUT', `${subject} has ${problems.length} invalid field(s): ${problems.slice(0, 3).map((p) => p.path || '/').join(', ')}`, {
    messageZh: `登记内容有 ${problems.length} 处错误`,
    problems,
  });
}

export function registerRetired(key: string): DomainError {
  return new DomainError('BAD_USER_INPUT', `Register "${key}" is retired: its entries can no longer change`, {
    subCode: 'REGISTER_RETIRED',
    messageZh: `登记簿 ${key} 已停用，登记不能再修改`,
  });
}

export function entryConflict(): DomainError {
  return new DomainError('VERSION_CONFLICT', 'The entry was changed by someone else: reload it and try again', {
    messageZh: '该登记已被他人修改，请刷新后重试',
  });
}

/** `1306**********1234` for ID-shaped key parts, so messages never carry a whole ID number. */
export const maskKey = (key: string) => key.split('|').map((part) => (/^\d{17}[\dX]$/.test(part) ? maskValue(part, 'idcard') : part)).join('|');

export interface Derived {
  key: string;
  name: string;
  status: string;
  persons: PersonRow[];
}

/** Key, display name, status and persons of valid data; every problem at once. */
export function derive(version: LoadedVersion, data: Record<string, unknown>): Derived {
  const s = version.settings;
  const problems: Problem[] = version.form.validate(data).map((p) => ({ path: p.path, message: p.message, messageEn: p.messageEn }));
  const reported = new Set(problems.map((p) => p.path));
  const add = (p: Problem) => {
    if (!reported.has(p.path)) problems.push(p);
    reported.add(p.path);
  };
  const parts = s.keyFields.map((pointer) => {
    const v = normaliseId(readPointer(data, pointer));
    if (v === null) add({ path: pointer, message: '关键字段不能为空', messageEn: 'a key field may not be empty' });
    return v ?? '';
  });
  const rawName = readPointer(data, s.nameField);
  const name = typeof rawName === 'string' ? rawName.trim().slice(0, 100) : '';
  if (!name) add({ path: s.nameField, message: '名称字段不能为空', messageEn: 'the name field may not be empty' });
  const status = readPointer(data, s.statusField);
  if (typeof status !== 'string' || !version.statusByValue.has(status)) {
    add({ path: s.statusField, message: '请选择状态', messageEn: 'choose a status' });
  }
  const { persons, problems: personProblems } = personsOf(s, data);
  personProblems.forEach(add);
  if (problems.length) throw invalid(problems);
  return { key: parts.join('|'), name, status: status as string, persons };
}

/** `json`: the data as JSON when the caller has it already (it is the size checked). */
export function checkInput(w: Pick<EntryWrite, 'register' | 'version' | 'kind' | 'comment' | 'data'>, json?: string): void {
  if (w.register.status === 'retired') throw registerRetired(w.register.key);
  if (!w.version.kindByKey.has(w.kind)) {
    const kinds = [...w.version.kindByKey.keys()];
    throw new DomainError('BAD_USER_INPUT', `Unknown change kind "${w.kind}": one of ${kinds.join(', ')}`, {
      messageZh: `未知的变更类型 ${w.kind}`,
      problems: [{ path: '/kind', message: `须为 ${kinds.join('、')} 之一`, messageEn: `one of ${kinds.join(', ')}` }],
    });
  }
  if ((w.comment?.length ?? 0) > MAX_COMMENT) {
    throw new DomainError('BAD_USER_INPUT', `A comment has at most ${MAX_COMMENT} characters`, {
      messageZh: `说明最多 ${MAX_COMMENT} 个字`,
      problems: [{ path: '/comment', message: '过长', messageEn: 'too long' }],
    });
  }
  if ((json ?? JSON.stringify(w.data)).length > MAX_ENTRY_BYTES) {
    throw new DomainError('BAD_USER_INPUT', `Entry data is larger than ${MAX_ENTRY_BYTES / 1024} KB`, {
      messageZh: `登记内容超过 ${MAX_ENTRY_BYTES / 1024} KB`,
      problems: [{ path: '/data', message: '过大', messageEn: 'too large' }],
    });
  }
}

/** Writes one entry (new or changed) with its change-log row and person index. Returns the entry as written. */
export async function writeEntry(exec: SqlExec, w: EntryWrite): Promise<RegisterEntry> {
  checkInput(w);
  const derived = derive(w.version, w.data);
  const s = w.version.settings;
  const id = w.before?.id ?? crypto.randomUUID();
  if (w.movePersons?.length) await takePersons(exec, w, id, derived);

  const members = s.membersField && s.memberIdField ? { arrayPointer: s.membersField, idPointer: s.memberIdField } : null;
  const changes: FieldChange[] = diffEntry(w.before?.data ?? {}, w.data, members);
  const changeValues = [w.at, w.actor.id, w.actor.name, w.actor.role, w.actor.regionCode, w.kind, JSON.stringify(changes),
    w.comment?.trim() || null, w.version.id, w.application?.id ?? null, w.application?.reference ?? null, w.sourceFile ?? null];
  const changeInsert = `insert into register_change (entry_id, seq, at, actor_id, actor_name, role, region_code, kind, changes, comment, version_id, application_id, application_reference, source_file)`;
  // $1..$12 are the change's values, then the entry's; the change row reads the entry write's
  // result, so nothing is logged when the key is taken or the version check fails.
  const changeSelect = `$1::timestamptz, $2::uuid, $3::text, $4::text, $5::varchar, $6::text, $7::jsonb, $8::text, $9::uuid, $10::uuid, $11::text, $12::text`;

  let entry: RegisterEntry;
  if (!w.before) {
    if (!w.region) throw new Error('writeEntry: a new entry needs its region');
    const { rows } = await exec(
      `with inserted as (
         insert into register_entry (id, register_id, version_id, region_code, region_path, key, name, status, data, version, created_by, created_at, updated_by, updated_at)
         values ($13::uuid, $14::uuid, $9::uuid, $15, $16, $17, $18, $19, $20::jsonb, 1, $2::uuid, $1::timestamptz, $2::uuid, $1::timestamptz)
         on conflict (register_id, key) do nothing returning id)
       ${changeInsert} select id, 1, ${changeSelect} from inserted returning entry_id`,
      [...changeValues, id, w.register.id, w.region.code, w.region.path, derived.key, derived.name, derived.status, JSON.stringify(w.data)],
    );
    if (rows.length === 0) throw await duplicateKey(exec, w, derived.key);
    entry = {
      id, registerId: w.register.id, versionId: w.version.id, regionCode: w.region.code, regionPath: w.region.path, key: derived.key,
      name: derived.name, status: derived.status, data: w.data, version: 1, createdBy: w.actor.id, createdAt: w.at, updatedBy: w.actor.id, updatedAt: w.at,
    };
  } else {
    const expected = w.expectedVersion ?? w.before.version;
    if (derived.key !== w.before.key) {
      const { rows } = await exec('select 1 from register_entry where register_id = $1 and key = $2 and id <> $3', [w.register.id, derived.key, id]);
      if (rows.length) throw await duplicateKey(exec, w, derived.key);
    }
    let rows: unknown[];
    try {
      ({ rows } = await exec(
        `with updated as (
           update register_entry set version_id = $9::uuid, key = $15, name = $16, status = $17, data = $18::jsonb, version = $14::int + 1,
                  updated_by = $2::uuid, updated_at = $1::timestamptz
            where id = $13::uuid and version = $14::int returning id)
         ${changeInsert} select id, $14::int + 1, ${changeSelect} from updated returning entry_id`,
        [...changeValues, id, expected, derived.key, derived.name, derived.status, JSON.stringify(w.data)],
      ));
    } catch (e) {
      // Another transaction took the new key between the check above and this update.
      // The transaction is aborted now, so the holder cannot be looked up to be named.
      if ((e as { code?: string }).code === '23505' || /UniqueConstraint/.test((e as Error).name)) {
        throw new DomainError('BAD_USER_INPUT', 'The register already has an entry with this key', {
          subCode: 'DUPLICATE',
          messageZh: '已有相同关键字段的登记',
          problems: s.keyFields.map((path) => ({ path, message: '已被其他登记使用', messageEn: 'taken by another entry' })),
        });
      }
      throw e;
    }
    if (rows.length === 0) throw entryConflict();
    entry = { ...w.before, versionId: w.version.id, key: derived.key, name: derived.name, status: derived.status, data: w.data, version: expected + 1, updatedBy: w.actor.id, updatedAt: w.at };
  }

  const unchanged = w.before && w.before.versionId === w.version.id && samePersons(personsOf(s, w.before.data).persons, derived.persons);
  if (!unchanged) await syncPersons(exec, w, id, derived.persons);
  return entry;
}

/**
 * Makes the person index hold exactly `persons` for this entry, in one statement. An ID number
 * held by another entry is not taken: the upsert's WHERE leaves that row alone, so it is missing
 * from RETURNING, and the write is refused naming the holder.
 */
async function syncPersons(exec: SqlExec, w: EntryWrite, entryId: string, persons: PersonRow[]): Promise<void> {
  const ids = persons.map((p) => p.idNumber);
  const { rows } = await exec(
    `with gone as (delete from register_person where entry_id = $1::uuid and not (id_number = any($2::text[])))
     insert into register_person (register_id, id_number, entry_id, role, name, pointer)
     select $3::uuid, t.id_number, $1::uuid, t.role, t.name, t.pointer
       from unnest($2::text[], $4::text[], $5::text[], $6::text[]) as t(id_number, role, name, pointer)
     on conflict (register_id, id_number) do update set role = excluded.role, name = excluded.name, pointer = excluded.pointer
       where register_person.entry_id = excluded.entry_id
     returning id_number`,
    [entryId, ids, w.register.id, persons.map((p) => p.role), persons.map((p) => p.name), persons.map((p) => p.pointer)],
  );
  if (rows.length === persons.length) return;
  const written = new Set(rows.map((r) => r.id_number as string));
  const taken = persons.filter((p) => !written.has(p.idNumber));
  const holders = await holdersOf(exec, w.register.id, taken.map((p) => p.idNumber));
  const canSee = w.canSee ?? (() => true);
  const problems: Problem[] = [];
  const existing: Record<string, unknown>[] = [];
  for (const p of taken) {
    const h = holders.get(p.idNumber);
    if (!h) continue;
    const visible = canSee(h.regionPath, w.register.id);
    existing.push({ pointer: p.pointer, regionCode: h.regionCode, regionName: h.regionName, ...(visible ? { entryId: h.id, name: h.name, key: h.key } : {}) });
    problems.push(visible
      ? { path: p.pointer, message: `该身份证号已登记在「${h.name}」户（${maskKey(h.key)}，${h.regionName}）；如为迁入，请选择迁移该成员`, messageEn: `already registered in the entry "${h.name}" (${maskKey(h.key)}, ${h.regionName}); move the person to take them over` }
      : { path: p.pointer, message: `该身份证号已登记在${h.regionName}的另一户（不在您的辖区）`, messageEn: `already registered in another entry in ${h.regionName} (outside your regions)` });
  }
  const first = existing[0] as { name?: string; key?: string; regionName: string } | undefined;
  const where = first?.name ? `"${first.name}" (${maskKey(first.key!)}, ${first.regionName})` : `another entry in ${first?.regionName ?? 'another region'}`;
  const whereZh = first?.name ? `「${first.name}」户（${maskKey(first.key!)}，${first.regionName}）` : `${first?.regionName ?? '其他地区'}的另一户`;
  throw new DomainError('BAD_USER_INPUT', `A person of this entry is already registered in ${where}`, {
    subCode: 'DUPLICATE',
    messageZh: `本户有成员已登记在${whereZh}`,
    existingEntries: existing,
    problems,
  });
}

export interface Holder {
  id: string;
  name: string;
  key: string;
  regionCode: string;
  regionPath: string;
  regionName: string;
  role: 'head' | 'member';
}

export async function holdersOf(exec: SqlExec, registerId: string, ids: string[]): Promise<Map<string, Holder>> {
  const { rows } = await exec(
    `select p.id_number, p.role, e.id, e.name, e.key, e.region_code, e.region_path, g.name as region_name
       from register_person p join register_entry e on e.id = p.entry_id join region g on g.code = e.region_code
      where p.register_id = $1::uuid and p.id_number = any($2::text[])`,
    [registerId, ids],
  );
  return new Map(rows.map((r) => [r.id_number, { id: r.id, name: r.name, key: r.key, regionCode: r.region_code, regionPath: r.region_path, regionName: r.region_name, role: r.role }]));
}

async function duplicateKey(exec: SqlExec, w: EntryWrite, key: string): Promise<DomainError> {
  const { rows } = await exec(
    `select e.id, e.name, e.key, e.region_code, e.region_path, g.name as region_name
       from register_entry e join region g on g.code = e.region_code where e.register_id = $1::uuid and e.key = $2`,
    [w.register.id, key],
  );
  const h = rows[0];
  const visible = !!h && (w.canSee ?? (() => true))(h.region_path, w.register.id);
  const where = visible ? `"${h.name}" (${maskKey(h.key)}, ${h.region_name})` : `another entry in ${h?.region_name ?? 'another region'} (outside your regions)`;
  const whereZh = visible ? `「${h.name}」户（${maskKey(h.key)}，${h.region_name}）` : `${h?.region_name ?? '其他地区'}的另一户（不在您的辖区）`;
  return new DomainError('BAD_USER_INPUT', `The register already has an entry with this key: ${where}`, {
    subCode: 'DUPLICATE',
    messageZh: `已有相同关键字段的登记：${whereZh}`,
    existingEntries: h ? [{ regionCode: h.region_code, regionName: h.region_name, ...(visible ? { entryId: h.id, name: h.name, key: h.key } : {}) }] : [],
    problems: w.version.settings.keyFields.map((path) => ({ path, message: `已登记在${whereZh}`, messageEn: `already registered: ${where}` })),
  });
}

/**
 * A move: each listed ID number leaves the entry that holds it now (its member element is
 * removed there, validated, logged) before this entry is written. A head cannot be moved out:
 * that household must get another head first.
 */
async function takePersons(exec: SqlExec, w: EntryWrite, selfId: string, derived: Derived): Promise<void> {
  const s = w.version.settings;
  const ids = [...new Set(w.movePersons!.map(normaliseId).filter((x): x is string => !!x))];
  const mine = new Set(derived.persons.map((p) => p.idNumber));
  const problems: Problem[] = [];
  w.movePersons!.forEach((raw, i) => {
    const id = normaliseId(raw);
    if (!id || !mine.has(id)) problems.push({ path: `/movePersons/${i}`, message: '该身份证号不在本户的登记内容中', messageEn: 'this ID number is not in the entry’s data' });
  });
  if (problems.length) throw invalid(problems, 'The move');
  const holders = await holdersOf(exec, w.register.id, ids);
  const byEntry = new Map<string, string[]>();
  for (const [idNumber, h] of holders) {
    if (h.id === selfId) continue;
    // Before anything names the holder: a household the actor may not take from stays unnamed.
    w.authorizeMove?.(h);
    if (h.role === 'head') {
      throw new DomainError('BAD_USER_INPUT', `A head of household cannot be moved out: change the head of "${h.name}" first`, {
        subCode: 'MOVE_HEAD',
        messageZh: `户主不能迁出：请先变更「${h.name}」户的户主`,
        problems: [{ path: `/movePersons/${w.movePersons!.findIndex((x) => normaliseId(x) === idNumber)}`, message: '户主不能迁出', messageEn: 'a head of household cannot be moved out' }],
      });
    }
    byEntry.set(h.id, [...(byEntry.get(h.id) ?? []), idNumber]);
  }
  for (const [entryId, leaving] of byEntry) {
    const found = await findEntryForWrite(exec, entryId, true);
    if (!found) continue;
    w.authorizeMove?.(found.entry);
    const out = new Set(leaving);
    const data = structuredClone(found.entry.data);
    const list = readPointer(data, s.membersField!);
    if (Array.isArray(list)) {
      setPointer(data, s.membersField!, list.filter((m) => !out.has(normaliseId(readPointer(m, s.memberIdField!)) ?? '')));
    }
    try {
      await writeEntry(exec, {
        register: w.register, version: w.version, before: found.entry, expectedVersion: found.entry.version, data, kind: w.kind, actor: w.actor,
        comment: `${w.comment?.trim() ? `${w.comment.trim()}；` : ''}成员迁往「${derived.name}」户`, application: w.application, sourceFile: w.sourceFile,
        at: w.at, canSee: w.canSee,
      });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'BAD_USER_INPUT' && !e.details.subCode) {
        throw new DomainError('BAD_USER_INPUT', `After the move the entry "${found.entry.name}" would be invalid`, {
          messageZh: `迁出后「${found.entry.name}」户的登记内容将不合规`,
          problems: (e.details.problems ?? []).map((p) => ({ ...p, path: `/movePersons${p.path}` })),
        });
      }
      throw e;
    }
  }
}

/**
 * A field write of applyEntryChange: `value` undefined removes the field. A path ending in `/-`
 * appends to an array (RFC 6901); with `move` the appended person is taken over from the entry
 * that holds them now. `removeWhere` removes the items of the array at `path` whose field `match`
 * equals the value (compared trimmed and case-insensitively, as ID numbers are); `from` is the form
 * pointer the value came from, where a refusal points.
 */
export type EntrySet =
  | { path: string; value?: unknown; move?: boolean }
  | { path: string; removeWhere: { match: string; equals: unknown; from: string } };

export interface ChangeOptions {
  comment?: string | null;
  application?: ApplicationRef | null;
  sourceFile?: string | null;
  at?: Date;
  /** Whether errors may name an entry at this region path (default: yes). */
  canSee?: EntryVisibility;
}

/** The register and its current version, for a write; refuses a register without a published version. */
async function currentOf(exec: SqlExec, currentVersionId: string | null, key: string): Promise<LoadedVersion> {
  if (!currentVersionId) {
    throw new DomainError('BAD_USER_INPUT', `Register "${key}" has no published version yet`, { messageZh: `登记簿 ${key} 尚未发布` });
  }
  return versionById(exec, currentVersionId);
}

/**
 * Changes fields of an entry on `exec`'s transaction (row-locked, so concurrent effects queue):
 * what a workflow effect does (`{ set: "/status", value: "监测户" }`). Validated with the register's
 * current version; one change-log row with the application's reference.
 */
export async function applyEntryChange(exec: SqlExec, entryId: string, sets: readonly EntrySet[], actor: EntryActor, kind: string, opts: ChangeOptions = {}): Promise<RegisterEntry> {
  const found = await findEntryForWrite(exec, entryId, true);
  if (!found) throw new DomainError('NOT_FOUND', `Register entry ${entryId} not found`, { messageZh: '未找到该登记' });
  if (found.register.status === 'retired') throw registerRetired(found.register.key);
  const version = await currentOf(exec, found.currentVersionId, found.register.key);
  let data = structuredClone(found.entry.data);
  const moves: string[] = [];
  for (const s of sets) {
    if ('removeWhere' in s) data = removeItems(version, data, s.path, s.removeWhere, found.entry.name);
    else {
      data = (s.value === undefined ? removePointer(data, s.path) : setPointer(data, s.path, structuredClone(s.value))) as Record<string, unknown>;
      const moved = s.move && version.settings.memberIdField ? normaliseId(readPointer(s.value, version.settings.memberIdField)) : null;
      if (moved) moves.push(moved);
    }
  }
  return writeEntry(exec, {
    register: found.register, version, before: found.entry, expectedVersion: found.entry.version, data, kind, actor,
    comment: opts.comment, application: opts.application, sourceFile: opts.sourceFile, at: opts.at ?? new Date(),
    movePersons: moves.length ? moves : undefined, canSee: opts.canSee,
    // A workflow may take a person only from a household its approver can read: a move from
    // another township is that township's to record (a move out there, then an append here).
    authorizeMove: opts.canSee ? (holder) => {
      if (opts.canSee!(holder.regionPath, found.register.id)) return;
      throw new DomainError('BAD_USER_INPUT', 'The person to move is registered in a household outside your regions: its own township records the move out first', {
        subCode: 'MOVE_OUTSIDE',
        messageZh: '要迁入的成员登记在您辖区以外的农户：请先由其所在乡镇办理迁出',
        problems: [{ path: '/movePersons', message: '该成员登记在您辖区以外的农户', messageEn: 'registered in a household outside your regions' }],
      });
    } : undefined,
  });
}


/**
 * Creates an entry on `exec`'s transaction: what an effect that files a new household does
 * (identification creates the household). The region must lie in the register's county.
 */
export async function createEntryIn(exec: SqlExec, registerKey: string, region: { code: string; path: string }, data: Record<string, unknown>, actor: EntryActor, kind: string, opts: ChangeOptions = {}): Promise<RegisterEntry> {
  const r = await registerByKey(exec, registerKey);
  if (!r) throw new DomainError('NOT_FOUND', `Register ${registerKey} not found`, { messageZh: `未找到登记簿 ${registerKey}` });
  if (!region.path.startsWith(r.regionPath)) {
    throw new DomainError('BAD_USER_INPUT', `Region ${region.code} is outside the register's county`, {
      messageZh: '该地区不在登记簿所属的县内',
      problems: [{ path: '/regionCode', message: '不在登记簿所属的县内', messageEn: 'outside the register’s county' }],
    });
  }
  const register: RegisterRef = { id: r.id, key: r.key, status: r.status };
  if (register.status === 'retired') throw registerRetired(register.key);
  const version = await currentOf(exec, r.versionId, register.key);
  return writeEntry(exec, { register, version, region, data, kind, actor, comment: opts.comment, application: opts.application, sourceFile: opts.sourceFile, at: opts.at ?? new Date(), canSee: opts.canSee });
}

/** Effects' pure edits live in entry-edits.ts; the one-statement path (effect-statement.ts) reads them here too. */
export { removePointer } from './entry-edits.js';
