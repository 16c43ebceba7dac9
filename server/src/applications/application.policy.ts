/**
 * Who may see and act on an application. A grant covers its region's subtree, so a grant on the
 * application's region or any ancestor counts. List queries apply the same rule in SQL
 * (`scopeWhere`), never by filtering loaded rows.
 */
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering, isAdmin } from '../core/actor.js';
import { forbidden, notFound } from '../core/errors.js';
import type { Application } from './application.entity.js';
import type { EventInfo } from '../workflow/engine.js';

export function canRead(actor: Actor, app: Pick<Application, 'regionPath'>): boolean {
  return isAdmin(actor) || grantsCovering(actor, app.regionPath).length > 0;
}

/** Outside the actor's regions an application does not exist for them (no existence leak). */
export function authorizeRead(actor: Actor, app: Application): void {
  if (!canRead(actor, app)) throw notFound('Application', app.id);
}

/** The grant that lets the actor send `event` here, or undefined. */
export function grantFor(actor: Actor, app: Pick<Application, 'regionPath' | 'createdBy'>, event: EventInfo): Grant | undefined {
  return grantsCovering(actor, app.regionPath, event.roles)[0];
}

export function authorizeEvent(actor: Actor, app: Application, event: EventInfo): Grant | undefined {
  const grant = grantFor(actor, app, event);
  if (grant) return grant;
  // The filer may always submit their own draft.
  if (event.event === 'SUBMIT' && app.createdBy === actor.id) return undefined;
  throw forbidden(`You may not send ${event.event} here: it needs the role ${event.roles.join(' or ')} on this application's region`);
}

/**
 * MikroORM filter: applications in the region at `path` or below. At the depths that have an
 * ordered index (county, township) an equality on that path segment, which PostgreSQL serves
 * in list order; elsewhere a prefix match. Both select the same rows: region codes are unique, so
 * a path whose n-th segment is the region's code runs through that region.
 */
export function withinRegion(path: string): Record<string, unknown> {
  const parts = path.split('/').filter(Boolean);
  const code = parts[parts.length - 1];
  if (parts.length === 3) return { countyCode: code };
  if (parts.length === 4) return { townshipCode: code };
  return { regionPath: { $like: `${path}%` } };
}

/** MikroORM filter restricting applications to the actor's regions. */
export function scopeWhere(actor: Actor): Record<string, unknown> {
  if (isAdmin(actor)) return {};
  const paths = [...new Set(actor.grants.map((g) => g.regionPath))];
  if (paths.length === 0) return { id: null };
  // A grant below another one adds nothing; fewer branches keep one index usable.
  const top = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  return top.length === 1 ? withinRegion(top[0]!) : { $or: top.map(withinRegion) };
}
