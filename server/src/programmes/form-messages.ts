/**
 * Turns ajv errors into one located, bilingual message each: Simplified Chinese (ajv-i18n, plus
 * our own wording for the errors county staff meet most) and ajv's English as a fallback.
 */
import type { ErrorObject } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { escapeSegment } from './form-pointer.js';

type Localize = (errors?: null | ErrorObject[]) => void;
// ajv-i18n is CommonJS (`module.exports = fn`); TypeScript under NodeNext sees `{ default: fn }`.
const localizeZh: Localize =
  (localizeZhModule as unknown as { default?: Localize }).default ?? (localizeZhModule as unknown as Localize);

export interface LocalizedError {
  /** JSON pointer into the validated document (the data, or the schema for meta-schema errors). */
  path: string;
  keyword: string;
  message: string;
  messageEn: string;
}

const FORMAT_MESSAGES: Record<string, [zh: string, en: string]> = {
  'cn-idcard': ['身份证号码无效：应为18位，出生日期有效，末位校验码正确（X 须大写）', 'invalid ID number: 18 characters, a valid birth date and check digit (X in upper case)'],
  'cn-mobile': ['手机号码无效：应为以 1 开头的 11 位数字', 'invalid mobile number: 11 digits starting with 1'],
  date: ['日期格式应为 YYYY-MM-DD', 'date must be YYYY-MM-DD'],
  'date-time': ['时间格式应为 YYYY-MM-DDTHH:mm:ssZ', 'must be a date-time such as 2026-01-31T09:00:00Z'],
  email: ['电子邮箱格式不正确', 'invalid e-mail address'],
};

/** Where the problem is: a missing or extra property is pointed at itself, not at its parent. */
export function errorPointer(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  if ((e.keyword === 'required' || e.keyword === 'dependencies') && typeof params.missingProperty === 'string') {
    return `${e.instancePath}/${escapeSegment(params.missingProperty)}`;
  }
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${e.instancePath}/${escapeSegment(params.additionalProperty)}`;
  }
  return e.instancePath;
}

/**
 * Drops errors that only restate others: `if` (its then/else errors are reported), and the
 * branch errors under a failed oneOf/anyOf (three "must be equal to constant" for one radio
 * button are noise; the summary stays).
 */
function withoutRestatements(errors: readonly ErrorObject[]): ErrorObject[] {
  const failedBranches = errors
    .filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !(e.params as { passingSchemas?: unknown }).passingSchemas)
    .map((e) => e.schemaPath + '/');
  return errors.filter((e) => e.keyword !== 'if' && !failedBranches.some((prefix) => e.schemaPath.startsWith(prefix)));
}

function ownWording(e: ErrorObject): [string, string] | undefined {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
    case 'dependencies':
      return ['必填', 'is required'];
    case 'additionalProperties':
      return ['不允许的字段', 'is not an allowed field'];
    case 'format':
      return FORMAT_MESSAGES[String(params.format)];
    case 'oneOf':
    case 'anyOf': {
      // Options written as oneOf [{const, title}] (rjsf's labelled choices); needs ajv `verbose`.
      const branches = (e.parentSchema as Record<string, unknown> | undefined)?.[e.keyword];
      const allConst = Array.isArray(branches) && branches.every((b) => typeof b === 'object' && b !== null && 'const' in b);
      return allConst ? ['应当是可选项之一', 'must be one of the options'] : undefined;
    }
    case 'const': {
      // ajv-i18n says only "应当等于常量": name the value the field must have.
      const value = JSON.stringify(params.allowedValue) ?? String(params.allowedValue);
      return [`应当等于 ${value}`, `must be ${value}`];
    }
    case 'enum': {
      const values = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const list = values.slice(0, 12).map((v) => JSON.stringify(v)).join(', ') + (values.length > 12 ? ', …' : '');
      return [`应当是以下值之一：${list}`, `must be one of: ${list}`];
    }
    default:
      return undefined;
  }
}

/** Located messages for ajv's errors, in ajv's order. */
export function localizeErrors(errors: readonly ErrorObject[]): LocalizedError[] {
  const kept = withoutRestatements(errors);
  const zh = kept.map((e) => ({ ...e }));
  localizeZh(zh);
  return kept.map((e, i) => {
    const [message, messageEn] = ownWording(e) ?? [zh[i].message ?? e.message ?? '无效', e.message ?? 'invalid'];
    return { path: errorPointer(e), keyword: e.keyword, message, messageEn };
  });
}
