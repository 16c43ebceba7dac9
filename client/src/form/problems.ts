/** Server field problems (JSON pointers) → rjsf extraErrors on the right fields, in the reader's language. */
import type { ErrorSchema } from '@rjsf/utils';
import type { FieldProblem } from '../api';
import { ownChild as child, type Node } from './own';

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function problemsToErrorSchema(problems: readonly FieldProblem[], prefix = '', lang: 'zh' | 'en' = 'zh'): ErrorSchema {
  const root: Node = {};
  for (const p of problems) {
    let path = p.path;
    if (prefix && path.startsWith(prefix)) path = path.slice(prefix.length);
    const segments = path.split('/').slice(1).map(unescape).filter((s) => s !== '');
    let node = root;
    for (const s of segments) node = child(node, s);
    const errors = Object.hasOwn(node, '__errors') && Array.isArray(node.__errors) ? (node.__errors as string[]) : (node.__errors = []);
    errors.push(lang === 'en' && p.messageEn ? p.messageEn : p.message);
  }
  return root as ErrorSchema;
}
