/**
 * A register's definition: the entry schema (same JSON-Schema vocabulary as programme forms) and
 * its settings, and the check run when a draft is saved or published. Every problem is reported
 * at once, located by a JSON pointer into the definition input. Pure apart from the role catalogue.
 */
import { DomainError } from '../core/errors.js';
import { checkFormSchema, type SchemaProblem } from '../programmes/form-schema.js';
import { collectAnnotations } from '../programmes/form-annotations.js';
import { ANY_INDEX, parsePointer } from '../programmes/form-pointer.js';
import { enumOf, schemaFields, typesOf } from './register-fields.js';
import { checkDossierSettings, normaliseDossier, type DossierSettings } from './checklist.js';

export interface StatusDef {
  value: string;
  zh: string;
  en: string;
  /** An antd preset colour (`green`, `red`…) or `#rrggbb`. */
  color: string;
}

export interface ChangeKindDef {
  key: string;
  zh: string;
  en: string;
  /**
   * A member removed under this kind has died (自然减少·死亡). The built-in data-quality check
   * `builtin:dead_alive` flags such a person while any household still lists them.
   */
  death?: boolean | null;
}

/** Everything of a version's definition except the schemas (the `settings` column). */
export interface RegisterSettings {
  /** Pointers whose values, together, identify an entry (unique per register), e.g. ["/head/idNumber"]. */
  keyFields: string[];
  /** Pointer of the entry's display name, e.g. "/head/name". */
  nameField: string;
  /** Pointer of the status field: an enum whose every value is listed in `statuses`. */
  statusField: string;
  statuses: StatusDef[];
  /** The kinds of change the log records (新识别, 脱贫标注 …); every change names one. */
  changeKinds: ChangeKindDef[];
  /** Pointer of the head's ID number: indexed as the person with role `head`. */
  headIdField?: string | null;
  /** Pointer of the members array; its elements' ID numbers are indexed with role `member`. */
  membersField?: string | null;
  /** Pointers inside one member: its ID number (required with membersField) and name. */
  memberIdField?: string | null;
  memberNameField?: string | null;
  /** Roles that may create and change entries, within the regions of their grants. */
  editingRoles: string[];
  /** What a complete household file (一户一档) holds: checklist.ts. */
  dossier?: DossierSettings | null;
}

export interface RegisterDefinitionInput extends Omit<RegisterSettings, 'dossier'> {
  schema: unknown;
  /** Checked by checkDossierSettings. */
  dossier?: unknown;
  uiSchema?: unknown;
}

export const MAX_DEFINITION_BYTES = 256 * 1024;
const KIND_KEY = /^[a-z][a-z0-9_]{1,39}$/;
const HEX = /^#[0-9a-fA-F]{6}$/;
export const PRESET_COLORS = ['default', 'blue', 'green', 'red', 'orange', 'gold', 'yellow', 'purple', 'cyan', 'magenta', 'volcano', 'lime', 'geekblue', 'pink'] as const;

const problem = (path: string, message: string, messageEn: string): SchemaProblem => ({ path, message, messageEn });
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** Every problem with the definition; [] means it can be saved and published. */
/**
 * `knownRoles`: the role catalogue visible at the register's county (built-in roles, the county's
 * own and those of the regions above). Without it only the names' shape is checked.
 */
