/**
 * The persons of an entry, as the person index holds them: the head's ID number (role `head`) and
 * every member's (role `member`), upper-cased and trimmed. Pure.
 */
import type { FieldProblem } from '../core/errors.js';
import { readPointer } from '../programmes/form-pointer.js';
import type { RegisterSettings } from './register-definition.js';

export interface PersonRow {
  idNumber: string;
  role: 'head' | 'member';
  name: string | null;
  /** Pointer of the ID number in the entry's data (`/head/idNumber`, `/members/2/idNumber`). */
  pointer: string;
}

/** How ID numbers are compared and indexed: trimmed, upper case (a lower-case x is the same person). */
export const normaliseId = (v: unknown): string | null => {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim().toUpperCase();
  return s ? s : null;
};

const nameOf = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : null);

/**
 * Persons in `data`, one per ID number. The head may also be listed among the members (relation
 * 户主): that is one person, indexed as the head. Any other repeated ID number is a problem.
 */
export function personsOf(settings: RegisterSettings, data: unknown): { persons: PersonRow[]; problems: (FieldProblem & { messageEn: string })[] } {
  const byId = new Map<string, PersonRow>();
  const problems: (FieldProblem & { messageEn: string })[] = [];
  let headSeenAsMember = false;
  if (settings.headIdField) {
    const id = normaliseId(readPointer(data, settings.headIdField));
    if (id) byId.set(id, { idNumber: id, role: 'head', name: nameOf(readPointer(data, settings.nameField)), pointer: settings.headIdField });
  }
  if (settings.membersField && settings.memberIdField) {
    const members = readPointer(data, settings.membersField);
    if (Array.isArray(members)) {
      members.forEach((m, i) => {
        const pointer = `${settings.membersField}/${i}${settings.memberIdField}`;
        const id = normaliseId(readPointer(m, settings.memberIdField!));
        if (!id) return;
        const seen = byId.get(id);
        if (seen?.role === 'head' && !headSeenAsMember) {
          headSeenAsMember = true;
          return;
        }
        if (seen) {
          problems.push({ path: pointer, message: '该身份证号在本户中重复出现', messageEn: 'this ID number appears twice in this entry' });
          return;
        }
        byId.set(id, { idNumber: id, role: 'member', name: settings.memberNameField ? nameOf(readPointer(m, settings.memberNameField)) : null, pointer });
      });
    }
  }
  return { persons: [...byId.values()], problems };
}

/** Same persons with the same roles, names and places: the index needs no write. */
export function samePersons(a: readonly PersonRow[], b: readonly PersonRow[]): boolean {
  if (a.length !== b.length) return false;
  const key = (p: PersonRow) => `${p.idNumber}|${p.role}|${p.name ?? ''}|${p.pointer}`;
  const set = new Set(a.map(key));
  return b.every((p) => set.has(key(p)));
}
