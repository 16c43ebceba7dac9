/**
 * The fields of a register's entry schema, by data pointer (`*` for every array element): what the
 * definition check needs (does `/status` exist, is it an enum, is `/members` an array of objects)
 * and what the list filters offer (enum fields). Pure.
 */
import { walkDataNodes } from '../programmes/form-annotations.js';
import { ANY_INDEX, parsePointer } from '../programmes/form-pointer.js';
import { declaredTypes, type SchemaObject } from '../programmes/form-walk.js';

/** Every schema node that validates the data at each pointer (allOf branches, $ref targets…). */
export function schemaFields(root: unknown): Map<string, SchemaObject[]> {
  const out = new Map<string, SchemaObject[]>();
  walkDataNodes(root, (node, pointer) => {
    const list = out.get(pointer);
    if (list) list.push(node);
    else out.set(pointer, [node]);
  });
  return out;
}

/** The JSON types the nodes declare, `null` left out. */
export function typesOf(nodes: readonly SchemaObject[]): string[] {
  return [...new Set(nodes.flatMap(declaredTypes).filter((t) => t !== 'null'))];
}

/** The first `enum` among the nodes, or undefined. */
export function enumOf(nodes: readonly SchemaObject[]): unknown[] | undefined {
  return nodes.map((n) => n.enum).find((e): e is unknown[] => Array.isArray(e));
}

export function titleOf(nodes: readonly SchemaObject[], pointer: string): string {
  const title = nodes.map((n) => n.title).find((t): t is string => typeof t === 'string' && t.length > 0);
  if (title) return title;
  const segments = parsePointer(pointer).filter((s) => s !== ANY_INDEX);
  return segments[segments.length - 1] ?? '';
}

/** A field the entry list can filter on: an enum, or an array of enum values (`many`). */
export interface FilterField {
  path: string;
  title: string;
  values: string[];
  many: boolean;
}

/** Enum fields of the schema (string enums only), in schema order. */
export function filterFields(root: unknown): FilterField[] {
  const fields = schemaFields(root);
  const out: FilterField[] = [];
  for (const [pointer, nodes] of fields) {
    // Array elements are listed through their array (many-valued) or their own fields.
    if (pointer === '' || pointer.endsWith(`/${ANY_INDEX}`)) continue;
    const types = typesOf(nodes);
    const own = enumOf(nodes);
    if (own && own.every((v) => typeof v === 'string') && !types.includes('array')) {
      out.push({ path: pointer, title: titleOf(nodes, pointer), values: own as string[], many: false });
    } else if (types.includes('array')) {
      const items = fields.get(`${pointer}/${ANY_INDEX}`);
      const itemEnum = items ? enumOf(items) : undefined;
      if (itemEnum && itemEnum.every((v) => typeof v === 'string')) {
        out.push({ path: pointer, title: titleOf(nodes, pointer), values: itemEnum as string[], many: true });
      }
    }
  }
  return out;
}

/**
 * The JSON that `data @> …` needs for "the field at `path` holds `value`": `/head/group` →
 * `{"head":{"group":v}}`; `*` becomes an array (`/members/*\/health` → `{"members":[{"health":v}]}`);
 * a many-valued field holds the value in an array. Served by the GIN (jsonb_path_ops) index.
 */
export function containment(field: FilterField, value: string): unknown {
  let out: unknown = field.many ? [value] : value;
  for (const segment of parsePointer(field.path).reverse()) {
    out = segment === ANY_INDEX ? [out] : { [segment]: out };
  }
  return out;
}
