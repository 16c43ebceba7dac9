import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import type { Actor } from '../core/actor.js';
import { canAdministerRegion, isAdmin } from '../core/actor.js';
import { DomainError, notFound, type FieldProblem } from '../core/errors.js';
import { limitersPerServer, RateLimiter } from '../core/rate-limit.js';
import { getRegion } from '../regions/region.service.js';
import { resolveRole } from './role.service.js';
import { User } from './user.entity.js';
import { RoleGrant } from './role-grant.entity.js';
import { hashPassword, verifyPassword } from './password.js';
import type { TokenService } from './token.js';

const USERNAME = /^[a-z0-9][a-z0-9_.-]{2,39}$/;
// Failed sign-ins only. Per account, whatever the address (rotating X-Forwarded-For or a botnet
// gains nothing), and per client address, so one office behind a NAT can sign in all day.
const failuresOf = limitersPerServer(() => ({ perAccount: new RateLimiter(10, 15 * 60_000), perClient: new RateLimiter(60, 15 * 60_000) }));
// Verified against when the user does not exist, so a missing user takes as long as a wrong
// password: one scrypt verification with the same parameters, either way. Made at start-up.
let decoyHash: Promise<string> | undefined;

/** Computes the decoy hash ahead of the first sign-in (called at server start). */
export function prepareLogin(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  return decoyHash;
}

const tooMany = () => new DomainError('RATE_LIMITED', 'Too many failed sign-in attempts: wait 15 minutes and try again', { messageZh: '登录失败次数过多，请 15 分钟后再试' });

export async function login(ctx: Context, tokens: TokenService, username: string, password: string) {
  const account = username.trim().toLowerCase();
  const { perAccount: failuresPerAccount, perClient: failuresPerClient } = failuresOf(ctx.services);
  if (failuresPerClient.exhausted(ctx.clientIp) || failuresPerAccount.exhausted(account)) throw tooMany();
  // Counted as failures up front and taken back on success, so a burst of parallel guesses cannot
  // all pass the check before the first of them fails.
  failuresPerClient.hit(ctx.clientIp);
  failuresPerAccount.hit(account);
  const decoy = await prepareLogin();
  const user = await ctx.em.findOne(User, { username: account });
  const ok = await verifyPassword(password, user?.passwordHash ?? decoy);
  // Its own subCode: the client says "wrong username or password", not "your session has expired".
  if (!user || !ok || !user.active) throw new DomainError('UNAUTHENTICATED', 'Wrong username or password', { messageZh: '用户名或密码错误', subCode: 'BAD_CREDENTIALS' });
  failuresPerClient.undo(ctx.clientIp);
  failuresPerAccount.reset(account);
  const { token, expiresAt } = await tokens.issue(user.id, user.tokenGeneration);
  return { token, expiresAt, user };
}

/**
 * Loads the actor for a verified token; undefined when the user is gone or disabled, or when the
 * token is older than the user's token generation (disabling the user or resetting the password
 * bumps it): checked here, on every authenticated request, so a disabled user's tokens stop at once.
 * Runs on every authenticated request, so it is one plain SQL join rather than an ORM load with
 * populate (about 1 ms of CPU less per request; see docs/benchmarks.md). Each grant carries its
 * role row (id and defining region) and read scope: for a role limited to its programmes, the keys
 * of the programmes that name it (a few rows of programme_role on an index) and of the registers
 * those programmes act on, so every later read check is a comparison, not a query.
 */
