import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { flatColumns, formColumns, labelOf, toCell } from './form-columns.js';

const household = JSON.parse(fs.readFileSync('schemas/registers/household.json', 'utf8')).definition;
const dibao = JSON.parse(fs.readFileSync('schemas/dibao.json', 'utf8'));
const identification = JSON.parse(fs.readFileSync('schemas/identification.json', 'utf8'));

describe('formColumns: the sheets of an import template', () => {
  it('lays the household register out in form order, members on their own sheet', () => {
    const { main, members } = formColumns(household.schema, household.uiSchema);
    expect(main.columns.map((c) => c.titleZh).slice(0, 4)).toEqual(['户主姓名', '户主身份证号', '联系电话', '村民小组']);
    const head = main.columns.find((c) => c.pointer === '/head/idNumber')!;
    expect(head).toMatchObject({ type: 'string', format: 'cn-idcard', required: true });
    expect(main.columns.find((c) => c.pointer === '/head/phone')!.required).toBe(false);
    const status = main.columns.find((c) => c.pointer === '/status')!;
    expect(status.type).toBe('enum');
    expect(status.enum!.map((o) => o.label)).toContain('监测户');
    // Only under a condition (监测户): a column, never required by the header.
    expect(main.columns.find((c) => c.pointer === '/riskLevel')).toMatchObject({ conditional: true, required: false });
    expect(main.columns.map((c) => c.pointer).indexOf('/riskLevel')).toBe(main.columns.map((c) => c.pointer).indexOf('/status') + 1);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ pointer: '/members', required: true, minItems: 1 });
    expect(members[0].columns.map((c) => c.pointer)).toContain('/birthDate');
    expect(members[0].columns.find((c) => c.pointer === '/birthDate')!.type).toBe('date');
    expect(members[0].columns.find((c) => c.pointer === '/insured')!.enum).toEqual([{ value: true, label: '是' }, { value: false, label: '否' }]);
  });

  it('keeps lists of enum values in one column and labels booleans with ui:enumNames', () => {
    const { main } = formColumns(identification.formSchema, identification.uiSchema);
    const causes = main.columns.find((c) => c.pointer === '/causes')!;
    expect(causes).toMatchObject({ type: 'enum', list: true });
    expect(toCell(causes, ['因病', '因学'])).toBe('因病、因学');
    const water = main.columns.find((c) => c.pointer === '/drinkingWaterSafe')!;
    expect(water.enum!.map((o) => o.label)).toEqual(['是', '否']);
    expect(toCell(water, false)).toBe('否');
  });

  it('gives every column of a sheet a distinct title', () => {
    for (const { main, members } of [formColumns(dibao.formSchema, dibao.uiSchema), formColumns(household.schema, household.uiSchema)]) {
      for (const sheet of [main, ...members]) {
        const titles = sheet.columns.map((c) => c.titleZh);
        expect(new Set(titles).size).toBe(titles.length);
      }
    }
  });
});

describe('flatColumns: one list for exports, ledgers and dossiers', () => {
  it('flattens the 低保 form: titles, enum labels, dates, members as an array group', () => {
    const { formSchema, uiSchema } = dibao;
    const { columns, arrays } = flatColumns(formSchema, uiSchema);
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
    const { columns } = flatColumns(schema, { 'ui:order': ['a', '*'], a: { 'ui:enumNames': ['有', '无'] } });
    expect(columns.map((c) => c.pointer)).toEqual(['/a', '/b', '/c']);
    expect(labelOf(columns[0]!, false)).toBe('无');
    expect(labelOf(columns[2]!, 'y')).toBe('歪');
  });

  it('prefixes the parent title when two fields share a title', () => {
    const schema = { type: 'object', properties: { s: { type: 'object', title: '学生', properties: { name: { type: 'string', title: '姓名' } } }, h: { type: 'object', title: '户主', properties: { name: { type: 'string', title: '姓名' } } } } };
    expect(flatColumns(schema).columns.map((c) => c.titleZh)).toEqual(['学生·姓名', '户主·姓名']);
  });

  it('every example programme flattens without duplicate headers', () => {
    for (const key of ['dibao', 'yulu', 'housing', 'identification', 'monitoring']) {
      const { formSchema, uiSchema } = JSON.parse(fs.readFileSync(`schemas/${key}.json`, 'utf8'));
      const { columns } = flatColumns(formSchema, uiSchema);
      expect(columns.length).toBeGreaterThan(5);
      const main = columns.filter((c) => !c.array).map((c) => c.titleZh);
      expect(new Set(main).size, key).toBe(main.length);
    }
  });
});

describe('one walk, two views', () => {
  it('names every field alike in the import template and in the export', () => {
    for (const [schema, ui] of [[dibao.formSchema, dibao.uiSchema], [household.schema, household.uiSchema]]) {
      const { main, members } = formColumns(schema, ui);
      const flat = flatColumns(schema, ui);
      expect(flat.columns.filter((c) => !c.array).map((c) => [c.pointer, c.titleZh])).toEqual(main.columns.map((c) => [c.pointer, c.titleZh]));
      for (const m of members) {
        expect(flat.columns.filter((c) => c.array === m.pointer).map((c) => [c.pointer, c.titleZh])).toEqual(m.columns.map((c) => [`${m.pointer}/*${c.pointer}`, c.titleZh]));
      }
      expect(flat.arrays.map((a) => a.pointer)).toEqual(members.map((m) => m.pointer));
    }
  });

  it('keeps hidden fields in the export only, and follows dependencies', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', title: 'A' }, secret: { type: 'string', title: '内部' } }, dependencies: { a: { properties: { b: { type: 'number', title: 'B' } } } } };
    const ui = { secret: { 'ui:widget': 'hidden' } };
    expect(formColumns(schema, ui).main.columns.map((c) => c.pointer)).toEqual(['/a', '/b']);
    expect(formColumns(schema, ui).main.columns.find((c) => c.pointer === '/b')).toMatchObject({ conditional: true, required: false });
    expect(flatColumns(schema, ui).columns.map((c) => c.pointer)).toEqual(['/a', '/secret', '/b']);
  });
});
