import { describe, expect, it } from 'vitest';
import { clipMessage } from './format-error.js';

describe('clipMessage', () => {
  it('cuts a long quoted argument to its start and keeps ordinary text whole', () => {
    const long = 'x'.repeat(100_000);
    const clipped = clipMessage(`Unknown role "${long}"`);
    expect(clipped).toBe(`Unknown role "${'x'.repeat(31)}…`);
    expect(clipMessage('Programme dibao not found')).toBe('Programme dibao not found');
    expect(clipMessage('该字段不可重复：已有在办申请 130636-DIBAO-2026-000001')).toBe('该字段不可重复：已有在办申请 130636-DIBAO-2026-000001');
  });
});
