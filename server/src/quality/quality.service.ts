/**
 * Running the rules from a request: `runQualityRules` over a region the actor's grants cover,
 * within MANUAL_ROW_BUDGET records (a larger region is the schedule's work), and the preview of a
 * rule being written, evaluated on the first PREVIEW_RECORDS records of a region without saving.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, notFound } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { canReadPath } from '../registers/register.policy.js';
import { execOf } from '../registers/sql.js';
import { evaluateLogic, LogicBudgetError, LogicError, truthy } from '../workflow/logic.js';
import { compare, measureByRegion } from './measures.js';
import { overlap, recordPage } from './record-source.js';
import { checkRuleForPreview } from './rule.service.js';
import type { RuleDefinition } from './rule-definition.js';
import { MANUAL_ROW_BUDGET, runQuality, type QualityRun } from './run.js';

export const PREVIEW_RECORDS = 200;

async function regionReadable(ctx: Context, regionCode: string) {
  const actor = requireActor(ctx);
  const region = await getRegion(ctx.em, regionCode);
  if (!canReadPath(actor, region.path)) throw notFound({ en: 'Region', zh: '地区' }, String(regionCode).slice(0, 20));
  return { actor, region };
}

export async function runQualityRules(ctx: Context, regionCode: string): Promise<QualityRun> {
  const { actor, region } = await regionReadable(ctx, regionCode);
  return runQuality(execOf(ctx.em), { regionCode: region.code, regionPath: region.path, trigger: 'manual', startedBy: actor.id, rowBudget: MANUAL_ROW_BUDGET, now: ctx.services.clock() });
}

export interface PreviewHit {
  recordKey: string;
  label: string;
  regionCode: string;
  detail: Record<string, unknown> | null;
}

export interface RulePreview {
  checked: number;
  failing: number;
  errors: number;
  hits: PreviewHit[];
}

/** What a rule would find in the region (its first PREVIEW_RECORDS records), saving nothing. */
export async function previewQualityRule(ctx: Context, regionCode: string, input: RuleDefinition): Promise<RulePreview> {
  const { region } = await regionReadable(ctx, regionCode);
  const where = await checkRuleForPreview(ctx, input);
  const path = overlap(where.regionPath, region.path);
  if (!path) throw badInput({ en: "The region is outside the target's county", zh: '该地区不在检查对象所属县内' }, [{ path: '/regionCode', message: '须在检查对象所属县内', messageEn: "must lie within the target's county" }]);
  const exec = execOf(ctx.em);
  if (input.aggregate) {
    const rows = await measureByRegion(exec, input.target, input.sourceKey, path, input.aggregate);
    const failing = rows.filter((r) => !compare(input.aggregate!.op, r.left, r.right));
    return {
      checked: rows.reduce((n, r) => n + r.records, 0), failing: failing.length, errors: 0,
      hits: failing.slice(0, 50).map((r) => ({ recordKey: r.regionCode, label: r.regionCode, regionCode: r.regionCode, detail: { left: r.left, op: input.aggregate!.op, right: r.right } })),
    };
  }
  const page = await recordPage(exec, input.target, input.sourceKey, path, null, PREVIEW_RECORDS);
  const hits: PreviewHit[] = [];
  let failing = 0;
  let errors = 0;
  for (const record of page) {
    try {
      if (truthy(evaluateLogic(input.logic, record.data))) continue;
    } catch (err) {
      if (!(err instanceof LogicBudgetError || err instanceof LogicError)) throw err;
      errors++;
      continue;
    }
    failing++;
    if (hits.length < 50) hits.push({ recordKey: record.id, label: record.label, regionCode: record.regionCode, detail: null });
  }
  return { checked: page.length, failing, errors, hits };
}
