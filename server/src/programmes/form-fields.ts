/**
 * The fields a form defines, found once by walking its schema (references followed): every data
 * pointer with a fixed place and the JSON types declared there, and the nodes carrying `x-compute`
 * or an `x-unique` with options. Computed fields and unique scopes are checked against this map
 * ("does `income.total` name a field?"), so a rule can never read a field the form does not have.
 * Pure, like the rest of the form vocabulary (the browser uses it too).
 */
import { walkDataNodes } from './form-annotations.js';
import { ANY_INDEX, escapeSegment } from './form-pointer.js';
import { declaredTypes, isSchemaObject, type SchemaObject } from './form-walk.js';

/** A schema node found at a data pointer, with its own place in the schema document. */
export interface FieldNode {
  /** Data pointer, `*` for every array element: `/members/*\/income`. */
  pointer: string;
  /** JSON pointer of the node in the schema document (where its keywords are written). */
  at: string;
  node: SchemaObject;
}

export interface FormFields {
  /** Every data pointer the schema places a field at, with the types declared there (may be empty). */
  types: Map<string, Set<string>>;
  computed: FieldNode[];
  uniqueOptions: FieldNode[];
}

/** Same bound as collectAnnotations: checkFormSchema refuses forms expanding further first. */
const MAX_VISITS = 5000;

export function collectFields(root: unknown): FormFields {
  const types = new Map<string, Set<string>>();
  const computed: FieldNode[] = [];
  const uniqueOptions: FieldNode[] = [];
  walkDataNodes(root, (node, pointer, at) => {
    let known = types.get(pointer);
    if (!known) types.set(pointer, (known = new Set()));
    for (const t of declaredTypes(node)) known.add(t);
    if (node['x-compute'] !== undefined) computed.push({ pointer, at, node });
    if (isSchemaObject(node['x-unique'])) uniqueOptions.push({ pointer, at, node });
  }, MAX_VISITS);
  return { types, computed, uniqueOptions };
}

const INDEX = /^(0|[1-9]\d*)$/;

/**
 * The data pointer a JSON Logic `var` path names, read from the field at `base`, or undefined when
 * the form has no such field. `members.0.income` matches `/members/*\/income`; a final `length`
 * of an array or string field names that field.
 */
export function resolveFieldPath(fields: FormFields, base: string, path: string): string | undefined {
  if (path === '') return base;
  const segments = path.split('.');
  let pointer = base;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const here = fields.types.get(pointer);
    if (segment === 'length' && i === segments.length - 1 && here && (here.has('array') || here.has('string'))) return pointer;
    const exact = `${pointer}/${escapeSegment(segment)}`;
    if (fields.types.has(exact) && segment !== ANY_INDEX) pointer = exact;
    else if (INDEX.test(segment) && fields.types.has(`${pointer}/${ANY_INDEX}`)) pointer = `${pointer}/${ANY_INDEX}`;
    else return undefined;
  }
  return pointer;
}
