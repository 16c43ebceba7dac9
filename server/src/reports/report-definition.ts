/**
 * A report as data: a source, measures, dimensions, filters and a period (docs/reports.md). This
 * module checks a definition's shape and limits; report-catalogue.ts checks what it names (fields,
 * states, statuses, change kinds) against the programmes or register it reads.
 */
import type { FieldProblem } from '../core/errors.js';

export const SOURCES = ['applications', 'entries', 'persons', 'applicationEvents', 'registerChanges'] as const;
export type Source = (typeof SOURCES)[number];

export const MEASURE_KINDS = ['count', 'households', 'persons', 'sum', 'avg', 'min', 'max', 'ratio', 'daysPending'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const DIMENSION_KINDS = ['region', 'programme', 'state', 'status', 'field', 'registerStatus', 'changeKind', 'period'] as const;
export type DimensionKind = (typeof DIMENSION_KINDS)[number];

export const FILTER_KINDS = ['programme', 'state', 'status', 'field', 'registerStatus', 'changeKind'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

export const REGION_LEVELS = ['county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
/** Position of each level in a materialised path: province/city/county/township/village/. */
export const LEVEL_PART: Record<RegionLevel, number> = { county: 3, township: 4, village: 5 };

export const PERIOD_UNITS = ['month', 'quarter', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export const TIMES = ['submitted', 'decided', 'created', 'event'] as const;
export type TimeKind = (typeof TIMES)[number];
export const PERIOD_KINDS = ['thisMonth', 'lastMonth', 'thisYear', 'lastYear', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const CHARTS = ['table', 'bar', 'stacked', 'pie', 'line'] as const;

export interface Filter {
  on: FilterKind;
  field?: string;
  in: Array<string | number | boolean>;
}
export interface Measure {
  key: string;
  title?: string;
  kind: MeasureKind;
  field?: string;
  numerator?: string;
  denominator?: string;
  /** Ratios: multiply by this (100 for a percentage). */
  scale?: number;
  /** Only rows matching these filters count towards this measure (approved cases, 已脱贫 households). */
  where?: Filter[];
}
export interface Dimension {
  kind: DimensionKind;
  level?: RegionLevel;
  field?: string;
  unit?: PeriodUnit;
  time?: TimeKind;
}
export interface Period {
  kind: PeriodKind;
  from?: string;
  to?: string;
  time?: TimeKind;
}
export interface ReportDefinition {
  source: Source;
  programmes?: string[];
  register?: string;
  measures: Measure[];
  dimensions: Dimension[];
  filters?: Filter[];
  period?: Period;
  chart?: (typeof CHARTS)[number];
}

/** Documented limits (docs/reports.md, "Limits"). */
export const LIMITS = {
  programmes: 10,
  measures: 8,
  dimensions: 3,
  filters: 10,
  filterValues: 50,
  /** Groups one run may answer (a province slice by village × state fits); more is refused with advice, never truncated silently. */
  rows: 20_000,
  bytes: 16 * 1024,
  /** A report's SQL statement is cancelled after this long. */
  statementTimeoutMs: 20_000,
} as const;

type Problems = FieldProblem[];
const problem = (path: string, message: string, messageEn: string): FieldProblem => ({ path, message, messageEn });

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

function allowedKeys(v: Record<string, unknown>, keys: string[], at: string, out: Problems): void {
  for (const k of Object.keys(v)) if (!keys.includes(k)) out.push(problem(`${at}/${k}`, `未知属性 "${k}"`, `unknown property "${k}"`));
}

function enumProblem(at: string, list: readonly string[], v: unknown): FieldProblem {
  return problem(at, `${JSON.stringify(v) ?? '空'} 不是可用的值（可用：${list.join('、')}）`, `${JSON.stringify(v) ?? 'nothing'} is not one of ${list.join(', ')}`);
}

function checkFilters(v: unknown, at: string, out: Problems): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) { out.push(problem(at, '必须是数组', 'must be an array')); return; }
  if (v.length > LIMITS.filters) out.push(problem(at, `最多 ${LIMITS.filters} 个筛选条件`, `at most ${LIMITS.filters} filters`));
  v.slice(0, LIMITS.filters).forEach((f, i) => {
    const p = `${at}/${i}`;
    if (!isObj(f)) { out.push(problem(p, '必须是对象', 'must be an object')); return; }
    allowedKeys(f, ['on', 'field', 'in'], p, out);
    if (!oneOf(FILTER_KINDS, f.on)) out.push(enumProblem(`${p}/on`, FILTER_KINDS, f.on));
    if (f.on === 'field' && typeof f.field !== 'string') out.push(problem(`${p}/field`, '请指定字段（JSON 指针，如 /status）', 'name a field (a JSON pointer such as /status)'));
    if (!Array.isArray(f.in) || f.in.length === 0 || f.in.length > LIMITS.filterValues || f.in.some((x) => !['string', 'number', 'boolean'].includes(typeof x))) {
      out.push(problem(`${p}/in`, `必须是 1–${LIMITS.filterValues} 个值的数组`, `must be an array of 1–${LIMITS.filterValues} values`));
    }
  });
}

/** Shape, enumerations and limits; no database access. */
export function checkShape(input: unknown): Problems {
  const out: Problems = [];
  if (!isObj(input)) return [problem('', '报表定义必须是对象', 'the report definition must be an object')];
  if (JSON.stringify(input).length > LIMITS.bytes) return [problem('', `报表定义超过 ${LIMITS.bytes / 1024} KB`, `the report definition is larger than ${LIMITS.bytes / 1024} KB`)];
  allowedKeys(input, ['source', 'programmes', 'register', 'measures', 'dimensions', 'filters', 'period', 'chart'], '', out);
  if (!oneOf(SOURCES, input.source)) out.push(enumProblem('/source', SOURCES, input.source));
  const byProgramme = input.source === 'applications' || input.source === 'applicationEvents';
  if (byProgramme) {
    const ps = input.programmes;
    if (!Array.isArray(ps) || ps.length === 0 || ps.length > LIMITS.programmes || ps.some((p) => typeof p !== 'string')) {
      out.push(problem('/programmes', `请选择 1–${LIMITS.programmes} 个项目`, `choose 1–${LIMITS.programmes} programmes`));
    }
  } else if (input.source !== undefined && typeof input.register !== 'string') {
    out.push(problem('/register', '请指定登记簿', 'name a register'));
  }

  const measures = input.measures;
  if (!Array.isArray(measures) || measures.length === 0 || measures.length > LIMITS.measures) {
    out.push(problem('/measures', `请设置 1–${LIMITS.measures} 个指标`, `set 1–${LIMITS.measures} measures`));
  } else {
    const keys = new Set<string>();
    measures.forEach((m, i) => {
      const p = `/measures/${i}`;
      if (!isObj(m)) { out.push(problem(p, '必须是对象', 'must be an object')); return; }
      allowedKeys(m, ['key', 'title', 'kind', 'field', 'numerator', 'denominator', 'scale', 'where'], p, out);
      if (typeof m.key !== 'string' || !KEY.test(m.key)) out.push(problem(`${p}/key`, '指标键须以字母开头，只含字母、数字和下划线', 'a measure key starts with a letter and holds letters, digits and underscores'));
      else if (keys.has(m.key)) out.push(problem(`${p}/key`, `指标键 ${m.key} 重复`, `measure key ${m.key} is used twice`));
      else keys.add(m.key);
      if (m.title !== undefined && (typeof m.title !== 'string' || m.title.length > 60)) out.push(problem(`${p}/title`, '标题最多 60 个字', 'a title has at most 60 characters'));
      if (!oneOf(MEASURE_KINDS, m.kind)) { out.push(enumProblem(`${p}/kind`, MEASURE_KINDS, m.kind)); return; }
      if (['sum', 'avg', 'min', 'max'].includes(m.kind) && typeof m.field !== 'string') out.push(problem(`${p}/field`, '请指定数字字段', 'name a number field'));
      if (m.scale !== undefined && (typeof m.scale !== 'number' || !Number.isFinite(m.scale) || m.scale <= 0 || m.scale > 1e6)) out.push(problem(`${p}/scale`, '倍数须为正数', 'the scale must be a positive number'));
      checkFilters(m.where, `${p}/where`, out);
    });
    // Ratios name two other measures, neither of them a ratio (no chains, no cycles).
    measures.forEach((m, i) => {
      if (!isObj(m) || m.kind !== 'ratio') return;
      for (const side of ['numerator', 'denominator'] as const) {
        const other: unknown = measures.find((o) => isObj(o) && o.key === m[side]);
        if (!other || other === m || (other as Measure).kind === 'ratio') {
          out.push(problem(`/measures/${i}/${side}`, `${side === 'numerator' ? '分子' : '分母'}须为本报表中另一个非比率指标的键`, `the ${side} must be the key of another measure of this report that is not a ratio`));
        }
      }
    });
  }

  const dims = input.dimensions ?? [];
  if (!Array.isArray(dims) || dims.length > LIMITS.dimensions) {
    out.push(problem('/dimensions', `最多 ${LIMITS.dimensions} 个维度`, `at most ${LIMITS.dimensions} dimensions`));
  } else {
    dims.forEach((d, i) => {
      const p = `/dimensions/${i}`;
      if (!isObj(d)) { out.push(problem(p, '必须是对象', 'must be an object')); return; }
      allowedKeys(d, ['kind', 'level', 'field', 'unit', 'time'], p, out);
      if (!oneOf(DIMENSION_KINDS, d.kind)) { out.push(enumProblem(`${p}/kind`, DIMENSION_KINDS, d.kind)); return; }
      if (d.kind === 'region' && !oneOf(REGION_LEVELS, d.level)) out.push(enumProblem(`${p}/level`, REGION_LEVELS, d.level));
      if (d.kind === 'field' && typeof d.field !== 'string') out.push(problem(`${p}/field`, '请指定字段（JSON 指针）', 'name a field (a JSON pointer)'));
      if (d.kind === 'period') {
        if (!oneOf(PERIOD_UNITS, d.unit)) out.push(enumProblem(`${p}/unit`, PERIOD_UNITS, d.unit));
        if (d.time !== undefined && !oneOf(TIMES, d.time)) out.push(enumProblem(`${p}/time`, TIMES, d.time));
      }
    });
    const seen = dims.map((d) => JSON.stringify(d));
    seen.forEach((s, i) => { if (seen.indexOf(s) !== i) out.push(problem(`/dimensions/${i}`, '维度重复', 'the same dimension twice')); });
  }

  checkFilters(input.filters, '/filters', out);

  const period = input.period;
  if (period !== undefined) {
    if (!isObj(period)) out.push(problem('/period', '必须是对象', 'must be an object'));
    else {
      allowedKeys(period, ['kind', 'from', 'to', 'time'], '/period', out);
      if (!oneOf(PERIOD_KINDS, period.kind)) out.push(enumProblem('/period/kind', PERIOD_KINDS, period.kind));
      if (period.time !== undefined && !oneOf(TIMES, period.time)) out.push(enumProblem('/period/time', TIMES, period.time));
      if (period.kind === 'range') {
        for (const side of ['from', 'to'] as const) {
          if (typeof period[side] !== 'string' || !DATE.test(period[side] as string)) out.push(problem(`/period/${side}`, '日期格式为 YYYY-MM-DD', 'a date is written YYYY-MM-DD'));
        }
        if (typeof period.from === 'string' && typeof period.to === 'string' && period.from > period.to) out.push(problem('/period/to', '结束日期早于开始日期', 'the end date is before the start date'));
      }
    }
  }
  if (input.chart !== undefined && !oneOf(CHARTS, input.chart)) out.push(enumProblem('/chart', CHARTS, input.chart));
  return out;
}
