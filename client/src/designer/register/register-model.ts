/**
 * A register's definition as the register designer edits it: exactly `RegisterDefinitionInput`
 * (docs/registers.md, "Defining a register"), read from a version and kept in step with the entry
 * form: the status field's values each have one status row, the member fields are read inside one
 * member. Pure, so the rules are unit-tested.
 */
import { schemaFieldOptions, type FieldOption } from '../flow/effects-model';

type Json = Record<string, unknown>;
const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface StatusRow { value: string; zh: string; en: string; color: string }
export interface ChangeKindRow { key: string; zh: string; en: string; death?: boolean }
export interface ChecklistRow { key: string; title: string; titleEn?: string | null; programme: string; reachedState?: string | null; event?: string | null; attachment?: string | null }

export interface RegisterDefinition {
  schema: unknown;
  uiSchema: unknown;
  keyFields: string[];
  nameField: string;
  statusField: string;
  statuses: StatusRow[];
  changeKinds: ChangeKindRow[];
  headIdField: string | null;
  membersField: string | null;
  memberIdField: string | null;
  memberNameField: string | null;
  editingRoles: string[];
  dossier?: { checklist: ChecklistRow[] } | null;
}

/** What a version (as the API answers it) holds, as the definition to save again. */
export interface VersionLike {
  schema: unknown;
  uiSchema?: unknown;
  keyFields: string[];
  nameField: string;
  statusField: string;
  statuses: StatusRow[];
  changeKinds: ChangeKindRow[];
  headIdField?: string | null;
  membersField?: string | null;
  memberIdField?: string | null;
  memberNameField?: string | null;
  editingRoles: string[];
  checklist: ChecklistRow[];
}

const strip = <T extends Json>(o: T): T => Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== null && v !== undefined && k !== '__typename')) as T;

export function definitionOf(v: VersionLike): RegisterDefinition {
  return {
    schema: v.schema, uiSchema: v.uiSchema ?? {}, keyFields: [...v.keyFields], nameField: v.nameField, statusField: v.statusField,
    statuses: v.statuses.map(({ value, zh, en, color }) => ({ value, zh, en, color })),
    changeKinds: v.changeKinds.map(({ key, zh, en, death }) => ({ key, zh, en, ...(death ? { death: true } : {}) })),
    headIdField: v.headIdField ?? null, membersField: v.membersField ?? null, memberIdField: v.memberIdField ?? null, memberNameField: v.memberNameField ?? null,
    editingRoles: [...v.editingRoles],
    dossier: v.checklist.length ? { checklist: v.checklist.map((c) => strip({ ...c })) } : null,
  };
}

/** A new register's first draft: a household with its head, a status and a members list. */
export const TEMPLATE_DEFINITION: RegisterDefinition = {
  schema: {
    type: 'object',
    title: '农户档案',
    required: ['head', 'status'],
    properties: {
      head: {
        type: 'object', title: '户主',
        required: ['name', 'idNumber'],
        properties: { name: { type: 'string', title: '户主姓名', maxLength: 20 }, idNumber: { type: 'string', title: '户主身份证号', format: 'cn-idcard' } },
      },
      status: { type: 'string', title: '户类别', enum: ['一般户', '重点户'] },
      members: {
        type: 'array', title: '家庭成员', maxItems: 30,
        items: {
          type: 'object', required: ['name', 'idNumber'],
          properties: { name: { type: 'string', title: '姓名', maxLength: 20 }, idNumber: { type: 'string', title: '身份证号', format: 'cn-idcard' } },
        },
      },
    },
  },
  uiSchema: { 'ui:order': ['head', 'status', 'members'] },
  keyFields: ['/head/idNumber'],
  nameField: '/head/name',
  statusField: '/status',
  statuses: [{ value: '一般户', zh: '一般户', en: 'Ordinary', color: 'default' }, { value: '重点户', zh: '重点户', en: 'Priority', color: 'orange' }],
  changeKinds: [{ key: 'new', zh: '新识别', en: 'Newly identified' }, { key: 'correction', zh: '信息更正', en: 'Correction' }],
  headIdField: '/head/idNumber',
  membersField: '/members',
  memberIdField: '/idNumber',
  memberNameField: '/name',
  editingRoles: ['village_committee'],
  dossier: null,
};

/** The entry's fields (not inside lists), with titles, types and choices. */
export const entryFields = (schema: unknown): FieldOption[] => schemaFieldOptions(schema);

/** The fields inside one item of the list at `membersField` (pointers relative to the item). */
export function memberFields(schema: unknown, membersField: string | null): FieldOption[] {
  if (!membersField) return [];
  const list = entryFields(schema).find((f) => f.pointer === membersField);
  if (!list || list.type !== 'array') return [];
  let node: unknown = schema;
  for (const seg of membersField.split('/').slice(1)) node = isRec(node) && isRec(node.properties) ? node.properties[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isRec(node) && isRec(node.items) ? schemaFieldOptions(node.items) : [];
}

/**
 * The status rows for the status field's current values, in the field's order: rows the
 * definition already has are kept, a new value gets a row titled with the value itself.
 */
export function syncStatuses(def: RegisterDefinition): StatusRow[] {
  const field = entryFields(def.schema).find((f) => f.pointer === def.statusField);
  if (!field?.enum) return def.statuses;
  return field.enum.map((v) => String(v)).map((value) => def.statuses.find((s) => s.value === value) ?? { value, zh: value, en: value, color: 'default' });
}

/** A change-kind key: lower-case letters, digits and `_`, starting with a letter (as the server requires). */
export const CHANGE_KIND_KEY = /^[a-z][a-z0-9_]{1,39}$/;

/** The antd preset colours offered for a status: the server's PRESET_COLORS (it also takes #rrggbb). */
export const STATUS_COLORS = ['default', 'blue', 'green', 'red', 'orange', 'gold', 'yellow', 'purple', 'cyan', 'magenta', 'volcano', 'lime', 'geekblue', 'pink'];
