/**
 * Computed fields (`x-compute`) in the browser: the server's own module (relative import, so the
 * unit tests resolve it too), wrapped so that a designer's half-written schema never breaks the
 * form: a schema whose computations are refused simply computes nothing.
 */
import { analyseComputations, computeFields, readonlyUiSchema, type ComputedField } from '../../../server/src/programmes/form-compute';

export type { ComputedField };

/** The form's computed fields in evaluation order; none for a schema the analysis refuses. */
export function computedFieldsOf(schema: unknown): ComputedField[] {
  try {
    return analyseComputations(schema).computed;
  } catch {
    return [];
  }
}

/** The data with its computed fields filled in (a copy); the data itself when there is nothing to do or the budget ran out. */
export function withComputed(computed: readonly ComputedField[], data: unknown): unknown {
  if (computed.length === 0 || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  try {
    const result = computeFields(computed, data as Record<string, unknown>);
    return result.problems.length ? data : result.data;
  } catch {
    return data;
  }
}

/** The uiSchema with every computed field read-only. */
export function withReadonlyComputed(computed: readonly ComputedField[], uiSchema: Record<string, unknown>): Record<string, unknown> {
  return computed.length ? readonlyUiSchema(computed, uiSchema) : uiSchema;
}
