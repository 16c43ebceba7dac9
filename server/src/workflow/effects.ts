/**
 * A programme's link to a register and the effects its states have on the linked entry, as data
 * (docs/registers.md, "Programmes act on registers"):
 *
 *   "meta": { "register": { "key": "household", "link": "existing", "prefill": { "/head/name": "/head/name",
 *       "/householdStatus": { "from": "/status", "values": { "建档立卡户": "建档立卡贫困户", "监测户": "脱贫监测户" } } } } }
 *   "monitoring": { "meta": { …, "effectKind": "monitor",
 *       "effects": [{ "set": "/status", "value": "监测户" }, { "copy": "/riskLevel", "to": "/riskLevel" }] } }
 *   "recorded": { "meta": { …,
 *       "effectKind": { "field": "/reason", "cases": { "死亡": "member_died" }, "default": "member_removed" },
 *       "effects": [{ "remove": "/members", "match": "/idNumber", "equals": "/member/idNumber" }] } }
 *
 * The change kind is fixed, or chosen by a form field's value: one "member removed" programme
 * records a death as a death (a change kind the register marks `death`, which the data-quality
 * check "dead in one household, alive in another" reads) and a move out as a move out.
 *
 * Entering a state applies its effects to the application's entry in the transition's own
 * transaction. This module only reads the shape (pure, used by checkWorkflow); what the pointers
 * name is checked against the register's and the form's schemas when a version is published
 * (registers/programme-link.ts).
 */
import { readPointer, setPointer } from '../programmes/form-pointer.js';

const POINTER = /^(\/([^/~]|~[01])*)+$/;
const KEY = /^[a-z][a-z0-9_-]{1,39}$/;
/** A `*` segment: every item of a list. */
const ANY_ITEM = /\/\*(\/|$)/;
export const MAX_EFFECTS = 50;
export const MAX_PREFILL_VALUES = 200;

export const LINK_MODES = ['existing', 'optional', 'create'] as const;
/** existing: every application names an entry; optional: it may; create: an effect creates it. */
export type LinkMode = (typeof LINK_MODES)[number];

export interface RegisterLink {
  key: string;
  link: LinkMode;
  /** Form field ← entry field, copied into a new application's data when it names an entry. */
  prefill: Record<string, PrefillSource>;
  /**
   * The entry statuses a case may be filed for (脱贫退出 only for 建档立卡户); any when absent.
   * Checked when a case is filed for an entry; the status may change while the case runs.
   */
  statuses?: string[];
}

/**
 * Where a prefilled form field comes from: an entry field, copied as it is, or an entry field whose
 * values the form words differently (the register's 监测户 is the housing form's 脱贫监测户), through
 * a map of entry value → form value. A value the map does not name is left for the filer.
 */
export type PrefillSource = string | { from: string; values: Record<string, PrefillValue> };
export type PrefillValue = string | number | boolean;

/** The entry pointer of a prefill source and its value map, if any. */
export const prefillFrom = (source: PrefillSource): { from: string; values?: Record<string, PrefillValue> } =>
  typeof source === 'string' ? { from: source } : source;

export type Effect =
  /** Sets an entry field to a constant. */
  | { set: string; value: unknown }
  /** Copies a form field to an entry field. */
  | { copy: string; to: string }
  /**
   * Appends a form field's value (an object, e.g. a newborn) to an entry array. With `move`, a
   * person the register holds in another entry is taken over from it (婚入, 户口迁入); without it
   * such a person is refused, naming that entry.
   */
  | { append: string; to: string; move?: boolean }
  /** Removes the items of an entry array whose field `match` equals a form field (自然减少: a death, a move out). */
  | { remove: string; match: string; equals: string }
  /** Creates the entry: entry field ← form field. Only with link "create". */
  | { create: Record<string, string> };

/** A fixed change kind, or one chosen by a form field's value (`cases`, else `default`). */
export type EffectKind = string | { field: string; cases: Record<string, string>; default: string };

