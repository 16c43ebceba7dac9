import { describe, expect, it } from 'vitest';
import { diffData, overwriteWithMine, pendingCount, retry, sameData, sendable, showValue, type Draft, type EditDraft } from './drafts';

const edit = (over: Partial<EditDraft> = {}): EditDraft => ({
  kind: 'edit', localId: 'edit:1', appId: '1', reference: 'R-1', baseVersion: 3, userId: 'u', programmeKey: 'p', programmeName: '项目',
  regionCode: '130636100201', data: { a: 1 }, savedAt: '2026-12-01T00:00:00Z', state: 'waiting', ...over,
});

describe('sameData', () => {
  it('ignores key order and undefined keys, not values', () => {
    expect(sameData({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameData({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameData({ a: null }, {})).toBe(false);
  });
});

describe('diffData', () => {
  it('names each differing field by its title, walking into objects and keeping lists whole', () => {
    const rows = diffData(
      { head: { name: '张三', phone: '1' }, amount: 1200, members: [{ n: 1 }] },
      { head: { name: '张三', phone: '2' }, amount: 900, members: [{ n: 2 }], extra: 'x' },
      { '/amount': '申请金额', '/head/phone': '电话' },
    );
    expect(rows).toEqual([
      { path: '/head/phone', title: '电话', mine: '1', server: '2' },
      { path: '/amount', title: '申请金额', mine: 1200, server: 900 },
      { path: '/members', title: 'members', mine: [{ n: 1 }], server: [{ n: 2 }] },
      { path: '/extra', title: 'extra', mine: undefined, server: 'x' },
    ]);
    expect(diffData({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('shows attachments by their file name and empty values as a dash', () => {
    expect(showValue('0b1c2d3e-0000-4000-8000-000000000000|证明.pdf')).toBe('证明.pdf');
    expect(showValue('')).toBe('—');
    expect(showValue(undefined)).toBe('—');
    expect(showValue(12)).toBe('12');
  });
});

describe('choices', () => {
  it('overwrites from the server\'s newer version, back in the queue', () => {
    const d = edit({ state: 'conflict', server: { data: { a: 2 }, version: 5 }, problem: { code: 'VERSION_CONFLICT', message: 'x' } });
    expect(overwriteWithMine(d)).toMatchObject({ baseVersion: 5, state: 'waiting', server: undefined, problem: undefined, data: { a: 1 } });
    // Nothing to overwrite without the server's copy.
    expect(overwriteWithMine(edit())).toEqual(edit());
  });

  it('counts every draft in the badge but sends only the waiting ones', () => {
    const drafts: Draft[] = [edit(), edit({ localId: 'b', state: 'conflict' }), retry(edit({ localId: 'c', state: 'error', problem: { code: 'FORBIDDEN', message: 'no' } })), edit({ localId: 'd', state: 'error' })];
    expect(pendingCount(drafts)).toBe(4);
    expect(sendable(drafts).map((d) => d.localId)).toEqual(['edit:1', 'c']);
  });
});
