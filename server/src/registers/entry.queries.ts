/**
 * The entry list: region-scoped in SQL, newest change first, keyset-paged on (updated_at, id) so a
 * deep page costs the same as the first, and an index behind every filter (migration 010): the
 * register + county/township/village path segment or status, each in list order; names and ID
 * numbers through the person index; enum fields by JSON containment on a GIN index; incomplete files
 * by the stored `dossier_complete` (migration 023).
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { versionById } from './register-versions.js';
import { regionSql, scopeSql, SqlParams } from './register.policy.js';
import { containment, filterFields } from './register-fields.js';
import { ENTRY_COLUMNS, entryFromRow, type RegisterEntry } from './entry.row.js';
import { execOf, UUID } from './sql.js';
import { registerByKey } from './register-row.js';

export interface FieldFilter {
  path: string;
  value: string;
}

export interface EntryFilter {
  registerKey: string;
  /** Region code: the whole subtree. */
  regionCode?: string | null;
  status?: string | null;
  /** The start of a name (head or member), a full ID number, or a masked one (1306**********1234). */
  search?: string | null;
  /** Enum fields of the schema: `{ path: "/housingGrade", value: "D" }`; all must hold. */
  fields?: FieldFilter[] | null;
  /** Only households whose file misses an item of the register's checklist (true) or misses none (false). */
  incomplete?: boolean | null;
}

export interface EntryPage {
  items: RegisterEntry[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counts the whole filtered set; only run when the client asks for totalCount. */
  count: () => Promise<number>;
}

const bad = (message: string, messageZh: string, path: string, problem: string, problemEn: string) =>
  new DomainError('BAD_USER_INPUT', message, { messageZh, problems: [{ path, message: problem, messageEn: problemEn }] });

export const encodeEntryCursor = (e: Pick<RegisterEntry, 'updatedAt' | 'id'>) => Buffer.from(`${e.updatedAt.toISOString()}|${e.id}`).toString('base64url');

function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  const [at, id] = Buffer.from(String(cursor).slice(0, 200), 'base64url').toString().split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(updatedAt.getTime())) throw bad('Invalid cursor', '无效的分页游标', '/after', '不是本列表的游标', 'not a cursor from this list');
  return { updatedAt, id };
}

const FULL_ID = /^\d{17}[\dX]$/;
const MASKED_ID = /^(\d{4})\*{4,14}(\d{3}[\dX])$/;

/** Entries of one register within the actor's regions matching the filter, most recently changed first. */
export async function listEntries(ctx: Context, filter: EntryFilter, first = 20, after?: string | null): Promise<EntryPage> {
  const actor = requireActor(ctx);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw bad('first must be between 1 and 100', 'first 须在 1–100 之间', '/first', '1–100', '1–100');
  // One plain statement for the register and its published version's id (the ORM's register with
  // every version populated cost two statements and the hydration of each version's schemas).
  const exec = execOf(ctx.em);
  const found = await registerByKey(exec, filter.registerKey);
  if (!found) throw new DomainError('NOT_FOUND', `Register ${String(filter.registerKey).slice(0, 40)} not found`, { messageZh: '未找到该登记簿' });
  const register = { id: found.id };
  const version = found.versionId ? await versionById(exec, found.versionId) : undefined;
  const params = new SqlParams();
  const reg = params.p(register.id);
  const where = [`e.register_id = ${reg}`, scopeSql(actor, 'e', params, register.id)];
  if (filter.regionCode) where.push(regionSql((await getRegion(ctx.em, filter.regionCode)).path, 'e', params));
  if (filter.status) {
    if (version && !version.statusByValue.has(filter.status)) {
      const values = [...version.statusByValue.keys()];
      throw bad(`Unknown status ${filter.status.slice(0, 40)}`, '未知状态', '/filter/status', `须为 ${values.join('、')} 之一`, `one of ${values.join(', ')}`);
    }
    where.push(`e.status = ${params.p(filter.status)}`);
  }
  const search = filter.search?.trim().toUpperCase();
  if (search) {
    if (search.length > 50) throw bad('Search text is too long', '搜索内容过长', '/filter/search', '最多 50 个字符', 'at most 50 characters');
    if (FULL_ID.test(search)) {
      where.push(`e.id in (select entry_id from register_person where register_id = ${reg} and id_number = ${params.p(search)})`);
    } else if (MASKED_ID.test(search)) {
      const [, head, tail] = MASKED_ID.exec(search)!;
      where.push(`e.id in (select entry_id from register_person where register_id = ${reg} and left(id_number, 4) || right(id_number, 4) = ${params.p(head! + tail!)})`);
    } else {
      const like = params.p(`${filter.search!.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`e.id in (select entry_id from register_person where register_id = ${reg} and name like ${like}
                           union all select id from register_entry where register_id = ${reg} and name like ${like})`);
    }
  }
  if (filter.fields?.length) {
    if (filter.fields.length > 10) throw bad('At most 10 field filters', '最多 10 个字段筛选', '/filter/fields', '最多 10 个', 'at most 10');
    const known = new Map((version ? filterFields(version.schema) : []).map((f) => [f.path, f]));
    filter.fields.forEach((f, i) => {
      const field = known.get(f.path);
      if (!field) throw bad(`Field ${String(f.path).slice(0, 100)} cannot be filtered on`, '该字段不能用于筛选', `/filter/fields/${i}/path`, '不是可筛选的枚举字段', 'not an enum field of the register');
      if (!field.values.includes(f.value)) throw bad(`Value not allowed for ${field.path}`, '筛选值无效', `/filter/fields/${i}/value`, `须为 ${field.values.join('、')} 之一`, `one of ${field.values.join(', ')}`);
      where.push(`e.data @> ${params.p(JSON.stringify(containment(field, f.value)))}::jsonb`);
    });
  }
  if (filter.incomplete != null) {
    // Stored on the entry and kept exact by the database in every writing transaction (migration
    // 023), so the list reads an index range in list order instead of evaluating the checklist.
    where.push(`e.dossier_complete = ${filter.incomplete ? 'false' : 'true'}`);
  }

  const base = where.join(' and ');
  const baseValues = [...params.values];
  let paged = base;
  if (after) {
    const c = decodeCursor(after);
    const t = params.p(c.updatedAt);
    // The redundant `updated_at <= t` is what lets the index start at the cursor.
    paged += ` and e.updated_at <= ${t}::timestamptz and (e.updated_at < ${t}::timestamptz or e.id < ${params.p(c.id)}::uuid)`;
  }
  const { rows } = await exec(`select ${ENTRY_COLUMNS} from register_entry e where ${paged} order by e.updated_at desc, e.id desc limit ${first + 1}`, params.values);
  const items = rows.slice(0, first).map(entryFromRow);
  return {
    items,
    hasNextPage: rows.length > first,
    endCursor: items.length ? encodeEntryCursor(items[items.length - 1]!) : null,
    count: async () => Number((await exec(`select count(*) as n from register_entry e where ${base}`, baseValues)).rows[0]?.n ?? 0),
  };
}