export interface StateEffects {
  kind: EffectKind;
  effects: Effect[];
}

export const MAX_KIND_CASES = 50;

/** The change kind a case records: the case of its field's value, else the default. */
export function effectKindFor(kind: EffectKind, data: unknown): string {
  if (typeof kind === 'string') return kind;
  const v = readPointer(data, kind.field);
  const key = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  return key !== undefined && Object.hasOwn(kind.cases, key) ? kind.cases[key]! : kind.default;
}

/** Every change kind an effect kind may record (for the publish-time check). */
export const effectKindKeys = (kind: EffectKind): string[] => (typeof kind === 'string' ? [kind] : [...new Set([kind.default, ...Object.values(kind.cases)])]);

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPointer = (v: unknown): v is string => typeof v === 'string' && v.length <= 300 && POINTER.test(v);

const MAX_LINK_STATUSES = 50;

/** The link of a (checked) workflow, or null when it names no register. */
export function registerLinkOf(workflowMeta: unknown): RegisterLink | null {
  const r = isRecord(workflowMeta) ? workflowMeta.register : undefined;
  if (!isRecord(r)) return null;
  const link: RegisterLink = { key: String(r.key), link: (r.link as LinkMode) ?? 'existing', prefill: isRecord(r.prefill) ? (r.prefill as Record<string, PrefillSource>) : {} };
  if (Array.isArray(r.statuses) && r.statuses.length) link.statuses = r.statuses.map(String);
  return link;
}

/** The effects of a (checked) state, or null. */
export function stateEffectsOf(stateMeta: unknown): StateEffects | null {
  if (!isRecord(stateMeta) || !Array.isArray(stateMeta.effects) || stateMeta.effects.length === 0) return null;
  const kind = isRecord(stateMeta.effectKind) ? (stateMeta.effectKind as EffectKind) : String(stateMeta.effectKind);
  return { kind, effects: stateMeta.effects as Effect[] };
}

/**
 * The form data with the link's prefill copied from the entry into the fields the filer left
 * empty. Pure: the client runs it as a household is picked, the server again when the case is made.
 */
export function prefill(link: Pick<RegisterLink, 'prefill'>, data: Record<string, unknown>, entryData: Record<string, unknown>): Record<string, unknown> {
  let out = data;
  for (const [to, source] of Object.entries(link.prefill)) {
    const { from, values } = prefillFrom(source);
    const toItems = itemsOf(to);
    const fromItems = itemsOf(from);
    if (toItems && fromItems) {
      out = prefillItems(data, out, toItems, fromItems, entryData, values);
      continue;
    }
    const value = mapped(readPointer(entryData, from), values);
    if (value === undefined || readPointer(out, to) !== undefined) continue;
    out = setPointer(out === data ? structuredClone(data) : out, to, structuredClone(value)) as Record<string, unknown>;
  }
  return out;
}

// The entry's value as the form words it: through the map when there is one (undefined when the
// map does not name it, so the field stays empty for the filer).
function mapped(value: unknown, values: Record<string, PrefillValue> | undefined): unknown {
  if (!values || value === undefined) return value;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  return Object.hasOwn(values, String(value)) ? values[String(value)] : undefined;
}

// `/members/*/name` → { list: '/members', field: '/name' }: one `*` between a list and a field of its items.
function itemsOf(pointer: string): { list: string; field: string } | null {
  const at = pointer.indexOf('/*/');
  if (at < 0 || pointer.indexOf('/*/', at + 1) >= 0) return null;
  return { list: pointer.slice(0, at), field: pointer.slice(at + 2) };
}

