import { checkRegisterLinkForPublish } from '../registers/programme-link.js';
import { execOf } from '../registers/sql.js';
import type { WorkflowDefinition } from '../workflow/definition.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, DomainError, notFound } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { checkWorkflow, type WorkflowReport } from '../workflow/definition.js';
import { checkDueFields } from '../workflow/due-fields.js';
import { toFieldProblem } from '../workflow/engine.js';
import { roleNamesAt } from '../users/role.service.js';
import { isAdmin } from '../core/actor.js';
import { checkFormSchema, type SchemaProblem } from './form-schema.js';
import { formFieldExists } from './form-field-exists.js';
import { Programme } from './programme.entity.js';
import { ProgrammeVersion } from './programme-version.entity.js';
import { authorizeDesign, authorizeDesignTools } from './programme.policy.js';
import { workflowOf } from './compiled.js';
import { collectFields } from './form-fields.js';
import { UNIQUE_GROUP } from './form-unique.js';
import type { CompiledWorkflow } from '../workflow/engine.js';

const KEY = /^[a-z][a-z0-9_-]{2,39}$/;
/** Largest form schema, uiSchema or workflow accepted (serialised JSON). */
export const MAX_DEFINITION_BYTES = 256 * 1024;

export interface CreateProgrammeInput {
  key: string;
  name: string;
  nameEn?: string | null;
  regionCode: string;
  description?: string | null;
}

export interface DefinitionInput {
  formSchema: unknown;
  uiSchema?: unknown;
  workflow: unknown;
}

/** Programmes visible to everyone signed in (definitions are not personal data), newest first. */
export async function listProgrammes(ctx: Context, includeRetired = false): Promise<Programme[]> {
  requireActor(ctx);
  return ctx.em.find(Programme, includeRetired ? {} : { status: 'active' }, { populate: ['versions'], orderBy: { createdAt: 'asc' } });
}

export async function getProgramme(em: EntityManager, key: string): Promise<Programme> {
  const programme = await em.findOne(Programme, { key }, { populate: ['versions'] });
  if (!programme) throw notFound({ en: 'Programme', zh: '项目' }, key);
  return programme;
}

export function currentVersion(p: Programme): ProgrammeVersion | undefined {
  return p.versions.getItems().find((v) => v.status === 'published');
}

export function draftVersion(p: Programme): ProgrammeVersion | undefined {
  return p.versions.getItems().find((v) => v.status === 'draft');
}

export async function createProgramme(ctx: Context, input: CreateProgrammeInput): Promise<Programme> {
  const actor = requireActor(ctx);
  const problems = [];
  if (!KEY.test(input.key)) problems.push({ path: '/input/key', message: '3–40 个字符：小写字母、数字、_ 和 -，以字母开头', messageEn: '3–40 characters: lower-case letters, digits, _ and -, starting with a letter' });
  if (!input.name?.trim() || input.name.length > 100) problems.push({ path: '/input/name', message: '须为 1–100 个字符', messageEn: 'must be 1–100 characters' });
  if ((input.description?.length ?? 0) > 2000) problems.push({ path: '/input/description', message: '最多 2000 个字符', messageEn: 'at most 2,000 characters' });
  if (problems.length) throw badInput({ en: 'The programme is invalid', zh: '项目信息有误' }, problems);
  const region = await getRegion(ctx.em, input.regionCode);
  if (region.level !== 'county') throw badInput({ en: 'A programme is owned by a county', zh: '项目须归属于一个县' }, [{ path: '/input/regionCode', message: '须为县级区划', messageEn: 'must be a county' }]);
  authorizeDesign(actor, region.path, input.key);
  const programme = ctx.em.create(Programme, {
    key: input.key, name: input.name.trim(), nameEn: input.nameEn?.trim() || null,
    description: input.description?.trim() || null, regionCode: region.code, regionPath: region.path,
  });
  try {
    await ctx.em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) {
      throw new DomainError('BAD_USER_INPUT', `A programme with the key "${input.key}" exists`, {
        subCode: 'DUPLICATE', messageZh: `已有标识为 ${input.key} 的项目`, problems: [{ path: '/input/key', message: '已被使用', messageEn: 'is taken' }],
      });
    }
    throw e;
  }
  return programme;
}

