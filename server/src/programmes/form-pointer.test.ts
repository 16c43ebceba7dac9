import { describe, expect, it } from 'vitest';
import { changedPointers, escapeSegment, isPointerWithin, joinPointer, parsePointer, readPointer, setPointer } from './form-pointer.js';

describe('readPointer', () => {
  const data = { head: { name: '张三明' }, 'a/b': { 'c~d': 1 }, members: [{ name: '李秀兰' }] };

  it('reads nested objects and array elements', () => {
    expect(readPointer(data, '')).toBe(data);
    expect(readPointer(data, '/head/name')).toBe('张三明');
    expect(readPointer(data, '/members/0/name')).toBe('李秀兰');
    expect(readPointer(data, '/members/1/name')).toBeUndefined();
    expect(readPointer(data, '/members/x')).toBeUndefined();
  });

  it('unescapes ~1 and ~0 (RFC 6901)', () => {
    expect(readPointer(data, '/a~1b/c~0d')).toBe(1);
    expect(joinPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(parsePointer('/a~01')).toEqual(['a~1']);
    expect(escapeSegment('~/')).toBe('~0~1');
  });

  it('never walks into prototypes', () => {
    expect(readPointer({}, '/__proto__')).toBeUndefined();
    expect(readPointer({}, '/constructor')).toBeUndefined();
  });

  it('refuses a pointer without a leading slash', () => {
    expect(() => readPointer(data, 'head')).toThrow();
  });
});

describe('setPointer', () => {
  it('creates missing objects and arrays', () => {
    const data: Record<string, unknown> = {};
    setPointer(data, '/appraisal/votesFor', 12);
    setPointer(data, '/members/0/name', '张三明');
    setPointer(data, '/members/-/name', '李秀兰');
    expect(data).toEqual({ appraisal: { votesFor: 12 }, members: [{ name: '张三明' }, { name: '李秀兰' }] });
  });

  it('replaces the root for the empty pointer', () => {
    expect(setPointer({ a: 1 }, '', { b: 2 })).toEqual({ b: 2 });
  });

  it('keeps __proto__ a plain property', () => {
    const data: Record<string, unknown> = {};
    setPointer(data, '/__proto__/polluted', true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});

describe('changedPointers', () => {
  it('lists changed leaves top-down and whole arrays', () => {
    const before = { head: { name: '张三明', phone: '13812345678' }, members: [{ name: 'a' }], n: 1 };
    const after = { head: { name: '张三明', phone: '13912345678' }, members: [{ name: 'b' }], n: 1, appraisal: { votesFor: 9, notes: 'ok' } };
    expect(changedPointers(before, after)).toEqual(['/head/phone', '/members', '/appraisal/votesFor', '/appraisal/notes']);
  });

  it('reports removed fields, type changes and empty objects', () => {
    expect(changedPointers({ a: 1, b: { c: 1 } }, { b: 'x' })).toEqual(['/b', '/a']);
    expect(changedPointers({}, { inspection: {} })).toEqual(['/inspection']);
    expect(changedPointers({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toEqual([]);
  });

  it('ignores key order', () => {
    expect(changedPointers({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
  });
});

describe('isPointerWithin', () => {
  it('matches the pointer itself, its descendants and * array segments', () => {
    expect(isPointerWithin('/appraisal/votesFor', '/appraisal')).toBe(true);
    expect(isPointerWithin('/appraisal', '/appraisal')).toBe(true);
    expect(isPointerWithin('/appraisalX', '/appraisal')).toBe(false);
    expect(isPointerWithin('/members/3/health', '/members/*/health')).toBe(true);
    expect(isPointerWithin('/members/x/health', '/members/*/health')).toBe(false);
    expect(isPointerWithin('/anything', '')).toBe(true);
  });
});
