/**
 * The form builder's model of a programme form: a tree of fields a designer edits by pointing and
 * clicking. It is converted from a form schema + uiSchema (from-schema.ts) and back (to-schema.ts);
 * whatever a schema says that the model cannot hold is reported, never dropped silently.
 */

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'date'
  | 'boolean'
  | 'choice'
  | 'multichoice'
  | 'idcard'
  | 'mobile'
  | 'region'
  | 'attachment'
  | 'table'
  | 'computed'
  | 'section';

export type Scalar = string | number | boolean;

/** "Shown when sibling field `field` equals `equals`" (compiled to `if`/`then` on the container). */
export interface Condition {
  field: string;
  equals: Scalar;
}

export interface ChoiceOption {
  value: Scalar;
  /** a label different from the value: the field is written with `oneOf` of `const` + `title` */
  label?: string;
}

export type MaskKind = 'idcard' | 'name' | 'phone';
export type Aggregate = 'sum' | 'avg' | 'none';
export type Unique = boolean | { scope?: string[]; group?: string };

/**
 * Validation keywords a field may carry as they are; the side panel edits those that make sense
 * for the field's kind. Kept under their JSON-Schema names so conversion is a plain copy.
 */
export const LIMIT_KEYS = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'default',
  'readOnly',
] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];
export type Limits = Partial<Record<LimitKey, unknown>>;

export interface Field {
  /** stable identity for the editor (not saved) */
  id: string;
  /** the property name in the data */
  key: string;
  kind: FieldKind;
  title?: string;
  description?: string;
  /** uiSchema `ui:help` */
  help?: string;
  /** uiSchema `ui:placeholder` */
  placeholder?: string;
  required?: boolean;
  limits: Limits;
  /** number, money and computed fields: the unit, written at the end of the title as `（元）` */
  unit?: string;
  /** number, money, computed: JSON type `integer` instead of `number` (computed: also string/boolean) */
  valueType?: 'string' | 'number' | 'integer' | 'boolean';
  /** reports: how the field adds up over cases (`x-aggregate`) */
  aggregate?: Aggregate;
  /** choice, multichoice */
  options?: ChoiceOption[];
  /** choice, multichoice: written as `oneOf` of `const` (+ `title`) rather than `enum` */
  labelled?: boolean;
  public?: boolean;
  mask?: MaskKind;
  unique?: Unique;
  /** computed: the JSON Logic rule (`x-compute`) */
  compute?: unknown;
  /** section: its fields; table: its columns */
  fields?: Field[];
  /** table: `items.title` */
  itemTitle?: string;
  /** shown only when the condition holds */
  visibleWhen?: Condition;
  /** required only when the condition holds (the field itself is always shown) */
  requiredWhen?: Condition;
  /** the rest of this field's uiSchema node (widgets, options), kept as written */
  ui: Record<string, unknown>;
  /** table: the rest of the `items` uiSchema node */
  itemsUi?: Record<string, unknown>;
  /** section, table: a single condition is written inside `allOf` (as it was read) */
  conditionsInAllOf?: boolean;
}

export interface FormModel {
  title?: string;
  description?: string;
  fields: Field[];
  /** the rest of the root uiSchema node */
  ui: Record<string, unknown>;
  /** a single condition at the root is written inside `allOf` (as it was read) */
  conditionsInAllOf?: boolean;
}

export const CONTAINER_KINDS: readonly FieldKind[] = ['section', 'table'];
export const isContainer = (f: Field) => f.kind === 'section' || f.kind === 'table';

let seq = 0;
/** A fresh editor identity (not part of the schema). */
export const newId = () => `f${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Kinds whose value is a number (offered to formulas and `x-aggregate`). */
export const isNumeric = (f: Field) =>
  f.kind === 'number' || f.kind === 'money' || (f.kind === 'computed' && (f.valueType === 'number' || f.valueType === 'integer'));

/** A field property name: letters, digits and `_`, starting with a letter (what pointers and formulas read well). */
export const KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Walks every field with its container path (keys of enclosing sections/tables). */
export function* walkFields(fields: readonly Field[], path: string[] = []): Generator<{ field: Field; path: string[]; inTable: boolean }> {
  for (const field of fields) {
    yield { field, path, inTable: false };
    if (field.fields) {
      for (const inner of walkFields(field.fields, [...path, field.key])) {
        yield { ...inner, inTable: inner.inTable || field.kind === 'table' };
      }
    }
  }
}
