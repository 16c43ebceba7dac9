import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canFile } from './can-file.js';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { CreateProgrammeInput, ProgrammeType, ProgrammeVersionType } from './programme.type.js';
import { createProgramme, getProgramme, listProgrammes, publish, retire, saveDraft } from './programme.service.js';

@Resolver()
export class ProgrammeResolver {
  @Query(() => [ProgrammeType])
  async programmes(@Ctx() ctx: Context, @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean): Promise<ProgrammeType[]> {
    return (await listProgrammes(ctx, includeRetired)).map(ProgrammeType.from);
  }

  @Query(() => ProgrammeType, { nullable: true })
  async programme(@Ctx() ctx: Context, @Arg('key', () => String) key: string): Promise<ProgrammeType> {
    requireActor(ctx);
    return ProgrammeType.from(await getProgramme(ctx.em, key));
  }

  @Mutation(() => ProgrammeType)
  async createProgramme(@Ctx() ctx: Context, @Arg('input', () => CreateProgrammeInput) input: CreateProgrammeInput): Promise<ProgrammeType> {
    const p = await createProgramme(ctx, input);
    return ProgrammeType.from(await getProgramme(ctx.em, p.key));
  }

  @Mutation(() => ProgrammeVersionType, { description: 'Save the draft version (checked in full; nothing is saved on any error).' })
  async saveProgrammeDraft(
    @Ctx() ctx: Context,
    @Arg('key', () => String) key: string,
    @Arg('formSchema', () => GraphQLJSON) formSchema: unknown,
    @Arg('workflow', () => GraphQLJSON) workflow: unknown,
    @Arg('uiSchema', () => GraphQLJSON, { nullable: true }) uiSchema?: unknown,
  ): Promise<ProgrammeVersionType> {
    return ProgrammeVersionType.from(await saveDraft(ctx, key, { formSchema, uiSchema, workflow }));
  }

  @Mutation(() => ProgrammeVersionType)
  async publishProgramme(@Ctx() ctx: Context, @Arg('key', () => String) key: string): Promise<ProgrammeVersionType> {
    return ProgrammeVersionType.from(await publish(ctx, key));
  }

  @Mutation(() => ProgrammeType)
  async retireProgramme(@Ctx() ctx: Context, @Arg('key', () => String) key: string): Promise<ProgrammeType> {
    return ProgrammeType.from(await retire(ctx, key));
  }
}

@Resolver(() => ProgrammeType)
export class ProgrammeFilingResolver {
  @FieldResolver(() => Boolean, { description: 'Whether the signed-in user holds a role that files applications of this programme (the first step\'s roles) in or above its county. Menus offer 新建申请 only on it.' })
  canFile(@Root() p: ProgrammeType, @Ctx() ctx: Context): boolean {
    return canFile(ctx.actor, p, p.currentVersion?.entity);
  }
}
