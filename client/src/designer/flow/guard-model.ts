/**
 * Guards as the rule builder edits them: comparisons of a form field with a constant, another
 * field or a multiple of one (`收入 < 1.5 × 贫困线`), all or any of them holding, with the refusal
 * message; and an event's guarded alternatives, tried in order (the last one usually without a
 * guard: "otherwise"). Everything compiles to the JSON Logic of docs/workflow-format.md; a rule of
 * another shape is reported as such and stays in the JSON as written.
 */
import { statesOf, type Json } from './workflow-edit';

const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T,>(v: T): T => structuredClone(v);

export const RULE_OPS = ['==', '!=', '>', '>=', '<', '<=', 'in', '===', '!=='] as const;
export type RuleOp = (typeof RULE_OPS)[number];

export interface Comparison {
  /** dotted path, JSON Logic's `var` (`inspection.passed`) */
  field: string;
  op: RuleOp;
  /** a number, true/false or text; for `in`, a comma-separated list (unused when `ref` is set) */
  value: string;
  /** compare with another field instead, optionally times a constant */
  ref?: { field: string; factor?: number };
}

export interface RuleModel {
  mode: 'all' | 'any';
  conditions: Comparison[];
}

export interface GuardModel extends RuleModel {
  message?: { zh: string; en: string };
  paths?: string[];
}

function literal(v: string): unknown {
  const t = v.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return t;
}

/** Whether a value comes back unchanged from the text box (so `"1000"` as text is JSON only). */
const faithful = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && literal(String(v)) === v;

function operand(c: Comparison): unknown {
  if (c.ref) return c.ref.factor !== undefined ? { '*': [c.ref.factor, { var: c.ref.field }] } : { var: c.ref.field };
  return c.op === 'in' ? c.value.split(/[,，]/).map(literal) : literal(c.value);
}

export function ruleFromModel(m: RuleModel): Json | null {
  const parts = m.conditions.filter((c) => c.field).map((c) => ({ [c.op]: [{ var: c.field }, operand(c)] }));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { [m.mode === 'any' ? 'or' : 'and']: parts };
}

const varName = (v: unknown): string | null => (isRec(v) && Object.keys(v).length === 1 && typeof v.var === 'string' && v.var !== '' ? v.var : null);

function comparisonOf(p: unknown): Comparison | null {
  if (!isRec(p) || Object.keys(p).length !== 1) return null;
  const [op, args] = Object.entries(p)[0]!;
  if (!(RULE_OPS as readonly string[]).includes(op) || !Array.isArray(args) || args.length !== 2) return null;
  const field = varName(args[0]);
  if (!field) return null;
  const rhs = args[1];
  const other = varName(rhs);
  if (other && op !== 'in') return { field, op: op as RuleOp, value: '', ref: { field: other } };
  if (isRec(rhs) && op !== 'in') {
    const mul = rhs['*'];
    if (Object.keys(rhs).length === 1 && Array.isArray(mul) && mul.length === 2 && typeof mul[0] === 'number' && varName(mul[1])) {
      return { field, op: op as RuleOp, value: '', ref: { field: varName(mul[1])!, factor: mul[0] } };
    }
    return null;
  }
  if (op === 'in') {
    if (!Array.isArray(rhs) || rhs.length === 0 || !rhs.every((x) => faithful(x) && !/[,，]/.test(String(x)) && String(x).trim() === String(x))) return null;
    return { field, op: 'in', value: rhs.map(String).join(',') };
  }
  if (!faithful(rhs) || String(rhs).trim() !== String(rhs)) return null;
  return { field, op: op as RuleOp, value: String(rhs) };
}

/** The comparisons a rule is made of, or null when it is not all/any of plain comparisons. */
export function modelFromRule(rule: unknown): RuleModel | null {
  if (!isRec(rule) || Object.keys(rule).length !== 1) return null;
  const [op, args] = Object.entries(rule)[0]!;
  if (op === 'and' || op === 'or') {
    // One comparison inside and/or would come back bare: keep such a rule in the JSON.
    if (!Array.isArray(args) || args.length < 2) return null;
    const conditions = args.map(comparisonOf);
    return conditions.every(Boolean) ? { mode: op === 'or' ? 'any' : 'all', conditions: conditions as Comparison[] } : null;
  }
  const c = comparisonOf(rule);
  return c ? { mode: 'all', conditions: [c] } : null;
}

const GUARD_KEYS = new Set(['type', 'params', 'message', 'paths']);

