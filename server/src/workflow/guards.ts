/**
 * The fixed guard library: the ONLY place guards are implemented. Workflow JSON names a guard
 * (`{ "type": "rule", "params": {...} }`) and never carries code; adding a guard type means adding it
 * here, to `GUARD_TYPES`, to `checkGuard` and to docs/workflow-format.md.
 */
import { evaluateLogic, LOGIC_OPERATORS, LogicBudgetError, truthy, type LogicLimit } from './logic.js';

/**
 * What a guard sees. The engine puts the application's form data and the quorum count on the event
 * (the machine has no context of its own: the application row holds the data).
 */
export interface GuardEvent {
  type: string;
  data: Readonly<Record<string, unknown>>;
  /** Distinct users who have sent this event type in the current visit of the state, including this one. */
  distinctActors: number;
  /**
   * The data of the register entry the case belongs to (its household), for rules that read
   * `$entry.<field>`; null when the case names none. Absent when the caller did not load it (the
   * workflow has no rule that reads it, or a designer's simulation, whose sample data may carry
   * its own `$entry`).
   */
  entry?: Readonly<Record<string, unknown>> | null;
  /**
   * Set by a `rule` guard that went over its budget (logic.ts). XState wraps whatever a guard
   * throws in a plain Error, so the guard reports here and answers false; the engine then refuses
   * the transition instead of taking another alternative.
   */
  ruleBudget?: { exceeded?: LogicLimit };
}

export const GUARD_TYPES = ['rule', 'quorum'] as const;

/**
 * The name under which a `rule` reads the case's register entry: `{"var": "$entry.status"}`. It
 * sits beside the form's own top-level fields when the rule runs and wins over a form field of the
 * same name (the entry is the record; none of the shipped forms uses `$` in a name).
 */
export const ENTRY_VAR = '$entry';

/** Whether a rule reads the case's register entry (a `var` or `missing` key starting `$entry`). */
export function ruleReadsEntry(rule: unknown, depth = 0): boolean {
  if (depth > MAX_RULE_DEPTH || rule === null || typeof rule !== 'object') return false;
  if (Array.isArray(rule)) return rule.some((r) => ruleReadsEntry(r, depth + 1));
  for (const [op, args] of Object.entries(rule as Record<string, unknown>)) {
    if (op === 'var' || op === 'missing' || op === 'missing_some') {
      const keys = op === 'var' ? [Array.isArray(args) ? args[0] : args] : Array.isArray(args) ? args.flat() : [args];
      if (keys.some((k) => typeof k === 'string' && (k === ENTRY_VAR || k.startsWith(`${ENTRY_VAR}.`)))) return true;
    }
    if (ruleReadsEntry(args, depth + 1)) return true;
  }
  return false;
}

export type GuardType = (typeof GUARD_TYPES)[number];

/**
 * JSON Logic operators a `rule` may use: json-logic-js's standard set minus `log` (writes to the
 * console) and `method` (calls methods on values). The bounded evaluator (logic.ts) implements
 * exactly these.
 */
export const JSON_LOGIC_OPERATORS: ReadonlySet<string> = LOGIC_OPERATORS;

const MAX_RULE_DEPTH = 32;
const MAX_QUORUM = 1000;
/** Longest guard message, per language: a sentence shown beside a button, not a manual. */
export const MAX_GUARD_MESSAGE = 200;
/** Most fields one guard may point at. */
export const MAX_GUARD_PATHS = 20;
const JSON_POINTER = /^(\/([^~]|~[01])*)+$/;

/** What a guard may carry beside its type and params: why it refuses, and which fields that concerns. */
export interface GuardExplanation {
  /** Shown when the guard refuses the transition, in both languages. */
  message?: { zh: string; en: string };
  /** JSON pointers into the form data the refusal concerns (shown beside those fields). */
  paths?: string[];
}

