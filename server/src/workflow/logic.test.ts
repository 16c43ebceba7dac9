import { describe, expect, it } from 'vitest';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { evaluateLogic, LOGIC_LIMITS, LOGIC_OPERATORS, LogicBudgetError, LogicError, truthy } from './logic.js';

const household = {
  name: '张三',
  size: 4,
  income: '1200.5',
  grade: 'C',
  flags: [],
  inspection: { passed: true, score: 87 },
  members: [
    { name: '张三', age: 52, health: '健康', income: 800 },
    { name: '李四', age: 49, health: '大病', income: 400 },
    { name: '张小明', age: 17, health: '健康', income: 0 },
    { name: '张小红', age: 9, health: '残疾', income: 0 },
  ],
  conditions: ['低收入', '大病', '残疾'],
  amounts: [100, 250, 3000],
  nothing: null,
  empty: '',
  zero: 0,
};

// Each rule is evaluated by json-logic-js 2.0.5 and by the bounded evaluator: same result.
const cases: Array<[string, unknown, unknown?]> = [
  ['var', { var: 'name' }],
  ['nested var', { var: 'inspection.score' }],
  ['array index', { var: 'members.1.name' }],
  ['array length', { var: 'members.length' }],
  ['string length', { var: 'name.length' }],
  ['missing var', { var: 'nope' }],
  ['missing var with default', { var: ['nope', 42] }],
  ['var of null on the way', { var: 'nothing.x' }],
  ['var "" is the data', { var: '' }, 7],
  ['var [] is the data', { var: [] }, { a: 1 }],
  ['var of a number key', { var: 1 }, ['a', 'b']],
  ['var computed key', { var: { cat: ['inspection', '.', 'passed'] } }],
  ['==', { '==': [{ var: 'size' }, '4'] }],
  ['== null undefined', { '==': [null, { var: 'nope' }] }],
  ['== array to string', { '==': [{ var: 'conditions' }, '低收入,大病,残疾'] }],
  ['== array to number', { '==': [[5], 5] }],
  ['== bool', { '==': [[1], true] }],
  ['== objects', { '==': [{ var: 'inspection' }, { var: 'inspection' }] }],
  ['==  object text', { '==': [{ var: 'inspection' }, '[object Object]'] }],
  ['===', { '===': [{ var: 'size' }, '4'] }],
  ['!=', { '!=': [{ var: 'grade' }, 'D'] }],
  ['!==', { '!==': [{ var: 'grade' }, 'C'] }],
  ['>', { '>': [{ var: 'income' }, 1000] }],
  ['>=', { '>=': [{ var: 'size' }, 4] }],
  ['< strings', { '<': ['a', 'b'] }],
  ['< between', { '<': [1, { var: 'size' }, 10] }],
  ['<= between', { '<=': [1, 1, 0] }],
  ['< arrays', { '<': [[2], [10]] }],
  ['!', { '!': { var: 'flags' } }],
  ['! of []', { '!': [[]] }],
  ['!!', { '!!': [{ var: 'members' }] }],
  ['!! empty string', { '!!': [''] }],
  ['%', { '%': [{ var: 'size' }, 3] }],
  ['+', { '+': [{ var: 'income' }, 1, '2.5'] }],
  ['+ none', { '+': [] }],
  ['+ unary', { '+': '3.14' }],
  ['+ array', { '+': [[1, 2], 1] }],
  ['+ null', { '+': [null, 1] }],
  ['*', { '*': [1500, { var: 'semesters' }] }, { semesters: 2 }],
  ['* one', { '*': ['2'] }],
  ['* strings', { '*': ['2', '3.5'] }],
  ['-', { '-': [{ var: 'size' }, 1] }],
  ['- unary', { '-': '5' }],
  ['/', { '/': [1, 0] }],
  ['min', { min: [3, { var: 'size' }, '2'] }],
  ['max none', { max: [] }],
  ['max array', { max: [[7], 3] }],
  ['in array', { in: [{ var: 'grade' }, ['C', 'D']] }],
  ['in string', { in: ['病', { var: 'members.1.health' }] }],
  ['in empty string', { in: ['', ''] }],
  ['in number', { in: [1, 12] }],
  ['in object', { in: ['passed', { var: 'inspection' }] }],
  ['cat', { cat: ['户主', { var: 'name' }, null, 3, true, [1, [2, null]]] }],
  ['substr', { substr: ['130636199001011234', 6, 8] }],
  ['substr negative', { substr: ['130636199001011234', 2, -4] }],
  ['substr from end', { substr: ['abcdef', -2] }],
  ['merge', { merge: [[1, 2], 3, [[4]], { var: 'conditions' }] }],
  ['merge none', { merge: [] }],
  ['if', { if: [{ var: 'nothing' }, 'a', { var: 'zero' }, 'b', 'c'] }],
  ['if no else', { if: [false, 1] }],
  ['if one', { if: true }],
  ['if empty', { if: [] }],
  ['?:', { '?:': [{ '>': [{ var: 'size' }, 3] }, 'large', 'small'] }],
  ['and', { and: [true, { var: 'size' }, { var: 'grade' }] }],
  ['and falsy', { and: [1, { var: 'flags' }, 2] }],
  ['and empty', { and: [] }],
  ['or', { or: [{ var: 'empty' }, { var: 'zero' }, { var: 'grade' }] }],
  ['or all falsy', { or: [0, '', null] }],
  ['missing', { missing: ['name', 'nope', 'empty', 'inspection.score'] }],
  ['missing list', { missing: { merge: [['a'], 'b'] } }, { a: 1 }],
  ['missing_some met', { missing_some: [1, ['name', 'nope']] }],
  ['missing_some unmet', { missing_some: [2, ['name', 'nope', 'nada']] }],
  ['map', { map: [{ var: 'members' }, { var: 'age' }] }],
  ['map not array', { map: [{ var: 'name' }, { var: '' }] }],
  ['filter', { filter: [{ var: 'members' }, { '<': [{ var: 'age' }, 18] }] }],
  ['filter count', { var: 'length' }],
  ['reduce sum', { reduce: [{ var: 'members' }, { '+': [{ var: 'accumulator' }, { var: 'current.income' }] }, 0] }],
  ['reduce no initial', { reduce: [{ var: 'amounts' }, { '+': [{ var: 'accumulator' }, { var: 'current' }] }] }],
  ['reduce not array', { reduce: [{ var: 'name' }, { var: 'current' }, 5] }],
  ['all', { all: [{ var: 'members' }, { '>=': [{ var: 'age' }, 9] }] }],
  ['all empty', { all: [[], true] }],
  ['some', { some: [{ var: 'members' }, { '==': [{ var: 'health' }, '残疾'] }] }],
  ['some empty', { some: [[], true] }],
  ['none', { none: [{ var: 'conditions' }, { '==': [{ var: '' }, '五保'] }] }],
  ['none empty', { none: [{ var: 'nope' }, true] }],
  ['literal object', { '==': [{ a: 1, b: 2 }, { a: 1, b: 2 }] }],
  ['literal array evaluates', [{ var: 'size' }, { var: 'grade' }]],
  ['yulu rule', { '==': [{ var: 'aidAmount' }, { '*': [1500, { var: 'semesters' }] }] }, { aidAmount: 3000, semesters: 2 }],
  [
    'low-income household',
    {
      and: [
        { '<': [{ '/': [{ reduce: [{ var: 'members' }, { '+': [{ var: 'accumulator' }, { var: 'current.income' }] }, 0] }, { var: 'members.length' }] }, 500] },
        { some: [{ var: 'members' }, { in: [{ var: 'health' }, ['大病', '残疾']] }] },
      ],
    },
  ],
];

