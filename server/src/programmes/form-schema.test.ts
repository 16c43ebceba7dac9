import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.js';
import { compileForm, CompiledFormCache, forgetCompiledForm, getCompiledForm, type CompiledForm } from './form-schema.js';

const householdForm = {
  type: 'object',
  required: ['head', 'members'],
  properties: {
    head: {
      type: 'object',
      title: '户主信息',
      required: ['name', 'idNumber'],
      properties: {
        name: { type: 'string', title: '户主姓名', 'x-public': true, 'x-mask': 'name' },
        idNumber: { type: 'string', title: '身份证号', format: 'cn-idcard', 'x-unique': true, 'x-public': true, 'x-mask': 'idcard' },
        phone: { type: 'string', format: 'cn-mobile' },
      },
    },
    kind: { type: 'string', oneOf: [{ const: 'a', title: '甲' }, { const: 'b', title: '乙' }] },
    income: { type: 'number', minimum: 0 },
    members: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'health'],
        properties: {
          name: { type: 'string', 'x-public': true, 'x-mask': 'name' },
          health: { type: 'string', enum: ['健康', '残疾'] },
          age: { type: 'integer', minimum: 0 },
        },
        if: { properties: { health: { const: '残疾' } }, required: ['health'] },
        then: { properties: { disabilityGrade: { type: 'string', enum: ['一级', '二级'] } }, required: ['disabilityGrade'] },
        else: { properties: { disabilityGrade: { not: {} } } },
      },
    },
    bankCard: { type: 'string' },
  },
  dependencies: { bankCard: ['income'] },
};

const valid = {
  head: { name: '张三明', idNumber: '130636196803150316', phone: '13812345678' },
  members: [{ name: '张三明', health: '健康' }, { name: '李秀兰', health: '残疾', disabilityGrade: '二级' }],
};

