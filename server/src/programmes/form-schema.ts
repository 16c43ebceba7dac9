/**
 * Programme forms on the server: check a designer's schema, compile it once per programme version,
 * validate application data with located Chinese messages, and list public/unique fields.
 * The pieces live in form-*.ts; this module is the API the services import.
 */
import { DomainError, type FieldProblem } from '../core/errors.js';
import { collectAnnotations, type PublicField, type UniqueField } from './form-annotations.js';
import { checkAndCompileFormSchema } from './form-check.js';
import { localizeErrors } from './form-messages.js';
import { analyseComputations, computeFields, type ComputedField } from './form-compute.js';

export { checkFormSchema, MAX_SCHEMA_DEPTH, MAX_SCHEMA_PROPERTIES, type SchemaProblem } from './form-check.js';
export { changedPointers, isPointerWithin, joinPointer, parsePointer, readPointer, setPointer } from './form-pointer.js';
export type { PublicField, UniqueField } from './form-annotations.js';
export type { ComputedField } from './form-compute.js';

/** One invalid field: `path` points into the DATA, `message` is Chinese, `messageEn` English. */
export interface FormProblem extends FieldProblem {
  messageEn: string;
  keyword: string;
}

export interface CompiledForm {
  /** Every invalid field at once (one entry per field); [] when the data is valid. */
  validate(data: unknown): FormProblem[];
  publicFields: PublicField[];
  uniqueFields: UniqueField[];
  /** Computed fields (`x-compute`), in evaluation order. */
  computed: ComputedField[];
  /**
   * The data with every computed field recomputed (a copy; the input when there are none).
   * Throws DomainError BAD_USER_INPUT (subCode COMPUTE_REFUSED) when a computation exceeds its budget.
   */
  compute(data: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Compiles a form schema. Throws DomainError SCHEMA_INVALID (with the problems) when
 * checkFormSchema refuses it. Expensive (tens of ms): use getCompiledForm in request paths.
 */
export function compileForm(schema: unknown): CompiledForm {
  // Our own copy: a caller mutating its object later must not change a cached validator.
  const own = structuredClone(schema) as Record<string, unknown>;
  // The check's last step is the compile: its validator is the form's (strict, verbose).
  const { problems, validate: validateFn } = checkAndCompileFormSchema(own);
  if (problems.length > 0 || !validateFn) throw new DomainError('SCHEMA_INVALID', 'The form schema is invalid', { problems, messageZh: '表单定义无效' });
  const { publicFields, uniqueFields } = collectAnnotations(own);
  const { computed } = analyseComputations(own);
  return {
    publicFields,
    uniqueFields,
    computed,
    compute(data) {
      const result = computeFields(computed, data);
      if (result.problems.length) {
        const [first] = result.problems;
        throw new DomainError('BAD_USER_INPUT', `Nothing was saved: ${first!.messageEn}`, {
          subCode: 'COMPUTE_REFUSED', messageZh: `未保存：${first!.message}`,
          problems: result.problems.map((p) => ({ path: p.path, message: p.message, messageEn: p.messageEn })),
        });
      }
      return result.data;
    },
    validate(data: unknown): FormProblem[] {
      if (validateFn(data)) return [];
      const byPath = new Map<string, FormProblem>();
      for (const e of localizeErrors(validateFn.errors ?? [])) {
        const seen = byPath.get(e.path);
        if (!seen) byPath.set(e.path, { path: e.path, message: e.message, messageEn: e.messageEn, keyword: e.keyword });
        else if (!seen.message.split('；').includes(e.message)) {
          seen.message += `；${e.message}`;
          seen.messageEn += `; ${e.messageEn}`;
        }
      }
      return [...byPath.values()];
    },
  };
}

export const COMPILED_FORM_CACHE_SIZE = 200;

/** Compiled forms by key, least recently used dropped first (a Map iterates in insertion order). */
export class CompiledFormCache {
  private readonly entries = new Map<string, CompiledForm>();

  constructor(
    readonly maxEntries = COMPILED_FORM_CACHE_SIZE,
    private readonly compile: (schema: unknown) => CompiledForm = compileForm,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(cacheKey: string, schema: unknown): CompiledForm {
    const hit = this.entries.get(cacheKey);
    if (hit) {
      this.entries.delete(cacheKey);
      this.entries.set(cacheKey, hit);
      return hit;
    }
    const compiled = this.compile(schema); // throws for a refused schema: nothing cached
    this.entries.set(cacheKey, compiled);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return compiled;
  }

  forget(cacheKey?: string): void {
    if (cacheKey === undefined) this.entries.clear();
    else this.entries.delete(cacheKey);
  }
}

const sharedCache = new CompiledFormCache();

/**
 * compileForm, memoised under `cacheKey` (e.g. the programme version's id: a published version
 * never changes), in a process-wide cache of COMPILED_FORM_CACHE_SIZE forms.
 * A key must always be used with the same schema.
 */
export function getCompiledForm(cacheKey: string, schema: unknown): CompiledForm {
  return sharedCache.get(cacheKey, schema);
}

/** Drops a cached form (a draft version that was edited) or, without a key, all of them. */
export function forgetCompiledForm(cacheKey?: string): void {
  sharedCache.forget(cacheKey);
}
