import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { CreateRegisterInput, RegisterDefinitionInput, RegisterType, RegisterVersionType } from './register.type.js';
import { readsRegisterSomewhere } from './register.policy.js';
import { createRegister, getRegister, listRegisters, publishRegister, retireRegister, saveRegisterDraft } from './register.service.js';

@Resolver(() => RegisterType)
export class RegisterResolver {
  @FieldResolver(() => Boolean, {
    description: 'Whether you read entries of this register anywhere: a grant in its county, unless the role reads only its programmes and none of them acts on this register.',
  })
  canReadEntries(@Root() r: RegisterType, @Ctx() ctx: Context): boolean {
    return readsRegisterSomewhere(requireActor(ctx), r);
  }

  @Query(() => [RegisterType], { description: 'Register definitions (visible to everyone signed in).' })
  async registers(@Ctx() ctx: Context, @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean): Promise<RegisterType[]> {
    return (await listRegisters(ctx, includeRetired)).map(RegisterType.from);
  }

  @Query(() => RegisterType)
  async register(@Ctx() ctx: Context, @Arg('key', () => String) key: string): Promise<RegisterType> {
    requireActor(ctx);
    return RegisterType.from(await getRegister(ctx.em, key));
  }

  @Mutation(() => RegisterType, { description: 'Designers and county admins of the owning county.' })
  async createRegister(@Ctx() ctx: Context, @Arg('input', () => CreateRegisterInput) input: CreateRegisterInput): Promise<RegisterType> {
    const r = await createRegister(ctx, input);
    return RegisterType.from(await getRegister(ctx.em, r.key));
  }

  @Mutation(() => RegisterVersionType, { description: 'Save the draft version (checked in full; nothing is saved on any error).' })
  async saveRegisterDraft(
    @Ctx() ctx: Context,
    @Arg('key', () => String) key: string,
    @Arg('definition', () => RegisterDefinitionInput) definition: RegisterDefinitionInput,
  ): Promise<RegisterVersionType> {
    return RegisterVersionType.from(await saveRegisterDraft(ctx, key, definition));
  }

  @Mutation(() => RegisterVersionType, { description: 'The draft becomes the version entries are validated with.' })
  async publishRegister(@Ctx() ctx: Context, @Arg('key', () => String) key: string): Promise<RegisterVersionType> {
    return RegisterVersionType.from(await publishRegister(ctx, key));
  }

  @Mutation(() => RegisterType, { description: 'Entries stay readable and refuse every change.' })
  async retireRegister(@Ctx() ctx: Context, @Arg('key', () => String) key: string): Promise<RegisterType> {
    return RegisterType.from(await retireRegister(ctx, key));
  }
}