describe('evaluateLogic', () => {
  it.each(cases)('agrees with json-logic-js: %s', (_name, rule, data = household) => {
    const expected = jsonLogic.apply(rule as RulesLogic, data);
    expect(evaluateLogic(rule, data)).toEqual(expected);
  });

  it('has the truthiness of JSON Logic', () => {
    for (const v of [[], [0], 0, '', '0', null, {}, NaN, 'a']) expect(truthy(v)).toBe(jsonLogic.truthy(v));
  });

  it('refuses operators outside the list, as json-logic-js refuses unknown ones', () => {
    expect(() => evaluateLogic({ log: 'x' }, {})).toThrow(LogicError);
    expect(() => evaluateLogic({ method: [{ var: 'name' }, 'toString'] }, { name: 'a' })).toThrow(LogicError);
    expect(() => evaluateLogic({ 'Math.max': [1, 2] }, {})).toThrow(LogicError);
    expect(() => evaluateLogic({ '*': [] }, {})).toThrow(LogicError);
  });

  it('reads only the data’s own fields', () => {
    expect(evaluateLogic({ var: 'constructor' }, {})).toBeNull();
    expect(evaluateLogic({ var: 'name.constructor.name' }, { name: 'x' })).toBeNull();
    expect(evaluateLogic({ var: '__proto__' }, {})).toBeNull();
    expect(evaluateLogic({ var: '__proto__' }, JSON.parse('{"__proto__": 5}'))).toBe(5);
  });

  it('allows exactly the operators the guard checker allows', () => {
    expect([...LOGIC_OPERATORS].sort()).toContain('reduce');
    expect(LOGIC_OPERATORS.has('log')).toBe(false);
    expect(LOGIC_OPERATORS.has('method')).toBe(false);
  });
});

