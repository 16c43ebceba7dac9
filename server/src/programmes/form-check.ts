/**
 * checkFormSchema: everything wrong with a designer's form schema, at once, each problem located
 * by a JSON pointer into the SCHEMA. Runs when a programme draft is saved or published.
 *
 * Order: our own walk (limits, references, unknown keywords and formats, x-* rules; all found in
 * one pass), then the draft-07 meta-schema, then an ajv compile in strict "log" mode for what only
 * the compiler knows (strictTypes). ajv throws at the first unknown keyword or format, which is why
 * the walk finds those itself. The walk also does, with the compiler's problems, the checks ajv's
 * strictRequired and strictTuples would do, but over every schema that describes the same data
 * (see DataGroup): ajv looked at one schema object at a time and refused correct forms.
 */
import type { ValidateFunction } from 'ajv';
import type { FieldProblem } from '../core/errors.js';
import { createFormAjv } from './form-ajv.js';
import { collectAnchors, collectAnnotations, ExpansionLimitError, MAX_EXPANDED_SCHEMAS, resolveLocalRef } from './form-annotations.js';
import { AGGREGATE_KINDS, MASK_KINDS } from './form-keywords.js';
import { ANY_INDEX, escapeSegment } from './form-pointer.js';
import { declaredTypes, isSchemaObject, subschemasOf, type SchemaObject } from './form-walk.js';
import { localizeErrors } from './form-messages.js';
import { analysePattern } from './form-regexp.js';
import { collectFields } from './form-fields.js';
import { analyseComputations } from './form-compute.js';
import { checkUniqueOptions } from './form-unique.js';

export { MAX_EXPANDED_SCHEMAS } from './form-annotations.js';

export const MAX_SCHEMA_DEPTH = 20;
export const MAX_SCHEMA_PROPERTIES = 500;
/** Values of one `enum`: a longer list is not a choice a person makes from a form. */
export const MAX_ENUM_VALUES = 1000;
/**
 * JSON values in the whole schema (every object, array, string, number…): counted first, so no
 * later step (the walk, the meta-schema, the compiler, the browser's rjsf) sees a bigger one.
 * The largest example programme has under 500.
 */
export const MAX_SCHEMA_NODES = 20_000;
/**
 * Schema objects (every subschema, definitions included): ajv turns each into code, the dominant
 * cost of compiling a form (about 0.3 ms each). The largest example programme has 39.
 */
export const MAX_SCHEMA_OBJECTS = 500;
/** RE2 instructions of all patterns together: compiling costs time in proportion. */
export const MAX_PATTERN_PROGRAM_TOTAL = 10_000;
const MAX_PROBLEMS = 200;
const DRAFT_07 = new Set(['http://json-schema.org/draft-07/schema#', 'http://json-schema.org/draft-07/schema']);
/** Known to ajv but refused here: `$async` makes validation return a promise, `id` is draft-04. */
const REFUSED_KEYWORDS = new Set(['$async', 'id']);
const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
/**
 * What may stand beside `$ref`. draft-07 ignores every other keyword there, ajv applies them, rjsf
 * merges them into the referenced schema: three readings, so a validation keyword beside `$ref` is
 * refused (docs/form-keywords.md, "Agreement with JSON Schema draft-07"). Annotations are allowed:
 * they change no validation result, and rjsf shows a local `title` instead of the definition's.
 */
const REF_SIBLINGS = new Set(['$ref', 'title', 'description', 'default', 'examples', '$comment', 'readOnly', 'writeOnly', 'definitions', 'x-public', 'x-mask', 'x-unique']);

/**
 * The schemas that describe one place in the data: a schema object and everything joined to it by
 * allOf/anyOf/oneOf, if/then/else and schema dependencies. `required` may name a property that
 * any of them defines (`then: { required: ["b"] }` with `b` at the root).
 */
interface DataGroup {
  properties: Set<string>;
  /** A `$ref` or `patternProperties` may define more than we can name here: no check. */
  open: boolean;
  required: { at: string; name: string }[];
}
const newGroup = (): DataGroup => ({ properties: new Set(), open: false, required: [] });

/** A problem with both languages: `message` in Simplified Chinese, `messageEn` in English. */
export interface SchemaProblem extends FieldProblem {
  messageEn: string;
}

