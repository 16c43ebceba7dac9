import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { docExample } from '../helpers/doc-example.js';
import { sqlExecutor } from '../../server/src/core/sql.js';
import { toDate } from '../../server/src/registers/sql.js';
import { runScheduledOccurrence } from '../../server/src/quality/schedule.js';
import { act } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';

const DOC = 'docs/data-quality.md';
const DONGJIE = '130636100201';
const LONGJU = '130636200204';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

const FINDINGS = `query($f: QualityFindingFilter, $first: Int!) { qualityFindings(filter: $f, first: $first) { totalCount edges { node {
  id checkKey ruleKey recordKind recordKey recordLabel regionCode severity messageZh messageEn fields detail status comment } } } }`;

async function findings(token: string, filter: Record<string, unknown>) {
  const r = await s.gql<any>(FINDINGS, { f: filter, first: 100 }, token);
  expect(r.errors).toBeUndefined();
  return r.data.qualityFindings.edges.map((e: any) => e.node) as any[];
}

async function run(token: string, regionCode: string) {
  const r = await s.gql<any>('mutation($r: String!) { runQualityRules(regionCode: $r) { recordsChecked findingsOpened findingsClosed truncated } }', { r: regionCode }, token);
  expect(r.errors).toBeUndefined();
  return r.data.runQualityRules;
}

async function entries(token: string, regionCode: string) {
  const r = await s.gql<any>('query($r: String) { registerEntries(filter: { registerKey: "household", regionCode: $r }, first: 100) { edges { node { id version data } } } }', { r: regionCode }, token);
  expect(r.errors).toBeUndefined();
  return r.data.registerEntries.edges.map((e: any) => e.node) as any[];
}

async function correct(token: string, entry: any, data: unknown) {
  const r = await s.gql<any>('mutation($id: ID!, $d: JSON!, $v: Int!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: $v, kind: "correction") { id version data } }', { id: entry.id, d: data, v: entry.version }, token);
  expect(r.errors).toBeUndefined();
  return r.data.updateRegisterEntry;
}