describe('compileForm', () => {
  const form = compileForm(householdForm);

  it('accepts valid data', () => {
    expect(form.validate(valid)).toEqual([]);
  });

  it('points at each invalid nested field and array element', () => {
    const problems = form.validate({
      head: { name: '张三明', idNumber: '130636196803150317', phone: '12345' },
      income: -1,
      members: [{ name: '张三明', health: '生病', age: 1.5 }],
    });
    expect(problems.map((p) => p.path)).toEqual(['/head/idNumber', '/head/phone', '/income', '/members/0/health', '/members/0/age']);
    expect(problems[0].message).toContain('身份证号码无效');
    expect(problems[0].messageEn).toMatch(/ID number/);
    expect(problems[3].message).toContain('"健康"');
  });

  it('points a missing required field at the field itself', () => {
    const problems = form.validate({ head: { idNumber: '130636196803150316' } });
    expect(problems.map((p) => [p.path, p.keyword, p.message])).toEqual([
      ['/members', 'required', '必填'],
      ['/head/name', 'required', '必填'],
    ]);
  });

  it('applies if/then/else per array element, without restating the if', () => {
    const problems = form.validate({
      ...valid,
      members: [{ name: '甲某', health: '残疾' }, { name: '乙某', health: '健康', disabilityGrade: '一级' }],
    });
    expect(problems.map((p) => p.path)).toEqual(['/members/0/disabilityGrade', '/members/1/disabilityGrade']);
    expect(problems.every((p) => p.keyword !== 'if')).toBe(true);
  });

  it('supports dependencies', () => {
    expect(form.validate({ ...valid, bankCard: '6217000000000000011' }).map((p) => p.path)).toEqual(['/income']);
  });

  it('reports a wrong choice among labelled options once, in plain words', () => {
    expect(form.validate({ ...valid, kind: 'c' })).toEqual([{ path: '/kind', keyword: 'oneOf', message: '应当是可选项之一', messageEn: 'must be one of the options' }]);
  });

  it('names the expected value of a const, in both languages', () => {
    const agreed = compileForm({ type: 'object', properties: { consent: { type: 'boolean', const: true } } });
    expect(agreed.validate({ consent: false })).toEqual([{ path: '/consent', keyword: 'const', message: '应当等于 true', messageEn: 'must be true' }]);
  });

  it('reports a non-object document at the root', () => {
    expect(form.validate('x').map((p) => p.path)).toEqual(['']);
  });

  it('lists public and unique fields with titles, masks and * for array elements', () => {
    expect(form.publicFields).toEqual([
      { pointer: '/head/name', title: '户主姓名', mask: 'name' },
      { pointer: '/head/idNumber', title: '身份证号', mask: 'idcard' },
      { pointer: '/members/*/name', title: 'name', mask: 'name' },
    ]);
    expect(form.uniqueFields).toEqual([{ pointer: '/head/idNumber', title: '身份证号', scope: [] }]);
  });

  it('finds annotated fields behind local $refs', () => {
    const compiled = compileForm({
      type: 'object',
      definitions: { person: { type: 'object', properties: { name: { type: 'string', 'x-public': true, 'x-mask': 'name' } } } },
      properties: { head: { $ref: '#/definitions/person' }, members: { type: 'array', items: { $ref: '#/definitions/person' } } },
    });
    expect(compiled.publicFields.map((f) => f.pointer)).toEqual(['/head/name', '/members/*/name']);
  });

  it('matches patterns in linear time (a backtracking engine takes minutes here)', () => {
    const form = compileForm({
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^(a+)+$' },
        tags: { type: 'object', patternProperties: { '^(a+)+$': { type: 'integer' } } },
      },
    });
    const evil = `${'a'.repeat(34)}!`;
    expect(form.validate({ code: evil }).map((p) => [p.path, p.keyword])).toEqual([['/code', 'pattern']]);
    expect(form.validate({ code: 'aaaa', tags: { [evil]: 'x', aaa: 'y' } }).map((p) => p.path)).toEqual(['/tags/aaa']);
  });

  it('refuses an invalid schema with SCHEMA_INVALID and the problems', () => {
    try {
      compileForm({ type: 'object', properties: { a: { type: 'strng' } } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('SCHEMA_INVALID');
      expect((e as DomainError).details.problems?.[0].path).toBe('/properties/a/type');
    }
  });

  it('is not affected by later changes to the caller’s schema object', () => {
    const schema = structuredClone(householdForm);
    const compiled = compileForm(schema);
    schema.properties.income.minimum = 100;
    expect(compiled.validate({ ...valid, income: 50 })).toEqual([]);
  });
});

describe('getCompiledForm', () => {
  it('compiles once per key', () => {
    forgetCompiledForm();
    const first = getCompiledForm('identification@1', householdForm);
    expect(getCompiledForm('identification@1', householdForm)).toBe(first);
    forgetCompiledForm('identification@1');
    expect(getCompiledForm('identification@1', householdForm)).not.toBe(first);
  });

  it('keeps at most maxEntries forms, dropping the least recently used', () => {
    const compiled: string[] = [];
    const cache = new CompiledFormCache(3, (schema) => {
      compiled.push(String(schema));
      return { validate: () => [], publicFields: [], uniqueFields: [], computed: [], compute: (d) => d } as CompiledForm;
    });
    const a = cache.get('a', 'A');
    cache.get('b', 'B');
    cache.get('c', 'C');
    expect(cache.get('a', 'A')).toBe(a); // a is now the most recent, b the oldest
    cache.get('d', 'D');
    expect(cache.size).toBe(3);
    cache.get('a', 'A');
    cache.get('c', 'C');
    cache.get('b', 'B'); // evicted before: compiled again
    expect(compiled).toEqual(['A', 'B', 'C', 'D', 'B']);
  });

  it('does not cache a refused schema', () => {
    expect(() => getCompiledForm('bad', { type: 'array' })).toThrow(DomainError);
    expect(() => getCompiledForm('bad', { type: 'array' })).toThrow(DomainError);
  });
});
