/**
 * Edits of a workflow definition as the visual editor makes them: each takes the definition
 * (plain JSON, possibly half-written) and answers a changed copy, never touching the input. What
 * the edits produce is ordinary workflow JSON (docs/workflow-format.md); the server's checker
 * judges it, the editor only shows the findings.
 */
export type Json = Record<string, unknown>;
export type Kind = 'draft' | 'task' | 'notice' | 'final';

const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T,>(v: T): T => structuredClone(v);

export function statesOf(wf: unknown): Record<string, Json> {
  return isRec(wf) && isRec(wf.states) ? (wf.states as Record<string, Json>) : {};
}

export function metaOf(state: unknown): Json {
  return isRec(state) && isRec(state.meta) ? state.meta : {};
}

export const NAME = /^[A-Za-z][A-Za-z0-9_]{0,59}$/;

export function addState(wf: unknown, name: string, kind: Kind, title: { zh: string; en: string }): Json {
  const out = clone(isRec(wf) ? wf : {}) as Json;
  const states = (out.states = isRec(out.states) ? out.states : {}) as Record<string, Json>;
  const meta: Json = { kind, title };
  if (kind === 'final') meta.outcome = 'approved';
  states[name] = kind === 'final' ? { type: 'final', meta } : { meta, on: {} };
  if (kind === 'notice') states[name]!.after = {};
  return out;
}

export function removeState(wf: unknown, name: string): Json {
  const out = clone(wf) as Json;
  delete statesOf(out)[name];
  return out;
}

export function setStateMeta(wf: unknown, name: string, patch: Json): Json {
  const out = clone(wf) as Json;
  const state = statesOf(out)[name];
  if (!state) return out;
  const meta = { ...metaOf(state), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined || (Array.isArray(v) && v.length === 0 && k !== 'roles')) delete meta[k];
  state.meta = meta;
  if (patch.kind === 'final') {
    state.type = 'final';
    delete state.on;
    delete state.after;
    meta.outcome ??= 'approved';
  } else if (patch.kind !== undefined) {
    delete state.type;
    delete meta.outcome;
  }
  return out;
}

/** A transition's first alternative as an object (a target shorthand expanded). */
export function transitionOf(wf: unknown, from: string, event: string): Json | null {
  const spec = (statesOf(wf)[from]?.on as Json | undefined)?.[event];
  const first = Array.isArray(spec) ? spec[0] : spec;
  if (typeof first === 'string') return { target: first };
  return isRec(first) ? first : null;
}

export function eventsOf(wf: unknown, from: string): string[] {
  const on = statesOf(wf)[from]?.on;
  return isRec(on) ? Object.keys(on) : [];
}

export function addTransition(wf: unknown, from: string, event: string, target: string, title: { zh: string; en: string }): Json {
  const out = clone(wf) as Json;
  const state = statesOf(out)[from];
  if (!state) return out;
  const on = (state.on = isRec(state.on) ? state.on : {}) as Json;
  on[event] = { target, meta: { title } };
  return out;
}

export function removeTransition(wf: unknown, from: string, event: string): Json {
  const out = clone(wf) as Json;
  const on = statesOf(out)[from]?.on;
  if (isRec(on)) delete on[event];
  return out;
}

/**
 * Changes a transition: `target`, `meta` keys (title, roles, requiresComment) and `guard`. A quorum
 * (`quorum > 1`) makes it the two alternatives the format asks for: the quorum to the target,
 * else a self-transition that records the vote.
 */
export function setTransition(wf: unknown, from: string, event: string, patch: { target?: string; meta?: Json; guard?: Json | null; quorum?: number | null }): Json {
  const out = clone(wf) as Json;
  const on = statesOf(out)[from]?.on as Json | undefined;
  if (!on || on[event] === undefined) return out;
  const current = transitionOf(out, from, event) ?? {};
  const next: Json = { ...current };
  if (patch.target !== undefined) next.target = patch.target;
  if (patch.meta) {
    const meta = { ...(isRec(current.meta) ? current.meta : {}), ...patch.meta };
    for (const [k, v] of Object.entries(patch.meta)) if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) delete meta[k];
    next.meta = meta;
  }
  if (patch.guard === null) delete next.guard;
  else if (patch.guard) next.guard = patch.guard;
  const quorum = patch.quorum !== undefined ? patch.quorum : quorumOf(out, from, event);
  // The quorum guard lives in the alternatives; without a quorum the transition is one object again.
  if (isRec(next.guard) && next.guard.type === 'quorum') delete next.guard;
  if (quorum && quorum > 1) {
    const { guard: _drop, ...rest } = next;
    void _drop;
    on[event] = [{ ...rest, guard: { type: 'quorum', params: { count: quorum } } }, { target: from, ...(rest.meta ? { meta: rest.meta } : {}) }];
  } else on[event] = next;
  return out;
}

