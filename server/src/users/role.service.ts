/**
 * The role catalogue as rows (table `role`): built-in roles seeded by migration 008 (no region,
 * visible everywhere) and the roles a county (or a city or province above it) defines. A role's
 * identity is (name, region); a role defined at a region is visible to that region and every region
 * below it, so at any one region a name means exactly one role: a county may not define a name that
 * is built in or defined above it, nor one that a region below it already defined. Workflows,
 * register definitions and grants are checked against the catalogue visible at their region; a
 * grant references the role row itself (role_grant.role_id).
 *
 * A role's read scope says whether it reads every programme's cases in its regions ('all') or only
 * those of programmes whose workflows name it ('programmes').
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { canAdministerRegion, isAdmin } from '../core/actor.js';
import { DomainError, forbidden, notFound, type FieldProblem } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import type { Region } from '../regions/region.entity.js';

export const READ_SCOPES = ['all', 'programmes'] as const;
export type ReadScope = (typeof READ_SCOPES)[number];

export interface RoleRow {
  id: string;
  name: string;
  zh: string;
  en: string;
  regionCode: string | null;
  regionPath: string | null;
  builtIn: boolean;
  readScope: ReadScope;
  retiredAt: Date | null;
}

/** The shape the table's check constraint allows. */
export const ROLE_NAME = /^[a-z][a-z0-9_]{1,39}$/;
/** Regions that may own roles: programmes and registers belong to counties; cities and provinces may share roles downwards. */
const DEFINING_LEVELS = new Set(['province', 'city', 'county']);

const COLUMNS = `r.id, r.name, r.zh, r.en, r.region_code as "regionCode", r.region_path as "regionPath", r.built_in as "builtIn",
  r.read_scope as "readScope", r.retired_at as "retiredAt"`;
/** Roles visible at the region whose path is the parameter: built-in ones and those defined there or above. */
const VISIBLE_AT = `(r.region_path is null or ? like r.region_path || '%')`;

const bad = (message: string, messageZh: string, problems: FieldProblem[] = [], extra: Record<string, unknown> = {}) =>
  new DomainError('BAD_USER_INPUT', message, { messageZh, problems, ...extra });

export interface ListRolesOptions {
  /** Only roles visible at this region (built-in, defined there or above); all roles without it. */
  regionCode?: string | null;
  /** With regionCode: also the roles defined in the regions below it (a city admin's view of its counties). */
  includeBelow?: boolean;
  includeRetired?: boolean;
}

/**
 * The catalogue, built-in roles first, then by region and name. Role titles are not personal data
 * (workflows show them on every case page), so listing needs no sign-in, as before.
 */
export async function listRoles(ctx: Context, opts: ListRolesOptions = {}): Promise<RoleRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.regionCode) {
    const region = await getRegion(ctx.em, opts.regionCode);
    if (opts.includeBelow) {
      where.push(`(${VISIBLE_AT} or r.region_path like ?)`);
      params.push(region.path, `${region.path}%`);
    } else {
      where.push(VISIBLE_AT);
      params.push(region.path);
    }
  }
  if (!opts.includeRetired) where.push('r.retired_at is null');
  return ctx.em.getConnection().execute<RoleRow[]>(
    `select ${COLUMNS} from role r ${where.length ? `where ${where.join(' and ')}` : ''}
      order by r.built_in desc, r.region_path nulls first, r.name limit 2000`,
    params,
  );
}

/** The catalogue visible at a region, retired roles included (callers tell them apart). */
export async function rolesVisibleAt(em: EntityManager, regionPath: string): Promise<RoleRow[]> {
  return em.getConnection().execute<RoleRow[]>(`select ${COLUMNS} from role r where ${VISIBLE_AT}`, [regionPath]);
}

/** Names usable at a region (not retired) and names retired there: what checkWorkflow is given. */
export async function roleNamesAt(em: EntityManager, regionPath: string): Promise<{ known: Set<string>; retired: Set<string> }> {
  const rows = await rolesVisibleAt(em, regionPath);
  return {
    known: new Set(rows.filter((r) => !r.retiredAt).map((r) => r.name)),
    retired: new Set(rows.filter((r) => r.retiredAt).map((r) => r.name)),
  };
}

/** The role a name means at a region (retired ones included), or undefined. */
export async function resolveRole(em: EntityManager, name: string, regionPath: string): Promise<RoleRow | undefined> {
  if (!ROLE_NAME.test(name)) return undefined;
  const rows = await em.getConnection().execute<RoleRow[]>(
    `select ${COLUMNS} from role r where r.name = ? and ${VISIBLE_AT} order by r.region_path nulls first limit 1`,
    [name, regionPath],
  );
  return rows[0];
}

export interface RoleInput {
  name: string;
  zh: string;
  en: string;
  regionCode: string;
}

