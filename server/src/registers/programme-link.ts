/**
 * Programmes acting on registers: an application belongs to an entry (a household), new
 * applications are prefilled from it, and entering a state applies the state's effects to it in
 * the transition's own transaction, logged in the entry's change log with the application's
 * reference. The shapes are read by workflow/effects.ts; this module gives them meaning.
 */
import { DomainError } from '../core/errors.js';
import { readPointer, setPointer } from '../programmes/form-pointer.js';
import { schemaFields, enumOf, typesOf } from './register-fields.js';
import { effectKindFor, effectKindKeys, effectPointers, prefillFrom, registerLinkOf, stateEffectsOf, type PrefillValue, type RegisterLink } from '../workflow/effects.js';
export { prefill } from '../workflow/effects.js';
import type { WorkflowDefinition } from '../workflow/definition.js';
import { applyEntryChange, createEntryIn, type EntryActor, type EntrySet } from './entry-write.js';
import { versionById, type LoadedVersion } from './register-versions.js';
import type { RegisterEntry } from './entry.row.js';
import type { SqlExec } from './sql.js';
import { registerByKey } from './register-row.js';
import type { EntryVisibility } from './register.policy.js';

export { registerLinkOf };

/** A problem with a definition, located by a JSON pointer into the workflow. */
export interface LinkProblem {
  path: string;
  message: string;
  messageEn: string;
}

const anyIndex = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

const listed = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join('、');

/**
 * A prefilled field must be able to take what it is given. Between two choice fields, every value
 * the register may hold must be one the form offers, unless a value map says what each becomes; a
 * map names only values the register field has and gives only values the form field offers.
 */
function prefillValueProblems(
  path: string, to: string, from: string, values: Record<string, PrefillValue> | undefined, formEnum: unknown[] | undefined, entryEnum: unknown[] | undefined,
): LinkProblem[] {
  const has = (list: unknown[], v: unknown) => list.some((x) => x === v || String(x) === String(v));
  if (!values) {
    const missing = formEnum && entryEnum ? entryEnum.filter((v) => !has(formEnum, v)) : [];
    return missing.length === 0 ? [] : [{
      path,
      message: `登记簿字段 ${from} 的值 ${listed(missing)} 不是表单字段 ${to} 的可选值：请用值对照（values）写明各值对应的表单值`,
      messageEn: `${listed(missing)} of register field ${from} are not values of form field ${to}: map them with "values"`,
    }];
  }
  const problems: LinkProblem[] = [];
  const unknownKeys = entryEnum ? Object.keys(values).filter((k) => !has(entryEnum, k)) : [];
  if (unknownKeys.length) {
    problems.push({ path: `${path}/values`, message: `值对照中的 ${listed(unknownKeys)} 不是登记簿字段 ${from} 的可选值`, messageEn: `${listed(unknownKeys)} in the value map are not values of register field ${from}` });
  }
  const unknownValues = formEnum ? [...new Set(Object.values(values))].filter((v) => !formEnum.some((x) => x === v)) : [];
  if (unknownValues.length) {
    problems.push({ path: `${path}/values`, message: `值对照给出的 ${listed(unknownValues)} 不是表单字段 ${to} 的可选值`, messageEn: `${listed(unknownValues)} given by the value map are not values of form field ${to}` });
  }
  return problems;
}

/**
 * What publishing checks beyond the workflow's shape: the register exists where the programme
 * lives and is published, every pointer names a field of the register or of the form, the change
 * kinds exist and constant values are among an enum's values.
 */
export async function checkRegisterLinkForPublish(exec: SqlExec, programmeRegionPath: string, workflow: WorkflowDefinition, formSchema: unknown): Promise<LinkProblem[]> {
  const link = registerLinkOf(workflow.meta);
  if (!link) return [];
  const r = await registerByKey(exec, link.key);
  const at = '/workflow/meta/register/key';
  if (!r || !programmeRegionPath.startsWith(r.regionPath)) {
    return [{ path: at, message: `未找到登记簿 ${link.key}（须在本县或上级定义）`, messageEn: `register "${link.key}" not found in the programme's county or above` }];
  }
  if (r.status === 'retired') return [{ path: at, message: `登记簿 ${link.key} 已停用`, messageEn: `register "${link.key}" is retired` }];
  if (!r.versionId) return [{ path: at, message: `登记簿 ${link.key} 尚未发布`, messageEn: `register "${link.key}" has no published version` }];
  return linkProblemsAgainst(link, await versionById(exec, r.versionId), workflow, formSchema);
}

/**
 * The link's problems against one version of its register: every pointer names a field of the
 * register or of the form, the change kinds exist and constant values are among an enum's values.
 * Publishing a programme checks it against the register's current version; publishing a register,
 * every published programme acting on it against the draft (a register must not break them).
 */
