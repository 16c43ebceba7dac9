import { describe, expect, it } from 'vitest';
import { canonical } from './validate.js';

describe('canonical', () => {
  it('writes equal data as equal text whatever the key order, as JSON', () => {
    const a = { head: { name: '张三', idNumber: '110105194912310021' }, members: [{ name: '张三', age: 70 }, { age: 40, name: '李四' }], size: 2, ok: true, none: null };
    const b = { size: 2, none: null, ok: true, members: [{ age: 70, name: '张三' }, { name: '李四', age: 40 }], head: { idNumber: '110105194912310021', name: '张三' } };
    expect(canonical(a)).toBe(canonical(b));
    expect(JSON.parse(canonical(a))).toEqual(a);
    expect(canonical({ b: 1, a: [1, 'x'] })).toBe('{"a":[1,"x"],"b":1}');
  });

  it('tells different data apart and drops undefined as JSON does', () => {
    expect(canonical({ a: [1, 2] })).not.toBe(canonical({ a: [2, 1] }));
    expect(canonical({ a: '1' })).not.toBe(canonical({ a: 1 }));
    expect(canonical({ a: undefined, b: [undefined] })).toBe(JSON.stringify({ b: [null] }));
  });
});
