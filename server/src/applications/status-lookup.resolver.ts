import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { publicStatus, type PublicStatus } from './status-lookup.js';

@ObjectType('PublicStatus', { description: 'What an applicant may see of their case without signing in: the current step and its dates, nothing else.' })
export class PublicStatusType {
  @Field(() => String) reference!: string;
  @Field(() => String) programmeName!: string;
  @Field(() => String, { description: 'The current step, e.g. 乡镇审核.' }) stepTitle!: string;
  @Field(() => String) stepTitleEn!: string;
  @Field(() => String, { description: 'IN_REVIEW | UNDER_NOTICE | APPROVED | REJECTED | WITHDRAWN' }) status!: string;
  @Field(() => GraphQLDateTime, { nullable: true }) submittedAt?: Date | null;
  @Field(() => GraphQLDateTime, { description: 'When the case reached the current step.' }) stepSince!: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'The end of the public notice, while under notice.' }) noticeEndsAt?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the current step is due, if the workflow sets a time limit.' }) dueAt?: Date | null;

  static from(s: PublicStatus): PublicStatusType {
    return Object.assign(new PublicStatusType(), { ...s, stepTitle: s.stepTitle.zh, stepTitleEn: s.stepTitle.en });
  }
}

@Resolver()
export class StatusLookupResolver {
  @Query(() => PublicStatusType, {
    description: 'Public (no login): an applicant\'s progress by reference number and the last four characters of an ID number in the application. Only the right pair answers; failed look-ups are rate limited per client and per reference (RATE_LIMITED).',
  })
  async publicStatus(
    @Ctx() ctx: Context,
    @Arg('reference', () => String) reference: string,
    @Arg('idLastFour', () => String) idLastFour: string,
  ): Promise<PublicStatusType> {
    return PublicStatusType.from(await publicStatus(ctx, reference, idLastFour));
  }
}
