/**
 * The findings worklist (疑点数据): region-scoped in SQL (a finding lives in its record's region and
 * is seen by the staff whose grants cover it), newest first, keyset-paged; dismissal with a
 * comment by staff of the finding's region; the summary of open findings by region and check.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, notFound } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { regionSql, SqlParams } from '../registers/register.policy.js';
import type { Actor } from '../core/actor.js';
import { isAdmin } from '../core/actor.js';
import { execOf, toDate, UUID } from '../registers/sql.js';

export type FindingStatus = 'open' | 'dismissed' | 'fixed';
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'dismissed', 'fixed'];

export interface Finding {
  id: string;
  checkKey: string;
  ruleId: string | null;
  ruleKey: string | null;
  recordKind: 'application' | 'entry' | 'region';
  recordKey: string;
  recordLabel: string | null;
  sourceKey: string | null;
  regionCode: string;
  regionPath: string;
  severity: string;
  messageZh: string;
  messageEn: string;
  fields: string[];
  detail: Record<string, unknown> | null;
  status: FindingStatus;
  comment: string | null;
  dismissedAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  fixedAt: Date | null;
}

const COLUMNS = `f.id, f.check_key, f.rule_id, r.key as rule_key, f.record_kind, f.record_key, f.record_label, f.source_key, f.region_code, f.region_path,
  f.severity, f.message_zh, f.message_en, f.fields, f.detail, f.status, f.comment, f.dismissed_at, f.first_seen_at, f.last_seen_at, f.fixed_at`;
const FROM = `quality_finding f left join quality_rule r on r.id = f.rule_id`;

function fromRow(r: Record<string, any>): Finding {
  return {
    id: r.id, checkKey: r.check_key, ruleId: r.rule_id, ruleKey: r.rule_key ?? (r.check_key.startsWith('builtin:') ? r.check_key : null),
    recordKind: r.record_kind, recordKey: r.record_key, recordLabel: r.record_label, sourceKey: r.source_key,
    regionCode: r.region_code, regionPath: r.region_path, severity: r.severity, messageZh: r.message_zh, messageEn: r.message_en,
    fields: r.fields ?? [], detail: r.detail ?? null, status: r.status, comment: r.comment, dismissedAt: toDate(r.dismissed_at),
    firstSeenAt: toDate(r.first_seen_at), lastSeenAt: toDate(r.last_seen_at), fixedAt: toDate(r.fixed_at),
  };
}

export interface FindingFilter {
  regionCode?: string | null;
  status?: string | null;
  severity?: string | null;
  /** A rule id or builtin:<name>. */
  checkKey?: string | null;
}

export interface FindingPage {
  items: Finding[];
  hasNextPage: boolean;
  endCursor: string | null;
  count: () => Promise<number>;
}

const bad = (path: string, zh: string, en: string) => badInput({ en: `Invalid ${path.slice(1)}`, zh: `参数 ${path.slice(1)} 有误` }, [{ path, message: zh, messageEn: en }]);

export const encodeFindingCursor = (f: Pick<Finding, 'firstSeenAt' | 'id'>) => Buffer.from(`${f.firstSeenAt.toISOString()}|${f.id}`).toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(String(cursor).slice(0, 200), 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(date.getTime())) throw bad('/after', '不是本列表的游标', 'not a cursor from this list');
  return { at: date, id };
}

/**
 * SQL restricting findings (`f`, with its rule `r`) to what the actor reads. A finding names a
 * person, so it follows the record it is about: a grant reads the findings of its regions, and one
 * whose role reads only its programmes reads only the findings on those programmes' cases and on
 * the registers they act on.
 */
function scopeSql(actor: Actor, params: SqlParams): string {
  if (isAdmin(actor)) return 'true';
  const branches = actor.grants.map((g) => {
    const region = regionSql(g.regionPath, 'f', params);
    if (!g.readProgrammes) return region;
    const registers = `select rg.key from register rg where rg.id = any(${params.p(g.readRegisterIds ?? [])}::uuid[])`;
    return `(${region} and case when f.record_kind = 'entry' or r.target = 'entry' then f.source_key in (${registers})
      else f.source_key = any(${params.p(g.readProgrammes)}::text[]) end)`;
  });
  return branches.length ? `(${branches.join(' or ')})` : 'false';
}

async function whereOf(ctx: Context, filter: FindingFilter, params: SqlParams): Promise<string[]> {
  const actor = requireActor(ctx);
  const where = [scopeSql(actor, params)];
  if (filter.regionCode) where.push(regionSql((await getRegion(ctx.em, filter.regionCode)).path, 'f', params));
  if (filter.status) {
    if (!FINDING_STATUSES.includes(filter.status as FindingStatus)) throw bad('/filter/status', '须为 open、dismissed 或 fixed', 'must be open, dismissed or fixed');
    where.push(`f.status = ${params.p(filter.status)}`);
  }
  if (filter.severity) where.push(`f.severity = ${params.p(String(filter.severity).slice(0, 20))}`);
  if (filter.checkKey) where.push(`f.check_key = ${params.p(String(filter.checkKey).slice(0, 80))}`);
  return where;
}