const problem = (path: string, message: string, messageEn: string): SchemaProblem => ({ path, message, messageEn });

/** All problems with `schema`; an empty list means it can be compiled and published. */
export function checkFormSchema(schema: unknown): SchemaProblem[] {
  return checkAndCompileFormSchema(schema).problems;
}

/** The problems of a schema and, when there are none, the validator its strict compile produced. */
export interface CheckedFormSchema {
  problems: SchemaProblem[];
  validate?: ValidateFunction;
}

/**
 * checkFormSchema, keeping the validator of its last step (a strict compile with `verbose` on), so
 * compileForm compiles once instead of twice: compiling is most of the cost of a big form.
 */
export function checkAndCompileFormSchema(schema: unknown): CheckedFormSchema {
  if (!isSchemaObject(schema)) return { problems: [problem('', '表单定义必须是 JSON 对象', 'form schema must be a JSON object')] };
  const nodes = countNodes(schema, MAX_SCHEMA_NODES);
  if (nodes > MAX_SCHEMA_NODES) {
    return { problems: [problem('', `表单定义包含超过 ${MAX_SCHEMA_NODES} 个值，请精简`, `the schema holds more than ${MAX_SCHEMA_NODES} JSON values; simplify it`)] };
  }
  const problems: SchemaProblem[] = [];
  if (schema.type !== 'object') {
    problems.push(problem('/type', '表单根节点必须是 "type": "object"', 'the root must have "type": "object"'));
  }
  const ajv = sharedAjv();
  const walk = walkSchema(schema, ajv.RULES.keywords, ajv.formats);
  problems.push(...walk.problems);
  // Past the limits, or with a foreign $schema, ajv must not see the document at all.
  if (walk.aborted) return { problems: problems.slice(0, MAX_PROBLEMS) };

  if (!ajv.validateSchema(schema)) problems.push(...metaSchemaProblems(ajv.errors ?? []));
  if (problems.length > 0) return { problems: problems.slice(0, MAX_PROBLEMS) };
  const compiled = strictCompile(schema);
  const all = [...walk.strictProblems, ...compiled.problems].slice(0, MAX_PROBLEMS);
  return all.length > 0 ? { problems: all } : compiled;
}

let shared: ReturnType<typeof createFormAjv> | undefined;
/**
 * For keyword/format lookups and meta-schema validation only: those never add the checked schema
 * to the instance, so one instance serves every call (and compiles the meta-schema once).
 */
function sharedAjv() {
  shared ??= createFormAjv();
  return shared;
}

interface WalkResult {
  problems: SchemaProblem[];
  /** What ajv's strict mode would find: reported with the compiler's problems. */
  strictProblems: SchemaProblem[];
  aborted: boolean;
}

