/**
 * Register entries for signed-in users: read one (NOT_FOUND outside your regions), create and
 * change them (a grant of an editing role of the register's current version covering the region),
 * look a person up by ID number. Writes go through entry-write.ts in one transaction.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import type { Actor, Grant } from '../core/actor.js';
import { DomainError } from '../core/errors.js';
import { authorizeReadEntry, authorizeWrite, canReadEntryAt, editingGrant, entryNotFound, entryVisibility } from './register.policy.js';
import { versionById, type LoadedVersion } from './register-versions.js';
import { entryConflict, registerRetired, writeEntry, type EntryActor, type RegisterRef } from './entry-write.js';
import { createEntries } from './entry-batch.js';
import { ENTRY_COLUMNS, entryFromRow, findEntryForWrite, type RegisterEntry } from './entry.row.js';
import { normaliseId } from './entry-persons.js';
import { execOf, UUID } from './sql.js';

export interface CreateEntryInput {
  registerKey: string;
  regionCode: string;
  data: unknown;
  kind: string;
  comment?: string | null;
  movePersons?: string[] | null;
}

export interface UpdateEntryInput {
  data: unknown;
  expectedVersion: number;
  kind: string;
  comment?: string | null;
  movePersons?: string[] | null;
}

function checkDataShape(data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new DomainError('BAD_USER_INPUT', 'Entry data must be a JSON object', {
      messageZh: '登记内容必须是 JSON 对象',
      problems: [{ path: '/data', message: '必须是对象', messageEn: 'must be an object' }],
    });
  }
  return data as Record<string, unknown>;
}

function checkMoves(moves: string[] | null | undefined): string[] {
  if (!moves?.length) return [];
  if (moves.length > 30) {
    throw new DomainError('BAD_USER_INPUT', 'At most 30 persons move in one change', {
      messageZh: '一次最多迁移 30 人', problems: [{ path: '/movePersons', message: '最多 30 人', messageEn: 'at most 30' }],
    });
  }
  return moves;
}

const actorOf = (actor: Actor, grant: Grant): EntryActor => ({ id: actor.id, name: actor.displayName, role: grant.role, regionCode: grant.regionCode });

/** One entry, if the actor's grants cover its region. */
export async function loadEntry(ctx: Context, id: string): Promise<RegisterEntry> {
  const actor = requireActor(ctx);
  if (typeof id !== 'string' || !UUID.test(id)) throw entryNotFound(String(id).slice(0, 40));
  const { rows } = await execOf(ctx.em)(`select ${ENTRY_COLUMNS} from register_entry e where e.id = $1`, [id]);
  if (!rows[0]) throw entryNotFound(id);
  const entry = entryFromRow(rows[0]);
  authorizeReadEntry(actor, entry);
  return entry;
}

/** Whether the actor may change this entry now (an editing role of the current version covers it). */
export function canEditEntry(actor: Actor, entry: Pick<RegisterEntry, 'regionPath'>, current: LoadedVersion | undefined): boolean {
  return !!current && !!editingGrant(actor, entry.regionPath, current.settings.editingRoles);
}

interface WriteTarget {
  register: RegisterRef & { regionPath: string };
  version: LoadedVersion;
  villages: Map<string, { code: string; path: string; level: string }>;
}

/**
 * The register (active, with a published version) and the named regions, in one statement: the
 * write path reads plain rows, not ORM entities (entries are created in bulk by imports and seeds).
 */
async function writeTarget(exec: ReturnType<typeof execOf>, registerKey: string, regionCodes: string[]): Promise<WriteTarget> {
  const { rows } = await exec(
    `select r.id, r.key, r.status, r.region_path,
            (select v.id from register_version v where v.register_id = r.id and v.status = 'published') as version_id,
            coalesce((select json_agg(json_build_object('code', g.code, 'path', g.path, 'level', g.level)) from region g where g.code = any($2::text[])), '[]') as regions
       from register r where r.key = $1`,
    [typeof registerKey === 'string' ? registerKey.slice(0, 40) : '', regionCodes],
  );
  const r = rows[0];
  if (!r) throw new DomainError('NOT_FOUND', `Register ${String(registerKey).slice(0, 40)} not found`, { messageZh: '未找到该登记簿' });
  if (r.status === 'retired') throw registerRetired(r.key);
  if (!r.version_id) throw new DomainError('BAD_USER_INPUT', `Register "${r.key}" has no published version yet`, { messageZh: `登记簿 ${r.key} 尚未发布` });
  const regions = (typeof r.regions === 'string' ? JSON.parse(r.regions) : r.regions) as { code: string; path: string; level: string }[];
  return {
    register: { id: r.id, key: r.key, status: r.status, regionPath: r.region_path },
    version: await versionById(exec, r.version_id),
    villages: new Map(regions.map((g) => [g.code, g])),
  };
}

/** The village `code` of the register's county, or BAD_USER_INPUT at `path`. */
function villageOf(t: WriteTarget, code: string, path: string): { code: string; path: string } {
  const region = t.villages.get(code);
  if (!region || !region.path.startsWith(t.register.regionPath) || region.level !== 'village') {
    throw new DomainError('BAD_USER_INPUT', `An entry lives in a village of the register's county; ${String(code).slice(0, 20)} is not one`, {
      messageZh: '登记须属于登记簿所在县的某个村',
      problems: [{ path, message: '必须是本县的村', messageEn: 'must be a village of the register’s county' }],
    });
  }
  return { code: region.code, path: region.path };
}

