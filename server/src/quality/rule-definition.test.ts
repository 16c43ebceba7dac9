import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRuleDefinition, type RuleDefinition } from './rule-definition.js';
import { DEMO_QUALITY_RULES } from '../seed/demo-quality.js';

const household = JSON.parse(fs.readFileSync('schemas/registers/household.json', 'utf8')).definition.schema;
const dibao = JSON.parse(fs.readFileSync('schemas/dibao.json', 'utf8')).formSchema;

const base: RuleDefinition = {
  key: 'members-insured', target: 'entry', sourceKey: 'household',
  logic: { all: [{ var: 'members' }, { '==': [{ var: 'insured' }, true] }] }, aggregate: null,
  severity: 'warning', messageZh: '有成员未参保', messageEn: 'A member is not insured', fields: ['/members'],
};
const paths = (r: RuleDefinition, schema: unknown = household) => checkRuleDefinition(r, schema).map((p) => p.path);

describe('quality rule definitions', () => {
  it('accepts the demo rules against their forms', () => {
    for (const rule of DEMO_QUALITY_RULES) expect(checkRuleDefinition(rule, rule.target === 'entry' ? household : dibao)).toEqual([]);
    expect(paths(base)).toEqual([]);
  });

  it('resolves vars inside array iteration against the element fields', () => {
    expect(paths({ ...base, logic: { all: [{ var: 'members' }, { '==': [{ var: 'insurance' }, true] }] } })).toEqual(['/input/logic/all/1/==/0/var']);
    expect(paths({ ...base, logic: { some: [{ var: 'members' }, { '==': [{ var: 'health' }, '大病'] }] } })).toEqual([]);
  });

  it('refuses rules that read nothing, cannot be evaluated or are too long', () => {
    expect(paths({ ...base, logic: { '==': [1, 1] } })).toEqual(['/input/logic']);
    expect(paths({ ...base, logic: { log: [{ var: 'status' }] } })).toEqual(['/input/logic/log']);
    expect(paths({ ...base, logic: { '==': [{ var: 'status' }, 'x'.repeat(20_001)] } })).toEqual(['/input/logic']);
    expect(paths({ ...base, logic: 'status' })).toEqual(['/input/logic']);
  });

  it('checks aggregate measures against the field types', () => {
    const agg = (left: unknown, right: unknown, op = '==') => paths({ ...base, logic: null, aggregate: { left, op, right } as never });
    expect(agg({ kind: 'sum', field: '/householdSize' }, { kind: 'items', field: '/members', where: { '/status': '已脱贫' } })).toEqual([]);
    expect(agg({ kind: 'sum', field: '/status' }, { kind: 'items', field: '/householdSize' })).toEqual(['/input/aggregate/left/field', '/input/aggregate/right/field']);
    expect(agg({ kind: 'count', field: '/status' }, { kind: 'median' }, '≈')).toEqual(['/input/aggregate/op', '/input/aggregate/left/field', '/input/aggregate/right/kind']);
    expect(agg({ kind: 'sum', field: '/members/*/age' }, { kind: 'count', where: { '/members/*/sex': '男' } })).toEqual(['/input/aggregate/left/field', '/input/aggregate/right/where/~1members~1*~1sex']);
  });

  it('gives every problem in both languages', () => {
    const problems = checkRuleDefinition({ ...base, key: 'X', severity: 'fatal' as never, messageZh: '', messageEn: '', fields: ['/nope'] }, household);
    expect(problems.map((p) => p.path)).toEqual(['/input/key', '/input/severity', '/input/messageZh', '/input/messageEn', '/input/fields/0']);
    for (const p of problems) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messageEn).toMatch(/[a-z]/);
    }
  });
});