describe('data-quality rules and findings', () => {
  it('the demo rules found the inconsistencies planted in 龙居村', async () => {
    const office = await s.login('county_office');
    const open = await findings(office, { regionCode: LONGJU, status: 'open' });
    const byRule = new Map(open.map((f) => [f.ruleKey, f]));
    expect(byRule.get('members-match-size')).toMatchObject({ recordKind: 'entry', severity: 'error', fields: ['/householdSize', '/members'], messageZh: '家庭人口数与家庭成员名单人数不一致' });
    expect(byRule.get('exited-income-above-line')).toMatchObject({ recordKind: 'entry', severity: 'warning' });
    const village = byRule.get('village-persons-add-up');
    expect(village).toMatchObject({ recordKind: 'region', recordKey: LONGJU, regionCode: LONGJU });
    expect(village.detail.left - village.detail.right).toBe(1);
    // Only the planted household breaks the size rule in that village.
    expect(open.filter((f) => f.ruleKey === 'members-match-size')).toHaveLength(1);
    // A member whose death one household recorded, typed into another.
    expect(byRule.get('builtin:dead_alive')).toMatchObject({ recordKind: 'entry', severity: 'error', detail: { sameHousehold: false } });
    // And a 雨露计划 case filed for that member after the death, in review.
    expect(byRule.get('builtin:dead_applicant')).toMatchObject({ recordKind: 'application', severity: 'error', detail: { status: 'IN_REVIEW' } });

    const summary = await s.gql<any>('query($r: String) { qualitySummary(regionCode: $r) { regionCode ruleKey open dismissed } }', { r: LONGJU }, office);
    expect(summary.errors).toBeUndefined();
    expect(summary.data.qualitySummary).toEqual(expect.arrayContaining([{ regionCode: LONGJU, ruleKey: 'members-match-size', open: 1, dismissed: 0 }]));
  });

  it('runs the worked example: a rule finds a planted inconsistency and the finding closes after the fix', async () => {
    const designer = await s.login('designer');
    const cadre = await s.login('dongjie_cadre');
    const input = docExample(DOC, 'insured-rule');
    const defined = await s.gql<any>('mutation($i: QualityRuleInput!) { defineQualityRule(input: $i) { id key kind target fields } }', { i: input }, designer);
    expect(defined.errors).toBeUndefined();
    expect(defined.data.defineQualityRule).toMatchObject({ key: 'members-insured', kind: 'record', target: 'entry', fields: ['/members'] });
    const ruleId = defined.data.defineQualityRule.id;

    // Plant: make every household of 东街村 insured but one, which has one uninsured member.
    const list = await entries(cadre, DONGJIE);
    let planted: any;
    for (const e of list) {
      const members = e.data.members.map((m: any) => ({ ...m, insured: true }));
      const uninsured = !planted && members.length >= 2;
      if (uninsured) members[1] = { ...members[1], insured: false };
      if (!uninsured && e.data.members.every((m: any) => m.insured === true)) continue;
      const saved = await correct(cadre, e, { ...e.data, members });
      if (uninsured) planted = saved;
    }
    expect(planted).toBeDefined();

    const preview = await s.gql<any>('query($i: QualityRuleInput!) { previewQualityRule(regionCode: "130636100201", input: $i) { checked failing hits { recordKey } } }', { i: input }, designer);
    expect(preview.errors).toBeUndefined();
    expect(preview.data.previewQualityRule).toMatchObject({ checked: list.length, failing: 1, hits: [{ recordKey: planted.id }] });

    const first = await run(cadre, DONGJIE);
    expect(first.truncated).toBe(false);
    expect(first.recordsChecked).toBeGreaterThanOrEqual(list.length);
    const found = (await findings(cadre, { regionCode: DONGJIE, checkKey: ruleId })).filter((f) => f.status === 'open');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ recordKind: 'entry', recordKey: planted.id, regionCode: DONGJIE, messageEn: 'A member of the household is not insured' });

    // A second run finds the same finding, not a new one.
    const again = await run(cadre, DONGJIE);
    expect(again.findingsOpened).toBe(0);
    expect((await findings(cadre, { regionCode: DONGJIE, checkKey: ruleId })).length).toBe(1);

    // The cadre fixes the record through the register's normal path; the next run closes it.
    await correct(cadre, planted, { ...planted.data, members: planted.data.members.map((m: any) => ({ ...m, insured: true })) });
    const fixedRun = await run(cadre, DONGJIE);
    expect(fixedRun.findingsClosed).toBeGreaterThanOrEqual(1);
    const after = await findings(cadre, { regionCode: DONGJIE, checkKey: ruleId });
    expect(after).toEqual([expect.objectContaining({ id: found[0].id, status: 'fixed' })]);
  });

  it('dismisses a finding with a comment, and it stays dismissed while the record still fails', async () => {
    const office = await s.login('county_office');
    const [finding] = await findings(office, { regionCode: LONGJU, status: 'open', severity: 'warning' });
    expect(finding).toBeDefined();
    const short = await s.gql('mutation($id: ID!) { dismissQualityFinding(id: $id, comment: "x") { id } }', { id: finding.id }, office);
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    const cadre = await s.login('cadre_130636200204');
    const done = await s.gql<any>('mutation($id: ID!, $c: String!) { dismissQualityFinding(id: $id, comment: $c) { status comment } }', { id: finding.id, c: '入户核实：上年因病减收，已纳入监测' }, cadre);
    expect(done.errors).toBeUndefined();
    expect(done.data.dismissQualityFinding).toEqual({ status: 'dismissed', comment: '入户核实：上年因病减收，已纳入监测' });
    const twice = await s.gql('mutation($id: ID!) { dismissQualityFinding(id: $id, comment: "再次排除") { id } }', { id: finding.id }, cadre);
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');

    await run(cadre, LONGJU);
    const still = await s.gql<any>('query($id: ID!) { qualityFinding(id: $id) { status comment } }', { id: finding.id }, office);
    expect(still.data.qualityFinding).toEqual({ status: 'dismissed', comment: '入户核实：上年因病减收，已纳入监测' });
    expect((await findings(office, { regionCode: LONGJU, status: 'open', checkKey: finding.checkKey })).map((f) => f.id)).not.toContain(finding.id);
  });

  it('keeps findings to the staff of the record’s region', async () => {
    const office = await s.login('county_office');
    const [finding] = await findings(office, { regionCode: LONGJU, status: 'open' });
    const other = await s.login('wangge_cadre');
    expect((await findings(other, {})).every((f) => f.regionCode === '130636102202')).toBe(true);
    expect((await findings(other, { regionCode: LONGJU })).length).toBe(0);
    expect(codeOf(await s.gql('query($id: ID!) { qualityFinding(id: $id) { id } }', { id: finding.id }, other))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql('mutation($id: ID!) { dismissQualityFinding(id: $id, comment: "与本村无关") { id } }', { id: finding.id }, other))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(`mutation { runQualityRules(regionCode: "${LONGJU}") { recordsChecked } }`, {}, other))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(FINDINGS, { first: 10 }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.gql(FINDINGS, { first: 0 }, office))).toBe('BAD_USER_INPUT');
    // The township reviewer sees its villages' findings, not other townships'.
    const township = await s.login('reviewer_130636200000');
    const seen = await findings(township, {});
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((f) => f.regionCode.startsWith('130636200'))).toBe(true);
  });

  it('refuses bad rules at save, in both languages, and rules from outside the county', async () => {
    const designer = await s.login('designer');
    const define = (i: unknown, token = designer) => s.gql<any>('mutation($i: QualityRuleInput!) { defineQualityRule(input: $i) { id } }', { i }, token);
    const bad = await define(docExample(DOC, 'bad-rule'));
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ path: '/input/logic/>/0/var', messageEn: expect.stringContaining('income.total') })]);
    expect(bad.errors![0]!.extensions!.messageZh).toMatch(/规则/);

    const base = docExample(DOC, 'insured-rule');
    const problemsOf = async (i: unknown) => ((await define(i)).errors?.[0]?.extensions?.problems as any[] ?? []).map((p) => p.path);
    expect(await problemsOf({ ...base, key: 'method-rule', logic: { method: [{ var: 'status' }, 'trim'] } })).toEqual(['/input/logic/method']);
    expect(await problemsOf({ ...base, key: 'constant-rule', logic: { '==': [1, 1] } })).toEqual(['/input/logic']);
    expect(await problemsOf({ ...base, key: 'no-target', sourceKey: 'nope' })).toEqual(['/input/sourceKey']);
    expect(await problemsOf({ ...base, key: 'both', aggregate: { left: { kind: 'count' }, op: '==', right: { kind: 'count' } } })).toEqual(['/input/logic']);
    expect(await problemsOf({
      ...base, key: 'sum-text', logic: null,
      aggregate: { left: { kind: 'sum', field: '/status' }, op: '~', right: { kind: 'items', field: '/members', where: { '/nope': 1 } } },
    })).toEqual(['/input/aggregate/op', '/input/aggregate/left/field', '/input/aggregate/right/where/~1nope']);
    expect(await problemsOf({ ...base, key: 'blame', fields: ['/income'] })).toEqual(['/input/fields/0']);
    expect(await problemsOf({ ...base, key: 'members-insured' })).toEqual(['/input/key']);

    const cadre = await s.login('dongjie_cadre');
    expect(codeOf(await define({ ...base, key: 'cadre-rule' }, cadre))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation($i: QualityRuleInput!) { defineQualityRule(input: $i) { id } }', { i: { ...base, key: 'anon' } }))).toBe('UNAUTHENTICATED');
  });

  it('updates and retires a rule; retiring closes its open findings', async () => {
    const designer = await s.login('designer');
    const input = { ...docExample(DOC, 'insured-rule'), key: 'big-households', logic: { '<=': [{ var: 'householdSize' }, 5] }, severity: 'info', messageZh: '家庭人口超过 5 人', messageEn: 'More than 5 persons', fields: ['/householdSize'] };
    const { data } = await s.gql<any>('mutation($i: QualityRuleInput!) { defineQualityRule(input: $i) { id } }', { i: input }, designer);
    const id = data.defineQualityRule.id;
    await run(designer, '130636000000');
    const open = (await findings(designer, { checkKey: id, status: 'open' })).length;
    expect(open).toBeGreaterThan(0);
    const updated = await s.gql<any>('mutation($id: ID!, $i: QualityRuleInput!) { updateQualityRule(id: $id, input: $i) { severity logic } }', { id, i: { ...input, severity: 'warning', logic: { '<=': [{ var: 'householdSize' }, 6] } } }, designer);
    expect(updated.data.updateQualityRule).toEqual({ severity: 'warning', logic: { '<=': [{ var: 'householdSize' }, 6] } });
    expect(codeOf(await s.gql('mutation($id: ID!, $i: QualityRuleInput!) { updateQualityRule(id: $id, input: $i) { id } }', { id, i: { ...input, key: 'renamed' } }, designer))).toBe('BAD_USER_INPUT');
    const retired = await s.gql<any>('mutation($id: ID!) { retireQualityRule(id: $id) { retiredAt } }', { id }, designer);
    expect(retired.data.retireQualityRule.retiredAt).toBeTruthy();
    expect((await findings(designer, { checkKey: id, status: 'open' })).length).toBe(0);
    const rules = await s.gql<any>('{ qualityRules { key } }', {}, designer);
    expect(rules.data.qualityRules.map((r: any) => r.key)).not.toContain('big-households');
  });

  it('the built-in check finds an applicant filed under another household', async () => {
    const cadre = await s.login('dongjie_cadre');
    const [own, other] = await entries(cadre, DONGJIE);
    // A member "marrying in" to household A who the register still holds in household B.
    const person = other.data.members.find((m: any) => m.relation !== '户主') ?? other.data.members[0];
    const data = {
      head: { name: own.data.head.name, idNumber: own.data.head.idNumber }, reason: '婚入',
      newMember: { name: person.name, idNumber: person.idNumber, relation: '儿媳', sex: person.sex, birthDate: person.birthDate },
      householdSize: own.data.members.length + 1,
    };
    const created = await s.gql<any>('mutation($d: JSON, $e: ID) { createApplication(programmeKey: "household_change", regionCode: "130636100201", data: $d, entryId: $e) { id version } }', { d: data, e: own.id }, cadre);
    expect(created.errors).toBeUndefined();
    const app = created.data.createApplication;
    const submitted = await s.gql<any>('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { status } }', { id: app.id, v: app.version }, cadre);
    expect(submitted.errors).toBeUndefined();
    await run(cadre, DONGJIE);
    const found = await findings(cadre, { checkKey: 'builtin:household_mismatch' });
    expect(found).toEqual([expect.objectContaining({ recordKind: 'application', recordKey: app.id, severity: 'error', ruleKey: 'builtin:household_mismatch' })]);
    expect(found[0].detail.idNumber).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(found[0].detail.otherEntryId).toBe(other.id);
  });

  it('the built-in check finds a person recorded as dead whom another household still lists, and closes once fixed', async () => {
    const cadre = await s.login('dongjie_cadre');
    const list = await entries(cadre, DONGJIE);
    const [from, to] = list.filter((e) => e.data.members.length >= 3).slice(-2);
    expect(to).toBeDefined();
    const [, dead, movedOut] = from.data.members;
    // One programme, two kinds: the reason chooses the change kind (docs/registers.md, effectKind by a field).
    const reduce = async (member: any, reason: string) => {
      const data = { head: from.data.head, reason, member: { name: member.name, idNumber: member.idNumber }, eventDate: '2026-11-20', householdSize: 1 };
      const created = await s.gql<any>('mutation($d: JSON, $e: ID) { createApplication(programmeKey: "household_reduce", regionCode: "130636100201", data: $d, entryId: $e) { id version } }', { d: data, e: from.id }, cadre);
      expect(created.errors).toBeUndefined();
      const submitted = await act(s, 'dongjie_cadre', created.data.createApplication, 'SUBMIT');
      expect(submitted.errors).toBeUndefined();
      const approved = await act(s, 'puyang_reviewer', submitted.data!.transitionApplication, 'APPROVE');
      expect(approved.errors).toBeUndefined();
      return approved.data!.transitionApplication;
    };
    const died = await reduce(dead, '死亡');
    await reduce(movedOut, '户口迁出');
    const log = await s.gql<any>('query($id: ID!) { registerEntry(id: $id) { changes(last: 2) { kind applicationReference } } }', { id: from.id }, cadre);
    expect(log.data.registerEntry.changes).toEqual([
      { kind: 'member_died', applicationReference: died.reference },
      { kind: 'member_removed', applicationReference: expect.any(String) },
    ]);

    // Both are then listed in another household: the one who moved out is alive; the dead one is not.
    const [current] = (await entries(cadre, DONGJIE)).filter((e) => e.id === to.id);
    const listed = await correct(cadre, current, { ...current.data, members: [...current.data.members, dead, movedOut], householdSize: current.data.members.length + 2 });
    await run(cadre, DONGJIE);
    const found = await findings(cadre, { checkKey: 'builtin:dead_alive', status: 'open' });
    expect(found).toEqual([expect.objectContaining({ recordKind: 'entry', recordKey: to.id, regionCode: DONGJIE, severity: 'error', messageEn: 'A person recorded as dead is still listed as a living member of a household' })]);
    expect(found[0].detail).toMatchObject({ personName: dead.name, diedInEntryId: from.id, diedInName: from.data.head.name, applicationReference: died.reference, sameHousehold: false });
    expect(found[0].detail.idNumber).toBe(`${dead.idNumber.slice(0, 4)}**********${dead.idNumber.slice(14)}`);
    expect(JSON.stringify(found[0])).not.toContain(dead.idNumber);

    // A reviewer of another township sees nothing of it.
    const other = await findings(await s.login('yaoshan_reviewer'), { checkKey: 'builtin:dead_alive' });
    expect(other).toEqual([]);

    // The cadre removes the dead person from the household; the next run closes the finding.
    await correct(cadre, listed, { ...listed.data, members: listed.data.members.filter((m: any) => m.idNumber !== dead.idNumber), householdSize: listed.data.members.length - 1 });
    const fixed = await run(cadre, DONGJIE);
    expect(fixed.findingsClosed).toBeGreaterThanOrEqual(1);
    expect(await findings(cadre, { checkKey: 'builtin:dead_alive' })).toEqual([expect.objectContaining({ id: found[0].id, status: 'fixed' })]);

    // Aid for the deceased: after the death, the head teacher files 雨露计划 with the dead member as
    // the student. The open case is flagged; the approved 家庭成员减少 case that recorded the death
    // claims the same ID number and is not.
    const yulu = loadExample('yulu').example as any;
    const filed = await s.gql<any>('mutation($d: JSON) { createApplication(programmeKey: "yulu", regionCode: "130636100201", data: $d) { id version } }',
      { d: { ...yulu, student: { ...yulu.student, name: dead.name, idNumber: dead.idNumber } } }, await s.login('teacher'));
    expect(filed.errors).toBeUndefined();
    const inReview = await act(s, 'teacher', filed.data.createApplication, 'SUBMIT');
    expect(inReview.errors).toBeUndefined();
    await run(cadre, DONGJIE);
    const flagged = await findings(cadre, { checkKey: 'builtin:dead_applicant', status: 'open' });
    expect(flagged).toEqual([expect.objectContaining({ recordKind: 'application', recordKey: filed.data.createApplication.id, regionCode: DONGJIE, severity: 'error' })]);
    expect(flagged[0].detail).toMatchObject({ personName: dead.name, diedInEntryId: from.id, diedInName: from.data.head.name, applicationReference: died.reference, status: 'IN_REVIEW' });
    expect(JSON.stringify(flagged[0])).not.toContain(dead.idNumber);
    expect(await findings(await s.login('yaoshan_reviewer'), { checkKey: 'builtin:dead_applicant' })).toEqual([]);

    // The teacher rejects it: the claim is released and the next run closes the finding.
    const rejected = await act(s, 'teacher', inReview.data!.transitionApplication, 'REJECT', { comment: '学生已死亡' });
    expect(rejected.errors).toBeUndefined();
    await run(cadre, DONGJIE);
    expect(await findings(cadre, { checkKey: 'builtin:dead_applicant' })).toEqual([expect.objectContaining({ id: flagged[0].id, status: 'fixed' })]);
  });

  it('schedules runs as data, at most hourly', async () => {
    const designer = await s.login('designer');
    const every = await s.gql('mutation { setQualitySchedule(regionCode: "130636000000", cron: "* * * * *") { cron } }', {}, designer);
    expect(codeOf(every)).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql('mutation { setQualitySchedule(regionCode: "130636000000", cron: "not a cron") { cron } }', {}, designer))).toBe('BAD_USER_INPUT');
    const nightly = await s.gql<any>('mutation { setQualitySchedule(regionCode: "130636000000", cron: "0 2 * * *") { cron enabled nextRunAt } }', {}, designer);
    expect(nightly.errors).toBeUndefined();
    expect(nightly.data.setQualitySchedule).toMatchObject({ cron: '0 2 * * *', enabled: true });
    // 02:00 in China Standard Time is 18:00 UTC.
    expect(new Date(nightly.data.setQualitySchedule.nextRunAt).getUTCHours()).toBe(18);
    expect(codeOf(await s.gql('mutation { setQualitySchedule(regionCode: "130636000000", cron: "0 2 * * *") { cron } }', {}, await s.login('dongjie_cadre')))).toBe('FORBIDDEN');
    const listed = await s.gql<any>('{ qualitySchedules { regionCode cron } }', {}, designer);
    expect(listed.data.qualitySchedules).toEqual([{ regionCode: '130636000000', cron: '0 2 * * *' }]);
  });

  it('runs a scheduled occurrence once, however often its job is delivered', async () => {
    const designer = await s.login('designer');
    await s.gql('mutation { setQualitySchedule(regionCode: "130636100000", cron: "30 3 * * 1") { cron } }', {}, designer);
    const exec = sqlExecutor(s.orm.em.fork());
    const { rows } = await exec(`select next_run_at from quality_schedule where region_code = '130636100000'`);
    const at = toDate(rows[0].next_run_at);
    const runs = async () => Number((await exec(`select count(*) as n from quality_run where region_code = '130636100000' and trigger = 'schedule'`)).rows[0].n);
    // Two deliveries of the same occurrence at once (two processes), then a late third one.
    const ran = await Promise.all([1, 2].map(() => runScheduledOccurrence(sqlExecutor(s.orm.em.fork()), undefined, '130636100000', at.toISOString(), at)));
    const late = await runScheduledOccurrence(exec, undefined, '130636100000', at.toISOString(), at);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(late).toBe(false);
    expect(await runs()).toBe(1);
    const next = toDate((await exec(`select next_run_at from quality_schedule where region_code = '130636100000'`)).rows[0].next_run_at);
    expect(next.getTime() - at.getTime()).toBe(7 * 86_400_000);
  });
});
