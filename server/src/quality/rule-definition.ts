/**
 * What a data-quality rule is, and the check every rule passes at save. A rule is data: either a
 * JSON Logic assertion over one record (truthy = consistent) or an aggregate comparison of two
 * measures per village. Everything it names must exist in the target's current form (fields,
 * numeric fields for sums, array fields for item counts), its logic uses only the bounded
 * evaluator's operators and it is evaluated once on an empty record, so a rule that cannot be
 * evaluated or blows its budget is refused at save rather than at every run.
 */
import type { FieldProblem } from '../core/errors.js';
import { collectFields, type FormFields } from '../programmes/form-fields.js';
import { checkRecordRule } from '../programmes/form-compute.js';
import { ANY_INDEX, parsePointer } from '../programmes/form-pointer.js';
import { evaluateLogic, LogicBudgetError, LogicError } from '../workflow/logic.js';

export type RuleTarget = 'application' | 'entry';
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** One side of an aggregate rule, computed per village over the target's records. */
export interface Measure {
  /** count: records; sum: a numeric field; items: elements of an array field (persons in `members`). */
  kind: 'count' | 'sum' | 'items';
  field?: string;
  /** Only records whose fields equal these values: `{ "/status": "已脱贫" }`. */
  where?: Record<string, string | number | boolean>;
}

export interface AggregateRule {
  left: Measure;
  op: Comparison;
  right: Measure;
}

export interface RuleDefinition {
  key: string;
  target: RuleTarget;
  sourceKey: string;
  logic: unknown | null;
  aggregate: AggregateRule | null;
  severity: Severity;
  messageZh: string;
  messageEn: string;
  fields: string[];
}

export const MAX_LOGIC_CHARS = 20_000;
export const MAX_BLAME_FIELDS = 20;
export const MAX_WHERE = 5;
const KEY = /^[a-z][a-z0-9_-]{2,39}$/;

const problem = (path: string, message: string, messageEn: string): FieldProblem => ({ path, message, messageEn });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problems of a rule (JSON pointers into the mutation's input), given the target's form schema. */
export function checkRuleDefinition(input: RuleDefinition, schema: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof input.key !== 'string' || !KEY.test(input.key)) problems.push(problem('/input/key', '3–40 个字符：小写字母、数字、_ 或 -，以字母开头', '3–40 characters: lower-case letters, digits, _ and -, starting with a letter'));
  if (!SEVERITIES.includes(input.severity)) problems.push(problem('/input/severity', '须为 error、warning 或 info', 'must be error, warning or info'));
  if (typeof input.messageZh !== 'string' || !input.messageZh.trim() || input.messageZh.length > 200) problems.push(problem('/input/messageZh', '中文提示为 1–200 个字符', 'the Chinese message must be 1–200 characters'));
  if (typeof input.messageEn !== 'string' || !input.messageEn.trim() || input.messageEn.length > 200) problems.push(problem('/input/messageEn', '英文提示为 1–200 个字符', 'the English message must be 1–200 characters'));
  const fields = collectFields(schema);
  const hasLogic = input.logic !== null && input.logic !== undefined;
  if (hasLogic === !!input.aggregate) {
    problems.push(problem('/input/logic', '须给出 logic（逐条记录的规则）或 aggregate（汇总比较）之一', 'give exactly one of logic (a rule over each record) or aggregate (a comparison of two measures)'));
  } else if (hasLogic) {
    problems.push(...checkLogic(input.logic, fields));
  } else {
    problems.push(...checkAggregate(input.aggregate, fields));
  }
  if (!Array.isArray(input.fields) || input.fields.length > MAX_BLAME_FIELDS) {
    problems.push(problem('/input/fields', `最多 ${MAX_BLAME_FIELDS} 个字段`, `at most ${MAX_BLAME_FIELDS} fields`));
  } else {
    input.fields.forEach((f, i) => {
      if (typeof f !== 'string' || !fields.types.has(f)) problems.push(problem(`/input/fields/${i}`, `表单中没有字段 ${String(f).slice(0, 80)}`, `the form has no field ${String(f).slice(0, 80)}`));
    });
  }
  return problems;
}

