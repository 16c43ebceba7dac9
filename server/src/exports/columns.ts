/**
 * A form schema (and its uiSchema) flattened to spreadsheet columns: one column per leaf field,
 * in the order the form shows them (`ui:order`, then schema order), titled in Chinese, with the
 * labels of enum values. Fields inside an array of objects (家庭成员) carry `*` in their pointer
 * and the pointer of their array in `array`: an export puts them on a sheet of their own, one row
 * per element. Pure: a function of (schema, uiSchema), usable by the client and by imports.
 */
import { ANY_INDEX, escapeSegment } from '../programmes/form-pointer.js';
import { isSchemaObject, subschemasOf, declaredTypes, type SchemaObject } from '../programmes/form-walk.js';
import { collectAnchors, resolveLocalRef } from '../programmes/form-annotations.js';

export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'list';

export interface Column {
  /** JSON pointer into the data; `*` stands for every element of an array of objects. */
  pointer: string;
  titleZh: string;
  type: ColumnType;
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

const MAX_VISITS = 5000;

type Ui = Record<string, unknown> | undefined;
const uiChild = (ui: Ui, key: string): Ui => (isSchemaObject(ui?.[key]) ? (ui![key] as Record<string, unknown>) : undefined);

/** Property keys of an object node in display order: `ui:order` (with `*` for the rest), then schema order. */
function ordered(keys: string[], ui: Ui): string[] {
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

function enumLabelsOf(node: SchemaObject, ui: Ui, types: string[]): Column['enumLabels'] {
  const names = Array.isArray(ui?.['ui:enumNames']) ? (ui!['ui:enumNames'] as unknown[]) : undefined;
  if (Array.isArray(node.enum)) {
    return node.enum.map((value, i) => ({ value, label: typeof names?.[i] === 'string' ? (names[i] as string) : value === true ? '是' : value === false ? '否' : String(value) }));
  }
  for (const kw of ['oneOf', 'anyOf']) {
    const list = node[kw];
    if (Array.isArray(list) && list.length && list.every((s) => isSchemaObject(s) && 'const' in s)) {
      return (list as SchemaObject[]).map((s) => ({ value: s.const, label: typeof s.title === 'string' ? s.title : String(s.const) }));
    }
  }
  if (types.includes('boolean')) {
    return [{ value: true, label: typeof names?.[0] === 'string' ? (names[0] as string) : '是' }, { value: false, label: typeof names?.[1] === 'string' ? (names[1] as string) : '否' }];
  }
  return undefined;
}

/**
 * Every leaf field of the form. Properties met through allOf/if/then/dependencies are merged into
 * their object (first title wins); local `$ref`s are followed (a recursive one once).
 */
export function formColumns(schema: unknown, uiSchema: unknown = {}): FormColumns {
  const anchors = collectAnchors(schema);
  const columns = new Map<string, Column>();
  const arrays = new Map<string, ArrayGroup>();
  let visits = 0;
  const refStack = new Set<unknown>();

  /** Collects the properties of an object node (following 'same' subschemas and $ref). */
  const propertiesOf = (node: SchemaObject, into: Map<string, { schemas: SchemaObject[] }>, depth: number) => {
    if (depth > 32 || ++visits > MAX_VISITS) return;
    if (typeof node.$ref === 'string') {
      const target = resolveLocalRef(schema, node.$ref, anchors);
      if (isSchemaObject(target) && !refStack.has(target)) {
        refStack.add(target);
        propertiesOf(target, into, depth + 1);
        refStack.delete(target);
      }
    }
    for (const sub of subschemasOf(node)) {
      if (!isSchemaObject(sub.schema)) continue;
      if (sub.relation === 'child') {
        const entry = into.get(sub.dataKey!) ?? { schemas: [] };
        entry.schemas.push(sub.schema);
        into.set(sub.dataKey!, entry);
      } else if (sub.relation === 'same') {
        // allOf, if/then/else, dependencies, and oneOf/anyOf alternatives: their properties are
        // fields of this object too (possible ones).
        propertiesOf(sub.schema, into, depth + 1);
      }
    }
  };

  const deref = (node: SchemaObject): SchemaObject => {
    let n = node;
    for (let i = 0; i < 8 && typeof n.$ref === 'string'; i++) {
      const t = resolveLocalRef(schema, n.$ref, anchors);
      if (!isSchemaObject(t)) break;
      n = { ...t, ...Object.fromEntries(Object.entries(n).filter(([k]) => k !== '$ref')) };
    }
    return n;
  };

  const field = (schemas: SchemaObject[], pointer: string, ui: Ui, title: string, array: string | undefined, depth: number) => {
    if (depth > 32 || ++visits > MAX_VISITS) return;
    const merged = deref(Object.assign({}, ...[...schemas].reverse()) as SchemaObject);
    const types = declaredTypes(merged);
    const ownTitle = schemas.map((s) => deref(s).title).find((t): t is string => typeof t === 'string' && t.length > 0) ?? title;
    const isObject = types.includes('object') || (!types.length && (isSchemaObject(merged.properties) || Array.isArray(merged.allOf)));
    if (isObject) {
      const props = new Map<string, { schemas: SchemaObject[] }>();
      for (const s of schemas) propertiesOf(s, props, depth + 1);
      for (const key of ordered([...props.keys()], ui)) {
        field(props.get(key)!.schemas, `${pointer}/${escapeSegment(key)}`, uiChild(ui, key), key, array, depth + 1);
      }
      return;
    }
    if (types.includes('array')) {
      const items = isSchemaObject(merged.items) ? deref(merged.items) : undefined;
      const itemTypes = items ? declaredTypes(items) : [];
      if (items && !array && (itemTypes.includes('object') || isSchemaObject(items.properties))) {
        arrays.set(pointer, { pointer, titleZh: ownTitle });
        const itemPointer = `${pointer}/${ANY_INDEX}`;
        const props = new Map<string, { schemas: SchemaObject[] }>();
        propertiesOf(items, props, depth + 1);
        const itemUi = uiChild(ui, 'items');
        for (const key of ordered([...props.keys()], itemUi)) {
          field(props.get(key)!.schemas, `${itemPointer}/${escapeSegment(key)}`, uiChild(itemUi, key), key, pointer, depth + 1);
        }
        return;
      }
      // An array of values (or an array inside a member): one cell, values joined.
      const labels = items ? enumLabelsOf(items, uiChild(ui, 'items'), itemTypes) : undefined;
      if (!columns.has(pointer)) columns.set(pointer, { pointer, titleZh: ownTitle, type: 'list', ...(labels ? { enumLabels: labels } : {}), ...(array ? { array } : {}) });
      return;
    }
    const type: ColumnType = types.includes('integer') ? 'integer' : types.includes('number') ? 'number' : types.includes('boolean') ? 'boolean' : 'string';
    const labels = enumLabelsOf(merged, ui, types);
    if (columns.has(pointer)) return;
    columns.set(pointer, {
      pointer, titleZh: ownTitle, type,
      ...(typeof merged.format === 'string' ? { format: merged.format } : {}),
      ...(labels ? { enumLabels: labels } : {}),
      ...(array ? { array } : {}),
    });
  };

  if (isSchemaObject(schema)) field([schema], '', isSchemaObject(uiSchema) ? uiSchema : undefined, '', undefined, 0);
  return { columns: disambiguate([...columns.values()], schema), arrays: [...arrays.values()] };
}

/**
 * Two fields titled alike (学生 姓名, 户主 姓名) get their parent's title in front ("户主信息·姓名"), so
 * every header of a sheet names one field.
 */
function disambiguate(columns: Column[], schema: unknown): Column[] {
  const parentTitle = (pointer: string): string => {
    const segs = pointer.split('/').slice(1, -1).filter((s) => s !== ANY_INDEX);
    let node: unknown = schema;
    let title = '';
    for (const seg of segs) {
      const next = isSchemaObject(node) && isSchemaObject(node.properties) ? (node.properties as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      node = isSchemaObject(next) && isSchemaObject(next.items) && !isSchemaObject(next.properties) ? next.items : next;
      if (isSchemaObject(next) && typeof next.title === 'string') title = next.title;
      else title = seg;
    }
    return title;
  };
  const sheetOf = (c: Column) => c.array ?? '';
  const count = new Map<string, number>();
  for (const c of columns) count.set(`${sheetOf(c)}\u0000${c.titleZh}`, (count.get(`${sheetOf(c)}\u0000${c.titleZh}`) ?? 0) + 1);
  return columns.map((c) => {
    if ((count.get(`${sheetOf(c)}\u0000${c.titleZh}`) ?? 0) < 2) return c;
    const parent = parentTitle(c.pointer);
    return parent ? { ...c, titleZh: `${parent}·${c.titleZh}` } : c;
  });
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
