/**
 * Computed fields: `"x-compute": { JSON Logic }` on a field makes its value the rule's result over
 * the form data. The browser evaluates it as the user types (the field is read-only there); the
 * server evaluates it again on every write and keeps only its own result, so a value sent by a
 * client is never trusted. Both run this module and the one bounded evaluator (workflow/logic.ts).
 *
 * What a rule reads: a field's rule reads the object it belongs to. At the root that is the whole
 * form; inside the items of an array it is that element, so `{"*": [{"var": "monthly"}, 12]}` on
 * `members.items.properties.annual` computes each member's own value. Fields inside elements are
 * computed first, then the fields around them (a household total may add up the members' values).
 * Within one object, fields are computed in the order their rules depend on one another.
 *
 * Checked when a form is saved (analyseComputations): every operator is one the evaluator knows,
 * every `var` names a field of the form with a fixed path, and no computation depends on itself
 * through others. At run time all computations of one form share one step budget; past it the
 * write is refused (never a guess, never a crash).
 */
import { evaluateLogicCounted, LOGIC_LIMITS, LOGIC_OPERATORS, LogicBudgetError, LogicError, type LogicLimits } from '../workflow/logic.js';
import type { FieldProblem } from '../core/errors.js';
import { collectFields, resolveFieldPath, type FormFields } from './form-fields.js';
import { ANY_INDEX, escapeSegment, parsePointer, joinPointer } from './form-pointer.js';
import { declaredTypes, isSchemaObject } from './form-walk.js';

export interface ComputedField {
  /** Data pointer of the field, `*` for every array element. */
  pointer: string;
  /** Pointer of the object the rule reads: '' (the form) or an array's elements (`/members/*`). */
  scope: string;
  /** The field's pointer inside that object. */
  key: string;
  rule: unknown;
  /** Where its x-compute keyword is written in the schema. */
  at: string;
}

/** A problem with a definition, located in the schema, in Chinese and English. */
export interface ComputeSchemaProblem extends FieldProblem {
  messageEn: string;
}

/** A computation refused at run time, located in the data. */
export interface ComputeProblem extends FieldProblem {
  messageEn: string;
}

const RESULT_TYPES = new Set(['number', 'integer', 'string', 'boolean']);
const ITERATING = new Set(['map', 'filter', 'all', 'some', 'none']);
const MAX_RULE_DEPTH = LOGIC_LIMITS.depth;

const problem = (path: string, message: string, messageEn: string): ComputeSchemaProblem => ({ path, message, messageEn });

/** The scope of a field pointer: everything up to its last `*` (or '' when it is in no array). */
function scopeOf(pointer: string): { scope: string; key: string } {
  const segments = parsePointer(pointer);
  const last = segments.lastIndexOf(ANY_INDEX);
  return { scope: joinPointer(segments.slice(0, last + 1)), key: joinPointer(segments.slice(last + 1)) };
}

/** What a `var` inside a rule reads from: a field (its pointer), reduce's pair, or unknown data. */
type Context = { kind: 'field'; base: string } | { kind: 'reduce'; item: string | undefined } | { kind: 'any' };

/**
 * The computed fields of a form, in evaluation order, and everything wrong with them. `fields`
 * may be passed when the caller has walked the schema already.
 */
