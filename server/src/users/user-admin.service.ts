/**
 * User administration for admins and county admins: the list (scoped in SQL to the caller's
 * regions), disabling and re-enabling, password resets and the all-or-nothing bulk creation.
 * Disabling and resetting bump the user's token generation, which loadActor compares on every
 * request, so the user's existing tokens stop working at once.
 */
import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { canAdministerRegion, isAdmin } from '../core/actor.js';
import { DomainError, notFound, type FieldProblem } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { User } from './user.entity.js';
import { RoleGrant } from './role-grant.entity.js';
import { hashPassword } from './password.js';
import { canManageUser, userListScope, type ManagedUser } from './user.policy.js';
import { mayGrant, USERNAME, USERNAME_RULE } from './user.service.js';
import { ROLE_NAME } from './role.service.js';

const forbiddenZh = (message: string, messageZh: string) => new DomainError('FORBIDDEN', message, { messageZh });

function requireUserAdmin(ctx: Context) {
  const actor = requireActor(ctx);
  if (!isAdmin(actor) && !actor.grants.some((g) => g.role === 'county_admin')) {
    throw forbiddenZh('Only administrators and county administrators manage users', '只有系统管理员和县级管理员可以管理用户');
  }
  return actor;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');
/** A PostgreSQL text[] literal of region path patterns (paths are digits and "/", nothing to quote). */
const patterns = (paths: string[]) => `{${paths.map((p) => `${p}%`).join(',')}}`;

export interface UserListArgs {
  regionCode?: string | null;
  search?: string | null;
  first: number;
  after?: string | null;
}

export interface UserPage {
  users: User[];
  hasNextPage: boolean;
  endCursor: string | null;
  count: () => Promise<number>;
}

function decodeUserCursor(after: string): string {
  const username = after.length <= 80 && /^[A-Za-z0-9_-]+$/.test(after) ? Buffer.from(after, 'base64url').toString() : '';
  if (!USERNAME.test(username)) {
    throw new DomainError('BAD_USER_INPUT', 'Invalid cursor: pass an endCursor this list returned', {
      messageZh: '分页游标无效：请使用本列表返回的 endCursor',
      problems: [{ path: '/after', message: '不是本列表返回的游标', messageEn: 'not a cursor from this list' }],
    });
  }
  return username;
}

/**
 * Users whose home region or any grant lies in the caller's regions (admins: everyone), optionally
 * narrowed to one region's subtree and a search (username prefix or part of the name), by username.
 */
export async function listUsers(ctx: Context, args: UserListArgs): Promise<UserPage> {
  const actor = requireUserAdmin(ctx);
  const first = Math.min(Math.max(args.first, 1), 100);
  let scope = userListScope(actor);
  if (args.regionCode) {
    const region = await getRegion(ctx.em, args.regionCode);
    if (scope && !canAdministerRegion(actor, region.path)) {
      throw forbiddenZh(`You may not list the users of region ${args.regionCode}`, `无权查看地区 ${args.regionCode} 的用户`);
    }
    scope = [region.path];
  }
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope) {
    where.push(`(u.region_path like any(?::text[]) or exists (select 1 from role_grant g where g.user_id = u.id and g.region_path like any(?::text[])))`);
    params.push(patterns(scope), patterns(scope));
  }
  const search = args.search?.trim().slice(0, 50);
  if (search) {
    where.push(`(u.username like ? or u.display_name ilike ?)`);
    params.push(`${likeEscape(search.toLowerCase())}%`, `%${likeEscape(search)}%`);
  }
  const filtered = where.length ? `where ${where.join(' and ')}` : '';
  const pageWhere = [...where];
  const pageParams = [...params];
  if (args.after) {
    pageWhere.push('u.username > ?');
    pageParams.push(decodeUserCursor(args.after));
  }
  const conn = ctx.em.getConnection();
  const rows = await conn.execute<{ id: string }[]>(
    `select u.id from app_user u ${pageWhere.length ? `where ${pageWhere.join(' and ')}` : ''} order by u.username limit ${first + 1}`,
    pageParams,
  );
  const ids = rows.slice(0, first).map((r) => r.id);
  const users = ids.length ? await ctx.em.find(User, { id: { $in: ids } }, { populate: ['grants'], orderBy: { username: 'asc' } }) : [];
  const last = users.at(-1);
  return {
    users,
    hasNextPage: rows.length > first,
    endCursor: last ? Buffer.from(last.username).toString('base64url') : null,
    count: async () => Number((await conn.execute<{ n: string }[]>(`select count(*) as n from app_user u ${filtered}`, params))[0]!.n),
  };
}