function checkLogic(logic: unknown, fields: FormFields): FieldProblem[] {
  let text: string;
  try {
    text = JSON.stringify(logic);
  } catch {
    return [problem('/input/logic', '规则不是有效的 JSON', 'the rule is not valid JSON')];
  }
  if (text.length > MAX_LOGIC_CHARS) return [problem('/input/logic', `规则最长 ${MAX_LOGIC_CHARS} 个字符`, `the rule may be at most ${MAX_LOGIC_CHARS} characters`)];
  if (!isObject(logic)) return [problem('/input/logic', '规则须是一个 JSON Logic 运算，如 {"==": [{"var": "householdSize"}, {"var": "members.length"}]}', 'the rule must be a JSON Logic operation, such as {"==": [{"var": "householdSize"}, {"var": "members.length"}]}')];
  const { problems, reads } = checkRecordRule(fields, logic, '/input/logic');
  if (problems.length) return problems;
  if (reads.length === 0) return [problem('/input/logic', '规则没有读取任何字段，对每条记录结果都相同', 'the rule reads no field, so it gives the same answer for every record')];
  try {
    evaluateLogic(logic, {});
  } catch (err) {
    if (err instanceof LogicBudgetError) return [problem('/input/logic', `规则超出计算预算（${err.limit}）`, `the rule exceeds the evaluation budget (${err.limit})`)];
    if (err instanceof LogicError) return [problem('/input/logic', `规则无法计算：${err.message}`, `the rule cannot be evaluated: ${err.message}`)];
    throw err;
  }
  return [];
}

function checkAggregate(aggregate: unknown, fields: FormFields): FieldProblem[] {
  if (!isObject(aggregate)) return [problem('/input/aggregate', 'aggregate 须为 { left, op, right }', 'aggregate must be { left, op, right }')];
  const problems: FieldProblem[] = [];
  if (!COMPARISONS.includes(aggregate.op as Comparison)) problems.push(problem('/input/aggregate/op', `比较须为 ${COMPARISONS.join(' ')} 之一`, `op must be one of ${COMPARISONS.join(' ')}`));
  for (const side of ['left', 'right'] as const) problems.push(...checkMeasure(aggregate[side], fields, `/input/aggregate/${side}`));
  return problems;
}

/** A fixed pointer (no array element in it) that the form places a field at. */
function fixedField(fields: FormFields, pointer: unknown): boolean {
  return typeof pointer === 'string' && fields.types.has(pointer) && !parsePointer(pointer).includes(ANY_INDEX) && pointer !== '';
}

function checkMeasure(m: unknown, fields: FormFields, at: string): FieldProblem[] {
  if (!isObject(m)) return [problem(at, '度量须为 { kind, field?, where? }', 'a measure must be { kind, field?, where? }')];
  const problems: FieldProblem[] = [];
  const types = typeof m.field === 'string' ? fields.types.get(m.field) : undefined;
  if (m.kind === 'count') {
    if (m.field !== undefined) problems.push(problem(`${at}/field`, 'count 不需要字段', 'count takes no field'));
  } else if (m.kind === 'sum') {
    if (!fixedField(fields, m.field) || !(types?.has('number') || types?.has('integer'))) problems.push(problem(`${at}/field`, `sum 需要一个数值字段，表单中没有数值字段 ${String(m.field ?? '').slice(0, 80)}`, `sum needs a numeric field; the form has no numeric field ${String(m.field ?? '').slice(0, 80)}`));
  } else if (m.kind === 'items') {
    if (!fixedField(fields, m.field) || !types?.has('array')) problems.push(problem(`${at}/field`, `items 需要一个数组字段，表单中没有数组字段 ${String(m.field ?? '').slice(0, 80)}`, `items needs an array field; the form has no array field ${String(m.field ?? '').slice(0, 80)}`));
  } else {
    problems.push(problem(`${at}/kind`, 'kind 须为 count、sum 或 items', 'kind must be count, sum or items'));
  }
  if (m.where !== undefined) {
    if (!isObject(m.where) || Object.keys(m.where).length > MAX_WHERE) {
      problems.push(problem(`${at}/where`, `where 须为最多 ${MAX_WHERE} 个 { 字段: 值 }`, `where must be at most ${MAX_WHERE} { field: value } pairs`));
    } else {
      for (const [pointer, value] of Object.entries(m.where)) {
        const here = `${at}/where/${pointer.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!fixedField(fields, pointer)) problems.push(problem(here, `表单中没有字段 ${pointer.slice(0, 80)}`, `the form has no field ${pointer.slice(0, 80)}`));
        if (!['string', 'number', 'boolean'].includes(typeof value)) problems.push(problem(here, '值须为文本、数字或真假', 'the value must be a string, number or boolean'));
      }
    }
  }
  return problems;
}
