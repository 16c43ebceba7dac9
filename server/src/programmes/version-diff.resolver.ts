import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput } from '../core/errors.js';
import { getProgramme } from './programme.service.js';
import { diffVersions } from './version-diff.js';

@ObjectType('DefinitionChange', { description: 'One added, removed or changed field, state or transition between two versions.' })
export class DefinitionChangeType {
  @Field(() => String, { description: 'added | removed | changed' }) change!: string;
  @Field(() => String, { nullable: true, description: 'Fields: the data pointer (`*` for array elements).' }) pointer?: string | null;
  @Field(() => String, { nullable: true, description: 'States and transitions: the state.' }) state?: string | null;
  @Field(() => String, { nullable: true, description: 'Transitions: the event, or `after:<delay>` for a timer.' }) event?: string | null;
  @Field(() => [String], { description: 'What differs, for `changed`: fields title/type/required/enum; states title/kind/roles/editable/outcome/due/review/effects/objectionEvent; transitions target/guard/roles/title/requiresComment.' }) aspects!: string[];
  @Field(() => GraphQLJSON, { nullable: true }) before?: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after?: unknown;
}

@ObjectType('ProgrammeVersionDiff')
export class ProgrammeVersionDiffType {
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
  @Field(() => [DefinitionChangeType]) fields!: DefinitionChangeType[];
  @Field(() => [DefinitionChangeType]) states!: DefinitionChangeType[];
  @Field(() => [DefinitionChangeType]) transitions!: DefinitionChangeType[];
}

@Resolver()
export class VersionDiffResolver {
  @Query(() => ProgrammeVersionDiffType, { description: 'What changed from one version of a programme to another (any two, the draft included). Definitions are not personal data: everyone signed in.' })
  async programmeVersionDiff(
    @Ctx() ctx: Context,
    @Arg('programme', () => String) key: string,
    @Arg('from', () => Int) from: number,
    @Arg('to', () => Int) to: number,
  ): Promise<ProgrammeVersionDiffType> {
    requireActor(ctx);
    const programme = await getProgramme(ctx.em, key);
    const find = (n: number, path: string) => {
      const v = programme.versions.getItems().find((x) => x.number === n);
      if (!v) throw badInput({ en: `Programme "${key}" has no version ${n}`, zh: `项目 ${key} 没有第 ${n} 版` }, [{ path, message: '没有该版本', messageEn: 'no such version' }]);
      return v;
    };
    const d = diffVersions(find(from, '/from'), find(to, '/to'));
    const row = (c: object) => Object.assign(new DefinitionChangeType(), { pointer: null, state: null, event: null, ...c });
    return Object.assign(new ProgrammeVersionDiffType(), { from, to, fields: d.fields.map(row), states: d.states.map(row), transitions: d.transitions.map(row) });
  }
}
