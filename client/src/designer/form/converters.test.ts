import { describe, expect, it } from 'vitest';
import { checkFormSchema } from '../../../../server/src/programmes/form-check';
import { computeFields, analyseComputations } from '../../../../server/src/programmes/form-compute';
import type { Field, FormModel } from './field-model';
import { fromSchema } from './from-schema';
import { toSchema } from './to-schema';
import { compileFormula, decompileFormula, formulaText } from './formula';
import { newField, PALETTE } from './palette';
import { checkModel } from './check-model';
import { editableStepsOf, editingSteps, renamePointer, setEditableSteps } from './editable-steps';
import { findField, insertField, moveField, removeField, updateField } from './model-ops';

const field = (kind: Field['kind'], key: string, extra: Partial<Field> = {}): Field => ({ ...newField(kind), key, ...extra });

/** A small temporary-assistance form built the way the builder builds it. */
function sampleModel(): FormModel {
  const members = field('table', 'members', {
    title: '家庭成员',
    fields: [
      field('text', 'name', { title: '姓名', required: true }),
      field('number', 'monthlyIncome', { title: '月收入', unit: '元', required: true }),
      field('computed', 'annualIncome', { title: '年收入', unit: '元', compute: compileFormula([{ operand: { var: 'monthlyIncome' } }, { op: '*', operand: { num: 12 } }]) }),
    ],
  });
  return {
    title: '临时救助申请',
    ui: {},
    fields: [
      field('text', 'name', { title: '申请人姓名', required: true, public: true, mask: 'name' }),
      field('idcard', 'idNumber', { title: '身份证号', required: true, unique: { scope: ['/term'] }, public: true, mask: 'idcard' }),
      field('choice', 'term', { title: '申请期次', options: [{ value: '2026上半年' }, { value: '2026下半年' }] }),
      field('mobile', 'phone', { title: '联系电话' }),
      field('choice', 'cause', { title: '困难类别', options: [{ value: 'ill', label: '因病' }, { value: 'disaster', label: '因灾' }], labelled: true, required: true }),
      field('textarea', 'illness', { title: '病情说明', visibleWhen: { field: 'cause', equals: 'ill' }, required: true }),
      field('date', 'disasterDate', { title: '受灾日期', visibleWhen: { field: 'cause', equals: 'disaster' } }),
      members,
      field('money', 'rent', { title: '月房租' }),
      field('computed', 'total', {
        title: '家庭年收入',
        unit: '元',
        compute: { reduce: [{ var: 'members' }, { '+': [{ var: 'accumulator' }, { var: 'current.annualIncome' }] }, 0] },
      }),
      field('computed', 'perMonth', {
        title: '扣除房租后月收入',
        unit: '元',
        compute: compileFormula([{ operand: { var: 'total' } }, { op: '/', operand: { num: 12 } }, { op: '-', operand: { var: 'rent' } }]),
      }),
      field('region', 'village', { title: '所在村' }),
      field('attachment', 'proof', { title: '证明材料' }),
      field('boolean', 'insured', { title: '参加医保' }),
      field('multichoice', 'needs', { title: '救助需求', options: [{ value: '基本生活' }, { value: '医疗' }] }),
      field('section', 'bank', { title: '收款账户', fields: [field('text', 'card', { title: '一卡通账号', limits: { pattern: '^[0-9]{16,19}$' } })] }),
    ],
  };
}

