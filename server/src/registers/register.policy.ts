/**
 * Who may define registers and read or change their entries. Definitions: the designers and county
 * admins of the owning county (the same rule as programmes). Entries follow the grants like
 * applications do: a grant covering an entry's region reads it, unless its role reads only its
 * programmes and none of them acts on this register (outside them the entry does not exist:
 * NOT_FOUND); changing it needs a grant of one of the version's editing roles there. Lists apply
 * the same rule in SQL (`scopeSql`).
 */
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering, grantsReadingRegister, isAdmin, readsRegister } from '../core/actor.js';
import { DomainError } from '../core/errors.js';
import { canDesign } from '../programmes/programme.policy.js';
import type { RegisterEntry } from './entry.row.js';

export function authorizeDefine(actor: Actor, registerRegionPath: string, key: string): void {
  if (!canDesign(actor, registerRegionPath)) {
    throw new DomainError('FORBIDDEN', `You may not change register "${key}": it belongs to another county`, {
      messageZh: `您不能修改登记簿 ${key}：它属于其他县`,
    });
  }
}

/** Whether the actor reads entries of register `registerId` at `regionPath`. */
export function canReadEntryAt(actor: Actor, regionPath: string, registerId: string): boolean {
  return isAdmin(actor) || grantsReadingRegister(actor, regionPath, registerId).length > 0;
}

/** Whether the actor reads entries of the register in some region (a grant within or above its county). */
export function readsRegisterSomewhere(actor: Actor, register: { id: string; regionPath: string }): boolean {
  return isAdmin(actor) || actor.grants.some((g) => readsRegister(g, register.id)
    && (g.regionPath.startsWith(register.regionPath) || register.regionPath.startsWith(g.regionPath)));
}

/**
 * Whether errors of a register write may name the entry at `regionPath` of register `registerId`
 * (the holder of a taken key or ID number), and whether a workflow may move a person out of it.
 */
export type EntryVisibility = (regionPath: string, registerId: string) => boolean;

export function entryVisibility(actor: Actor): EntryVisibility {
  return (regionPath, registerId) => canReadEntryAt(actor, regionPath, registerId);
}

/** Whether any grant of the actor covers `regionPath`, whatever it reads there (regions, findings). */
export function canReadPath(actor: Actor, regionPath: string): boolean {
  return isAdmin(actor) || grantsCovering(actor, regionPath).length > 0;
}

export function entryNotFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', `Register entry ${id} not found`, { messageZh: '未找到该登记' });
}

/** Outside the actor's regions an entry does not exist for them (no existence leak). */
export function authorizeReadEntry(actor: Actor, entry: Pick<RegisterEntry, 'id' | 'regionPath' | 'registerId'>): void {
  if (!canReadEntryAt(actor, entry.regionPath, entry.registerId)) throw entryNotFound(entry.id);
}

/** The grant that lets the actor change entries at `regionPath`, or undefined. */
export function editingGrant(actor: Actor, regionPath: string, editingRoles: readonly string[]): Grant | undefined {
  return grantsCovering(actor, regionPath, editingRoles)[0];
}

export function authorizeWrite(actor: Actor, regionPath: string, editingRoles: readonly string[], registerKey: string): Grant {
  const grant = editingGrant(actor, regionPath, editingRoles);
  if (grant) return grant;
  throw new DomainError('FORBIDDEN', `You may not change entries of register "${registerKey}" here: it needs the role ${editingRoles.join(' or ')} on this region`, {
    messageZh: `您不能在此地区修改登记簿 ${registerKey} 的登记：需要 ${editingRoles.join(' 或 ')} 角色`,
  });
}

/** Positional parameters for hand-built SQL: `p(value)` appends it and returns its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `alias` rows at the region at `path` or below. At depths 3–5 (county, township, village in the
 * usual tree) an equality on that path segment, which an index serves in list order; elsewhere a
 * prefix match. Both select the same rows: region codes are unique, so a path whose n-th segment
 * is the region's code runs through that region.
 */
export function regionSql(path: string, alias: string, params: SqlParams): string {
  const parts = path.split('/').filter(Boolean);
  if (parts.length >= 3 && parts.length <= 5) return `split_part(${alias}.region_path, '/', ${parts.length}) = ${params.p(parts[parts.length - 1])}`;
  return `${alias}.region_path like ${params.p(`${path}%`)}`;
}

/**
 * SQL restricting `alias` rows to the actor's regions; with `registerId`, to the regions where the
 * actor reads that register's entries (grants whose role reads only other programmes' registers
 * add nothing).
 */
export function scopeSql(actor: Actor, alias: string, params: SqlParams, registerId?: string): string {
  if (isAdmin(actor)) return 'true';
  const grants = registerId === undefined ? actor.grants : actor.grants.filter((g) => readsRegister(g, registerId));
  const paths = [...new Set(grants.map((g) => g.regionPath))];
  if (paths.length === 0) return 'false';
  // A grant below another one adds nothing; fewer branches keep one index usable.
  const top = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  const branches = top.map((p) => regionSql(p, alias, params));
  return branches.length === 1 ? branches[0]! : `(${branches.join(' or ')})`;
}