/** Creates an entry in a village of the register's county, as a new household (kind e.g. `new`). */
export async function createRegisterEntry(ctx: Context, input: CreateEntryInput): Promise<RegisterEntry> {
  const actor = requireActor(ctx);
  const exec = execOf(ctx.em);
  const target = await writeTarget(exec, input.registerKey, [String(input.regionCode)]);
  const region = villageOf(target, input.regionCode, '/regionCode');
  const { register, version } = target;
  const grant = authorizeWrite(actor, region.path, version.settings.editingRoles, register.key);
  const data = checkDataShape(input.data);
  return ctx.em.transactional((tem) => writeEntry(execOf(tem), {
    register, version, region, data, kind: input.kind, actor: actorOf(actor, grant),
    comment: input.comment, at: ctx.services.clock(), movePersons: checkMoves(input.movePersons),
    canSee: entryVisibility(actor),
    authorizeMove: (holder) => void authorizeWrite(actor, holder.regionPath, version.settings.editingRoles, register.key),
  }));
}

export interface NewEntryInput {
  regionCode: string;
  data: unknown;
  kind: string;
  comment?: string | null;
}

/**
 * Creates many entries at once, all or none (an import; the demo seed): each in a village the
 * actor may edit, each with its change-log row. Problems are located at `/entries/<i>/…`.
 */
export async function createRegisterEntries(ctx: Context, registerKey: string, items: NewEntryInput[], sourceFile?: string | null): Promise<RegisterEntry[]> {
  const actor = requireActor(ctx);
  if (!items.length) return [];
  const exec = execOf(ctx.em);
  const target = await writeTarget(exec, registerKey, [...new Set(items.map((i) => String(i.regionCode)))]);
  const { register, version } = target;
  const entries = items.map((item, i) => {
    const region = villageOf(target, item.regionCode, `/entries/${i}/regionCode`);
    const grant = authorizeWrite(actor, region.path, version.settings.editingRoles, register.key);
    return { region, data: checkDataShape(item.data), kind: item.kind, comment: item.comment, grant: { role: grant.role, regionCode: grant.regionCode } };
  });
  return ctx.em.transactional((tem) => createEntries(execOf(tem), {
    register, version, entries, actor: { id: actor.id, name: actor.displayName, role: null, regionCode: null }, at: ctx.services.clock(),
    sourceFile: sourceFile ?? null, canSee: entryVisibility(actor),
  }));
}

/**
 * Replaces an entry's data, validated with the register's CURRENT version (the entry moves to it),
 * as the given kind of change. A stale `expectedVersion` is VERSION_CONFLICT.
 */
export async function updateRegisterEntry(ctx: Context, id: string, input: UpdateEntryInput): Promise<RegisterEntry> {
  const actor = requireActor(ctx);
  if (typeof id !== 'string' || !UUID.test(id)) throw entryNotFound(String(id).slice(0, 40));
  const exec = execOf(ctx.em);
  const found = await findEntryForWrite(exec, id);
  if (!found) throw entryNotFound(id);
  authorizeReadEntry(actor, found.entry);
  if (found.register.status === 'retired') throw registerRetired(found.register.key);
  // A stale request is told so first: what it would be judged on may have changed since.
  if (found.entry.version !== input.expectedVersion) throw entryConflict();
  if (!found.currentVersionId) throw new DomainError('BAD_USER_INPUT', `Register "${found.register.key}" has no published version`, { messageZh: '登记簿尚未发布' });
  const version = await versionById(exec, found.currentVersionId);
  const grant = authorizeWrite(actor, found.entry.regionPath, version.settings.editingRoles, found.register.key);
  const data = checkDataShape(input.data);
  return ctx.em.transactional((tem) => writeEntry(execOf(tem), {
    register: found.register, version, before: found.entry, expectedVersion: input.expectedVersion, data, kind: input.kind,
    actor: actorOf(actor, grant), comment: input.comment, at: ctx.services.clock(), movePersons: checkMoves(input.movePersons),
    canSee: entryVisibility(actor),
    authorizeMove: (holder) => void authorizeWrite(actor, holder.regionPath, version.settings.editingRoles, found.register.key),
  }));
}

export interface PersonHit {
  idNumber: string;
  role: 'head' | 'member';
  name: string | null;
  pointer: string;
  entryId: string;
  registerKey: string;
}

/**
 * The entry a person belongs to (by ID number), in the given register or, without one, the first
 * register (by key) where the actor can see them. NOT_FOUND when none is within the actor's regions.
 */
export async function findPerson(ctx: Context, idNumber: string, registerKey?: string | null): Promise<PersonHit> {
  const actor = requireActor(ctx);
  const id = typeof idNumber === 'string' && idNumber.length <= 40 ? normaliseId(idNumber) : null;
  const missing = () => new DomainError('NOT_FOUND', 'No person with this ID number in your regions', { messageZh: '您的辖区内没有该身份证号的登记' });
  if (!id) throw missing();
  // The person index's key is (register, ID number): one index probe per register.
  const { rows } = await execOf(ctx.em)(
    `select p.id_number, p.role, p.name, p.pointer, p.entry_id, r.id as register_id, r.key as register_key, e.region_path
       from register r join register_person p on p.register_id = r.id join register_entry e on e.id = p.entry_id
      where p.id_number = $1 ${registerKey ? 'and r.key = $2' : ''} order by r.key`,
    registerKey ? [id, registerKey] : [id],
  );
  const hit = rows.find((r) => canReadEntryAt(actor, r.region_path, r.register_id));
  if (!hit) throw missing();
  return { idNumber: hit.id_number, role: hit.role, name: hit.name, pointer: hit.pointer, entryId: hit.entry_id, registerKey: hit.register_key };
}
