import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { bulkTransition, type BulkOutcome } from './bulk.js';

@InputType('BulkTransitionInput')
export class BulkTransitionInput {
  @Field(() => [ID], { description: 'At most 200 applications.' }) ids!: string[];
  @Field(() => String) event!: string;
  @Field(() => String, { nullable: true, description: 'One comment for every case.' }) comment?: string | null;
  @Field(() => [Int], { nullable: true, description: 'The versions you saw, in the order of ids (each case is refused with VERSION_CONFLICT if it changed since).' })
  expectedVersions?: number[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Write nothing unless every case succeeds.' })
  allOrNothing?: boolean | null;
}

@ObjectType('BulkOutcome', { description: 'What happened to one case of a bulk action.' })
export class BulkOutcomeType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Null for a case you may not read.' }) reference?: string | null;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String, { nullable: true, description: 'The refusal: FORBIDDEN, NOT_FOUND, VERSION_CONFLICT, TRANSITION_NOT_ALLOWED, GUARD_FAILED, BAD_USER_INPUT, ROLLED_BACK (all or nothing), …' })
  code?: string | null;
  @Field(() => String, { nullable: true }) message?: string | null;
  @Field(() => String, { nullable: true }) messageZh?: string | null;
  @Field(() => Int, { nullable: true, description: 'The new version of a changed case.' }) version?: number | null;

  static from(o: BulkOutcome): BulkOutcomeType {
    return Object.assign(new BulkOutcomeType(), o);
  }
}

@Resolver()
export class BulkResolver {
  @Mutation(() => [BulkOutcomeType], { description: 'Sends one event to many cases, each checked like transitionApplication; one outcome per id, in order.' })
  async bulkTransition(@Ctx() ctx: Context, @Arg('input', () => BulkTransitionInput) input: BulkTransitionInput): Promise<BulkOutcomeType[]> {
    return (await bulkTransition(ctx, input)).map(BulkOutcomeType.from);
  }
}
