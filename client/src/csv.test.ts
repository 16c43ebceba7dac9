import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvFileName, csvLine, toCsv } from './csv';

describe('csvField', () => {
  it('leaves plain text, numbers and Chinese alone', () => {
    expect(csvField('欧阳明月')).toBe('欧阳明月');
    expect(csvField(42)).toBe('42');
    expect(csvField(-3.5)).toBe('-3.5'); // a negative number is a number, not a formula
    expect(csvField(true)).toBe('true');
  });

  it('writes nothing for null, undefined and non-finite numbers', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('东街村,第三组')).toBe('"东街村,第三组"');
    expect(csvField('他说"同意"')).toBe('"他说""同意"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('a=1')).toBe('a=1');
  });

  it('writes dates as ISO 8601', () => {
    expect(csvField(new Date(Date.UTC(2026, 4, 1, 8, 30)))).toBe('2026-05-01T08:30:00.000Z');
  });
});

describe('toCsv', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const text = toCsv(['编号', '申请人'], [['R-1', '张三'], ['R-2', null]]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('编号,申请人\r\nR-1,张三\r\nR-2,\r\n');
  });

  it('writes the header alone for no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe(`${BOM}a,b\r\n`);
  });

  it('encodes to UTF-8 with the EF BB BF signature', () => {
    const bytes = new TextEncoder().encode(toCsv(['低保'], []));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('csvLine joins fields with commas', () => {
    expect(csvLine(['a', 'b,c', 1])).toBe('a,"b,c",1');
  });
});

describe('csvFileName', () => {
  it('adds the local date and removes characters Windows refuses', () => {
    expect(csvFileName('全部申请', new Date(2026, 0, 5))).toBe('全部申请-2026-01-05.csv');
    expect(csvFileName('a/b:c d', new Date(2026, 11, 31))).toBe('a-b-c-d-2026-12-31.csv');
  });
});
