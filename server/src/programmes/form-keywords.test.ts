import { Ajv } from 'ajv';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { addPlatformVocabulary, platformFormats, platformKeywordNames, platformValidatorOptions } from './form-keywords.js';

const schema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'cn-idcard', 'x-unique': true, 'x-public': true, 'x-mask': 'idcard' },
    phone: { type: 'string', format: 'cn-mobile' },
  },
} as const;

describe('addPlatformVocabulary', () => {
  it('lets strict ajv compile the platform formats and keywords', () => {
    const ajv = addPlatformVocabulary(new Ajv({ strict: true, allErrors: true }));
    const validate = ajv.compile(schema);
    expect(validate({ id: '11010519491231002X', phone: '13812345678' })).toBe(true);
    expect(validate({ id: '110105194912310021', phone: '1381234567' })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/id', '/phone']);
  });

  it('can be called twice on one instance', () => {
    const ajv = addPlatformVocabulary(new Ajv({ strict: true }));
    expect(() => addPlatformVocabulary(ajv)).not.toThrow();
  });

  it('refuses a keyword value outside its meta-schema', () => {
    const ajv = addPlatformVocabulary(new Ajv({ strict: true }));
    expect(() => ajv.compile({ type: 'string', 'x-mask': 'email' })).toThrow(/x-mask/);
    expect(() => ajv.compile({ type: 'string', 'x-public': 'yes' })).toThrow(/x-public/);
  });

  it('names every platform keyword', () => {
    expect(platformKeywordNames).toEqual(expect.arrayContaining(['x-public', 'x-mask', 'x-unique']));
    expect(Object.keys(platformFormats).sort()).toEqual(['cn-idcard', 'cn-mobile']);
  });
});

describe('platformValidatorOptions', () => {
  it('gives rjsf the same formats and keywords as the server', () => {
    const validator = customizeValidator(platformValidatorOptions());
    const ok = validator.validateFormData({ id: '11010519491231002X', phone: '13812345678' }, schema as never);
    expect(ok.errors).toEqual([]);
    const bad = validator.validateFormData({ id: '11010519491231002x', phone: '12345' }, schema as never);
    expect(bad.errors.map((e) => e.property).sort()).toEqual(['.id', '.phone']);
  });
});
