/**
 * Register definitions, managed like programmes: a county's designer creates a register, saves a
 * draft definition (checked in full), publishes it (immutable from then on; the previous version is
 * superseded) and may retire the register (its entries then refuse every change).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { Register } from './register.entity.js';
import { RegisterVersion } from './register-version.entity.js';
import { roleNamesAt } from '../users/role.service.js';
import { assertRegisterDefinition, type RegisterDefinitionInput } from './register-definition.js';
import { loadedVersion, type LoadedVersion } from './register-versions.js';
import { authorizeDefine } from './register.policy.js';
import { assertChecklistProgrammes } from './checklist-programmes.js';
import { assertLinkedProgrammesFit, assertNoLinkedProgrammes, assertStatusesStillHeld } from './publish-checks.js';
import { execOf } from './sql.js';

const KEY = /^[a-z][a-z0-9_-]{2,39}$/;

export interface CreateRegisterInput {
  key: string;
  name: string;
  nameEn?: string | null;
  regionCode: string;
  description?: string | null;
}

const bad = (message: string, messageZh: string, problems: { path: string; message: string; messageEn: string }[] = []) =>
  new DomainError('BAD_USER_INPUT', message, { messageZh, ...(problems.length ? { problems } : {}) });

/** Registers visible to everyone signed in (definitions are not personal data), oldest first. */
export async function listRegisters(ctx: Context, includeRetired = false): Promise<Register[]> {
  requireActor(ctx);
  return ctx.em.find(Register, includeRetired ? {} : { status: 'active' }, { populate: ['versions'], orderBy: { createdAt: 'asc', key: 'asc' } });
}

export async function getRegister(em: EntityManager, key: string): Promise<Register> {
  const register = typeof key === 'string' && key.length <= 40 ? await em.findOne(Register, { key }, { populate: ['versions'] }) : null;
  if (!register) throw new DomainError('NOT_FOUND', `Register ${String(key).slice(0, 40)} not found`, { messageZh: '未找到该登记簿' });
  return register;
}

export const currentRegisterVersion = (r: Register) => r.versions.getItems().find((v) => v.status === 'published');
export const draftRegisterVersion = (r: Register) => r.versions.getItems().find((v) => v.status === 'draft');

/** The version as the write path and presenters use it (compiled validator, lookups). */
export function loadedOf(v: RegisterVersion): LoadedVersion {
  return loadedVersion({ id: v.id, registerId: v.register.id, number: v.number, status: v.status, schema: v.schema, uiSchema: v.uiSchema ?? null, settings: v.settings });
}

export async function createRegister(ctx: Context, input: CreateRegisterInput): Promise<Register> {
  const actor = requireActor(ctx);
  const problems = [];
  if (typeof input.key !== 'string' || !KEY.test(input.key)) problems.push({ path: '/input/key', message: '3–40 个字符：小写字母、数字、_ 或 -，以字母开头', messageEn: '3–40 characters: lower-case letters, digits, _ and -, starting with a letter' });
  if (!input.name?.trim() || input.name.length > 100) problems.push({ path: '/input/name', message: '须为 1–100 个字符', messageEn: 'must be 1–100 characters' });
  if ((input.nameEn?.length ?? 0) > 100) problems.push({ path: '/input/nameEn', message: '最多 100 个字符', messageEn: 'at most 100 characters' });
  if ((input.description?.length ?? 0) > 2000) problems.push({ path: '/input/description', message: '最多 2000 个字符', messageEn: 'at most 2,000 characters' });
  if (problems.length) throw bad('The register is invalid', '登记簿信息有误', problems);
  const region = await getRegion(ctx.em, input.regionCode);
  if (region.level !== 'county') throw bad('A register is owned by a county', '登记簿须属于一个县', [{ path: '/input/regionCode', message: '必须是县级地区', messageEn: 'must be a county' }]);
  authorizeDefine(actor, region.path, input.key);
  const register = ctx.em.create(Register, {
    key: input.key, name: input.name.trim(), nameEn: input.nameEn?.trim() || null,
    description: input.description?.trim() || null, regionCode: region.code, regionPath: region.path,
  });
  try {
    await ctx.em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) {
      throw new DomainError('BAD_USER_INPUT', `A register with the key "${input.key}" exists`, {
        subCode: 'DUPLICATE', messageZh: `登记簿标识 ${input.key} 已被使用`,
        problems: [{ path: '/input/key', message: '已被使用', messageEn: 'is taken' }],
      });
    }
    throw e;
  }
  return register;
}