function walkSchema(root: SchemaObject, keywords: Record<string, unknown>, formats: Record<string, unknown>): WalkResult {
  const problems: SchemaProblem[] = [];
  const strictProblems: SchemaProblem[] = [];
  const groups: DataGroup[] = [];
  const refs: { path: string; ref: string }[] = [];
  let propertyCount = 0;
  let objectCount = 0;
  let patternProgram = 0;
  let aborted = false;
  let tooMany = false;

  const visit = (node: unknown, path: string, depth: number, located: boolean, group: DataGroup) => {
    if (!isSchemaObject(node) || problems.length >= MAX_PROBLEMS || tooMany) return; // non-objects: meta-schema's job
    if (++objectCount > MAX_SCHEMA_OBJECTS) {
      problems.push(problem('', `表单定义包含超过 ${MAX_SCHEMA_OBJECTS} 个子模式，请精简`, `the schema has more than ${MAX_SCHEMA_OBJECTS} schema objects; simplify it`));
      tooMany = aborted = true;
      return;
    }
    if (depth > MAX_SCHEMA_DEPTH) {
      problems.push(problem(path, `嵌套超过 ${MAX_SCHEMA_DEPTH} 层`, `nested deeper than ${MAX_SCHEMA_DEPTH} levels`));
      aborted = true;
      return;
    }
    if (isSchemaObject(node.properties)) {
      propertyCount += Object.keys(node.properties).length;
      for (const name of Object.keys(node.properties)) group.properties.add(name);
      if (ANY_INDEX in node.properties) {
        problems.push(problem(`${path}/properties/*`, '字段名不能是 "*"（保留给数组元素）', 'a property may not be named "*" (reserved for array elements)'));
      }
    }
    for (const keyword of ['properties', 'dependencies']) {
      // ajv skips a `__proto__` entry (a guard against prototype pollution): its value would be stored unchecked.
      if (isSchemaObject(node[keyword]) && Object.hasOwn(node[keyword], '__proto__')) {
        problems.push(problem(`${path}/${keyword}/__proto__`, '字段名不能是 "__proto__"（无法校验）', 'a property may not be named "__proto__" (it cannot be validated)'));
      }
    }
    for (const key of Object.keys(node)) {
      checkKeyword(node, key, `${path}/${escapeSegment(key)}`, path === '', located);
    }
    checkStructure(node, path, group);
    for (const sub of subschemasOf(node)) {
      // Definitions count as located: properties reach them through $ref.
      const unlocated = sub.relation === 'none' && !/^\/(definitions|\$defs)\//.test(sub.pointerSuffix);
      let next = group;
      if (sub.relation !== 'same') groups.push((next = newGroup()));
      visit(sub.schema, path + sub.pointerSuffix, depth + 1, located && !unlocated, next);
    }
  };

  /** `required` (checked once the whole group is known), tuples, keywords beside `$ref`. */
  const checkStructure = (node: SchemaObject, path: string, group: DataGroup) => {
    if ('$ref' in node || 'patternProperties' in node) group.open = true;
    if (Array.isArray(node.required)) {
      node.required.forEach((name, i) => {
        if (typeof name === 'string') group.required.push({ at: `${path}/required/${i}`, name });
      });
    }
    if (Array.isArray(node.items) && typeof node.maxItems !== 'number' && node.additionalItems !== false) {
      strictProblems.push(problem(`${path}/items`, '元组（items 为数组）必须设置 maxItems 或 "additionalItems": false',
        'a tuple ("items" as an array) needs "maxItems" or "additionalItems": false'));
    }
    if ('$ref' in node) {
      for (const key of Object.keys(node)) {
        if (REF_SIBLINGS.has(key) || key.startsWith('x-')) continue;
        strictProblems.push(problem(`${path}/${escapeSegment(key)}`,
          `"$ref" 旁的 "${key}" 按 draft-07 会被忽略；请把引用写进 "allOf": [{ "$ref": … }]，"${key}" 留在原处`,
          `"${key}" beside "$ref" is ignored by draft-07; move the reference into "allOf": [{ "$ref": … }] and keep "${key}" where it is`));
      }
    }
  };

  const checkKeyword = (node: SchemaObject, key: string, at: string, isRoot: boolean, located: boolean) => {
    const value = node[key];
    if (REFUSED_KEYWORDS.has(key)) {
      problems.push(problem(at, `不支持关键字 "${key}"`, `keyword "${key}" is not supported`));
    } else if (!Object.hasOwn(keywords, key)) {
      // Own keys only: ajv's keyword table is a plain object, where `toString` would look known.
      problems.push(unknownKeyword(at, key));
    } else if (key === '$ref') {
      if (typeof value === 'string' && value.startsWith('#')) refs.push({ path: at, ref: value });
      else problems.push(problem(at, '只允许引用本文档内的定义（以 # 开头），不允许外部地址', 'only references inside this document ("#…") are allowed; remote references are refused'));
    } else if (key === '$id') {
      if (typeof value !== 'string' || !/^#[A-Za-z][\w.:-]*$/.test(value)) {
        problems.push(problem(at, '$id 只能是文档内锚点，如 "#member"', '$id may only be an anchor inside this document, such as "#member"'));
      }
    } else if (key === '$schema') {
      if (!isRoot || typeof value !== 'string' || !DRAFT_07.has(value)) {
        problems.push(problem(at, '$schema 只能在根节点，且必须是 draft-07', '$schema may only appear at the root and must be draft-07'));
        aborted = true; // ajv would try to look the meta-schema up
      }
    } else if (key === 'format') {
      if (typeof value === 'string' && !Object.hasOwn(formats, value)) {
        problems.push(problem(at, `未知格式 "${value}"`, `unknown format "${value}"`));
      }
    } else if (key === 'enum' && Array.isArray(value)) {
      if (value.length > MAX_ENUM_VALUES) {
        problems.push(problem(at, `enum 有 ${value.length} 个值，超过上限 ${MAX_ENUM_VALUES}`, `enum has ${value.length} values, more than ${MAX_ENUM_VALUES}`));
        aborted = true;
      } else {
        problems.push(...duplicateValues(value, at));
      }
    } else if (key === 'pattern' && typeof value === 'string') {
      checkPattern(at, value);
    } else if (key === 'patternProperties' && isSchemaObject(value)) {
      for (const pattern of Object.keys(value)) checkPattern(`${at}/${escapeSegment(pattern)}`, pattern);
    } else if ((key === 'then' || key === 'else') && !('if' in node)) {
      problems.push(problem(at, `"${key}" 缺少对应的 "if"`, `"${key}" without "if" is ignored`));
    } else if (key.startsWith('x-')) {
      problems.push(...checkPlatformKeyword(node, key, at, located));
    }
  };

  const checkPattern = (at: string, pattern: string) => {
    const { problem: why, size } = analysePattern(pattern);
    if (why) problems.push(patternRefused(at, pattern, why));
    patternProgram += size;
  };

  const rootGroup = newGroup();
  groups.push(rootGroup);
  visit(root, '', 0, true, rootGroup);
  for (const group of groups) {
    if (group.open) continue;
    for (const { at, name } of group.required) {
      // A required field no schema here defines is never shown by the form: the data could never be completed.
      if (!group.properties.has(name)) {
        strictProblems.push(problem(at, `required 中的 "${name}" 没有在 properties 中定义，表单上不会出现这个字段`,
          `required names "${name}", which no "properties" for this data defines: the form would never show it`));
      }
    }
  }
  if (patternProgram > MAX_PATTERN_PROGRAM_TOTAL && !aborted) {
    problems.push(problem('', `正则表达式总体过于复杂（超过 ${MAX_PATTERN_PROGRAM_TOTAL} 条指令），请精简`, `the patterns together compile to more than ${MAX_PATTERN_PROGRAM_TOTAL} instructions; simplify them`));
    aborted = true;
  }
  if (propertyCount > MAX_SCHEMA_PROPERTIES && !tooMany) {
    problems.push(problem('', `字段总数 ${propertyCount} 超过上限 ${MAX_SCHEMA_PROPERTIES}`, `${propertyCount} properties in total, more than ${MAX_SCHEMA_PROPERTIES}`));
    aborted = true;
  }
  if (!aborted) {
    try {
      collectAnnotations(root);
    } catch (e) {
      if (!(e instanceof ExpansionLimitError)) throw e;
      problems.push(problem('', `引用展开后超过 ${MAX_EXPANDED_SCHEMAS} 个子模式，请减少引用`, `its references expand to more than ${MAX_EXPANDED_SCHEMAS} schema objects; use fewer references`));
      aborted = true;
    }
  }
  if (!aborted) {
    // Computed fields and unique scopes name other fields: checked against the form's field map.
    const fields = collectFields(root);
    problems.push(...analyseComputations(root, fields).problems, ...checkUniqueOptions(fields));
  }
  if (!aborted) {
    const anchors = collectAnchors(root);
    for (const { path, ref } of refs) {
      const target = resolveLocalRef(root, ref, anchors);
      if (!isSchemaObject(target) && typeof target !== 'boolean') {
        problems.push(problem(path, `引用 "${ref}" 找不到目标`, `reference "${ref}" does not resolve inside this document`));
      }
    }
  }
  return { problems, strictProblems, aborted };
}

