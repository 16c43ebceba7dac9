/**
 * The builder's palette: each field type with its Chinese name and the field a click (or a drop)
 * adds. Defaults follow what the shipped programmes write (e.g. yes/no as 是/否 radio buttons,
 * money with a 元 unit and cents), so a new field is already a sensible one.
 */
import { newId, type Field, type FieldKind } from './field-model';

export interface PaletteItem {
  kind: FieldKind;
  zh: string;
  en: string;
  /** kinds a member table may hold as columns (no nested tables or sections) */
  column: boolean;
}

export const PALETTE: readonly PaletteItem[] = [
  { kind: 'text', zh: '单行文本', en: 'Text', column: true },
  { kind: 'textarea', zh: '多行文本', en: 'Long text', column: true },
  { kind: 'number', zh: '数字', en: 'Number', column: true },
  { kind: 'money', zh: '金额', en: 'Money', column: true },
  { kind: 'date', zh: '日期', en: 'Date', column: true },
  { kind: 'boolean', zh: '是/否', en: 'Yes/no', column: true },
  { kind: 'choice', zh: '单选', en: 'Single choice', column: true },
  { kind: 'multichoice', zh: '多选', en: 'Multiple choice', column: true },
  { kind: 'idcard', zh: '身份证号', en: 'ID number', column: true },
  { kind: 'mobile', zh: '手机号码', en: 'Mobile', column: true },
  { kind: 'region', zh: '行政区划', en: 'Region', column: false },
  { kind: 'attachment', zh: '附件', en: 'Attachment', column: true },
  { kind: 'table', zh: '成员表格', en: 'Member table', column: false },
  { kind: 'computed', zh: '计算值', en: 'Computed value', column: true },
  { kind: 'section', zh: '分组标题', en: 'Section', column: false },
];

export const kindLabel = (kind: FieldKind, lang: 'zh' | 'en' = 'zh') => {
  const item = PALETTE.find((p) => p.kind === kind);
  return item ? item[lang] : kind;
};

/** The first `<kind><n>` not already a key among `taken`. */
export function freshKey(kind: FieldKind, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${kind}${n}`)) return `${kind}${n}`;
}

/** A new field of the kind, keyed so as not to clash with `taken`. */
export function newField(kind: FieldKind, taken: Iterable<string> = []): Field {
  const key = freshKey(kind, taken);
  const base: Field = { id: newId(), key, kind, title: kindLabel(kind), limits: {}, ui: {} };
  switch (kind) {
    case 'text':
      return { ...base, limits: { maxLength: 50 } };
    case 'textarea':
      return { ...base, title: '情况说明', limits: { maxLength: 2000 }, ui: { 'ui:options': { rows: 3 } } };
    case 'number':
      return { ...base, limits: { minimum: 0 } };
    case 'money':
      return { ...base, unit: '元', limits: { minimum: 0 } };
    case 'boolean':
      return { ...base, title: '是否', ui: { 'ui:widget': 'radio', 'ui:enumNames': ['是', '否'] } };
    case 'choice':
      return { ...base, options: [{ value: '选项一' }, { value: '选项二' }], ui: { 'ui:widget': 'radio' } };
    case 'multichoice':
      return { ...base, options: [{ value: '选项一' }, { value: '选项二' }], limits: { uniqueItems: true }, ui: { 'ui:widget': 'checkboxes' } };
    case 'region':
      return { ...base, title: '所在村（社区）', limits: { pattern: '^[0-9]{12}$' } };
    case 'attachment':
      return { ...base, title: '证明材料', limits: { maxLength: 300 } };
    case 'table':
      return {
        ...base,
        title: '家庭成员',
        limits: { minItems: 1, maxItems: 30 },
        fields: [{ id: newId(), key: 'name', kind: 'text', title: '姓名', required: true, limits: { minLength: 2, maxLength: 30 }, ui: {} }],
        itemsUi: {},
      };
    case 'computed':
      return { ...base, title: '计算结果', valueType: 'number' };
    case 'section':
      return { ...base, title: '分组', fields: [] };
    default:
      return base;
  }
}
