import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assertRegisterDefinition, checkRegisterDefinition, type RegisterDefinitionInput } from './register-definition.js';
import { containment, filterFields } from './register-fields.js';
import { loadedVersion } from './register-versions.js';

const household = JSON.parse(readFileSync(new URL('../../../schemas/registers/household.json', import.meta.url), 'utf8'));
const def = (): RegisterDefinitionInput => structuredClone(household.definition);
const KNOWN_ROLES = new Set(['village_committee', 'township_reviewer', 'work_team', 'county_office']);
const paths = (d: RegisterDefinitionInput) => checkRegisterDefinition(d, KNOWN_ROLES).map((p) => p.path);

describe('register definitions', () => {
  it('accepts the household register, whose example entry is valid', () => {
    expect(checkRegisterDefinition(def())).toEqual([]);
    const v = loadedVersion({ id: 'test-household', registerId: 'r', number: 1, status: 'published', schema: household.definition.schema, settings: household.definition });
    expect(v.form.validate(household.example)).toEqual([]);
  });

  it('marks death kinds, keeping only a true flag', () => {
    const d = def();
    expect(checkRegisterDefinition(d)).toEqual([]);
    (d.changeKinds[0] as any).death = false;
    const kinds = assertRegisterDefinition(d).changeKinds;
    expect(kinds.filter((k) => k.death).map((k) => k.key)).toEqual(['member_died']);
    expect(kinds[0]).not.toHaveProperty('death');
    (d.changeKinds[0] as any).death = 'yes';
    expect(checkRegisterDefinition(d)).toEqual([expect.objectContaining({ path: '/changeKinds/0/death', messageEn: 'must be true or false' })]);
  });

  it('locates every problem in the settings at once', () => {
    const d = def();
    d.keyFields = ['/head/nope'];
    d.statusField = '/group'; // a string without an enum
    d.membersField = '/head';
    d.editingRoles = ['village_committee', 'mayor'];
    d.changeKinds = [{ key: 'New', zh: '新', en: 'New' }];
    d.statuses[0]!.color = 'sparkly';
    expect(paths(d)).toEqual(expect.arrayContaining(['/keyFields/0', '/statusField', '/membersField', '/editingRoles/1', '/changeKinds/0/key', '/statuses/0/color']));
  });

  it('requires a title and colour for every status value, and no status outside the enum', () => {
    const d = def();
    d.statuses = d.statuses.filter((s) => s.value !== '低保户').concat({ value: '五保户', zh: '五保户', en: 'Five guarantees', color: 'cyan' });
    const problems = checkRegisterDefinition(d);
    expect(problems.find((p) => p.path === '/statuses' && p.message.includes('低保户'))).toBeTruthy();
    expect(problems.find((p) => p.path === '/statuses/6/value')).toBeTruthy();
  });

  it('refuses an x-unique field that neither the key nor the person index enforces', () => {
    const d = def();
    (d.schema as any).properties.group['x-unique'] = true;
    expect(checkRegisterDefinition(d)).toEqual([expect.objectContaining({ path: '/schema', messageEn: expect.stringContaining('/group') })]);
  });

  it('reports schema problems under /schema', () => {
    const d = def();
    (d.schema as any).properties.group.type = 'strng';
    expect(paths(d).every((p) => p.startsWith('/schema/'))).toBe(true);
  });

  it('offers enum fields as filters, with member fields and many-valued ones', () => {
    const fields = filterFields(household.definition.schema);
    const byPath = new Map(fields.map((f) => [f.path, f]));
    expect(byPath.get('/status')?.values).toContain('监测户');
    expect(byPath.get('/riskLevel')?.values).toEqual(['红', '黄', '蓝']);
    expect(byPath.get('/members/*/health')?.many).toBe(false);
    expect(containment(byPath.get('/members/*/health')!, '大病')).toEqual({ members: [{ health: '大病' }] });
    expect(containment({ path: '/causes', title: '', values: ['因病'], many: true }, '因病')).toEqual({ causes: ['因病'] });
  });
});