export function linkProblemsAgainst(link: RegisterLink, version: LoadedVersion, workflow: WorkflowDefinition, formSchema: unknown): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const entryFields = schemaFields(version.schema);
  const formFields = schemaFields(formSchema);
  const entryField = (path: string, pointer: string) => {
    if (!entryFields.has(anyIndex(pointer))) problems.push({ path, message: `登记簿 ${link.key} 没有字段 ${pointer}`, messageEn: `register "${link.key}" has no field ${pointer}` });
  };
  const formField = (path: string, pointer: string) => {
    if (!formFields.has(anyIndex(pointer))) problems.push({ path, message: `表单没有字段 ${pointer}`, messageEn: `the form has no field ${pointer}` });
  };
  (link.statuses ?? []).forEach((status, i) => {
    if (!version.statusByValue.has(status)) {
      problems.push({ path: `/workflow/meta/register/statuses/${i}`, message: `登记簿 ${link.key} 没有户类别“${status}”`, messageEn: `register "${link.key}" has no status "${status}"` });
    }
  });
  for (const [to, source] of Object.entries(link.prefill)) {
    const path = `/workflow/meta/register/prefill${escapeKey(to)}`;
    const { from, values } = prefillFrom(source);
    formField(path, to);
    entryField(path, from);
    problems.push(...prefillValueProblems(path, to, from, values, enumOf(formFields.get(anyIndex(to)) ?? []), enumOf(entryFields.get(anyIndex(from)) ?? [])));
  }
  for (const [name, state] of Object.entries(workflow.states)) {
    const effects = stateEffectsOf(state.meta);
    if (!effects) continue;
    const base = `/workflow/states/${escapeKey(name).slice(1)}/meta`;
    for (const kind of effectKindKeys(effects.kind)) if (!version.kindByKey.has(kind)) {
      problems.push({ path: `${base}/effectKind`, message: `登记簿 ${link.key} 没有变更类型 ${kind}`, messageEn: `register "${link.key}" has no change kind "${kind}"` });
    }
    if (typeof effects.kind !== 'string') {
      // The kind is chosen by a form field: it must exist, and each case must be one of its values.
      const by = effects.kind;
      formField(`${base}/effectKind/field`, by.field);
      const allowed = enumOf(formFields.get(anyIndex(by.field)) ?? []);
      if (allowed) for (const value of Object.keys(by.cases)) if (!allowed.some((v) => String(v) === value)) {
        problems.push({ path: `${base}/effectKind/cases`, message: `${JSON.stringify(value)} 不是 ${by.field} 的可选值`, messageEn: `${JSON.stringify(value)} is not one of the values of ${by.field}` });
      }
    }
    effects.effects.forEach((e, i) => {
      const path = `${base}/effects/${i}`;
      const { form, entry } = effectPointers(e);
      form.forEach((p) => formField(path, p));
      entry.forEach((p) => entryField(path, p));
      if (('append' in e && !('copy' in e)) || 'remove' in e) {
        const target = 'remove' in e ? e.remove : e.to;
        const nodes = entryFields.get(anyIndex(target));
        if (nodes && !typesOf(nodes).includes('array')) {
          problems.push({ path, message: `${target} 不是数组字段，不能${'remove' in e ? '减除' : '追加'}项目`, messageEn: `${target} is not an array field: nothing can be ${'remove' in e ? 'removed from' : 'appended to'} it` });
        }
        const movesPersons = 'append' in e && e.move === true;
        if (movesPersons && (target !== version.settings.membersField || !version.settings.memberIdField)) {
          problems.push({ path: `${path}/move`, message: `迁移成员只能追加到登记簿 ${link.key} 的成员数组${version.settings.membersField ? ` ${version.settings.membersField}` : ''}`, messageEn: `a move appends to the members array of register "${link.key}"${version.settings.membersField ? ` (${version.settings.membersField})` : ''}` });
        }
      }
      if ('set' in e) {
        const allowed = enumOf(entryFields.get(anyIndex(e.set)) ?? []);
        if (allowed && !allowed.some((v) => JSON.stringify(v) === JSON.stringify(e.value))) {
          problems.push({ path: `${path}/value`, message: `${JSON.stringify(e.value)} 不是 ${e.set} 的可选值`, messageEn: `${JSON.stringify(e.value)} is not one of the values of ${e.set}` });
        }
      }
    });
  }
  return problems;
}

// A key as one segment of a JSON pointer (a prefill's key is itself a pointer: /~1head~1name).
const escapeKey = (k: string) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Refuses an entry that does not fit the programme's link: wrong register, outside the filing
 * region, or a status the programme does not file for (an exit for a household that is not poor).
 */
