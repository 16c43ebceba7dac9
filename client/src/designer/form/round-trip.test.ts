import { describe, expect, it } from 'vitest';
import { fromSchema } from './from-schema';
import { toSchema } from './to-schema';
import { shippedForms } from './shipped-forms';
import { TEMPLATE_FORM, TEMPLATE_UI } from '../../pages/designer-template';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON Schema equality: key order never matters, nor the order of `required`. */
function normSchema(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normSchema);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const k of Object.keys(v).sort()) {
    out[k] = k === 'required' && Array.isArray(v[k]) ? [...(v[k] as string[])].sort() : normSchema(v[k]);
  }
  return out;
}

/** uiSchema equality: key order and empty nodes never matter; `ui:order` is compared as the display order it gives. */
function normUi(v: unknown): unknown {
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const k of Object.keys(v).sort()) {
    if (k === 'ui:order') continue;
    const n = normUi(v[k]);
    if (isObj(n) && Object.keys(n).length === 0 && !k.startsWith('ui:')) continue;
    out[k] = n;
  }
  return out;
}

/** The order rjsf shows an object's fields in: `ui:order`, then the rest as declared, then fields of `then`. */
function displayOrders(schema: unknown, ui: unknown, at = ''): Record<string, string[]> {
  if (!isObj(schema)) return {};
  const u = isObj(ui) ? ui : {};
  const keys: string[] = Object.keys(isObj(schema.properties) ? schema.properties : {});
  const thens = [schema.then, ...(Array.isArray(schema.allOf) ? schema.allOf.map((p) => (isObj(p) ? p.then : undefined)) : [])];
  for (const t of thens) if (isObj(t) && isObj(t.properties)) keys.push(...Object.keys(t.properties));
  const order = Array.isArray(u['ui:order']) ? (u['ui:order'] as string[]).filter((k) => keys.includes(k)) : [];
  const shown = [...order, ...keys.filter((k) => !order.includes(k))];
  const out: Record<string, string[]> = keys.length ? { [at || '/']: shown } : {};
  const all: Obj = { ...(isObj(schema.properties) ? schema.properties : {}) };
  for (const t of thens) if (isObj(t) && isObj(t.properties)) Object.assign(all, t.properties);
  for (const [k, sub] of Object.entries(all)) {
    if (!isObj(sub)) continue;
    if (sub.type === 'object') Object.assign(out, displayOrders(sub, u[k], `${at}/${k}`));
    if (sub.type === 'array' && isObj(sub.items)) Object.assign(out, displayOrders(sub.items, isObj(u[k]) ? (u[k] as Obj).items : undefined, `${at}/${k}/items`));
  }
  return out;
}

/**
 * Forms in the docs that show JSON Schema features a visual builder does not offer: they open in
 * the JSON editor, with exactly these keywords named.
 */
const EXPECTED_UNSUPPORTED: Record<string, string[]> = {
  // the pay is fixed by the post (`then` sets a value, not a field shown)
  'docs/examples/welfare-job.form.json': ['/allOf/0/if', '/allOf/1/if', '/allOf/2/if'],
  // references to definitions
  'docs/form-keywords.md#members@4a043261': ['/definitions', '/properties/members/items', '/properties/members/$ref'],
  'docs/form-keywords.md#members@7de73016': ['/definitions', '/properties/members/items', '/properties/members/allOf'],
  // an open tuple: the head of household first, then further members
  'docs/form-keywords.md#people@702310bc': ['/properties/people/items', '/properties/people/additionalItems'],
};

const forms = [...shippedForms(), { name: 'designer-template', schema: TEMPLATE_FORM, uiSchema: TEMPLATE_UI }];

describe('every shipped form round-trips through the builder model', () => {
  it('finds the shipped forms', () => {
    expect(forms.filter((f) => f.name.startsWith('schemas/')).length).toBeGreaterThanOrEqual(7);
    expect(forms.filter((f) => f.name.startsWith('docs/')).length).toBeGreaterThanOrEqual(10);
  });

  for (const form of forms) {
    it(form.name, () => {
      const { model, unsupported } = fromSchema(form.schema, form.uiSchema);
      expect(unsupported).toEqual(EXPECTED_UNSUPPORTED[form.name] ?? []);
      if (unsupported.length) return;
      const back = toSchema(model);
      expect(normSchema(back.schema)).toEqual(normSchema(form.schema));
      expect(normUi(back.uiSchema)).toEqual(normUi(form.uiSchema ?? {}));
      expect(displayOrders(back.schema, back.uiSchema)).toEqual(displayOrders(form.schema, form.uiSchema));
    });
  }
});
