import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { RegionType } from '../regions/region.type.js';
import { RegisterType, RegisterVersionType } from './register.type.js';
import { checklistLoader } from './checklist-status.js';
import { ChecklistStatusType, RegisterChangeType, RegisterEntryConnectionType, RegisterEntryFilterInput, RegisterEntryType, RegisterPersonType } from './entry.type.js';
import { canEditEntry, createRegisterEntry, findPerson, loadEntry, updateRegisterEntry } from './entry.service.js';
import { encodeEntryCursor, listEntries } from './entry.queries.js';
import { registerLoaders } from './register.loaders.js';
import { currentRegisterVersion, loadedOf } from './register.service.js';
import { entryNotFound } from './register.policy.js';

const MAX_CHANGES = 200;

@Resolver(() => RegisterEntryType)
export class RegisterEntryResolver {
  @Query(() => RegisterEntryType, { description: 'One entry; NOT_FOUND outside your regions.' })
  async registerEntry(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RegisterEntryType> {
    return RegisterEntryType.from(await loadEntry(ctx, id));
  }

  @Query(() => RegisterEntryConnectionType, { description: 'Entries of one register within your regions, most recently changed first.' })
  async registerEntries(
    @Ctx() ctx: Context,
    @Arg('filter', () => RegisterEntryFilterInput) filter: RegisterEntryFilterInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<RegisterEntryConnectionType> {
    const page = await listEntries(ctx, filter, first, after);
    return Object.assign(new RegisterEntryConnectionType(), {
      edges: page.items.map((e) => ({ cursor: encodeEntryCursor(e), node: RegisterEntryType.from(e) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      count: page.count,
    });
  }

  @Query(() => RegisterPersonType, { description: 'The entry a person (ID number) belongs to; NOT_FOUND outside your regions.' })
  async person(
    @Ctx() ctx: Context,
    @Arg('idNumber', () => String) idNumber: string,
    @Arg('registerKey', () => String, { nullable: true }) registerKey?: string,
  ): Promise<RegisterPersonType> {
    return RegisterPersonType.from(await findPerson(ctx, idNumber, registerKey));
  }

  @Mutation(() => RegisterEntryType, { description: 'A new entry in a village; one change-log row of the given kind.' })
  async createRegisterEntry(
    @Ctx() ctx: Context,
    @Arg('registerKey', () => String) registerKey: string,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('data', () => GraphQLJSON) data: unknown,
    @Arg('kind', () => String) kind: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('movePersons', () => [String], { nullable: true, description: 'ID numbers taken over from the entries holding them now (a move).' }) movePersons?: string[],
  ): Promise<RegisterEntryType> {
    return RegisterEntryType.from(await createRegisterEntry(ctx, { registerKey, regionCode, data, kind, comment, movePersons }));
  }

  @Mutation(() => RegisterEntryType, { description: 'Replaces the data (validated with the current version); one change-log row of the given kind.' })
  async updateRegisterEntry(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('data', () => GraphQLJSON) data: unknown,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('kind', () => String) kind: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('movePersons', () => [String], { nullable: true, description: 'ID numbers taken over from the entries holding them now (a move).' }) movePersons?: string[],
  ): Promise<RegisterEntryType> {
    return RegisterEntryType.from(await updateRegisterEntry(ctx, id, { data, expectedVersion, kind, comment, movePersons }));
  }

  @FieldResolver(() => RegisterType)
  async register(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<RegisterType> {
    return RegisterType.from((await registerLoaders(ctx).register.load(e.entity.registerId))!);
  }

  @FieldResolver(() => RegisterVersionType, { description: 'The version the data was last validated with.' })
  async registerVersion(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<RegisterVersionType> {
    const register = (await registerLoaders(ctx).register.load(e.entity.registerId))!;
    return RegisterVersionType.from(register.versions.getItems().find((v) => v.id === e.entity.versionId)!);
  }

  @FieldResolver(() => RegionType)
  async region(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<RegionType> {
    return RegionType.from((await ctx.loaders.region.load(e.regionCode))!);
  }

  @FieldResolver(() => String, { description: 'The status’s Chinese title.' })
  async statusTitle(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<string> {
    return (await registerLoaders(ctx).version.load(e.entity.versionId))?.statusByValue.get(e.status)?.zh ?? e.status;
  }

  @FieldResolver(() => String)
  async statusTitleEn(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<string> {
    return (await registerLoaders(ctx).version.load(e.entity.versionId))?.statusByValue.get(e.status)?.en ?? e.status;
  }

  @FieldResolver(() => String, { description: 'Tag colour of the status.' })
  async statusColor(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<string> {
    return (await registerLoaders(ctx).version.load(e.entity.versionId))?.statusByValue.get(e.status)?.color ?? 'default';
  }

  @FieldResolver(() => [RegisterPersonType], { description: 'The entry’s persons in the person index (head first).' })
  async persons(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<RegisterPersonType[]> {
    return (await registerLoaders(ctx).persons.load(e.id)).map(RegisterPersonType.from);
  }

  @FieldResolver(() => [RegisterChangeType], {
    description: `The change log, oldest first: rows after \`afterSeq\`, at most \`first\`; or with \`last\`, the newest \`last\` rows (each ≤ ${MAX_CHANGES}). The entry's \`version\` is the number of rows.`,
  })
  async changes(
    @Root() e: RegisterEntryType,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('afterSeq', () => Int, { defaultValue: 0 }) afterSeq: number,
    @Arg('last', () => Int, { nullable: true }) last?: number | null,
  ): Promise<RegisterChangeType[]> {
    for (const [name, n] of [['first', first], ['last', last ?? 1]] as const) {
      if (!Number.isInteger(n) || n < 1 || n > MAX_CHANGES) {
        throw new DomainError('BAD_USER_INPUT', `${name} must be between 1 and ${MAX_CHANGES}`, { messageZh: `${name} 须在 1–${MAX_CHANGES} 之间`, problems: [{ path: `/${name}`, message: `1–${MAX_CHANGES}`, messageEn: `1–${MAX_CHANGES}` }] });
      }
    }
    const loaders = registerLoaders(ctx);
    const rows = await loaders.changes(first, Math.max(0, afterSeq), last).load(e.id);
    const versions = new Map((await loaders.version.loadMany([...new Set(rows.map((r) => r.versionId))])).flatMap((v) => (v && !(v instanceof Error) ? [[v.id, v] as const] : [])));
    return rows.map((r) => RegisterChangeType.from(r, versions.get(r.versionId)?.kindByKey.get(r.kind)));
  }

  @FieldResolver(() => [ChecklistStatusType], { description: 'The register’s checklist of a complete household file, each item done or missing.' })
  async checklist(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<ChecklistStatusType[]> {
    return (await checklistLoader(ctx).load(e.entity)).map((s) => Object.assign(new ChecklistStatusType(), {
      key: s.item.key, title: s.item.title, titleEn: s.item.titleEn ?? null, programme: s.item.programme, done: s.done, applicationReference: s.applicationReference,
    }));
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may change this entry (an editing role of the current version covers it).' })
  async canEdit(@Root() e: RegisterEntryType, @Ctx() ctx: Context): Promise<boolean> {
    const register = (await registerLoaders(ctx).register.load(e.entity.registerId))!;
    const current = currentRegisterVersion(register);
    return register.status === 'active' && canEditEntry(requireActor(ctx), e.entity, current ? loadedOf(current) : undefined);
  }
}

@Resolver(() => RegisterPersonType)
export class RegisterPersonResolver {
  @FieldResolver(() => RegisterEntryType)
  async entry(@Root() p: RegisterPersonType, @Ctx() ctx: Context): Promise<RegisterEntryType> {
    const entry = await registerLoaders(ctx).entry.load(p.entryId);
    if (!entry) throw entryNotFound(p.entryId);
    return RegisterEntryType.from(entry);
  }
}
