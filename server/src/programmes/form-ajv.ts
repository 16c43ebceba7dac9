/**
 * The server's ajv setup for programme forms. Same formats and keywords as the browser
 * (form-keywords.ts); stricter options, because this is where a designer's schema is judged.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { addPlatformVocabulary } from './form-keywords.js';
import { linearRegExp } from './form-regexp.js';

// ajv-formats is CommonJS: under NodeNext the default import is the module object, whose
// `.default` is the plugin (ajv-formats sets both).
const addFormats = addFormatsModule.default;

/**
 * draft-07 (ajv's default class). Union types (`["number", "null"]`) are allowed because rjsf
 * renders them; everything else strict. `loadSchema` is never set, so ajv cannot fetch anything.
 */
export const FORM_AJV_OPTIONS: Options = {
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  // Own properties only: a field named `constructor`, `toString` or `__proto__` is absent unless
  // the data has it itself, so `required` holds for it (ajv otherwise finds Object.prototype's).
  ownProperties: true,
  // ajv's own checks of `required` and tuples judge too early: `then: { required: ["b"] }` with `b`
  // defined at the root, and an open tuple with maxItems, are correct draft-07. checkFormSchema
  // does both checks itself, looking at every schema that describes the same data (form-check.ts).
  strictRequired: false,
  strictTuples: false,
  // `properties` and `patternProperties` may both apply to a property: draft-07 says both validate it.
  allowMatchingProperties: true,
  // `multipleOf` up to 8 decimal places, as rjsf's browser validator does: without it 12.34 is not a
  // multiple of 0.01 (12.34 / 0.01 is 1233.9999999999998 in floating point) on the server only.
  multipleOfPrecision: 8,
  useDefaults: false,
  coerceTypes: false,
  // `pattern` and `patternProperties` on RE2: linear time, never a blocked server (form-regexp.ts).
  // No optimisation passes: they made compiling super-linear (a 1,000-option oneOf took 2.8 s
  // instead of 0.2 s) and validation no faster.
  code: { regExp: linearRegExp, optimize: false },
  // Each referenced definition is compiled once, not copied into every place that refers to it.
  inlineRefs: false,
};

const DRAFT_07 = 'http://json-schema.org/draft-07/schema';
let linearMeta: object | undefined;

/**
 * draft-07's meta-schema without `uniqueItems` on `enum`. ajv checks that keyword by comparing
 * every pair of values when their type is not declared, which made a 25,000-value enum take 16.8 s
 * to save. checkFormSchema bounds enum sizes and checks uniqueness itself with a hash set.
 */
function draft07WithLinearEnum(ajv: Ajv): object {
  if (!linearMeta) {
    const meta = structuredClone(ajv.getSchema(DRAFT_07)!.schema) as { properties: { enum: Record<string, unknown> } };
    delete meta.properties.enum.uniqueItems;
    linearMeta = meta;
  }
  return linearMeta;
}

export function createFormAjv(overrides: Options = {}): Ajv {
  const ajv = new Ajv({ ...FORM_AJV_OPTIONS, ...overrides });
  const meta = draft07WithLinearEnum(ajv);
  ajv.removeSchema(DRAFT_07);
  ajv.addMetaSchema(meta, DRAFT_07, false);
  addFormats(ajv);
  addPlatformVocabulary(ajv);
  return ajv;
}
