/**
 * Form schema + uiSchema → builder model. Every keyword the model cannot hold is reported by its
 * JSON pointer in `unsupported`; the designer page then keeps the JSON editor for that form rather
 * than open it in the builder and lose the keyword on save.
 */
import { LIMIT_KEYS, newId, type ChoiceOption, type Condition, type Field, type FieldKind, type FormModel, type Limits, type Scalar } from './field-model';

export interface FromSchemaResult {
  model: FormModel;
  /** JSON pointers (into the form schema, or `ui:` + pointer into the uiSchema) of what the model cannot represent */
  unsupported: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const own = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Keywords every field may carry, and what each kind adds. */
const COMMON = new Set(['type', 'title', 'description', 'x-public', 'x-mask', 'x-unique', 'x-aggregate', ...LIMIT_KEYS]);
const UNIT_RE = /^(.*\S)（([^（）]+)）$/;
/** Widgets that decide a string field's kind (the others stay in the field's ui as written). */
const KIND_WIDGETS: Record<string, FieldKind> = { textarea: 'textarea', attachment: 'attachment', region: 'region' };

class Reader {
  unsupported: string[] = [];
  report(ptr: string) {
    this.unsupported.push(ptr);
  }

  condition(node: unknown, ptr: string, siblings: Set<string>): Condition | null {
    if (!isObj(node) || !isObj(node.properties)) return this.report(ptr), null;
    const names = Object.keys(node.properties);
    const keysOk = Object.keys(node).every((k) => k === 'properties' || k === 'required');
    const field = names[0];
    const test = node.properties[field];
    const reqOk = Array.isArray(node.required) && node.required.length === 1 && node.required[0] === field;
    if (!keysOk || names.length !== 1 || !reqOk || !isObj(test) || Object.keys(test).join() !== 'const' || !isScalar(test.const) || !siblings.has(field)) {
      this.report(ptr);
      return null;
    }
    return { field, equals: test.const };
  }

  /** An object's properties (plus fields shown under conditions) in display order; the rest of its ui node. */
  container(node: Obj, uiNode: unknown, ptr: string): { fields: Field[]; uiRest: Obj; inAllOf: boolean } {
    const ui = isObj(uiNode) ? uiNode : {};
    const props = isObj(node.properties) ? node.properties : {};
    if (own(node, 'properties') && !isObj(node.properties)) this.report(`${ptr}/properties`);
    const fields: Field[] = [];
    const byKey = new Map<string, Field>();
    for (const [key, sub] of Object.entries(props)) {
      const f = this.field(key, sub, ui[key], `${ptr}/properties/${esc(key)}`);
      fields.push(f);
      byKey.set(key, f);
    }
    if (own(node, 'required')) {
      if (!Array.isArray(node.required)) this.report(`${ptr}/required`);
      else
        node.required.forEach((name, i) => {
          const f = typeof name === 'string' ? byKey.get(name) : undefined;
          if (f) f.required = true;
          else this.report(`${ptr}/required/${i}`);
        });
    }
    // Conditions: `if`/`then` on the object itself, or several in `allOf`.
    const rules: { cond: unknown; then: unknown; ptr: string }[] = [];
    if (own(node, 'if') || own(node, 'then')) {
      if (own(node, 'if') && own(node, 'then')) rules.push({ cond: node.if, then: node.then, ptr });
      else this.report(`${ptr}/${own(node, 'if') ? 'if' : 'then'}`);
    }
    if (own(node, 'allOf')) {
      if (!Array.isArray(node.allOf)) this.report(`${ptr}/allOf`);
      else
        node.allOf.forEach((part, i) => {
          if (isObj(part) && Object.keys(part).sort().join() === 'if,then') rules.push({ cond: part.if, then: part.then, ptr: `${ptr}/allOf/${i}` });
          else this.report(`${ptr}/allOf/${i}`);
        });
    }
    const siblings = new Set(byKey.keys());
    for (const rule of rules) {
      const cond = this.condition(rule.cond, `${rule.ptr}/if`, siblings);
      if (!cond) continue;
      const then = rule.then;
      if (!isObj(then) || !Object.keys(then).every((k) => k === 'properties' || k === 'required')) {
        this.report(`${rule.ptr}/then`);
        continue;
      }
      const shown = new Map<string, Field>();
      if (own(then, 'properties')) {
        if (!isObj(then.properties)) this.report(`${rule.ptr}/then/properties`);
        else
          for (const [key, sub] of Object.entries(then.properties)) {
            if (byKey.has(key)) {
              this.report(`${rule.ptr}/then/properties/${esc(key)}`);
              continue;
            }
            const f = this.field(key, sub, ui[key], `${rule.ptr}/then/properties/${esc(key)}`);
            f.visibleWhen = cond;
            fields.push(f);
            byKey.set(key, f);
            shown.set(key, f);
          }
      }
      if (own(then, 'required')) {
        if (!Array.isArray(then.required)) this.report(`${rule.ptr}/then/required`);
        else
          then.required.forEach((name, i) => {
            const inner = typeof name === 'string' ? shown.get(name) : undefined;
            const outer = typeof name === 'string' && siblings.has(name) ? byKey.get(name) : undefined;
            if (inner) inner.required = true;
            else if (outer && !outer.requiredWhen && !outer.required) outer.requiredWhen = cond;
            else this.report(`${rule.ptr}/then/required/${i}`);
          });
      }
    }
    // Display order: `ui:order` first (unknown names and `*` ignored), then the rest as declared.
    const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string' && byKey.has(k)) : [];
    const ordered = [...new Set(order)].map((k) => byKey.get(k)!);
    for (const f of fields) if (!ordered.includes(f)) ordered.push(f);
    const uiRest: Obj = {};
    for (const [k, v] of Object.entries(ui)) if (k !== 'ui:order' && !byKey.has(k)) uiRest[k] = v;
    return { fields: ordered, uiRest, inAllOf: Array.isArray(node.allOf) && !own(node, 'if') };
  }

