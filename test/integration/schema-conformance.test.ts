/**
 * The form language agrees with JSON Schema draft-07 (docs/form-keywords.md, "Agreement with JSON
 * Schema draft-07"):
 * - every case of the JSON-Schema-Test-Suite's draft-07 files, through the path a published form
 *   takes (checkFormSchema, the strict compile, compileForm's validator), except the cases listed
 *   in test/conformance/draft07-differences.ts, each refused for the reasons listed there;
 * - forms written in the style of rjsf's playground (references with titles, recursion, schema
 *   dependencies, if/then/else, open tuples, nullable fields…), checked, validated on server and
 *   browser alike, and published;
 * - fields named like Object.prototype members, end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { RJSFSchema } from '@rjsf/utils';
import { checkAndCompileFormSchema, checkFormSchema } from '../../server/src/programmes/form-check.js';
import { compileForm } from '../../server/src/programmes/form-schema.js';
import { createFormAjv } from '../../server/src/programmes/form-ajv.js';
import { platformValidatorOptions } from '../../server/src/programmes/form-keywords.js';
import { asForm, FIELD, loadDraft07, type SuiteCase } from '../conformance/draft07.js';
import { ANSWER_DIFFERENCES, DIFFERENCES, REASONS, type ReasonName } from '../conformance/draft07-differences.js';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { createApp } from '../helpers/programmes.js';

const cases = loadDraft07();
const byFile = new Map<string, SuiteCase[]>();
for (const c of cases) {
  const file = c.key.slice(0, c.key.indexOf(':'));
  byFile.set(file, [...(byFile.get(file) ?? []), c]);
}

/** The reasons checkFormSchema's problems give, by the patterns in REASONS. */
function reasonsOf(problems: { messageEn: string }[]): Set<string> {
  return new Set(problems.map((p) => (Object.keys(REASONS) as ReasonName[]).find((r) => REASONS[r].pattern.test(p.messageEn)) ?? `unexplained: ${p.messageEn}`));
}

function expectSuiteAnswers(c: SuiteCase, isValid: (data: unknown) => boolean, where = 'server') {
  const differs = ANSWER_DIFFERENCES[c.key] ?? {};
  for (const t of c.tests) {
    const expected = Object.hasOwn(differs, t.description) ? !t.valid : t.valid;
    expect(isValid({ [FIELD]: t.data }), `${where}: ${c.key} / ${t.description}`).toBe(expected);
  }
}

/** The browser's validator (rjsf with the platform's options), one instance as in the browser. */
const browser = customizeValidator(platformValidatorOptions());
/**
 * Browser answers, from the ajv instance rjsf's validateFormData compiles each form with (compiled
 * once per case here instead of hashed again for every instance). Cases with `$id` anchors are left
 * out: one instance keeps every form it compiled, and two cases name the same anchor.
 */
function expectBrowserAnswers(c: SuiteCase, form: Record<string, unknown>) {
  if (JSON.stringify(c.schema).includes('"$id"')) return;
  const validate = browser.ajv.compile(form);
  expectSuiteAnswers(c, (data) => validate(data) === true, 'browser');
}

