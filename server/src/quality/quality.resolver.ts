import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { defineQualityRule, listQualityRules, retireQualityRule, updateQualityRule } from './rule.service.js';
import { dismissFinding, encodeFindingCursor, findingSummary, listFindings, loadFinding } from './finding.service.js';
import { previewQualityRule, runQualityRules } from './quality.service.js';
import { listQualitySchedules, setQualitySchedule } from './schedule.js';
import type { RuleDefinition } from './rule-definition.js';
import {
  QualityFindingConnection, QualityFindingFilter, QualityFindingType, QualityRuleInput, QualityRulePreviewType, QualityRuleType,
  QualityRunType, QualityScheduleType, QualitySummaryRowType,
} from './quality.type.js';

const definition = (input: QualityRuleInput): RuleDefinition => ({
  key: input.key, target: input.target, sourceKey: input.sourceKey, logic: input.logic ?? null, aggregate: (input.aggregate ?? null) as RuleDefinition['aggregate'],
  severity: input.severity, messageZh: input.messageZh, messageEn: input.messageEn, fields: input.fields ?? [],
});

@Resolver()
export class QualityResolver {
  @Query(() => [QualityRuleType], { description: 'Quality rules of the counties your grants reach.' })
  async qualityRules(@Ctx() ctx: Context, @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean): Promise<QualityRuleType[]> {
    return (await listQualityRules(ctx, { includeRetired })).map(QualityRuleType.from);
  }

  @Mutation(() => QualityRuleType, { description: "Defines a rule (designers and county administrators of the target's county); checked against the target's current form." })
  async defineQualityRule(@Ctx() ctx: Context, @Arg('input', () => QualityRuleInput) input: QualityRuleInput): Promise<QualityRuleType> {
    return QualityRuleType.from(await defineQualityRule(ctx, definition(input)));
  }

  @Mutation(() => QualityRuleType)
  async updateQualityRule(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => QualityRuleInput) input: QualityRuleInput): Promise<QualityRuleType> {
    return QualityRuleType.from(await updateQualityRule(ctx, id, definition(input)));
  }

  @Mutation(() => QualityRuleType, { description: 'Retires a rule; its open findings close.' })
  async retireQualityRule(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<QualityRuleType> {
    return QualityRuleType.from(await retireQualityRule(ctx, id));
  }

  @Query(() => QualityRulePreviewType, { description: 'What a rule would find among the first 200 records of a region, without saving it.' })
  async previewQualityRule(@Ctx() ctx: Context, @Arg('regionCode', () => String) regionCode: string, @Arg('input', () => QualityRuleInput) input: QualityRuleInput): Promise<QualityRulePreviewType> {
    return QualityRulePreviewType.from(await previewQualityRule(ctx, regionCode, definition(input)));
  }

  @Mutation(() => QualityRunType, { description: 'Runs every live rule and built-in check over a region you cover, reading at most 20,000 records.' })
  async runQualityRules(@Ctx() ctx: Context, @Arg('regionCode', () => String) regionCode: string): Promise<QualityRunType> {
    return QualityRunType.from(await runQualityRules(ctx, regionCode));
  }

  @Query(() => QualityFindingConnection, { description: 'The findings worklist (疑点数据) within your regions, newest first.' })
  async qualityFindings(
    @Ctx() ctx: Context,
    @Arg('filter', () => QualityFindingFilter, { nullable: true }) filter: QualityFindingFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<QualityFindingConnection> {
    const page = await listFindings(ctx, filter ?? {}, first, after);
    return Object.assign(new QualityFindingConnection(), {
      edges: page.items.map((f) => ({ cursor: encodeFindingCursor(f), node: QualityFindingType.from(f) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      count: page.count,
    });
  }

  @Query(() => QualityFindingType, { description: 'One finding; NOT_FOUND outside your regions.' })
  async qualityFinding(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<QualityFindingType> {
    return QualityFindingType.from(await loadFinding(ctx, id));
  }

  @Mutation(() => QualityFindingType, { description: 'Dismisses an open finding with a comment (staff of its region).' })
  async dismissQualityFinding(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('comment', () => String) comment: string): Promise<QualityFindingType> {
    return QualityFindingType.from(await dismissFinding(ctx, id, comment));
  }

  @Query(() => [QualitySummaryRowType], { description: 'Open and dismissed findings by region of record and check (at most 1,000 rows).' })
  async qualitySummary(@Ctx() ctx: Context, @Arg('regionCode', () => String, { nullable: true }) regionCode?: string): Promise<QualitySummaryRowType[]> {
    return (await findingSummary(ctx, regionCode)).map(QualitySummaryRowType.from);
  }

  @Query(() => [QualityScheduleType])
  async qualitySchedules(@Ctx() ctx: Context): Promise<QualityScheduleType[]> {
    return (await listQualitySchedules(ctx)).map(QualityScheduleType.from);
  }

  @Mutation(() => QualityScheduleType, { description: 'Sets a region\'s scheduled run: a 5-field cron in China Standard Time, at most hourly.' })
  async setQualitySchedule(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('cron', () => String) cron: string,
    @Arg('enabled', () => Boolean, { defaultValue: true }) enabled: boolean,
  ): Promise<QualityScheduleType> {
    return QualityScheduleType.from(await setQualitySchedule(ctx, regionCode, cron, enabled));
  }
}