async function managedUser(ctx: Context, username: string): Promise<{ user: User; managed: ManagedUser }> {
  const actor = requireUserAdmin(ctx);
  const user = await ctx.em.findOne(User, { username: username.trim().toLowerCase() }, { populate: ['grants'] });
  if (!user) throw notFound({ en: 'User', zh: '用户' }, username.slice(0, 40));
  const grants = user.grants.getItems();
  const managed: ManagedUser = {
    id: user.id, regionPath: user.regionPath ?? null,
    grantPaths: grants.map((g) => g.regionPath), holdsAdmin: grants.some((g) => g.role === 'admin'),
  };
  if (!canManageUser(actor, managed)) {
    throw forbiddenZh(`You may not manage the user ${user.username}`, `无权管理用户 ${user.username}`);
  }
  return { user, managed };
}

/** Disables a user and ends every token they hold at once (the generation no longer matches). */
export async function setUserActive(ctx: Context, username: string, active: boolean): Promise<User> {
  const { user } = await managedUser(ctx, username);
  if (user.active === active) return user;
  await ctx.em.getConnection().execute('update app_user set active = ?, token_generation = token_generation + 1 where id = ?', [active, user.id]);
  user.active = active;
  ctx.services.actors?.forget(user.id);
  user.tokenGeneration += 1;
  ctx.log.info({ user: user.username, active, by: requireActor(ctx).id }, active ? 'user enabled' : 'user disabled');
  return user;
}

/** Sets a new password; the user's existing tokens stop working at once. */
export async function resetPassword(ctx: Context, username: string, password: string): Promise<User> {
  const { user } = await managedUser(ctx, username);
  if (password.length < 10 || password.length > 200) {
    throw new DomainError('BAD_USER_INPUT', 'The password must be 10–200 characters', {
      messageZh: '密码须为 10–200 个字符', problems: [{ path: '/password', message: '须为 10–200 个字符', messageEn: 'must be 10–200 characters' }],
    });
  }
  const hash = await hashPassword(password);
  await ctx.em.getConnection().execute('update app_user set password_hash = ?, token_generation = token_generation + 1 where id = ?', [hash, user.id]);
  user.tokenGeneration += 1;
  ctx.services.actors?.forget(user.id);
  ctx.log.info({ user: user.username, by: requireActor(ctx).id }, 'password reset');
  return user;
}

export interface NewUserRow {
  username: string;
  name: string;
  role: string;
  regionCode: string;
}

export const MAX_BULK_ROWS = 500;

export interface CreatedUser {
  user: User;
  initialPassword: string;
}

/**
 * Creates users from a table, each with one role on one region (also their home region) and a
 * generated initial password. Every row is checked first and every problem reported with its JSON
 * pointer (/rows/3/role); nothing is written when any row is wrong. One transaction.
 */
