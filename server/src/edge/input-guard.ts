/**
 * The first look at everything a request carries: GraphQL variables and the literal values written
 * into the query document. It refuses, with the JSON pointer of the offending spot,
 *  - values nested deeper than MAX_JSON_DEPTH (recursive code further in, JSON.stringify among it,
 *    would otherwise die with "Maximum call stack size exceeded"), and
 *  - strings with a NUL character or a lone UTF-16 surrogate (PostgreSQL refuses both in text and
 *    jsonb, and would answer with its own message, SQL included).
 * The walk is iterative (an explicit stack), so depth itself can never overflow it.
 */
import { Kind, type DocumentNode, type ValueNode } from 'graphql';
import { DomainError, type FieldProblem } from '../core/errors.js';

/**
 * Deepest nesting accepted in any JSON input (objects and arrays). Definitions need the most: a
 * workflow may nest 64 levels (workflow/check.ts), a form schema 20 subschemas (about 40 levels).
 * Form data is held to MAX_FORM_DATA_DEPTH by the application service.
 */
export const MAX_JSON_DEPTH = 64;

/** Deepest nesting of an application's form data (a form schema has at most 20 levels). */
export const MAX_FORM_DATA_DEPTH = 32;

const MAX_PROBLEMS = 20;

/** Escapes one JSON-pointer segment (RFC 6901). */
const seg = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/** Why a string is refused, or undefined when it is fine. */
export function badText(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return 'nul';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return 'surrogate';
    } else if (c >= 0xdc00 && c <= 0xdfff) return 'surrogate';
  }
  return undefined;
}

const TEXT_PROBLEM: Record<string, { zh: string; en: string }> = {
  nul: { zh: '含有空字符（NUL），请删除后重试', en: 'contains a NUL character' },
  surrogate: { zh: '含有无效的 Unicode 字符（孤立代理项）', en: 'contains an invalid Unicode character (a lone surrogate)' },
};

function problem(path: string, kind: keyof typeof TEXT_PROBLEM | 'depth', maxDepth = MAX_JSON_DEPTH): FieldProblem & { messageEn: string } {
  if (kind === 'depth') return { path: path || '/', message: `嵌套层级过深（最多 ${maxDepth} 层）`, messageEn: `is nested deeper than ${maxDepth} levels` };
  return { path: path || '/', message: TEXT_PROBLEM[kind]!.zh, messageEn: TEXT_PROBLEM[kind]!.en };
}

/**
 * Problems of one JSON value (variables, a JSON scalar): depth beyond `maxDepth`, NUL bytes and
 * lone surrogates in strings and in object keys. `base` prefixes every pointer.
 */
export function inspectJson(value: unknown, base = '', maxDepth = MAX_JSON_DEPTH): Array<FieldProblem & { messageEn: string }> {
  const problems: Array<FieldProblem & { messageEn: string }> = [];
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: base, depth: 0 }];
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = badText(v);
      if (bad) problems.push(problem(path, bad));
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) {
      problems.push(problem(path, 'depth', maxDepth));
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}/${i}`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const bad = badText(k);
      // A bad key is reported at its object: the pointer must not carry the bad text itself.
      if (bad) problems.push(problem(path, bad));
      else stack.push({ v: (v as Record<string, unknown>)[k], path: `${path}/${seg(k)}`, depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * Problems of the literal values written in a query document: strings (also block strings and
 * enum-free literals) and nested object/list literals, located as `/<field>/<argument>/…`
 * (the path of fields from the operation root, then the argument and the pointer inside it).
 */
export function inspectDocument(doc: DocumentNode, maxDepth = MAX_JSON_DEPTH): Array<FieldProblem & { messageEn: string }> {
  const problems: Array<FieldProblem & { messageEn: string }> = [];
  type Item = { node: unknown; path: string; depth: number };
  const stack: Item[] = doc.definitions.map((d) => ({ node: d, path: '', depth: 0 }));
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const { node, path, depth } = stack.pop()!;
    const n = node as { kind: string } & Record<string, any>;
    switch (n.kind) {
      case Kind.OPERATION_DEFINITION:
      case Kind.FRAGMENT_DEFINITION:
      case Kind.INLINE_FRAGMENT:
        for (const v of n.variableDefinitions ?? []) if (v.defaultValue) stack.push({ node: v.defaultValue, path: `${path}/$${v.variable.name.value}`, depth: 0 });
        for (const sel of n.selectionSet?.selections ?? []) stack.push({ node: sel, path, depth: 0 });
        break;
      case Kind.FIELD: {
        const p = `${path}/${seg(n.alias?.value ?? n.name.value)}`;
        for (const a of n.arguments ?? []) stack.push({ node: a.value, path: `${p}/${seg(a.name.value)}`, depth: 0 });
        for (const sel of n.selectionSet?.selections ?? []) stack.push({ node: sel, path: p, depth: 0 });
        break;
      }
      case Kind.STRING: {
        const bad = badText((n as ValueNode & { value: string }).value);
        if (bad) problems.push(problem(path, bad));
        break;
      }
      case Kind.LIST:
      case Kind.OBJECT:
        if (depth >= maxDepth) {
          problems.push(problem(path, 'depth', maxDepth));
          break;
        }
        if (n.kind === Kind.LIST) n.values.forEach((v: ValueNode, i: number) => stack.push({ node: v, path: `${path}/${i}`, depth: depth + 1 }));
        else for (const f of n.fields) stack.push({ node: f.value, path: `${path}/${seg(f.name.value)}`, depth: depth + 1 });
        break;
      default:
        break;
    }
  }
  return problems;
}

/** The refusal for input problems found at the edge: BAD_USER_INPUT with every pointer. */
export function inputRefusal(problems: Array<FieldProblem & { messageEn: string }>, maxDepth = MAX_JSON_DEPTH): DomainError {
  const depth = problems.some((p) => p.messageEn.startsWith('is nested'));
  return new DomainError(
    'BAD_USER_INPUT',
    depth
      ? `The input is nested deeper than ${maxDepth} levels at ${problems[0]!.path}`
      : `The input contains a NUL character or an invalid Unicode character at ${problems[0]!.path}`,
    {
      subCode: depth ? 'TOO_DEEP' : 'BAD_TEXT',
      messageZh: depth ? `输入的嵌套层级超过 ${maxDepth} 层（${problems[0]!.path}）` : `输入含有空字符或无效的 Unicode 字符（${problems[0]!.path}）`,
      problems,
    },
  );
}
