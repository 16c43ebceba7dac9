/**
 * A form's data laid out as spreadsheet columns: the one flattener of a form schema, so
 * templates, imports, exports, ledgers and dossiers agree on which column holds which field and
 * under which title. Pure (no I/O, no Excel library). Two views of one walk:
 * `formColumns` (sheets: the import template's layout) and `flatColumns` (one list with `*`
 * pointers for members: what exports and ledgers read).
 *
 * - Every leaf field (string, number, integer, boolean, enum, or an array of enum/primitive
 *   values) becomes one column, in form order (uiSchema `ui:order`, then schema order).
 * - Each array of objects (the household's members) becomes its own sheet: one line per element,
 *   linked to its main row by the row key column (行号).
 * - Fields that only appear under a condition (`allOf`/`if`/`then`) are columns too, never
 *   required in the header (the validator decides per row).
 * - Arrays nested inside a member, tuples, and `patternProperties` have no column (the template's
 *   note says so); such fields are filled in on the web form.
 */
import { ANY_INDEX, escapeSegment } from './form-pointer.js';
import { isSchemaObject, type SchemaObject } from './form-walk.js';
import { collectAnchors, resolveLocalRef } from './form-annotations.js';

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'enum';

export interface EnumOption {
  value: string | number | boolean;
  /** What a person reads and types: `ui:enumNames`, a `oneOf` const's title, or the value itself. */
  label: string;
}

export interface FormColumn {
  /** JSON pointer of the field, relative to the sheet's row (the form data, or one member). */
  pointer: string;
  /** The column header: the field's title, prefixed with its parent's when two would clash. */
  titleZh: string;
  type: ColumnType;
  /** For `enum` columns (and lists of enum values). */
  enum?: EnumOption[];
  /** An array of values in one cell, separated by 、 (or , ; ，；). */
  list?: boolean;
  /** JSON Schema `format` (cn-idcard, cn-mobile, date, …). */
  format?: string;
  /** Required whenever the row exists (the field and all its parents are required). */
  required: boolean;
  /** Appears only under a condition (allOf / if-then): never required by the header. */
  conditional?: boolean;
  /** The field's description or ui:help, for the template's notes. */
  help?: string;
}

export interface FormSheet {
  /** '' for the main sheet; the array's pointer (e.g. /members) for a member sheet. */
  pointer: string;
  /** Sheet name: 'data' title or the array's title (Excel: at most 31 characters, no []:*?/\). */
  name: string;
  /** The array's own title (the sheet name may be shortened); '' for the main sheet. */
  titleZh: string;
  /** The array is required with at least minItems elements (member sheets only). */
  minItems?: number;
  maxItems?: number;
  required: boolean;
  columns: FormColumn[];
}

export interface FormLayout {
  main: FormSheet;
  /** One per array of objects, in form order. */
  members: FormSheet[];
}

/** Header of the first column of every sheet: the row key linking members to their main row. */
export const ROW_KEY_TITLE = '行号';
export const MAIN_SHEET_NAME = '数据';
/** Separators accepted between the values of a list cell; the first is written. */
export const LIST_SEPARATORS = ['、', ',', '，', ';', '；'];

const MAX_DEPTH = 32;

interface Ctx {
  root: unknown;
  anchors: Map<string, unknown>;
  /** Keep `ui:widget: hidden` fields (an export shows every stored value; a template does not ask for them). */
  hidden: boolean;
}

/** The node itself, or what its `$ref` points to (merged shallowly, the node's own keys winning). */
function deref(ctx: Ctx, node: unknown, seen = new Set<unknown>()): SchemaObject | undefined {
  if (!isSchemaObject(node)) return undefined;
  if (typeof node.$ref !== 'string') return node;
  const target = resolveLocalRef(ctx.root, node.$ref, ctx.anchors);
  if (seen.has(target)) return undefined;
  seen.add(target);
  const resolved = deref(ctx, target, seen);
  if (!resolved) return undefined;
  const { $ref: _ref, ...own } = node;
  return { ...resolved, ...own };
}