export function analyseComputations(root: unknown, fields: FormFields = collectFields(root)): { computed: ComputedField[]; problems: ComputeSchemaProblem[] } {
  const problems: ComputeSchemaProblem[] = [];
  const found: { field: ComputedField; reads: string[] }[] = [];
  const seen = new Set<string>();

  for (const { pointer, at, node } of fields.computed) {
    const keywordAt = `${at}/x-compute`;
    const before = problems.length;
    if (pointer === '') {
      problems.push(problem(keywordAt, 'x-compute 不能用于整个表单', 'x-compute cannot compute the whole form'));
      continue;
    }
    if (seen.has(pointer)) {
      problems.push(problem(keywordAt, `字段 ${pointer} 已有另一个 x-compute`, `field ${pointer} already has another x-compute`));
      continue;
    }
    seen.add(pointer);
    const types = declaredTypes(node).filter((t) => t !== 'null');
    if (types.length === 0 || types.some((t) => !RESULT_TYPES.has(t))) {
      problems.push(problem(keywordAt, 'x-compute 只能用于声明了类型的数字、字符串或布尔字段', 'x-compute only applies to number, string or boolean fields with a declared type'));
    }
    const rule = node['x-compute'];
    if (!isSchemaObject(rule)) {
      problems.push(problem(keywordAt, 'x-compute 必须是一个 JSON Logic 运算，如 {"+": [{"var": "a"}, 1]}', 'x-compute must be a JSON Logic operation, such as {"+": [{"var": "a"}, 1]}'));
      continue;
    }
    const { scope, key } = scopeOf(pointer);
    const reads: string[] = [];
    checkRule(fields, rule, { kind: 'field', base: scope }, keywordAt, 0, problems, reads);
    if (problems.length === before) found.push({ field: { pointer, scope, key, rule, at: keywordAt }, reads });
  }
  if (problems.length > 0) return { computed: [], problems };
  const ordered = orderComputations(found, problems);
  return { computed: ordered, problems };
}

function checkRule(fields: FormFields, rule: unknown, ctx: Context, at: string, depth: number, problems: ComputeSchemaProblem[], reads: string[]): void {
  if (depth > MAX_RULE_DEPTH) {
    problems.push(problem(at, `计算规则嵌套超过 ${MAX_RULE_DEPTH} 层`, `the rule is nested deeper than ${MAX_RULE_DEPTH} levels`));
    return;
  }
  if (Array.isArray(rule)) {
    rule.forEach((r, i) => checkRule(fields, r, ctx, `${at}/${i}`, depth + 1, problems, reads));
    return;
  }
  if (!isSchemaObject(rule)) return; // a literal
  const keys = Object.keys(rule);
  if (keys.length !== 1) {
    problems.push(problem(at, '计算规则中的每个对象必须恰好有一个键（运算名）', 'every object in a rule must have exactly one key, the operation'));
    return;
  }
  const op = keys[0]!;
  const opAt = `${at}/${escapeSegment(op)}`;
  if (!LOGIC_OPERATORS.has(op)) {
    problems.push(problem(opAt, `未知的运算 "${op}"`, `unknown operation "${op}"`));
    return;
  }
  const raw = rule[op];
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  const argAt = (i: number) => (Array.isArray(raw) ? `${opAt}/${i}` : opAt);
  const next = depth + 1;
  const sub = (i: number, c: Context = ctx) => {
    if (i < args.length) checkRule(fields, args[i], c, argAt(i), next, problems, reads);
  };

  if (op === 'var') {
    readPath(fields, args[0], ctx, argAt(0), problems, reads);
    sub(1);
    return;
  }
  if (op === 'missing' && args.every((a) => typeof a === 'string' || Array.isArray(a))) {
    const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    list.forEach((k, i) => readPath(fields, k, ctx, Array.isArray(args[0]) ? `${argAt(0)}/${i}` : argAt(i), problems, reads));
    return;
  }
  if (op === 'missing_some' && Array.isArray(args[1])) {
    sub(0);
    (args[1] as unknown[]).forEach((k, i) => readPath(fields, k, ctx, `${argAt(1)}/${i}`, problems, reads));
    return;
  }
  if (ITERATING.has(op)) {
    sub(0);
    sub(1, itemContext(fields, args[0], ctx));
    for (let i = 2; i < args.length; i++) sub(i);
    return;
  }
  if (op === 'reduce') {
    sub(0);
    const item = itemContext(fields, args[0], ctx);
    sub(1, { kind: 'reduce', item: item.kind === 'field' ? item.base : undefined });
    for (let i = 2; i < args.length; i++) sub(i);
    return;
  }
  for (let i = 0; i < args.length; i++) sub(i);
}

