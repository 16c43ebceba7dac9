import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { ReportColumn, ReportResult, SavedReport } from './report.service.js';

@ObjectType('ReportDefinition', { description: 'A saved report: measures, dimensions, filters and a period over one source (docs/reports.md).' })
export class ReportDefinitionType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { description: 'The region that owns the report: visible to its subtree and to the regions above.' }) regionCode!: string;
  @Field(() => GraphQLJSON, { description: '{ source, programmes | register, measures, dimensions, filters, period, chart }' }) definition!: unknown;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) updatedAt!: Date;

  static from(r: SavedReport): ReportDefinitionType {
    return Object.assign(new ReportDefinitionType(), r);
  }
}

@ObjectType('ReportColumn')
export class ReportColumnType {
  @Field(() => String, { description: 'd0, d1… for dimensions; the measure key for measures.' }) key!: string;
  @Field(() => String) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String, { description: 'dimension or measure' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'Dimensions: region, programme, state, status, field, registerStatus, changeKind or period.' }) dimension?: string | null;
  @Field(() => String, { nullable: true, description: 'Region dimensions: county, township or village.' }) level?: string | null;

  static from(c: ReportColumn): ReportColumnType {
    return Object.assign(new ReportColumnType(), { key: c.key, title: c.title.zh, titleEn: c.title.en, kind: c.kind, dimension: c.dimension ?? null, level: c.level ?? null });
  }
}

@ObjectType('ReportRow')
export class ReportRowType {
  @Field(() => [String], { description: 'Dimension keys (region codes, state keys, YYYY-MM …); "" when the row has none.' }) keys!: string[];
  @Field(() => [String]) labels!: string[];
  @Field(() => [Float], { nullable: 'items', description: 'One per measure, in order; null for an average of nothing or a ratio over zero.' }) values!: Array<number | null>;
}

@ObjectType('ReportScopeRegion')
export class ReportScopeRegionType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) level!: string;
}

@ObjectType('ReportResult')
export class ReportResultType {
  @Field(() => [ReportColumnType]) columns!: ReportColumnType[];
  @Field(() => [ReportRowType]) rows!: ReportRowType[];
  @Field(() => [Float], { nullable: 'items', description: 'The measures over every row (a total of distinct households is not the sum of the rows).' }) total!: Array<number | null>;
  @Field(() => String, { nullable: true, description: 'The region the figures cover, when it is one region.' }) regionCode?: string | null;
  @Field(() => [ReportScopeRegionType]) scopeRegions!: ReportScopeRegionType[];
  @Field(() => String, { description: 'Which regions the figures cover, e.g. 统计范围：东街村（您有权查看的地区）.' }) scopeLabel!: string;
  @Field(() => String) scopeLabelEn!: string;
  @Field(() => String, { nullable: true }) periodLabel?: string | null;
  @Field(() => String, { nullable: true }) periodLabelEn?: string | null;
  @Field(() => Boolean, { description: 'Whether the counts came from the roll-up (migration 017).' }) usedRollup!: boolean;

  static from(r: ReportResult): ReportResultType {
    return Object.assign(new ReportResultType(), {
      columns: r.columns.map(ReportColumnType.from),
      rows: r.rows.map((row) => Object.assign(new ReportRowType(), row)),
      total: r.total,
      regionCode: r.regionCode,
      scopeRegions: r.scopeRegions.map((s) => Object.assign(new ReportScopeRegionType(), s)),
      scopeLabel: r.scopeLabel.zh,
      scopeLabelEn: r.scopeLabel.en,
      periodLabel: r.periodLabel?.zh ?? null,
      periodLabelEn: r.periodLabel?.en ?? null,
      usedRollup: r.usedRollup,
    });
  }
}

@InputType('SaveReportInput')
export class SaveReportInput {
  @Field(() => ID, { nullable: true, description: 'Omit to create a report; give it to replace one.' }) id?: string | null;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String) regionCode!: string;
  @Field(() => GraphQLJSON) definition!: unknown;
}