export function quorumOf(wf: unknown, from: string, event: string): number | null {
  const spec = (statesOf(wf)[from]?.on as Json | undefined)?.[event];
  if (!Array.isArray(spec)) return null;
  const q = spec.find((a) => isRec(a) && isRec(a.guard) && a.guard.type === 'quorum') as Json | undefined;
  const count = q && isRec(q.guard) && isRec(q.guard.params) ? q.guard.params.count : null;
  return typeof count === 'number' ? count : null;
}

/** A notice's period: its one timer, `{ "<duration>": { "target": … } }`. */
export function setNoticePeriod(wf: unknown, state: string, duration: string, target: string): Json {
  const out = clone(wf) as Json;
  const s = statesOf(out)[state];
  if (s) s.after = duration && target ? { [duration]: { target } } : {};
  return out;
}

export function noticePeriodOf(wf: unknown, state: string): { duration: string; target: string } | null {
  const after = statesOf(wf)[state]?.after;
  if (!isRec(after)) return null;
  const [entry] = Object.entries(after);
  if (!entry) return null;
  const t = entry[1];
  return { duration: entry[0], target: typeof t === 'string' ? t : isRec(t) && typeof t.target === 'string' ? t.target : '' };
}

// ---------------------------------------------------------------------------------------------
// Rule builder: field comparisons ⇄ JSON Logic

export const OPS = ['==', '!=', '>', '>=', '<', '<=', 'in'] as const;
export type Op = (typeof OPS)[number];
export interface Condition {
  /** Dotted path, JSON Logic's `var` (`inspection.passed`). */
  field: string;
  op: Op;
  /** A number, boolean or text; for `in`, a comma-separated list. */
  value: string;
}

function literal(v: string): unknown {
  const t = v.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return t;
}

export function ruleFromConditions(conds: Condition[]): Json | null {
  const parts = conds.filter((c) => c.field).map((c) =>
    c.op === 'in' ? { in: [{ var: c.field }, c.value.split(/[,，]/).map(literal)] } : { [c.op]: [{ var: c.field }, literal(c.value)] });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { and: parts };
}

/** The conditions a rule is made of, or null when it is not a plain conjunction of comparisons. */
export function conditionsFromRule(rule: unknown): Condition[] | null {
  if (!isRec(rule)) return null;
  const parts = Array.isArray(rule.and) && Object.keys(rule).length === 1 ? rule.and : [rule];
  const out: Condition[] = [];
  for (const p of parts) {
    if (!isRec(p) || Object.keys(p).length !== 1) return null;
    const [op, args] = Object.entries(p)[0]!;
    if (!(OPS as readonly string[]).includes(op) || !Array.isArray(args) || args.length !== 2 || !isRec(args[0]) || typeof args[0].var !== 'string') return null;
    const v = args[1];
    if (op === 'in') {
      if (!Array.isArray(v)) return null;
      out.push({ field: args[0].var, op: 'in', value: v.map(String).join(',') });
    } else if (v === null || typeof v === 'object') return null;
    else out.push({ field: args[0].var, op: op as Op, value: String(v) });
  }
  return out;
}

/** Data pointers of a form's fields (objects' properties, arrays' items as `*`), for pickers. */
export function formPointers(schema: unknown, max = 300): string[] {
  const out: string[] = [];
  const visit = (node: unknown, pointer: string, depth: number) => {
    if (!isRec(node) || depth > 8 || out.length >= max) return;
    if (pointer) out.push(pointer);
    if (isRec(node.properties)) for (const [k, v] of Object.entries(node.properties)) visit(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
    if (isRec(node.items)) visit(node.items, `${pointer}/*`, depth + 1);
  };
  visit(schema, '', 0);
  return out;
}
