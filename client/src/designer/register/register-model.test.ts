import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fromSchema } from '../form/from-schema';
import { definitionOf, entryFields, memberFields, syncStatuses, TEMPLATE_DEFINITION, type RegisterDefinition } from './register-model';

const household = JSON.parse(fs.readFileSync(new URL('../../../../schemas/registers/household.json', import.meta.url), 'utf8')).definition as RegisterDefinition;

describe('the register designer model', () => {
  it('opens the shipped household register in the visual form builder', () => {
    expect(fromSchema(household.schema, household.uiSchema).unsupported).toEqual([]);
  });

  it('offers the entry fields and, inside one member, the member fields', () => {
    const pointers = entryFields(household.schema).map((f) => f.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/head/name', '/head/idNumber', '/status', '/members']));
    expect(pointers.some((p) => p.includes('*'))).toBe(false);
    const inside = memberFields(household.schema, '/members').map((f) => f.pointer);
    expect(inside).toEqual(expect.arrayContaining(['/idNumber', '/name']));
    expect(memberFields(household.schema, '/status')).toEqual([]);
    expect(memberFields(household.schema, null)).toEqual([]);
  });

  it('keeps one status row per value of the status field, in its order, keeping titles and colours', () => {
    const schema = structuredClone(household.schema) as any;
    schema.properties.status.enum = ['突发严重困难户', ...schema.properties.status.enum.filter((v: string) => v !== '边缘户')];
    const rows = syncStatuses({ ...household, schema });
    expect(rows[0]).toEqual({ value: '突发严重困难户', zh: '突发严重困难户', en: '突发严重困难户', color: 'default' });
    expect(rows.map((r) => r.value)).toEqual(schema.properties.status.enum);
    expect(rows.find((r) => r.value === '监测户')).toEqual(household.statuses.find((s) => s.value === '监测户'));
    // A status field that is not a choice leaves the rows as they are (the server says what is wrong).
    expect(syncStatuses({ ...household, statusField: '/head/name' })).toBe(household.statuses);
  });

  it('reads a version back as the definition it was saved from', () => {
    const checklist = (household.dossier as any).checklist.map((c: any) => ({ titleEn: null, reachedState: null, event: null, attachment: null, ...c, __typename: 'ChecklistItem' }));
    const version = { ...household, checklist, statuses: household.statuses.map((s) => ({ ...s, __typename: 'RegisterStatus' })), changeKinds: household.changeKinds.map((k) => ({ death: false, ...k })) };
    const def = definitionOf(version);
    expect(def.statuses).toEqual(household.statuses);
    expect(def.changeKinds).toEqual(household.changeKinds);
    expect(def.dossier).toEqual(household.dossier);
    expect(definitionOf({ ...version, checklist: [] }).dossier).toBeNull();
  });

  it('starts a new register from a template whose settings name its own fields', () => {
    const pointers = entryFields(TEMPLATE_DEFINITION.schema).map((f) => f.pointer);
    for (const p of [...TEMPLATE_DEFINITION.keyFields, TEMPLATE_DEFINITION.nameField, TEMPLATE_DEFINITION.statusField, TEMPLATE_DEFINITION.headIdField!, TEMPLATE_DEFINITION.membersField!]) expect(pointers).toContain(p);
    expect(syncStatuses(TEMPLATE_DEFINITION)).toEqual(TEMPLATE_DEFINITION.statuses);
  });
});