/** Saves the register's draft version (created when there is none). Nothing is saved when anything is wrong. */
export async function saveRegisterDraft(ctx: Context, key: string, input: RegisterDefinitionInput): Promise<RegisterVersion> {
  const actor = requireActor(ctx);
  const register = await getRegister(ctx.em, key);
  authorizeDefine(actor, register.regionPath, key);
  if (register.status === 'retired') throw bad(`Register "${key}" is retired`, `登记簿 ${key} 已停用`);
  const settings = assertRegisterDefinition(input, (await roleNamesAt(ctx.em, register.regionPath)).known);
  await assertChecklistProgrammes(ctx.em, settings);
  const definition = {
    schema: input.schema as Record<string, unknown>,
    uiSchema: (input.uiSchema ?? null) as Record<string, unknown> | null,
    settings,
  };
  let draft = draftRegisterVersion(register);
  if (draft) {
    Object.assign(draft, definition, { createdAt: new Date(), createdBy: actor.id });
  } else {
    const number = Math.max(0, ...register.versions.getItems().map((v) => v.number)) + 1;
    draft = ctx.em.create(RegisterVersion, { register, number, ...definition, createdBy: actor.id });
  }
  await ctx.em.flush();
  return draft;
}

/** Publishes the draft: it becomes the version entries are validated with; the previous one is superseded. */
export async function publishRegister(ctx: Context, key: string): Promise<RegisterVersion> {
  const actor = requireActor(ctx);
  const register = await getRegister(ctx.em, key);
  authorizeDefine(actor, register.regionPath, key);
  if (register.status === 'retired') throw bad(`Register "${key}" is retired`, `登记簿 ${key} 已停用`);
  const draft = draftRegisterVersion(register);
  if (!draft) throw bad(`Register "${key}" has no draft to publish: save one first`, `登记簿 ${key} 没有可发布的草稿`);
  const settings = assertRegisterDefinition({ ...draft.settings, schema: draft.schema, uiSchema: draft.uiSchema }, (await roleNamesAt(ctx.em, register.regionPath)).known);
  await assertChecklistProgrammes(ctx.em, settings);
  const next = loadedVersion({ id: draft.id, registerId: register.id, number: draft.number, status: 'draft', schema: draft.schema, uiSchema: draft.uiSchema ?? null, settings });
  await assertLinkedProgrammesFit(execOf(ctx.em), register.key, next);
  const everStatuses = register.versions.getItems().filter((v) => v !== draft).flatMap((v) => v.settings.statuses.map((s) => s.value));
  await assertStatusesStillHeld(execOf(ctx.em), register.id, everStatuses, next);
  await ctx.em.transactional(async (em) => {
    const previous = currentRegisterVersion(register);
    if (previous) {
      previous.status = 'superseded';
      await em.flush(); // the one-published index must see the old one leave first
    }
    draft.status = 'published';
    draft.publishedAt = new Date();
  });
  return draft;
}

/** Retires a register: its entries stay readable and refuse every change. */
export async function retireRegister(ctx: Context, key: string): Promise<Register> {
  const actor = requireActor(ctx);
  const register = await getRegister(ctx.em, key);
  authorizeDefine(actor, register.regionPath, key);
  await assertNoLinkedProgrammes(execOf(ctx.em), register.key);
  register.status = 'retired';
  await ctx.em.flush();
  return register;
}