export async function loadActor(em: EntityManager, userId: string, tokenGeneration?: number): Promise<Actor | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return undefined;
  const rows = await em.getConnection().execute<{ id: string; username: string; display_name: string; role: string | null; role_id: string | null; role_path: string | null; region_code: string | null; region_path: string | null; programmes: string[] | null; registers: string[] | null }[]>(
    `select u.id, u.username, u.display_name, g.role, g.role_id, r.region_path as role_path, g.region_code, g.region_path,
            case when r.read_scope = 'all' then null
                 else array(select p.key from programme_role pr join programme p on p.id = pr.programme_id where pr.role_id = g.role_id) end as programmes,
            case when r.read_scope = 'all' then null
                 else array(select distinct rg.id from programme_role pr
                              join programme_version v on v.programme_id = pr.programme_id and v.status <> 'draft'
                              join register rg on rg.key = v.workflow #>> '{meta,register,key}'
                             where pr.role_id = g.role_id) end as registers
       from app_user u left join role_grant g on g.user_id = u.id left join role r on r.id = g.role_id
      where u.id = ? and u.active${tokenGeneration === undefined ? '' : ' and u.token_generation = ?'}`,
    tokenGeneration === undefined ? [userId] : [userId, tokenGeneration],
  );
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: first.id,
    username: first.username,
    displayName: first.display_name,
    // A grant outside the subtree of the region that defined its role (impossible through the
    // API; written around it) counts for nothing: county A's role never reaches county B.
    grants: rows.filter((r) => r.role !== null && (!r.role_path || r.region_path!.startsWith(r.role_path))).map((r) => ({
      role: r.role!, regionCode: r.region_code!, regionPath: r.region_path!, roleId: r.role_id!,
      ...(r.role_path ? { rolePath: r.role_path } : {}),
      ...(r.programmes ? { readProgrammes: r.programmes } : {}),
      ...(r.registers ? { readRegisterIds: r.registers } : {}),
    })),
  };
}

export async function getUser(em: EntityManager, id: string): Promise<User> {
  const user = await em.findOne(User, { id }, { populate: ['grants'] });
  if (!user) throw notFound({ en: 'User', zh: '用户' }, id);
  return user;
}

export interface CreateUserInput {
  username: string;
  password: string;
  displayName: string;
  /** Home region; a county admin's users default to (and must be in) the county admin's region. */
  regionCode?: string | null;
}

export const USERNAME_RULE = { zh: '3–40 个字符：小写字母、数字及 _ . -，以字母或数字开头', en: '3–40 characters: lower-case letters, digits, _ . -' };
export { USERNAME };

/** The home region a new user gets: the one asked for (which the actor must administer), or the county admin's own. */
export async function homeRegionFor(ctx: Context, actor: Actor, regionCode: string | null | undefined, path: string) {
  if (!regionCode) {
    if (isAdmin(actor)) return null;
    const own = actor.grants.find((g) => g.role === 'county_admin');
    return own ? { code: own.regionCode, path: own.regionPath } : null;
  }
  const region = await getRegion(ctx.em, regionCode);
  if (!canAdministerRegion(actor, region.path)) {
    throw new DomainError('FORBIDDEN', `You may not create users in region ${regionCode}`, {
      messageZh: `无权在地区 ${regionCode} 创建用户`, problems: [{ path, message: '不在您管理的地区内', messageEn: 'outside the regions you administer' }],
    });
  }
  return { code: region.code, path: region.path };
}

