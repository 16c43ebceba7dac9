import { describe, expect, it } from 'vitest';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { RJSFSchema } from '@rjsf/utils';
// The options validator.ts gives rjsf (that module also loads the Chinese messages through Vite's alias).
import { platformValidatorOptions } from '../../../server/src/programmes/form-keywords';
import { compileForm } from '../../../server/src/programmes/form-schema';

const validator = customizeValidator(platformValidatorOptions());
const schema = {
  type: 'object',
  properties: {
    code: { type: 'string', pattern: '^(a+)+$' },
    name: { type: 'string', pattern: '^\\S+$' },
  },
} as const;

describe('the browser validator', () => {
  it('matches patterns in linear time, as the server does', () => {
    // A backtracking RegExp takes minutes on this input; the form page would freeze.
    const { errors } = validator.validateFormData({ code: `${'a'.repeat(34)}!` }, schema as RJSFSchema);
    expect(errors.map((e) => [e.property, e.name])).toEqual([['.code', 'pattern']]);
  });

  it('gives the same answers as the server for the same pattern', () => {
    const server = compileForm(schema);
    for (const name of ['张三', '张\u3000三', '张 三', 'a\u00a0b']) {
      const browserOk = validator.validateFormData({ name }, schema as RJSFSchema).errors.length === 0;
      expect(browserOk, JSON.stringify(name)).toBe(server.validate({ name }).length === 0);
    }
    expect(validator.validateFormData({ name: '张\u3000三' }, schema as RJSFSchema).errors).toHaveLength(1);
  });
});

describe('the browser validator with fields named like Object.prototype members', () => {
  const housing = {
    type: 'object',
    properties: { constructor: { type: 'string', title: '施工单位' }, toString: { type: 'string' } },
    required: ['constructor', 'toString'],
  } as const;

  it('finds them missing when absent, as the server does', () => {
    const { errors } = validator.validateFormData({}, housing as unknown as RJSFSchema);
    expect(errors.map((e) => [e.property, e.name]).sort()).toEqual([['constructor', 'required'], ['toString', 'required']]);
    expect(compileForm(housing).validate({}).map((p) => p.path).sort()).toEqual(['/constructor', '/toString']);
  });

  it('accepts them when filled in', () => {
    const data = { constructor: '某建筑公司', toString: 'x' };
    expect(validator.validateFormData(data, housing as unknown as RJSFSchema).errors).toEqual([]);
    expect(compileForm(housing).validate(data)).toEqual([]);
  });
});
