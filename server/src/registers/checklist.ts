/**
 * The completeness checklist of a household's file (一户一档): what a complete file holds, as data
 * in the register definition (`dossier.checklist`). An item is done when the entry has a case of
 * the named programme that
 *  - `reachedState`: has entered that state at some time (its history holds a row to it), or
 *  - `event`: has had that event sent (e.g. the appraisal's APPROVE), or
 *  - `attachment`: holds a non-empty value at that form pointer (an uploaded file), or
 *  - none of these: exists at all (the application itself).
 * The check is SQL, one EXISTS per item: the household page asks it here (itemReferenceSql, with
 * the case providing each item); the list of incomplete files (registerEntries(filter:
 * { incomplete: true })) reads `register_entry.dossier_complete`, which the same rule in SQL
 * (`register_dossier_complete`, migration 023) keeps exact in every transaction that writes a case.
 */
import type { SchemaProblem } from '../programmes/form-schema.js';
import { parsePointer, ANY_INDEX } from '../programmes/form-pointer.js';
import type { SqlParams } from './register.policy.js';

export interface ChecklistItem {
  key: string;
  /** The item's Chinese title (申请书, 民主评议记录, 公示记录 …). */
  title: string;
  titleEn?: string | null;
  /** The programme whose case provides it. */
  programme: string;
  reachedState?: string | null;
  event?: string | null;
  /** A form pointer of the case that must hold a value (an attachment field). */
  attachment?: string | null;
}

export interface DossierSettings {
  checklist: ChecklistItem[];
}

export const MAX_CHECKLIST_ITEMS = 30;
const ITEM_KEY = /^[a-z][a-z0-9_]{1,39}$/;
const PROGRAMME_KEY = /^[a-z][a-z0-9_-]{1,39}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,79}$/;

