/**
 * Who may define registers and read or change their entries. Definitions: the designers and county
 * admins of the owning county (the same rule as programmes). Entries follow the grants like
 * applications do: any grant covering an entry's region reads it (outside them it does not exist:
 * NOT_FOUND); changing it needs a grant of one of the version's editing roles there. Lists apply the
 * same rule in SQL (`scopeSql`).
 */
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering, isAdmin } from '../core/actor.js';
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

export function canReadPath(actor: Actor, regionPath: string): boolean {
  return isAdmin(actor) || grantsCovering(actor, regionPath).length > 0;
}

export function entryNotFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', `Register entry ${id} not found`, { messageZh: '未找到该登记' });
}

/** Outside the actor's regions an entry does not exist for them (no existence leak). */
export function authorizeReadEntry(actor: Actor, entry: Pick<RegisterEntry, 'id' | 'regionPath'>): void {
  if (!canReadPath(actor, entry.regionPath)) throw entryNotFound(entry.id);
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

/** SQL restricting `alias` rows to the actor's regions. */
export function scopeSql(actor: Actor, alias: string, params: SqlParams): string {
  if (isAdmin(actor)) return 'true';
  const paths = [...new Set(actor.grants.map((g) => g.regionPath))];
  if (paths.length === 0) return 'false';
  // A grant below another one adds nothing; fewer branches keep one index usable.
  const top = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  const branches = top.map((p) => regionSql(p, alias, params));
  return branches.length === 1 ? branches[0]! : `(${branches.join(' or ')})`;
}
