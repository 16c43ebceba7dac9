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

// ---------------------------------------------------------------------------------------------
// The completeness checklist (一户一档): what a complete household file holds.

/** What makes an item done: a case of its programme exists, has entered a state, had an event, or holds a field. */
export type ChecklistCondition = 'exists' | 'reachedState' | 'event' | 'attachment';

export function conditionOf(row: ChecklistRow): { kind: ChecklistCondition; value: string } {
  for (const kind of ['reachedState', 'event', 'attachment'] as const) {
    const v = row[kind];
    if (typeof v === 'string') return { kind, value: v };
  }
  return { kind: 'exists', value: '' };
}

/**
 * The row with one condition (the server takes at most one). A condition whose state, event or
 * field is not picked yet is kept empty, so the picker shows; saving it is refused at its place.
 */
export function withCondition(row: ChecklistRow, kind: ChecklistCondition, value: string): ChecklistRow {
  const { reachedState: _s, event: _e, attachment: _a, ...rest } = row;
  return kind === 'exists' ? rest : { ...rest, [kind]: value };
}

/** A key for a new item: `item_<n>`, the first one not taken. */
export function newChecklistKey(rows: readonly ChecklistRow[]): string {
  let n = rows.length + 1;
  while (rows.some((r) => r.key === `item_${n}`)) n++;
  return `item_${n}`;
}

/** The states and events of a programme's workflow, with their Chinese (or English) titles, for the pickers. */
export function workflowChoices(workflow: unknown, lang: 'zh' | 'en'): { states: { value: string; label: string }[]; events: { value: string; label: string }[] } {
  const title = (meta: unknown, fallback: string) => {
    const t = isRec(meta) && isRec(meta.title) ? meta.title : null;
    const s = t ? (lang === 'en' && typeof t.en === 'string' ? t.en : t.zh) : null;
    return typeof s === 'string' && s ? `${s}（${fallback}）` : fallback;
  };
  const states = isRec(workflow) && isRec(workflow.states) ? workflow.states : {};
  const events = new Map<string, string>();
  for (const state of Object.values(states)) {
    const on = isRec(state) && isRec(state.on) ? state.on : {};
    for (const [event, tr] of Object.entries(on)) {
      const first = Array.isArray(tr) ? tr[0] : tr;
      if (!events.has(event)) events.set(event, title(isRec(first) ? first.meta : undefined, event));
    }
  }
  return {
    states: Object.entries(states).map(([name, s]) => ({ value: name, label: title(isRec(s) ? s.meta : undefined, name) })),
    events: [...events].map(([value, label]) => ({ value, label })),
  };
}