describe('JSON-Schema-Test-Suite, draft-07', () => {
  it('has the cases the list of differences names, and a sizeable suite', () => {
    const keys = new Set(cases.map((c) => c.key));
    expect(keys.size).toBe(cases.length);
    expect(Object.keys(DIFFERENCES).filter((k) => !keys.has(k))).toEqual([]);
    for (const [key, instances] of Object.entries(ANSWER_DIFFERENCES)) {
      const c = cases.find((x) => x.key === key);
      expect(c?.tests.map((t) => t.description), key).toEqual(expect.arrayContaining(Object.keys(instances)));
    }
    expect(cases.length).toBeGreaterThan(250);
  });

  for (const [file, fileCases] of byFile) {
    describe(file, () => {
      it.each(fileCases.map((c) => [c.key.slice(file.length + 2), c] as const))('%s', (_, c) => {
        const form = asForm(c.schema);
        // What compileForm does for a published form: check, then keep the strict compile's validator.
        const { problems, validate: published } = checkAndCompileFormSchema(form);
        const listed = DIFFERENCES[c.key];
        if (problems.length === 0) {
          expect(listed, 'accepted, so it must not be listed as a difference').toBeUndefined();
          expectSuiteAnswers(c, (data) => published!(data) === true);
          expectBrowserAnswers(c, form);
          return;
        }
        expect([...reasonsOf(problems)].sort(), JSON.stringify(problems.map((p) => p.messageEn))).toEqual([...(listed ?? [])].sort());
        if (listed!.every((r) => REASONS[r].authoring)) {
          // Refused for how it is written, not for what it means: without those rules, the same
          // validator (options, formats, pattern engine) gives draft-07's answers.
          const validate = createFormAjv({ strict: false, validateSchema: false }).compile(form);
          expectSuiteAnswers(c, (data) => validate(data) === true);
          expectBrowserAnswers(c, form);
        }
      });
    });
  }
});

interface StyleSample {
  name: string;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  valid: unknown[];
  invalid: { data: unknown; paths: string[] }[];
}

const samples = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/rjsf-style-forms.json'), 'utf8')) as { samples: StyleSample[] };

describe('forms in the style of rjsf’s playground', () => {
  it.each(samples.samples.map((s) => [s.name, s] as const))('%s: accepted, and server and browser agree on its data', (_, sample) => {
    expect(checkFormSchema(sample.schema)).toEqual([]);
    const compiled = compileForm(sample.schema);
    for (const data of sample.valid) {
      expect(compiled.validate(data), JSON.stringify(data)).toEqual([]);
      expect(browser.validateFormData(data, sample.schema as RJSFSchema).errors, JSON.stringify(data)).toEqual([]);
    }
    for (const { data, paths } of sample.invalid) {
      expect(compiled.validate(data).map((p) => p.path).sort(), JSON.stringify(data)).toEqual([...paths].sort());
      expect(browser.validateFormData(data, sample.schema as RJSFSchema).errors.length, JSON.stringify(data)).toBeGreaterThan(0);
    }
  });
});

const CREATE = 'mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }';
const SAVE = 'mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }';
const PUBLISH = 'mutation($k: String!) { publishProgramme(key: $k) { number status } }';
const SUBMIT = 'mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id state data } }';
const DONGJIE = '130636100201';

const workflow = {
  id: 'conformance', initial: 'draft',
  states: {
    draft: { meta: { kind: 'draft', title: { zh: '填报', en: 'Draft' }, roles: ['village_committee'] }, on: { SUBMIT: { target: 'review', meta: { title: { zh: '提交', en: 'Submit' } } } } },
    review: { meta: { kind: 'task', title: { zh: '审核', en: 'Review' }, roles: ['township_reviewer'] }, on: { APPROVE: { target: 'done', meta: { title: { zh: '通过', en: 'Approve' } } } } },
    done: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: { zh: '完成', en: 'Done' } } },
  },
};