// A list pair (`/members/*/name` ← `/members/*/name`): one form item per entry item, with the field
// copied. A list the filer brought (any item in it) is theirs and is left whole; the pairs of one
// list fill the same items, so names and relations line up.
function prefillItems(
  data: Record<string, unknown>, out: Record<string, unknown>, to: { list: string; field: string }, from: { list: string; field: string },
  entryData: Record<string, unknown>, values: Record<string, PrefillValue> | undefined,
): Record<string, unknown> {
  const source = readPointer(entryData, from.list);
  const own = readPointer(data, to.list);
  if (!Array.isArray(source) || source.length === 0 || (own !== undefined && !(Array.isArray(own) && own.length === 0))) return out;
  const next = out === data ? structuredClone(data) : out;
  const list = readPointer(next, to.list);
  if (!Array.isArray(list) || list.length === 0) setPointer(next, to.list, source.map(() => ({})));
  source.forEach((item, i) => {
    const value = mapped(readPointer(item, from.field), values);
    if (value !== undefined) setPointer(next, `${to.list}/${i}${to.field}`, structuredClone(value));
  });
  return next;
}

/** Every form pointer and entry pointer an effect reads or writes: for the publish-time check. */
export function effectPointers(e: Effect): { form: string[]; entry: string[] } {
  if ('set' in e) return { form: [], entry: [e.set] };
  if ('copy' in e) return { form: [e.copy], entry: [e.to] };
  if ('append' in e) return { form: [e.append], entry: [e.to] };
  if ('remove' in e) return { form: [e.equals], entry: [e.remove, `${e.remove}/*${e.match}`] };
  return { form: Object.values(e.create), entry: Object.keys(e.create) };
}

/** A problem of the link's or an effect's shape: where (a JSON pointer), in English and Chinese. */
export interface ShapeProblem {
  path: string;
  en: string;
  zh: string;
}

const seg = (k: string) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
const problem = (path: string, en: string, zh: string): ShapeProblem => ({ path, en, zh });

/** Static problems of the link (machine meta); paths point into the workflow. */
export function checkRegisterLink(raw: unknown): ShapeProblem[] {
  const at = '/meta/register';
  if (raw === undefined) return [];
  if (!isRecord(raw)) return [problem(at, 'meta.register must be an object { key, link, prefill, statuses }', 'meta.register 须为对象 { key, link, prefill, statuses }')];
  const out: ShapeProblem[] = [];
  for (const k of Object.keys(raw)) {
    if (!['key', 'link', 'prefill', 'statuses'].includes(k)) out.push(problem(`${at}${seg(k)}`, `meta.register: unknown key "${k}"`, `meta.register 中有未知的键“${k}”`));
  }
  if (raw.statuses !== undefined) {
    const list = raw.statuses;
    if (!Array.isArray(list) || list.length > MAX_LINK_STATUSES || list.some((v) => typeof v !== 'string' || !v.trim() || v.length > 50) || new Set(list).size !== list.length) {
      out.push(problem(`${at}/statuses`, `meta.register.statuses must list at most ${MAX_LINK_STATUSES} different status values of the register`, `只受理户类别（statuses）须列出登记簿中至多 ${MAX_LINK_STATUSES} 个不重复的户类别`));
    }
  }
  if (typeof raw.key !== 'string' || !KEY.test(raw.key)) out.push(problem(`${at}/key`, `meta.register.key ${JSON.stringify(raw.key)} is not a register key`, `meta.register.key ${JSON.stringify(raw.key)} 不是登记簿的键`));
  if (raw.link !== undefined && !LINK_MODES.includes(raw.link as LinkMode)) {
    out.push(problem(`${at}/link`, `meta.register.link must be one of ${LINK_MODES.join(', ')}`, `关联方式（link）须为 ${LINK_MODES.join('、')} 之一`));
  }
  if (raw.prefill !== undefined) {
    if (!isRecord(raw.prefill)) out.push(problem(`${at}/prefill`, 'meta.register.prefill must map form pointers to entry pointers', '预填（prefill）须为“表单字段指针 → 档案字段指针”的对照'));
    else for (const [to, source] of Object.entries(raw.prefill)) out.push(...checkPrefillPair(to, source));
  }
  return out;
}

