/**
 * Who may resolve an objection: anyone holding a role that acts in the application's current
 * state (after an objection that is usually the step the case was sent back to), or the county
 * office covering the region. Outside the actor's regions the objection does not exist for them.
 */
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering } from '../core/actor.js';
import { forbidden, notFound } from '../core/errors.js';
import type { Application } from '../applications/application.entity.js';
import { canRead } from '../applications/application.policy.js';

export const RESOLVING_OFFICE_ROLE = 'county_office';

export function resolvingGrant(actor: Actor, app: Pick<Application, 'regionPath' | 'actorRoles'>): Grant | undefined {
  return grantsCovering(actor, app.regionPath, [...app.actorRoles, RESOLVING_OFFICE_ROLE])[0];
}

export function authorizeResolve(actor: Actor, app: Application, objectionId: string): Grant {
  if (!canRead(actor, app)) throw notFound('Objection', objectionId);
  const grant = resolvingGrant(actor, app);
  if (!grant) {
    throw forbidden(`You may not resolve objections to ${app.reference}: it needs a role acting in its current step (${app.actorRoles.join(', ') || 'none'}) or ${RESOLVING_OFFICE_ROLE} on its region`);
  }
  return grant;
}