/** Checks one `var` path in its context and records the field it reads. */
function readPath(fields: FormFields, path: unknown, ctx: Context, at: string, problems: ComputeSchemaProblem[], reads: string[]): void {
  if (path === undefined || path === null) path = '';
  if (typeof path !== 'string' && typeof path !== 'number') {
    problems.push(problem(at, 'var 的字段路径必须直接写出（文本），不能计算得出', 'the field path of var must be written out as text, not computed'));
    return;
  }
  const text = String(path);
  if (ctx.kind === 'any') return;
  let base: string | undefined;
  let rest = text;
  if (ctx.kind === 'reduce') {
    const [head, ...tail] = text.split('.');
    if (head === 'accumulator') return;
    if (head !== 'current') {
      problems.push(problem(at, `reduce 中只能读取 current（当前元素）和 accumulator（累计值），不能读取 "${text}"`, `inside reduce only "current" and "accumulator" can be read, not "${text}"`));
      return;
    }
    if (ctx.item === undefined) return;
    base = ctx.item;
    rest = tail.join('.');
  } else {
    base = ctx.base;
  }
  const pointer = resolveFieldPath(fields, base, rest);
  if (pointer === undefined) {
    problems.push(problem(at, `计算引用了表单中不存在的字段 "${text}"`, `the computation reads "${text}", which is not a field of this form`));
    return;
  }
  reads.push(pointer);
}

/** The context of a map/filter/reduce body: the elements of the array field it iterates, if known. */
function itemContext(fields: FormFields, over: unknown, ctx: Context): Context {
  if (!isSchemaObject(over)) return { kind: 'any' };
  if ('filter' in over && Array.isArray(over.filter)) return itemContext(fields, over.filter[0], ctx);
  const path = Array.isArray(over.var) ? over.var[0] : over.var;
  if (typeof path !== 'string' || ctx.kind === 'any') return { kind: 'any' };
  let pointer: string | undefined;
  if (ctx.kind === 'field') pointer = resolveFieldPath(fields, ctx.base, path);
  else {
    const [head, ...tail] = path.split('.');
    if (head !== 'current' || ctx.item === undefined) return { kind: 'any' };
    pointer = resolveFieldPath(fields, ctx.item, tail.join('.'));
  }
  if (pointer === undefined) return { kind: 'any' };
  const items = `${pointer}/${ANY_INDEX}`;
  return fields.types.has(items) ? { kind: 'field', base: items } : { kind: 'any' };
}

/** True when one pointer lies within the other (a rule reading an object reads its fields). */
function overlaps(a: string, b: string): boolean {
  const p = parsePointer(a);
  const q = parsePointer(b);
  const n = Math.min(p.length, q.length);
  for (let i = 0; i < n; i++) if (p[i] !== q[i]) return false;
  return true;
}

/**
 * Evaluation order: deeper scopes first (elements before the totals over them), then within a
 * scope each field after the fields it reads. A cycle is a problem at each field's keyword.
 */