/** Admins create anyone; a county admin creates staff in the county (roles are granted separately, in scope). */
export async function createUser(ctx: Context, input: CreateUserInput): Promise<User> {
  const actor = requireActor(ctx);
  if (!isAdmin(actor) && !actor.grants.some((g) => g.role === 'county_admin')) {
    throw new DomainError('FORBIDDEN', 'Only administrators may create users', { messageZh: '只有管理员可以创建用户' });
  }
  const username = input.username.trim().toLowerCase();
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(username)) problems.push({ path: '/input/username', message: USERNAME_RULE.zh, messageEn: USERNAME_RULE.en });
  if (input.password.length < 10 || input.password.length > 200) problems.push({ path: '/input/password', message: '须为 10–200 个字符', messageEn: 'must be 10–200 characters' });
  if (!input.displayName.trim() || input.displayName.length > 50) problems.push({ path: '/input/displayName', message: '须为 1–50 个字符', messageEn: 'must be 1–50 characters' });
  if (problems.length) throw new DomainError('BAD_USER_INPUT', `The user is invalid: ${problems.map((p) => `${p.path} ${p.messageEn}`).join('; ')}`, { messageZh: '用户信息有误', problems });
  const home = await homeRegionFor(ctx, actor, input.regionCode, '/input/regionCode');
  const user = ctx.em.create(User, {
    username, displayName: input.displayName.trim(), passwordHash: await hashPassword(input.password),
    regionCode: home?.code ?? null, regionPath: home?.path ?? null,
  });
  try {
    await ctx.em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) {
      throw new DomainError('BAD_USER_INPUT', `The username "${username}" is taken`, {
        subCode: 'DUPLICATE', messageZh: `用户名 ${username} 已被使用`, problems: [{ path: '/input/username', message: '已被使用', messageEn: 'is taken' }],
      });
    }
    throw e;
  }
  ctx.log.info({ user: username, by: actor.id }, 'user created');
  return user;
}

/**
 * Who may hand out a role on a region: an admin anything; a county admin staff roles within the
 * county. admin and county_admin themselves only an admin.
 */
export function mayGrant(actor: Actor, role: string, regionPath: string): boolean {
  return role === 'admin' || role === 'county_admin' ? isAdmin(actor) : canAdministerRegion(actor, regionPath);
}

async function grantTarget(ctx: Context, username: string, role: string, regionCode: string) {
  const actor = requireActor(ctx);
  const region = await getRegion(ctx.em, regionCode);
  if (!mayGrant(actor, role, region.path)) {
    throw new DomainError('FORBIDDEN', `You may not manage the role ${role.slice(0, 40)} in region ${regionCode}`, { messageZh: `无权在地区 ${regionCode} 管理角色 ${role.slice(0, 40)}` });
  }
  const user = await ctx.em.findOne(User, { username: username.toLowerCase() });
  if (!user) throw notFound({ en: 'User', zh: '用户' }, username.slice(0, 40));
  return { user, region };
}

/** The problem with granting `name` at a region, or the role it means there. */
export async function grantableRole(em: EntityManager, name: string, regionPath: string, path: string): Promise<{ id: string } | FieldProblem> {
  const role = await resolveRole(em, name, regionPath);
  const shown = JSON.stringify(name.slice(0, 40));
  if (!role) return { path, message: `未知角色 ${shown}：该地区不可见此角色`, messageEn: `unknown role ${shown}: not defined at this region` };
  if (role.retiredAt) return { path, message: `角色 ${shown} 已停用`, messageEn: `role ${shown} is retired` };
  return role;
}

export async function grantRole(ctx: Context, username: string, role: string, regionCode: string): Promise<RoleGrant> {
  const { user, region } = await grantTarget(ctx, username, role, regionCode);
  const resolved = await grantableRole(ctx.em, role, region.path, '/role');
  if (!('id' in resolved)) {
    throw new DomainError('BAD_USER_INPUT', `Cannot grant: ${resolved.messageEn}`, { messageZh: `不能授权：${resolved.message}`, problems: [resolved] });
  }
  const existing = await ctx.em.findOne(RoleGrant, { user, role, regionCode });
  if (existing) return existing;
  const grant = ctx.em.create(RoleGrant, { user, role, roleId: resolved.id, regionCode, regionPath: region.path });
  await ctx.em.flush();
  ctx.services.actors?.forget(user.id);
  ctx.log.info({ user: user.username, role, region: regionCode, by: requireActor(ctx).id }, 'role granted');
  return grant;
}

export async function revokeRole(ctx: Context, username: string, role: string, regionCode: string): Promise<boolean> {
  const { user } = await grantTarget(ctx, username, role, regionCode);
  const n = await ctx.em.nativeDelete(RoleGrant, { user, role, regionCode });
  ctx.services.actors?.forget(user.id);
  return n > 0;
}