export async function createUsers(ctx: Context, rows: NewUserRow[]): Promise<CreatedUser[]> {
  const actor = requireUserAdmin(ctx);
  if (rows.length === 0 || rows.length > MAX_BULK_ROWS) {
    throw new DomainError('BAD_USER_INPUT', `Between 1 and ${MAX_BULK_ROWS} rows per call (got ${rows.length})`, {
      messageZh: `每次 1–${MAX_BULK_ROWS} 行（收到 ${rows.length} 行）`,
      problems: [{ path: '/rows', message: `须为 1–${MAX_BULK_ROWS} 行`, messageEn: `1–${MAX_BULK_ROWS} rows` }],
    });
  }
  const conn = ctx.em.getConnection();
  const problems: FieldProblem[] = [];
  const add = (i: number, field: string, message: string, messageEn: string) => problems.push({ path: `/rows/${i}/${field}`, message, messageEn });
  const usernames = rows.map((r) => r.username.trim().toLowerCase());
  const codes = [...new Set(rows.map((r) => r.regionCode.trim()).filter((c) => /^\d{12}$/.test(c)))];
  const names = [...new Set(rows.map((r) => r.role.trim()).filter((n) => ROLE_NAME.test(n)))];
  const validNames = usernames.filter((u) => USERNAME.test(u));
  const [taken, regions, roles] = await Promise.all([
    validNames.length ? conn.execute<{ username: string }[]>(`select username from app_user where username = any(?::text[])`, [`{${validNames.join(',')}}`]) : [],
    codes.length ? conn.execute<{ code: string; path: string }[]>(`select code, path from region where code = any(?::text[])`, [`{${codes.join(',')}}`]) : [],
    names.length
      ? conn.execute<{ id: string; name: string; region_path: string | null; retired_at: Date | null }[]>(`select id, name, region_path, retired_at from role where name = any(?::text[])`, [`{${names.join(',')}}`])
      : [],
  ]);
  const takenSet = new Set(taken.map((t) => t.username));
  const pathOf = new Map(regions.map((r) => [r.code, r.path]));
  const seen = new Map<string, number>();
  const resolved: Array<{ roleId: string; path: string } | undefined> = rows.map((row, i) => {
    const username = usernames[i]!;
    if (!USERNAME.test(username)) add(i, 'username', USERNAME_RULE.zh, USERNAME_RULE.en);
    else if (takenSet.has(username)) add(i, 'username', `用户名 ${username} 已被占用`, `username ${username} is taken`);
    else if (seen.has(username)) add(i, 'username', `与第 ${seen.get(username)! + 1} 行重复`, `same as row ${seen.get(username)}`);
    seen.set(username, seen.get(username) ?? i);
    if (!row.name.trim() || row.name.trim().length > 50) add(i, 'name', '姓名须为 1–50 个字符', 'the name must be 1–50 characters');
    const code = row.regionCode.trim();
    const path = pathOf.get(code);
    if (!path) {
      add(i, 'regionCode', /^\d{12}$/.test(code) ? `地区 ${code} 不存在` : '地区代码须为 12 位数字', /^\d{12}$/.test(code) ? `region ${code} does not exist` : 'must be a 12-digit region code');
      return undefined;
    }
    const role = row.role.trim();
    if (!mayGrant(actor, role, path)) {
      add(i, canAdministerRegion(actor, path) ? 'role' : 'regionCode', `无权在地区 ${code} 授予角色 ${role.slice(0, 40)}`, `you may not grant ${role.slice(0, 40)} in region ${code}`);
      return undefined;
    }
    const candidates = roles.filter((r) => r.name === role && (r.region_path === null || path.startsWith(r.region_path)));
    const match = candidates.find((r) => r.region_path === null) ?? candidates[0];
    const shown = JSON.stringify(role.slice(0, 40));
    if (!match) add(i, 'role', `未知角色 ${shown}：地区 ${code} 不可见此角色`, `unknown role ${shown} at region ${code}`);
    else if (match.retired_at) add(i, 'role', `角色 ${shown} 已停用`, `role ${shown} is retired`);
    else return { roleId: match.id, path };
    return undefined;
  });
  if (problems.length) {
    const rowsWrong = new Set(problems.map((p) => p.path.split('/')[2])).size;
    throw new DomainError('BAD_USER_INPUT', `${rowsWrong} of ${rows.length} rows are invalid; nothing was created`, {
      messageZh: `${rows.length} 行中有 ${rowsWrong} 行有误，未创建任何用户`, problems,
    });
  }
  const passwords = rows.map(() => randomBytes(9).toString('base64url'));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  try {
    const users = await ctx.em.transactional(async (em) => {
      const created = rows.map((row, i) => {
        const { roleId, path } = resolved[i]!;
        const code = row.regionCode.trim();
        const user = em.create(User, { username: usernames[i]!, displayName: row.name.trim(), passwordHash: hashes[i]!, regionCode: code, regionPath: path });
        em.create(RoleGrant, { user, role: row.role.trim(), roleId, regionCode: code, regionPath: path });
        return user;
      });
      await em.flush();
      return created;
    });
    ctx.log.info({ count: users.length, by: actor.id }, 'users created in bulk');
    return users.map((user, i) => ({ user, initialPassword: passwords[i]! }));
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) {
      throw new DomainError('BAD_USER_INPUT', 'A username was taken meanwhile; nothing was created', { subCode: 'DUPLICATE', messageZh: '有用户名刚被占用，未创建任何用户', problems: [{ path: '/rows', message: '用户名刚被占用', messageEn: 'a username was taken meanwhile' }] });
    }
    throw e;
  }
}
