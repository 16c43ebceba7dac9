/**
 * Register effects of a state (`meta.effects` + `meta.effectKind`, docs/registers.md) as rows the
 * side panel edits with field pickers, and the workflow's link to a register (`meta.register`).
 * Pointers are chosen from the form's and the register's schemas, never typed.
 */
import { metaOf, statesOf, type Json } from './workflow-edit';

const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T,>(v: T): T => structuredClone(v);

export type EffectRow =
  | { op: 'set'; entry: string; value: unknown }
  | { op: 'copy'; form: string; entry: string }
  /** `move`: a person another household holds is taken over from it (婚入, 户口迁入). */
  | { op: 'append'; form: string; entry: string; move?: boolean }
  /** Removes the items of entry array `entry` whose field `match` (inside an item) equals form field `form`. */
  | { op: 'remove'; entry: string; match: string; form: string }
  | { op: 'create'; pairs: { entry: string; form: string }[] };
export type EffectOp = EffectRow['op'];
export const EFFECT_OPS: EffectOp[] = ['set', 'copy', 'append', 'remove', 'create'];

export interface StateEffects {
  /** The change kind; with `by`, the kind of every value `by.cases` does not name. */
  kind: string;
  /** The kind chosen by a form field's value (a death vs a move out): value → change kind. */
  by?: { field: string; cases: Record<string, string> };
  rows: EffectRow[];
}

const keysAre = (o: Json, keys: string[]) => Object.keys(o).length === keys.length && keys.every((k) => k in o);

type KindChoice = Pick<StateEffects, 'kind' | 'by'>;

/** `meta.effectKind` as the panel edits it: a key, or { field, cases, default }; null for anything else. */
function kindOf(v: unknown): KindChoice | null {
  if (v === undefined) return { kind: '' };
  if (typeof v === 'string') return { kind: v };
  if (!isRec(v) || !keysAre(v, ['field', 'cases', 'default']) || typeof v.field !== 'string' || typeof v.default !== 'string') return null;
  if (!isRec(v.cases) || !Object.values(v.cases).every((k) => typeof k === 'string')) return null;
  return { kind: v.default, by: { field: v.field, cases: { ...(v.cases as Record<string, string>) } } };
}

/** A choice without cases is no choice: the fixed kind is written. */
const kindJson = ({ kind, by }: KindChoice): Json | string => (by && Object.keys(by.cases).length ? { field: by.field, cases: { ...by.cases }, default: kind } : kind);


function rowOf(e: unknown): EffectRow | null {
  if (!isRec(e)) return null;
  if (keysAre(e, ['set', 'value']) && typeof e.set === 'string') return { op: 'set', entry: e.set, value: e.value };
  if (keysAre(e, ['copy', 'to']) && typeof e.copy === 'string' && typeof e.to === 'string') return { op: 'copy', form: e.copy, entry: e.to };
  if (keysAre(e, ['append', 'to']) && typeof e.append === 'string' && typeof e.to === 'string') return { op: 'append', form: e.append, entry: e.to };
  // Only `move: true` is a shape the panel writes back; anything else stays in the JSON.
  if (keysAre(e, ['append', 'to', 'move']) && typeof e.append === 'string' && typeof e.to === 'string' && e.move === true) return { op: 'append', form: e.append, entry: e.to, move: true };
  if (keysAre(e, ['remove', 'match', 'equals']) && typeof e.remove === 'string' && typeof e.match === 'string' && typeof e.equals === 'string') {
    return { op: 'remove', entry: e.remove, match: e.match, form: e.equals };
  }
  if (keysAre(e, ['create']) && isRec(e.create) && Object.values(e.create).every((v) => typeof v === 'string')) {
    return { op: 'create', pairs: Object.entries(e.create as Record<string, string>).map(([entry, form]) => ({ entry, form })) };
  }
  return null;
}

export function rowToJson(r: EffectRow): Json {
  switch (r.op) {
    case 'set': return { set: r.entry, value: r.value };
    case 'copy': return { copy: r.form, to: r.entry };
    case 'append': return r.move ? { append: r.form, to: r.entry, move: true } : { append: r.form, to: r.entry };
    case 'remove': return { remove: r.entry, match: r.match, equals: r.form };
    case 'create': return { create: Object.fromEntries(r.pairs.map((p) => [p.entry, p.form])) };
  }
}

