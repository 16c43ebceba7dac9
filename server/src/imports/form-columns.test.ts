import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { formColumns, toCell } from './form-columns.js';

const household = JSON.parse(fs.readFileSync('schemas/registers/household.json', 'utf8')).definition;
const dibao = JSON.parse(fs.readFileSync('schemas/dibao.json', 'utf8'));
const identification = JSON.parse(fs.readFileSync('schemas/identification.json', 'utf8'));

describe('formColumns', () => {
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
