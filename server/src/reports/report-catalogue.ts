/**
 * What a report may name, from the programmes or the register it reads: form fields (with their
 * `x-aggregate`), workflow states and events, register statuses and change kinds, with readable
 * labels. `checkNames` refuses a definition that names anything else, with every problem at once.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type FieldProblem } from '../core/errors.js';
import { currentVersion, getProgramme } from '../programmes/programme.service.js';
import { pinLoaded } from '../applications/pinned-version.js';
import { currentRegisterVersion, getRegister, loadedOf } from '../registers/register.service.js';
import { allowedAggregates, statFields, type StatField } from './stat-fields.js';
import type { Dimension, Filter, ReportDefinition, Source, TimeKind } from './report-definition.js';

export interface Label { zh: string; en: string }

export interface Catalogue {
  source: Source;
  programmes: Map<string, Label>;
  registerId?: string;
  registerName?: Label;
  fields: Map<string, StatField>;
  states: Map<string, Label>;
  events: Map<string, Label>;
  statuses: Map<string, Label>;
  changeKinds: Map<string, Label>;
}

export const STATUS_LABELS: Record<string, Label> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  IN_REVIEW: { zh: '审核中', en: 'In review' },
  UNDER_NOTICE: { zh: '公示中', en: 'Under notice' },
  APPROVED: { zh: '已批准', en: 'Approved' },
  REJECTED: { zh: '未批准', en: 'Rejected' },
  WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
};

const isApplicationSource = (s: Source) => s === 'applications' || s === 'applicationEvents';
const isEventSource = (s: Source) => s === 'applicationEvents' || s === 'registerChanges';

/** Times each source can place rows in a period by; the first is the default. */
export const SOURCE_TIMES: Record<Source, TimeKind[]> = {
  applications: ['submitted', 'decided', 'created'],
  applicationEvents: ['event', 'submitted'],
  entries: ['created'],
  persons: ['created'],
  registerChanges: ['event'],
};

export async function loadCatalogue(em: EntityManager, def: ReportDefinition): Promise<Catalogue> {
  const cat: Catalogue = { source: def.source, programmes: new Map(), fields: new Map(), states: new Map(), events: new Map(), statuses: new Map(), changeKinds: new Map() };
  if (isApplicationSource(def.source)) {
    for (const key of def.programmes ?? []) {
      const programme = await getProgramme(em, key);
      cat.programmes.set(key, { zh: programme.name, en: programme.nameEn ?? programme.name });
      // Every version's states and events (cases stay on the version they were filed under);
      // the fields of the current one (or the newest, for a retired programme).
      const versions = programme.versions.getItems().filter((v) => v.status !== 'draft');
      for (const v of versions) {
        const diagram = pinLoaded(v).workflow.diagram();
        for (const n of diagram.nodes) if (!cat.states.has(n.id)) cat.states.set(n.id, { zh: n.title.zh, en: n.title.en ?? n.title.zh });
        for (const e of diagram.edges) if (!cat.events.has(e.event)) cat.events.set(e.event, { zh: e.title.zh, en: e.title.en ?? e.title.zh });
      }
      const version = currentVersion(programme) ?? versions.at(-1);
      for (const f of version ? statFields(version.formSchema) : []) if (!cat.fields.has(f.pointer)) cat.fields.set(f.pointer, f);
    }
    for (const [k, v] of Object.entries(STATUS_LABELS)) cat.statuses.set(k, v);
  } else {
    const register = await getRegister(em, def.register ?? '');
    const version = currentRegisterVersion(register) ?? register.versions.getItems().filter((v) => v.status !== 'draft').at(-1);
    cat.registerId = register.id;
    cat.registerName = { zh: register.name, en: register.nameEn ?? register.name };
    if (version) {
      const loaded = loadedOf(version);
      for (const f of statFields(loaded.schema)) cat.fields.set(f.pointer, f);
      for (const s of loaded.settings.statuses) cat.statuses.set(s.value, { zh: s.zh, en: s.en });
      for (const k of loaded.settings.changeKinds) cat.changeKinds.set(k.key, { zh: k.zh, en: k.en });
    }
  }
  return cat;
}

