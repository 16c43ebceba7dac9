import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { badText, inspectDocument, inspectJson, MAX_FORM_DATA_DEPTH, MAX_JSON_DEPTH } from './input-guard.js';

function nested(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

describe('input guard', () => {
  it('finds NUL bytes and lone surrogates, and accepts paired ones', () => {
    expect(badText('张三\u0000')).toBe('nul');
    expect(badText('a\ud800b')).toBe('surrogate');
    expect(badText('a\udc00')).toBe('surrogate');
    expect(badText('𠀀 emoji 😀 ok')).toBeUndefined();
  });

  it('locates bad text with a JSON pointer, in values and in keys', () => {
    expect(inspectJson({ head: { name: 'x\u0000' }, 'a/b': ['ok', '\ud83d'] }, '/variables/d').map((p) => p.path))
      .toEqual(['/variables/d/head/name', '/variables/d/a~1b/1']);
    expect(inspectJson({ x: { ['k\u0000']: 1 } }, '/variables/d').map((p) => p.path)).toEqual(['/variables/d/x']);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, without recursion`, () => {
    expect(inspectJson(nested(MAX_JSON_DEPTH))).toEqual([]);
    const deeper = inspectJson(nested(MAX_JSON_DEPTH + 1));
    expect(deeper).toHaveLength(1);
    expect(deeper[0]!.path).toBe('/a'.repeat(MAX_JSON_DEPTH));
    // 100,000 levels would overflow any recursive walk.
    expect(inspectJson(nested(100_000))[0]!.messageEn).toMatch(/nested deeper/);
    // Form data has its own, smaller bound.
    expect(inspectJson(nested(MAX_FORM_DATA_DEPTH + 1), '/data', MAX_FORM_DATA_DEPTH)[0]!.messageEn).toBe(`is nested deeper than ${MAX_FORM_DATA_DEPTH} levels`);
  });

  it('inspects literal strings and objects in a query document', () => {
    const doc = parse(`mutation { saveApplication(id: "1", expectedVersion: 1, data: { head: { name: "a\\u0000" } }) { id } }`);
    expect(inspectDocument(doc).map((p) => p.path)).toEqual(['/saveApplication/data/head/name']);
    const deep = `{ checkFormSchema(formSchema: ${'{a:'.repeat(70)}1${'}'.repeat(70)}) { path } }`;
    expect(inspectDocument(parse(deep))[0]!.messageEn).toMatch(/nested deeper/);
    expect(inspectDocument(parse('{ applications(filter: { search: "张" }) { totalCount } }'))).toEqual([]);
  });
});