describe('through the API', () => {
  let s: TestServer;
  let designer: string;
  beforeAll(async () => {
    s = await startTestServer();
    designer = await s.login('designer');
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function publish(key: string, formSchema: unknown, uiSchema?: unknown) {
    const results = [
      await s.gql(CREATE, { i: { key, name: `一致性 ${key}`, regionCode: '130636000000' } }, designer),
      await s.gql(SAVE, { k: key, f: formSchema, u: uiSchema ?? null, w: workflow }, designer),
      await s.gql(PUBLISH, { k: key }, designer),
    ];
    for (const r of results) expect(r.errors, key).toBeUndefined();
    return results[2].data.publishProgramme;
  }

  it('publishes every rjsf-style form', async () => {
    for (const [i, sample] of samples.samples.entries()) {
      expect(await publish(`rjsf-style-${i}`, sample.schema, sample.uiSchema)).toEqual({ number: 1, status: 'published' });
    }
  });

  it('handles a field named constructor (施工单位) end to end: published, required, filled in', async () => {
    const housing = {
      type: 'object',
      required: ['name', 'constructor'],
      properties: {
        name: { type: 'string', title: '户主姓名' },
        constructor: { type: 'string', title: '施工单位', minLength: 2 },
        toString: { type: 'string', title: '备注' },
      },
    };
    await publish('housing-constructor', housing);

    // Without it, the draft cannot be submitted: the server finds it missing…
    const draft = await createApp(s, 'dongjie_cadre', 'housing-constructor', DONGJIE, { name: '张三' });
    const refused = await s.gql(SUBMIT, { id: draft.id, v: draft.version }, await s.login('dongjie_cadre'));
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.problems).toEqual([expect.objectContaining({ path: '/constructor', message: '必填' })]);
    // …and so does the browser, with the schema as the API serves it.
    const served = await s.gql('query($k: String!) { programme(key: $k) { currentVersion { formSchema } } }', { k: 'housing-constructor' }, designer);
    const formSchema = served.data.programme.currentVersion.formSchema as RJSFSchema;
    expect(browser.validateFormData({ name: '张三' }, formSchema).errors.map((e) => e.params)).toEqual([{ missingProperty: 'constructor' }]);
    expect(browser.validateFormData({ name: '张三', constructor: '某建筑公司' }, formSchema).errors).toEqual([]);

    // With it, submitted and stored as given; a __proto__ key in the data stays plain data.
    const data = JSON.parse('{"name": "张三", "constructor": "某建筑公司", "toString": "无", "__proto__": {"polluted": "yes"}}');
    const filled = await createApp(s, 'dongjie_cadre', 'housing-constructor', DONGJIE, data);
    const submitted = await s.gql(SUBMIT, { id: filled.id, v: filled.version }, await s.login('dongjie_cadre'));
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitApplication.state).toBe('review');
    expect(submitted.data.submitApplication.data).toMatchObject({ name: '张三', constructor: '某建筑公司', toString: '无' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checkWorkflow refuses unreasonable timer delays (1 second to 5 years)', async () => {
    const CHECK = 'query($w: JSON!) { checkWorkflow(workflow: $w) { ok errors { code message state } } }';
    const withDelay = (delay: string) => {
      const w = structuredClone(workflow) as { states: Record<string, Record<string, unknown>> };
      w.states.review.after = { [delay]: { target: 'done', meta: { title: { zh: '超时', en: 'Timeout' } } } };
      return w;
    };
    for (const delay of ['P300000Y', 'P6Y', 'PT0.5S']) {
      const r = await s.gql(CHECK, { w: withDelay(delay) }, designer);
      expect(r.data.checkWorkflow.ok, delay).toBe(false);
      expect(r.data.checkWorkflow.errors, delay).toEqual([expect.objectContaining({ code: 'INVALID_DELAY', state: 'review' })]);
    }
    for (const delay of ['P5Y', 'PT1S', 'P30D']) {
      expect((await s.gql(CHECK, { w: withDelay(delay) }, designer)).data.checkWorkflow, delay).toMatchObject({ ok: true, errors: [] });
    }
  });

  it('refuses a form with a field named __proto__, saying why', async () => {
    await s.gql(CREATE, { i: { key: 'proto-field', name: '原型字段', regionCode: '130636000000' } }, designer);
    const r = await s.gql(SAVE, { k: 'proto-field', f: JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "string"}}}'), w: workflow }, designer);
    expect(codeOf(r)).toBe('SCHEMA_INVALID');
    expect(JSON.stringify(r.errors![0].extensions)).toMatch(/__proto__/);
  });
});
