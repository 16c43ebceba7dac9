import type { Actor } from '../core/actor.js';
import { grantsCovering, isAdmin } from '../core/actor.js';

export interface ManagedUser {
  id: string;
  regionPath: string | null;
  /** Region paths of the user's grants, and whether any of them is admin. */
  grantPaths: string[];
  holdsAdmin: boolean;
}

/**
 * Whether `actor` may disable, re-enable or reset the password of `user`. An admin: anyone but
 * themselves (no locking oneself out). A county admin: users whose home region and every grant lie
 * in their county (a user who also works elsewhere, or an administrator, is an admin's business).
 */
export function canManageUser(actor: Actor, user: ManagedUser): boolean {
  if (user.id === actor.id) return false;
  if (isAdmin(actor)) return true;
  if (user.holdsAdmin || !user.regionPath) return false;
  const covered = (path: string) => grantsCovering(actor, path, ['county_admin']).length > 0;
  return covered(user.regionPath) && user.grantPaths.every(covered);
}

/** Region paths whose users (home region or a grant) the actor may list: undefined = everywhere (admin). */
export function userListScope(actor: Actor): string[] | undefined {
  if (isAdmin(actor)) return undefined;
  return actor.grants.filter((g) => g.role === 'county_admin').map((g) => g.regionPath);
}
