/**
 * A quality run over one region: every live rule whose county overlaps the region, then the
 * built-in checks. Record rules read their records in pages of BATCH (keyset on the id) and
 * evaluate the JSON Logic assertion with the bounded evaluator; each page upserts a finding for
 * each failing record and closes (status fixed) the open findings of the records that now pass,
 * so closing needs no second pass and a run cut short by its row budget is still exact for what
 * it read. Aggregate rules and built-in checks are one grouped statement each. A rule that cannot
 * be evaluated on a record (over budget) is counted in `skipped` and decides nothing for it.
 */
import type { SqlExec } from '../registers/sql.js';
import { toDate } from '../registers/sql.js';
import { evaluateLogic, LogicBudgetError, LogicError, truthy } from '../workflow/logic.js';
import { BUILTIN_CHECKS } from './builtin-checks.js';
import { compare, measureByRegion } from './measures.js';
import { overlap, recordPage } from './record-source.js';
import { RULE_COLUMNS, ruleFromRow, type QualityRule } from './rule.service.js';

export const BATCH = 500;
/** Records a run started from a request may read (GraphQL runQualityRules). */
export const MANUAL_ROW_BUDGET = 20_000;
/** Records a scheduled run (a background job) may read. */
export const SCHEDULED_ROW_BUDGET = 500_000;

export interface RunOptions {
  regionCode: string;
  regionPath: string;
  trigger: 'manual' | 'schedule';
  startedBy: string | null;
  rowBudget: number;
  now: Date;
}

export interface QualityRun {
  id: string;
  regionCode: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  recordsChecked: number;
  findingsOpened: number;
  findingsClosed: number;
  truncated: boolean;
  skipped: { rule: string; records: number }[];
}

export function runFromRow(r: Record<string, any>): QualityRun {
  return {
    id: r.id, regionCode: r.region_code, trigger: r.trigger, startedAt: toDate(r.started_at), finishedAt: toDate(r.finished_at),
    recordsChecked: Number(r.records_checked), findingsOpened: Number(r.findings_opened), findingsClosed: Number(r.findings_closed),
    truncated: !!r.truncated, skipped: r.skipped ?? [],
  };
}

interface Failing {
  recordKind: 'application' | 'entry' | 'region';
  recordKey: string;
  label: string;
  sourceKey: string;
  regionCode: string;
  regionPath: string;
  detail: Record<string, unknown> | null;
}

interface CheckMeta {
  checkKey: string;
  ruleId: string | null;
  severity: string;
  messageZh: string;
  messageEn: string;
  fields: string[];
}

/** Upserts one live finding per failing record; answers how many were new. */
async function upsertFindings(exec: SqlExec, check: CheckMeta, failing: Failing[], now: Date): Promise<number> {
  if (failing.length === 0) return 0;
  const { rows } = await exec(
    `insert into quality_finding (id, check_key, rule_id, record_kind, record_key, record_label, source_key, region_code, region_path,
                                  severity, message_zh, message_en, fields, detail, status, first_seen_at, last_seen_at)
     select gen_random_uuid(), $1, $2::uuid, x.record_kind, x.record_key, x.label, x.source_key, x.region_code, x.region_path,
            $3, $4, $5, $6::jsonb, x.detail, 'open', $7, $7
       from jsonb_to_recordset($8::jsonb) as x(record_kind text, record_key text, label text, source_key text, region_code text, region_path text, detail jsonb)
     on conflict (check_key, record_key) where status in ('open','dismissed')
     do update set last_seen_at = excluded.last_seen_at, record_label = excluded.record_label, region_code = excluded.region_code,
                   region_path = excluded.region_path, severity = excluded.severity, message_zh = excluded.message_zh,
                   message_en = excluded.message_en, fields = excluded.fields, detail = excluded.detail
     returning (xmax = 0) as inserted`,
    [check.checkKey, check.ruleId, check.severity, check.messageZh, check.messageEn, JSON.stringify(check.fields), now,
      JSON.stringify(failing.map((f) => ({ record_kind: f.recordKind, record_key: f.recordKey, label: f.label, source_key: f.sourceKey, region_code: f.regionCode, region_path: f.regionPath, detail: f.detail })))],
  );
  return rows.filter((r) => r.inserted).length;
}

/** Closes the open findings of these records (they passed this time). */
async function closePassing(exec: SqlExec, checkKey: string, recordKeys: string[], now: Date): Promise<number> {
  if (recordKeys.length === 0) return 0;
  const { rows } = await exec(
    `update quality_finding set status = 'fixed', fixed_at = $3 where check_key = $1 and status = 'open' and record_key = any($2::text[]) returning id`,
    [checkKey, recordKeys, now],
  );
  return rows.length;
}

/** Closes the open findings of a check in the region except those still failing (complete checks only). */
async function closeAllExcept(exec: SqlExec, checkKey: string, regionPath: string, failing: string[], now: Date): Promise<number> {
  const { rows } = await exec(
    `update quality_finding set status = 'fixed', fixed_at = $4
      where check_key = $1 and status = 'open' and region_path like $2 and not (record_key = any($3::text[])) returning id`,
    [checkKey, `${regionPath}%`, failing, now],
  );
  return rows.length;
}

