/**
 * What a file is imported into: a programme's published version (rows become applications) or a
 * register's published version (rows become entries). Both give the same shape to the importer:
 * the schema and uiSchema (for the columns), a validator, the roles that may create, and the
 * region the programme or register belongs to.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, Grant } from '../core/actor.js';
import { grantsCovering, isAdmin } from '../core/actor.js';
import { DomainError } from '../core/errors.js';
import { execOf } from '../registers/sql.js';
import { registerByKey } from '../registers/register-row.js';
import { versionById, type LoadedVersion } from '../registers/register-versions.js';
import { pinnedVersion, type PinnedVersion } from '../applications/pinned-version.js';
import { formColumns, type FormLayout } from '../programmes/form-columns.js';

export type TargetKind = 'programme' | 'register';

export interface ImportTarget {
  kind: TargetKind;
  key: string;
  /** The programme or register row's id. */
  id: string;
  name: string;
  versionId: string;
  versionNumber: number;
  regionPath: string;
  regionCode: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
  layout: FormLayout;
  /** Roles that may create here: the workflow's draft roles, or the register's editing roles. */
  roles: string[];
  programme?: PinnedVersion;
  register?: LoadedVersion;
  /** The register's own status (a retired register takes no imports). */
  registerStatus?: 'active' | 'retired';
}

const layouts = new Map<string, FormLayout>();

function layoutOf(versionId: string, schema: unknown, uiSchema: unknown): FormLayout {
  let l = layouts.get(versionId);
  if (!l) {
    l = formColumns(schema, uiSchema);
    if (layouts.size > 200) layouts.delete(layouts.keys().next().value!);
    layouts.set(versionId, l);
  }
  return l;
}

const notFound = (kind: TargetKind, key: string) =>
  new DomainError('NOT_FOUND', `${kind === 'programme' ? 'Programme' : 'Register'} ${key.slice(0, 40)} not found`, { messageZh: kind === 'programme' ? '未找到该项目' : '未找到该登记簿' });

/**
 * The target at its current published version, or at `versionId` (a job pinned at upload).
 * A draft is never imported into.
 */
export async function loadTarget(em: EntityManager, kind: TargetKind, key: string, versionId?: string | null): Promise<ImportTarget> {
  const exec = execOf(em);
  if (kind === 'programme') {
    const { rows } = await exec(
      `select p.id, p.key, p.name, p.status, p.region_path, p.region_code,
              coalesce($2::uuid, (select v.id from programme_version v where v.programme_id = p.id and v.status = 'published')) as version_id
         from programme p where p.key = $1`,
      [String(key).slice(0, 60), versionId ?? null],
    );
    const r = rows[0];
    if (!r) throw notFound(kind, String(key));
    if (!r.version_id) throw new DomainError('BAD_USER_INPUT', `Programme "${r.key}" has no published version yet`, { messageZh: `项目 ${r.key} 尚未发布` });
    if (!versionId && r.status === 'retired') throw new DomainError('BAD_USER_INPUT', `Programme "${r.key}" is retired: it takes no new applications`, { messageZh: `项目 ${r.key} 已停止受理` });
    const pinned = await pinnedVersion(em, r.version_id);
    const wf = pinned.workflow;
    return {
      kind, key: r.key, id: r.id, name: r.name, versionId: pinned.id, versionNumber: pinned.number, regionPath: r.region_path, regionCode: r.region_code,
      schema: pinned.formSchema, uiSchema: pinned.uiSchema, layout: layoutOf(pinned.id, pinned.formSchema, pinned.uiSchema),
      roles: wf.stateInfo(wf.initialState().state).roles, programme: pinned,
    };
  }
  const r = await registerByKey(exec, key);
  if (!r) throw notFound(kind, String(key).slice(0, 60));
  const vid = versionId ?? r.versionId;
  if (!vid) throw new DomainError('BAD_USER_INPUT', `Register "${r.key}" has no published version yet`, { messageZh: `登记簿 ${r.key} 尚未发布` });
  const v = await versionById(exec, vid);
  return {
    kind, key: r.key, id: r.id, name: r.name, versionId: v.id, versionNumber: v.number, regionPath: r.regionPath, regionCode: r.regionCode,
    schema: v.schema, uiSchema: v.uiSchema, layout: layoutOf(v.id, v.schema, v.uiSchema),
    roles: v.settings.editingRoles, register: v, registerStatus: r.status,
  };
}

/** The grant letting the actor create in the region at `regionPath`, if any. */
export function creatingGrant(actor: Actor, target: ImportTarget, regionPath: string): Grant | undefined {
  if (!regionPath.startsWith(target.regionPath)) return undefined;
  return grantsCovering(actor, regionPath, target.roles.length ? target.roles : undefined)[0];
}

/** Refuses unless the actor may create somewhere inside `regionPath` (or is an admin). */
export function authorizeImport(actor: Actor, target: ImportTarget, regionPath: string): void {
  if (isAdmin(actor)) return;
  const some = actor.grants.some((g) => (g.regionPath.startsWith(regionPath) || regionPath.startsWith(g.regionPath)) && (!target.roles.length || target.roles.includes(g.role)));
  if (!some || !regionPath.startsWith(target.regionPath)) {
    throw new DomainError('FORBIDDEN', `You may not import into ${target.kind} "${target.key}" here: it needs the role ${target.roles.join(' or ')}`, {
      messageZh: `您不能在此地区向${target.kind === 'programme' ? '项目' : '登记簿'}「${target.name}」导入：需要 ${target.roles.join(' 或 ')} 角色`,
    });
  }
}
