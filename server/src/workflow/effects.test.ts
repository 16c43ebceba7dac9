/**
 * The shape of register effects (pure, what checkWorkflow reports): remove and move are data with
 * pointers, checked before anything is published.
 */
import { describe, expect, it } from 'vitest';
import { checkRegisterLink as checkLink, checkStateEffects as checkEffects, effectKindFor, effectKindKeys, effectPointers, prefill, registerLinkOf } from './effects.js';

// The English of each problem (the Chinese and the paths are checked below).
const checkRegisterLink = (raw: unknown) => checkLink(raw).map((p) => p.en);
const checkStateEffects = (meta: Record<string, unknown>, l: unknown) => checkEffects(meta, l).map((p) => p.en);
const link = { key: 'household', link: 'existing' };
const check = (effects: unknown[]) => checkStateEffects({ effectKind: 'member_removed', effects }, link);

describe('remove and move effects', () => {
  it('accepts a remove by a field of the items, and an append that moves', () => {
    expect(check([{ remove: '/members', match: '/idNumber', equals: '/member/idNumber' }])).toEqual([]);
    expect(check([{ append: '/newMember', to: '/members', move: true }])).toEqual([]);
    expect(check([{ append: '/newMember', to: '/members', move: false }])).toEqual([]);
  });

  it('refuses a remove without its three pointers, and a move that is not a boolean', () => {
    expect(check([{ remove: '/members', match: '/idNumber' }])).toEqual([expect.stringContaining('meta.effects[0] must be one of')]);
    expect(check([{ remove: 'members', match: '/idNumber', equals: '/member/idNumber' }])).toEqual([expect.stringContaining('"remove"')]);
    expect(check([{ append: '/newMember', to: '/members', move: 'yes' }])).toEqual(['meta.effects[0].move must be true or false']);
  });

  it('names the fields publishing checks: the array, its items’ field and the form field', () => {
    expect(effectPointers({ remove: '/members', match: '/idNumber', equals: '/member/idNumber' })).toEqual({ form: ['/member/idNumber'], entry: ['/members', '/members/*/idNumber'] });
    expect(effectPointers({ append: '/newMember', to: '/members', move: true })).toEqual({ form: ['/newMember'], entry: ['/members'] });
  });
});

describe('a change kind chosen by a form field', () => {
  const byReason = { field: '/reason', cases: { 死亡: 'member_died' }, default: 'member_removed' };
  const remove = [{ remove: '/members', match: '/idNumber', equals: '/member/idNumber' }];

  it('records the case of the field’s value, else the default', () => {
    expect(effectKindFor(byReason, { reason: '死亡' })).toBe('member_died');
    expect(effectKindFor(byReason, { reason: '户口迁出' })).toBe('member_removed');
    expect(effectKindFor(byReason, {})).toBe('member_removed');
    expect(effectKindFor(byReason, { reason: 'toString' })).toBe('member_removed'); // own cases only
    expect(effectKindFor('monitor', { reason: '死亡' })).toBe('monitor');
    expect(effectKindKeys(byReason)).toEqual(['member_removed', 'member_died']);
  });

  it('accepts { field, cases, default } and refuses anything else, naming the part', () => {
    expect(checkStateEffects({ effectKind: byReason, effects: remove }, link)).toEqual([]);
    expect(checkStateEffects({ effectKind: { ...byReason, field: 'reason' }, effects: remove }, link)).toEqual(['meta.effectKind.field must be a JSON pointer into the form']);
    expect(checkStateEffects({ effectKind: { ...byReason, cases: {} }, effects: remove }, link)).toEqual(['meta.effectKind.cases must map values of the field to change kinds']);
    expect(checkStateEffects({ effectKind: { ...byReason, cases: { 死亡: 'Died!' } }, effects: remove }, link)).toEqual(['meta.effectKind.cases["死亡"] must name a change kind of the register']);
    expect(checkStateEffects({ effectKind: { ...byReason, default: undefined }, effects: remove }, link)).toEqual(['meta.effectKind.default must name a change kind of the register']);
    expect(checkStateEffects({ effectKind: { ...byReason, when: 1 }, effects: remove }, link)).toEqual(['meta.effectKind: unknown key "when"']);
    expect(checkStateEffects({ effectKind: 7, effects: remove }, link)).toEqual([expect.stringContaining('{ field, cases, default }')]);
  });
});

describe('the statuses a programme files for (meta.register.statuses)', () => {
  it('reads them with the link, and none when absent or empty', () => {
    expect(registerLinkOf({ register: { key: 'household', statuses: ['建档立卡户'] } })).toMatchObject({ statuses: ['建档立卡户'] });
    expect(registerLinkOf({ register: { key: 'household' } })!.statuses).toBeUndefined();
    expect(registerLinkOf({ register: { key: 'household', statuses: [] } })!.statuses).toBeUndefined();
  });

  it('accepts a list of different values and refuses anything else', () => {
    expect(checkRegisterLink({ key: 'household', statuses: ['建档立卡户', '监测户'] })).toEqual([]);
    for (const statuses of ['建档立卡户', [1], [''], ['建档立卡户', '建档立卡户'], ['x'.repeat(51)], Array.from({ length: 51 }, (_, i) => `s${i}`)]) {
      expect(checkRegisterLink({ key: 'household', statuses }), JSON.stringify(statuses).slice(0, 40)).toEqual([expect.stringContaining('meta.register.statuses')]);
    }
  });
});

