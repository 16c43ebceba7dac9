import { describe, expect, it } from 'vitest';
import { addColumn, emptyLedger, ledgerInput, moveColumn, removeColumn, renameColumn } from './ledger-edit';

describe('ledger editing steps', () => {
  const three = ['@reference', '/head/name', '@village'].reduce(addColumn, { ...emptyLedger(), name: ' roll ', title: ' 花名册 ' });

  it('moves a column up and down, and not past either end', () => {
    expect(moveColumn(three, 2, -1).columns.map((c) => c.field)).toEqual(['@reference', '@village', '/head/name']);
    expect(moveColumn(three, 0, 1).columns.map((c) => c.field)).toEqual(['/head/name', '@reference', '@village']);
    expect(moveColumn(three, 0, -1)).toBe(three);
    expect(moveColumn(three, 2, 1)).toBe(three);
  });

  it('sends renamed headers only, trimmed, in order', () => {
    const edited = removeColumn(renameColumn(renameColumn(three, 1, ' 户主 '), 2, '村（社区）'), 0);
    const titles: Record<string, string> = { '@village': '村（社区）', '/head/name': '户主姓名' };
    expect(ledgerInput(edited, (f) => titles[f])).toEqual({
      name: 'roll', title: '花名册', titleEn: null,
      columns: [{ field: '/head/name', title: '户主' }, { field: '@village', title: null }],
    });
  });
});