function typeOf(node: SchemaObject): string | undefined {
  const t = node.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  if (Array.isArray(node.enum)) return typeof node.enum[0] === 'number' ? 'number' : typeof node.enum[0];
  if (isSchemaObject(node.properties)) return 'object';
  return undefined;
}

function enumOptions(node: SchemaObject, ui: SchemaObject | undefined): EnumOption[] | undefined {
  const names = Array.isArray(ui?.['ui:enumNames']) ? (ui!['ui:enumNames'] as unknown[]) : undefined;
  if (Array.isArray(node.enum)) {
    return node.enum
      .filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v))
      .map((value, i) => ({ value, label: typeof names?.[i] === 'string' ? (names[i] as string) : String(value) }));
  }
  const alts = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
  if (alts && alts.length && alts.every((a) => isSchemaObject(a) && 'const' in a)) {
    return (alts as SchemaObject[]).map((a) => ({ value: a.const as string, label: typeof a.title === 'string' ? a.title : String(a.const) }));
  }
  if (typeOf(node) === 'boolean') {
    const [yes, no] = names && names.length === 2 ? (names as string[]) : ['是', '否'];
    return [{ value: true, label: String(yes) }, { value: false, label: String(no) }];
  }
  return undefined;
}

/** Property names in display order: ui:order (with its '*' wildcard), then the rest in schema order. */
function ordered(keys: string[], ui: SchemaObject | undefined): string[] {
  const order = Array.isArray(ui?.['ui:order']) ? (ui!['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  if (!order.length) return keys;
  const rest = keys.filter((k) => !order.includes(k));
  const out: string[] = [];
  for (const k of order) {
    if (k === '*') out.push(...rest);
    else if (keys.includes(k)) out.push(k);
  }
  if (!order.includes('*')) out.push(...rest);
  return out;
}

interface Field {
  key: string;
  schema: SchemaObject;
  required: boolean;
  conditional: boolean;
}

/** The object's properties, including those its allOf/anyOf/oneOf/if-then-else branches add. */
function fieldsOf(ctx: Ctx, node: SchemaObject, conditional: boolean, depth: number): Field[] {
  const out = new Map<string, Field>();
  const add = (n: SchemaObject, cond: boolean, d: number) => {
    if (d > MAX_DEPTH) return;
    const required = Array.isArray(n.required) ? (n.required as string[]) : [];
    if (isSchemaObject(n.properties)) {
      for (const [key, raw] of Object.entries(n.properties)) {
        const schema = deref(ctx, raw);
        if (!schema) continue;
        const had = out.get(key);
        if (had) {
          // The same property in a branch: keep the fuller definition, required if either says so.
          had.required ||= !cond && required.includes(key);
          if (!had.schema.title && schema.title) had.schema = { ...had.schema, ...schema };
          continue;
        }
        out.set(key, { key, schema, required: !cond && required.includes(key), conditional: cond });
      }
    }
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (Array.isArray(n[k])) for (const b of n[k] as unknown[]) { const s = deref(ctx, b); if (s) add(s, cond || k !== 'allOf', d + 1); }
    }
    for (const k of ['then', 'else'] as const) {
      const s = deref(ctx, n[k]);
      if (s) add(s, true, d + 1);
    }
    // Properties that come with another one (`dependencies` / `dependentSchemas`): conditional too.
    for (const k of ['dependencies', 'dependentSchemas'] as const) {
      if (isSchemaObject(n[k])) for (const b of Object.values(n[k] as Record<string, unknown>)) { const s = deref(ctx, b); if (s) add(s, true, d + 1); }
    }
    // Required in a branch without properties there (`then: { required: [...] }`): conditional.
  };
  add(node, conditional, depth);
  return [...out.values()];
}

function uiOf(ui: SchemaObject | undefined, key: string): SchemaObject | undefined {
  const v = ui?.[key];
  return isSchemaObject(v) ? v : undefined;
}

const textOf = (node: SchemaObject, ui: SchemaObject | undefined): string | undefined => {
  const help = typeof ui?.['ui:help'] === 'string' ? (ui['ui:help'] as string) : undefined;
  const description = typeof node.description === 'string' ? node.description : undefined;
  return help ?? description;
};

function leafColumn(node: SchemaObject, ui: SchemaObject | undefined, pointer: string, title: string, required: boolean, conditional: boolean): FormColumn | undefined {
  const t = typeOf(node);
  const options = enumOptions(node, ui);
  const base = { pointer, titleZh: title, required, ...(conditional ? { conditional } : {}), ...(textOf(node, ui) ? { help: textOf(node, ui) } : {}) };
  if (options) return { ...base, type: 'enum', enum: options, ...(typeof node.format === 'string' ? { format: node.format } : {}) };
  if (t === 'string') {
    const format = typeof node.format === 'string' ? node.format : undefined;
    return { ...base, type: format === 'date' ? 'date' : 'string', ...(format ? { format } : {}) };
  }
  if (t === 'integer' || t === 'number') return { ...base, type: t };
  return undefined;
}

function columnsOf(ctx: Ctx, node: SchemaObject, ui: SchemaObject | undefined, prefix: string, parentTitles: string[], required: boolean, conditional: boolean, depth: number, sheets: FormSheet[] | null, into: FormColumn[]): void {
  if (depth > MAX_DEPTH) return;
  const fields = fieldsOf(ctx, node, conditional, depth);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of ordered(fields.map((f) => f.key), ui)) {
    const f = byKey.get(key)!;
    const fui = uiOf(ui, key);
    if (fui?.['ui:widget'] === 'hidden' && !ctx.hidden) continue;
    const pointer = `${prefix}/${escapeSegment(key)}`;
    const title = typeof f.schema.title === 'string' && f.schema.title ? f.schema.title : key;
    const req = required && f.required;
    const cond = conditional || f.conditional;
    const t = typeOf(f.schema);
    if (t === 'object') {
      columnsOf(ctx, f.schema, fui, pointer, [...parentTitles, title], req, cond, depth + 1, sheets, into);
      continue;
    }
    if (t === 'array') {
      const items = deref(ctx, f.schema.items);
      if (!items) continue;
      if (typeOf(items) === 'object') {
        // Members: their own sheet (only from the main sheet; nested arrays are web-form only).
        if (!sheets) continue;
        const sheet: FormSheet = {
          pointer, name: sheetName(title, sheets), titleZh: title, required: req, columns: [],
          ...(typeof f.schema.minItems === 'number' ? { minItems: f.schema.minItems } : {}),
          ...(typeof f.schema.maxItems === 'number' ? { maxItems: f.schema.maxItems } : {}),
        };
        columnsOf(ctx, items, uiOf(fui, 'items'), '', [], true, false, depth + 1, null, sheet.columns);
        disambiguate(sheet.columns);
        sheets.push(sheet);
        continue;
      }
      const col = leafColumn(items, uiOf(fui, 'items') ?? fui, pointer, title, req, cond);
      if (col) into.push({ ...col, list: true, ...(textOf(f.schema, fui) ? { help: textOf(f.schema, fui) } : {}) });
      continue;
    }
    const col = leafColumn(f.schema, fui, pointer, title, req, cond);
    if (col) into.push(Object.assign(col, { parents: parentTitles }));
  }
}