function checkRoleInput(input: RoleInput): void {
  const problems: FieldProblem[] = [];
  if (!ROLE_NAME.test(input.name)) {
    problems.push({ path: '/input/name', message: '2–40 个字符：小写字母开头，仅含小写字母、数字和下划线', messageEn: '2–40 characters: a lower-case letter, then lower-case letters, digits or _' });
  }
  if (!input.zh?.trim() || input.zh.trim().length > 50) problems.push({ path: '/input/zh', message: '中文名称须为 1–50 个字符', messageEn: 'the Chinese title must be 1–50 characters' });
  if (!input.en?.trim() || input.en.trim().length > 100) problems.push({ path: '/input/en', message: '英文名称须为 1–100 个字符', messageEn: 'the English title must be 1–100 characters' });
  if (problems.length) throw bad(`The role is invalid: ${problems.map((p) => `${p.path} ${p.messageEn}`).join('; ')}`, '角色定义有误', problems);
}

/** County admins (and admins) manage the roles of their own regions; designers do not. */
async function roleRegion(ctx: Context, regionCode: string): Promise<Region> {
  const actor = requireActor(ctx);
  const region = await getRegion(ctx.em, regionCode);
  if (!canAdministerRegion(actor, region.path)) {
    throw new DomainError('FORBIDDEN', `Only a county administrator of ${regionCode} or an administrator may define, change or retire its roles`, {
      messageZh: '只有本县管理员或系统管理员可以定义、修改或停用本县角色',
    });
  }
  return region;
}

/**
 * Defines a role at a county (or a city or province). Refused when the name is built in or defined
 * above (it would mean two roles at once) or defined below (a county's role would be shadowed).
 * Defining a role this region retired brings it back, the same row: grants and programmes that
 * named it before mean it again.
 */
export async function defineRole(ctx: Context, input: RoleInput): Promise<RoleRow> {
  const region = await roleRegion(ctx, input.regionCode);
  checkRoleInput(input);
  if (!DEFINING_LEVELS.has(region.level)) {
    throw bad('Roles are defined by a county, city or province', '角色须由县（市、省）定义', [{ path: '/input/regionCode', message: '须为县级或以上地区', messageEn: 'must be a county, city or province' }]);
  }
  const name = input.name;
  return ctx.em.transactional(async (em) => {
    const conn = em.getConnection();
    const tx = em.getTransactionContext();
    // Serialises definitions of one name, so two regions cannot both pass the shadowing check.
    await conn.execute(`select pg_advisory_xact_lock(hashtext('role:' || ?))`, [name], 'all', tx);
    const clashes = await conn.execute<RoleRow[]>(
      `select ${COLUMNS} from role r where r.name = ? and (${VISIBLE_AT} or r.region_path like ?)`,
      [name, region.path, `${region.path}%`], 'all', tx,
    );
    const own = clashes.find((r) => r.regionCode === region.code);
    if (own && own.retiredAt) {
      const [row] = await conn.execute<RoleRow[]>(
        `update role r set zh = ?, en = ?, retired_at = null where id = ? returning ${COLUMNS}`,
        [input.zh.trim(), input.en.trim(), own.id], 'all', tx,
      );
      ctx.log.info({ role: name, region: region.code }, 'role restored');
      return row!;
    }
    const clash = clashes[0];
    if (clash) {
      const where = clash.builtIn ? 'a built-in role' : `defined at ${clash.regionCode}`;
      const whereZh = clash.builtIn ? '内置角色' : `已在地区 ${clash.regionCode} 定义`;
      throw new DomainError('BAD_USER_INPUT', `The role name "${name}" is taken (${where})`, {
        subCode: 'DUPLICATE', messageZh: `角色名 ${name} 已被占用（${whereZh}）`,
        problems: [{ path: '/input/name', message: `已被占用（${whereZh}）`, messageEn: `taken (${where})` }],
      });
    }
    const [row] = await conn.execute<RoleRow[]>(
      `insert into role as r (name, zh, en, region_code, region_path) values (?, ?, ?, ?, ?) returning ${COLUMNS}`,
      [name, input.zh.trim(), input.en.trim(), region.code, region.path], 'all', tx,
    );
    ctx.log.info({ role: name, region: region.code, by: requireActor(ctx).id }, 'role defined');
    return row!;
  });
}

async function ownRole(ctx: Context, name: string, region: Region): Promise<RoleRow> {
  const rows = ROLE_NAME.test(name)
    ? await ctx.em.getConnection().execute<RoleRow[]>(`select ${COLUMNS} from role r where r.name = ? and r.region_code = ?`, [name, region.code])
    : [];
  if (!rows[0]) {
    throw new DomainError('NOT_FOUND', `Role ${name.slice(0, 40)} is not defined at ${region.code} (built-in roles cannot be changed here)`, {
      messageZh: `地区 ${region.code} 未定义角色 ${name.slice(0, 40)}（内置角色不能在此修改）`,
    });
  }
  return rows[0];
}

/** Changes the titles of a county's role (its name is its identity and stays). */
export async function updateRole(ctx: Context, input: RoleInput): Promise<RoleRow> {
  const region = await roleRegion(ctx, input.regionCode);
  checkRoleInput(input);
  const role = await ownRole(ctx, input.name, region);
  const [row] = await ctx.em.getConnection().execute<RoleRow[]>(
    `update role r set zh = ?, en = ? where id = ? returning ${COLUMNS}`,
    [input.zh.trim(), input.en.trim(), role.id],
  );
  return row!;
}

