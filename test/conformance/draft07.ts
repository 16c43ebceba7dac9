/**
 * The JSON-Schema-Test-Suite's draft-07 cases (test/fixtures/json-schema-test-suite, MIT licence,
 * see its README.md), run through a programme form: each case's schema becomes the one field of a
 * form, so it goes through exactly what a published form goes through (checkFormSchema, the strict
 * compile, the validator compileForm returns).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSchemaObject, subschemasOf } from '../../server/src/programmes/form-walk.js';

export const SUITE_DIR = join(import.meta.dirname, '../fixtures/json-schema-test-suite/draft7');

export interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}

export interface SuiteCase {
  /** `file: description`, the key of DIFFERENCES. */
  key: string;
  schema: unknown;
  tests: SuiteTest[];
}

/** Every case of the required (not `optional/`) draft-07 files, in file order. */
export function loadDraft07(): SuiteCase[] {
  const out: SuiteCase[] = [];
  for (const file of readdirSync(SUITE_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const cases = JSON.parse(readFileSync(join(SUITE_DIR, file), 'utf8')) as { description: string; schema: unknown; tests: SuiteTest[] }[];
    for (const c of cases) out.push({ key: `${file.replace(/\.json$/, '')}: ${c.description}`, schema: c.schema, tests: c.tests });
  }
  return out;
}

/** Where a case's schema sits in its form, and the data that goes with it. */
export const FIELD = 'value';

/**
 * The form holding `schema` as its field FIELD. References to the case's own root (`#`, `#/…`)
 * are rewritten to point at the field; only schema positions are touched (an `enum` value that
 * looks like a reference stays as it is).
 */
export function asForm(schema: unknown): Record<string, unknown> {
  const field = structuredClone(schema);
  const rewrite = (node: unknown) => {
    if (!isSchemaObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string' && (ref === '#' || ref.startsWith('#/'))) node.$ref = `#/properties/${FIELD}${ref.slice(1)}`;
    for (const sub of subschemasOf(node)) rewrite(sub.schema);
  };
  rewrite(field);
  return { type: 'object', properties: { [FIELD]: field } };
}
