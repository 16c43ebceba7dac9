/**
 * Does a JSON pointer name a field of a form? Used where a definition points into the form from
 * outside it (a workflow guard's `paths`), so a typo is refused at publish instead of pointing at
 * nothing. Pure; follows the same subschema table as the other schema walks (form-walk.ts).
 */
import { parsePointer, ANY_INDEX } from './form-pointer.js';
import { collectAnchors, resolveLocalRef } from './form-annotations.js';
import { isSchemaObject, subschemasOf, type SchemaObject } from './form-walk.js';

/** Schema nodes visited per question: a checked form expands to far fewer (MAX_EXPANDED_SCHEMAS). */
const MAX_VISITS = 5000;

export function formFieldExists(schema: unknown, pointer: string): boolean {
  let segments: string[];
  try {
    segments = parsePointer(pointer);
  } catch {
    return false;
  }
  const anchors = collectAnchors(schema);
  let visits = 0;
  /** Every schema object describing the same data as `node` (through allOf, if/then, $ref, …). */
  const sameData = (node: unknown, out: SchemaObject[], depth: number): void => {
    if (!isSchemaObject(node) || depth > 64 || ++visits > MAX_VISITS || out.includes(node)) return;
    out.push(node);
    if (typeof node.$ref === 'string') sameData(resolveLocalRef(schema, node.$ref, anchors), out, depth + 1);
    for (const sub of subschemasOf(node)) if (sub.relation === 'same') sameData(sub.schema, out, depth + 1);
  };
  let current: SchemaObject[] = [];
  sameData(schema, current, 0);
  for (const segment of segments) {
    const next: SchemaObject[] = [];
    const isIndex = segment === ANY_INDEX || /^(0|[1-9]\d*)$/.test(segment);
    for (const node of current) {
      for (const sub of subschemasOf(node)) {
        const matches =
          (sub.relation === 'child' && sub.dataKey === segment) ||
          (sub.relation === 'index' && sub.dataKey === segment) ||
          (sub.relation === 'item' && isIndex);
        if (matches) sameData(sub.schema, next, 0);
      }
    }
    if (next.length === 0) return false;
    current = next;
  }
  return true;
}
