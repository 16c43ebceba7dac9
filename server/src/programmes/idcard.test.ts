import { describe, expect, it } from 'vitest';
import { idCardCheckDigit, isPlausibleBirthDate, isValidIdCard, isValidMobile, makeIdCard } from './idcard.js';

describe('idCardCheckDigit', () => {
  it('matches the worked examples of GB 11643-1999', () => {
    expect(idCardCheckDigit('11010519491231002')).toBe('X');
    expect(idCardCheckDigit('44052418800101001')).toBe('4');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idCardCheckDigit('1101051949123100')).toThrow();
    expect(() => idCardCheckDigit('1101051949123100A')).toThrow();
  });
});

describe('isValidIdCard', () => {
  it('accepts valid numbers, including an X check character', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('130636196803150316')).toBe(true);
  });

  it('refuses a wrong check digit, a lower-case x and wrong lengths', () => {
    expect(isValidIdCard('130636196803150317')).toBe(false);
    expect(isValidIdCard('11010519491231002x')).toBe(false);
    expect(isValidIdCard('13063619680315031')).toBe(false);
    expect(isValidIdCard('1306361968031503160')).toBe(false);
    expect(isValidIdCard(130636196803150316)).toBe(false);
  });

  it('refuses impossible or future birth dates even with a matching check digit', () => {
    const feb30 = '13063619900230001';
    expect(isValidIdCard(feb30 + idCardCheckDigit(feb30))).toBe(false);
    const future = '13063621000101001';
    expect(isValidIdCard(future + idCardCheckDigit(future))).toBe(false);
    const tooOld = '44052418800101001';
    expect(isValidIdCard(tooOld + idCardCheckDigit(tooOld))).toBe(false);
  });

  it('refuses an unknown province prefix', () => {
    const first17 = '99063619900101001';
    expect(isValidIdCard(first17 + idCardCheckDigit(first17))).toBe(false);
  });
});

describe('isPlausibleBirthDate', () => {
  it('knows leap years and today', () => {
    expect(isPlausibleBirthDate('20000229')).toBe(true);
    expect(isPlausibleBirthDate('19000229')).toBe(false);
    expect(isPlausibleBirthDate('20260102', new Date(2026, 0, 2))).toBe(true);
    expect(isPlausibleBirthDate('20260103', new Date(2026, 0, 2))).toBe(false);
  });
});

describe('makeIdCard', () => {
  it('builds numbers that validate, the sequence setting the sex', () => {
    const id = makeIdCard('130636', '19900101', '123');
    expect(id).toBe('130636199001011238');
    expect(isValidIdCard(id)).toBe(true);
    expect(Number(makeIdCard('130636', '20080114', '024')[16]) % 2).toBe(0);
  });

  it('throws on parts that cannot form a valid number', () => {
    expect(() => makeIdCard('13063', '19900101', '123')).toThrow();
    expect(() => makeIdCard('130636', '1990-01-01', '123')).toThrow();
    expect(() => makeIdCard('130636', '19901301', '123')).toThrow();
    expect(() => makeIdCard('130636', '19900101', '12')).toThrow();
  });
});

describe('isValidMobile', () => {
  it('accepts 11 digits starting 13–19 only', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('19912345678')).toBe(true);
    expect(isValidMobile('12812345678')).toBe(false);
    expect(isValidMobile('1381234567')).toBe(false);
    expect(isValidMobile('+8613812345678')).toBe(false);
    expect(isValidMobile(13812345678)).toBe(false);
  });
});