describe('toSchema', () => {
  const { schema, uiSchema } = toSchema(sampleModel());
  const props = schema.properties as Record<string, Record<string, unknown>>;

  it('writes each field type with the keywords the platform reads', () => {
    expect(props.idNumber).toEqual({ type: 'string', title: '身份证号', format: 'cn-idcard', 'x-public': true, 'x-mask': 'idcard', 'x-unique': { scope: ['/term'] } });
    expect(props.phone).toMatchObject({ type: 'string', format: 'cn-mobile' });
    expect(props.cause).toMatchObject({ type: 'string', oneOf: [{ const: 'ill', title: '因病' }, { const: 'disaster', title: '因灾' }] });
    expect(props.term).toMatchObject({ enum: ['2026上半年', '2026下半年'] });
    expect(props.rent).toEqual({ type: 'number', title: '月房租（元）', multipleOf: 0.01, minimum: 0 });
    expect(props.needs).toEqual({ type: 'array', title: '救助需求', items: { type: 'string', enum: ['基本生活', '医疗'] }, uniqueItems: true });
    expect(props.insured).toEqual({ type: 'boolean', title: '参加医保' });
    expect(props.members).toMatchObject({ type: 'array', minItems: 1, maxItems: 30, items: { type: 'object', required: ['name', 'monthlyIncome'] } });
    expect((props.members.items as { properties: Record<string, unknown> }).properties.annualIncome).toEqual({
      type: 'number',
      title: '年收入（元）',
      'x-compute': { '*': [{ var: 'monthlyIncome' }, 12] },
    });
    expect(props.perMonth['x-compute']).toEqual({ '-': [{ '/': [{ var: 'total' }, 12] }, { var: 'rent' }] });
    expect(props.bank).toMatchObject({ type: 'object', properties: { card: { type: 'string', pattern: '^[0-9]{16,19}$' } } });
    expect(uiSchema.village).toEqual({ 'ui:widget': 'region' });
    expect(uiSchema.proof).toEqual({ 'ui:widget': 'attachment' });
    expect(uiSchema.insured).toEqual({ 'ui:widget': 'radio', 'ui:enumNames': ['是', '否'] });
  });

  it('compiles visibility conditions to if/then (allOf when there are several)', () => {
    expect(props.illness).toBeUndefined();
    expect(schema.allOf).toEqual([
      { if: { properties: { cause: { const: 'ill' } }, required: ['cause'] }, then: { properties: { illness: expect.objectContaining({ title: '病情说明' }) }, required: ['illness'] } },
      { if: { properties: { cause: { const: 'disaster' } }, required: ['cause'] }, then: { properties: { disasterDate: expect.objectContaining({ format: 'date' }) } } },
    ]);
    expect(schema.required).toEqual(['name', 'idNumber', 'cause']);
    expect(uiSchema['ui:order']).toEqual(sampleModel().fields.map((f) => f.key));
  });

  it('one condition goes on the object itself, and required-when adds to then.required', () => {
    const m: FormModel = {
      ui: {},
      fields: [field('boolean', 'hasDisability', { ui: {} }), field('choice', 'grade', { options: [{ value: '一级' }], requiredWhen: { field: 'hasDisability', equals: true }, ui: {} })],
    };
    const { schema: s } = toSchema(m);
    expect(s.if).toEqual({ properties: { hasDisability: { const: true } }, required: ['hasDisability'] });
    expect(s.then).toEqual({ required: ['grade'] });
    expect(s.allOf).toBeUndefined();
  });

  it('is a form the server accepts, and its computations run', () => {
    expect(checkFormSchema(schema)).toEqual([]);
    const computed = analyseComputations(schema).computed;
    const result = computeFields(computed, { members: [{ name: '甲', monthlyIncome: 500 }, { name: '乙', monthlyIncome: 300 }], rent: 100 });
    expect(result.data).toMatchObject({ total: 9600, perMonth: 700 });
  });

  it('every palette type makes a field the server accepts', () => {
    const m: FormModel = { ui: {}, fields: [] };
    for (const p of PALETTE) m.fields.push(newField(p.kind, m.fields.map((f) => f.key)));
    const computed = m.fields.find((f) => f.kind === 'computed')!;
    computed.compute = compileFormula([{ operand: { var: 'number1' } }, { op: '+', operand: { var: 'money1' } }]);
    expect(checkModel(m)).toEqual([]);
    expect(checkFormSchema(toSchema(m).schema)).toEqual([]);
  });
});

describe('fromSchema', () => {
  it('reads back what toSchema wrote: same kinds, keys, order, conditions and settings', () => {
    const model = sampleModel();
    const { model: back, unsupported } = fromSchema(toSchema(model).schema, toSchema(model).uiSchema);
    expect(unsupported).toEqual([]);
    const strip = (fields: Field[]): unknown[] => fields.map(({ id: _id, ...f }) => ({ ...f, fields: f.fields && strip(f.fields) }));
    const clean = (v: unknown) => JSON.parse(JSON.stringify(v));
    expect(clean(strip(back.fields))).toEqual(clean(strip(model.fields)));
  });

  it('names every keyword it cannot represent by its pointer', () => {
    const { unsupported } = fromSchema({
      type: 'object',
      properties: {
        a: { type: 'string', 'x-foo': 1, not: { const: 'x' } },
        b: { type: 'object', properties: { c: { type: 'string' } }, dependencies: { c: ['d'] } },
        list: { type: 'array', items: { type: 'string' } },
        u: { type: ['number', 'null'] },
      },
      if: { properties: { a: { const: 'x' } }, required: ['a'] },
      then: { properties: { z: { type: 'string' } } },
      else: { properties: { y: { type: 'string' } } },
    });
    expect(unsupported.sort()).toEqual(['/else', '/properties/a/not', '/properties/a/x-foo', '/properties/b/dependencies', '/properties/list/items', '/properties/u/type'].sort());
  });

  it('refuses a condition other than "field equals value"', () => {
    const { unsupported } = fromSchema({
      type: 'object',
      properties: { a: { type: 'integer' } },
      if: { properties: { a: { minimum: 3 } }, required: ['a'] },
      then: { properties: { b: { type: 'string' } } },
    });
    expect(unsupported).toEqual(['/if']);
  });

  it('takes the unit out of a number title and keeps other titles whole', () => {
    const { model } = fromSchema({ type: 'object', properties: { n: { type: 'integer', title: '家庭人口（人）' }, s: { type: 'string', title: '证明（可选）' } } });
    expect(model.fields[0]).toMatchObject({ kind: 'number', title: '家庭人口', unit: '人', valueType: 'integer' });
    expect(model.fields[1]).toMatchObject({ kind: 'text', title: '证明（可选）' });
  });
});

