import { describe, expect, it } from 'vitest';
import { checkFormSchema, MAX_ENUM_VALUES, MAX_EXPANDED_SCHEMAS, MAX_PATTERN_PROGRAM_TOTAL, MAX_SCHEMA_DEPTH, MAX_SCHEMA_NODES, MAX_SCHEMA_OBJECTS, MAX_SCHEMA_PROPERTIES } from './form-check.js';

const form = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
const paths = (schema: unknown) => checkFormSchema(schema).map((p) => p.path);

describe('checkFormSchema', () => {
  it('accepts a plain form with the platform vocabulary', () => {
    expect(
      checkFormSchema(
        form({
          name: { type: 'string', 'x-public': true, 'x-mask': 'name' },
          id: { type: 'string', format: 'cn-idcard', 'x-unique': true },
          size: { type: 'integer', minimum: 1, 'x-unique': false },
          when: { type: 'string', format: 'date' },
          note: { type: ['string', 'null'] },
          kind: { type: 'string', oneOf: [{ const: 'a', title: 'A' }, { const: 'b', title: 'B' }] },
        }),
      ),
    ).toEqual([]);
  });

  it('accepts the discriminator annotation rjsf uses to pick a oneOf branch', () => {
    const variant = (k: string) => ({ properties: { k: { const: k } } });
    expect(checkFormSchema(form({ v: { type: 'object', discriminator: { propertyName: 'k' }, required: ['k'], properties: { k: { type: 'string' } }, oneOf: [variant('a'), variant('b')] } }))).toEqual([]);
  });

  it('refuses a non-object', () => {
    for (const bad of [null, 5, 'x', []]) expect(paths(bad)).toEqual(['']);
  });

  it('requires an object at the root', () => {
    expect(paths({ type: 'array', items: { type: 'string' } })).toEqual(['/type']);
  });

  it('reports a misspelt type through the draft-07 meta-schema', () => {
    const problems = checkFormSchema(form({ a: { type: 'strng' } }));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('/properties/a/type');
    expect(problems[0].messageEn).toMatch(/one of/);
  });

  it('reports every meta-schema problem at once', () => {
    expect(paths(form({ a: { type: 'string', minLength: -1 }, b: { type: 'string', required: 'yes' } }))).toEqual([
      '/properties/a/minLength',
      '/properties/b/required',
    ]);
  });

  it('refuses remote references, $id and $schema without fetching anything', () => {
    const problems = checkFormSchema({
      $schema: 'https://evil.example/meta.json',
      type: 'object',
      properties: { a: { $ref: 'https://evil.example/x.json' }, b: { $id: 'https://evil.example/b', type: 'string' } },
    });
    expect(problems.map((p) => p.path)).toEqual(['/$schema', '/properties/a/$ref', '/properties/b/$id']);
    expect(problems[1].messageEn).toMatch(/remote references are refused/);
  });

  it('accepts local references and draft-07 $schema, and reports dangling ones', () => {
    const definitions = { person: { $id: '#person', type: 'object', properties: { name: { type: 'string' } } } };
    expect(
      checkFormSchema(form({ a: { $ref: '#/definitions/person' }, b: { $ref: '#person' } }, { $schema: 'http://json-schema.org/draft-07/schema#', definitions })),
    ).toEqual([]);
    expect(paths(form({ a: { $ref: '#/definitions/nope' }, b: { $ref: '#nope' } }))).toEqual(['/properties/a/$ref', '/properties/b/$ref']);
  });

  it('reports unknown keywords and formats, each at its place', () => {
    expect(
      paths(form({ a: { type: 'string', foo: 1 }, b: { type: 'string', format: 'cn-phone' }, c: { type: 'string', enum: ['x'], enumNames: ['X'] }, d: { type: 'string', 'ui:widget': 'textarea' } })),
    ).toEqual(['/properties/a/foo', '/properties/b/format', '/properties/c/enumNames', '/properties/d/ui:widget']);
  });

  it('reports what only strict compilation finds: missing types, undefined required properties', () => {
    const problems = checkFormSchema(form({ a: { minLength: 2 } }, { required: ['a', 'zz'] }));
    expect(problems.map((p) => p.path)).toEqual(['/required/1', '/properties/a']);
    expect(problems[0].messageEn).toMatch(/"zz"/);
  });

  it('refuses x-mask on a field that is not a string, and bad x-* values', () => {
    const problems = checkFormSchema(
      form({
        n: { type: 'integer', 'x-mask': 'idcard' },
        o: { type: 'object', 'x-mask': 'name' },
        s: { type: 'string', 'x-mask': 'email' },
        p: { type: 'string', 'x-public': 'yes' },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['/properties/n/x-mask', '/properties/o/x-mask', '/properties/s/x-mask', '/properties/p/x-public']);
  });

  it('allows x-unique only on string and number fields', () => {
    expect(paths(form({ a: { type: 'boolean', 'x-unique': true }, b: { type: 'array', items: { type: 'string' }, 'x-unique': true }, c: { type: 'number', 'x-unique': true } }))).toEqual([
      '/properties/a/x-unique',
      '/properties/b/x-unique',
    ]);
  });

  it('refuses x-public on an object, which would publish everything inside it', () => {
    expect(paths(form({ head: { type: 'object', 'x-public': true, properties: { phone: { type: 'string' } } }, risks: { type: 'array', items: { type: 'string' }, 'x-public': true } }))).toEqual([
      '/properties/head/x-public',
    ]);
  });

  it('refuses x-* where a field has no fixed place, and a property named *', () => {
    expect(paths(form({ '*': { type: 'string' } }, { additionalProperties: { type: 'string', 'x-public': true } }))).toEqual([
      '/properties/*',
      '/additionalProperties/x-public',
    ]);
  });

  it('reports an invalid pattern and then/else without if at their place', () => {
    expect(paths(form({ a: { type: 'string', pattern: '(' }, b: { type: 'string', pattern: '^[0-9]{16,19}$' } }, { then: {}, else: {} }))).toEqual([
      '/then',
      '/else',
      '/properties/a/pattern',
    ]);
  });

  it('refuses patterns the linear-time engine cannot run, naming the field in Chinese and English', () => {
    const problems = checkFormSchema(form({
      a: { type: 'string', pattern: '(a)\\1' },
      b: { type: 'string', pattern: '^(?=.*\\d)\\w+$' },
      c: { type: 'string', pattern: '^(a+)+$' },
      m: { type: 'object', patternProperties: { '(?<!x)y': { type: 'string' }, '^[a-z]+$': { type: 'string' } } },
    }));
    expect(problems.map((p) => p.path)).toEqual(['/properties/a/pattern', '/properties/b/pattern', '/properties/m/patternProperties/(?<!x)y']);
    expect(problems[0].message).toMatch(/正则表达式/);
    expect(problems[0].messageEn).toMatch(/backreferences/);
    expect(problems[1].messageEn).toMatch(/lookahead/);
  });

  it('refuses a public ID or mobile number without x-mask, naming the field', () => {
    const problems = checkFormSchema(form({
      id: { type: 'string', format: 'cn-idcard', 'x-public': true },
      phone: { type: 'string', format: 'cn-mobile', 'x-public': true },
      ids: { type: 'array', items: { type: 'string', format: 'cn-idcard' }, 'x-public': true },
      masked: { type: 'string', format: 'cn-idcard', 'x-public': true, 'x-mask': 'idcard' },
      hidden: { type: 'string', format: 'cn-idcard', 'x-public': false },
      head: { type: 'object', properties: { idNumber: { type: 'string', format: 'cn-idcard', 'x-public': true } } },
    }));
    expect(problems.map((p) => p.path)).toEqual([
      '/properties/id/x-public',
      '/properties/phone/x-public',
      '/properties/ids/x-public',
      '/properties/head/properties/idNumber/x-public',
    ]);
    expect(problems[0].message).toMatch(/x-mask/);
    expect(problems[0].messageEn).toMatch(/"x-mask": "idcard"/);
    expect(problems[1].messageEn).toMatch(/"x-mask": "phone"/);
  });

  it('refuses $async and draft-04 id', () => {
    expect(paths(form({ a: { type: 'string', id: 'a' } }, { $async: true }))).toEqual(['/$async', '/properties/a/id']);
  });

  it(`refuses nesting deeper than ${MAX_SCHEMA_DEPTH}`, () => {
    let leaf: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < MAX_SCHEMA_DEPTH; i++) leaf = { type: 'object', properties: { x: leaf } };
    expect(checkFormSchema(leaf)).toEqual([]);
    const tooDeep = { type: 'object', properties: { x: leaf } };
    expect(paths(tooDeep)).toEqual(['/properties/x'.repeat(MAX_SCHEMA_DEPTH + 1)]);
  });

  it(`refuses more than ${MAX_SCHEMA_PROPERTIES} properties in total`, () => {
    // Boolean schemas, so the properties and not the schema objects are what is counted.
    const properties = Object.fromEntries(Array.from({ length: MAX_SCHEMA_PROPERTIES + 1 }, (_, i) => [`f${i}`, true]));
    const problems = checkFormSchema(form(properties));
    expect(problems.map((p) => p.path)).toEqual(['']);
    expect(problems[0].messageEn).toMatch(new RegExp(`${MAX_SCHEMA_PROPERTIES + 1}`));
  });

  it(`refuses an enum of more than ${MAX_ENUM_VALUES} values, at the enum`, () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(checkFormSchema(form({ a: { type: 'string', enum: values(MAX_ENUM_VALUES) } }))).toEqual([]);
    const problems = checkFormSchema(form({ a: { type: 'string', enum: values(1500) } }));
    expect(problems.map((p) => p.path)).toEqual(['/properties/a/enum']);
    expect(problems[0].messageEn).toMatch(/1500 values.*1000/);
    expect(problems[0].message).toMatch(/1500.*1000/);
  });

  it('refuses duplicate enum values, at the repeated one', () => {
    const problems = checkFormSchema(form({ a: { type: 'string', enum: ['x', 'y', 'x'] }, b: { enum: [{ k: 1, j: 2 }, { j: 2, k: 1 }] } }));
    expect(problems.map((p) => p.path)).toEqual(['/properties/a/enum/2', '/properties/b/enum/1']);
    expect(problems[0].messageEn).toMatch(/duplicate/);
  });

  it(`refuses a schema of more than ${MAX_SCHEMA_NODES} JSON values before anything else reads it`, () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, { type: 'string', enum: Array.from({ length: 1000 }, (_, j) => `v${j}`) }]));
    const problems = checkFormSchema(form(many));
    expect(problems.map((p) => p.path)).toEqual(['']);
    expect(problems[0].messageEn).toMatch(new RegExp(`more than ${MAX_SCHEMA_NODES}`));
  });

  it(`refuses more than ${MAX_SCHEMA_OBJECTS} schema objects (each is compiled)`, () => {
    const branches = (n: number) => ({ allOf: Array.from({ length: n }, (_, i) => ({ minProperties: i % 5 })) });
    expect(checkFormSchema(form({}, branches(MAX_SCHEMA_OBJECTS - 1)))).toEqual([]);
    const problems = checkFormSchema(form({}, branches(MAX_SCHEMA_OBJECTS)));
    expect(problems.map((p) => p.path)).toEqual(['']);
    expect(problems[0].messageEn).toMatch(new RegExp(`more than ${MAX_SCHEMA_OBJECTS} schema objects`));
  });

  it(`refuses references that expand to more than ${MAX_EXPANDED_SCHEMAS} schema objects`, () => {
    // Each definition refers to the next one twice: 2^20 fields from 40 small nodes.
    const definitions: Record<string, unknown> = { d20: { type: 'string', 'x-public': true } };
    for (let i = 19; i >= 0; i--) definitions[`d${i}`] = { type: 'object', properties: { a: { $ref: `#/definitions/d${i + 1}` }, b: { $ref: `#/definitions/d${i + 1}` } } };
    const problems = checkFormSchema(form({ root: { $ref: '#/definitions/d0' } }, { definitions }));
    expect(problems.map((p) => p.path)).toEqual(['']);
    expect(problems[0].messageEn).toMatch(/references expand/);
    // A recursive schema (a tree of members) is fine: each cycle is followed once.
    const tree = form({ member: { $ref: '#/definitions/person' } }, { definitions: { person: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/person' } } } } } });
    expect(checkFormSchema(tree)).toEqual([]);
  });

  it(`refuses patterns whose programs add up to more than ${MAX_PATTERN_PROGRAM_TOTAL} instructions`, () => {
    const properties = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, { type: 'string', pattern: `^[a-z]{1,${900 + i}}$` }]));
    const problems = checkFormSchema(form(properties));
    expect(problems.map((p) => p.path)).toEqual(['']);
    expect(problems[0].messageEn).toMatch(/patterns .* more than/);
  });

  it('gives each problem in Chinese and English', () => {
    const [p] = checkFormSchema(form({ a: { type: 'string', foo: 1 } }));
    expect(p.message).toContain('未知关键字');
    expect(p.messageEn).toContain('unknown keyword');
  });
});