function filterProblems(cat: Catalogue, filters: Filter[] | undefined, at: string, out: FieldProblem[]): void {
  (filters ?? []).forEach((f, i) => {
    const p = `${at}/${i}`;
    const app = isApplicationSource(cat.source);
    if ((f.on === 'programme' || f.on === 'state' || f.on === 'status') && !app) {
      out.push({ path: `${p}/on`, message: `登记簿报表不能按 ${f.on} 筛选`, messageEn: `a register report cannot filter on ${f.on}` });
    } else if (f.on === 'registerStatus' && app) {
      out.push({ path: `${p}/on`, message: '申请报表不能按户类别筛选', messageEn: 'an application report cannot filter on the register status' });
    } else if (f.on === 'changeKind' && !isEventSource(cat.source)) {
      out.push({ path: `${p}/on`, message: '只有变更记录报表能按变更类型筛选', messageEn: 'only change-log reports filter on the change kind' });
    } else if (f.on === 'field') {
      if (!cat.fields.has(f.field ?? '')) out.push({ path: `${p}/field`, message: `未知字段 ${f.field}`, messageEn: `unknown field ${f.field}` });
    } else {
      const known = f.on === 'programme' ? cat.programmes : f.on === 'state' ? cat.states : f.on === 'status' || f.on === 'registerStatus' ? cat.statuses : (cat.source === 'applicationEvents' ? cat.events : cat.changeKinds);
      f.in.forEach((v, j) => {
        if (!known.has(String(v))) out.push({ path: `${p}/in/${j}`, message: `未知的值 ${String(v)}`, messageEn: `unknown value ${String(v)}` });
      });
    }
  });
}

function dimensionProblem(cat: Catalogue, d: Dimension): [string, string] | undefined {
  const app = isApplicationSource(cat.source);
  switch (d.kind) {
    case 'programme': case 'state': case 'status':
      return app ? undefined : [`登记簿报表不能按 ${d.kind} 分组`, `a register report cannot group by ${d.kind}`];
    case 'registerStatus':
      return app ? ['申请报表不能按户类别分组', 'an application report cannot group by the register status'] : undefined;
    case 'changeKind':
      return isEventSource(cat.source) ? undefined : ['只有变更记录报表能按变更类型分组', 'only change-log reports group by the change kind'];
    case 'field': {
      const f = cat.fields.get(d.field ?? '');
      if (!f) return [`未知字段 ${d.field}`, `unknown field ${d.field}`];
      return f.kind === 'group' ? undefined : [`数字字段 ${d.field} 不能作为分组维度`, `the number field ${d.field} cannot be a dimension`];
    }
    case 'period': {
      const times = SOURCE_TIMES[cat.source];
      return !d.time || times.includes(d.time) ? undefined : [`此来源的时间只能是 ${times.join('、')}`, `this source's times are ${times.join(', ')}`];
    }
    default:
      return undefined;
  }
}

/** Everything the definition names, checked against the catalogue; throws BAD_USER_INPUT. */
export function checkNames(cat: Catalogue, def: ReportDefinition): void {
  const out: FieldProblem[] = [];
  def.measures.forEach((m, i) => {
    const p = `/measures/${i}`;
    if (m.kind === 'daysPending' && cat.source !== 'applications') {
      out.push({ path: `${p}/kind`, message: '在办天数只适用于申请', messageEn: 'days pending only applies to applications' });
    }
    if (['sum', 'avg', 'min', 'max'].includes(m.kind)) {
      const f = cat.fields.get(m.field ?? '');
      if (!f || f.kind !== 'number') out.push({ path: `${p}/field`, message: `未知的数字字段 ${m.field}`, messageEn: `unknown number field ${m.field}` });
      else if (!allowedAggregates(f).includes(m.kind)) {
        out.push({
          path: `${p}/kind`,
          message: `字段 ${f.title}（x-aggregate: ${f.aggregate}${f.aggregate === 'avg' ? '，未声明时默认' : ''}）不能求${{ sum: '和', avg: '平均', min: '最小值', max: '最大值' }[m.kind as 'sum']}`,
          messageEn: `field ${m.field} (x-aggregate: ${f.aggregate}${f.aggregate === 'avg' ? ', the default' : ''}) allows no ${m.kind}`,
        });
      }
    }
    filterProblems(cat, m.where, `${p}/where`, out);
  });
  def.dimensions.forEach((d, i) => {
    const why = dimensionProblem(cat, d);
    if (why) out.push({ path: `/dimensions/${i}`, message: why[0], messageEn: why[1] });
  });
  filterProblems(cat, def.filters, '/filters', out);
  if (def.period?.time && !SOURCE_TIMES[cat.source].includes(def.period.time)) {
    out.push({ path: '/period/time', message: `此来源的时间只能是 ${SOURCE_TIMES[cat.source].join('、')}`, messageEn: `this source's times are ${SOURCE_TIMES[cat.source].join(', ')}` });
  }
  if (out.length) throw badInput({ en: `The report names ${out.length} thing(s) it cannot use: ${out[0]!.messageEn}`, zh: `报表定义有 ${out.length} 处错误：${out[0]!.message}` }, out);
}