export function assertEntryFits(link: RegisterLink, registerKey: string, entry: RegisterEntry, regionPath: string): void {
  if (registerKey !== link.key) {
    throw new DomainError('BAD_USER_INPUT', `This programme files against register "${link.key}", not "${registerKey}"`, {
      messageZh: `本项目须关联登记簿 ${link.key} 的登记`,
      problems: [{ path: '/entryId', message: `须为登记簿 ${link.key} 的登记`, messageEn: `must be an entry of register "${link.key}"` }],
    });
  }
  if (!entry.regionPath.startsWith(regionPath) && !regionPath.startsWith(entry.regionPath)) {
    throw new DomainError('BAD_USER_INPUT', `Household ${entry.name} lives outside the region the application is filed in`, {
      messageZh: `${entry.name} 户不在申请所属地区`,
      problems: [{ path: '/entryId', message: '该户不在申请所属地区', messageEn: 'the household lives outside the application’s region' }],
    });
  }
  if (link.statuses && !link.statuses.includes(entry.status)) {
    throw new DomainError('BAD_USER_INPUT', `Household ${entry.name} is "${entry.status}": this programme files only for ${link.statuses.join(', ')}`, {
      messageZh: `${entry.name} 户的户类别为“${entry.status}”，本项目只受理${link.statuses.join('、')}`,
      subCode: 'ENTRY_STATUS',
      problems: [{ path: '/entryId', message: `本项目只受理${link.statuses.join('、')}`, messageEn: `only for ${link.statuses.join(', ')}` }],
    });
  }
}

function requireEntry(reference: string): DomainError {
  return new DomainError('TRANSITION_NOT_ALLOWED', `Application ${reference} belongs to no household, and this step changes the household's file`, {
    subCode: 'NO_ENTRY', messageZh: `${reference} 未关联农户档案，本环节需要更新档案`,
  });
}

export interface EffectTarget {
  id: string;
  reference: string;
  entryId?: string | null;
  regionCode: string;
  regionPath: string;
  data: Record<string, unknown>;
}

/** What entering a state does to the entry: the field writes, and the data of a new entry (a create effect). */
export interface PlannedEffects {
  link: RegisterLink;
  kind: string;
  sets: EntrySet[];
  created?: Record<string, unknown>;
}

/** The effects of entering `stateMeta`, evaluated against the application's data (pure). */
export function planStateEffects(workflow: WorkflowDefinition, stateMeta: unknown, app: Pick<EffectTarget, 'data'>): PlannedEffects | undefined {
  const link = registerLinkOf(workflow.meta);
  const effects = stateEffectsOf(stateMeta);
  if (!link || !effects) return undefined;
  const sets: EntrySet[] = [];
  let created: Record<string, unknown> | undefined;
  for (const e of effects.effects) {
    if ('create' in e) {
      created = {};
      for (const [to, from] of Object.entries(e.create)) {
        const value = readPointer(app.data, from);
        if (value !== undefined) created = setPointer(created, to, structuredClone(value)) as Record<string, unknown>;
      }
    } else if ('set' in e) sets.push({ path: e.set, value: e.value });
    else if ('remove' in e) sets.push({ path: e.remove, removeWhere: { match: e.match, equals: readPointer(app.data, e.equals), from: e.equals } });
    else if ('append' in e) {
      const value = readPointer(app.data, e.append);
      if (value !== undefined) sets.push({ path: `${e.to}/-`, value, move: e.move === true }); // "-" appends (RFC 6901)
    } else {
      // A form field left empty copies nothing (it never erases what the file holds).
      const value = readPointer(app.data, e.copy);
      if (value !== undefined) sets.push({ path: e.to, value });
    }
  }
  return { link, kind: effectKindFor(effects.kind, app.data), sets, created };
}

/**
 * Applies the effects of entering `stateMeta` on `exec`'s transaction. Returns the entry id when
 * the effects created the entry (the caller records it on the application), else undefined.
 * An invalid result (a value the register's schema refuses) throws BAD_USER_INPUT and the whole
 * transition rolls back: nothing changes.
 */
export async function applyStateEffects(exec: SqlExec, workflow: WorkflowDefinition, stateMeta: unknown, app: EffectTarget, actor: EntryActor, comment: string | null | undefined, at: Date, canSee?: EntryVisibility): Promise<string | undefined> {
  const planned = planStateEffects(workflow, stateMeta, app);
  if (!planned) return undefined;
  const { link, sets, created } = planned;
  const effects = { kind: planned.kind };
  const application = { id: app.id, reference: app.reference };
  if (created && !app.entryId) {
    let data = created;
    for (const s of sets) if (!('removeWhere' in s)) data = setPointer(data, s.path, structuredClone(s.value)) as Record<string, unknown>;
    const entry = await createEntryIn(exec, link.key, { code: app.regionCode, path: app.regionPath }, data, actor, effects.kind, { comment, application, at, canSee });
    return entry.id;
  }
  if (!app.entryId) {
    if (link.link === 'optional') return undefined;
    throw requireEntry(app.reference);
  }
  await applyEntryChange(exec, app.entryId, sets, actor, effects.kind, { comment, application, at, canSee });
  return undefined;
}
