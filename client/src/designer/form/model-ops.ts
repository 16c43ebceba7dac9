/**
 * Pure edits of the builder model, addressed by field id: the canvas and the side panel only ever
 * call these, so every edit is a new model (undo-friendly, and React sees the change).
 */
import type { Field, FormModel } from './field-model';

/** The fields of a container: the root (null) or a section/table. */
export function childrenOf(model: FormModel, containerId: string | null): Field[] {
  if (containerId === null) return model.fields;
  return findField(model.fields, containerId)?.fields ?? [];
}

export function findField(fields: readonly Field[], id: string): Field | undefined {
  for (const f of fields) {
    if (f.id === id) return f;
    const inner = f.fields && findField(f.fields, id);
    if (inner) return inner;
  }
  return undefined;
}

/** The id of the container holding the field (null: the root), or undefined when absent. */
export function parentOf(fields: readonly Field[], id: string, parent: string | null = null): string | null | undefined {
  for (const f of fields) {
    if (f.id === id) return parent;
    if (f.fields) {
      const p = parentOf(f.fields, id, f.id);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

function mapContainer(fields: Field[], containerId: string | null, edit: (children: Field[]) => Field[]): Field[] {
  if (containerId === null) return edit(fields);
  return fields.map((f) => {
    if (f.id === containerId) return { ...f, fields: edit(f.fields ?? []) };
    return f.fields ? { ...f, fields: mapContainer(f.fields, containerId, edit) } : f;
  });
}

export function updateField(model: FormModel, id: string, patch: Partial<Field>): FormModel {
  const apply = (fields: Field[]): Field[] =>
    fields.map((f) => (f.id === id ? { ...f, ...patch } : f.fields ? { ...f, fields: apply(f.fields) } : f));
  return { ...model, fields: apply(model.fields) };
}

export function insertField(model: FormModel, containerId: string | null, index: number, field: Field): FormModel {
  return {
    ...model,
    fields: mapContainer(model.fields, containerId, (children) => {
      const next = [...children];
      next.splice(Math.max(0, Math.min(index, next.length)), 0, field);
      return next;
    }),
  };
}

export function removeField(model: FormModel, id: string): FormModel {
  const drop = (fields: Field[]): Field[] => fields.filter((f) => f.id !== id).map((f) => (f.fields ? { ...f, fields: drop(f.fields) } : f));
  return { ...model, fields: drop(model.fields) };
}

/** Moves a field to `index` of its own container (reordering by drag or the arrow buttons). */
export function moveField(model: FormModel, id: string, index: number): FormModel {
  const containerId = parentOf(model.fields, id);
  if (containerId === undefined) return model;
  return {
    ...model,
    fields: mapContainer(model.fields, containerId, (children) => {
      const from = children.findIndex((f) => f.id === id);
      const next = [...children];
      const [f] = next.splice(from, 1);
      next.splice(Math.max(0, Math.min(index, next.length)), 0, f);
      return next;
    }),
  };
}

/** Data path of a field (keys of enclosing sections; inside a table, relative to the element). */
export function fieldPath(model: FormModel, id: string): { path: string[]; inTable: boolean } | undefined {
  const walk = (fields: readonly Field[], path: string[], inTable: boolean): { path: string[]; inTable: boolean } | undefined => {
    for (const f of fields) {
      if (f.id === id) return { path: [...path, f.key], inTable };
      if (f.fields) {
        const r = f.kind === 'table' ? walk(f.fields, [], true) : walk(f.fields, [...path, f.key], inTable);
        if (r) return r;
      }
    }
    return undefined;
  };
  return walk(model.fields, [], false);
}
