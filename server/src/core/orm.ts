import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Region } from '../regions/region.entity.js';
import { User } from '../users/user.entity.js';
import { RoleGrant } from '../users/role-grant.entity.js';
import { Setting } from './setting.entity.js';
import { migrationsList } from '../migrations/index.js';
import { entities as domainEntities } from './entities.js';

export const entities = [Region, User, RoleGrant, Setting, ...domainEntities];

export function ormOptions(clientUrl: string, poolSize: number, queryCounter?: { n: number }): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
    pool: { min: 0, max: poolSize },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    // Tests count statements to prove lists have no N+1; nothing is logged otherwise.
    debug: queryCounter ? ['query'] : false,
    ...(queryCounter ? { logger: () => void queryCounter.n++, colors: false } : {}),
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
  };
}

export async function initOrm(clientUrl: string, poolSize: number, queryCounter?: { n: number }): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, poolSize, queryCounter));
}

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so that several server processes
 * starting together (docker compose --scale app=3) migrate exactly once. The lock is taken on its
 * own session outside any transaction, which is also safe on embedded PGlite.
 */
export async function migrate(orm: MikroORM, work?: () => Promise<void>): Promise<void> {
  const knex = orm.em.getConnection().getKnex();
  const conn = await knex.client.acquireConnection();
  try {
    await conn.query('select pg_advisory_lock(7263001)');
    try {
      await orm.getMigrator().up();
      if (work) await work();
    } finally {
      await conn.query('select pg_advisory_unlock(7263001)');
    }
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

export async function pendingMigrations(orm: MikroORM): Promise<number> {
  return (await orm.getMigrator().getPendingMigrations()).length;
}
