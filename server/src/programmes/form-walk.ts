/**
 * Where draft-07 puts subschemas, and how each relates to the data it validates. Both the schema
 * checks and the public/unique field collection walk a schema with this one table, so they agree
 * on what counts as a field. Pure (the client may use it for a designer preview).
 */
import { escapeSegment } from './form-pointer.js';

export type SchemaObject = Record<string, unknown>;

/**
 * How a subschema's data relates to its parent's data:
 * - `same`: the same value (allOf/anyOf/oneOf, if/then/else, schema-form dependencies)
 * - `child`: the property `dataKey` of an object
 * - `item`: every element of an array (`items` as a single schema)
 * - `index`: element `dataKey` of an array (tuple `items`)
 * - `none`: no fixed data location (definitions, not, contains, patternProperties, …)
 */
export type DataRelation = 'same' | 'child' | 'item' | 'index' | 'none';

export interface Subschema {
  schema: unknown;
  /** JSON pointer of the subschema inside the schema document, relative to the parent. */
  pointerSuffix: string;
  relation: DataRelation;
  dataKey?: string;
}

const MAP_KEYWORDS: Record<string, DataRelation> = {
  properties: 'child',
  patternProperties: 'none',
  definitions: 'none',
  $defs: 'none',
  dependencies: 'same',
};
const SINGLE_KEYWORDS: Record<string, DataRelation> = {
  additionalProperties: 'none',
  additionalItems: 'none',
  contains: 'none',
  propertyNames: 'none',
  not: 'none',
  if: 'same',
  then: 'same',
  else: 'same',
};
const ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf'];

export const isSchemaObject = (v: unknown): v is SchemaObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The direct subschemas of `node` (boolean schemas included; callers skip what they need to). */
export function subschemasOf(node: SchemaObject): Subschema[] {
  const out: Subschema[] = [];
  for (const [keyword, relation] of Object.entries(MAP_KEYWORDS)) {
    const map = node[keyword];
    if (!isSchemaObject(map)) continue;
    for (const [key, schema] of Object.entries(map)) {
      // `dependencies: { a: ["b"] }` is a property list, not a schema.
      if (keyword === 'dependencies' && Array.isArray(schema)) continue;
      out.push({ schema, pointerSuffix: `/${keyword}/${escapeSegment(key)}`, relation, dataKey: relation === 'child' ? key : undefined });
    }
  }
  for (const [keyword, relation] of Object.entries(SINGLE_KEYWORDS)) {
    if (keyword in node) out.push({ schema: node[keyword], pointerSuffix: `/${keyword}`, relation });
  }
  for (const keyword of ARRAY_KEYWORDS) {
    const list = node[keyword];
    if (Array.isArray(list)) list.forEach((schema, i) => out.push({ schema, pointerSuffix: `/${keyword}/${i}`, relation: 'same' }));
  }
  const items = node.items;
  if (Array.isArray(items)) {
    items.forEach((schema, i) => out.push({ schema, pointerSuffix: `/items/${i}`, relation: 'index', dataKey: String(i) }));
  } else if (items !== undefined) {
    out.push({ schema: items, pointerSuffix: '/items', relation: 'item' });
  }
  return out;
}

/** The JSON types a schema node declares (`type` as string or array), or [] when it declares none. */
export function declaredTypes(node: SchemaObject): string[] {
  const t = node.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}
