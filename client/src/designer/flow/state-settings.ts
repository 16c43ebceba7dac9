/**
 * A state's settings as the side panel edits them — due date, recurring review, notice period and
 * objection handling — read from and written back to the workflow JSON (docs/workflow-format.md).
 * Every writer takes the definition and answers a changed copy; writing back what a reader gave
 * answers the definition unchanged (the round-trip test holds every shipped workflow to that).
 */
import { metaOf, statesOf, type Json } from './workflow-edit';

const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T,>(v: T): T => structuredClone(v);

function withState(wf: unknown, name: string, edit: (state: Json, meta: Json) => void): Json {
  const out = clone(wf) as Json;
  const state = statesOf(out)[name];
  if (!state) return out;
  const meta = (state.meta = isRec(state.meta) ? state.meta : {}) as Json;
  edit(state, meta);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Due date: `dueIn` (a duration or a named delay) or `dueDate` (`field` or `annual`)

export type Due =
  | { mode: 'none' }
  | { mode: 'in'; dueIn: string }
  | { mode: 'field'; field: string }
  | { mode: 'annual'; annual: string };

/** The due rule of a state, or null when it is one the panel cannot show (both keys, other shapes). */
export function dueOf(wf: unknown, name: string): Due | null {
  const meta = metaOf(statesOf(wf)[name]);
  const hasIn = meta.dueIn !== undefined;
  const hasDate = meta.dueDate !== undefined;
  if (hasIn && hasDate) return null;
  if (hasIn) return typeof meta.dueIn === 'string' ? { mode: 'in', dueIn: meta.dueIn } : null;
  if (!hasDate) return { mode: 'none' };
  const d = meta.dueDate;
  if (!isRec(d) || Object.keys(d).length !== 1) return null;
  if (typeof d.field === 'string') return { mode: 'field', field: d.field };
  if (typeof d.annual === 'string') return { mode: 'annual', annual: d.annual };
  return null;
}

export function setDue(wf: unknown, name: string, due: Due): Json {
  return withState(wf, name, (_s, meta) => {
    delete meta.dueIn;
    delete meta.dueDate;
    if (due.mode === 'in') meta.dueIn = due.dueIn;
    if (due.mode === 'field') meta.dueDate = { field: due.field };
    if (due.mode === 'annual') meta.dueDate = { annual: due.annual };
  });
}

/** `MM-DD` of a real day (29 February is refused, like the server does). */
export const ANNUAL = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
export function annualOk(v: string): boolean {
  if (!ANNUAL.test(v) || v === '02-29') return false;
  const [m, d] = v.split('-').map(Number) as [number, number];
  return d <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** ISO-8601 durations as the server reads them (`P7D`, `P2M`, `PT5S`, `P1DT12H`). */
export const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** A duration as a number and a unit for the pickers, or null when it is not that simple. */
export function splitDuration(v: string): { n: number; unit: 'D' | 'W' | 'M' | 'Y' | 'H' } | null {
  const m = /^P(\d+)([DWMY])$/.exec(v) ?? /^PT(\d+)(H)$/.exec(v);
  return m ? { n: Number(m[1]), unit: m[2] as 'D' | 'W' | 'M' | 'Y' | 'H' } : null;
}
export const joinDuration = (n: number, unit: 'D' | 'W' | 'M' | 'Y' | 'H') => (unit === 'H' ? `PT${n}H` : `P${n}${unit}`);

/** Named delays of the machine (`meta.delays`), for pickers next to plain durations. */
export function delayNames(wf: unknown): string[] {
  const meta = isRec(wf) && isRec(wf.meta) ? wf.meta : {};
  return isRec(meta.delays) ? Object.keys(meta.delays) : [];
}

// ---------------------------------------------------------------------------------------------
// Recurring review (`meta.review`)

export interface Review {
  every: string;
  title: { zh: string; en: string };
  roles: string[];
  events: string[];
  /** absent when the occurrence has no due period */
  dueIn?: string;
  /** a note the format allows; kept as written */
  description?: string;
}
const REVIEW_KEYS = new Set(['every', 'title', 'roles', 'events', 'dueIn', 'description']);

/** The review of a state: null when none, 'json' when its shape is one only the JSON can hold. */
export function reviewOf(wf: unknown, name: string): Review | null | 'json' {
  const r = metaOf(statesOf(wf)[name]).review;
  if (r === undefined) return null;
  if (!isRec(r) || Object.keys(r).some((k) => !REVIEW_KEYS.has(k))) return 'json';
  const title = isRec(r.title) ? r.title : {};
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (typeof r.every !== 'string' || typeof title.zh !== 'string' || typeof title.en !== 'string' || Object.keys(title).length !== 2
    || !strings(r.roles) || !strings(r.events) || (r.dueIn !== undefined && typeof r.dueIn !== 'string')
    || (r.description !== undefined && typeof r.description !== 'string')) return 'json';
  return {
    every: r.every, title: { zh: title.zh, en: title.en }, roles: r.roles as string[], events: r.events as string[],
    ...(r.dueIn !== undefined ? { dueIn: r.dueIn as string } : {}), ...(r.description !== undefined ? { description: r.description as string } : {}),
  };
}

export function setReview(wf: unknown, name: string, review: Review | null): Json {
  return withState(wf, name, (_s, meta) => {
    if (!review) delete meta.review;
    else {
      const { dueIn, description, ...rest } = review;
      meta.review = { ...rest, ...(dueIn ? { dueIn } : {}), ...(description !== undefined ? { description } : {}) };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Notice: its period (the one timer) and what an objection does

export interface Notice {
  /** the timer's delay: a duration or a `meta.delays` name */
  delay: string;
  /** where the case goes when the period ends */
  target: string;
  /** `meta.objectionEvent` (default OBJECTION) */
  objectionEvent: string;
  /** where a confirmed objection sends the case */
  objectionTarget: string;
}

/** The notice settings of a state, or null when its timers are not the one the panel shows. */
export function noticeOf(wf: unknown, name: string): Notice | null {
  const state = statesOf(wf)[name];
  if (!state) return null;
  const meta = metaOf(state);
  const after = isRec(state.after) ? state.after : {};
  const timers = Object.entries(after);
  if (timers.length > 1) return null;
  const [delay, spec] = timers[0] ?? ['', ''];
  const target = typeof spec === 'string' ? spec : isRec(spec) && typeof spec.target === 'string' ? spec.target : '';
  const objectionEvent = typeof meta.objectionEvent === 'string' ? meta.objectionEvent : 'OBJECTION';
  const on = isRec(state.on) ? state.on : {};
  const o = on[objectionEvent];
  const first = Array.isArray(o) ? (o.length === 1 ? o[0] : null) : o;
  const objectionTarget = typeof first === 'string' ? first : isRec(first) && typeof first.target === 'string' ? first.target : '';
  return { delay, target, objectionEvent, objectionTarget };
}

/**
 * Writes a notice's settings. The timer keeps everything else it holds (its title); renaming the
 * objection event moves its transition; `objectionEvent` is written only when it is not the
 * default or was written before.
 */
export function setNotice(wf: unknown, name: string, next: Notice): Json {
  const before = noticeOf(wf, name);
  return withState(wf, name, (state, meta) => {
    const after = isRec(state.after) ? state.after : {};
    const [oldDelay, oldSpec] = Object.entries(after)[0] ?? [undefined, undefined];
    const base: Json = typeof oldSpec === 'string' ? { target: oldSpec } : isRec(oldSpec) ? { ...oldSpec } : {};
    if (next.delay && next.target) {
      const keepShorthand = typeof oldSpec === 'string' && oldDelay === next.delay;
      state.after = { [next.delay]: keepShorthand && oldSpec === next.target ? oldSpec : { ...base, target: next.target } };
    } else state.after = {};

    const on = (state.on = isRec(state.on) ? state.on : {}) as Json;
    const oldEvent = before?.objectionEvent ?? 'OBJECTION';
    if (next.objectionEvent !== oldEvent && on[oldEvent] !== undefined) {
      on[next.objectionEvent] = on[oldEvent];
      delete on[oldEvent];
    }
    if (meta.objectionEvent !== undefined || next.objectionEvent !== 'OBJECTION') meta.objectionEvent = next.objectionEvent;
    if (next.objectionTarget && next.objectionTarget !== before?.objectionTarget) {
      const spec = on[next.objectionEvent];
      const one = Array.isArray(spec) && spec.length === 1 ? spec[0] : spec;
      if (isRec(one)) one.target = next.objectionTarget;
      else if (typeof spec === 'string') on[next.objectionEvent] = next.objectionTarget;
      else on[next.objectionEvent] = { target: next.objectionTarget, meta: { title: { zh: '提出异议', en: 'Objection upheld' } } };
    }
  });
}
