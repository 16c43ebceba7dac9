/**
 * Aggregate rules in SQL: both measures of a rule computed per region of record (the village) in
 * one grouped statement over the target's rows at the run's region, so an aggregate rule costs one
 * scan of that region whatever its size. Field pointers become `#>` path arrays passed as
 * parameters, never spliced into the SQL text.
 */
import { SqlParams } from '../registers/register.policy.js';
import type { SqlExec } from '../registers/sql.js';
import { parsePointer } from '../programmes/form-pointer.js';
import type { AggregateRule, Comparison, Measure, RuleTarget } from './rule-definition.js';
import { TABLES } from './record-source.js';

export interface RegionMeasure {
  regionCode: string;
  regionPath: string;
  records: number;
  left: number;
  right: number;
}

function containment(where: Measure['where']): Record<string, unknown> | null {
  if (!where || Object.keys(where).length === 0) return null;
  const root: Record<string, unknown> = {};
  for (const [pointer, value] of Object.entries(where)) {
    const segments = parsePointer(pointer);
    let node = root;
    segments.forEach((s, i) => {
      if (i === segments.length - 1) node[s] = value;
      else node = (node[s] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

function measureSql(m: Measure, alias: string, params: SqlParams): string {
  const filter = containment(m.where);
  const only = filter ? ` filter (where ${alias}.data @> ${params.p(JSON.stringify(filter))}::jsonb)` : '';
  if (m.kind === 'count') return `count(*)${only}`;
  const path = params.p(parsePointer(m.field ?? ''));
  const at = `${alias}.data #> ${path}::text[]`;
  if (m.kind === 'sum') return `coalesce(sum(case when jsonb_typeof(${at}) = 'number' then (${alias}.data #>> ${path}::text[])::numeric end)${only}, 0)`;
  return `coalesce(sum(case when jsonb_typeof(${at}) = 'array' then jsonb_array_length(${at}) else 0 end)${only}, 0)`;
}

export async function measureByRegion(exec: SqlExec, target: RuleTarget, sourceKey: string, regionPath: string, rule: AggregateRule): Promise<RegionMeasure[]> {
  const t = TABLES[target];
  const params = new SqlParams();
  params.p(sourceKey); // $1, as the source's where clause expects
  const like = params.p(`${regionPath}%`);
  const left = measureSql(rule.left, t.alias, params);
  const right = measureSql(rule.right, t.alias, params);
  const { rows } = await exec(
    `select ${t.alias}.region_code, min(${t.alias}.region_path) as region_path, count(*) as records, ${left} as l, ${right} as r
       from ${t.table} ${t.alias} where ${t.where} and ${t.alias}.region_path like ${like}
      group by ${t.alias}.region_code order by ${t.alias}.region_code`,
    params.values,
  );
  return rows.map((r) => ({ regionCode: r.region_code, regionPath: r.region_path, records: Number(r.records), left: Number(r.l), right: Number(r.r) }));
}

export function compare(op: Comparison, a: number, b: number): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}
