/**
 * Who may see and act on an application. A grant covers its region's subtree, so a grant on the
 * application's region or any ancestor counts; a grant of a role whose read scope is 'programmes'
 * reads only cases of the programmes whose workflows name that role (a head teacher reads 雨露计划,
 * not 低保). List queries apply the same rule in SQL (`scopeWhere`), never by filtering loaded rows.
 */
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering, grantsReading, isAdmin } from '../core/actor.js';
import { forbidden, notFound } from '../core/errors.js';
import type { Application } from './application.entity.js';
import type { EventInfo } from '../workflow/engine.js';

export function canRead(actor: Actor, app: Pick<Application, 'regionPath' | 'programmeKey'>): boolean {
  return isAdmin(actor) || grantsReading(actor, app.regionPath, app.programmeKey).length > 0;
}

/** Outside the actor's regions an application does not exist for them (no existence leak). */
export function authorizeRead(actor: Actor, app: Application): void {
  if (!canRead(actor, app)) throw notFound({ en: 'Application', zh: '申请' }, app.id);
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
  throw forbidden({
    en: `You may not send "${event.title.en}" (${event.event}) here: it needs the role ${event.roles.join(' or ')} on this application's region`,
    zh: `您无权在此执行“${event.title.zh}”：需要在该申请所在区域拥有角色 ${event.roles.join(' 或 ')}`,
  });
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

/**
 * MikroORM filter restricting applications to what the actor may read: one branch per region the
 * actor reads everything in, and one per region read for some programmes only (an `in` list of
 * programme keys, served by the index on (programme_key, created_at, id) like a programme filter).
 * Branches under a region already read in full add nothing.
 */
export function scopeWhere(actor: Actor): Record<string, unknown> {
  if (isAdmin(actor)) return {};
  const full = [...new Set(actor.grants.filter((g) => !g.readProgrammes).map((g) => g.regionPath))];
  const covered = (p: string) => full.some((q) => p.startsWith(q));
  // A grant below another one adds nothing; fewer branches keep one index usable.
  const top = full.filter((p) => !full.some((q) => q !== p && p.startsWith(q)));
  const partial = new Map<string, Set<string>>();
  for (const g of actor.grants) {
    if (!g.readProgrammes || covered(g.regionPath)) continue;
    const keys = partial.get(g.regionPath) ?? new Set<string>();
    g.readProgrammes.forEach((k) => keys.add(k));
    partial.set(g.regionPath, keys);
  }
  const branches: Record<string, unknown>[] = [
    ...top.map(withinRegion),
    ...[...partial].filter(([, keys]) => keys.size > 0).map(([path, keys]) => ({ ...withinRegion(path), programmeKey: { $in: [...keys] } })),
  ];
  if (branches.length === 0) return { id: null };
  return branches.length === 1 ? branches[0]! : { $or: branches };
}
