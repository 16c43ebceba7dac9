import { describe, expect, it } from 'vitest';
import { mergeData } from './merge.js';

describe('mergeData', () => {
  it('merges objects key by key, replaces arrays and scalars, clears on null', () => {
    const base = { head: { name: '张三', phone: '13812345678' }, members: [{ name: 'a' }], note: 'x' };
    expect(mergeData(base, { head: { phone: '13912345678' }, members: [], note: null })).toEqual({
      head: { name: '张三', phone: '13912345678' },
      members: [],
    });
    expect(base.head.phone).toBe('13812345678');
  });

  it('treats constructor, toString and __proto__ as ordinary fields', () => {
    const base = { constructor: '某建筑公司', name: '张三' };
    const patch = JSON.parse('{"constructor": "另一家公司", "toString": "t", "__proto__": {"polluted": "yes"}}') as Record<string, unknown>;
    const out = mergeData(base, patch);
    expect(out.constructor).toBe('另一家公司');
    expect(out.toString).toBe('t');
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A key absent from the data is absent: Object.prototype's members are never merged into.
    expect(mergeData({}, { constructor: { a: 1 } })).toEqual({ constructor: { a: 1 } });
    expect(mergeData({ constructor: 'x' }, { constructor: null })).toEqual({});
  });
});
