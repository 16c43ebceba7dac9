import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, DomainError, notFound } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { checkWorkflow, type WorkflowReport } from '../workflow/definition.js';
import { toFieldProblem } from '../workflow/engine.js';
import { roleNamesAt } from '../users/role.service.js';
import { isAdmin } from '../core/actor.js';
import { checkFormSchema, type SchemaProblem } from './form-schema.js';
import { Programme } from './programme.entity.js';
import { ProgrammeVersion } from './programme-version.entity.js';
import { authorizeDesign, authorizeDesignTools } from './programme.policy.js';
import { workflowOf } from './compiled.js';
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
  if (!programme) throw notFound('Programme', key);
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
  if (!KEY.test(input.key)) problems.push({ path: '/input/key', message: '3–40 characters: lower-case letters, digits, _ and -, starting with a letter' });
  if (!input.name?.trim() || input.name.length > 100) problems.push({ path: '/input/name', message: 'must be 1–100 characters' });
  if ((input.description?.length ?? 0) > 2000) problems.push({ path: '/input/description', message: 'at most 2,000 characters' });
  if (problems.length) throw badInput('The programme is invalid', problems);
  const region = await getRegion(ctx.em, input.regionCode);
  if (region.level !== 'county') throw badInput('A programme is owned by a county', [{ path: '/input/regionCode', message: 'must be a county' }]);
  authorizeDesign(actor, region.path, input.key);
  const programme = ctx.em.create(Programme, {
    key: input.key, name: input.name.trim(), nameEn: input.nameEn?.trim() || null,
    description: input.description?.trim() || null, regionCode: region.code, regionPath: region.path,
  });
  try {
    await ctx.em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) {
      throw new DomainError('BAD_USER_INPUT', `A programme with the key "${input.key}" exists`, { subCode: 'DUPLICATE', problems: [{ path: '/input/key', message: 'is taken' }] });
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
    throw badInput('The uiSchema must be an object', [{ path: '/uiSchema', message: 'must be an object' }]);
  }
  const formProblems = checkFormSchema(input.formSchema);
  if (formProblems.length) {
    throw new DomainError('SCHEMA_INVALID', `The form schema is invalid: ${formProblems[0].path || '/'} ${formProblems[0].message}`, {
      problems: formProblems.map((p) => ({ path: `/formSchema${p.path}`, message: p.message })),
    });
  }
  const report = checkWorkflow(input.workflow, roles);
  if (!report.ok) {
    const [first] = report.errors;
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
    throw new DomainError('WORKFLOW_INVALID', `The workflow is invalid: ${first.message}${more}`, {
      ...(first.messageZh ? { messageZh: `流程定义有误：${first.messageZh}${report.errors.length > 1 ? `（另有 ${report.errors.length - 1} 处）` : ''}` } : {}),
      problems: report.errors.map((p) => {
        if (p.pointer !== undefined) {
          const located = toFieldProblem(p);
          return { ...located, path: `/workflow${located.path}` };
        }
        return { path: p.state ? `/workflow/states/${p.state}${p.event ? `/on/${p.event}` : ''}` : '/workflow', message: p.message };
      }),
      workflowProblems: report.errors,
    });
  }
}

/**
 * Saves the programme's draft version (creating it from the input when there is none). The
 * definition is fully checked first; nothing is saved when anything is wrong.
 */
export async function saveDraft(ctx: Context, key: string, input: DefinitionInput): Promise<ProgrammeVersion> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, key);
  authorizeDesign(actor, programme.regionPath, key);
  if (programme.status === 'retired') throw badInput(`Programme "${key}" is retired`);
  checkDefinition(input, await roleCatalogueAt(ctx.em, programme.regionPath));
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
  if (programme.status === 'retired') throw badInput(`Programme "${key}" is retired`);
  const draft = draftVersion(programme);
  if (!draft) throw badInput(`Programme "${key}" has no draft to publish: save one first`);
  checkDefinition(draft, await roleCatalogueAt(ctx.em, programme.regionPath));
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
  });
  return draft;
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

