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
 * else a self-transition that records the vote. Guarded alternatives stay alternatives: the meta
 * goes to each of them (the format wants them alike), target and guard to the first.
 */
export function setTransition(wf: unknown, from: string, event: string, patch: { target?: string; meta?: Json; guard?: Json | null; quorum?: number | null }): Json {
  const out = clone(wf) as Json;
  const on = statesOf(out)[from]?.on as Json | undefined;
  if (!on || on[event] === undefined) return out;
  const withMeta = (alt: Json): Json => {
    if (!patch.meta) return alt;
    const meta = { ...(isRec(alt.meta) ? alt.meta : {}), ...patch.meta };
    for (const [k, v] of Object.entries(patch.meta)) if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) delete meta[k];
    return { ...alt, meta };
  };
  const current = transitionOf(out, from, event) ?? {};
  const next: Json = withMeta({ ...current });
  if (patch.target !== undefined) next.target = patch.target;
  if (patch.guard === null) delete next.guard;
  else if (patch.guard) next.guard = patch.guard;
  const before = quorumOf(out, from, event);
  const quorum = patch.quorum !== undefined ? patch.quorum : before;
  const spec = on[event];
  if (!before && !(quorum && quorum > 1) && Array.isArray(spec) && spec.length > 1) {
    on[event] = spec.map((alt, i) => (i === 0 ? next : withMeta(typeof alt === 'string' ? { target: alt } : isRec(alt) ? alt : {})));
    return out;
  }
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
