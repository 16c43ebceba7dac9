import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { QualityRule } from './rule.service.js';
import type { Finding } from './finding.service.js';
import type { QualityRun } from './run.js';
import type { QualitySchedule } from './schedule.js';
import type { RulePreview } from './quality.service.js';
import type { SummaryRow } from './finding.service.js';

@ObjectType('QualityRule', { description: 'A data-quality rule (docs/data-quality.md): a JSON Logic assertion over each record, or an aggregate comparison per village.' })
export class QualityRuleType {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String, { description: 'record or aggregate' }) kind!: string;
  @Field(() => String, { description: 'application (of a programme) or entry (of a register)' }) target!: string;
  @Field(() => String, { description: 'The programme key or register key.' }) sourceKey!: string;
  @Field(() => String, { description: "The target's county." }) regionCode!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Record rules: truthy means the record is consistent.' }) logic?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: '{ left: Measure, op, right: Measure }' }) aggregate?: unknown;
  @Field(() => String) severity!: string;
  @Field(() => String) messageZh!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => [String], { description: 'JSON pointers of the fields to blame.' }) fields!: string[];
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) updatedAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) retiredAt?: Date | null;

  static from(r: QualityRule): QualityRuleType {
    return Object.assign(new QualityRuleType(), r);
  }
}

@InputType('QualityRuleInput')
export class QualityRuleInput {
  @Field(() => String, { description: '3–40 characters: lower-case letters, digits, _ and -; unique among the live rules of the county.' }) key!: string;
  @Field(() => String, { description: 'application or entry' }) target!: 'application' | 'entry';
  @Field(() => String, { description: 'The programme key (application) or register key (entry).' }) sourceKey!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'A JSON Logic assertion over one record; give this or aggregate.' }) logic?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: '{ "left": Measure, "op": "==", "right": Measure }; Measure = { kind: count|sum|items, field?, where? }.' }) aggregate?: unknown;
  @Field(() => String, { description: 'error, warning or info' }) severity!: 'error' | 'warning' | 'info';
  @Field(() => String) messageZh!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => [String], { nullable: true, description: 'JSON pointers of the fields to blame.' }) fields?: string[] | null;
}

@ObjectType('QualityFinding', { description: 'A finding (疑点): one record failing one check, in the region where the record lives.' })
export class QualityFindingType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The rule id, or builtin:<name> for a built-in cross-record check.' }) checkKey!: string;
  @Field(() => String, { nullable: true }) ruleKey?: string | null;
  @Field(() => String, { description: 'application, entry or region (an aggregate rule blames a village).' }) recordKind!: string;
  @Field(() => String, { description: 'The application or entry id, or the region code.' }) recordKey!: string;
  @Field(() => String, { nullable: true }) recordLabel?: string | null;
  @Field(() => String, { nullable: true }) sourceKey?: string | null;
  @Field(() => String) regionCode!: string;
  @Field(() => String) severity!: string;
  @Field(() => String) messageZh!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => [String]) fields!: string[];
  @Field(() => GraphQLJSON, { nullable: true, description: 'Aggregate rules: { left, op, right, records }; built-in checks: what they matched (ID numbers masked).' }) detail?: unknown;
  @Field(() => String, { description: 'open, dismissed or fixed' }) status!: string;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) dismissedAt?: Date | null;
  @Field(() => GraphQLDateTime) firstSeenAt!: Date;
  @Field(() => GraphQLDateTime) lastSeenAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) fixedAt?: Date | null;

  static from(f: Finding): QualityFindingType {
    return Object.assign(new QualityFindingType(), f);
  }
}

@ObjectType('QualityFindingEdge')
export class QualityFindingEdge {
  @Field(() => String) cursor!: string;
  @Field(() => QualityFindingType) node!: QualityFindingType;
}

@ObjectType('QualityFindingPageInfo')
export class QualityFindingPageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType('QualityFindingConnection')
export class QualityFindingConnection {
  @Field(() => [QualityFindingEdge]) edges!: QualityFindingEdge[];
  @Field(() => QualityFindingPageInfo) pageInfo!: QualityFindingPageInfo;
  count!: () => Promise<number>;
  @Field(() => Int, { description: 'Counts the whole filtered set (only when asked).' })
  async totalCount(): Promise<number> {
    return this.count();
  }
}

@InputType('QualityFindingFilter')
export class QualityFindingFilter {
  @Field(() => String, { nullable: true, description: 'Region code: its whole subtree.' }) regionCode?: string | null;
  @Field(() => String, { nullable: true, description: 'open, dismissed or fixed' }) status?: string | null;
  @Field(() => String, { nullable: true }) severity?: string | null;
  @Field(() => String, { nullable: true, description: 'A rule id or builtin:<name>.' }) checkKey?: string | null;
}

@ObjectType('QualityRun')
export class QualityRunType {
  @Field(() => ID) id!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => String) trigger!: string;
  @Field(() => GraphQLDateTime) startedAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) finishedAt?: Date | null;
  @Field(() => Int) recordsChecked!: number;
  @Field(() => Int) findingsOpened!: number;
  @Field(() => Int) findingsClosed!: number;
  @Field(() => Boolean, { description: 'The row budget ran out before every record was read.' }) truncated!: boolean;
  @Field(() => GraphQLJSON, { description: '[{ rule, records }]: records a rule could not evaluate (over budget).' }) skipped!: unknown;

  static from(r: QualityRun): QualityRunType {
    return Object.assign(new QualityRunType(), r);
  }
}

@ObjectType('QualitySummaryRow', { description: 'Open and dismissed findings of one check in one region of record.' })
export class QualitySummaryRowType {
  @Field(() => String) regionCode!: string;
  @Field(() => String) checkKey!: string;
  @Field(() => String, { nullable: true }) ruleKey?: string | null;
  @Field(() => String) severity!: string;
  @Field(() => String) messageZh!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => Int) open!: number;
  @Field(() => Int) dismissed!: number;

  static from(r: SummaryRow): QualitySummaryRowType {
    return Object.assign(new QualitySummaryRowType(), r);
  }
}

@ObjectType('QualitySchedule')
export class QualityScheduleType {
  @Field(() => String) regionCode!: string;
  @Field(() => String, { description: 'Five-field cron in China Standard Time, at most hourly.' }) cron!: string;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => GraphQLDateTime, { nullable: true }) nextRunAt?: Date | null;
  @Field(() => GraphQLDateTime) updatedAt!: Date;

  static from(s: QualitySchedule): QualityScheduleType {
    return Object.assign(new QualityScheduleType(), s);
  }
}

@ObjectType('QualityPreviewHit')
export class QualityPreviewHitType {
  @Field(() => String) recordKey!: string;
  @Field(() => String) label!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => GraphQLJSON, { nullable: true }) detail?: unknown;
}

@ObjectType('QualityRulePreview')
export class QualityRulePreviewType {
  @Field(() => Int) checked!: number;
  @Field(() => Int) failing!: number;
  @Field(() => Int, { description: 'Records the rule could not evaluate.' }) errors!: number;
  @Field(() => [QualityPreviewHitType], { description: 'The first 50 failing records.' }) hits!: QualityPreviewHitType[];

  static from(p: RulePreview): QualityRulePreviewType {
    return Object.assign(new QualityRulePreviewType(), p);
  }
}