/** Findings within the actor's regions matching the filter, newest first. */
export async function listFindings(ctx: Context, filter: FindingFilter, first = 20, after?: string | null): Promise<FindingPage> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw bad('/first', '须在 1–100 之间', 'must be between 1 and 100');
  const params = new SqlParams();
  const where = await whereOf(ctx, filter, params);
  const countParams = new SqlParams();
  const countWhere = await whereOf(ctx, filter, countParams);
  if (after) {
    const c = decodeCursor(after);
    where.push(`(f.first_seen_at, f.id) < (${params.p(c.at)}, ${params.p(c.id)}::uuid)`);
  }
  const limit = params.p(first + 1);
  const exec = execOf(ctx.em);
  const { rows } = await exec(`select ${COLUMNS} from ${FROM} where ${where.join(' and ')} order by f.first_seen_at desc, f.id desc limit ${limit}`, params.values);
  const items = rows.slice(0, first).map(fromRow);
  return {
    items,
    hasNextPage: rows.length > first,
    endCursor: items.length ? encodeFindingCursor(items[items.length - 1]!) : null,
    count: async () => Number((await exec(`select count(*) as n from ${FROM} where ${countWhere.join(' and ')}`, countParams.values)).rows[0].n),
  };
}

/** One finding; outside what the actor reads it does not exist for them. */
export async function loadFinding(ctx: Context, id: string): Promise<Finding> {
  const actor = requireActor(ctx);
  const params = new SqlParams();
  const where = `f.id = ${params.p(id)} and ${scopeSql(actor, params)}`;
  const rows = UUID.test(String(id)) ? (await execOf(ctx.em)(`select ${COLUMNS} from ${FROM} where ${where}`, params.values)).rows : [];
  const finding = rows[0] ? fromRow(rows[0]) : undefined;
  if (!finding) throw notFound({ en: 'Finding', zh: '疑点' }, String(id).slice(0, 40));
  return finding;
}

/**
 * Dismisses an open finding with the reason (a staff member of its region checked the record and
 * it is right as it is). It stays dismissed while the record keeps failing the same check.
 */
export async function dismissFinding(ctx: Context, id: string, comment: string): Promise<Finding> {
  const actor = requireActor(ctx);
  const finding = await loadFinding(ctx, id);
  const text = typeof comment === 'string' ? comment.trim() : '';
  if (text.length < 2 || text.length > 500) throw bad('/comment', '请填写 2–500 字的核实说明', 'give a comment of 2–500 characters saying why');
  if (finding.status !== 'open') throw badInput({ en: `Only an open finding can be dismissed (this one is ${finding.status})`, zh: '只能排除未处理的疑点' }, [{ path: '/id', message: `该疑点状态为 ${finding.status}`, messageEn: `the finding is ${finding.status}` }]);
  await execOf(ctx.em)(
    `update quality_finding set status = 'dismissed', comment = $2, dismissed_by = $3, dismissed_at = $4 where id = $1 and status = 'open'`,
    [id, text, actor.id, ctx.services.clock()],
  );
  return loadFinding(ctx, id);
}

export interface SummaryRow {
  regionCode: string;
  checkKey: string;
  ruleKey: string | null;
  severity: string;
  messageZh: string;
  messageEn: string;
  open: number;
  dismissed: number;
}

export const MAX_SUMMARY_ROWS = 1000;

/** Open and dismissed findings by region of record and check, within the region (default: all of yours). */
export async function findingSummary(ctx: Context, regionCode?: string | null): Promise<SummaryRow[]> {
  const params = new SqlParams();
  const where = await whereOf(ctx, { regionCode }, params);
  const { rows } = await execOf(ctx.em)(
    `select f.region_code, f.check_key, max(r.key) as rule_key, max(f.severity) as severity, max(f.message_zh) as message_zh, max(f.message_en) as message_en,
            count(*) filter (where f.status = 'open') as open, count(*) filter (where f.status = 'dismissed') as dismissed
       from ${FROM} where ${where.join(' and ')} and f.status in ('open','dismissed')
      group by f.region_code, f.check_key order by f.region_code, f.check_key limit ${MAX_SUMMARY_ROWS}`,
    params.values,
  );
  return rows.map((r) => ({
    regionCode: r.region_code, checkKey: r.check_key, ruleKey: r.rule_key ?? (r.check_key.startsWith('builtin:') ? r.check_key : null),
    severity: r.severity, messageZh: r.message_zh, messageEn: r.message_en, open: Number(r.open), dismissed: Number(r.dismissed),
  }));
}