/** Counts the JSON values in `root`, stopping once past `limit` (iterative: no recursion on deep input). */
function countNodes(root: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count <= limit) {
    const value = stack.pop();
    count++;
    if (typeof value === 'object' && value !== null) {
      for (const v of Object.values(value)) stack.push(v);
    }
  }
  return count;
}

/**
 * Repeated enum values, found with a hash set. The draft-07 meta-schema says `uniqueItems`, but
 * ajv checks it by comparing every pair (form-ajv.ts drops it), so this is where it is enforced.
 */
function duplicateValues(values: unknown[], at: string): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  values.forEach((v, i) => {
    const key = canonicalJson(v);
    if (seen.has(key)) out.push(problem(`${at}/${i}`, `enum 的值重复：${key}`, `duplicate enum value ${key}`));
    seen.add(key);
  });
  return out;
}

/** JSON text with object keys sorted, so equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const PATTERN_WHY_ZH: Array<[RegExp, string]> = [
  [/^longer/, '过长'],
  [/^not a valid/, '语法无效'],
  [/construct/, '使用了线性时间引擎不支持的写法（反向引用 \\1、前瞻 (?=…) (?!…)、后顾 (?<=…) (?<!…) 或超过 1000 次的重复）'],
  [/^too complex/, '过于复杂'],
];

/** A refused pattern: Chinese and English, naming the pattern (patterns run on RE2, form-regexp.ts). */
function patternRefused(at: string, pattern: string, why: string): SchemaProblem {
  const zh = PATTERN_WHY_ZH.find(([re]) => re.test(why))?.[1] ?? '无法使用';
  return problem(at, `正则表达式${zh}：${pattern}`, `regular expression ${pattern}: ${why}`);
}

