import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fromSchema } from '../form/from-schema';
import { conditionOf, definitionOf, entryFields, memberFields, newChecklistKey, syncStatuses, TEMPLATE_DEFINITION, withCondition, workflowChoices, type RegisterDefinition } from './register-model';

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

describe('the checklist model', () => {
  const row = { key: 'appraisal', title: '民主评议记录', programme: 'identification' };
  it('reads and sets one condition per item', () => {
    expect(conditionOf(row)).toEqual({ kind: 'exists', value: '' });
    const reached = withCondition(row, 'reachedState', 'village_notice');
    expect(reached).toEqual({ ...row, reachedState: 'village_notice' });
    expect(conditionOf(reached)).toEqual({ kind: 'reachedState', value: 'village_notice' });
    const event = withCondition(reached, 'event', 'APPROVE');
    expect(event).toEqual({ ...row, event: 'APPROVE' });
    expect(withCondition(event, 'exists', '')).toEqual(row);
    // Chosen, its field not picked yet: kept (the picker shows), empty.
    const pending = withCondition(event, 'attachment', '');
    expect(pending).toEqual({ ...row, attachment: '' });
    expect(conditionOf(pending)).toEqual({ kind: 'attachment', value: '' });
    expect(conditionOf({ ...row, event: null })).toEqual({ kind: 'exists', value: '' });
  });

  it('names a new item with the first free key', () => {
    expect(newChecklistKey([])).toBe('item_1');
    expect(newChecklistKey([{ ...row, key: 'item_2' }])).toBe('item_3');
    expect(newChecklistKey([{ ...row, key: 'item_2' }, { ...row, key: 'item_3' }])).toBe('item_4');
  });

  it('offers a workflow’s states and events by title', () => {
    const wf = JSON.parse(fs.readFileSync(new URL('../../../../workflows/identification.json', import.meta.url), 'utf8'));
    const { states, events } = workflowChoices(wf, 'zh');
    expect(states.find((s) => s.value === 'village_notice')?.label).toMatch(/（village_notice）$/);
    expect(states.map((s) => s.value)).toEqual(Object.keys(wf.states));
    expect(events.map((e) => e.value)).toContain('SUBMIT');
    expect(new Set(events.map((e) => e.value)).size).toBe(events.length);
    expect(workflowChoices(null, 'zh')).toEqual({ states: [], events: [] });
  });
});
