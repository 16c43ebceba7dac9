/**
 * Collects the fields a schema marks `x-public` (shown, masked, on public notices) and `x-unique`
 * (identify the applicant). Pure: the designer preview in the client can show the same list.
 * Pointers use `*` for "every array element" (see form-pointer.ts).
 */
import type { MaskKind } from './form-keywords.js';
import { ANY_INDEX, escapeSegment, parsePointer, readPointer } from './form-pointer.js';
import { isSchemaObject, subschemasOf, type SchemaObject } from './form-walk.js';
import { uniqueOptionsOf } from './form-unique.js';

export interface PublicField {
  pointer: string;
  title: string;
  mask?: MaskKind;
}

export interface UniqueField {
  pointer: string;
  title: string;
  /** Fields whose values divide the claims (`x-unique: { scope }`); [] for `true`. */
  scope: string[];
  /** Claims shared with the county's programmes naming the same group (`x-unique: { group }`). */
  group?: string;
  /** `entry`: one claim per household (the case's register entry) rather than per value (`x-unique: { per }`). */
  per?: 'entry';
}

export interface FormAnnotations {
  publicFields: PublicField[];
  uniqueFields: UniqueField[];
}

/** Follows `#`, `#/json/pointer` and `#anchor` references inside the document; nothing else. */
export function resolveLocalRef(root: unknown, ref: string, anchors: Map<string, unknown>): unknown {
  if (ref === '#') return root;
  if (ref.startsWith('#/')) {
    try {
      return readPointer(root, decodeURIComponent(ref.slice(1)));
    } catch {
      return undefined;
    }
  }
  return ref.startsWith('#') ? anchors.get(ref) : undefined;
}

/** Every `$id: "#name"` in the document, for `$ref: "#name"`. */
export function collectAnchors(root: unknown): Map<string, unknown> {
  const anchors = new Map<string, unknown>();
  const visit = (node: unknown, depth: number) => {
    if (!isSchemaObject(node) || depth > 64) return;
    if (typeof node.$id === 'string' && node.$id.startsWith('#')) anchors.set(node.$id, node);
    for (const sub of subschemasOf(node)) visit(sub.schema, depth + 1);
  };
  visit(root, 0);
  return anchors;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * Calls `onNode(node, pointer, at)` for every schema object that validates data, with its data
 * pointer (`*` for every array element) and its own place in the schema document (where its
 * keywords are written), following local references down to 64 levels. A reference already being
 * expanded on the way down is not followed again, so a recursive schema (a tree of members) ends.
 * Returns false when it stopped after `maxVisits` objects.
 */
export function walkDataNodes(root: unknown, onNode: (node: SchemaObject, pointer: string, at: string) => void, maxVisits = Infinity): boolean {
  const anchors = collectAnchors(root);
  const refStack = new Set<unknown>();
  let visits = 0;
  const visit = (node: unknown, pointer: string, at: string, depth: number) => {
    if (!isSchemaObject(node) || depth > 64 || ++visits > maxVisits) return;
    onNode(node, pointer, at);
    if (typeof node.$ref === 'string') {
      const target = resolveLocalRef(root, node.$ref, anchors);
      if (target !== undefined && !refStack.has(target)) {
        refStack.add(target);
        const targetAt = node.$ref.startsWith('#/') ? safeDecode(node.$ref.slice(1)) ?? `${at}/$ref` : `${at}/$ref`;
        visit(target, pointer, targetAt, depth + 1);
        refStack.delete(target);
      }
    }
    for (const sub of subschemasOf(node)) {
      if (sub.relation === 'none') continue;
      const next =
        sub.relation === 'same' ? pointer
        : sub.relation === 'item' ? `${pointer}/${ANY_INDEX}`
        : `${pointer}/${escapeSegment(sub.dataKey ?? '')}`;
      visit(sub.schema, next, at + sub.pointerSuffix, depth + 1);
    }
  };
  visit(root, '', '', 0);
  return visits <= maxVisits;
}

const titleOf = (node: SchemaObject, pointer: string) => {
  if (typeof node.title === 'string' && node.title) return node.title;
  const segments = parsePointer(pointer).filter((s) => s !== ANY_INDEX);
  return segments[segments.length - 1] ?? '';
};

/**
 * Schema objects a form may expand to once its references are followed. References form a graph:
 * a definition that refers to the next one twice, twenty deep, expands to a million fields from 40
 * nodes. checkFormSchema refuses such a form; this walk (and the browser's) then stays small.
 */
export const MAX_EXPANDED_SCHEMAS = 5000;

/** The form expands to more than MAX_EXPANDED_SCHEMAS schema objects through its references. */
export class ExpansionLimitError extends Error {
  constructor(readonly limit: number) {
    super(`references expand the form to more than ${limit} schema objects`);
    this.name = 'ExpansionLimitError';
  }
}

/**
 * Public and unique fields, in schema order, one entry per data pointer. Throws
 * ExpansionLimitError past `maxVisits` schema objects (references followed).
 */
export function collectAnnotations(root: unknown, maxVisits = MAX_EXPANDED_SCHEMAS): FormAnnotations {
  const publicFields = new Map<string, PublicField>();
  const uniqueFields = new Map<string, UniqueField>();
  const complete = walkDataNodes(root, (node, pointer) => {
    if (node['x-public'] === true) {
      const existing = publicFields.get(pointer);
      const mask = typeof node['x-mask'] === 'string' ? (node['x-mask'] as MaskKind) : undefined;
      if (!existing) publicFields.set(pointer, { pointer, title: titleOf(node, pointer), ...(mask ? { mask } : {}) });
      else if (mask && !existing.mask) existing.mask = mask;
    }
    if ((node['x-unique'] === true || isSchemaObject(node['x-unique'])) && !uniqueFields.has(pointer)) {
      uniqueFields.set(pointer, { pointer, title: titleOf(node, pointer), ...uniqueOptionsOf(node['x-unique']) });
    }
  }, maxVisits);
  if (!complete) throw new ExpansionLimitError(maxVisits);
  return { publicFields: [...publicFields.values()], uniqueFields: [...uniqueFields.values()] };
}
