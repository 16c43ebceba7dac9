/**
 * Pure edits of an entry's data that workflow effects make before the write validates the result:
 * removing a field, and removing the items of an array whose field equals a value (自然减少).
 */
import { DomainError } from '../core/errors.js';
import { readPointer, setPointer } from '../programmes/form-pointer.js';
import { maskValue } from '../notices/mask.js';
import { normaliseId } from './entry-persons.js';
import type { LoadedVersion } from './register-versions.js';

/**
 * The data without the items of the array at `path` whose `match` field equals the value. Removing
 * nothing is refused (the person is not in this household: a typo, or already removed), and so is
 * removing the head of household from the members: the household needs another head first.
 */
export function removeItems(version: LoadedVersion, data: Record<string, unknown>, path: string, where: { match: string; equals: unknown; from: string }, entryName: string): Record<string, unknown> {
  const wanted = normaliseId(where.equals);
  const list = readPointer(data, path);
  const s = version.settings;
  const shown = (v: string) => (/^\d{17}[\dX]$/.test(v) ? maskValue(v, 'idcard') : v.slice(0, 60));
  if (wanted === null) {
    throw new DomainError('BAD_USER_INPUT', `The form names no one to remove (${where.from} is empty)`, {
      messageZh: '表单未填写要减除的成员',
      problems: [{ path: where.from, message: '请填写要减除的成员', messageEn: 'name the member to remove' }],
    });
  }
  if (path === s.membersField && s.headIdField && normaliseId(readPointer(data, s.headIdField)) === wanted) {
    throw new DomainError('BAD_USER_INPUT', `The head of household "${entryName}" cannot be removed from the members: change the head first`, {
      subCode: 'REMOVE_HEAD',
      messageZh: `不能减除「${entryName}」户的户主：请先变更户主`,
      problems: [{ path: where.from, message: '户主不能直接减除，请先变更户主', messageEn: 'the head of household cannot be removed; change the head first' }],
    });
  }
  const kept = Array.isArray(list) ? list.filter((item) => normaliseId(readPointer(item, where.match)) !== wanted) : [];
  if (!Array.isArray(list) || kept.length === list.length) {
    throw new DomainError('BAD_USER_INPUT', `The entry "${entryName}" has no item with ${where.match} ${shown(wanted)} in ${path}`, {
      subCode: 'NOT_A_MEMBER',
      messageZh: `「${entryName}」户的登记中没有 ${shown(wanted)}`,
      problems: [{ path: where.from, message: `本户登记中没有 ${shown(wanted)}`, messageEn: `not in this entry: ${shown(wanted)}` }],
    });
  }
  return setPointer(data, path, kept) as Record<string, unknown>;
}

/** The data without the field at `pointer` (an array item is spliced out). */
export function removePointer(data: Record<string, unknown>, pointer: string): Record<string, unknown> {
  const segments = pointer.split('/').slice(1);
  const last = segments.pop();
  if (last === undefined) return data;
  const parent = readPointer(data, segments.length ? `/${segments.join('/')}` : '');
  const key = last.replace(/~1/g, '/').replace(/~0/g, '~');
  if (Array.isArray(parent) && /^\d+$/.test(key)) parent.splice(Number(key), 1);
  else if (parent && typeof parent === 'object' && Object.hasOwn(parent, key)) delete (parent as Record<string, unknown>)[key];
  return data;
}