/** Two columns titled alike (姓名 under 户主 and under 监护人) get their parents' titles in front. */
function disambiguate(columns: FormColumn[]): void {
  const count = new Map<string, number>();
  for (const c of columns) count.set(c.titleZh, (count.get(c.titleZh) ?? 0) + 1);
  for (const c of columns as Array<FormColumn & { parents?: string[] }>) {
    if ((count.get(c.titleZh) ?? 0) > 1 && c.parents?.length) c.titleZh = `${c.parents.join('·')}·${c.titleZh}`;
  }
  // Still clashing (same parents): number them, so every header names one column.
  const seen = new Map<string, number>();
  for (const c of columns as Array<FormColumn & { parents?: string[] }>) {
    const n = (seen.get(c.titleZh) ?? 0) + 1;
    seen.set(c.titleZh, n);
    if (n > 1) c.titleZh = `${c.titleZh}（${n}）`;
    delete c.parents;
  }
}

function sheetName(title: string, taken: FormSheet[]): string {
  let name = title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || '成员';
  if (name === MAIN_SHEET_NAME) name = `${name}2`;
  let n = 2;
  const base = name;
  while (taken.some((s) => s.name === name)) name = `${base.slice(0, 26)}${n++}`;
  return name;
}

/** The form's columns: the main sheet and one sheet per array of objects. */
export function formColumns(schema: unknown, uiSchema?: unknown, options: { hidden?: boolean } = {}): FormLayout {
  const ctx: Ctx = { root: schema, anchors: collectAnchors(schema), hidden: !!options.hidden };
  const root = deref(ctx, schema) ?? {};
  const ui = isSchemaObject(uiSchema) ? uiSchema : undefined;
  const main: FormSheet = { pointer: '', name: MAIN_SHEET_NAME, titleZh: '', required: true, columns: [] };
  const members: FormSheet[] = [];
  columnsOf(ctx, root, ui, '', [], true, false, 0, members, main.columns);
  disambiguate(main.columns);
  return { main, members };
}

