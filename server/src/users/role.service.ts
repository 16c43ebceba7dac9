/**
 * The role catalogue as rows (table `role`, migration 008): built-in roles seeded with their read
 * scope, and (a later step) roles a county defines. A grant's reach is its region's subtree; a
 * role's read scope says whether it reads every programme's cases there ('all') or only those of
 * programmes whose workflows name it ('programmes').
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { isAdmin } from '../core/actor.js';
import { badInput, DomainError, forbidden, notFound } from '../core/errors.js';

export const READ_SCOPES = ['all', 'programmes'] as const;
export type ReadScope = (typeof READ_SCOPES)[number];

export interface RoleRow {
  name: string;
  zh: string;
  en: string;
  regionCode: string | null;
  builtIn: boolean;
  readScope: ReadScope;
}

/** The shape the table's check constraint allows. */
export const ROLE_NAME = /^[a-z][a-z0-9_]{1,39}$/;

const COLUMNS = 'name, zh, en, region_code as "regionCode", built_in as "builtIn", read_scope as "readScope"';

/** Roles in use (not retired): built-in ones first, then by name. */
export async function listRoles(em: EntityManager): Promise<RoleRow[]> {
  return em.getConnection().execute<RoleRow[]>(`select ${COLUMNS} from role where retired_at is null order by built_in desc, name`);
}

/** Whether `name` is a role that may be granted (exists and is not retired). */
export async function roleExists(em: EntityManager, name: string): Promise<boolean> {
  if (!ROLE_NAME.test(name)) return false;
  const rows = await em.getConnection().execute<unknown[]>('select 1 from role where name = ? and retired_at is null', [name]);
  return rows.length > 0;
}

/**
 * Admin only: whether a role reads every programme's cases in its regions or only those of the
 * programmes that name it. Takes effect on the holders' next request (the actor is loaded per request).
 */
const ROLE = { en: 'Role', zh: '角色' };

export async function setRoleReadScope(ctx: Context, name: string, readScope: string): Promise<RoleRow> {
  const actor = requireActor(ctx);
  if (!isAdmin(actor)) throw forbidden({ en: 'Only an administrator may change what a role reads', zh: '只有系统管理员可以修改角色的查看范围' });
  if (!(READ_SCOPES as readonly string[]).includes(readScope)) {
    throw badInput({ en: `readScope must be ${READ_SCOPES.join(' or ')}`, zh: `readScope 须为 ${READ_SCOPES.join(' 或 ')}` }, [{ path: '/readScope', message: `须为 ${READ_SCOPES.join(' 或 ')}`, messageEn: `one of ${READ_SCOPES.join(', ')}` }]);
  }
  if (name === 'admin') {
    throw new DomainError('BAD_USER_INPUT', 'The admin role always reads everything', { messageZh: '系统管理员角色始终可查看全部', problems: [{ path: '/name', message: '不能限制系统管理员', messageEn: 'admin cannot be limited' }] });
  }
  if (!ROLE_NAME.test(name)) throw notFound(ROLE, name.slice(0, 40));
  const rows = await ctx.em.getConnection().execute<RoleRow[]>(
    `update role set read_scope = ? where name = ? and retired_at is null returning ${COLUMNS}`,
    [readScope, name],
  );
  if (!rows[0]) throw notFound(ROLE, name);
  ctx.log.info({ role: name, readScope, by: actor.id }, 'role read scope changed');
  return rows[0];
}