function orderComputations(found: { field: ComputedField; reads: string[] }[], problems: ComputeSchemaProblem[]): ComputedField[] {
  const depthOf = (f: ComputedField) => parsePointer(f.scope).length;
  const out: ComputedField[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const byPointer = new Map(found.map((f) => [f.field.pointer, f]));
  const deps = (f: { field: ComputedField; reads: string[] }) =>
    found.filter((g) => g.field.scope === f.field.scope && f.reads.some((r) => overlaps(r, g.field.pointer)));
  const reported = new Set<string>();

  const visit = (f: { field: ComputedField; reads: string[] }, path: string[]) => {
    const mark = state.get(f.field.pointer);
    if (mark === 'done') return;
    if (mark === 'visiting') {
      const cycle = [...path.slice(path.indexOf(f.field.pointer)), f.field.pointer];
      for (const p of new Set(cycle)) {
        if (reported.has(p)) continue;
        reported.add(p);
        const chain = cycle.join(' → ');
        problems.push(problem(byPointer.get(p)!.field.at, `计算字段相互依赖，形成循环：${chain}`, `computed fields depend on each other in a cycle: ${chain}`));
      }
      return;
    }
    state.set(f.field.pointer, 'visiting');
    for (const d of deps(f)) visit(d, [...path, f.field.pointer]);
    state.set(f.field.pointer, 'done');
    out.push(f.field);
  };
  const sorted = [...found].sort((a, b) => depthOf(b.field) - depthOf(a.field));
  for (const f of sorted) visit(f, []);
  if (problems.length) return [];
  // The DFS appends dependencies first; keep deeper scopes ahead of shallower ones.
  return out.sort((a, b) => depthOf(b) - depthOf(a));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object a scope pattern matches in the data, with its concrete pointer. */
function instances(data: unknown, scope: string): { value: Record<string, unknown>; pointer: string }[] {
  const out: { value: Record<string, unknown>; pointer: string }[] = [];
  const walk = (value: unknown, segments: string[], i: number, pointer: string) => {
    if (i === segments.length) {
      if (isRecord(value)) out.push({ value, pointer });
      return;
    }
    const segment = segments[i]!;
    if (segment === ANY_INDEX) {
      if (Array.isArray(value)) value.forEach((v, n) => walk(v, segments, i + 1, `${pointer}/${n}`));
    } else if (isRecord(value) && Object.hasOwn(value, segment)) {
      walk(value[segment], segments, i + 1, `${pointer}/${escapeSegment(segment)}`);
    }
  };
  walk(data, parsePointer(scope), 0, '');
  return out;
}

/** Writes (or, for no usable result, removes) the value at `key` inside `target`. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  const segments = parsePointer(key);
  let current: Record<string, unknown> = target;
  const usable = (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string' || typeof value === 'boolean';
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (!isRecord(next)) {
      if (!usable) return;
      Object.defineProperty(current, segment, { value: {}, writable: true, enumerable: true, configurable: true });
    }
    current = current[segment] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1]!;
  if (usable) Object.defineProperty(current, last, { value, writable: true, enumerable: true, configurable: true });
  else delete current[last];
}

/**
 * The data with every computed field (re)computed, on a copy. A result that is not a finite
 * number, a string or a boolean (a division by zero, a missing input) removes the field, so a
 * required computed field then asks for its inputs. `problems` is non-empty when the budget ran
 * out or a rule could not run: the caller refuses the write.
 */
export function computeFields(computed: readonly ComputedField[], data: Record<string, unknown>, limits: LogicLimits = LOGIC_LIMITS): { data: Record<string, unknown>; problems: ComputeProblem[] } {
  if (computed.length === 0) return { data, problems: [] };
  const out = structuredClone(data);
  let remaining = limits.steps;
  for (const field of computed) {
    for (const target of instances(out, field.scope)) {
      try {
        const { value, steps } = evaluateLogicCounted(field.rule, target.value, { ...limits, steps: remaining });
        remaining -= steps;
        put(target.value, field.key, value);
      } catch (e) {
        if (!(e instanceof LogicBudgetError) && !(e instanceof LogicError)) throw e;
        const path = target.pointer + field.key;
        const budget = e instanceof LogicBudgetError;
        return {
          data,
          problems: [{
            path,
            message: budget ? `计算字段 ${path} 超出计算限制（${e.limit}），未能保存：请减少数据量或联系方案设计人员` : `计算字段 ${path} 无法计算：${e.message}`,
            messageEn: budget ? `computing ${path} exceeded its ${e.limit} limit; nothing was saved` : `${path} could not be computed: ${e.message}`,
          }],
        };
      }
    }
  }
  return { data: out, problems: [] };
}

/** Computed field pointers in uiSchema shape, for marking them read-only in a form renderer. */
export function readonlyUiSchema(computed: readonly ComputedField[], uiSchema: Record<string, unknown> = {}): Record<string, unknown> {
  const out = structuredClone(uiSchema);
  for (const field of computed) {
    let node = out;
    for (const segment of parsePointer(field.pointer)) {
      const key = segment === ANY_INDEX ? 'items' : segment;
      if (!isRecord(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node['ui:readonly'] = true;
  }
  return out;
}

/**
 * Checks a JSON Logic rule over one record of this form the way computed fields are checked
 * (every `var` names a field, operators from the allowed list, nesting bounded), answering the
 * problems (pointers under `at`) and the field pointers it reads. Data-quality rules use it.
 */
export function checkRecordRule(fields: FormFields, rule: unknown, at: string): { problems: ComputeSchemaProblem[]; reads: string[] } {
  const problems: ComputeSchemaProblem[] = [];
  const reads: string[] = [];
  checkRule(fields, rule, { kind: 'field', base: '' }, at, 0, problems, reads);
  return { problems, reads };
}