/** Refuses a definition part larger than MAX_DEFINITION_BYTES (serialised), before any other work on it. */
function checkDefinitionSize(name: string, value: unknown): void {
  if (value === undefined || JSON.stringify(value).length <= MAX_DEFINITION_BYTES) return;
  const kb = MAX_DEFINITION_BYTES / 1024;
  const tooLarge: SchemaProblem = { path: `/${name}`, message: `超过 ${kb} KB 上限`, messageEn: `larger than ${kb} KB` };
  throw new DomainError('BAD_USER_INPUT', `The ${name} is larger than ${kb} KB`, { problems: [tooLarge], messageZh: `${name} 超过 ${kb} KB 上限` });
}

/** The designer's live check of a form schema: same limits as saving, for designers only. */
export function checkFormSchemaAsDesigner(ctx: Context, formSchema: unknown): SchemaProblem[] {
  authorizeDesignTools(requireActor(ctx));
  checkDefinitionSize('formSchema', formSchema);
  return checkFormSchema(formSchema);
}

/** The role catalogue a programme's workflow is checked against: the roles visible at its county. */
export async function roleCatalogueAt(em: EntityManager, regionPath: string): Promise<{ knownRoles: Set<string>; retiredRoles: Set<string> }> {
  const { known, retired } = await roleNamesAt(em, regionPath);
  return { knownRoles: known, retiredRoles: retired };
}

/**
 * The designer's live check of a workflow: same limits and role catalogue as saving, for designers
 * only. The catalogue is the one visible at the programme's county (`programmeKey`), at `regionCode`,
 * or else at the region of the designer's own grant (admins without either: built-in roles).
 */
export async function checkWorkflowAsDesigner(ctx: Context, workflow: unknown, where: { programmeKey?: string | null; regionCode?: string | null } = {}): Promise<WorkflowReport> {
  const actor = requireActor(ctx);
  authorizeDesignTools(actor);
  checkDefinitionSize('workflow', workflow);
  let regionPath: string | undefined;
  if (where.programmeKey) regionPath = (await getProgramme(ctx.em, where.programmeKey)).regionPath;
  else if (where.regionCode) regionPath = (await getRegion(ctx.em, where.regionCode)).path;
  else if (!isAdmin(actor)) regionPath = actor.grants.find((g) => g.role === 'designer' || g.role === 'county_admin')?.regionPath;
  return checkWorkflow(workflow, await roleCatalogueAt(ctx.em, regionPath ?? ''));
}

/**
 * Refuses definitions that are too large, whose form is not a valid schema or whose workflow fails
 * the check against the role catalogue visible at the programme's county.
 */
