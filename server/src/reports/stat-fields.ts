/**
 * Which form fields reports can use: plain (non-array) fields reached through `properties`.
 * Strings with an `enum`, booleans and other strings can be grouped by; numbers aggregate only as
 * their `x-aggregate` allows (absent: average, minimum and maximum but no sum; `none`: not at all).
 */
import { escapeSegment } from '../programmes/form-pointer.js';
import type { AggregateKind } from '../programmes/form-keywords.js';

export interface StatField {
  pointer: string;
  title: string;
  kind: 'number' | 'group';
  /** Numbers only: what the form allows (`x-aggregate`); 'avg' when it says nothing (no sum). */
  aggregate?: AggregateKind;
  /** Strings with an `enum`: their values. */
  enumValues?: string[];
}

export function statFields(schema: unknown, base = '', depth = 0): StatField[] {
  if (!schema || typeof schema !== 'object' || depth > 6) return [];
  const props = (schema as { properties?: Record<string, unknown> }).properties;
  if (!props || typeof props !== 'object') return [];
  const out: StatField[] = [];
  for (const [key, sub] of Object.entries(props)) {
    if (!sub || typeof sub !== 'object') continue;
    const s = sub as { type?: unknown; title?: unknown; enum?: unknown; 'x-aggregate'?: unknown };
    const pointer = `${base}/${escapeSegment(key)}`;
    const title = typeof s.title === 'string' ? s.title : key;
    if (s.type === 'object') out.push(...statFields(sub, pointer, depth + 1));
    else if (s.type === 'number' || s.type === 'integer') {
      const declared = s['x-aggregate'];
      out.push({ pointer, title, kind: 'number', aggregate: declared === 'sum' || declared === 'none' ? declared : 'avg' });
    } else if (s.type === 'boolean' || s.type === 'string') {
      out.push({ pointer, title, kind: 'group', ...(Array.isArray(s.enum) ? { enumValues: s.enum.map(String) } : {}) });
    }
  }
  return out;
}

/** Aggregates a report may apply to a numeric field, by its `x-aggregate`. */
export function allowedAggregates(field: StatField): string[] {
  if (field.kind !== 'number' || field.aggregate === 'none') return [];
  return field.aggregate === 'sum' ? ['sum', 'avg', 'min', 'max'] : ['avg', 'min', 'max'];
}

/** `{a,b}` path literal for PostgreSQL's #> / #>> operators. */
export function pgPath(pointer: string): string {
  return `{${pointer.split('/').slice(1).map((seg) => `"${seg.replace(/~1/g, '/').replace(/~0/g, '~').replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
