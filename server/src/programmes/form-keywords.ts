/**
 * The platform's JSON-Schema vocabulary: formats `cn-idcard`, `cn-mobile` and annotation keywords
 * `x-public`, `x-mask`, `x-unique`, `x-compute`, `x-aggregate`. One definition for server and browser (STYLE §6), so this module
 * is pure: only ajv *types* and ./idcard.js, no node:* imports.
 */
import type { Ajv, KeywordDefinition, Options } from 'ajv';
import { isValidIdCard, isValidMobile } from './idcard.js';
import { linearRegExp } from './form-regexp.js';

export const MASK_KINDS = ['idcard', 'name', 'phone'] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

export const AGGREGATE_KINDS = ['sum', 'avg', 'none'] as const;
export type AggregateKind = (typeof AGGREGATE_KINDS)[number];

/** Custom string formats, as plain predicates (the shape rjsf's `customFormats` takes). */
export const platformFormats: Readonly<Record<string, (data: string) => boolean>> = {
  'cn-idcard': (data) => isValidIdCard(data),
  'cn-mobile': (data) => isValidMobile(data),
};

/**
 * Annotation-only keywords: no validation code, but a metaSchema so ajv refuses a wrong value
 * (`"x-public": "yes"`) when the schema is compiled.
 */
export const platformKeywords: readonly KeywordDefinition[] = [
  // Field may appear on the public notice board (publicView in notices/mask.ts).
  { keyword: 'x-public', metaSchema: { type: 'boolean' } },
  // How a public field is masked before anyone outside the office sees it.
  { keyword: 'x-mask', metaSchema: { type: 'string', enum: [...MASK_KINDS] } },
  // Value identifies the applicant: the application service refuses a second live application.
  // `true`, or `{ scope: [pointers], group: name }` (form-unique.ts).
  { keyword: 'x-unique', metaSchema: { type: ['boolean', 'object'] } },
  // The field's value is computed from the form data by a JSON Logic rule (form-compute.ts).
  { keyword: 'x-compute', metaSchema: { type: 'object' } },
  // How reports may aggregate a numeric field (reports/stat-fields.ts): summed, only averaged, or
  // not at all. Absent means no sum: adding up per-capita incomes or vote counts means nothing.
  { keyword: 'x-aggregate', metaSchema: { type: 'string', enum: [...AGGREGATE_KINDS] } },
  // OpenAPI discriminator: rjsf 6 reads `discriminator.propertyName` to pick the oneOf branch
  // to render. rjsf turns ajv's own discriminator support off, so here it is only an annotation.
  {
    keyword: 'discriminator',
    metaSchema: {
      type: 'object',
      required: ['propertyName'],
      properties: { propertyName: { type: 'string' } },
    },
  },
];

/** Names of the keywords above, for checks that walk a schema. */
export const platformKeywordNames: readonly string[] = platformKeywords.map((k) => k.keyword as string);

/**
 * Registers the platform formats and keywords on an ajv 8 instance (server). Safe to call twice.
 * Note: rjsf 6 registers its own `__rjsf_additionalProperties` keyword and `color`/`data-url`
 * formats; designers never write those, so they are not part of this vocabulary.
 */
export function addPlatformVocabulary(ajv: Ajv): Ajv {
  for (const [name, validate] of Object.entries(platformFormats)) {
    ajv.addFormat(name, { type: 'string', validate });
  }
  for (const def of platformKeywords) {
    if (!ajv.getKeyword(def.keyword as string)) ajv.addKeyword(def);
  }
  return ajv;
}

/** The part of @rjsf/validator-ajv8's `CustomValidatorOptionsType` the platform fills in. */
export interface PlatformValidatorOptions {
  customFormats: Record<string, (data: string) => boolean>;
  ajvOptionsOverrides: Options;
}

/**
 * Options for the browser: `customizeValidator(platformValidatorOptions(), localizeZh)`.
 * Keywords go through ajv's `keywords` constructor option because rjsf has no hook for them.
 * rjsf keeps ajv's strict mode off (it adds internal markers to schemas); strictness is
 * enforced once, on the server, when a programme is saved (checkFormSchema).
 */
export function platformValidatorOptions(): PlatformValidatorOptions {
  return {
    customFormats: { ...platformFormats },
    // The server's linear-time pattern engine, so a pattern means the same (and is as safe) here.
    // Own properties only, as on the server (form-ajv.ts): a field named `constructor` is absent
    // until the applicant fills it in.
    ajvOptionsOverrides: { keywords: [...platformKeywords], code: { regExp: linearRegExp }, ownProperties: true },
  };
}
