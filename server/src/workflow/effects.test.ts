/**
 * The shape of register effects (pure, what checkWorkflow reports): remove and move are data with
 * pointers, checked before anything is published.
 */
import { describe, expect, it } from 'vitest';
import { checkStateEffects, effectPointers } from './effects.js';

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