function unknownKeyword(at: string, key: string): SchemaProblem {
  if (key === 'enumNames') {
    return problem(at, 'rjsf 6 不再支持 enumNames：请在 uiSchema 中用 "ui:enumNames"，或用 oneOf + const + title',
      'rjsf 6 dropped enumNames: use "ui:enumNames" in the uiSchema, or oneOf with const and title');
  }
  if (key.startsWith('ui:')) return problem(at, `"${key}" 应写在 uiSchema 中`, `"${key}" belongs in the uiSchema`);
  return problem(at, `未知关键字 "${key}"`, `unknown keyword "${key}"`);
}

/** Values of x-* keywords, and whether they make sense on this node. */
function checkPlatformKeyword(node: SchemaObject, key: string, at: string, located: boolean): SchemaProblem[] {
  const value = node[key];
  const types = declaredTypes(node).filter((t) => t !== 'null');
  const out: SchemaProblem[] = [];
  if (key === 'x-mask') {
    if (!(MASK_KINDS as readonly unknown[]).includes(value)) {
      out.push(problem(at, `x-mask 只能是 ${MASK_KINDS.join(' / ')}`, `x-mask must be one of ${MASK_KINDS.join(', ')}`));
    } else if (!isStringField(node, types)) {
      out.push(problem(at, 'x-mask 只能用于字符串字段或字符串数组', 'x-mask only applies to string fields or arrays of strings'));
    }
  } else if (key === 'x-aggregate') {
    if (!(AGGREGATE_KINDS as readonly unknown[]).includes(value)) {
      out.push(problem(at, `x-aggregate 只能是 ${AGGREGATE_KINDS.join(' / ')}`, `x-aggregate must be one of ${AGGREGATE_KINDS.join(', ')}`));
    } else if (types.length === 0 || types.some((t) => t !== 'number' && t !== 'integer')) {
      out.push(problem(at, 'x-aggregate 只能用于数字字段', 'x-aggregate only applies to number fields'));
    }
  } else if (key === 'x-compute') {
    // Its rule is checked against the whole form's fields once the walk is done (form-compute.ts).
  } else if (typeof value !== 'boolean' && !(key === 'x-unique' && isSchemaObject(value))) {
    out.push(problem(at, key === 'x-unique' ? 'x-unique 必须是 true、false 或 {"scope": […], "group": "…"}' : `${key} 必须是 true 或 false`,
      key === 'x-unique' ? 'x-unique must be true, false or {"scope": […], "group": "…"}' : `${key} must be a boolean`));
  } else if (key === 'x-unique' && value && (types.length === 0 || types.some((t) => !['string', 'number', 'integer'].includes(t)))) {
    out.push(problem(at, 'x-unique 只能用于字符串或数字字段', 'x-unique only applies to string or number fields'));
  } else if (key === 'x-public' && value && !isPublishable(node, types)) {
    // Marking an object public would publish whatever is nested in it, now or after the next edit.
    out.push(problem(at, 'x-public 只能用于单个值或由单个值组成的数组；请标注具体字段', 'x-public only applies to single values or arrays of them; mark the fields themselves'));
  } else if (key === 'x-public' && value && node['x-mask'] === undefined) {
    const identifier = identifierFormat(node);
    // The anonymous board would show the whole number: a public ID or mobile number is always masked.
    if (identifier) out.push(problem(at, `公开的${identifier.zh}必须设置 "x-mask": "${identifier.mask}"`, `a public ${identifier.en} needs "x-mask": "${identifier.mask}"`));
  }
  if (!located && value !== false && out.length === 0) {
    out.push(problem(at, `${key} 只能用于 properties / items 下有固定位置的字段`, `${key} only applies to fields with a fixed place under properties/items`));
  }
  return out;
}

