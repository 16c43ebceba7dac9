/**
 * Every refusal exists in Chinese and English. The types already demand it (DomainError needs
 * `{ en, zh }` or `details.messageZh`; FieldProblem needs `messageEn`); this test reads every
 * construction in the server's source as well, so a cast or an empty text cannot slip through.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { badInput, DomainError, forbidden, notFound, unauthenticated } from './errors.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const HELPERS = new Set(['badInput', 'forbidden', 'notFound', 'unauthenticated']);
const CJK = /[\u4e00-\u9fff]/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

const props = (o: ts.ObjectLiteralExpression) =>
  new Map(o.properties.flatMap((p) => (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [[p.name.text, p.initializer] as const] : [])));

/** A text literal or template: its written parts; anything else (a variable, a call): undefined. */
function text(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => s.literal.text).join('');
  return undefined;
}

/** What is wrong with one `{ en, zh }` argument, or undefined. */
function bilingualProblem(arg: ts.Expression): string | undefined {
  if (ts.isIdentifier(arg)) return undefined; // a named constant, typed Bilingual
  if (!ts.isObjectLiteralExpression(arg)) return 'the message is not { en, zh }';
  const p = props(arg);
  const zh = text(p.get('zh'));
  if (!p.has('en') || !p.has('zh')) return 'the message lacks en or zh';
  if (zh !== undefined && !CJK.test(zh)) return `zh "${zh}" has no Chinese`;
  return undefined;
}

function constructionProblems(file: string): string[] {
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const where = (n: ts.Node) => `${path.relative(ROOT, file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'DomainError' && !file.endsWith('core/errors.ts')) {
      const [, message, details] = n.arguments ?? [];
      let problem: string | undefined;
      if (!message) problem = 'no message';
      else if (ts.isObjectLiteralExpression(message)) problem = bilingualProblem(message);
      // A parameter typed Bilingual (the overload without messageZh; a string would not compile).
      else if (ts.isIdentifier(message) && !(details && ts.isObjectLiteralExpression(details) && props(details).has('messageZh'))) problem = undefined;
      else if (!details || !ts.isObjectLiteralExpression(details)) problem = 'an English message without details { messageZh }';
      else if (!props(details).has('messageZh') && !details.properties.some(ts.isShorthandPropertyAssignment)) problem = 'details without messageZh';
      else {
        const zh = text(props(details).get('messageZh'));
        if (zh !== undefined && !CJK.test(zh)) problem = `messageZh "${zh}" has no Chinese`;
      }
      if (problem) out.push(`${where(n)}: new DomainError: ${problem}`);
    }
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && HELPERS.has(n.expression.text)) {
      const [first] = n.arguments;
      const problem = first ? bilingualProblem(first) : n.expression.text === 'badInput' || n.expression.text === 'notFound' ? 'no message' : undefined;
      if (problem) out.push(`${where(n)}: ${n.expression.text}(): ${problem}`);
    }
    if (ts.isAsExpression(n) && /DomainError|ErrorDetails|FieldProblem/.test(n.type.getText(src)) && !file.endsWith('core/errors.ts')) {
      out.push(`${where(n)}: a cast to ${n.type.getText(src)} would hide a missing language`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe('bilingual errors', () => {
  it('every DomainError and error helper in the server gives Chinese and English', () => {
    const files = sourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(constructionProblems)).toEqual([]);
  });

  it('the scan finds what it is for', () => {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'errors-scan-')), 'x.ts');
    fs.writeFileSync(tmp, [
      "throw new DomainError('NOT_FOUND', 'gone');",
      "throw new DomainError('NOT_FOUND', 'gone', { subCode: 'X' });",
      "throw new DomainError('NOT_FOUND', { en: 'gone', zh: 'gone' });",
      "throw forbidden('no');",
      "throw new DomainError('NOT_FOUND', { en: 'gone', zh: '没有' });",
      "throw new DomainError('NOT_FOUND', 'gone', { messageZh: `没有 ${x}` });",
    ].join('\n'));
    try {
      expect(constructionProblems(tmp).map((p) => p.replace(/^.*x\.ts:/, ''))).toEqual([
        '1: new DomainError: an English message without details { messageZh }',
        '2: new DomainError: details without messageZh',
        '3: new DomainError: zh "gone" has no Chinese',
        '4: forbidden(): the message is not { en, zh }',
      ]);
    } finally {
      fs.rmSync(path.dirname(tmp), { recursive: true });
    }
  });

  it('the helpers carry both languages', () => {
    for (const e of [unauthenticated(), forbidden(), notFound({ en: 'Application', zh: '申请' }, 'x'), badInput({ en: 'Bad', zh: '有误' })]) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e.message).not.toMatch(CJK);
      expect(e.details.messageZh).toMatch(CJK);
    }
    expect(notFound({ en: 'Application', zh: '申请' }, 'x')).toMatchObject({ message: 'Application x not found', details: { messageZh: '未找到申请 x' } });
  });
});