export interface GuardProblem {
  code: 'UNKNOWN_GUARD' | 'INVALID_GUARD_PARAMS' | 'INVALID_GUARD_MESSAGE' | 'INVALID_GUARD_PATHS';
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems with a guard as written in a transition (empty when it is usable). */
export function checkGuard(guard: unknown, fieldExists?: (pointer: string) => boolean): GuardProblem[] {
  if (typeof guard === 'string') {
    return GUARD_TYPES.includes(guard as GuardType)
      ? [{ code: 'INVALID_GUARD_PARAMS', message: `guard "${guard}" needs params: write { "type": "${guard}", "params": {...} }` }]
      : [unknownGuard(guard)];
  }
  if (!isRecord(guard)) return [{ code: 'UNKNOWN_GUARD', message: 'a guard must be { "type": ..., "params": {...} }' }];
  const { type, params, message, paths, ...rest } = guard;
  const problems: GuardProblem[] = Object.keys(rest).map((k) => ({
    code: 'INVALID_GUARD_PARAMS',
    message: `guard has unknown key "${k}" (only "type", "params", "message" and "paths")`,
  }));
  problems.push(...checkGuardMessage(message), ...checkGuardPaths(paths, fieldExists));
  if (type === 'rule') problems.push(...checkRuleParams(params));
  else if (type === 'quorum') problems.push(...checkQuorumParams(params));
  else problems.push(unknownGuard(type));
  return problems;
}

function checkGuardMessage(message: unknown): GuardProblem[] {
  if (message === undefined) return [];
  const text = (v: unknown) => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_GUARD_MESSAGE;
  if (!isRecord(message) || !text(message.zh) || !text(message.en)) {
    return [{ code: 'INVALID_GUARD_MESSAGE', message: `guard "message" must be { "zh": ..., "en": ... } with both texts of 1–${MAX_GUARD_MESSAGE} characters` }];
  }
  const extra = Object.keys(message).filter((k) => k !== 'zh' && k !== 'en');
  return extra.map((k) => ({ code: 'INVALID_GUARD_MESSAGE', message: `guard "message" has unknown key "${k}" (only "zh" and "en")` }));
}

function checkGuardPaths(paths: unknown, fieldExists?: (pointer: string) => boolean): GuardProblem[] {
  if (paths === undefined) return [];
  if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_GUARD_PATHS) {
    return [{ code: 'INVALID_GUARD_PATHS', message: `guard "paths" must be a list of 1–${MAX_GUARD_PATHS} JSON pointers into the form, like ["/amount"]` }];
  }
  const problems: GuardProblem[] = [];
  for (const p of paths) {
    if (typeof p !== 'string' || !JSON_POINTER.test(p) || p.length > 200) {
      problems.push({ code: 'INVALID_GUARD_PATHS', message: `guard "paths" entry ${JSON.stringify(p)?.slice(0, 60)} is not a JSON pointer like "/amount"` });
    } else if (fieldExists && !fieldExists(p)) {
      problems.push({ code: 'INVALID_GUARD_PATHS', message: `guard "paths" entry "${p}" is not a field of the form` });
    }
  }
  return problems;
}

function unknownGuard(type: unknown): GuardProblem {
  return {
    code: 'UNKNOWN_GUARD',
    message: `unknown guard type ${JSON.stringify(type) ?? String(type)} (the guard library has: ${GUARD_TYPES.join(', ')})`,
  };
}

const invalid = (message: string): GuardProblem => ({ code: 'INVALID_GUARD_PARAMS', message });

function checkRuleParams(params: unknown): GuardProblem[] {
  if (!isRecord(params) || !('rule' in params)) return [invalid('guard "rule" needs params { "rule": <JSON Logic> }')];
  const extra = Object.keys(params).filter((k) => k !== 'rule');
  const problems = extra.map((k) => invalid(`guard "rule" has unknown param "${k}"`));
  if (!isRecord(params.rule) || Object.keys(params.rule).length !== 1) {
    problems.push(invalid('guard "rule": the rule must be a JSON Logic object with one operator, e.g. {"==": [{"var": "x"}, 1]}'));
    return problems;
  }
  return [...problems, ...checkJsonLogic(params.rule).map((m) => invalid(`guard "rule": ${m}`))];
}

function checkQuorumParams(params: unknown): GuardProblem[] {
  if (!isRecord(params)) return [invalid('guard "quorum" needs params { "count": N } with N ≥ 2')];
  const problems = Object.keys(params)
    .filter((k) => k !== 'count')
    .map((k) => invalid(`guard "quorum" has unknown param "${k}"`));
  const { count } = params;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 2 || count > MAX_QUORUM) {
    problems.push(invalid(`guard "quorum": count must be an integer from 2 to ${MAX_QUORUM}, got ${JSON.stringify(count)}`));
  }
  return problems;
}

