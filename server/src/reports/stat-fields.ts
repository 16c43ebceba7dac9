/**
 * Which form fields reports can use: plain (non-array) fields reached through `properties`.
 * Numbers are summed; enums, booleans and strings can be grouped by.
 */
import { escapeSegment } from '../programmes/form-pointer.js';

export interface StatField {
  pointer: string;
  title: string;
  kind: 'number' | 'group';
}

export function statFields(schema: unknown, base = '', depth = 0): StatField[] {
  if (!schema || typeof schema !== 'object' || depth > 6) return [];
  const props = (schema as { properties?: Record<string, unknown> }).properties;
  if (!props || typeof props !== 'object') return [];
  const out: StatField[] = [];
  for (const [key, sub] of Object.entries(props)) {
    if (!sub || typeof sub !== 'object') continue;
    const s = sub as { type?: unknown; title?: unknown; enum?: unknown };
    const pointer = `${base}/${escapeSegment(key)}`;
    const title = typeof s.title === 'string' ? s.title : key;
    if (s.type === 'object') out.push(...statFields(sub, pointer, depth + 1));
    else if (s.type === 'number' || s.type === 'integer') out.push({ pointer, title, kind: 'number' });
    else if (s.type === 'boolean' || s.type === 'string') out.push({ pointer, title, kind: 'group' });
  }
  return out;
}

/** `{a,b}` path literal for PostgreSQL's #> / #>> operators. */
export function pgPath(pointer: string): string {
  return `{${pointer.split('/').slice(1).map((seg) => `"${seg.replace(/~1/g, '/').replace(/~0/g, '~').replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