const problem = (path: string, message: string, messageEn: string): SchemaProblem => ({ path, message, messageEn });
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** The shape of `dossier` (pure): every problem at `/dossier/…`. */
export function checkDossierSettings(dossier: unknown): SchemaProblem[] {
  if (dossier == null) return [];
  const problems: SchemaProblem[] = [];
  if (typeof dossier !== 'object' || Array.isArray(dossier)) return [problem('/dossier', '必须是对象 { checklist: [...] }', 'must be an object { checklist: [...] }')];
  const list = (dossier as { checklist?: unknown }).checklist;
  if (!Array.isArray(list) || list.length > MAX_CHECKLIST_ITEMS) {
    return [problem('/dossier/checklist', `须为最多 ${MAX_CHECKLIST_ITEMS} 项的数组`, `must be an array of at most ${MAX_CHECKLIST_ITEMS} items`)];
  }
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const at = `/dossier/checklist/${i}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return void problems.push(problem(at, '必须是对象', 'must be an object'));
    const item = raw as Record<string, unknown>;
    for (const k of Object.keys(item)) {
      if (!['key', 'title', 'titleEn', 'programme', 'reachedState', 'event', 'attachment'].includes(k)) problems.push(problem(`${at}/${k}`, `未知属性 ${k}`, `unknown property ${k}`));
    }
    if (typeof item.key !== 'string' || !ITEM_KEY.test(item.key)) problems.push(problem(`${at}/key`, '须为 2–40 个小写字母、数字或 _，以字母开头', 'must be 2–40 lower-case letters, digits or _, starting with a letter'));
    else if (seen.has(item.key)) problems.push(problem(`${at}/key`, `清单项 ${item.key} 重复`, `checklist item ${item.key} is listed twice`));
    if (typeof item.key === 'string') seen.add(item.key);
    if (!isText(item.title, 40)) problems.push(problem(`${at}/title`, '须为 1–40 个字符', 'must be 1–40 characters'));
    if (item.titleEn != null && !isText(item.titleEn, 80)) problems.push(problem(`${at}/titleEn`, '须为 1–80 个字符', 'must be 1–80 characters'));
    if (typeof item.programme !== 'string' || !PROGRAMME_KEY.test(item.programme)) problems.push(problem(`${at}/programme`, '须为项目标识，如 "dibao"', 'must be a programme key such as "dibao"'));
    const conditions = (['reachedState', 'event', 'attachment'] as const).filter((k) => item[k] != null);
    if (conditions.length > 1) problems.push(problem(at, 'reachedState、event、attachment 最多只能指定一个', 'give at most one of reachedState, event and attachment'));
    for (const k of ['reachedState', 'event'] as const) {
      if (item[k] != null && (typeof item[k] !== 'string' || !NAME.test(item[k] as string))) problems.push(problem(`${at}/${k}`, '须为流程中的环节或操作名称', 'must be a state or event name of the workflow'));
    }
    if (item.attachment != null) {
      const p = item.attachment;
      if (typeof p !== 'string' || !p.startsWith('/') || p.length > 200 || parsePointer(p).includes(ANY_INDEX)) {
        problems.push(problem(`${at}/attachment`, '须为表单字段的 JSON 指针，如 "/reason/proof"（不能含 "*"）', 'must be a JSON pointer of a form field such as "/reason/proof" (no "*")'));
      }
    }
  });
  return problems;
}

/** The settings as stored: trimmed, absent conditions dropped. */
export function normaliseDossier(dossier: unknown): DossierSettings | null {
  if (dossier == null) return null;
  const list = (dossier as DossierSettings).checklist;
  return {
    checklist: list.map((i) => ({
      key: i.key, title: i.title.trim(), ...(i.titleEn ? { titleEn: i.titleEn.trim() } : {}), programme: i.programme,
      ...(i.reachedState ? { reachedState: i.reachedState } : i.event ? { event: i.event } : i.attachment ? { attachment: i.attachment } : {}),
    })),
  };
}

/** What a programme's current published version offers a checklist item, to check it against. */
export interface ProgrammeFacts {
  states: ReadonlySet<string>;
  events: ReadonlySet<string>;
  /** Whether the form schema has a field at this pointer. */
  hasField(pointer: string): boolean;
}

/**
 * Items against the programmes they name. A programme the county has not defined yet is accepted
 * (a register is published before the programmes that act on it); a defined one must have the
 * state, event and field the item names in its current published version.
 */
export function checkChecklistAgainst(list: readonly ChecklistItem[], programmes: ReadonlyMap<string, ProgrammeFacts>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  list.forEach((item, i) => {
    const facts = programmes.get(item.programme);
    if (!facts) return;
    const at = `/dossier/checklist/${i}`;
    if (item.reachedState && !facts.states.has(item.reachedState)) problems.push(problem(`${at}/reachedState`, `项目 ${item.programme} 的流程没有环节 ${item.reachedState}`, `the workflow of ${item.programme} has no state ${item.reachedState}`));
    if (item.event && !facts.events.has(item.event)) problems.push(problem(`${at}/event`, `项目 ${item.programme} 的流程没有操作 ${item.event}`, `the workflow of ${item.programme} has no event ${item.event}`));
    if (item.attachment && !facts.hasField(item.attachment)) problems.push(problem(`${at}/attachment`, `项目 ${item.programme} 的表单没有字段 ${item.attachment}`, `the form of ${item.programme} has no field ${item.attachment}`));
  });
  return problems;
}

/** JSON pointer → the text[] path of `#>>`. */
const pathArray = (pointer: string) => `{${parsePointer(pointer).map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/**
 * SQL: the newest case of `entryAlias` satisfying the item (its reference), or null. Served by
 * application (entry_id, created_at) and application_event (application_id, seq).
 */
export function itemReferenceSql(item: ChecklistItem, entryAlias: string, params: SqlParams): string {
  const cond = [`a.entry_id = ${entryAlias}.id`, `a.programme_key = ${params.p(item.programme)}`];
  if (item.reachedState) cond.push(`exists (select 1 from application_event ev where ev.application_id = a.id and ev.to_state = ${params.p(item.reachedState)})`);
  if (item.event) cond.push(`exists (select 1 from application_event ev where ev.application_id = a.id and ev.event = ${params.p(item.event)})`);
  if (item.attachment) cond.push(`coalesce(a.data #>> ${params.p(pathArray(item.attachment))}::text[], '') <> ''`);
  return `(select a.reference from application a where ${cond.join(' and ')} order by a.created_at desc limit 1)`;
}
