/**
 * `x-unique` with options: `{ "scope": ["/term"] }` makes a value unique per value of other fields
 * (one application per student and term), `{ "group": "education-aid" }` shares the claim with
 * every programme of the same county naming the same group, and both may be combined.
 * `"x-unique": true` keeps its meaning: unique per programme while a case is active or approved.
 * Pure (the designer's preview in the browser can run the same check).
 */
import type { FieldProblem } from '../core/errors.js';
import type { FormFields } from './form-fields.js';
import { ANY_INDEX, escapeSegment, parsePointer } from './form-pointer.js';
import { isSchemaObject } from './form-walk.js';

/** A group name: like a programme key (lower case, digits, `_` and `-`), 2–40 characters. */
export const UNIQUE_GROUP = /^[a-z][a-z0-9_-]{1,39}$/;
export const MAX_UNIQUE_SCOPE = 5;
const SCOPE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

export interface UniqueOptions {
  /** Data pointers of the fields whose values divide the claims (no array elements). */
  scope: string[];
  group?: string;
  /**
   * `entry`: the claim is the household the case belongs to (its register entry), not the field's
   * value, so one household holds one active case of the programme (or group) whoever applies.
   * A case filed without a household claims the field's value as usual.
   */
  per?: 'entry';
}

interface Problem extends FieldProblem {
  messageEn: string;
}
const problem = (path: string, message: string, messageEn: string): Problem => ({ path, message, messageEn });

/** The options of an `x-unique` value (true or an object), as the claims use them. */
export function uniqueOptionsOf(value: unknown): UniqueOptions {
  if (!isSchemaObject(value)) return { scope: [] };
  const scope = Array.isArray(value.scope) ? value.scope.filter((s): s is string => typeof s === 'string') : [];
  return { scope, ...(typeof value.group === 'string' ? { group: value.group } : {}), ...(value.per === 'entry' ? { per: 'entry' as const } : {}) };
}

/** Everything wrong with the `x-unique` objects of a form, located at the offending keyword. */
export function checkUniqueOptions(fields: FormFields): Problem[] {
  const out: Problem[] = [];
  for (const { pointer, at, node } of fields.uniqueOptions) {
    const value = node['x-unique'] as Record<string, unknown>;
    const base = `${at}/x-unique`;
    const keys = Object.keys(value);
    for (const key of keys) {
      if (key !== 'scope' && key !== 'group' && key !== 'per') {
        out.push(problem(`${base}/${escapeSegment(key)}`, `x-unique 只有 scope、group 和 per 三个选项，没有 "${key}"`, `x-unique takes only "scope", "group" and "per", not "${key}"`));
      }
    }
    if (!('scope' in value) && !('group' in value) && !('per' in value)) {
      out.push(problem(base, 'x-unique 对象须写 scope、group 或 per（或直接写 true）', 'an x-unique object needs "scope", "group" or "per" (or write true)'));
    }
    if ('per' in value && value.per !== 'entry') {
      out.push(problem(`${base}/per`, 'per 只能是 "entry"（每户一件）', 'per can only be "entry" (one per household)'));
    }
    if (pointer.includes(`/${ANY_INDEX}`) && keys.length > 0) {
      out.push(problem(base, 'x-unique 的 scope / group 只能用于不在数组中的字段', 'x-unique with scope or group only applies to fields outside arrays'));
    }
    if ('group' in value && (typeof value.group !== 'string' || !UNIQUE_GROUP.test(value.group))) {
      out.push(problem(`${base}/group`, 'group 须为 2–40 个小写字母、数字、_ 或 -，以字母开头，如 "education-aid"', 'group must be 2–40 lower-case letters, digits, _ or -, starting with a letter, such as "education-aid"'));
    }
    if ('scope' in value) out.push(...checkScope(fields, pointer, value.scope, `${base}/scope`));
  }
  return out;
}

function checkScope(fields: FormFields, own: string, scope: unknown, at: string): Problem[] {
  if (!Array.isArray(scope) || scope.length === 0 || scope.length > MAX_UNIQUE_SCOPE) {
    return [problem(at, `scope 须为 1–${MAX_UNIQUE_SCOPE} 个字段指针组成的数组，如 ["/term"]`, `scope must be an array of 1–${MAX_UNIQUE_SCOPE} field pointers, such as ["/term"]`)];
  }
  const out: Problem[] = [];
  const seen = new Set<string>();
  scope.forEach((p, i) => {
    const here = `${at}/${i}`;
    let segments: string[] | undefined;
    try {
      segments = typeof p === 'string' && p !== '' ? parsePointer(p) : undefined;
    } catch {
      segments = undefined;
    }
    if (!segments) {
      out.push(problem(here, 'scope 的每一项须为字段的 JSON 指针，如 "/term"', 'each scope entry must be a field\'s JSON pointer, such as "/term"'));
      return;
    }
    const pointer = p as string;
    const types = fields.types.get(pointer);
    if (segments.includes(ANY_INDEX) || !types) {
      out.push(problem(here, `scope 引用了表单中不存在的字段 "${pointer}"`, `scope names "${pointer}", which is not a field of this form`));
    } else if (pointer === own) {
      out.push(problem(here, 'scope 不能包含该字段自身', 'scope cannot name the unique field itself'));
    } else if (seen.has(pointer)) {
      out.push(problem(here, `scope 重复列出 "${pointer}"`, `scope lists "${pointer}" twice`));
    } else if (![...types].some((t) => SCOPE_TYPES.has(t)) || [...types].some((t) => t !== 'null' && !SCOPE_TYPES.has(t))) {
      out.push(problem(here, `scope 字段 "${pointer}" 须为单个值（文本、数字或布尔）`, `scope field "${pointer}" must hold a single value (string, number or boolean)`));
    }
    seen.add(pointer);
  });
  return out;
}