export function checkRegisterDefinition(input: RegisterDefinitionInput, knownRoles?: ReadonlySet<string>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const name of ['schema', 'uiSchema'] as const) {
    if (input[name] !== undefined && JSON.stringify(input[name] ?? null).length > MAX_DEFINITION_BYTES) {
      problems.push(problem(`/${name}`, `超过 ${MAX_DEFINITION_BYTES / 1024} KB`, `larger than ${MAX_DEFINITION_BYTES / 1024} KB`));
    }
  }
  if (problems.length) return problems;
  if (input.uiSchema != null && (typeof input.uiSchema !== 'object' || Array.isArray(input.uiSchema))) {
    problems.push(problem('/uiSchema', 'uiSchema 必须是 JSON 对象', 'the uiSchema must be an object'));
  }
  const schemaProblems = checkFormSchema(input.schema);
  if (schemaProblems.length) return [...problems, ...schemaProblems.map((p) => ({ ...p, path: `/schema${p.path}` }))];

  const fields = schemaFields(input.schema);
  /** The field at a fixed place in the data (no `*`), or a problem. */
  const field = (at: string, pointer: unknown, allowed: readonly string[], what: { zh: string; en: string }) => {
    if (typeof pointer !== 'string' || !pointer.startsWith('/') || pointer.length > 200) {
      problems.push(problem(at, '必须是 JSON 指针，如 "/head/idNumber"', 'must be a JSON pointer such as "/head/idNumber"'));
      return undefined;
    }
    if (parsePointer(pointer).includes(ANY_INDEX)) {
      problems.push(problem(at, '不能指向数组元素（含 "*"）', 'may not point into array elements ("*")'));
      return undefined;
    }
    const nodes = fields.get(pointer);
    if (!nodes) {
      problems.push(problem(at, `表单中没有字段 ${pointer}`, `the schema has no field ${pointer}`));
      return undefined;
    }
    const types = typesOf(nodes);
    if (types.length === 0 || types.some((t) => !allowed.includes(t))) {
      problems.push(problem(at, `${pointer} 必须是${what.zh}字段`, `${pointer} must be a ${what.en} field`));
      return undefined;
    }
    return nodes;
  };

  // Key fields
  if (!Array.isArray(input.keyFields) || input.keyFields.length < 1 || input.keyFields.length > 5) {
    problems.push(problem('/keyFields', '须有 1–5 个关键字段', 'needs 1–5 key fields'));
  } else {
    input.keyFields.forEach((p, i) => field(`/keyFields/${i}`, p, ['string', 'number', 'integer'], { zh: '字符串或数字', en: 'string or number' }));
    if (new Set(input.keyFields).size !== input.keyFields.length) problems.push(problem('/keyFields', '关键字段重复', 'a key field is listed twice'));
  }
  field('/nameField', input.nameField, ['string'], { zh: '字符串', en: 'string' });

  // Status field and its values
  const statusNodes = field('/statusField', input.statusField, ['string'], { zh: '字符串', en: 'string' });
  const statusEnum = statusNodes ? enumOf(statusNodes) : undefined;
  if (statusNodes && !statusEnum) problems.push(problem('/statusField', '状态字段必须有 enum 取值列表', 'the status field must have an enum'));
  if (!Array.isArray(input.statuses) || input.statuses.length < 1 || input.statuses.length > 50) {
    problems.push(problem('/statuses', '须有 1–50 个状态', 'needs 1–50 statuses'));
  } else {
    const seen = new Set<string>();
    input.statuses.forEach((s, i) => {
      if (!isText(s?.value, 40)) problems.push(problem(`/statuses/${i}/value`, '须为 1–40 个字符', 'must be 1–40 characters'));
      else if (seen.has(s.value)) problems.push(problem(`/statuses/${i}/value`, `状态 ${s.value} 重复`, `status ${s.value} is listed twice`));
      else if (statusEnum && !statusEnum.includes(s.value)) problems.push(problem(`/statuses/${i}/value`, `${s.value} 不在状态字段的 enum 中`, `${s.value} is not in the status field's enum`));
      if (typeof s?.value === 'string') seen.add(s.value);
      if (!isText(s?.zh, 40)) problems.push(problem(`/statuses/${i}/zh`, '须为 1–40 个字符', 'must be 1–40 characters'));
      if (!isText(s?.en, 60)) problems.push(problem(`/statuses/${i}/en`, '须为 1–60 个字符', 'must be 1–60 characters'));
      if (typeof s?.color !== 'string' || !(HEX.test(s.color) || (PRESET_COLORS as readonly string[]).includes(s.color))) {
        problems.push(problem(`/statuses/${i}/color`, `颜色须为 #rrggbb 或 ${PRESET_COLORS.join('/')}`, `colour must be #rrggbb or one of ${PRESET_COLORS.join(', ')}`));
      }
    });
    for (const v of statusEnum ?? []) {
      if (!seen.has(String(v))) problems.push(problem('/statuses', `状态 ${String(v)} 缺少标题和颜色`, `status ${String(v)} has no titles and colour`));
    }
  }

  // Change kinds
  if (!Array.isArray(input.changeKinds) || input.changeKinds.length < 1 || input.changeKinds.length > 50) {
    problems.push(problem('/changeKinds', '须有 1–50 种变更类型', 'needs 1–50 change kinds'));
  } else {
    const seen = new Set<string>();
    input.changeKinds.forEach((k, i) => {
      if (typeof k?.key !== 'string' || !KIND_KEY.test(k.key)) problems.push(problem(`/changeKinds/${i}/key`, '须为 2–40 个小写字母、数字或 _，以字母开头', 'must be 2–40 lower-case letters, digits or _, starting with a letter'));
      else if (seen.has(k.key)) problems.push(problem(`/changeKinds/${i}/key`, `变更类型 ${k.key} 重复`, `change kind ${k.key} is listed twice`));
      if (typeof k?.key === 'string') seen.add(k.key);
      if (!isText(k?.zh, 40)) problems.push(problem(`/changeKinds/${i}/zh`, '须为 1–40 个字符', 'must be 1–40 characters'));
      if (!isText(k?.en, 60)) problems.push(problem(`/changeKinds/${i}/en`, '须为 1–60 个字符', 'must be 1–60 characters'));
      if (k?.death != null && typeof k.death !== 'boolean') problems.push(problem(`/changeKinds/${i}/death`, '须为 true 或 false', 'must be true or false'));
    });
  }

  // Person fields
  if (input.headIdField != null) field('/headIdField', input.headIdField, ['string'], { zh: '字符串', en: 'string' });
  let memberIdPointer: string | undefined;
  if (input.membersField != null) {
    const members = field('/membersField', input.membersField, ['array'], { zh: '数组', en: 'array' });
    const items = members ? fields.get(`${input.membersField}/${ANY_INDEX}`) : undefined;
    if (members && !(items && typesOf(items).includes('object'))) {
      problems.push(problem('/membersField', '成员数组的元素必须是对象', 'the members array must hold objects'));
    } else if (members) {
      const inside = (at: string, pointer: unknown, required: boolean) => {
        if (pointer == null) {
          if (required) problems.push(problem(at, '有成员数组时必须指定', 'required with membersField'));
          return;
        }
        if (typeof pointer !== 'string' || !pointer.startsWith('/') || parsePointer(pointer).includes(ANY_INDEX)) {
          problems.push(problem(at, '必须是成员内部的 JSON 指针，如 "/idNumber"', 'must be a JSON pointer inside one member, such as "/idNumber"'));
          return;
        }
        const full = `${input.membersField}/${ANY_INDEX}${pointer}`;
        const nodes = fields.get(full);
        if (!nodes || !typesOf(nodes).every((t) => t === 'string') || typesOf(nodes).length === 0) {
          problems.push(problem(at, `成员中没有字符串字段 ${pointer}`, `members have no string field ${pointer}`));
          return;
        }
        return full;
      };
      memberIdPointer = inside('/memberIdField', input.memberIdField, true);
      inside('/memberNameField', input.memberNameField, false);
    }
  } else if (input.memberIdField != null || input.memberNameField != null) {
    problems.push(problem('/membersField', '指定了成员字段却没有成员数组', 'member fields given without membersField'));
  }

  // Editing roles
  if (!Array.isArray(input.editingRoles) || input.editingRoles.length < 1 || input.editingRoles.length > 20) {
    problems.push(problem('/editingRoles', '须有 1–20 个可编辑角色', 'needs 1–20 editing roles'));
  } else {
    input.editingRoles.forEach((r, i) => {
      if (typeof r !== 'string' || !(knownRoles ? knownRoles.has(r) : /^[a-z][a-z0-9_]{1,39}$/.test(r))) problems.push(problem(`/editingRoles/${i}`, `未知角色 ${String(r)}`, `unknown role ${String(r)}`));
    });
  }

  problems.push(...checkDossierSettings(input.dossier));

  // x-unique in a register means "identifies an entry or a person": enforced by the entry key
  // and the person index, so it must be one of those fields.
  const covered = new Set([...(Array.isArray(input.keyFields) ? input.keyFields : []), input.headIdField, memberIdPointer].filter(Boolean));
  for (const u of collectAnnotations(input.schema).uniqueFields) {
    if (!covered.has(u.pointer)) {
      problems.push(problem('/schema', `x-unique 字段 ${u.pointer} 必须是关键字段或身份证号字段`, `x-unique field ${u.pointer} must be a key field or a person's ID field`));
    }
  }
  return problems;
}

