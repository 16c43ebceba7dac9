/**
 * Sample data for a form, generated from its schema when a designer simulates a workflow without
 * writing any: `const`, `default`, the first of `examples` or `enum`, else a plain value of the
 * declared type that respects the usual bounds (minimum, minLength, minItems) and the platform's
 * formats (a valid 身份证号 for `cn-idcard`, a mobile number for `cn-mobile`). Patterns and
 * cross-field rules are not solved: the simulator reports what the sample still lacks.
 */
import { collectAnchors, resolveLocalRef } from './form-annotations.js';
import { makeIdCard } from './idcard.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_NODES = 2000;

export function sampleData(schema: unknown): Record<string, unknown> {
  const anchors = collectAnchors(schema);
  let budget = MAX_NODES;
  const gen = (node: unknown, depth: number): unknown => {
    if (!isRec(node) || depth > 16 || --budget < 0) return undefined;
    if (typeof node.$ref === 'string') {
      const target = resolveLocalRef(schema, node.$ref, anchors);
      return target === undefined ? undefined : gen(target, depth + 1);
    }
    if (node.const !== undefined) return structuredClone(node.const);
    if (node.default !== undefined) return structuredClone(node.default);
    if (Array.isArray(node.examples) && node.examples.length) return structuredClone(node.examples[0]);
    if (Array.isArray(node.enum) && node.enum.length) return structuredClone(node.enum[0]);
    if (Array.isArray(node.oneOf) && node.oneOf.length) return gen(node.oneOf[0], depth + 1);
    if (Array.isArray(node.anyOf) && node.anyOf.length) return gen(node.anyOf[0], depth + 1);
    const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
    switch (type ?? (isRec(node.properties) ? 'object' : undefined)) {
      case 'object': {
        const out: Rec = {};
        for (const [key, child] of Object.entries(isRec(node.properties) ? node.properties : {})) {
          // Computed fields are the server's to fill.
          if (isRec(child) && child['x-compute'] !== undefined) continue;
          const v = gen(child, depth + 1);
          if (v !== undefined) out[key] = v;
        }
        return out;
      }
      case 'array': {
        const n = Math.min(Math.max(typeof node.minItems === 'number' ? node.minItems : 1, 0), 5);
        const items = Array.from({ length: n }, () => gen(node.items, depth + 1)).filter((v) => v !== undefined);
        return items;
      }
      case 'string':
        return sampleString(node);
      case 'integer':
      case 'number': {
        let n = typeof node.minimum === 'number' ? node.minimum : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + 1 : 1;
        if (typeof node.maximum === 'number' && n > node.maximum) n = node.maximum;
        return type === 'integer' ? Math.ceil(n) : n;
      }
      case 'boolean':
        return true;
      default:
        return undefined;
    }
  };
  const out = gen(schema, 0);
  return isRec(out) ? out : {};
}

function sampleString(node: Rec): string {
  switch (node.format) {
    case 'cn-idcard':
      return makeIdCard('130636', '19800101', '001');
    case 'cn-mobile':
      return '13800138000';
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2026-01-15T08:00:00Z';
    case 'email':
      return 'sample@example.org';
  }
  // The commonest pattern in county forms: a run of digits (bank cards, postcodes).
  const digits = typeof node.pattern === 'string' ? /^\^(?:\[0-9\]|\\d)\{(\d+)(?:,\d*)?\}\$$/.exec(node.pattern) : null;
  if (digits) return '6'.repeat(Number(digits[1]));
  const min = typeof node.minLength === 'number' ? node.minLength : 1;
  const title = typeof node.title === 'string' && node.title ? node.title : '示例';
  let s = title;
  while (s.length < min) s += title;
  return typeof node.maxLength === 'number' ? s.slice(0, Math.max(node.maxLength, min)) : s;
}