function checkPrefillPair(to: string, source: unknown): ShapeProblem[] {
  const path = `/meta/register/prefill${seg(to)}`;
  const at = `meta.register.prefill: "${to}"`;
  let from = source;
  if (isRecord(source)) {
    const keys = Object.keys(source).sort().join(',');
    const values = source.values;
    if (keys !== 'from,values' || !isRecord(values) || Object.keys(values).length === 0 || Object.keys(values).length > MAX_PREFILL_VALUES) {
      return [problem(path, `${at} must name an entry pointer, or { "from": an entry pointer, "values": { entry value: form value } } with 1 to ${MAX_PREFILL_VALUES} values`,
        `预填 ${to} 须为档案字段指针，或 { "from": 档案字段指针, "values": { 档案中的值: 表单中的值 } }（1 至 ${MAX_PREFILL_VALUES} 个值）`)];
    }
    const bad = Object.entries(values).find(([k, v]) => k.length > 200 || !((typeof v === 'string' && v.length <= 200) || typeof v === 'number' || typeof v === 'boolean'));
    if (bad) return [problem(`${path}/values`, `${at}: the value map's ${JSON.stringify(bad[0])} must give a text, number or true/false`, `预填 ${to} 的值对照中 ${JSON.stringify(bad[0])} 须对应文字、数字或 true/false`)];
    from = source.from;
  }
  if (!isPointer(to) || !isPointer(from)) return [problem(path, `${at} → ${JSON.stringify(from)} must map a JSON pointer to a JSON pointer`, `预填 ${to} ← ${JSON.stringify(from)} 两边都须为字段指针（如 /head/name）`)];
  if ((ANY_ITEM.test(to) || ANY_ITEM.test(from)) && !(itemsOf(to) && itemsOf(from))) {
    return [problem(path, `${at} → "${from}": a list's items are mapped field by field, with one "*" on each side (e.g. "/members/*/name" → "/members/*/name")`,
      `预填 ${to} ← ${from}：列表须逐字段对照，两边各有一个 “*”（如 /members/*/name ← /members/*/name）`)];
  }
  return [];
}

function checkEffectKind(kind: unknown): ShapeProblem[] {
  const at = '/effectKind';
  const isKey = (v: unknown) => typeof v === 'string' && KEY.test(v);
  if (isKey(kind)) return [];
  if (!isRecord(kind)) {
    return [problem(at, 'meta.effectKind must name a change kind of the register (e.g. "monitor"), or choose one by a form field: { field, cases, default }',
      '变更类型（effectKind）须为登记簿的变更类型（如 "monitor"），或按表单字段区分：{ field, cases, default }')];
  }
  const out: ShapeProblem[] = [];
  for (const k of Object.keys(kind)) if (!['field', 'cases', 'default'].includes(k)) out.push(problem(`${at}${seg(k)}`, `meta.effectKind: unknown key "${k}"`, `变更类型中有未知的键“${k}”`));
  if (!isPointer(kind.field)) out.push(problem(`${at}/field`, 'meta.effectKind.field must be a JSON pointer into the form', '变更类型的区分字段（field）须为表单字段指针'));
  if (!isKey(kind.default)) out.push(problem(`${at}/default`, 'meta.effectKind.default must name a change kind of the register', '变更类型的默认值（default）须为登记簿的变更类型'));
  if (!isRecord(kind.cases) || Object.keys(kind.cases).length === 0) {
    out.push(problem(`${at}/cases`, 'meta.effectKind.cases must map values of the field to change kinds', '变更类型的对照（cases）须把字段的值对应到变更类型'));
  } else {
    const n = Object.keys(kind.cases).length;
    if (n > MAX_KIND_CASES) out.push(problem(`${at}/cases`, `meta.effectKind.cases has ${n} values; at most ${MAX_KIND_CASES}`, `变更类型的对照有 ${n} 个值，至多 ${MAX_KIND_CASES} 个`));
    for (const [value, k] of Object.entries(kind.cases)) {
      if (!isKey(k)) out.push(problem(`${at}/cases${seg(value)}`, `meta.effectKind.cases[${JSON.stringify(value)}] must name a change kind of the register`, `变更类型对照中 ${JSON.stringify(value)} 须对应登记簿的变更类型`));
    }
  }
  return out;
}

