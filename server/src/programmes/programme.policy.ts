import type { Actor } from '../core/actor.js';
import { grantsCovering, isAdmin } from '../core/actor.js';
import { forbidden } from '../core/errors.js';

const DESIGN_ROLES = ['designer', 'county_admin'] as const;

/** Designers (and county admins) edit the programmes of the counties their grants cover. */
export function canDesign(actor: Actor, programmeRegionPath: string): boolean {
  return isAdmin(actor) || grantsCovering(actor, programmeRegionPath, DESIGN_ROLES).length > 0;
}

export function authorizeDesign(actor: Actor, programmeRegionPath: string, key: string): void {
  if (!canDesign(actor, programmeRegionPath)) throw forbidden(`You may not change programme "${key}": it belongs to another county`);
}
