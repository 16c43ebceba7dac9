/**
 * Where a rule's records come from, as SQL: applications of a programme (drafts and withdrawn
 * cases are not checked: a draft is still being filled in) or entries of a register. Each batch is
 * keyset-paged on the primary key within the region prefix, so a run reads a bounded page at a time.
 */
import type { SqlExec } from '../registers/sql.js';
import type { RuleTarget } from './rule-definition.js';

export interface SourceRecord {
  id: string;
  label: string;
  regionCode: string;
  regionPath: string;
  data: Record<string, unknown>;
}

export const TABLES: Record<RuleTarget, { table: string; alias: string; where: string; label: string }> = {
  application: {
    table: 'application', alias: 'a',
    where: `a.programme_key = $1 and a.status not in ('DRAFT','WITHDRAWN')`,
    label: `a.reference || coalesce(' ' || a.applicant_name, '')`,
  },
  entry: {
    table: 'register_entry', alias: 'e',
    where: `e.register_id = (select id from register where key = $1)`,
    // ID-shaped keys are masked like the register's lists (the worklist is read over a shoulder).
    label: `e.name || ' (' || regexp_replace(e.key, '^(\\d{4})\\d{10}(\\d{3}[\\dX])$', '\\1**********\\2') || ')'`,
  },
};

/** One page of a source's records at `regionPath` or below, after `afterId`. */
export async function recordPage(exec: SqlExec, target: RuleTarget, sourceKey: string, regionPath: string, afterId: string | null, limit: number): Promise<SourceRecord[]> {
  const t = TABLES[target];
  const { rows } = await exec(
    `select ${t.alias}.id, ${t.label} as label, ${t.alias}.region_code, ${t.alias}.region_path, ${t.alias}.data
       from ${t.table} ${t.alias}
      where ${t.where} and ${t.alias}.region_path like $2 and ($3::uuid is null or ${t.alias}.id > $3::uuid)
      order by ${t.alias}.id limit $4`,
    [sourceKey, `${regionPath}%`, afterId, limit],
  );
  return rows.map((r) => ({ id: r.id, label: r.label, regionCode: r.region_code, regionPath: r.region_path, data: r.data ?? {} }));
}

/** The deeper of two region paths when one contains the other (the records both cover), else null. */
export function overlap(a: string, b: string): string | null {
  if (a.startsWith(b)) return a;
  if (b.startsWith(a)) return b;
  return null;
}
