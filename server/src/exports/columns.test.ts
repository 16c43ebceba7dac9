import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formColumns, labelOf } from './columns.js';

const load = (key: string) => JSON.parse(readFileSync(new URL(`../../../schemas/${key}.json`, import.meta.url), 'utf8')) as { formSchema: unknown; uiSchema: unknown };

describe('formColumns', () => {
  it('flattens the 低保 form: titles, enum labels, dates, members as an array group', () => {
    const { formSchema, uiSchema } = load('dibao');
    const { columns, arrays } = formColumns(formSchema, uiSchema);
    const by = (p: string) => columns.find((c) => c.pointer === p)!;
    expect(by('/head/name')).toMatchObject({ titleZh: '户主姓名', type: 'string' });
    expect(by('/householdSize')).toMatchObject({ titleZh: '家庭人口（人）', type: 'integer' });
    expect(by('/reason/category').enumLabels?.map((e) => e.label)).toContain('因病');
    expect(by('/appraisal/meetingDate')).toMatchObject({ format: 'date' });
    expect(arrays).toEqual([{ pointer: '/members', titleZh: '共同生活的家庭成员' }]);
    expect(by('/members/*/relation')).toMatchObject({ titleZh: '与户主关系', array: '/members' });
  });

  it('labels booleans from ui:enumNames and follows ui:order', () => {
    const schema = {
      type: 'object',
      properties: { b: { type: 'string', title: 'B' }, a: { type: 'boolean', title: 'A' }, c: { type: 'string', title: 'C', oneOf: [{ const: 'x', title: '叉' }, { const: 'y', title: '歪' }] } },
    };
    const { columns } = formColumns(schema, { 'ui:order': ['a', '*'], a: { 'ui:enumNames': ['有', '无'] } });
    expect(columns.map((c) => c.pointer)).toEqual(['/a', '/b', '/c']);
    expect(labelOf(columns[0]!, false)).toBe('无');
    expect(labelOf(columns[2]!, 'y')).toBe('歪');
  });

  it('prefixes the parent title when two fields share a title', () => {
    const schema = { type: 'object', properties: { s: { type: 'object', title: '学生', properties: { name: { type: 'string', title: '姓名' } } }, h: { type: 'object', title: '户主', properties: { name: { type: 'string', title: '姓名' } } } } };
    expect(formColumns(schema).columns.map((c) => c.titleZh)).toEqual(['学生·姓名', '户主·姓名']);
  });

  it('every example programme flattens without duplicate headers', () => {
    for (const key of ['dibao', 'yulu', 'housing', 'identification', 'monitoring']) {
      const { formSchema, uiSchema } = load(key);
      const { columns } = formColumns(formSchema, uiSchema);
      expect(columns.length).toBeGreaterThan(5);
      const main = columns.filter((c) => !c.array).map((c) => c.titleZh);
      expect(new Set(main).size, key).toBe(main.length);
    }
  });
});
