/**
 * "Which step may edit this field" lives in the workflow, not the form: a state's `meta.editable`
 * lists JSON pointers into the data (docs/workflow-format.md). The side panel reads and writes it
 * through these pure helpers; a pointer naming a section makes everything inside it editable.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Step {
  name: string;
  title: string;
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (path: readonly string[]) => path.map((k) => `/${esc(k)}`).join('');

/** The workflow's steps where someone acts after submission (tasks and notices), with their Chinese titles. */
export function editingSteps(workflow: unknown): Step[] {
  if (!isObj(workflow) || !isObj(workflow.states)) return [];
  const out: Step[] = [];
  for (const [name, state] of Object.entries(workflow.states)) {
    if (!isObj(state)) continue;
    const meta = isObj(state.meta) ? state.meta : {};
    if (state.type === 'final' || meta.kind === 'final' || meta.kind === 'draft') continue;
    const title = isObj(meta.title) && typeof meta.title.zh === 'string' ? meta.title.zh : name;
    out.push({ name, title });
  }
  return out;
}

/** Steps that list the pointer itself, and steps that list a section containing it. */
export function editableStepsOf(workflow: unknown, pointer: string): { direct: string[]; inherited: string[] } {
  const direct: string[] = [];
  const inherited: string[] = [];
  if (!isObj(workflow) || !isObj(workflow.states)) return { direct, inherited };
  for (const [name, state] of Object.entries(workflow.states)) {
    const list = isObj(state) && isObj(state.meta) && Array.isArray(state.meta.editable) ? (state.meta.editable as unknown[]) : [];
    if (list.includes(pointer)) direct.push(name);
    else if (list.some((p) => typeof p === 'string' && pointer.startsWith(`${p}/`))) inherited.push(name);
  }
  return { direct, inherited };
}

/** A copy of the workflow in which exactly `steps` list the pointer (other entries untouched). */
export function setEditableSteps(workflow: unknown, pointer: string, steps: readonly string[]): unknown {
  if (!isObj(workflow) || !isObj(workflow.states)) return workflow;
  const states: Obj = {};
  for (const [name, state] of Object.entries(workflow.states)) {
    if (!isObj(state)) {
      states[name] = state;
      continue;
    }
    const origMeta = isObj(state.meta) ? state.meta : undefined;
    const origList = origMeta && Array.isArray(origMeta.editable) ? (origMeta.editable as unknown[]) : undefined;
    const list = (origList ?? []).filter((p) => p !== pointer);
    if (steps.includes(name)) list.push(pointer);
    if (!origList && !list.length) {
      states[name] = state;
      continue;
    }
    const meta: Obj = { ...(origMeta ?? {}) };
    if (list.length) meta.editable = list;
    else delete meta.editable;
    states[name] = { ...state, meta };
  }
  return { ...workflow, states };
}

/** After a field's key changes, the workflow's pointers to it (and inside it) follow. */
export function renamePointer(workflow: unknown, from: string, to: string): unknown {
  if (!isObj(workflow) || !isObj(workflow.states) || from === to) return workflow;
  const states: Obj = {};
  let changed = false;
  for (const [name, state] of Object.entries(workflow.states)) {
    const list = isObj(state) && isObj(state.meta) && Array.isArray(state.meta.editable) ? (state.meta.editable as unknown[]) : null;
    if (!list || !isObj(state) || !isObj(state.meta)) {
      states[name] = state;
      continue;
    }
    const next = list.map((p) => (p === from ? to : typeof p === 'string' && p.startsWith(`${from}/`) ? to + p.slice(from.length) : p));
    if (next.some((p, i) => p !== list[i])) changed = true;
    states[name] = { ...state, meta: { ...state.meta, editable: next } };
  }
  return changed ? { ...workflow, states } : workflow;
}
