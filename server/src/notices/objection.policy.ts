/**
 * Who may resolve an objection: anyone holding a role that acts on the case now, or in the step
 * the notice's objection event leads back to (for 村内公示 that is the village that appraised it,
 * which re-examines the household), or the county office covering the region. Outside the actor's
 * read scope the objection does not exist for them.
 */
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering } from '../core/actor.js';
import { forbidden, notFound } from '../core/errors.js';
import type { Application } from '../applications/application.entity.js';
import { canRead } from '../applications/application.policy.js';
import type { PinnedVersion } from '../applications/pinned-version.js';
import { alternatives } from '../workflow/definition.js';
import type { Objection } from './objection.entity.js';

export const RESOLVING_OFFICE_ROLE = 'county_office';

/** The roles that may resolve an objection raised in `noticeState` of this case. */
export function resolvingRoles(app: Pick<Application, 'actorRoles'>, pinned: PinnedVersion, noticeState: string): string[] {
  const wf = pinned.workflow;
  const roles = new Set([...app.actorRoles, RESOLVING_OFFICE_ROLE]);
  const state = wf.definition.states[noticeState];
  const event = state ? wf.stateInfo(noticeState).objectionEvent : undefined;
  const spec = event ? state?.on?.[event] : undefined;
  for (const { target } of spec ? alternatives(spec) : []) {
    if (!wf.definition.states[target]) continue;
    wf.stateInfo(target).roles.forEach((r) => roles.add(r));
    wf.events(target).forEach((e) => e.roles.forEach((r) => roles.add(r)));
  }
  return [...roles];
}

export function authorizeResolve(actor: Actor, app: Application, pinned: PinnedVersion, objection: Pick<Objection, 'id' | 'state'>): Grant {
  if (!canRead(actor, app)) throw notFound({ en: 'Objection', zh: '异议' }, objection.id);
  const roles = resolvingRoles(app, pinned, objection.state);
  const grant = grantsCovering(actor, app.regionPath, roles)[0];
  if (!grant) {
    throw forbidden({
      en: `You may not resolve objections to ${app.reference}: it needs one of the roles ${roles.join(', ')} on its region (those acting on the case, or ${RESOLVING_OFFICE_ROLE})`,
      zh: `您无权处理 ${app.reference} 的异议：需要在其所在区域拥有角色 ${roles.join('、')} 之一（办理该案件的角色或 ${RESOLVING_OFFICE_ROLE}）`,
    });
  }
  return grant;
}