describe('prefill from the household’s file', () => {
  const members = [{ name: '陈秀英', relation: '户主', idNumber: '130636196604127703', health: '健康' }, { name: '陈宏伟', relation: '之子' }];
  const entry = { head: { name: '陈秀英', phone: '13576743591' }, group: '第五村民小组', members };
  const link = { prefill: { '/head/name': '/head/name', '/head/group': '/group', '/members/*/name': '/members/*/name', '/members/*/relation': '/members/*/relation' } };

  it('copies fields the filer left empty, and a list item by item with only the mapped fields', () => {
    const data = { head: { name: '' }, reason: '因病' };
    const out = prefill(link, data, entry);
    expect(out).toEqual({
      head: { name: '', group: '第五村民小组' }, reason: '因病',
      members: [{ name: '陈秀英', relation: '户主' }, { name: '陈宏伟', relation: '之子' }],
    });
    expect(data).toEqual({ head: { name: '' }, reason: '因病' }); // the input is not changed
    expect(prefill(link, {}, entry)).toMatchObject({ head: { name: '陈秀英' }, members: [{ name: '陈秀英' }, { name: '陈宏伟' }] });
  });

  it('leaves a list the filer brought whole, fills an empty one, and skips an entry without the list', () => {
    const own = [{ name: '周桂芬', relation: '户主' }];
    expect(prefill(link, { members: own }, entry).members).toEqual(own);
    expect(prefill(link, { members: [] }, entry).members).toHaveLength(2);
    expect(prefill(link, {}, { head: entry.head })).toEqual({ head: { name: '陈秀英' } });
  });

  it('words a value as the form does through a value map, and leaves a value the map does not name to the filer', () => {
    const mappedLink = { prefill: {
      '/householdStatus': { from: '/status', values: { 建档立卡户: '建档立卡贫困户', 监测户: '脱贫监测户' } },
      '/members/*/name': '/members/*/name',
      '/members/*/health': { from: '/members/*/health', values: { 健康: '健康', 长期慢性病: '慢性病' } },
    } };
    const sick = [{ name: '陈秀英', health: '长期慢性病' }, { name: '陈宏伟', health: '健康' }, { name: '陈小雨', health: '残疾' }];
    expect(prefill(mappedLink, {}, { status: '监测户', members: sick })).toEqual({
      householdStatus: '脱贫监测户',
      members: [{ name: '陈秀英', health: '慢性病' }, { name: '陈宏伟', health: '健康' }, { name: '陈小雨' }],
    });
    expect(prefill(mappedLink, {}, { status: '一般户' })).toEqual({});
    expect(prefill(mappedLink, { householdStatus: '其他' }, { status: '监测户' })).toEqual({ householdStatus: '其他' });
    expect(checkRegisterLink({ key: 'household', ...mappedLink })).toEqual([]);
  });

  it('refuses a value map that is not { from, values } with text, number or true/false values', () => {
    for (const source of [{ from: '/status' }, { from: '/status', values: {} }, { from: '/status', values: { a: 'b' }, extra: 1 }, { values: { a: 'b' } }, { from: 'status', values: { a: 'b' } }, { from: '/status', values: { a: { b: 1 } } }, { from: '/status', values: { a: null } }]) {
      expect(checkRegisterLink({ key: 'household', prefill: { '/householdStatus': source } }), JSON.stringify(source)).toEqual([expect.stringContaining('meta.register.prefill: "/householdStatus"')]);
    }
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`v${i}`, i]));
    expect(checkRegisterLink({ key: 'household', prefill: { '/n': { from: '/n', values: many } } })).toEqual([expect.stringContaining('1 to 200 values')]);
  });

  it('refuses a list mapped without a "*" on both sides, or with two', () => {
    expect(checkRegisterLink({ key: 'household', prefill: { '/members/*/name': '/members/*/name' } })).toEqual([]);
    for (const [to, from] of [['/members/*/name', '/members/0/name'], ['/members/*', '/members/*'], ['/a/*/b/*/c', '/a/*/b/*/c']]) {
      expect(checkRegisterLink({ key: 'household', prefill: { [to]: from } }), `${to} ← ${from}`).toEqual([expect.stringContaining('one "*" on each side')]);
    }
  });
});

describe('each shape problem is located and worded in Chinese too', () => {
  it('points at the value, in both languages', () => {
    expect(checkLink({ key: 'household', link: 'sometimes', prefill: { '/members/*/name': '/members/0/name' } })).toEqual([
      { path: '/meta/register/link', en: 'meta.register.link must be one of existing, optional, create', zh: '关联方式（link）须为 existing、optional、create 之一' },
      expect.objectContaining({ path: '/meta/register/prefill/~1members~1*~1name', zh: expect.stringContaining('两边各有一个 “*”') }),
    ]);
    expect(checkEffects({ effectKind: 'monitor', effects: [{ set: '/status', value: '监测户' }, { append: '/m', to: '/members', move: 'yes' }] }, link)).toEqual([
      { path: '/effects/1/move', en: 'meta.effects[1].move must be true or false', zh: '第 2 项档案修改的 move 须为 true 或 false' },
    ]);
    for (const p of [...checkLink({ key: 1, statuses: 'x', extra: 1 }), ...checkEffects({ effectKind: { field: 'x' }, effects: [1, { nope: 1 }] }, link)]) {
      expect(p.zh, p.en).toMatch(/[\u4e00-\u9fff]/);
      expect(p.path).toMatch(/^\//);
    }
  });
});
