import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { applicationStats } from './stats.service.js';

@ObjectType('StatRow', { description: 'One group: its keys (codes/values), readable labels, count and sums of numeric fields.' })
export class StatRowType {
  @Field(() => [String]) keys!: string[];
  @Field(() => [String]) labels!: string[];
  @Field(() => Int) count!: number;
  @Field(() => GraphQLJSON, { description: 'Sum of each numeric form field, by JSON pointer.' }) sums!: Record<string, number>;
}

@Resolver()
export class StatsResolver {
  @Query(() => [StatRowType], { description: 'Counts grouped by state, status, county, township, village or a form field pointer (e.g. "/warningLevel"), within your regions.' })
  async applicationStats(
    @Ctx() ctx: Context,
    @Arg('programmeKey', () => String) programmeKey: string,
    @Arg('groupBy', () => [String]) groupBy: string[],
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string,
  ): Promise<StatRowType[]> {
    return (await applicationStats(ctx, programmeKey, regionCode, groupBy)).map((r) => Object.assign(new StatRowType(), r));
  }
}