/** Throws SCHEMA_INVALID with every problem, or returns the settings part of a valid definition. */
export function assertRegisterDefinition(input: RegisterDefinitionInput, knownRoles?: ReadonlySet<string>): RegisterSettings {
  const problems = checkRegisterDefinition(input, knownRoles);
  if (problems.length) {
    const first = problems[0]!;
    throw new DomainError('SCHEMA_INVALID', `The register definition is invalid: ${first.path || '/'} ${first.messageEn}` + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''), {
      messageZh: `登记簿定义有误：${first.path || '/'} ${first.message}` + (problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : ''),
      problems,
    });
  }
  const trim = (s: string) => s.trim();
  return {
    keyFields: [...input.keyFields],
    nameField: input.nameField,
    statusField: input.statusField,
    statuses: input.statuses.map((s) => ({ value: s.value, zh: trim(s.zh), en: trim(s.en), color: s.color })),
    changeKinds: input.changeKinds.map((k) => ({ key: k.key, zh: trim(k.zh), en: trim(k.en), ...(k.death === true ? { death: true } : {}) })),
    headIdField: input.headIdField ?? null,
    membersField: input.membersField ?? null,
    memberIdField: input.membersField ? (input.memberIdField ?? null) : null,
    memberNameField: input.membersField ? (input.memberNameField ?? null) : null,
    editingRoles: [...new Set(input.editingRoles)],
    dossier: normaliseDossier(input.dossier),
  };
}