export function checkDefinition(input: DefinitionInput, roles: { knownRoles: Set<string>; retiredRoles: Set<string> }): void {
  for (const [name, value] of Object.entries(input)) checkDefinitionSize(name, value);
  if (input.uiSchema != null && (typeof input.uiSchema !== 'object' || Array.isArray(input.uiSchema))) {
    throw badInput({ en: 'The uiSchema must be an object', zh: 'uiSchema 须为对象' }, [{ path: '/uiSchema', message: '须为对象', messageEn: 'must be an object' }]);
  }
  const formProblems = checkFormSchema(input.formSchema);
  if (formProblems.length) {
    throw new DomainError('SCHEMA_INVALID', `The form schema is invalid: ${formProblems[0].path || '/'} ${formProblems[0].messageEn}`, {
      messageZh: `表单定义无效：${formProblems[0].path || '/'} ${formProblems[0].message}`,
      problems: formProblems.map((p) => ({ path: `/formSchema${p.path}`, message: p.message, messageEn: p.messageEn })),
    });
  }
  // The form is known here, so a guard's `paths` and a due date's field must name its fields.
  const checked = checkWorkflow(input.workflow, { ...roles, fieldExists: (p) => formFieldExists(input.formSchema, p) });
  const report = checked.ok ? { ...checked, errors: checkDueFields(input.formSchema, input.workflow) } : checked;
  if (report.errors.length) {
    const [first] = report.errors;
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
    throw new DomainError('WORKFLOW_INVALID', `The workflow is invalid: ${first.message}${more}`, {
      messageZh: first.messageZh
        ? `流程定义有误：${first.messageZh}${report.errors.length > 1 ? `（另有 ${report.errors.length - 1} 处）` : ''}`
        : `工作流定义有 ${report.errors.length} 处错误，首处：${first.message}`,
      problems: report.errors.map((p) => {
        const located = toFieldProblem(p);
        return { ...located, path: `/workflow${located.path}` };
      }),
      workflowProblems: report.errors,
    });
  }
}

/** A workflow that names a register must fit it: the register exists here, pointers name fields. */
async function checkLinkedRegister(ctx: Context, regionPath: string, input: DefinitionInput): Promise<void> {
  const problems = await checkRegisterLinkForPublish(execOf(ctx.em), regionPath, input.workflow as WorkflowDefinition, input.formSchema);
  if (!problems.length) return;
  throw new DomainError('WORKFLOW_INVALID', `The workflow's register link is invalid: ${problems[0]!.path} ${problems[0]!.messageEn}`, {
    messageZh: `流程与登记簿的关联有误：${problems[0]!.path} ${problems[0]!.message}`, problems,
  });
}

/**
 * Saves the programme's draft version (creating it from the input when there is none). The
 * definition is fully checked first; nothing is saved when anything is wrong.
 */
export async function saveDraft(ctx: Context, key: string, input: DefinitionInput): Promise<ProgrammeVersion> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, key);
  authorizeDesign(actor, programme.regionPath, key);
  if (programme.status === 'retired') throw badInput({ en: `Programme "${key}" is retired`, zh: `项目 ${key} 已停用` });
  checkDefinition(input, await roleCatalogueAt(ctx.em, programme.regionPath));
  await checkUniqueGroups(ctx.em, programme, input.formSchema);
  await checkLinkedRegister(ctx, programme.regionPath, input);
  let draft = draftVersion(programme);
  const definition = {
    formSchema: input.formSchema as Record<string, unknown>,
    uiSchema: (input.uiSchema ?? null) as Record<string, unknown> | null,
    workflow: input.workflow as Record<string, unknown>,
  };
  if (draft) {
    Object.assign(draft, definition, { createdAt: new Date(), createdBy: actor.id });
  } else {
    const number = Math.max(0, ...programme.versions.getItems().map((v) => v.number)) + 1;
    draft = ctx.em.create(ProgrammeVersion, { programme, number, ...definition, createdBy: actor.id });
  }
  await ctx.em.flush();
  return draft;
}

