/**
 * Where the form language and JSON Schema draft-07 used to disagree (docs/form-keywords.md,
 * "Agreement with JSON Schema draft-07"). The whole draft-07 test suite runs in
 * test/integration/schema-conformance.test.ts; these are the cases a form designer meets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFormSchema } from './form-check.js';
import { compileForm } from './form-schema.js';

const form = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
const paths = (schema: unknown) => checkFormSchema(schema).map((p) => p.path);

describe('required only if (if/then)', () => {
  const schema = form(
    { hasDisability: { type: 'boolean' }, grade: { type: 'string', enum: ['一级', '二级'] } },
    { if: { properties: { hasDisability: { const: true } }, required: ['hasDisability'] }, then: { required: ['grade'] } },
  );

  it('accepts `then: { required }` naming a property defined at the root, and enforces it', () => {
    expect(checkFormSchema(schema)).toEqual([]);
    const compiled = compileForm(schema);
    expect(compiled.validate({ hasDisability: false })).toEqual([]);
    expect(compiled.validate({ hasDisability: true, grade: '一级' })).toEqual([]);
    expect(compiled.validate({ hasDisability: true }).map((p) => p.path)).toEqual(['/grade']);
  });

  it('accepts required names defined in a sibling allOf branch or in the parent, at any depth of same-data schemas', () => {
    expect(checkFormSchema(form({ a: { type: 'string' } }, { allOf: [{ anyOf: [{ required: ['a'] }, { properties: { b: { type: 'string' } }, required: ['b'] }] }] }))).toEqual([]);
  });

  it('still refuses a required name nothing defines (the form would never show it), at the name', () => {
    const problems = checkFormSchema(form({ a: { type: 'string' } }, { required: ['a', 'zz'], then: { required: ['yy'] }, if: { required: ['a'] } }));
    expect(problems.map((p) => p.path)).toEqual(['/required/1', '/then/required/0']);
    expect(problems[0].messageEn).toMatch(/"zz"/);
    expect(problems[0].message).toMatch(/"zz"/);
  });

  it('does not let a nested object borrow its parent’s properties', () => {
    expect(paths(form({ a: { type: 'string' }, head: { type: 'object', properties: { name: { type: 'string' } }, required: ['a'] } }))).toEqual([
      '/properties/head/required/0',
    ]);
  });

  it('leaves required alone where a $ref or patternProperties may define the name', () => {
    const definitions = { person: { type: 'object', properties: { name: { type: 'string' } } } };
    expect(checkFormSchema(form({ head: { type: 'object', allOf: [{ $ref: '#/definitions/person' }, { required: ['name'] }] } }, { definitions }))).toEqual([]);
    expect(checkFormSchema(form({}, { patternProperties: { '^f[0-9]$': { type: 'string' } }, required: ['f1'] }))).toEqual([]);
  });
});

describe('fields named like Object.prototype members', () => {
  const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
  const schema = form(Object.fromEntries(names.map((n) => [n, { type: 'string', title: n }])), { required: names });

  it('are accepted, and required is enforced on them when absent', () => {
    expect(checkFormSchema(schema)).toEqual([]);
    const compiled = compileForm(schema);
    expect(compiled.validate({}).map((p) => p.path).sort()).toEqual(names.map((n) => `/${n}`).sort());
  });

  it('are valid when present, and their values are validated', () => {
    const data = JSON.parse(`{${names.map((n) => `"${n}": "施工单位"`).join(',')}}`) as Record<string, unknown>;
    expect(compileForm(schema).validate(data)).toEqual([]);
    expect(compileForm(schema).validate({ ...data, constructor: 5 }).map((p) => p.path)).toEqual(['/constructor']);
  });

  it('are unknown keywords and formats in a schema, not Object.prototype members', () => {
    expect(paths(JSON.parse('{"type": "object", "properties": {"a": {"type": "string", "toString": 1, "constructor": 2, "__proto__": 3, "format": "valueOf"}}}'))).toEqual([
      '/properties/a/toString',
      '/properties/a/constructor',
      '/properties/a/__proto__',
      '/properties/a/format',
    ]);
  });

  it('validate only own properties: an inherited value is absent', () => {
    const compiled = compileForm(form({ constructor: { type: 'string' } }, { required: ['constructor'] }));
    const inherited = Object.create({ constructor: 'from the prototype' }) as object;
    expect(compiled.validate(inherited).map((p) => p.path)).toEqual(['/constructor']);
  });

  it('refuse a field named __proto__: ajv skips it, so its value would be stored unchecked', () => {
    const problems = checkFormSchema(JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}},"dependencies":{"__proto__":["a"]}}'));
    expect(problems.map((p) => p.path)).toEqual(['/properties/__proto__', '/dependencies/__proto__']);
    expect(problems[0].messageEn).toMatch(/cannot be validated/);
  });

  it('a __proto__ key in data is an ordinary (additional) property and never reaches a prototype', () => {
    const closed = compileForm(form({ name: { type: 'string' } }, { additionalProperties: false }));
    expect(closed.validate(JSON.parse('{"name": "张三", "__proto__": {"polluted": "yes"}}')).map((p) => p.path)).toEqual(['/__proto__']);
    const open = compileForm(form({ name: { type: 'string' } }, { required: ['name'] }));
    expect(open.validate(JSON.parse('{"__proto__": {"name": "from the prototype"}}')).map((p) => p.path)).toEqual(['/name']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('keywords beside $ref', () => {
  const definitions = { members: { type: 'array', items: { type: 'string' } } };

  it('refuses a validation keyword beside $ref (draft-07 ignores it, ajv and rjsf would apply it), saying how to write it', () => {
    const problems = checkFormSchema(form({ m: { $ref: '#/definitions/members', maxItems: 2, type: 'array' } }, { definitions }));
    expect(problems.map((p) => p.path)).toEqual(['/properties/m/maxItems', '/properties/m/type']);
    expect(problems[0].messageEn).toMatch(/ignored by draft-07.*allOf/);
    expect(problems[0].message).toMatch(/allOf/);
  });

  it('accepts annotations beside $ref, and the allOf form of a restriction', () => {
    expect(checkFormSchema(form({ m: { $ref: '#/definitions/members', title: '家庭成员', description: '…', default: [] } }, { definitions }))).toEqual([]);
    const schema = form({ m: { type: 'array', allOf: [{ $ref: '#/definitions/members' }], maxItems: 2 } }, { definitions });
    expect(checkFormSchema(schema)).toEqual([]);
    expect(compileForm(schema).validate({ m: ['a', 'b', 'c'] }).map((p) => p.path)).toEqual(['/m']);
  });
});

describe('multipleOf', () => {
  it('counts in decimals on server and browser alike: 12.34 is a multiple of 0.01', async () => {
    const { customizeValidator } = await import('@rjsf/validator-ajv8');
    const { platformValidatorOptions } = await import('./form-keywords.js');
    const schema = form({ amount: { type: 'number', multipleOf: 0.01 } });
    const browser = customizeValidator(platformValidatorOptions());
    const compiled = compileForm(schema);
    for (const [amount, ok] of [[12.34, true], [0.07, true], [1234.5, true], [12.345, false]] as const) {
      expect(compiled.validate({ amount }).length === 0, `server ${amount}`).toBe(ok);
      expect(browser.validateFormData({ amount }, schema as never).errors.length === 0, `browser ${amount}`).toBe(ok);
    }
  });
});

describe('tuples and overlapping property rules', () => {
  const person = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
  // Head of household first, then further members: an open tuple.
  const household = form({ people: { type: 'array', items: [{ ...person, title: '户主' }], additionalItems: { ...person, title: '成员' }, minItems: 1, maxItems: 20 } });

  it('accepts an open tuple with maxItems and validates head and members', () => {
    expect(checkFormSchema(household)).toEqual([]);
    const compiled = compileForm(household);
    expect(compiled.validate({ people: [{ name: '张三' }, { name: '李四' }] })).toEqual([]);
    expect(compiled.validate({ people: [{ name: '张三' }, {}] }).map((p) => p.path)).toEqual(['/people/1/name']);
    expect(compiled.validate({ people: Array.from({ length: 21 }, () => ({ name: '王五' })) }).map((p) => p.path)).toEqual(['/people']);
  });

  it('accepts a closed tuple, refuses an unbounded one at its items', () => {
    expect(checkFormSchema(form({ t: { type: 'array', items: [{ type: 'string' }], additionalItems: false } }))).toEqual([]);
    const problems = checkFormSchema(form({ t: { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'string' } } }));
    expect(problems.map((p) => p.path)).toEqual(['/properties/t/items']);
    expect(problems[0].messageEn).toMatch(/maxItems/);
  });

  it('applies properties and patternProperties both when they overlap', () => {
    const schema = form({ phone1: { type: 'string', maxLength: 11 } }, { patternProperties: { '^phone': { type: 'string', minLength: 11 } } });
    expect(checkFormSchema(schema)).toEqual([]);
    const compiled = compileForm(schema);
    expect(compiled.validate({ phone1: '13812345678' })).toEqual([]);
    expect(compiled.validate({ phone1: '138' }).map((p) => p.path)).toEqual(['/phone1']);
    expect(compiled.validate({ phone1: '138123456789' }).map((p) => p.path)).toEqual(['/phone1']);
  });
});

describe('the examples in docs/form-keywords.md, "Agreement with JSON Schema draft-07"', () => {
  const doc = readFileSync(new URL('../../../docs/form-keywords.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Agreement with JSON Schema draft-07'));
  const examples = [...section.matchAll(/<!-- example: (accepted|refused ([^>]*?)) -->\n```json\n([\s\S]*?)\n```/g)].map((m) => ({
    verdict: m[1],
    paths: m[2]?.trim().split(/\s+/) ?? [],
    schema: JSON.parse(m[3]) as unknown,
  }));

  it('has its examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((e, i) => [i, e] as const))('example %i is judged as the doc says', (_, e) => {
    if (e.verdict === 'accepted') {
      expect(checkFormSchema(e.schema)).toEqual([]);
      expect(() => compileForm(e.schema)).not.toThrow();
    } else {
      expect(paths(e.schema)).toEqual(e.paths);
    }
  });
});
