import { describe, expect, it } from 'vitest';
import { durationMs, isDuration, resolveDelay } from './durations.js';

const DAY = 86_400_000;

describe('durationMs', () => {
  it.each([
    ['P7D', 7 * DAY],
    ['PT5S', 5_000],
    ['P2M', 60 * DAY],
    ['P1Y', 365 * DAY],
    ['P1W', 7 * DAY],
    ['P1DT12H', 1.5 * DAY],
    ['PT1.5H', 5_400_000],
    ['PT0,5S', 500],
  ])('reads %s with fixed calendar units', (iso, ms) => {
    expect(durationMs(iso)).toBe(ms);
  });

  it.each(['', '7D', 'P', 'PT', 'P7DT', 'xP7D', 'P7Dx', 'P0D', 'PT0S', 'p7d', 'P1.5DT1H', '5000', 'NOTICE_PERIOD'])(
    'refuses %j',
    (iso) => {
      expect(durationMs(iso)).toBeUndefined();
      expect(isDuration(iso)).toBe(false);
    },
  );
});

describe('resolveDelay', () => {
  it('resolves a named delay to its duration', () => {
    expect(resolveDelay('NOTICE_PERIOD', { NOTICE_PERIOD: 'P5D' })).toEqual({ delay: 'NOTICE_PERIOD', duration: 'P5D', ms: 5 * DAY });
  });

  it('reads an unnamed key as a duration', () => {
    expect(resolveDelay('PT5S', { NOTICE_PERIOD: 'P5D' })).toEqual({ delay: 'PT5S', duration: 'PT5S', ms: 5_000 });
  });

  it('gives undefined for an unknown name or a named delay with a bad value', () => {
    expect(resolveDelay('SOON', undefined)).toBeUndefined();
    expect(resolveDelay('SOON', { SOON: 'tomorrow' })).toBeUndefined();
    expect(resolveDelay('SOON', { SOON: 7 })).toBeUndefined();
  });
});