const IDENTIFIER_FORMATS: Readonly<Record<string, { zh: string; en: string; mask: string }>> = {
  'cn-idcard': { zh: '身份证号', en: 'ID number', mask: 'idcard' },
  'cn-mobile': { zh: '手机号码', en: 'mobile number', mask: 'phone' },
};

/** The identifier a field (or each item of an array field) holds, by its format. */
function identifierFormat(node: SchemaObject) {
  const format = isSchemaObject(node.items) ? node.items.format : node.format;
  return typeof format === 'string' && Object.hasOwn(IDENTIFIER_FORMATS, format) ? IDENTIFIER_FORMATS[format] : undefined;
}

/** A string field, or an array whose items are strings (a mask applies to each item). */
function isStringField(node: SchemaObject, types: string[]): boolean {
  if (types.length > 0 && types.every((t) => t === 'string')) return true;
  if (types.length === 1 && types[0] === 'array' && isSchemaObject(node.items)) {
    const itemTypes = declaredTypes(node.items).filter((t) => t !== 'null');
    return itemTypes.length > 0 && itemTypes.every((t) => t === 'string');
  }
  return false;
}

function isPublishable(node: SchemaObject, types: string[]): boolean {
  if (types.length === 0) return false;
  if (types.every((t) => SCALAR_TYPES.has(t))) return true;
  if (types.length === 1 && types[0] === 'array' && isSchemaObject(node.items)) {
    const itemTypes = declaredTypes(node.items);
    return itemTypes.length > 0 && itemTypes.every((t) => SCALAR_TYPES.has(t));
  }
  return false;
}

function metaSchemaProblems(errors: Parameters<typeof localizeErrors>[0]): SchemaProblem[] {
  const byPath = new Map<string, SchemaProblem>();
  for (const e of localizeErrors(errors)) {
    // One problem per place: `"type": "strng"` fails the enum and the anyOf around it.
    if (!byPath.has(e.path)) byPath.set(e.path, problem(e.path, e.message, e.messageEn));
  }
  return [...byPath.values()];
}

/**
 * Compile with strict checks logged instead of thrown, so every one of them is reported; the
 * validator is kept when there were none. One ajv per form: ajv keeps every compiled schema for
 * its lifetime, so a shared instance would keep evicted programme versions alive. `verbose` puts
 * the failing schema on each error, for friendlier messages (form-messages.ts). The meta-schema
 * check is off here: the shared instance has just done it, and a fresh instance would compile the
 * draft-07 meta-schema again (about half the cost of checking a form).
 */
function strictCompile(schema: SchemaObject): CheckedFormSchema {
  const messages: string[] = [];
  const collect = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  const ajv = createFormAjv({ strict: 'log', verbose: true, validateSchema: false, logger: { log() {}, warn: collect, error: collect } });
  let validate: ValidateFunction | undefined;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    messages.push(e instanceof Error ? e.message : String(e));
  }
  const problems = messages.map((m) => problem(schemaPathOf(m), `表单定义无法编译：${m}`, `form schema does not compile: ${m}`));
  return problems.length > 0 || !validate ? { problems } : { problems, validate };
}

/** ajv names the place as `at "#/properties/a"` or `at path "#/…"`, URI-encoded. */
function schemaPathOf(message: string): string {
  const match = /at (?:path )?"#([^"]*)"/.exec(message);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return '';
  }
}