/**
 * A value as a cell shows it: enum labels instead of values, lists joined with 、, dates as
 * YYYY-MM-DD text, numbers as numbers. `undefined` for an absent value (an empty cell).
 */
export function toCell(column: FormColumn, value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (column.list) {
    if (!Array.isArray(value)) return undefined;
    return value.map((v) => String(toCell({ ...column, list: false }, v) ?? '')).join(LIST_SEPARATORS[0]);
  }
  if (column.enum) {
    const hit = column.enum.find((o) => o.value === value);
    return hit ? hit.label : String(value);
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A column of the flat view: member fields carry `*` and their array's pointer. */
export interface Column {
  /** JSON pointer into the data; `*` stands for every element of an array of objects. */
  pointer: string;
  titleZh: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'list';
  /** The schema's `format` (date, date-time, cn-idcard, …), when given. */
  format?: string;
  /** Enum values with their labels (ui:enumNames, oneOf const/title, 是/否 for booleans). */
  enumLabels?: { value: unknown; label: string }[];
  /** For fields of an array of objects: the array's pointer (the sheet they go to). */
  array?: string;
}

export interface ArrayGroup {
  pointer: string;
  titleZh: string;
}

export interface FormColumns {
  columns: Column[];
  /** Arrays of objects, each exported as a sheet of its own keyed by the case's reference. */
  arrays: ArrayGroup[];
}

function flat(c: FormColumn, pointer: string, array?: string): Column {
  const boolean = c.type === 'enum' && c.enum?.length === 2 && c.enum.every((o) => typeof o.value === 'boolean');
  const type: Column['type'] = c.list ? 'list' : c.type === 'integer' || c.type === 'number' ? c.type : boolean ? 'boolean' : 'string';
  return {
    pointer, titleZh: c.titleZh, type,
    ...(c.format ? { format: c.format } : {}),
    ...(c.enum ? { enumLabels: c.enum } : {}),
    ...(array ? { array } : {}),
  };
}

/**
 * The same walk as one list, for exports, ledgers and dossiers: every field, hidden ones too, in
 * form order; members' fields as `/members/*\/name` with `array: '/members'`.
 */
export function flatColumns(schema: unknown, uiSchema?: unknown): FormColumns {
  const layout = formColumns(schema, uiSchema, { hidden: true });
  return {
    columns: [
      ...layout.main.columns.map((c) => flat(c, c.pointer)),
      ...layout.members.flatMap((m) => m.columns.map((c) => flat(c, `${m.pointer}/${ANY_INDEX}${c.pointer}`, m.pointer))),
    ],
    arrays: layout.members.map((m) => ({ pointer: m.pointer, titleZh: m.titleZh })),
  };
}

/** The label of a value of this column (enum labels, 是/否), or the value itself. */
export function labelOf(column: Column, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (column.enumLabels) {
    if (Array.isArray(value)) return value.map((v) => String(column.enumLabels!.find((e) => e.value === v)?.label ?? v)).join('、');
    const hit = column.enumLabels.find((e) => e.value === value);
    if (hit) return hit.label;
  }
  return value;
}
