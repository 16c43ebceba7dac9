/**
 * Data-quality rules as rows (table quality_rule): defined, updated and retired by the designers
 * and county administrators of the target's county, read by anyone signed in whose grants reach
 * that county. A rule belongs to its target's county and checks the records in that county.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, forbidden, notFound, type FieldProblem } from '../core/errors.js';
import { isAdmin } from '../core/actor.js';
import { canDesign } from '../programmes/programme.policy.js';
import { currentVersion, getProgramme } from '../programmes/programme.service.js';
import { currentRegisterVersion, getRegister } from '../registers/register.service.js';
import { execOf, toDate, UUID, type SqlExec } from '../registers/sql.js';
import { checkRuleDefinition, type AggregateRule, type RuleDefinition, type RuleTarget, type Severity } from './rule-definition.js';

export interface QualityRule extends RuleDefinition {
  id: string;
  kind: 'record' | 'aggregate';
  regionCode: string;
  regionPath: string;
  createdAt: Date;
  updatedAt: Date;
  retiredAt: Date | null;
}

export const RULE_COLUMNS = 'id, key, region_code, region_path, kind, target, source_key, logic, aggregate, severity, message_zh, message_en, fields, created_at, updated_at, retired_at';

export function ruleFromRow(r: Record<string, any>): QualityRule {
  return {
    id: r.id, key: r.key, regionCode: r.region_code, regionPath: r.region_path, kind: r.kind, target: r.target as RuleTarget,
    sourceKey: r.source_key, logic: r.logic ?? null, aggregate: (r.aggregate ?? null) as AggregateRule | null, severity: r.severity as Severity,
    messageZh: r.message_zh, messageEn: r.message_en, fields: r.fields ?? [],
    createdAt: toDate(r.created_at), updatedAt: toDate(r.updated_at), retiredAt: toDate(r.retired_at),
  };
}

/** The target's county and current form schema; an unknown target is a problem at /input/sourceKey. */
async function targetOf(ctx: Context, target: unknown, sourceKey: string): Promise<{ regionCode: string; regionPath: string; schema: unknown }> {
  const refuse = (zh: string, en: string) => badInput({ en: 'The rule is invalid', zh: '规则有误' }, [{ path: '/input/sourceKey', message: zh, messageEn: en }]);
  if (target === 'application') {
    const programme = await getProgramme(ctx.em, String(sourceKey).slice(0, 60)).catch(() => undefined);
    const version = programme && currentVersion(programme);
    if (!programme || !version) throw refuse(`没有已发布的项目 ${String(sourceKey).slice(0, 60)}`, `no published programme ${String(sourceKey).slice(0, 60)}`);
    return { regionCode: programme.regionCode, regionPath: programme.regionPath, schema: version.formSchema };
  }
  if (target === 'entry') {
    const register = await getRegister(ctx.em, String(sourceKey).slice(0, 60)).catch(() => undefined);
    const version = register && currentRegisterVersion(register);
    if (!register || !version) throw refuse(`没有已发布的登记簿 ${String(sourceKey).slice(0, 60)}`, `no published register ${String(sourceKey).slice(0, 60)}`);
    return { regionCode: register.regionCode, regionPath: register.regionPath, schema: version.schema };
  }
  throw badInput({ en: 'The rule is invalid', zh: '规则有误' }, [{ path: '/input/target', message: 'target 须为 application 或 entry', messageEn: 'target must be application or entry' }]);
}

function authorizeDefine(ctx: Context, regionPath: string): void {
  if (!canDesign(requireActor(ctx), regionPath)) {
    throw forbidden({ en: "Only designers and county administrators of the target's county may change its quality rules", zh: '只有本县的项目设计人员或县级管理员可以修改数据质量规则' });
  }
}

async function checked(ctx: Context, input: RuleDefinition) {
  const where = await targetOf(ctx, input.target, input.sourceKey);
  authorizeDefine(ctx, where.regionPath);
  const problems: FieldProblem[] = checkRuleDefinition({ ...input, fields: input.fields ?? [] }, where.schema);
  if (problems.length) throw badInput({ en: `The rule has ${problems.length} problem(s)`, zh: `规则有 ${problems.length} 处问题` }, problems);
  return where;
}

/** The definition check alone (who may define it, what it names), for the preview. */
export async function checkRuleForPreview(ctx: Context, input: RuleDefinition): Promise<{ regionCode: string; regionPath: string }> {
  return checked(ctx, input);
}

const rowValues = (input: RuleDefinition) => [
  input.logic !== null && input.logic !== undefined ? 'record' : 'aggregate', input.target, input.sourceKey,
  input.logic != null ? JSON.stringify(input.logic) : null, input.aggregate ? JSON.stringify(input.aggregate) : null,
  input.severity, input.messageZh.trim(), input.messageEn.trim(), JSON.stringify(input.fields ?? []),
];