/** Static problems of one state's effects; `link` is the machine's register link (or undefined). Paths point into the state's meta. */
export function checkStateEffects(meta: Rec, link: unknown): ShapeProblem[] {
  const { effects, effectKind } = meta;
  if (effects === undefined && effectKind === undefined) return [];
  if (!Array.isArray(effects) || effects.length === 0) return [problem('/effects', 'meta.effects must be a non-empty list', '档案修改（effects）须为非空列表')];
  if (!isRecord(link)) return [problem('/effects', 'meta.effects needs the workflow to name a register in meta.register', '档案修改需要流程先关联登记簿（meta.register）')];
  const out: ShapeProblem[] = [];
  if (effects.length > MAX_EFFECTS) out.push(problem('/effects', `meta.effects has ${effects.length} items; at most ${MAX_EFFECTS}`, `档案修改有 ${effects.length} 项，至多 ${MAX_EFFECTS} 项`));
  out.push(...checkEffectKind(effectKind));
  effects.slice(0, MAX_EFFECTS).forEach((e, i) => {
    const path = `/effects/${i}`;
    const at = `meta.effects[${i}]`;
    const nth = `第 ${i + 1} 项档案修改`;
    if (!isRecord(e)) return out.push(problem(path, `${at} must be an object`, `${nth}须为对象`));
    const keys = Object.keys(e).sort().join(',');
    if (keys === 'set,value') {
      if (!isPointer(e.set)) out.push(problem(`${path}/set`, `${at}.set must be a JSON pointer into the entry`, `${nth}的 set 须为档案字段指针`));
    } else if (keys === 'copy,to' || keys === 'append,to' || keys === 'append,move,to') {
      const from = 'copy' in e ? e.copy : e.append;
      if (!isPointer(from) || !isPointer(e.to)) out.push(problem(path, `${at} must name a form pointer and an entry pointer ("to")`, `${nth}须写明表单字段指针和档案字段指针（to）`));
      if ('move' in e && typeof e.move !== 'boolean') out.push(problem(`${path}/move`, `${at}.move must be true or false`, `${nth}的 move 须为 true 或 false`));
    } else if (keys === 'equals,match,remove') {
      if (!isPointer(e.remove) || !isPointer(e.match) || !isPointer(e.equals)) {
        out.push(problem(path, `${at} must name an entry array ("remove"), a pointer inside one item ("match") and a form pointer ("equals")`,
          `${nth}须写明档案中的数组（remove）、数组项内的字段（match）和表单字段（equals）`));
      }
    } else if (keys === 'create') {
      if (link.link !== 'create') out.push(problem(path, `${at}: "create" needs meta.register.link "create"`, `${nth}（create）需要关联方式为 create`));
      if (!isRecord(e.create) || Object.keys(e.create).length === 0) out.push(problem(`${path}/create`, `${at}.create must map entry pointers to form pointers`, `${nth}的 create 须为“档案字段 ← 表单字段”的对照`));
      else for (const [to, from] of Object.entries(e.create)) {
        if (!isPointer(to) || !isPointer(from)) {
          out.push(problem(`${path}/create${seg(to)}`, `${at}.create: "${to}" → ${JSON.stringify(from)} must map a JSON pointer to a JSON pointer`, `${nth}的 create：${to} ← ${JSON.stringify(from)} 两边都须为字段指针`));
        }
      }
      if (i !== 0) out.push(problem(path, `${at}: "create" must come first`, `${nth}（create）须排在第一项`));
    } else {
      out.push(problem(path, `${at} must be one of { set, value }, { copy, to }, { append, to, move? }, { remove, match, equals }, { create }`,
        `${nth}须为以下之一：{ set, value }、{ copy, to }、{ append, to, move? }、{ remove, match, equals }、{ create }`));
    }
  });
  return out;
}