describe('the budget', () => {
  const items = Array.from({ length: 30 }, (_, i) => i);
  const budgetOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof LogicBudgetError) return e.limit;
      throw e;
    }
    return undefined;
  };

  it('stops a reduce that merges the accumulator with itself (it would double 30 times)', () => {
    const rule = { reduce: [{ var: 'items' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };
    expect(budgetOf(() => evaluateLogic(rule, { items }))).toBe('arrayLength');
  });

  it('stops an accumulator nested in array literals once it is turned into text', () => {
    const rule = {
      '==': [{ reduce: [{ var: 'items' }, [{ var: 'accumulator' }, { var: 'accumulator' }], [1]] }, 'x'],
    };
    expect(budgetOf(() => evaluateLogic(rule, { items }))).toMatch(/steps|stringLength/);
  });

  it('stops text that keeps doubling', () => {
    const rule = { reduce: [{ var: 'items' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'ab'] };
    expect(budgetOf(() => evaluateLogic(rule, { items }))).toBe('stringLength');
  });

  it('counts every iteration of nested loops', () => {
    const big = Array.from({ length: 1000 }, (_, i) => i);
    // 1,000 × 1,000 trivial iterations: far over 100,000 steps.
    const cross = { some: [{ var: 'rows' }, { some: [{ var: 'cells' }, false] }] };
    const rows = big.map(() => ({ cells: big }));
    expect(budgetOf(() => evaluateLogic(cross, { rows }))).toBe('steps');
    // One pass over the same thousand is well within it.
    expect(budgetOf(() => evaluateLogic({ some: [{ var: 'big' }, { '>': [{ var: '' }, 998] }] }, { big }))).toBeUndefined();
  });

  it('stops a rule nested deeper than the limit', () => {
    let rule: unknown = { var: 'x' };
    for (let i = 0; i < 100; i++) rule = { '!': [rule] };
    expect(budgetOf(() => evaluateLogic(rule, { x: 1 }))).toBe('depth');
  });

  it('stops text conversion of deeply nested values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(budgetOf(() => evaluateLogic({ cat: [{ var: 'deep' }] }, { deep }))).toBe('depth');
  });

  it('takes custom limits', () => {
    expect(budgetOf(() => evaluateLogic({ map: [{ var: 'items' }, { var: '' }] }, { items }, { ...LOGIC_LIMITS, steps: 20 }))).toBe('steps');
    expect(evaluateLogic({ map: [{ var: 'items' }, { var: '' }] }, { items })).toEqual(items);
  });
});
