import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { AuthPayload, CreateUserInput, RoleGrantType, RoleType, UserType } from './user.type.js';
import { createUser, getUser, grantRole, login, revokeRole } from './user.service.js';
import { listRoles, setRoleReadScope } from './role.service.js';

@Resolver()
export class UserResolver {
  @Mutation(() => AuthPayload, { description: 'Public. Rate limited per client and account.' })
  async login(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('password', () => String) password: string): Promise<AuthPayload> {
    const { token, expiresAt, user } = await login(ctx, ctx.services.tokens, username, password);
    await user.grants.init();
    return Object.assign(new AuthPayload(), { token, expiresAt, user: UserType.from(user) });
  }

  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null without a token.' })
  async me(@Ctx() ctx: Context): Promise<UserType | null> {
    if (!ctx.actor) {
      if (ctx.authError) requireActor(ctx);
      return null;
    }
    return UserType.from(await getUser(ctx.em, ctx.actor.id));
  }

  @Query(() => [RoleType], { description: 'The role catalogue (roles not retired), built-in roles first.' })
  async roles(@Ctx() ctx: Context): Promise<RoleType[]> {
    return (await listRoles(ctx.em)).map((r) => Object.assign(new RoleType(), r));
  }

  @Mutation(() => RoleType, { description: 'Admin only: whether a role reads all programmes\' cases in its regions (all) or only those of programmes whose workflows name it (programmes).' })
  async setRoleReadScope(@Ctx() ctx: Context, @Arg('name', () => String) name: string, @Arg('readScope', () => String, { description: 'all | programmes' }) readScope: string): Promise<RoleType> {
    return Object.assign(new RoleType(), await setRoleReadScope(ctx, name, readScope));
  }

  @Mutation(() => UserType)
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<UserType> {
    return UserType.from(await createUser(ctx, input));
  }

  @Mutation(() => RoleGrantType)
  async grantRole(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('role', () => String) role: string, @Arg('regionCode', () => String) regionCode: string): Promise<RoleGrantType> {
    return RoleGrantType.from(await grantRole(ctx, username, role, regionCode));
  }

  @Mutation(() => Boolean)
  async revokeRole(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('role', () => String) role: string, @Arg('regionCode', () => String) regionCode: string): Promise<boolean> {
    return revokeRole(ctx, username, role, regionCode);
  }
}