export async function liveRulesAt(exec: SqlExec, regionPath: string): Promise<QualityRule[]> {
  const { rows } = await exec(
    `select ${RULE_COLUMNS} from quality_rule where retired_at is null and (region_path like $1 or $2 like region_path || '%') order by key, id`,
    [`${regionPath}%`, regionPath],
  );
  return rows.map(ruleFromRow);
}

/** Runs every live rule and built-in check over the region; records the run and answers it. */
export async function runQuality(exec: SqlExec, opts: RunOptions): Promise<QualityRun> {
  const runId = crypto.randomUUID();
  await exec(
    `insert into quality_run (id, region_code, region_path, trigger, started_by, started_at) values ($1, $2, $3, $4, $5, $6)`,
    [runId, opts.regionCode, opts.regionPath, opts.trigger, opts.startedBy, opts.now],
  );
  let budget = opts.rowBudget;
  let checked = 0;
  let opened = 0;
  let closed = 0;
  let truncated = false;
  const skipped: { rule: string; records: number }[] = [];
  const now = opts.now;

  for (const rule of await liveRulesAt(exec, opts.regionPath)) {
    if (budget <= 0) {
      truncated = true;
      break;
    }
    const path = overlap(rule.regionPath, opts.regionPath);
    if (!path) continue;
    const meta: CheckMeta = { checkKey: rule.id, ruleId: rule.id, severity: rule.severity, messageZh: rule.messageZh, messageEn: rule.messageEn, fields: rule.fields };
    if (rule.kind === 'aggregate' && rule.aggregate) {
      const agg = rule.aggregate;
      const regions = await measureByRegion(exec, rule.target, rule.sourceKey, path, agg);
      const records = regions.reduce((n, r) => n + r.records, 0);
      checked += records;
      budget -= records;
      const failing = regions.filter((r) => !compare(agg.op, r.left, r.right));
      opened += await upsertFindings(exec, meta, failing.map((r) => ({
        recordKind: 'region', recordKey: r.regionCode, label: r.regionCode, sourceKey: rule.sourceKey, regionCode: r.regionCode, regionPath: r.regionPath,
        detail: { left: r.left, op: agg.op, right: r.right, records: r.records },
      })), now);
      closed += await closeAllExcept(exec, rule.id, path, failing.map((r) => r.regionCode), now);
      continue;
    }
    let after: string | null = null;
    let skips = 0;
    for (;;) {
      const page = await recordPage(exec, rule.target, rule.sourceKey, path, after, Math.min(BATCH, Math.max(budget, 1)));
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      checked += page.length;
      budget -= page.length;
      const failing: Failing[] = [];
      const passing: string[] = [];
      for (const record of page) {
        let ok: boolean;
        try {
          ok = truthy(evaluateLogic(rule.logic, record.data));
        } catch (err) {
          if (!(err instanceof LogicBudgetError || err instanceof LogicError)) throw err;
          skips++;
          continue;
        }
        if (ok) passing.push(record.id);
        else failing.push({ recordKind: rule.target, recordKey: record.id, label: record.label, sourceKey: rule.sourceKey, regionCode: record.regionCode, regionPath: record.regionPath, detail: null });
      }
      opened += await upsertFindings(exec, meta, failing, now);
      closed += await closePassing(exec, rule.id, passing, now);
      if (budget <= 0) {
        // More records may remain: the run says so, and whatever it has not read keeps its findings.
        truncated = (await recordPage(exec, rule.target, rule.sourceKey, path, after, 1)).length > 0;
        break;
      }
      if (page.length < BATCH) break;
    }
    if (skips) skipped.push({ rule: rule.key, records: skips });
  }

  for (const check of BUILTIN_CHECKS) {
    if (budget <= 0) {
      truncated = true;
      break;
    }
    const limit = Math.min(budget, 10_000);
    const found = await check.find(exec, opts.regionPath, limit);
    budget -= found.length;
    checked += found.length;
    const meta: CheckMeta = { checkKey: check.key, ruleId: null, severity: check.severity, messageZh: check.messageZh, messageEn: check.messageEn, fields: check.fields };
    opened += await upsertFindings(exec, meta, found, now);
    // Only a complete answer may close what it did not find again.
    if (found.length < limit) closed += await closeAllExcept(exec, check.key, opts.regionPath, found.map((f) => f.recordKey), now);
    else truncated = true;
  }

  const { rows } = await exec(
    `update quality_run set finished_at = $2, records_checked = $3, findings_opened = $4, findings_closed = $5, truncated = $6, skipped = $7::jsonb
      where id = $1 returning *`,
    [runId, new Date(), checked, opened, closed, truncated, JSON.stringify(skipped)],
  );
  return runFromRow(rows[0]!);
}
