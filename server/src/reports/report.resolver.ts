import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { ReportDefinitionType, ReportResultType, SaveReportInput } from './report.type.js';
import { deleteReport, getReport, listReports, runReport, saveReport } from './report.service.js';

@Resolver()
export class ReportResolver {
  @Query(() => [ReportDefinitionType], { description: 'Saved reports visible to you (of your regions, above and below them), by name; at most 200.' })
  async reports(@Ctx() ctx: Context): Promise<ReportDefinitionType[]> {
    return (await listReports(ctx)).map(ReportDefinitionType.from);
  }

  @Query(() => ReportDefinitionType)
  async report(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ReportDefinitionType> {
    return ReportDefinitionType.from(await getReport(ctx, id));
  }

  @Query(() => ReportResultType, { description: 'Runs a saved report (id) or a definition, within your regions; regionCode narrows it to a subtree (drill down).' })
  async runReport(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('definition', () => GraphQLJSON, { nullable: true }) definition?: unknown,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string,
  ): Promise<ReportResultType> {
    return ReportResultType.from(await runReport(ctx, { id, definition, regionCode }));
  }

  @Mutation(() => ReportDefinitionType, { description: 'Saves a report definition (county administrators, designers and the county office of the region); checked first, every problem with its JSON pointer.' })
  async saveReport(@Ctx() ctx: Context, @Arg('input', () => SaveReportInput) input: SaveReportInput): Promise<ReportDefinitionType> {
    return ReportDefinitionType.from(await saveReport(ctx, input));
  }

  @Mutation(() => Boolean)
  async deleteReport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return deleteReport(ctx, id);
  }
}
