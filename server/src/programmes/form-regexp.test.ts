import { describe, expect, it } from 'vitest';
import { linearRegExp, MAX_PATTERN_LENGTH, patternProblem } from './form-regexp.js';

// Each pattern gives the same answers as JavaScript's own RegExp (with the u flag, as ajv uses it).
const table: Array<[string, string[]]> = [
  ['^[0-9]{16,19}$', ['6222020200112233445', '622202', '6222 0202 0011 2233', '']],
  ['^[\\u4e00-\\u9fa5·]{2,20}$', ['张三', '欧阳·小明', 'Zhang', '张']],
  ['^1[3-9]\\d{9}$', ['13812345678', '12812345678', '138123456789']],
  ['^\\S+$', ['张三', '张 三', '张\u3000三', '\u00a0', 'a\tb']],
  ['\\s', ['a b', 'a\u3000b', 'a\u2028b', 'ab', 'a\ufeffb']],
  ['^[\\s\\d]+$', ['1 2\u30003', '1x2']],
  ['^[^\\s]+$', ['ab', 'a\u3000b']],
  ['^[\\S]+$', ['ab', 'a\u3000b', 'a b', '😀']],
  ['^.$', ['a', '\n', '\r', '\u2028', '😀', '张']],
  ['^[.]$', ['.', 'a']],
  ['^a\\.b$', ['a.b', 'axb']],
  ['^(?<area>\\d{6})\\d{8}$', ['13063619900101', '1306361990010']],
  ['^\\p{L}+$', ['张三', 'abc', 'a1']],
  ['^\\u{1F600}$', ['😀', '😃']],
  ['colou?r', ['color', 'my colour', 'colr']],
  ['^(a+)+$', ['aaaa', 'aaab']],
  ['^[^]$', ['x', '\n']],
  ['^\\\\s$', ['\\s', ' ']],
];

describe('the linear pattern engine', () => {
  it.each(table)('agrees with RegExp on %s', (pattern, inputs) => {
    const native = new RegExp(pattern, 'u');
    const linear = linearRegExp(pattern, 'u');
    for (const input of inputs) expect(linear.test(input), JSON.stringify(input)).toBe(native.test(input));
  });

  it('answers a catastrophic pattern at once, however long the input', () => {
    // RegExp would take 14.6 s for 26 characters, and double for each one more.
    expect(linearRegExp('^(a+)+$', 'u').test(`${'a'.repeat(100_000)}!`)).toBe(false);
    expect(linearRegExp('^(\\w+\\s?)*$', 'u').test(`${'ab '.repeat(30_000)}!`)).toBe(false);
  });

  it('tells patterns apart to ajv (its cache key is toString)', () => {
    expect(String(linearRegExp('a', 'u'))).not.toBe(String(linearRegExp('b', 'u')));
  });
});

describe('patternProblem', () => {
  it.each(table.map(([p]) => p))('accepts %s', (pattern) => {
    expect(patternProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['(a)\\1', /backreferences/],
    ['^(?=.*\\d)\\w+$', /lookahead/],
    ['^(?!0)\\d+$', /lookahead/],
    ['(?<=a)b', /lookbehind/],
    ['(?<!a)b', /lookbehind/],
    ['(?<n>a)\\k<n>', /backreferences/],
    ['x{1001}', /repeat/],
    ['(', /not a valid regular expression/],
    ['(?i)abc', /not a valid regular expression/], // RE2 syntax that JavaScript does not have
    ['\\p{Han}', /not a valid regular expression/],
    ['a'.repeat(MAX_PATTERN_LENGTH + 1), /longer than/],
    ['a{999}b{999}c{999}', /too complex/],
  ])('refuses %s', (pattern, why) => {
    expect(patternProblem(pattern)).toMatch(why);
  });
});