/** Problems in a JSON Logic expression: unknown operators, objects that are not one-operator nodes, depth. */
export function checkJsonLogic(node: unknown, depth = 0): string[] {
  if (depth > MAX_RULE_DEPTH) return [`rule is nested deeper than ${MAX_RULE_DEPTH} levels`];
  if (node === null || typeof node === 'string' || typeof node === 'boolean') return [];
  if (typeof node === 'number') return Number.isFinite(node) ? [] : [`rule contains a non-finite number`];
  if (Array.isArray(node)) return node.flatMap((n) => checkJsonLogic(n, depth + 1));
  if (!isRecord(node)) return [`rule contains a value that is not JSON (${typeof node})`];
  const keys = Object.keys(node);
  // json-logic-js passes multi-key objects through as data; refuse them so a typo is not silently a constant.
  if (keys.length !== 1) return [`rule contains an object with ${keys.length} keys; each node is {"<operator>": args}`];
  const op = keys[0]!;
  if (!JSON_LOGIC_OPERATORS.has(op)) return [`operator "${op}" is not allowed`];
  const problems = checkJsonLogic(node[op], depth + 1);
  if (op === 'reduce' && Array.isArray(node[op]) && copiesOfAccumulator(node[op][1]) >= 2) {
    problems.push('a "reduce" whose result holds the accumulator twice doubles with every item (e.g. {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}): it would exceed the evaluation budget');
  }
  return problems;
}

const isAccumulator = (n: unknown) =>
  isRecord(n) && Object.keys(n).length === 1 && (n.var === 'accumulator' || (Array.isArray(n.var) && n.var[0] === 'accumulator'));

/**
 * How many times a reduce body puts the whole accumulator into its result: directly, through
 * `merge`/`cat`, array literals, or the list that `map`/`filter` copy. Cheap and conservative: it
 * catches the obvious doubling, and the evaluation budget stops everything else.
 */
function copiesOfAccumulator(body: unknown, depth = 0): number {
  if (depth > MAX_RULE_DEPTH) return 0;
  if (isAccumulator(body)) return 1;
  if (Array.isArray(body)) return body.reduce<number>((n, b) => n + copiesOfAccumulator(b, depth + 1), 0);
  if (!isRecord(body) || Object.keys(body).length !== 1) return 0;
  const [op] = Object.keys(body) as [string];
  const args = Array.isArray(body[op]) ? (body[op] as unknown[]) : [body[op]];
  if (op === 'merge' || op === 'cat') return args.reduce<number>((n, a) => n + copiesOfAccumulator(a, depth + 1), 0);
  if (op === 'map' || op === 'filter') return copiesOfAccumulator(args[0], depth + 1);
  return 0;
}

/** Why a rule could not give an answer: only a budget is reported, everything else is simply false. */
export class RuleBudgetExceeded extends Error {
  constructor(readonly limit: LogicLimit) {
    super(`rule exceeded its ${limit} budget`);
    this.name = 'RuleBudgetExceeded';
  }
}

/**
 * Evaluates a JSON Logic rule over form data. A rule that fails to evaluate is false (never lets a
 * case through); one that exceeds its budget throws RuleBudgetExceeded, so the caller can refuse
 * the transition outright rather than fall through to another alternative.
 */
export function evaluateRule(rule: unknown, data: Readonly<Record<string, unknown>>): boolean {
  try {
    return truthy(evaluateLogic(rule, data));
  } catch (e) {
    if (e instanceof LogicBudgetError) throw new RuleBudgetExceeded(e.limit);
    return false;
  }
}

/**
 * Implementations handed to XState's `setup({ guards })`. The signature is XState's
 * `(args, params) => boolean`; only `event` is read.
 */
export const guardImplementations = {
  rule: ({ event }: { event: GuardEvent }, params: { rule: unknown }) => {
    try {
      const data = event.data ?? {};
      return evaluateRule(params.rule, event.entry === undefined ? data : { ...data, [ENTRY_VAR]: event.entry });
    } catch (e) {
      if (!(e instanceof RuleBudgetExceeded) || !event.ruleBudget) throw e;
      event.ruleBudget.exceeded = e.limit;
      return false;
    }
  },
  quorum: ({ event }: { event: GuardEvent }, params: { count: number }) =>
    (event.distinctActors ?? 0) >= params.count,
};
