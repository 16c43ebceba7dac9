import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import {
  AuthPayload, CreatedUserType, CreateUserInput, NewUserRowInput, RoleGrantType, RoleInput, RoleType, roleTitles, UserConnectionType, UserType,
} from './user.type.js';
import { createUser, getUser, grantRole, login, revokeRole } from './user.service.js';
import { createUsers, listUsers, resetPassword, setUserActive } from './user-admin.service.js';
import { defineRole, listRoles, retireRole, setRoleReadScope, updateRole } from './role.service.js';
import type { User } from './user.entity.js';

async function present(ctx: Context, user: User): Promise<UserType> {
  await user.grants.init();
  return UserType.from(user, await roleTitles(ctx.em, [user]));
}

@Resolver()
export class UserResolver {
  @Mutation(() => AuthPayload, { description: 'Public. Rate limited per client and account.' })
  async login(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('password', () => String) password: string): Promise<AuthPayload> {
    const { token, expiresAt, user } = await login(ctx, ctx.services.tokens, username, password);
    return Object.assign(new AuthPayload(), { token, expiresAt, user: await present(ctx, user) });
  }

  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null without a token.' })
  async me(@Ctx() ctx: Context): Promise<UserType | null> {
    if (!ctx.actor) {
      if (ctx.authError) requireActor(ctx);
      return null;
    }
    return present(ctx, await getUser(ctx.em, ctx.actor.id));
  }

  @Query(() => [RoleType], {
    description: 'The role catalogue, built-in roles first. With regionCode: the roles visible there (built-in, defined there or above), plus with includeBelow those defined below it. Signed-in users.',
  })
  async roles(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
    @Arg('includeBelow', () => Boolean, { defaultValue: false }) includeBelow?: boolean,
    @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired?: boolean,
  ): Promise<RoleType[]> {
    return (await listRoles(ctx, { regionCode, includeBelow, includeRetired })).map(RoleType.from);
  }

  @Mutation(() => RoleType, { description: 'County admins (on that region) and admins: defines a role of a county, city or province; designers may not.' })
  async defineRole(@Ctx() ctx: Context, @Arg('input', () => RoleInput) input: RoleInput): Promise<RoleType> {
    return RoleType.from(await defineRole(ctx, input));
  }

  @Mutation(() => RoleType, { description: 'Changes the titles of a role the region defined.' })
  async updateRole(@Ctx() ctx: Context, @Arg('input', () => RoleInput) input: RoleInput): Promise<RoleType> {
    return RoleType.from(await updateRole(ctx, input));
  }

  @Mutation(() => RoleType, { description: 'Retires a role the region defined; refused (naming them) while a published programme version or a grant uses it.' })
  async retireRole(@Ctx() ctx: Context, @Arg('name', () => String) name: string, @Arg('regionCode', () => String) regionCode: string): Promise<RoleType> {
    return RoleType.from(await retireRole(ctx, name, regionCode));
  }

  @Mutation(() => RoleType, { description: 'Admin only: whether a role reads all programmes\' cases in its regions (all) or only those of programmes whose workflows name it (programmes). regionCode names a county\'s role; without it, a built-in one.' })
  async setRoleReadScope(
    @Ctx() ctx: Context,
    @Arg('name', () => String) name: string,
    @Arg('readScope', () => String, { description: 'all | programmes' }) readScope: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
  ): Promise<RoleType> {
    return RoleType.from(await setRoleReadScope(ctx, name, readScope, regionCode));
  }

  @Query(() => UserConnectionType, { description: 'Admins and county admins: users whose home region or a grant lies in the caller\'s regions (or regionCode\'s subtree), by username. search: username prefix or part of the name.' })
  async users(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UserConnectionType> {
    const page = await listUsers(ctx, { regionCode, search, first, after });
    const titles = await roleTitles(ctx.em, page.users);
    return Object.assign(new UserConnectionType(), {
      edges: page.users.map((u) => ({ cursor: Buffer.from(u.username).toString('base64url'), node: UserType.from(u, titles) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      count: page.count,
    });
  }

  @Mutation(() => UserType)
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<UserType> {
    return present(ctx, await createUser(ctx, input));
  }

  @Mutation(() => [CreatedUserType], { description: 'Creates up to 500 users, each with one role on one region and a generated password. Every row is checked first; nothing is created when any row is wrong (problems at /rows/<i>/<field>).' })
  async createUsers(@Ctx() ctx: Context, @Arg('rows', () => [NewUserRowInput]) rows: NewUserRowInput[]): Promise<CreatedUserType[]> {
    const created = await createUsers(ctx, rows);
    const titles = await roleTitles(ctx.em, created.map((c) => c.user));
    return created.map((c) => Object.assign(new CreatedUserType(), { user: UserType.from(c.user, titles), initialPassword: c.initialPassword }));
  }

  @Mutation(() => UserType, { description: 'Disables a user: sign-in refused and every token they hold stops working at once.' })
  async disableUser(@Ctx() ctx: Context, @Arg('username', () => String) username: string): Promise<UserType> {
    return present(ctx, await setUserActive(ctx, username, false));
  }

  @Mutation(() => UserType)
  async enableUser(@Ctx() ctx: Context, @Arg('username', () => String) username: string): Promise<UserType> {
    return present(ctx, await setUserActive(ctx, username, true));
  }

  @Mutation(() => UserType, { description: 'Sets a new password (10–200 characters); the user\'s existing tokens stop working.' })
  async resetPassword(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('password', () => String) password: string): Promise<UserType> {
    return present(ctx, await resetPassword(ctx, username, password));
  }

  @Mutation(() => RoleGrantType)
  async grantRole(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('role', () => String) role: string, @Arg('regionCode', () => String) regionCode: string): Promise<RoleGrantType> {
    const grant = await grantRole(ctx, username, role, regionCode);
    const [info] = await ctx.em.getConnection().execute<{ zh: string; en: string; regionCode: string | null }[]>('select zh, en, region_code as "regionCode" from role where id = ?', [grant.roleId]);
    return RoleGrantType.from(grant, new Map(info ? [[grant.roleId, info]] : []));
  }

  @Mutation(() => Boolean)
  async revokeRole(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('role', () => String) role: string, @Arg('regionCode', () => String) regionCode: string): Promise<boolean> {
    return revokeRole(ctx, username, role, regionCode);
  }
}
