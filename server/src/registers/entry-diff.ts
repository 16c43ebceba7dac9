/**
 * What a change did to an entry, as the change log records it: `[{ path, before, after }]` with
 * JSON pointers into the data. Objects are compared field by field (programmes/form-pointer.ts
 * changedPointers). The members array is matched by ID number, so adding, removing or editing one
 * member is one precise item rather than "the whole list changed"; other arrays are one item.
 * Pure.
 */
import { changedPointers, readPointer } from '../programmes/form-pointer.js';
import { normaliseId } from './entry-persons.js';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** JSON has no undefined: an absent value is recorded as null. */
const json = (v: unknown) => (v === undefined ? null : v);

export interface MembersKey {
  /** Pointer of the members array, e.g. "/members". */
  arrayPointer: string;
  /** Pointer of the ID number inside one member, e.g. "/idNumber". */
  idPointer: string;
}

export function diffEntry(before: unknown, after: unknown, members?: MembersKey | null): FieldChange[] {
  const out: FieldChange[] = [];
  for (const path of changedPointers(before ?? {}, after)) {
    const a = readPointer(before ?? {}, path);
    const b = readPointer(after, path);
    if (members && path === members.arrayPointer && (Array.isArray(a) || a === undefined) && Array.isArray(b)) {
      out.push(...diffMembers(Array.isArray(a) ? a : [], b, members));
    } else if (members && path === members.arrayPointer && Array.isArray(a) && b === undefined) {
      out.push(...diffMembers(a, [], members));
    } else {
      out.push({ path, before: json(a), after: json(b) });
    }
  }
  return out;
}

function diffMembers(before: unknown[], after: unknown[], { arrayPointer, idPointer }: MembersKey): FieldChange[] {
  const keyOf = (m: unknown) => normaliseId(readPointer(m, idPointer));
  const index = (list: unknown[]) => {
    const seen = new Map<string, number>();
    const twice = new Set<string>();
    list.forEach((m, i) => {
      const k = keyOf(m);
      if (k === null) return;
      if (seen.has(k)) twice.add(k);
      seen.set(k, i);
    });
    for (const k of twice) seen.delete(k); // ambiguous: such members are compared as added/removed
    return seen;
  };
  const was = index(before);
  const matched = new Set<number>();
  const out: FieldChange[] = [];
  after.forEach((m, j) => {
    const k = keyOf(m);
    const i = k === null ? undefined : was.get(k);
    if (i === undefined || matched.has(i)) {
      out.push({ path: `${arrayPointer}/${j}`, before: null, after: json(m) });
      return;
    }
    matched.add(i);
    for (const p of changedPointers(before[i], m)) {
      out.push({ path: `${arrayPointer}/${j}${p}`, before: json(readPointer(before[i], p)), after: json(readPointer(m, p)) });
    }
  });
  before.forEach((m, i) => {
    if (!matched.has(i)) out.push({ path: `${arrayPointer}/${i}`, before: json(m), after: null });
  });
  return out;
}
