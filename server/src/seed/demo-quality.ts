/**
 * The demo county's data-quality rules (the ones docs/data-quality.md walks through), four
 * planted inconsistencies in 龙居村's households (one for the built-in dead_alive check), a 雨露计划
 * case filed for that dead member (builtin:dead_applicant), and a first run over the county, so the 疑点数据
 * worklist has something to show on a fresh start. The plants go through the register's own
 * write path as corrections, like a cadre's typing mistake would.
 */
import type { Services } from '../core/services.js';
import { DEMO_COUNTY, regionCodeByName } from './demo-regions.js';
import { getRegion } from '../regions/region.service.js';
import { cadreOf } from './demo-users.js';
import { contextAs } from './seed-domain.js';
import { defineQualityRule } from '../quality/rule.service.js';
import type { RuleDefinition } from '../quality/rule-definition.js';
import { runQuality, SCHEDULED_ROW_BUDGET } from '../quality/run.js';
import { listEntries } from '../registers/entry.queries.js';
import { updateRegisterEntry } from '../registers/entry.service.js';
import { execOf } from '../registers/sql.js';
import { createApplication, submitApplication } from '../applications/application.service.js';
import { loadExample } from '../programmes/examples.js';

export const DEMO_QUALITY_RULES: RuleDefinition[] = [
  {
    key: 'members-match-size', target: 'entry', sourceKey: 'household',
    logic: { '==': [{ var: 'householdSize' }, { var: 'members.length' }] },
    aggregate: null, severity: 'error',
    messageZh: '家庭人口数与家庭成员名单人数不一致', messageEn: 'Household size differs from the number of members listed',
    fields: ['/householdSize', '/members'],
  },
  {
    key: 'exited-income-above-line', target: 'entry', sourceKey: 'household',
    logic: { or: [{ '!=': [{ var: 'status' }, '已脱贫'] }, { '>=': [{ var: 'perCapitaIncome' }, 5000] }] },
    aggregate: null, severity: 'warning',
    messageZh: '已脱贫户人均纯收入低于 5000 元监测线', messageEn: 'An exited household has a per-capita income below the ¥5,000 monitoring line',
    fields: ['/perCapitaIncome', '/status'],
  },
  {
    key: 'village-persons-add-up', target: 'entry', sourceKey: 'household',
    logic: null,
    aggregate: { left: { kind: 'sum', field: '/householdSize' }, op: '==', right: { kind: 'items', field: '/members' } },
    severity: 'error',
    messageZh: '本村各户家庭人口之和与登记的成员总数不符', messageEn: "The village's household sizes do not add up to its registered members",
    fields: ['/householdSize'],
  },
  {
    key: 'dibao-income-below-standard', target: 'application', sourceKey: 'dibao',
    logic: { '<=': [{ var: 'perCapitaIncome' }, { var: 'localStandard' }] },
    aggregate: null, severity: 'warning',
    messageZh: '低保申请家庭月人均收入高于当地低保标准', messageEn: "The applicant household's monthly per-capita income is above the local standard",
    fields: ['/perCapitaIncome', '/localStandard'],
  },
];

export async function seedQuality(services: Services): Promise<void> {
  const designer = await contextAs(services, 'designer');
  for (const rule of DEMO_QUALITY_RULES) await defineQualityRule(designer, rule);

  const village = regionCodeByName('龙居村');
  const cadre = await contextAs(services, cadreOf(village));
  const page = await listEntries(cadre, { registerKey: 'household', regionCode: village }, 100);
  const sized = page.items.find((e) => Array.isArray(e.data.members) && (e.data.members as unknown[]).length >= 3);
  if (sized) {
    await updateRegisterEntry(cadre, sized.id, {
      data: { ...sized.data, householdSize: (sized.data.members as unknown[]).length + 1 }, expectedVersion: sized.version, kind: 'correction', comment: '入户核实后更正家庭人口',
    });
  }
  const exited = page.items.find((e) => e.data.status === '已脱贫' && e.id !== sized?.id);
  if (exited) {
    await updateRegisterEntry(cadre, exited.id, {
      data: { ...exited.data, perCapitaIncome: 4200 }, expectedVersion: exited.version, kind: 'correction', comment: '更正上年人均纯收入',
    });
  }
  // A member's death recorded in one household, and the same person then typed into another.
  const others = page.items.filter((e) => e.id !== sized?.id && e.id !== exited?.id && Array.isArray(e.data.members) && (e.data.members as unknown[]).length >= 2);
  const [bereaved, listing] = others;
  if (bereaved && listing) {
    const members = bereaved.data.members as Record<string, unknown>[];
    const dead = members[members.length - 1]!;
    await updateRegisterEntry(cadre, bereaved.id, {
      data: { ...bereaved.data, members: members.slice(0, -1), householdSize: members.length - 1 }, expectedVersion: bereaved.version, kind: 'member_died', comment: '成员病故，凭死亡证明减员',
    });
    const listed = listing.data.members as unknown[];
    await updateRegisterEntry(cadre, listing.id, {
      data: { ...listing.data, members: [...listed, { ...dead, relation: '其他' }], householdSize: listed.length + 1 }, expectedVersion: listing.version, kind: 'correction', comment: '补录家庭成员',
    });
    // And aid filed for them after the death (builtin:dead_applicant): a 雨露计划 case in review.
    const teacher = await contextAs(services, 'teacher');
    const y = loadExample('yulu').example as Record<string, Record<string, unknown>>;
    const filed = await createApplication(teacher, 'yulu', village, { ...y, student: { ...y.student, name: dead.name, idNumber: dead.idNumber } });
    await submitApplication(teacher, filed.id, filed.version);
  }
  const county = await getRegion(designer.em, DEMO_COUNTY);
  await runQuality(execOf(services.orm.em.fork()), { regionCode: county.code, regionPath: county.path, trigger: 'manual', startedBy: null, rowBudget: SCHEDULED_ROW_BUDGET, now: services.clock() });
}
