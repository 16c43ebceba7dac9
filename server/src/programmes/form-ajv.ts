/**
 * The server's ajv setup for programme forms. Same formats and keywords as the browser
 * (form-keywords.ts); stricter options, because this is where a designer's schema is judged.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { addPlatformVocabulary } from './form-keywords.js';

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
  useDefaults: false,
  coerceTypes: false,
};

export function createFormAjv(overrides: Options = {}): Ajv {
  const ajv = new Ajv({ ...FORM_AJV_OPTIONS, ...overrides });
  addFormats(ajv);
  addPlatformVocabulary(ajv);
  return ajv;
}
