import type { Services } from '../core/services.js';
import { Region } from '../regions/region.entity.js';
import { User } from '../users/user.entity.js';
import { RoleGrant } from '../users/role-grant.entity.js';
import { hashPassword } from '../users/password.js';
import { DEMO_REGIONS } from './demo-regions.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import { seedDomain } from './seed-domain.js';

/**
 * Fills an empty database with the demo county, its users, the example programmes and sample
 * applications. Runs under the migration advisory lock, so several processes seed at most once.
 */
export async function seedIfEmpty(services: Services): Promise<boolean> {
  const em = services.orm.em.fork();
  if ((await em.count(Region, {})) > 0) return false;
  services.log.info('empty database: seeding demo data');
  const paths = new Map<string, string>();
  for (const r of DEMO_REGIONS) {
    const path = (r.parentCode ? paths.get(r.parentCode)! : '') + `${r.code}/`;
    paths.set(r.code, path);
    em.create(Region, { ...r, path });
  }
  await em.flush(); // regions first: grants reference them by code, which the ORM does not order by
  const hash = await hashPassword(DEMO_PASSWORD);
  // Demo users hold built-in roles only (the catalogue rows without a region).
  const builtIn = new Map((await em.getConnection().execute<{ id: string; name: string }[]>('select id, name from role where region_code is null')).map((r) => [r.name, r.id]));
  for (const u of DEMO_USERS) {
    const home = u.grants[0]?.[1];
    const user = em.create(User, {
      username: u.username, displayName: u.displayName, passwordHash: hash, demo: true,
      regionCode: home ?? null, regionPath: home ? paths.get(home)! : null,
    });
    for (const [role, regionCode] of u.grants) {
      em.create(RoleGrant, { user, role, roleId: builtIn.get(role)!, regionCode, regionPath: paths.get(regionCode)! });
    }
  }
  await em.flush();
  await seedDomain(services);
  return true;
}
