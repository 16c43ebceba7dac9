import { describe, expect, it } from 'vitest';
import { computedFieldsOf, withComputed, withReadonlyComputed } from './computed';

const schema = {
  type: 'object',
  properties: {
    income: { type: 'number' },
    size: { type: 'integer' },
    perCapita: { type: 'number', 'x-compute': { '/': [{ var: 'income' }, { var: 'size' }] } },
  },
};

describe('computed fields in the browser', () => {
  it('recomputes what the user typed and marks the fields read-only', () => {
    const computed = computedFieldsOf(schema);
    expect(withComputed(computed, { income: 9000, size: 4, perCapita: 1 })).toEqual({ income: 9000, size: 4, perCapita: 2250 });
    expect(withComputed(computed, { income: 9000 })).toEqual({ income: 9000 });
    expect(withReadonlyComputed(computed, { 'ui:order': ['income', 'size', 'perCapita'] })).toEqual({ 'ui:order': ['income', 'size', 'perCapita'], perCapita: { 'ui:readonly': true } });
  });

  it('computes nothing for a designer\'s schema whose rules are refused, and never throws', () => {
    const broken = { ...schema, properties: { ...schema.properties, perCapita: { type: 'number', 'x-compute': { var: 'nothing' } } } };
    expect(computedFieldsOf(broken)).toEqual([]);
    expect(computedFieldsOf(null)).toEqual([]);
    expect(withComputed(computedFieldsOf(schema), 'not an object')).toBe('not an object');
  });
});