/** A rule guard as the builder's model; null for other guards or rules it cannot show. */
export function guardModelOf(guard: unknown): GuardModel | null {
  if (!isRec(guard) || guard.type !== 'rule' || Object.keys(guard).some((k) => !GUARD_KEYS.has(k))) return null;
  if (!isRec(guard.params) || Object.keys(guard.params).length !== 1) return null;
  const m = modelFromRule(guard.params.rule);
  if (!m) return null;
  const msg = guard.message;
  if (msg !== undefined && !(isRec(msg) && Object.keys(msg).length === 2 && typeof msg.zh === 'string' && typeof msg.en === 'string')) return null;
  if (guard.paths !== undefined && !(Array.isArray(guard.paths) && guard.paths.every((p) => typeof p === 'string'))) return null;
  return { ...m, ...(msg ? { message: { zh: msg.zh as string, en: msg.en as string } } : {}), ...(guard.paths ? { paths: guard.paths as string[] } : {}) };
}

export function guardFromModel(m: GuardModel): Json | null {
  const rule = ruleFromModel(m);
  if (!rule) return null;
  return { type: 'rule', params: { rule }, ...(m.message ? { message: m.message } : {}), ...(m.paths?.length ? { paths: m.paths } : {}) };
}

/**
 * The model after the designer changed its comparisons or message: the guard's `paths` become the
 * compared fields (so the refusal shows beside them) whenever there is a message to show.
 */
export function withEdits(m: GuardModel, patch: Partial<RuleModel> & { message?: { zh: string; en: string } }): GuardModel {
  const next: GuardModel = { ...m, ...patch };
  const msg = next.message;
  if (msg && !msg.zh && !msg.en) delete next.message;
  // The household's fields (`$entry.…`) are not on the form: the refusal shows beside the button only.
  const fields = next.conditions.filter((c) => c.field).flatMap((c) => [c.field, ...(c.ref ? [c.ref.field] : [])]).filter((f) => f !== '$entry' && !f.startsWith('$entry.'));
  const paths = [...new Set(fields.map((f) => `/${f.split('.').join('/')}`))];
  if (next.message && paths.length) next.paths = paths;
  else delete next.paths;
  return next;
}

// ---------------------------------------------------------------------------------------------
// Alternatives

export interface Alternative {
  target: string;
  /** null: no guard (always holds) */
  guard: GuardModel | null;
  /** everything else the alternative holds (its meta), kept as written */
  rest: Json;
}

/**
 * An event's alternatives, or null when one of them has a guard the builder cannot show (a quorum
 * is edited by its own control; other guard types and rules stay in the JSON).
 */
export function alternativesOf(wf: unknown, from: string, event: string): Alternative[] | null {
  const spec = (statesOf(wf)[from]?.on as Json | undefined)?.[event];
  if (spec === undefined) return null;
  const list = Array.isArray(spec) ? spec : [spec];
  const out: Alternative[] = [];
  for (const a of list) {
    if (typeof a === 'string') {
      out.push({ target: a, guard: null, rest: {} });
      continue;
    }
    if (!isRec(a) || typeof a.target !== 'string') return null;
    const { target, guard, ...rest } = a;
    let g: GuardModel | null = null;
    if (guard !== undefined) {
      g = guardModelOf(guard);
      if (!g) return null;
    }
    out.push({ target: target as string, guard: g, rest });
  }
  return out;
}

/** Writes the alternatives back: one object when there is one, a list otherwise. */
export function setAlternatives(wf: unknown, from: string, event: string, alts: Alternative[]): Json {
  const out = clone(wf) as Json;
  const on = statesOf(out)[from]?.on as Json | undefined;
  if (!on || on[event] === undefined || alts.length === 0) return out;
  const before = on[event];
  const written = alts.map((a, i) => {
    const guard = a.guard ? guardFromModel(a.guard) : null;
    // A bare target stays bare when nothing else is said about it.
    const wasString = Array.isArray(before) ? typeof before[i] === 'string' : typeof before === 'string';
    if (!guard && Object.keys(a.rest).length === 0 && wasString) return a.target;
    return { target: a.target, ...(guard ? { guard } : {}), ...a.rest };
  });
  on[event] = written.length === 1 && !Array.isArray(before) ? written[0] : written;
  return out;
}

/** A further alternative, "otherwise go to …", carrying the event's meta (all alternatives share it). */
export function addAlternative(alts: Alternative[], target: string): Alternative[] {
  const rest = alts[0] ? clone(alts[0].rest) : {};
  return [...alts, { target, guard: null, rest }];
}