  options(s: Obj, ptr: string): { options: ChoiceOption[]; labelled?: boolean } | null {
    if (own(s, 'enum') && own(s, 'oneOf')) return this.report(`${ptr}/oneOf`), null;
    if (own(s, 'enum')) {
      if (!Array.isArray(s.enum) || !s.enum.every(isScalar)) return this.report(`${ptr}/enum`), null;
      return { options: s.enum.map((value) => ({ value })) };
    }
    if (!Array.isArray(s.oneOf)) return this.report(`${ptr}/oneOf`), null;
    const options: ChoiceOption[] = [];
    s.oneOf.forEach((o, i) => {
      const ok = isObj(o) && isScalar(o.const) && Object.keys(o).every((k) => k === 'const' || (k === 'title' && typeof o.title === 'string'));
      if (!ok) this.report(`${ptr}/oneOf/${i}`);
      else options.push(typeof o.title === 'string' ? { value: o.const as Scalar, label: o.title } : { value: o.const as Scalar });
    });
    return { options, labelled: true };
  }

  field(key: string, schema: unknown, uiNode: unknown, ptr: string): Field {
    const ui: Obj = isObj(uiNode) ? { ...uiNode } : {};
    const f: Field = { id: newId(), key, kind: 'text', limits: {}, ui };
    if (!isObj(schema)) {
      this.report(ptr);
      return f;
    }
    const s = schema;
    const type = s.type;
    const allowed = new Set(COMMON);
    const widget = typeof ui['ui:widget'] === 'string' ? (ui['ui:widget'] as string) : undefined;
    const consume = (...keys: string[]) => keys.forEach((k) => allowed.add(k));
    const takeWidget = () => delete ui['ui:widget'];

    if (own(s, 'x-compute')) {
      f.kind = 'computed';
      f.compute = s['x-compute'];
      consume('x-compute');
      if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') f.valueType = type;
      else this.report(`${ptr}/type`);
    } else if (type === 'object') {
      f.kind = 'section';
      consume('properties', 'required', 'if', 'then', 'allOf');
      const { fields, uiRest, inAllOf } = this.container(s, ui, ptr);
      f.fields = fields;
      f.ui = uiRest;
      if (inAllOf) f.conditionsInAllOf = true;
    } else if (type === 'array') {
      consume('items');
      const items = s.items;
      if (isObj(items) && items.type === 'object') {
        f.kind = 'table';
        const itemKeys = new Set(['type', 'title', 'properties', 'required', 'if', 'then', 'allOf']);
        for (const k of Object.keys(items)) if (!itemKeys.has(k)) this.report(`${ptr}/items/${esc(k)}`);
        if (typeof items.title === 'string') f.itemTitle = items.title;
        const { items: itemsUi, ...rest } = ui;
        const { fields, uiRest, inAllOf } = this.container(items, itemsUi, `${ptr}/items`);
        if (inAllOf) f.conditionsInAllOf = true;
        f.fields = fields;
        f.ui = rest;
        f.itemsUi = uiRest;
      } else if (isObj(items) && (own(items, 'enum') || own(items, 'oneOf')) && (items.type === 'string' || items.type === 'integer' || items.type === 'number')) {
        f.kind = 'multichoice';
        for (const k of Object.keys(items)) if (!['type', 'enum', 'oneOf'].includes(k)) this.report(`${ptr}/items/${esc(k)}`);
        const opts = this.options(items, `${ptr}/items`);
        if (opts) Object.assign(f, opts);
        if (items.type !== 'string') f.valueType = items.type as Field['valueType'];
      } else {
        this.report(`${ptr}/items`);
      }
    } else if (type === 'boolean') {
      f.kind = 'boolean';
    } else if (type === 'number' || type === 'integer') {
      if (own(s, 'enum') || own(s, 'oneOf')) {
        f.kind = 'choice';
        f.valueType = type;
      } else if (type === 'number' && s.multipleOf === 0.01) {
        f.kind = 'money';
        consume('multipleOf');
      } else {
        f.kind = 'number';
        if (type === 'integer') f.valueType = 'integer';
      }
    } else if (type === 'string') {
      if (own(s, 'enum') || own(s, 'oneOf')) f.kind = 'choice';
      else if (s.format === 'cn-idcard') f.kind = 'idcard';
      else if (s.format === 'cn-mobile') f.kind = 'mobile';
      else if (s.format === 'date') f.kind = 'date';
      else if (widget && KIND_WIDGETS[widget]) {
        f.kind = KIND_WIDGETS[widget];
        takeWidget();
      } else f.kind = 'text';
    } else {
      this.report(`${ptr}/type`);
    }
    if (f.kind === 'choice') {
      consume('enum', 'oneOf');
      const opts = this.options(s, ptr);
      if (opts) Object.assign(f, opts);
    }

    for (const k of Object.keys(s)) if (!allowed.has(k)) this.report(`${ptr}/${esc(k)}`);
    if (typeof s.title === 'string') {
      const m = f.kind === 'number' || f.kind === 'money' || (f.kind === 'computed' && f.valueType !== 'string' && f.valueType !== 'boolean') ? UNIT_RE.exec(s.title) : null;
      if (m) {
        f.title = m[1];
        f.unit = m[2];
      } else f.title = s.title;
    } else if (own(s, 'title')) this.report(`${ptr}/title`);
    if (typeof s.description === 'string') f.description = s.description;
    else if (own(s, 'description')) this.report(`${ptr}/description`);
    const limits: Limits = {};
    const formatKind = f.kind === 'idcard' || f.kind === 'mobile' || f.kind === 'date';
    for (const k of LIMIT_KEYS) if (own(s, k) && !(k === 'format' && formatKind) && !(k === 'multipleOf' && f.kind === 'money')) limits[k] = s[k];
    f.limits = limits;
    if (own(s, 'x-public')) f.public = s['x-public'] as boolean;
    if (own(s, 'x-mask')) f.mask = s['x-mask'] as Field['mask'];
    if (own(s, 'x-unique')) f.unique = s['x-unique'] as Field['unique'];
    if (own(s, 'x-aggregate')) f.aggregate = s['x-aggregate'] as Field['aggregate'];
    if (f.kind !== 'section' && f.kind !== 'table') {
      if (typeof f.ui['ui:help'] === 'string') {
        f.help = f.ui['ui:help'] as string;
        delete f.ui['ui:help'];
      }
      if (typeof f.ui['ui:placeholder'] === 'string') {
        f.placeholder = f.ui['ui:placeholder'] as string;
        delete f.ui['ui:placeholder'];
      }
    }
    return f;
  }
}

/** The builder model of a form; `unsupported` lists what it could not hold (empty: the round trip is exact). */
export function fromSchema(schema: unknown, uiSchema?: unknown): FromSchemaResult {
  const r = new Reader();
  const model: FormModel = { fields: [], ui: {} };
  if (!isObj(schema) || schema.type !== 'object') {
    r.report('');
    return { model, unsupported: r.unsupported };
  }
  const rootKeys = new Set(['type', 'title', 'description', 'properties', 'required', 'if', 'then', 'allOf']);
  for (const k of Object.keys(schema)) if (!rootKeys.has(k)) r.report(`/${esc(k)}`);
  if (typeof schema.title === 'string') model.title = schema.title;
  if (typeof schema.description === 'string') model.description = schema.description;
  const { fields, uiRest, inAllOf } = r.container(schema, uiSchema, '');
  if (inAllOf) model.conditionsInAllOf = true;
  model.fields = fields;
  model.ui = uiRest;
  return { model, unsupported: r.unsupported };
}
