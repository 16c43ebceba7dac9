import { describe, expect, it } from 'vitest';
import { checkGuard, checkJsonLogic, evaluateRule, guardImplementations, JSON_LOGIC_OPERATORS, RuleBudgetExceeded } from './guards.js';
import type { LogicLimit } from './logic.js';

/** The rule from the probe: 2^30 elements after 30 items. */
const doubling = { reduce: [{ var: 'items' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };
const items = Array.from({ length: 30 }, (_, i) => i);

describe('evaluateRule', () => {
  const yulu = { '==': [{ var: 'aidAmount' }, { '*': [1500, { var: 'semesters' }] }] };

  it('evaluates JSON Logic over the form data', () => {
    expect(evaluateRule(yulu, { aidAmount: 3000, semesters: 2 })).toBe(true);
    expect(evaluateRule(yulu, { aidAmount: 3500, semesters: 2 })).toBe(false);
    expect(evaluateRule({ in: [{ var: 'housingGrade' }, ['C', 'D']] }, { housingGrade: 'D' })).toBe(true);
    expect(evaluateRule({ '===': [{ var: 'inspection.passed' }, true] }, { inspection: { passed: true } })).toBe(true);
  });

  it('uses JSON Logic truthiness (an empty list is false)', () => {
    expect(evaluateRule({ var: 'list' }, { list: [] })).toBe(false);
  });

  it('throws RuleBudgetExceeded for a rule over its budget instead of exhausting the heap', () => {
    expect(() => evaluateRule({ '!!': [doubling] }, { items })).toThrow(RuleBudgetExceeded);
    expect(() => guardImplementations.rule({ event: { type: 'APPROVE', data: { items }, distinctActors: 1 } }, { rule: doubling })).toThrow();
    const event = { type: 'APPROVE', data: { items }, distinctActors: 1, ruleBudget: {} as { exceeded?: LogicLimit } };
    expect(guardImplementations.rule({ event }, { rule: doubling })).toBe(false);
    expect(event.ruleBudget.exceeded).toBe('arrayLength');
  });

  it('is false for missing data and for a rule that throws', () => {
    expect(evaluateRule({ in: [{ var: 'housingGrade' }, ['C', 'D']] }, {})).toBe(false);
    expect(evaluateRule({ no_such_op: [1] }, {})).toBe(false);
  });
});

describe('quorum', () => {
  it('holds when enough distinct actors have sent the event', () => {
    const ev = (n: number) => ({ event: { type: 'VERIFY', data: {}, distinctActors: n } });
    expect(guardImplementations.quorum(ev(4), { count: 5 })).toBe(false);
    expect(guardImplementations.quorum(ev(5), { count: 5 })).toBe(true);
    expect(guardImplementations.quorum(ev(6), { count: 5 })).toBe(true);
  });
});

describe('checkGuard', () => {
  it('accepts the library guards with good params', () => {
    expect(checkGuard({ type: 'rule', params: { rule: { '>': [{ var: 'x' }, 1] } } })).toEqual([]);
    expect(checkGuard({ type: 'quorum', params: { count: 5 } })).toEqual([]);
  });

  it('refuses guard types outside the library', () => {
    expect(checkGuard({ type: 'eval', params: { code: '1' } })).toEqual([
      { code: 'UNKNOWN_GUARD', message: expect.stringContaining('unknown guard type "eval"') },
    ]);
    expect(checkGuard('isEligible')[0]!.code).toBe('UNKNOWN_GUARD');
    expect(checkGuard('rule')[0]!.code).toBe('INVALID_GUARD_PARAMS');
  });

  it.each([
    [{ type: 'quorum', params: { count: 1 } }],
    [{ type: 'quorum', params: { count: 2.5 } }],
    [{ type: 'quorum', params: { count: '5' } }],
    [{ type: 'quorum' }],
    [{ type: 'quorum', params: { count: 3, of: 'verifier' } }],
    [{ type: 'rule', params: {} }],
    [{ type: 'rule', params: { rule: 'x > 1' } }],
    [{ type: 'rule', params: { rule: { log: 'hi' } } }],
    [{ type: 'rule', params: { rule: { method: [{ var: 'x' }, 'toString'] } } }],
    [{ type: 'rule', params: { rule: { '==': [{ a: 1, b: 2 }, 1] } } }],
    [{ type: 'rule', params: { rule: { var: 'x' } }, extra: true }],
  ])('refuses malformed params %j', (guard) => {
    const problems = checkGuard(guard);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'INVALID_GUARD_PARAMS')).toBe(true);
  });
});

