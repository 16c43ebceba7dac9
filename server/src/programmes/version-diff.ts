/**
 * What changed between two versions of a programme: the form's fields (title, type, required,
 * enum), the workflow's states (title, kind, roles, editable fields, due dates, reviews, register
 * effects) and transitions (target, guard, roles, title, requires-comment, timers). Pure: the
 * designer's version view and the case-migration page read it before moving running cases.
 */
import { collectAnchors, resolveLocalRef } from './form-annotations.js';
import { escapeSegment } from './form-pointer.js';
import { alternatives, type StateConfig, type TransitionConfig } from '../workflow/definition.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Change {
  change: ChangeKind;
  /** The aspects that differ, for `changed` (e.g. `title`, `required`). */
  aspects: string[];
  before: unknown;
  after: unknown;
}

export interface FieldChange extends Change {
  /** Data pointer of the field, `*` for every array element: `/members/*\/name`. */
  pointer: string;
}

export interface StateChange extends Change {
  state: string;
}

export interface TransitionChange extends Change {
  state: string;
  /** The event name, or `after:<delay>` for a timer. */
  event: string;
}

export interface VersionDiff {
  fields: FieldChange[];
  states: StateChange[];
  transitions: TransitionChange[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The aspects of one form field a diff compares. */
interface FieldFacts {
  [aspect: string]: unknown;
  title?: unknown;
  type?: unknown;
  required: boolean;
  enum?: unknown;
}

/** Bound on the walk: checkFormSchema already refuses larger forms. */
const MAX_FIELDS = 5000;

/** Every field of a form with its title, type, required flag and enum, by data pointer. */
export function formFieldFacts(schema: unknown): Map<string, FieldFacts> {
  const out = new Map<string, FieldFacts>();
  const anchors = collectAnchors(schema);
  const seenRefs = new Set<unknown>();
  const visit = (node: unknown, pointer: string, required: boolean, depth: number) => {
    if (!isRec(node) || depth > 32 || out.size > MAX_FIELDS) return;
    if (typeof node.$ref === 'string') {
      const target = resolveLocalRef(schema, node.$ref, anchors);
      if (target !== undefined && !seenRefs.has(target)) {
        seenRefs.add(target);
        visit(target, pointer, required, depth + 1);
        seenRefs.delete(target);
      }
    }
    if (pointer !== '') {
      const prev = out.get(pointer);
      const facts: FieldFacts = prev ?? { required };
      if (node.title !== undefined) facts.title = node.title;
      if (node.type !== undefined) facts.type = node.type;
      if (node.enum !== undefined) facts.enum = node.enum;
      facts.required ||= required;
      out.set(pointer, facts);
    }
    const req = Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : [];
    if (isRec(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) visit(child, `${pointer}/${escapeSegment(key)}`, req.includes(key), depth + 1);
    }
    if (isRec(node.items)) visit(node.items, `${pointer}/*`, false, depth + 1);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (Array.isArray(node[k])) for (const sub of node[k] as unknown[]) visit(sub, pointer, false, depth + 1);
    }
    for (const k of ['then', 'else'] as const) if (isRec(node[k])) visit(node[k], pointer, false, depth + 1);
  };
  visit(schema, '', false, 0);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function compareMaps<T extends Rec>(before: Map<string, T>, after: Map<string, T>, aspects: (a: T, b: T) => string[]) {
  const out: { key: string; change: Change }[] = [];
  for (const [key, a] of before) {
    const b = after.get(key);
    if (!b) out.push({ key, change: { change: 'removed', aspects: [], before: a, after: null } });
    else {
      const differ = aspects(a, b);
      if (differ.length) out.push({ key, change: { change: 'changed', aspects: differ, before: a, after: b } });
    }
  }
  for (const [key, b] of after) if (!before.has(key)) out.push({ key, change: { change: 'added', aspects: [], before: null, after: b } });
  return out;
}

const diffAspects = (names: string[]) => (a: Rec, b: Rec) => names.filter((n) => !same(a[n], b[n]));

/** The compared facts of each state (transitions are compared on their own). */
function stateFacts(states: Record<string, StateConfig>): Map<string, Rec> {
  const out = new Map<string, Rec>();
  for (const [name, s] of Object.entries(states ?? {})) {
    const m = s.meta ?? ({} as StateConfig['meta']);
    out.set(name, {
      title: m.title, kind: m.kind, roles: m.roles ?? [], editable: m.editable ?? [], outcome: m.outcome,
      due: m.dueIn ?? m.dueDate, review: m.review, effects: m.effects ?? [], objectionEvent: m.objectionEvent,
    });
  }
  return out;
}

/** The compared facts of each transition, keyed `state event`: alternatives' targets and guards, roles, title. */
function transitionFacts(states: Record<string, StateConfig>): Map<string, Rec> {
  const out = new Map<string, Rec>();
  for (const [name, s] of Object.entries(states ?? {})) {
    for (const [event, spec] of Object.entries(s.on ?? {})) {
      const alts = alternatives(spec);
      const first = alts[0] ?? ({} as TransitionConfig);
      out.set(`${name} ${event}`, {
        target: alts.map((a) => a.target),
        guard: alts.map((a) => a.guard ?? null),
        roles: first.meta?.roles ?? null,
        title: alts.find((a) => a.meta?.title)?.meta?.title ?? null,
        requiresComment: first.meta?.requiresComment === true,
      });
    }
    for (const [delay, spec] of Object.entries(s.after ?? {})) {
      const alt = alternatives(spec)[0]!;
      out.set(`${name} after:${delay}`, { target: [alt.target], guard: [], roles: null, title: alt.meta?.title ?? null, requiresComment: false });
    }
  }
  return out;
}

export function diffVersions(
  from: { formSchema: unknown; workflow: unknown },
  to: { formSchema: unknown; workflow: unknown },
): VersionDiff {
  const fields = compareMaps(formFieldFacts(from.formSchema), formFieldFacts(to.formSchema), diffAspects(['title', 'type', 'required', 'enum']))
    .map(({ key, change }) => ({ pointer: key, ...change }));
  const statesOf = (w: unknown) => ((isRec(w) && isRec(w.states) ? w.states : {}) as Record<string, StateConfig>);
  const states = compareMaps(stateFacts(statesOf(from.workflow)), stateFacts(statesOf(to.workflow)),
    diffAspects(['title', 'kind', 'roles', 'editable', 'outcome', 'due', 'review', 'effects', 'objectionEvent']))
    .map(({ key, change }) => ({ state: key, ...change }));
  const transitions = compareMaps(transitionFacts(statesOf(from.workflow)), transitionFacts(statesOf(to.workflow)),
    diffAspects(['target', 'guard', 'roles', 'title', 'requiresComment']))
    .map(({ key, change }) => {
      const at = key.indexOf(' ');
      return { state: key.slice(0, at), event: key.slice(at + 1), ...change };
    });
  return { fields, states, transitions };
}
