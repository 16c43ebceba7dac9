import { describe, expect, it } from 'vitest';
import { diffEntry } from './entry-diff.js';
import { personsOf } from './entry-persons.js';
import type { RegisterSettings } from './register-definition.js';

const members = { arrayPointer: '/members', idPointer: '/idNumber' };
const a = { name: '甲', idNumber: 'A1', health: '健康' };
const b = { name: '乙', idNumber: 'B2', health: '健康' };
const c = { name: '丙', idNumber: 'C3', health: '健康' };

describe('diffEntry', () => {
  it('records leaves with before and after', () => {
    expect(diffEntry({ status: '建档立卡户', head: { name: '王' } }, { status: '已脱贫', head: { name: '王' } })).toEqual([{ path: '/status', before: '建档立卡户', after: '已脱贫' }]);
  });

  it('matches members by ID number: an edit, an addition and a removal are one item each', () => {
    const before = { members: [a, b] };
    const after = { members: [{ ...b, health: '大病' }, c] };
    expect(diffEntry(before, after, members)).toEqual([
      { path: '/members/0/health', before: '健康', after: '大病' },
      { path: '/members/1', before: null, after: c },
      { path: '/members/0', before: a, after: null },
    ]);
  });

  it('lists every initial value of a new entry', () => {
    expect(diffEntry({}, { status: '一般户', members: [a] }, members)).toEqual([
      { path: '/status', before: null, after: '一般户' },
      { path: '/members/0', before: null, after: a },
    ]);
  });
});

describe('personsOf', () => {
  const settings: RegisterSettings = {
    keyFields: ['/head/idNumber'], nameField: '/head/name', statusField: '/status', statuses: [], changeKinds: [],
    headIdField: '/head/idNumber', membersField: '/members', memberIdField: '/idNumber', memberNameField: '/name', editingRoles: [],
  };

  it('indexes the head once even when listed among the members, upper-casing ID numbers', () => {
    const { persons, problems } = personsOf(settings, { head: { name: '甲', idNumber: 'a1' }, members: [a, b] });
    expect(problems).toEqual([]);
    expect(persons).toEqual([
      { idNumber: 'A1', role: 'head', name: '甲', pointer: '/head/idNumber' },
      { idNumber: 'B2', role: 'member', name: '乙', pointer: '/members/1/idNumber' },
    ]);
  });

  it('refuses an ID number twice among the members', () => {
    const { problems } = personsOf(settings, { head: { name: '甲', idNumber: 'A1' }, members: [a, b, { ...b }] });
    expect(problems.map((p) => p.path)).toEqual(['/members/2/idNumber']);
  });
});
