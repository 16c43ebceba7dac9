import { describe, expect, it } from 'vitest';
import { problemsToErrorSchema } from './problems';

describe('problemsToErrorSchema', () => {
  it('puts each message on the field its JSON pointer names', () => {
    const e = problemsToErrorSchema([
      { path: '/head/idNumber', message: '身份证号码无效' },
      { path: '/bankCard', message: '格式不对' },
    ]);
    expect(e).toEqual({ head: { idNumber: { __errors: ['身份证号码无效'] } }, bankCard: { __errors: ['格式不对'] } });
  });

  it('collects several messages for the same field', () => {
    const e = problemsToErrorSchema([
      { path: '/a', message: 'one' },
      { path: '/a', message: 'two' },
    ]);
    expect(e).toEqual({ a: { __errors: ['one', 'two'] } });
  });

  it('maps array indexes to nested keys', () => {
    expect(problemsToErrorSchema([{ path: '/members/1/name', message: '必填' }])).toEqual({ members: { 1: { name: { __errors: ['必填'] } } } });
  });

  it('strips a prefix such as /data', () => {
    expect(problemsToErrorSchema([{ path: '/data/head/name', message: 'x' }], '/data')).toEqual({ head: { name: { __errors: ['x'] } } });
  });

  it('puts a root problem on the form itself', () => {
    expect(problemsToErrorSchema([{ path: '', message: 'root' }])).toEqual({ __errors: ['root'] });
    expect(problemsToErrorSchema([{ path: '/', message: 'root' }])).toEqual({ __errors: ['root'] });
  });

  it('shows the English text in English, the Chinese one otherwise', () => {
    const problems = [{ path: '/amount', message: '超过上限', messageEn: 'over the limit' }, { path: '/name', message: '必填' }];
    expect(problemsToErrorSchema(problems, '', 'en')).toEqual({ amount: { __errors: ['over the limit'] }, name: { __errors: ['必填'] } });
    expect(problemsToErrorSchema(problems, '', 'zh')).toEqual({ amount: { __errors: ['超过上限'] }, name: { __errors: ['必填'] } });
  });

  it('unescapes ~1 and ~0 in pointer segments', () => {
    expect(problemsToErrorSchema([{ path: '/a~1b/c~0d', message: 'm' }])).toEqual({ 'a/b': { 'c~d': { __errors: ['m'] } } });
  });
});

describe('problemsToErrorSchema with fields named like Object.prototype members', () => {
  it('gives constructor, toString and __proto__ their own entries and touches no prototype', () => {
    const e = problemsToErrorSchema([
      { path: '/constructor', message: '必填' },
      { path: '/toString', message: '必填' },
      { path: '/__proto__/x', message: '必填' },
    ]) as Record<string, unknown>;
    expect(Object.keys(e)).toEqual(['constructor', 'toString', '__proto__']);
    expect(e.constructor).toEqual({ __errors: ['必填'] });
    expect(Object.getOwnPropertyDescriptor(e, '__proto__')?.value).toEqual({ x: { __errors: ['必填'] } });
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect((Object as unknown as Record<string, unknown>).__errors).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