/** The effects of a state (an empty list when none), or null when one of them is not a shape the panel edits. */
export function effectsOf(wf: unknown, name: string): StateEffects | null {
  const meta = metaOf(statesOf(wf)[name]);
  const kind = kindOf(meta.effectKind);
  if (meta.effects === undefined) return { ...(kind ?? { kind: '' }), rows: [] };
  if (!Array.isArray(meta.effects) || !kind) return null;
  const rows = meta.effects.map(rowOf);
  if (rows.some((r) => r === null)) return null;
  return { ...kind, rows: rows as EffectRow[] };
}

/** Writes the effects; no rows removes both keys (a kind without effects means nothing). */
export function setEffects(wf: unknown, name: string, next: StateEffects): Json {
  const out = clone(wf) as Json;
  const state = statesOf(out)[name];
  if (!state) return out;
  const meta = (state.meta = isRec(state.meta) ? state.meta : {}) as Json;
  if (next.rows.length === 0) {
    delete meta.effects;
    delete meta.effectKind;
  } else {
    meta.effects = next.rows.map(rowToJson);
    meta.effectKind = kindJson(next);
  }
  return out;
}

/** A new row of an operation, prefilled with the first fields on offer. */
export function newRow(op: EffectOp, formFields: string[], entryFields: string[]): EffectRow {
  const form = formFields[0] ?? '';
  const entry = entryFields[0] ?? '';
  if (op === 'set') return { op, entry, value: '' };
  if (op === 'create') return { op, pairs: [{ entry, form }] };
  if (op === 'remove') return { op, entry, match: '/idNumber', form };
  return { op, form, entry };
}

// ---------------------------------------------------------------------------------------------
// The workflow's register link

export interface RegisterLinkModel {
  key: string;
  link: 'existing' | 'optional' | 'create';
}

export function registerLinkOf(wf: unknown): (RegisterLinkModel & { prefill?: unknown; statuses?: string[] }) | null {
  const meta = isRec(wf) && isRec(wf.meta) ? wf.meta : {};
  const r = meta.register;
  if (!isRec(r) || typeof r.key !== 'string') return null;
  const link = r.link === 'optional' || r.link === 'create' ? r.link : 'existing';
  const statuses = Array.isArray(r.statuses) ? r.statuses.filter((v): v is string => typeof v === 'string') : undefined;
  return { key: r.key, link, prefill: r.prefill, ...(statuses ? { statuses } : {}) };
}

/** Sets the statuses a case may be filed for; none listed means any (the key is dropped). */
export function setLinkStatuses(wf: unknown, statuses: string[]): Json {
  const out = clone(isRec(wf) ? wf : {}) as Json;
  const meta = isRec(out.meta) ? out.meta : undefined;
  if (!meta || !isRec(meta.register)) return out;
  if (statuses.length) meta.register.statuses = statuses;
  else delete meta.register.statuses;
  return out;
}

/** Sets or clears the link; the prefill written in the JSON stays. */
export function setRegisterLink(wf: unknown, next: RegisterLinkModel | null): Json {
  const out = clone(isRec(wf) ? wf : {}) as Json;
  const meta = (out.meta = isRec(out.meta) ? out.meta : {}) as Json;
  if (!next) delete meta.register;
  else {
    const before = isRec(meta.register) ? meta.register : {};
    meta.register = { ...before, key: next.key, link: next.link };
  }
  return out;
}

/**
 * One prefill: a new application's form field ← the picked household's field, through a value
 * map when the two word their choices differently (register 监测户 → form 脱贫监测户).
 */
export interface PrefillPair {
  form: string;
  entry: string;
  values?: Record<string, string | number | boolean>;
}

