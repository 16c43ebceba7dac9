import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { isAdmin } from '../core/actor.js';
import { badInput, forbidden, notFound, type FieldProblem } from '../core/errors.js';
import { Region, REGION_LEVELS, type RegionLevel } from './region.entity.js';

export interface RegionInput {
  code: string;
  name: string;
  level: string;
  parentCode?: string | null;
}

const CODE = /^\d{12}$/;

/** Lists the children of a region (or the roots), ordered by code. Regions are public data. */
export async function listRegions(ctx: Context, parentCode?: string | null): Promise<Region[]> {
  if (parentCode) await getRegion(ctx.em, parentCode);
  return ctx.em.find(Region, { parentCode: parentCode ?? null }, { orderBy: { code: 'asc' } });
}

export async function getRegion(em: EntityManager, code: string): Promise<Region> {
  if (!CODE.test(code)) throw badInput({ en: `Region code must be 12 digits, got "${code}"`, zh: `区划代码须为 12 位数字（收到 ${code}）` }, [{ path: '/regionCode', message: '须为 12 位数字', messageEn: 'must be 12 digits' }]);
  const region = await em.findOne(Region, { code });
  if (!region) throw notFound({ en: 'Region', zh: '区划' }, code);
  return region;
}

/** All regions in a subtree (the region itself included). */
export async function subtree(em: EntityManager, path: string, level?: RegionLevel): Promise<Region[]> {
  return em.find(Region, { path: { $like: `${path}%` }, ...(level ? { level } : {}) }, { orderBy: { code: 'asc' } });
}

const LEVEL_RANK = new Map(REGION_LEVELS.map((l, i) => [l, i]));

/**
 * Imports (inserts or renames) regions in one transaction. Parents may come earlier in the same
 * batch or exist already; a child must sit exactly one level below its parent. All problems are
 * reported at once with their JSON pointers and nothing is written if any exists.
 */
export async function importRegions(ctx: Context, input: RegionInput[]): Promise<number> {
  const actor = requireActor(ctx);
  if (!isAdmin(actor)) throw forbidden({ en: 'Only administrators may import regions', zh: '只有系统管理员可以导入区划' });
  if (input.length > 20_000) throw badInput({ en: 'At most 20,000 regions per import', zh: '每次最多导入 20000 个区划' });
  const problems: FieldProblem[] = [];
  const batch = new Map<string, RegionInput>();
  input.forEach((r, i) => {
    if (!CODE.test(r.code)) problems.push({ path: `/regions/${i}/code`, message: '须为 12 位数字', messageEn: 'must be 12 digits' });
    if (!r.name?.trim() || r.name.length > 100) problems.push({ path: `/regions/${i}/name`, message: '须为 1–100 个字符', messageEn: 'must be 1–100 characters' });
    if (!LEVEL_RANK.has(r.level as RegionLevel)) problems.push({ path: `/regions/${i}/level`, message: `须为 ${REGION_LEVELS.join('、')} 之一`, messageEn: `must be one of ${REGION_LEVELS.join(', ')}` });
    if (batch.has(r.code)) problems.push({ path: `/regions/${i}/code`, message: '本次导入中重复出现', messageEn: 'appears twice in this import' });
    batch.set(r.code, r);
  });
  if (problems.length) throw badInput({ en: 'Some regions are invalid', zh: '部分区划有误' }, problems);

  return ctx.em.transactional(async (em) => {
    const parentCodes = [...new Set(input.map((r) => r.parentCode).filter((c): c is string => !!c))];
    const existing = new Map((await em.find(Region, { code: { $in: [...batch.keys(), ...parentCodes] } })).map((r) => [r.code, r]));
    const resolved = new Map<string, { path: string; level: RegionLevel }>();
    const resolve = (code: string, depth = 0): { path: string; level: RegionLevel } | undefined => {
      if (resolved.has(code)) return resolved.get(code);
      const inBatch = batch.get(code);
      if (!inBatch) {
        const r = existing.get(code);
        return r ? { path: r.path, level: r.level } : undefined;
      }
      if (depth > 10) return undefined;
      let path = `${code}/`;
      if (inBatch.parentCode) {
        const parent = resolve(inBatch.parentCode, depth + 1);
        if (!parent) return undefined;
        path = parent.path + path;
      }
      const out = { path, level: inBatch.level as RegionLevel };
      resolved.set(code, out);
      return out;
    };
    input.forEach((r, i) => {
      if (r.parentCode) {
        const parent = resolve(r.parentCode);
        if (!parent) problems.push({ path: `/regions/${i}/parentCode`, message: `未知的上级区划 ${r.parentCode}`, messageEn: `unknown parent region ${r.parentCode}` });
        else if (LEVEL_RANK.get(parent.level)! + 1 !== LEVEL_RANK.get(r.level as RegionLevel)) {
          problems.push({ path: `/regions/${i}/level`, message: `${r.level} 不能隶属于 ${parent.level}`, messageEn: `a ${r.level} cannot sit under a ${parent.level}` });
        }
      } else if (r.level !== 'province') {
        problems.push({ path: `/regions/${i}/parentCode`, message: '只有省级区划可以没有上级', messageEn: 'only a province may have no parent' });
      }
      const current = existing.get(r.code);
      if (current && (current.parentCode ?? null) !== (r.parentCode ?? null)) {
        problems.push({ path: `/regions/${i}/parentCode`, message: '不支持移动已有区划', messageEn: 'moving an existing region is not supported' });
      }
    });
    if (problems.length) throw badInput({ en: 'Some regions are invalid', zh: '部分区划有误' }, problems);

    for (const r of input) {
      const current = existing.get(r.code);
      if (current) current.name = r.name.trim();
      else em.create(Region, { code: r.code, name: r.name.trim(), level: r.level as RegionLevel, parentCode: r.parentCode ?? null, path: resolve(r.code)!.path });
    }
    return input.length;
  });
}