/** Publishes the draft: it becomes the current version; the previous one is superseded (applications keep it). */
export async function publish(ctx: Context, key: string): Promise<ProgrammeVersion> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, key);
  authorizeDesign(actor, programme.regionPath, key);
  if (programme.status === 'retired') throw badInput({ en: `Programme "${key}" is retired`, zh: `项目 ${key} 已停用` });
  const draft = draftVersion(programme);
  if (!draft) throw badInput({ en: `Programme "${key}" has no draft to publish: save one first`, zh: `项目 ${key} 没有可发布的草稿，请先保存` });
  checkDefinition(draft, await roleCatalogueAt(ctx.em, programme.regionPath));
  const groups = await checkUniqueGroups(ctx.em, programme, draft.formSchema);
  await checkLinkedRegister(ctx, programme.regionPath, draft);
  await ctx.em.transactional(async (em) => {
    const previous = currentVersion(programme);
    if (previous) {
      previous.status = 'superseded';
      await em.flush(); // the one-published index must see the old one leave first
    }
    draft.status = 'published';
    draft.publishedAt = new Date();
    await em.flush();
    // The roles this version names may read the programme's cases (roles limited to their
    // programmes). Kept, not replaced: cases pinned to older versions still involve their roles.
    // Each name is the role visible at the programme's county (checked above; one per name there).
    await em.getConnection().execute(
      `insert into programme_role (programme_id, role, role_id)
         select ?, r.name, r.id from role r
          where r.name = any(?::text[]) and r.retired_at is null and (r.region_path is null or ? like r.region_path || '%')
         on conflict do nothing`,
      [programme.id, `{${workflowRoles(workflowOf(draft)).join(',')}}`, programme.regionPath], 'run', em.getTransactionContext(),
    );
    // The x-unique groups it names, so another county's programme cannot take the same name.
    if (groups.length) {
      await em.getConnection().execute(
        `insert into unique_group (name, programme_id, region_code) select unnest(?::text[]), ?, ? on conflict do nothing`,
        [`{${groups.join(',')}}`, programme.id, programme.regionCode], 'run', em.getTransactionContext(),
      );
    }
  });
  // Roles limited to their programmes may now read this one (the actor carries their keys).
  ctx.services.actors?.forget();
  return draft;
}

/**
 * `x-unique` group names are per county: a group one county's programmes already use is refused
 * to another county's, at the keyword naming it. Answers the form's group names.
 */
async function checkUniqueGroups(em: EntityManager, programme: Programme, formSchema: unknown): Promise<string[]> {
  const named = collectFields(formSchema).uniqueOptions
    .map(({ at, node }) => ({ at, group: (node['x-unique'] as Record<string, unknown>).group }))
    .filter((g): g is { at: string; group: string } => typeof g.group === 'string' && UNIQUE_GROUP.test(g.group));
  if (named.length === 0) return [];
  const groups = [...new Set(named.map((g) => g.group))];
  const taken = await em.getConnection().execute<{ name: string; key: string; region_code: string }[]>(
    `select g.name, p.key, g.region_code from unique_group g join programme p on p.id = g.programme_id
     where g.name = any(?::text[]) and g.region_code <> ? order by g.name, p.key`,
    [`{${groups.join(',')}}`, programme.regionCode],
  );
  if (taken.length === 0) return groups;
  const problems = named.filter((g) => taken.some((t) => t.name === g.group)).map((g) => {
    const other = taken.find((t) => t.name === g.group)!;
    return {
      path: `/formSchema${g.at}/x-unique/group`,
      message: `查重组 "${g.group}" 已被其他县（${other.region_code}）的方案 ${other.key} 使用；查重组只在本县内共享，请换一个名称`,
      messageEn: `unique group "${g.group}" is used by programme ${other.key} of another county (${other.region_code}); groups are shared within one county only, choose another name`,
    };
  });
  throw new DomainError('SCHEMA_INVALID', `The form schema is invalid: ${problems[0]!.messageEn}`, { problems, messageZh: problems[0]!.message });
}

/** Every role a workflow names: acting in a state or sending one of its events. */
export function workflowRoles(wf: CompiledWorkflow): string[] {
  const states = Object.keys(wf.definition.states);
  return [...new Set(states.flatMap((s) => [...wf.stateInfo(s).roles, ...wf.events(s).flatMap((e) => e.roles)]))].sort();
}

/** Retires a programme: no new applications; existing ones finish on their pinned versions. */
export async function retire(ctx: Context, key: string): Promise<Programme> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, key);
  authorizeDesign(actor, programme.regionPath, key);
  programme.status = 'retired';
  await ctx.em.flush();
  return programme;
}

