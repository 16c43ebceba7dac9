import { describe, expect, it } from 'vitest';
import { plainText, textLength } from './plain-text.js';

describe('plainText', () => {
  it('keeps markup as inert text', () => {
    expect(plainText('<script>alert(1)</script> 有轿车')).toBe('<script>alert(1)</script> 有轿车');
  });

  it('removes control characters, bidi overrides and zero-width spaces but keeps line breaks', () => {
    expect(plainText('  家里\u0000有\u202E车\u200B\r\n第二行\u0007 ')).toBe('家里有车\n第二行');
  });

  it('folds line breaks into spaces for single-line fields', () => {
    expect(plainText('138\n1234\t5678', { multiline: false })).toBe('138 1234 5678');
  });

  it('drops lone surrogates and counts characters as code points', () => {
    expect(plainText('a\uD800b')).toBe('ab');
    expect(textLength('𠀀𠀁')).toBe(2);
  });
});