const MAX_NAMED = 10;

/**
 * Retires a county's role: no new grants, drafts or publishes may use it. Refused while the
 * current published version of a programme names it or anyone holds it, naming them, so nobody
 * is left unable to act and no case is stranded.
 */
export async function retireRole(ctx: Context, name: string, regionCode: string): Promise<RoleRow> {
  const region = await roleRegion(ctx, regionCode);
  const role = await ownRole(ctx, name, region);
  if (role.retiredAt) return role;
  const conn = ctx.em.getConnection();
  const versions = await conn.execute<{ key: string; number: number }[]>(
    `select p.key, v.number from programme_role pr
       join programme p on p.id = pr.programme_id
       join programme_version v on v.programme_id = p.id and v.status = 'published'
      where pr.role_id = ?
        and exists (select 1 from jsonb_path_query(v.workflow, 'lax $.states.*.meta.roles[*]') named where named #>> '{}' = ?
                    union all
                    select 1 from jsonb_path_query(v.workflow, 'lax $.states.*.on.*.meta.roles[*]') named where named #>> '{}' = ?)
      order by p.key limit ${MAX_NAMED + 1}`,
    [role.id, role.name, role.name],
  );
  const grants = await conn.execute<{ username: string; regionCode: string }[]>(
    `select u.username, g.region_code as "regionCode" from role_grant g join app_user u on u.id = g.user_id
      where g.role_id = ? order by u.username, g.region_code limit ${MAX_NAMED + 1}`,
    [role.id],
  );
  if (versions.length || grants.length) {
    const list = <T>(xs: T[], show: (x: T) => string) => xs.slice(0, MAX_NAMED).map(show).join(', ') + (xs.length > MAX_NAMED ? ', …' : '');
    const usedBy = [
      versions.length ? `programme versions ${list(versions, (v) => `${v.key} v${v.number}`)}` : '',
      grants.length ? `grants ${list(grants, (g) => `${g.username}@${g.regionCode}`)}` : '',
    ].filter(Boolean).join('; ');
    const usedByZh = [
      versions.length ? `已发布的项目版本 ${list(versions, (v) => `${v.key} 第${v.number}版`)}` : '',
      grants.length ? `授权 ${list(grants, (g) => `${g.username}@${g.regionCode}`)}` : '',
    ].filter(Boolean).join('；');
    throw bad(`The role ${name} is in use and cannot be retired: ${usedBy}`, `角色 ${name} 正在使用，不能停用：${usedByZh}`,
      [{ path: '/name', message: `正在使用：${usedByZh}`, messageEn: `in use: ${usedBy}` }],
      { subCode: 'ROLE_IN_USE', usedBy: { versions: versions.slice(0, MAX_NAMED).map((v) => `${v.key} v${v.number}`), grants: grants.slice(0, MAX_NAMED).map((g) => `${g.username}@${g.regionCode}`) } });
  }
  const [row] = await conn.execute<RoleRow[]>(`update role r set retired_at = now() where id = ? returning ${COLUMNS}`, [role.id]);
  ctx.services.actors?.forget();
  ctx.log.info({ role: name, region: region.code, by: requireActor(ctx).id }, 'role retired');
  return row!;
}

/**
 * Admin only: whether a role reads every programme's cases in its regions or only those of the
 * programmes that name it. A built-in role without `regionCode`, a county's role with it. Takes
 * effect on the holders' next request (the actor is loaded per request).
 */
const ROLE = { en: 'Role', zh: '角色' };

export async function setRoleReadScope(ctx: Context, name: string, readScope: string, regionCode?: string | null): Promise<RoleRow> {
  const actor = requireActor(ctx);
  if (!isAdmin(actor)) throw forbidden({ en: 'Only an administrator may change what a role reads', zh: '只有系统管理员可以修改角色的查看范围' });
  if (!(READ_SCOPES as readonly string[]).includes(readScope)) {
    throw bad(`readScope must be ${READ_SCOPES.join(' or ')}`, `readScope 须为 ${READ_SCOPES.join(' 或 ')}`, [{ path: '/readScope', message: `须为 ${READ_SCOPES.join(' 或 ')}`, messageEn: `one of ${READ_SCOPES.join(', ')}` }]);
  }
  if (name === 'admin') {
    throw bad('The admin role always reads everything', '系统管理员角色始终可查看全部', [{ path: '/name', message: '不能限制系统管理员', messageEn: 'admin cannot be limited' }]);
  }
  if (!ROLE_NAME.test(name)) throw notFound(ROLE, name.slice(0, 40));
  if (regionCode) await getRegion(ctx.em, regionCode);
  const rows = await ctx.em.getConnection().execute<RoleRow[]>(
    `update role r set read_scope = ? where name = ? and region_code is not distinct from ? and retired_at is null returning ${COLUMNS}`,
    [readScope, name, regionCode ?? null],
  );
  if (!rows[0]) throw notFound(ROLE, name);
  ctx.services.actors?.forget();
  ctx.log.info({ role: name, regionCode, readScope, by: actor.id }, 'role read scope changed');
  return rows[0];
}