/** Defines a rule; a live rule of the same key in the county is refused (update it instead). */
export async function defineQualityRule(ctx: Context, input: RuleDefinition): Promise<QualityRule> {
  const where = await checked(ctx, input);
  const exec = execOf(ctx.em);
  const now = ctx.services.clock();
  const { rows: taken } = await exec(`select 1 from quality_rule where region_code = $1 and key = $2 and retired_at is null`, [where.regionCode, input.key]);
  if (taken[0]) throw badInput({ en: `A rule ${input.key} exists already`, zh: `规则 ${input.key} 已存在` }, [{ path: '/input/key', message: '本县已有同名规则，请修改它或换一个名称', messageEn: 'the county has a live rule of this key: update it or choose another key' }]);
  const { rows } = await exec(
    `insert into quality_rule (id, key, region_code, region_path, kind, target, source_key, logic, aggregate, severity, message_zh, message_en, fields, created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13::jsonb, $14, $15, $15) returning ${RULE_COLUMNS}`,
    [crypto.randomUUID(), input.key, where.regionCode, where.regionPath, ...rowValues(input), requireActor(ctx).id, now],
  );
  return ruleFromRow(rows[0]!);
}

export async function getQualityRule(exec: SqlExec, id: string): Promise<QualityRule | undefined> {
  if (!UUID.test(String(id))) return undefined;
  const { rows } = await exec(`select ${RULE_COLUMNS} from quality_rule where id = $1`, [id]);
  return rows[0] ? ruleFromRow(rows[0]) : undefined;
}

/** Replaces a live rule's definition (its key and target stay: open findings keep pointing at it). */
export async function updateQualityRule(ctx: Context, id: string, input: RuleDefinition): Promise<QualityRule> {
  const exec = execOf(ctx.em);
  const rule = await getQualityRule(exec, id);
  if (!rule || rule.retiredAt || !readable(ctx, rule.regionPath)) throw notFound({ en: 'Quality rule', zh: '数据质量规则' }, String(id).slice(0, 40));
  if (input.key !== rule.key || input.target !== rule.target || input.sourceKey !== rule.sourceKey) {
    throw badInput({ en: 'A rule keeps its key and target', zh: '规则的名称和检查对象不能修改' }, [{ path: '/input/key', message: '名称、对象和来源不能修改：请停用此规则并新建一条', messageEn: 'key, target and source cannot change: retire this rule and define a new one' }]);
  }
  await checked(ctx, input);
  const { rows } = await exec(
    `update quality_rule set kind = $2, target = $3, source_key = $4, logic = $5::jsonb, aggregate = $6::jsonb, severity = $7, message_zh = $8, message_en = $9, fields = $10::jsonb, updated_at = $11
     where id = $1 returning ${RULE_COLUMNS}`,
    [id, ...rowValues(input), ctx.services.clock()],
  );
  return ruleFromRow(rows[0]!);
}

/** Retires a rule: it stops running, and its open findings close as fixed (nothing claims them any more). */
export async function retireQualityRule(ctx: Context, id: string): Promise<QualityRule> {
  const exec = execOf(ctx.em);
  const rule = await getQualityRule(exec, id);
  if (!rule || rule.retiredAt || !readable(ctx, rule.regionPath)) throw notFound({ en: 'Quality rule', zh: '数据质量规则' }, String(id).slice(0, 40));
  authorizeDefine(ctx, rule.regionPath);
  const now = ctx.services.clock();
  return ctx.em.transactional(async (tem) => {
    const tx = execOf(tem);
    const { rows } = await tx(`update quality_rule set retired_at = $2 where id = $1 returning ${RULE_COLUMNS}`, [id, now]);
    await tx(`update quality_finding set status = 'fixed', fixed_at = $2 where check_key = $1 and status = 'open'`, [id, now]);
    return ruleFromRow(rows[0]!);
  });
}

/** A county's rules are visible to whoever holds a grant in it, above it or below it. */
function readable(ctx: Context, regionPath: string): boolean {
  const actor = requireActor(ctx);
  return isAdmin(actor) || actor.grants.some((g) => g.regionPath.startsWith(regionPath) || regionPath.startsWith(g.regionPath));
}

/** Live rules visible to the actor (of the county of `regionCode` when given), by key. */
export async function listQualityRules(ctx: Context, opts: { includeRetired?: boolean } = {}): Promise<QualityRule[]> {
  requireActor(ctx);
  const { rows } = await execOf(ctx.em)(
    `select ${RULE_COLUMNS} from quality_rule where ($1::boolean or retired_at is null) order by key, created_at limit 500`,
    [!!opts.includeRetired],
  );
  return rows.map(ruleFromRow).filter((r) => readable(ctx, r.regionPath));
}
