import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json';

describe('parseJson', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJson('{"a": [1, 2]}')).toEqual({ value: { a: [1, 2] } });
  });

  it('treats blank text as no value, not an error', () => {
    expect(parseJson('  \n ')).toEqual({ value: undefined });
  });

  it('locates an error by line and column', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": }\n');
    expect(r.value).toBeUndefined();
    expect(r.error?.line).toBe(3);
    expect(r.error?.column).toBeGreaterThanOrEqual(7);
    expect(r.error?.column).toBeLessThanOrEqual(9);
  });

  it('locates an error on the first line', () => {
    const r = parseJson('{"a" 1}');
    expect(r.error?.line).toBe(1);
    expect(r.error?.message).toBeTruthy();
  });

  it('reports unterminated input', () => {
    const r = parseJson('{"a": [1, 2');
    expect(r.error).toBeDefined();
    expect(r.value).toBeUndefined();
  });
});

describe('parseJson on V8 "Unexpected token" messages (no position given)', () => {
  it('finds the token in a short document', () => {
    // {"s": "}", "b": }  — the first } is inside a string
    const r = parseJson('{"s": "}", "b": }');
    expect(r.error).toMatchObject({ line: 1, column: 17 });
  });

  it('finds the token in a long document from the context around it', () => {
    const lines = ['{', ...Array.from({ length: 30 }, (_, i) => `  "k${i}": ${i},`), '  "bad": }', '}'];
    const r = parseJson(lines.join('\n'));
    expect(r.error?.line).toBe(32);
    expect(r.error?.column).toBe(10);
  });

  it('finds a bad token near the start of a long document', () => {
    const r = parseJson('{"a": }' + ' '.repeat(40) + '\n');
    expect(r.error).toMatchObject({ line: 1, column: 7 });
  });
});