describe('JSON Logic allowlist', () => {
  it('holds the standard operators but not log or method', () => {
    for (const op of ['var', '==', 'in', 'and', 'or', '*', 'missing', 'some']) expect(JSON_LOGIC_OPERATORS.has(op)).toBe(true);
    expect(JSON_LOGIC_OPERATORS.has('log')).toBe(false);
    expect(JSON_LOGIC_OPERATORS.has('method')).toBe(false);
  });

  it('names the operator it refuses, however deep', () => {
    expect(checkJsonLogic({ and: [{ '==': [1, 1] }, { or: [{ 'Math.max': [1, 2] }] }] })).toEqual([
      'operator "Math.max" is not allowed',
    ]);
  });

  it('refuses a reduce that doubles its accumulator', () => {
    expect(checkJsonLogic(doubling)).toEqual([expect.stringMatching(/doubles with every item/)]);
    expect(checkJsonLogic({ reduce: [{ var: 'xs' }, [{ var: 'accumulator' }, { var: 'accumulator' }], []] })[0]).toMatch(/doubles/);
    expect(checkJsonLogic({ reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, { map: [{ var: 'accumulator' }, 1] }] }, ''] })[0]).toMatch(/doubles/);
    expect(checkGuard({ type: 'rule', params: { rule: { '!!': [doubling] } } })[0]!.code).toBe('INVALID_GUARD_PARAMS');
  });

  it('accepts reduces that use the accumulator once in their result', () => {
    const sum = { reduce: [{ var: 'members' }, { '+': [{ var: 'accumulator' }, { var: 'current.income' }] }, 0] };
    const unique = { reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { if: [{ in: [{ var: 'current' }, { var: 'accumulator' }] }, [], [{ var: 'current' }]] }] }, []] };
    expect(checkJsonLogic(sum)).toEqual([]);
    expect(checkJsonLogic(unique)).toEqual([]);
  });

  it('refuses absurd nesting', () => {
    let rule: unknown = { var: 'x' };
    for (let i = 0; i < 40; i++) rule = { '!': [rule] };
    expect(checkJsonLogic(rule)[0]).toMatch(/nested deeper/);
  });
});

describe('guard message and paths', () => {
  const rule = { type: 'rule', params: { rule: { '<=': [{ var: 'amount' }, 1000] } } };
  const message = { zh: '金额超过上限', en: 'The amount is over the limit' };

  it('accepts a bilingual message and JSON pointers', () => {
    expect(checkGuard({ ...rule, message, paths: ['/amount', '/members/0/name'] })).toEqual([]);
  });

  it('refuses a message without both languages, too long, or with other keys', () => {
    for (const bad of [{ zh: '超限' }, { zh: '超限', en: '' }, { zh: 'x'.repeat(201), en: 'over' }, 'over', { ...message, fr: 'trop' }]) {
      expect(checkGuard({ ...rule, message: bad }).map((p) => p.code), JSON.stringify(bad)).toEqual(['INVALID_GUARD_MESSAGE']);
    }
  });

  it('refuses paths that are not pointers, and (given the form) pointers to no field', () => {
    expect(checkGuard({ ...rule, paths: 'amount' }).map((p) => p.code)).toEqual(['INVALID_GUARD_PATHS']);
    expect(checkGuard({ ...rule, paths: [] }).map((p) => p.code)).toEqual(['INVALID_GUARD_PATHS']);
    expect(checkGuard({ ...rule, paths: ['amount', 7] }).map((p) => p.code)).toEqual(['INVALID_GUARD_PATHS', 'INVALID_GUARD_PATHS']);
    const fields = (p: string) => p === '/amount';
    expect(checkGuard({ ...rule, paths: ['/amount'] }, fields)).toEqual([]);
    expect(checkGuard({ ...rule, paths: ['/amont'] }, fields)).toEqual([{ code: 'INVALID_GUARD_PATHS', message: 'guard "paths" entry "/amont" is not a field of the form' }]);
  });
});