const isValueMap = (v: unknown): v is Record<string, string | number | boolean> =>
  isRec(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean');
const isPrefillSource = (v: unknown) =>
  typeof v === 'string' || (isRec(v) && Object.keys(v).sort().join(',') === 'from,values' && typeof v.from === 'string' && isValueMap(v.values));

/** The link's prefill as rows (none when there is no link or no prefill), or null when it is not a map of pointers. */
export function prefillOf(wf: unknown): PrefillPair[] | null {
  const meta = isRec(wf) && isRec(wf.meta) ? wf.meta : {};
  const r = meta.register;
  if (!isRec(r) || r.prefill === undefined) return [];
  if (!isRec(r.prefill) || !Object.values(r.prefill).every(isPrefillSource)) return null;
  return Object.entries(r.prefill).map(([form, source]) =>
    typeof source === 'string' ? { form, entry: source } : { form, entry: (source as Json).from as string, values: (source as Json).values as PrefillPair['values'] });
}

/** Writes the prefill rows (a later row for the same form field wins); no rows removes it. */
export function setPrefill(wf: unknown, pairs: PrefillPair[]): Json {
  const out = clone(isRec(wf) ? wf : {}) as Json;
  const meta = isRec(out.meta) ? out.meta : undefined;
  if (!meta || !isRec(meta.register)) return out;
  if (pairs.length === 0) delete meta.register.prefill;
  else meta.register.prefill = Object.fromEntries(pairs.map((p) => [p.form, p.values && Object.keys(p.values).length ? { from: p.entry, values: p.values } : p.entry]));
  return out;
}

/**
 * The value map a pair needs: none unless both fields are choices and the register may hold a
 * value the form does not offer; then the register's values matched to the form's where they are
 * the same, the rest for the designer to choose (or leave to the filer). A map already made is kept.
 */
export function prefillValuesFor(pair: PrefillPair, form: FieldOption | undefined, entry: FieldOption | undefined): PrefillPair['values'] {
  if (!form?.enum || !entry?.enum) return undefined;
  const offered = (v: unknown) => form.enum!.some((x) => String(x) === String(v));
  if (!pair.values && entry.enum.every(offered)) return undefined;
  const out: NonNullable<PrefillPair['values']> = {};
  for (const v of entry.enum) {
    const key = String(v);
    const kept = pair.values?.[key];
    const same = form.enum.find((x) => String(x) === key);
    const value = kept !== undefined && offered(kept) ? kept : same;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Field pickers

export interface FieldOption {
  pointer: string;
  title: string;
  type?: string;
  format?: string;
  enum?: unknown[];
}

/**
 * The fields of a schema a pointer may name (objects' properties, including those shown under a
 * condition; arrays themselves but not their items), with their titles and enums. With `items`,
 * the fields of a list's items too (`/members/*` + `/name`), for the prefill's list pairs.
 */
export function schemaFieldOptions(schema: unknown, max = 400, items = false): FieldOption[] {
  const out: FieldOption[] = [];
  const seen = new Set<string>();
  const visit = (node: unknown, pointer: string, title: string, depth: number) => {
    if (!isRec(node) || depth > 8 || out.length >= max) return;
    if (pointer && !seen.has(pointer)) {
      seen.add(pointer);
      const en = Array.isArray(node.enum) ? node.enum : Array.isArray(node.oneOf) && node.oneOf.every((o) => isRec(o) && 'const' in o) ? node.oneOf.map((o) => (o as Json).const) : undefined;
      out.push({ pointer, title, type: typeof node.type === 'string' ? node.type : undefined, ...(typeof node.format === 'string' ? { format: node.format } : {}), ...(en ? { enum: en } : {}) });
    }
    const props: Json = { ...(isRec(node.properties) ? node.properties : {}) };
    const parts = [node.then, ...(Array.isArray(node.allOf) ? node.allOf.map((p) => (isRec(p) ? p.then : undefined)) : [])];
    for (const t of parts) if (isRec(t) && isRec(t.properties)) for (const [k, v] of Object.entries(t.properties)) if (!(k in props)) props[k] = v;
    for (const [k, v] of Object.entries(props)) {
      const t = isRec(v) && typeof v.title === 'string' ? v.title : k;
      visit(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, title && pointer ? `${title} › ${t}` : t, depth + 1);
    }
    // One level of list only: a pointer with one `*` (the prefill maps no lists within lists).
    // The item itself is no option (a whole item is not prefilled), its fields are.
    if (items && node.type === 'array' && isRec(node.items) && !pointer.includes('/*')) {
      seen.add(`${pointer}/*`);
      visit(node.items, `${pointer}/*`, title, depth + 1);
    }
  };
  visit(schema, '', '', 0);
  return out;
}
