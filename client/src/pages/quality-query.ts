/** Operations of the 疑点数据 worklist (/quality) and the rules page (/quality/rules). */
import { graphql } from '../graphql';
import type { QualityFindingsQuery, QualityRulesQuery } from '../graphql/graphql';

export const QualityFindingsDocument = graphql(`
  query QualityFindings($filter: QualityFindingFilter, $first: Int!, $after: String) {
    qualityFindings(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node {
        id checkKey ruleKey recordKind recordKey recordLabel sourceKey regionCode severity messageZh messageEn fields detail
        status comment dismissedAt firstSeenAt lastSeenAt fixedAt
      } }
    }
  }
`);

export type FindingRow = QualityFindingsQuery['qualityFindings']['edges'][number]['node'];

export const QualitySummaryDocument = graphql(`
  query QualitySummary($regionCode: String) {
    qualitySummary(regionCode: $regionCode) { regionCode checkKey ruleKey severity messageZh messageEn open dismissed }
  }
`);

export const DismissFindingDocument = graphql(`
  mutation DismissQualityFinding($id: ID!, $comment: String!) {
    dismissQualityFinding(id: $id, comment: $comment) { id status comment }
  }
`);

export const RunQualityDocument = graphql(`
  mutation RunQualityRules($regionCode: String!) {
    runQualityRules(regionCode: $regionCode) { id recordsChecked findingsOpened findingsClosed truncated }
  }
`);

export const QualityRulesDocument = graphql(`
  query QualityRules {
    qualityRules { id key kind target sourceKey regionCode logic aggregate severity messageZh messageEn fields updatedAt }
    qualitySchedules { regionCode cron enabled nextRunAt }
    programmes { key name nameEn currentVersion { number } }
    registers { key name nameEn currentVersion { number } }
  }
`);

export type RuleRow = QualityRulesQuery['qualityRules'][number];

export const DefineQualityRuleDocument = graphql(`
  mutation DefineQualityRule($input: QualityRuleInput!) {
    defineQualityRule(input: $input) { id key }
  }
`);

export const UpdateQualityRuleDocument = graphql(`
  mutation UpdateQualityRule($id: ID!, $input: QualityRuleInput!) {
    updateQualityRule(id: $id, input: $input) { id key }
  }
`);

export const RetireQualityRuleDocument = graphql(`
  mutation RetireQualityRule($id: ID!) {
    retireQualityRule(id: $id) { id retiredAt }
  }
`);

export const PreviewQualityRuleDocument = graphql(`
  query PreviewQualityRule($regionCode: String!, $input: QualityRuleInput!) {
    previewQualityRule(regionCode: $regionCode, input: $input) { checked failing errors hits { recordKey label regionCode detail } }
  }
`);

export const SetQualityScheduleDocument = graphql(`
  mutation SetQualitySchedule($regionCode: String!, $cron: String!, $enabled: Boolean!) {
    setQualitySchedule(regionCode: $regionCode, cron: $cron, enabled: $enabled) { regionCode cron enabled nextRunAt }
  }
`);

/** Where a finding's record is fixed: the case, the household file, or the village's households. */
export function recordLink(f: Pick<FindingRow, 'recordKind' | 'recordKey' | 'sourceKey'>): string {
  if (f.recordKind === 'application') return `/applications/${f.recordKey}`;
  if (f.recordKind === 'entry') return `/registers/entries/${f.recordKey}`;
  return `/registers?${new URLSearchParams({ ...(f.sourceKey ? { register: f.sourceKey } : {}), region: f.recordKey })}`;
}

export const SEVERITY_COLOR: Record<string, string> = { error: 'red', warning: 'orange', info: 'blue' };
export const STATUS_COLOR: Record<string, string> = { open: 'red', dismissed: 'default', fixed: 'green' };
