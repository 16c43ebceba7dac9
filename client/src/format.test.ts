import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { daysSince, daysUntil, fieldTitles, fmtDate, fmtDateTime } from './format';

describe('dates', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 4, 20, 9, 30)); // 20 May 2026, 09:30 local
  });
  afterEach(() => vi.useRealTimers());

  it('formats dates in Chinese and English', () => {
    const v = new Date(2026, 2, 5, 14, 7).toISOString();
    expect(fmtDate('zh', v)).toBe('2026年3月5日');
    expect(fmtDate('en', v)).toBe('5 Mar 2026');
    expect(fmtDateTime('zh', v)).toBe('2026-03-05 14:07');
    expect(fmtDateTime('en', v)).toBe('5 Mar 2026 14:07');
  });

  it('shows a dash for no date', () => {
    expect(fmtDate('zh', null)).toBe('—');
    expect(fmtDateTime('en', undefined)).toBe('—');
  });

  it('counts whole calendar days waiting, not 24-hour periods', () => {
    expect(daysSince(new Date(2026, 4, 20, 0, 1).toISOString())).toBe(0);
    expect(daysSince(new Date(2026, 4, 19, 23, 59).toISOString())).toBe(1);
    expect(daysSince(new Date(2026, 4, 13, 10, 0).toISOString())).toBe(7);
    expect(daysSince(new Date(2026, 3, 20, 9, 30).toISOString())).toBe(30);
  });

  it('never reports negative days waiting (clock skew) and 0 for no date', () => {
    expect(daysSince(new Date(2026, 4, 22).toISOString())).toBe(0);
    expect(daysSince(null)).toBe(0);
  });

  it('counts days until a deadline, negative when past', () => {
    expect(daysUntil(new Date(2026, 4, 27, 18, 0).toISOString())).toBe(7);
    expect(daysUntil(new Date(2026, 4, 20, 23, 0).toISOString())).toBe(0);
    expect(daysUntil(new Date(2026, 4, 18).toISOString())).toBe(-2);
  });
});

describe('fieldTitles', () => {
  it('maps JSON pointers to titles, nested objects included', () => {
    const schema = {
      properties: {
        head: { title: '户主信息', properties: { name: { title: '户主姓名' }, phone: {} } },
        bankCard: { title: '一卡通账号' },
      },
    };
    expect(fieldTitles(schema)).toEqual({ '/head': '户主信息', '/head/name': '户主姓名', '/bankCard': '一卡通账号' });
  });

  it('copes with no schema', () => {
    expect(fieldTitles(null)).toEqual({});
  });
});