describe('formula builder', () => {
  it('compiles with × ÷ before + −', () => {
    const t = (v: string) => ({ var: v });
    expect(compileFormula([{ operand: t('a') }, { op: '+', operand: t('b') }, { op: '*', operand: { num: 2 } }, { op: '-', operand: t('c') }])).toEqual({
      '-': [{ '+': [{ var: 'a' }, { '*': [{ var: 'b' }, 2] }] }, { var: 'c' }],
    });
    expect(compileFormula([{ operand: t('a') }, { op: '+', operand: t('b') }, { op: '+', operand: t('c') }])).toEqual({ '+': [{ var: 'a' }, { var: 'b' }, { var: 'c' }] });
  });

  it('reads back exactly the rules it writes, and nothing else', () => {
    const rules = [{ '*': [{ var: 'monthlyIncome' }, 12] }, { '-': [{ '/': [{ var: 'total' }, 12] }, { var: 'rent' }] }, { var: 'x' }, 5];
    for (const r of rules) expect(compileFormula(decompileFormula(r)!)).toEqual(r);
    expect(decompileFormula({ '*': [{ '+': [{ var: 'a' }, { var: 'b' }] }, 2] })).toBeNull();
    expect(decompileFormula({ if: [{ var: 'a' }, 1, 2] })).toBeNull();
    expect(decompileFormula({ '-': [{ var: 'a' }] })).toBeNull();
    expect(formulaText(decompileFormula(rules[1])!, (k) => ({ total: '年收入', rent: '房租' })[k] ?? k)).toBe('年收入 ÷ 12 − 房租');
  });
});

describe('checkModel', () => {
  it('flags a condition on a deleted field, a formula reading a missing field, a repeated key', () => {
    let m = sampleModel();
    m = removeField(m, m.fields.find((f) => f.key === 'cause')!.id);
    m = removeField(m, m.fields.find((f) => f.key === 'rent')!.id);
    m = updateField(m, m.fields.find((f) => f.key === 'phone')!.id, { key: 'name' });
    const zh = checkModel(m).map((p) => p.zh);
    expect(zh).toContain('「病情说明」的显示条件引用的字段「cause」已不存在（或本身有显示条件）');
    expect(zh).toContain('「扣除房租后月收入」的公式引用的数字字段「rent」不存在');
    expect(zh).toContain('字段标识「name」重复');
    expect(checkModel(sampleModel())).toEqual([]);
  });
});

describe('model edits', () => {
  it('insert, move and remove inside sections and tables', () => {
    let m = sampleModel();
    const members = m.fields.find((f) => f.key === 'members')!;
    m = insertField(m, members.id, 1, field('idcard', 'idNumber', { title: '身份证号' }));
    expect(findField(m.fields, members.id)!.fields!.map((f) => f.key)).toEqual(['name', 'idNumber', 'monthlyIncome', 'annualIncome']);
    m = moveField(m, findField(m.fields, members.id)!.fields![0].id, 3);
    expect(findField(m.fields, members.id)!.fields!.map((f) => f.key)).toEqual(['idNumber', 'monthlyIncome', 'annualIncome', 'name']);
    m = moveField(m, m.fields[0].id, 2);
    expect(m.fields.slice(0, 3).map((f) => f.key)).toEqual(['idNumber', 'term', 'name']);
  });
});

describe('editable steps', () => {
  const wf = {
    states: {
      draft: { meta: { kind: 'draft', title: { zh: '填报' } } },
      review: { meta: { kind: 'task', title: { zh: '乡镇审核' }, editable: ['/appraisal'] } },
      county: { meta: { kind: 'task', title: { zh: '县级审批' } } },
      done: { type: 'final', meta: { kind: 'final' } },
    },
  };
  it('lists the steps, reads and writes meta.editable, follows a renamed key', () => {
    expect(editingSteps(wf)).toEqual([{ name: 'review', title: '乡镇审核' }, { name: 'county', title: '县级审批' }]);
    expect(editableStepsOf(wf, '/appraisal/notes')).toEqual({ direct: [], inherited: ['review'] });
    const next = setEditableSteps(wf, '/amount', ['review', 'county']) as typeof wf;
    expect(next.states.review.meta.editable).toEqual(['/appraisal', '/amount']);
    expect((next.states.county.meta as { editable?: string[] }).editable).toEqual(['/amount']);
    expect(next.states.draft).toBe(wf.states.draft);
    const cleared = setEditableSteps(next, '/amount', []) as typeof wf;
    expect(cleared.states.review.meta.editable).toEqual(['/appraisal']);
    expect('editable' in cleared.states.county.meta).toBe(false);
    const renamed = renamePointer(wf, '/appraisal', '/vote') as typeof wf;
    expect(renamed.states.review.meta.editable).toEqual(['/vote']);
  });
});
