/**
 * Builder model → form schema + uiSchema. Conditions become `if`/`then` on the field's container
 * (one condition) or an `allOf` of them (several): a field shown only when its condition holds is
 * defined only in `then`, as docs/form-keywords.md describes for conditional fields.
 */
import type { Condition, Field, FormModel } from './field-model';

type Obj = Record<string, unknown>;

const FORMATS: Partial<Record<Field['kind'], string>> = { idcard: 'cn-idcard', mobile: 'cn-mobile', date: 'date' };
const KIND_WIDGET: Partial<Record<Field['kind'], string>> = { textarea: 'textarea', attachment: 'attachment', region: 'region' };

export function jsonType(f: Field): string {
  switch (f.kind) {
    case 'number':
      return f.valueType === 'integer' ? 'integer' : 'number';
    case 'money':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'choice':
      return f.valueType ?? 'string';
    case 'computed':
      return f.valueType ?? 'number';
    case 'multichoice':
    case 'table':
      return 'array';
    case 'section':
      return 'object';
    default:
      return 'string';
  }
}

function choices(f: Field): Obj {
  const options = f.options ?? [];
  if (f.labelled || options.some((o) => o.label !== undefined)) {
    return { oneOf: options.map((o) => (o.label !== undefined ? { const: o.value, title: o.label } : { const: o.value })) };
  }
  // No labels: a plain enum, the values read as labels (as most shipped forms do).
  return { enum: options.map((o) => o.value) };
}

function fieldSchema(f: Field): Obj {
  const s: Obj = { type: jsonType(f) };
  const title = f.title !== undefined && f.unit ? `${f.title}（${f.unit}）` : f.title;
  if (title !== undefined) s.title = title;
  if (f.description !== undefined) s.description = f.description;
  const format = FORMATS[f.kind];
  if (format) s.format = format;
  if (f.kind === 'choice') Object.assign(s, choices(f));
  if (f.kind === 'multichoice') s.items = { type: f.valueType ?? 'string', ...choices(f) };
  if (f.kind === 'money') s.multipleOf = 0.01;
  for (const [k, v] of Object.entries(f.limits)) if (v !== undefined) s[k] = v;
  if (f.kind === 'computed') s['x-compute'] = f.compute;
  if (f.kind === 'section') Object.assign(s, container(f.fields ?? [], f.conditionsInAllOf).schema);
  if (f.kind === 'table') {
    s.items = { type: 'object', ...(f.itemTitle !== undefined ? { title: f.itemTitle } : {}), ...container(f.fields ?? [], f.conditionsInAllOf).schema };
  }
  if (f.public !== undefined) s['x-public'] = f.public;
  if (f.mask !== undefined) s['x-mask'] = f.mask;
  if (f.unique !== undefined) s['x-unique'] = f.unique;
  if (f.aggregate !== undefined) s['x-aggregate'] = f.aggregate;
  return s;
}

function fieldUi(f: Field): Obj {
  const ui: Obj = { ...f.ui };
  const widget = KIND_WIDGET[f.kind];
  if (widget) ui['ui:widget'] = widget;
  if (f.help !== undefined) ui['ui:help'] = f.help;
  if (f.placeholder !== undefined) ui['ui:placeholder'] = f.placeholder;
  if (f.kind === 'section') Object.assign(ui, container(f.fields ?? []).ui);
  if (f.kind === 'table') {
    const items = { ...(f.itemsUi ?? {}), ...container(f.fields ?? []).ui };
    if (Object.keys(items).length) ui.items = items;
  }
  return ui;
}

const condKey = (c: Condition) => JSON.stringify([c.field, c.equals]);

function container(fields: readonly Field[], inAllOf = false): { schema: Obj; ui: Obj } {
  const properties: Obj = {};
  const required: string[] = [];
  const ui: Obj = {};
  const rules = new Map<string, { cond: Condition; properties: Obj; required: string[] }>();
  const rule = (c: Condition) => {
    const k = condKey(c);
    if (!rules.has(k)) rules.set(k, { cond: c, properties: {}, required: [] });
    return rules.get(k)!;
  };
  for (const f of fields) {
    if (f.visibleWhen) {
      const r = rule(f.visibleWhen);
      r.properties[f.key] = fieldSchema(f);
      if (f.required) r.required.push(f.key);
    } else {
      properties[f.key] = fieldSchema(f);
      if (f.required) required.push(f.key);
      if (f.requiredWhen) rule(f.requiredWhen).required.push(f.key);
    }
    const node = fieldUi(f);
    if (Object.keys(node).length) ui[f.key] = node;
  }
  if (fields.length > 1) ui['ui:order'] = fields.map((f) => f.key);
  const schema: Obj = { properties };
  if (required.length) schema.required = required;
  const parts = [...rules.values()].map((r) => ({
    if: { properties: { [r.cond.field]: { const: r.cond.equals } }, required: [r.cond.field] },
    then: { ...(Object.keys(r.properties).length ? { properties: r.properties } : {}), ...(r.required.length ? { required: r.required } : {}) },
  }));
  if (parts.length === 1 && !inAllOf) Object.assign(schema, parts[0]);
  else if (parts.length) schema.allOf = parts;
  return { schema, ui };
}

/** The form schema and uiSchema the model describes. */
export function toSchema(model: FormModel): { schema: Obj; uiSchema: Obj } {
  const { schema: body, ui } = container(model.fields, model.conditionsInAllOf);
  const schema: Obj = { type: 'object' };
  if (model.title !== undefined) schema.title = model.title;
  if (model.description !== undefined) schema.description = model.description;
  Object.assign(schema, body);
  return { schema, uiSchema: { ...model.ui, ...ui } };
}
