import { describe, expect, it } from 'vitest';
import { checkFormSchema, compileForm } from './form-schema.js';
import { LOGIC_LIMITS } from '../workflow/logic.js';
import { analyseComputations, computeFields, readonlyUiSchema } from './form-compute.js';

const household = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: {
    members: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          monthly: { type: 'number' },
          annual: { type: 'number', 'x-compute': { '*': [{ var: 'monthly' }, 12] } },
        },
      },
    },
    income: { type: 'number' },
    size: { type: 'integer', 'x-compute': { var: 'members.length' } },
    perCapita: { type: 'number', 'x-compute': { '/': [{ var: 'income' }, { var: 'size' }] } },
    total: { type: 'number', 'x-compute': { reduce: [{ var: 'members' }, { '+': [{ var: 'accumulator' }, { var: 'current.annual' }] }, 0] } },
    ...extra,
  },
});

const paths = (schema: unknown) => checkFormSchema(schema).map((p) => p.path);

describe('x-compute', () => {
  it('orders computations: elements first, then fields after the fields they read', () => {
    const { computed, problems } = analyseComputations(household());
    expect(problems).toEqual([]);
    expect(computed.map((c) => c.pointer)).toEqual(['/members/*/annual', '/size', '/perCapita', '/total']);
  });

  it('computes per element and at the root, replacing whatever the client sent', () => {
    const form = compileForm(household());
    const data = form.compute({ income: 12000, size: 99, perCapita: 1, members: [{ monthly: 100, annual: 5 }, { monthly: 50 }] });
    expect(data).toEqual({ income: 12000, size: 2, perCapita: 6000, total: 1800, members: [{ monthly: 100, annual: 1200 }, { monthly: 50, annual: 600 }] });
  });

  it('removes a field whose result is not a usable value (division by zero)', () => {
    const form = compileForm(household());
    expect(form.compute({ income: 100, perCapita: 3, members: [] })).toEqual({ income: 100, size: 0, total: 0, members: [] });
  });

  it('refuses unknown fields, computed var paths and unknown operations, with pointers', () => {
    expect(paths(household({ bad: { type: 'number', 'x-compute': { '+': [{ var: 'incom' }, 1] } } }))).toEqual(['/properties/bad/x-compute/+/0/var']);
    expect(paths(household({ bad: { type: 'number', 'x-compute': { var: { cat: ['in', 'come'] } } } }))).toEqual(['/properties/bad/x-compute/var']);
    expect(paths(household({ bad: { type: 'number', 'x-compute': { log: 1 } } }))).toEqual(['/properties/bad/x-compute/log']);
    expect(paths(household({ bad: { type: 'number', 'x-compute': { map: [{ var: 'members' }, { var: 'nmae' }] } } }))).toEqual(['/properties/bad/x-compute/map/1/var']);
    expect(paths(household({ bad: { type: 'number', 'x-compute': { reduce: [{ var: 'members' }, { '+': [{ var: 'income' }, 1] }, 0] } } }))).toEqual(['/properties/bad/x-compute/reduce/1/+/0/var']);
    expect(paths(household({ bad: { type: 'object', 'x-compute': { var: 'income' } } }))).toEqual(['/properties/bad/x-compute']);
  });

  it('refuses cycles, naming each field of the cycle', () => {
    const problems = checkFormSchema({
      type: 'object',
      properties: {
        a: { type: 'number', 'x-compute': { '+': [{ var: 'b' }, 1] } },
        b: { type: 'number', 'x-compute': { '+': [{ var: 'a' }, 1] } },
        c: { type: 'number', 'x-compute': { var: 'c' } },
      },
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['/properties/a/x-compute', '/properties/b/x-compute', '/properties/c/x-compute']);
    expect(problems[0]!.message).toContain('循环');
    expect(problems[0]!.messageEn).toContain('cycle');
  });

  it('refuses the write when the shared budget runs out, never throwing anything else', () => {
    const { computed } = analyseComputations(household());
    const members = Array.from({ length: 200 }, () => ({ monthly: 1 }));
    const r = computeFields(computed, { members }, { ...LOGIC_LIMITS, steps: 500 });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toMatch(/^\/members\/\d+\/annual$/);
    expect(() => compileForm(household()).compute({ members: Array.from({ length: 20_000 }, () => ({ monthly: 1 })) })).toThrow(/limit/);
  });

  it('marks computed fields read-only in the uiSchema', () => {
    const { computed } = analyseComputations(household());
    expect(readonlyUiSchema(computed, { size: { 'ui:widget': 'updown' } })).toEqual({
      members: { items: { annual: { 'ui:readonly': true } } },
      size: { 'ui:widget': 'updown', 'ui:readonly': true }, perCapita: { 'ui:readonly': true }, total: { 'ui:readonly': true },
    });
  });
});

describe('x-unique options', () => {
  const form = (unique: unknown) => ({
    type: 'object',
    properties: {
      idNumber: { type: 'string', 'x-unique': unique },
      term: { type: 'string' },
      members: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
    },
  });
  it('accepts scope and group, and lists them with the unique field', () => {
    expect(checkFormSchema(form({ scope: ['/term'], group: 'education-aid' }))).toEqual([]);
    expect(compileForm(form({ scope: ['/term'], group: 'education-aid' })).uniqueFields).toEqual([{ pointer: '/idNumber', title: 'idNumber', scope: ['/term'], group: 'education-aid' }]);
    expect(compileForm(form(true)).uniqueFields).toEqual([{ pointer: '/idNumber', title: 'idNumber', scope: [] }]);
  });
  it('refuses unknown or unsuitable scope fields and bad group names, with pointers', () => {
    expect(paths(form({ scope: ['/year'] }))).toEqual(['/properties/idNumber/x-unique/scope/0']);
    expect(paths(form({ scope: ['/members'] }))).toEqual(['/properties/idNumber/x-unique/scope/0']);
    expect(paths(form({ scope: ['/idNumber'] }))).toEqual(['/properties/idNumber/x-unique/scope/0']);
    expect(paths(form({ scope: [] }))).toEqual(['/properties/idNumber/x-unique/scope']);
    expect(paths(form({ group: 'Education Aid' }))).toEqual(['/properties/idNumber/x-unique/group']);
    expect(paths(form({ scop: ['/term'] }))).toContain('/properties/idNumber/x-unique/scop');
    expect(paths(form('yes'))).toContain('/properties/idNumber/x-unique');
  });
});
