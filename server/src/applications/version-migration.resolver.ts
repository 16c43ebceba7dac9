import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { migrateCases, previewCaseMigration, type CaseCheck, type MigrationInput } from './version-migration.js';

@InputType('StateMappingInput', { description: 'A state of the old version and the state of the new version its cases move to.' })
export class StateMappingInput {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
}

@InputType('CaseMigrationInput')
export class CaseMigrationInput implements MigrationInput {
  @Field(() => String, { description: 'The programme key.' }) programme!: string;
  @Field(() => Int, { description: 'The version number the cases are on.' }) fromVersion!: number;
  @Field(() => Int, { description: 'The newer, current published version number.' }) toVersion!: number;
  @Field(() => [StateMappingInput], { nullable: true, description: 'Old state → new state; a state not listed keeps its name.' }) mapping?: StateMappingInput[] | null;
}

@ObjectType('CaseMoveReason', { description: 'Why a case cannot move: STATE_MISSING, TARGET_FINAL, DATA_INVALID, OBJECTION_OPEN, DUPLICATE, VERSION_CONFLICT, NOT_RUNNING.' })
export class CaseMoveReasonType {
  @Field(() => String) code!: string;
  @Field(() => String) message!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String, { nullable: true, description: 'The field, a JSON pointer into the case data.' }) path?: string | null;
}

@ObjectType('CaseMigrationCheck', { description: 'One running case: where it would move and whether it can.' })
export class CaseMigrationCheckType {
  @Field(() => ID) applicationId!: string;
  @Field(() => String) reference!: string;
  @Field(() => String) state!: string;
  @Field(() => String) targetState!: string;
  @Field(() => String) status!: string;
  @Field(() => Boolean) canMove!: boolean;
  @Field(() => [CaseMoveReasonType]) reasons!: CaseMoveReasonType[];

  static from(c: CaseCheck): CaseMigrationCheckType {
    return Object.assign(new CaseMigrationCheckType(), { ...c, reasons: c.reasons.map((r) => ({ ...r, path: r.path ?? null })) });
  }
}

@ObjectType('CaseMigrationPreview')
export class CaseMigrationPreviewType {
  @Field(() => Int, { description: 'Running cases on the old version in all.' }) total!: number;
  @Field(() => [CaseMigrationCheckType]) items!: CaseMigrationCheckType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last.' }) endCursor?: string | null;
}

@ObjectType('CaseMigrationResult')
export class CaseMigrationResultType {
  @Field(() => [CaseMigrationCheckType]) moved!: CaseMigrationCheckType[];
  @Field(() => [CaseMigrationCheckType], { description: 'Cases that stayed on the old version, with the reasons.' }) stayed!: CaseMigrationCheckType[];
}

@Resolver()
export class VersionMigrationResolver {
  @Query(() => CaseMigrationPreviewType, { description: 'Dry run of moving running cases to a newer version: per case whether it can move and why not. Writes nothing. County admins and designers of the programme\'s county.' })
  async caseMigrationPreview(
    @Ctx() ctx: Context,
    @Arg('input', () => CaseMigrationInput) input: CaseMigrationInput,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 200.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CaseMigrationPreviewType> {
    const r = await previewCaseMigration(ctx, input, first, after);
    return Object.assign(new CaseMigrationPreviewType(), { total: r.total, endCursor: r.endCursor, items: r.items.map(CaseMigrationCheckType.from) });
  }

  @Mutation(() => CaseMigrationResultType, { description: 'Moves the chosen running cases (at most 100) to the newer version, each in its own transaction with a VERSION_MIGRATED history row; cases that cannot move stay.' })
  async migrateCases(
    @Ctx() ctx: Context,
    @Arg('input', () => CaseMigrationInput) input: CaseMigrationInput,
    @Arg('applicationIds', () => [ID]) applicationIds: string[],
  ): Promise<CaseMigrationResultType> {
    const r = await migrateCases(ctx, input, applicationIds);
    return Object.assign(new CaseMigrationResultType(), { moved: r.moved.map(CaseMigrationCheckType.from), stayed: r.stayed.map(CaseMigrationCheckType.from) });
  }
}
