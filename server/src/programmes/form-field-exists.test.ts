import { describe, expect, it } from 'vitest';
import { formFieldExists } from './form-field-exists.js';

const schema = {
  type: 'object',
  definitions: { person: { type: 'object', properties: { name: { type: 'string' } } } },
  properties: {
    amount: { type: 'number' },
    head: { $ref: '#/definitions/person' },
    members: { type: 'array', items: { $ref: '#/definitions/person' } },
  },
  allOf: [{ if: { properties: { amount: { minimum: 1 } } }, then: { properties: { reason: { type: 'string' } } } }],
};

describe('formFieldExists', () => {
  it('finds properties, through $ref, array items and conditional subschemas', () => {
    for (const p of ['/amount', '/head', '/head/name', '/members', '/members/0/name', '/members/*/name', '/reason']) {
      expect(formFieldExists(schema, p), p).toBe(true);
    }
  });

  it('refuses what the form does not have', () => {
    for (const p of ['/amont', '/head/age', '/members/x/name', '/definitions/person', 'amount']) {
      expect(formFieldExists(schema, p), p).toBe(false);
    }
  });
});
