import type { Actor } from '../core/actor.js';
import { grantsCovering, isAdmin } from '../core/actor.js';
import { forbidden } from '../core/errors.js';

const DESIGN_ROLES = ['designer', 'county_admin'] as const;

/** Designers (and county admins) edit the programmes of the counties their grants cover. */
export function canDesign(actor: Actor, programmeRegionPath: string): boolean {
  return isAdmin(actor) || grantsCovering(actor, programmeRegionPath, DESIGN_ROLES).length > 0;
}

/** Whoever may design some programme (a designer or county admin anywhere, or an admin). */
export function canDesignSomewhere(actor: Actor): boolean {
  return isAdmin(actor) || actor.grants.some((g) => (DESIGN_ROLES as readonly string[]).includes(g.role));
}

/**
 * The designer's tools (checkFormSchema, checkWorkflow) do real work on whatever they are sent,
 * so only those who may design get them.
 */
export function authorizeDesignTools(actor: Actor): void {
  if (!canDesignSomewhere(actor)) throw forbidden({ en: 'Only programme designers, county administrators and administrators may check definitions', zh: '只有项目设计员、县管理员和系统管理员可以检查定义' });
}

export function authorizeDesign(actor: Actor, programmeRegionPath: string, key: string): void {
  if (!canDesign(actor, programmeRegionPath)) throw forbidden({ en: `You may not change programme "${key}": it belongs to another county`, zh: `您无权修改项目 ${key}：它属于其他县` });
}
