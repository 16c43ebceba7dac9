/**
 * Every measure kind of a report against figures worked out by hand on generated data: a new
 * township (测试镇) with two villages, three households, five 低保 cases and a change log, written
 * straight into the tables so the expectations below are exact.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { sqlExecutor } from '../../server/src/core/sql.js';
import ExcelJS from '../../server/src/imports/exceljs.js';
import { docExample } from '../helpers/doc-examples.js';

const COUNTY = '130636000000';
const TOWN = '130636199000';
const V1 = '130636199001'; // 甲村
const V2 = '130636199002'; // 乙村

let s: TestServer;
let admin: string;
const exec = () => sqlExecutor(s.orm.em.fork());
const E = { e1: randomUUID(), e2: randomUUID(), e3: randomUUID() };

async function seedData(): Promise<void> {
  const x = exec();
  const county = (await x('select path from region where code = $1', [COUNTY])).rows[0].path as string;
  await x(`insert into region (code, name, level, parent_code, path) values ($1, '测试镇', 'township', $2, $3), ($4, '甲村', 'village', $1, $5), ($6, '乙村', 'village', $1, $7)`,
    [TOWN, COUNTY, `${county}${TOWN}/`, V1, `${county}${TOWN}/${V1}/`, V2, `${county}${TOWN}/${V2}/`]);
  const path = (v: string) => `${county}${TOWN}/${v}/`;

  const reg = (await x(`select r.id, v.id as version from register r join register_version v on v.register_id = r.id and v.status = 'published' where r.key = 'household'`)).rows[0];
  const entries: Array<[string, string, string, number, number, string]> = [
    // id, village, status, size, per-capita income, created
    [E.e1, V1, '建档立卡户', 3, 5000, '2026-03-10T02:00:00Z'],
    [E.e2, V1, '已脱贫', 2, 9000, '2026-05-02T02:00:00Z'],
    [E.e3, V2, '已脱贫', 4, 7000, '2026-05-20T02:00:00Z'],
  ];
  let n = 0;
  for (const [id, village, status, size, income, at] of entries) {
    await x(`insert into register_entry (id, register_id, version_id, region_code, region_path, key, name, status, data, created_at, updated_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $10)`,
      [id, reg.id, reg.version, village, path(village), `test-${id}`, `户主${++n}`, status, JSON.stringify({ status, householdSize: size, perCapitaIncome: income }), at]);
    for (let i = 0; i < size; i++) {
      await x(`insert into register_person (register_id, id_number, entry_id, role, name, pointer) values ($1, $2, $3, $4, $5, $6)`,
        [reg.id, `T${n}-${i}`, id, i === 0 ? 'head' : 'member', `成员${i}`, `/members/${i}`]);
    }
  }
  const changes: Array<[string, number, string, string]> = [
    [E.e1, 1, 'new', '2026-03-10T02:00:00Z'],
    [E.e2, 1, 'new', '2026-05-02T02:00:00Z'],
    [E.e2, 2, 'exit', '2026-05-20T02:00:00Z'],
    [E.e3, 1, 'new', '2026-05-20T02:00:00Z'],
    [E.e1, 2, 'correction', '2026-05-25T02:00:00Z'],
    [E.e3, 2, 'exit', '2026-06-15T02:00:00Z'],
  ];
  for (const [entry, seq, kind, at] of changes) {
    await x(`insert into register_change (entry_id, seq, at, kind, changes, version_id) values ($1, $2, $3, $4, '[]'::jsonb, $5)`, [entry, seq, at, kind, reg.version]);
  }

  // Five 低保 cases. State entered 4 and 10 days ago for the two in review.
  const apps: Array<[string, string | null, string, string, string | null, string, number, number]> = [
    // village, entry, state, status, submitted, state entered, size, per-capita income
    [V1, E.e1, 'approved', 'APPROVED', '2026-04-05T02:00:00Z', '2026-05-10T02:00:00Z', 3, 300],
    [V1, E.e1, 'township_review', 'IN_REVIEW', '2026-05-15T02:00:00Z', '-4 days', 3, 500],
    [V2, E.e3, 'rejected', 'REJECTED', '2026-05-20T02:00:00Z', '2026-06-01T02:00:00Z', 4, 800],
    [V2, null, 'village_appraisal', 'IN_REVIEW', '2026-06-03T02:00:00Z', '-10 days', 1, 200],
    [V2, null, 'draft', 'DRAFT', null, '2026-06-05T02:00:00Z', 2, 100],
  ];
  let ref = 0;
  for (const [village, entry, state, status, submitted, entered, size, income] of apps) {
    const enteredSql = entered.startsWith('-') ? `now() - interval '${entered.slice(1)}'` : `'${entered}'::timestamptz`;
    await x(`insert into application (id, reference, programme_id, programme_key, version_id, region_code, region_path, data, state, snapshot, status, created_by, created_at, updated_at, submitted_at, state_entered_at, entry_id)
      select $1, $2, programme_id, programme_key, version_id, $3, $4, $5::jsonb, $6, snapshot, $7, created_by, now(), now(), $8, ${enteredSql}, $9
      from application where programme_key = 'dibao' limit 1`,
      [randomUUID(), `TEST-${++ref}`, village, path(village), JSON.stringify({ householdSize: size, perCapitaIncome: income, reason: { category: '因病' } }), state, status, submitted, entry]);
  }
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login('admin');
  await seedData();
});
afterAll(async () => {
  await s?.stop();
});

const RUN = `query($d: JSON, $id: ID, $r: String) { runReport(definition: $d, id: $id, regionCode: $r) {
  columns { key title titleEn kind dimension level } rows { keys labels values } total regionCode scopeRegions { code name } scopeLabel scopeLabelEn periodLabel usedRollup } }`;

async function run(definition: unknown, regionCode = TOWN, token = admin) {
  const r = await s.gql(RUN, { d: definition, r: regionCode }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.runReport;
}
const byKey = (rows: Array<{ keys: string[]; values: Array<number | null> }>) => Object.fromEntries(rows.map((r) => [r.keys.join('|'), r.values]));

describe('report measures on applications', () => {
  const measures = [
    { key: 'cases', kind: 'count' },
    { key: 'households', kind: 'households' },
    { key: 'persons', kind: 'persons' },
    { key: 'size', kind: 'sum', field: '/householdSize' },
    { key: 'income', kind: 'avg', field: '/perCapitaIncome' },
    { key: 'low', kind: 'min', field: '/perCapitaIncome' },
    { key: 'high', kind: 'max', field: '/perCapitaIncome' },
    { key: 'approved', kind: 'count', where: [{ on: 'status', in: ['APPROVED'] }] },
  ];

  it('counts, distinct households, persons, sum, average, min and max by village', async () => {
    const r = await run({ source: 'applications', programmes: ['dibao'], measures, dimensions: [{ kind: 'region', level: 'village' }] });
    expect(r.rows.map((x: { labels: string[] }) => x.labels[0])).toEqual(['甲村', '乙村']);
    const rows = byKey(r.rows);
    // 甲村: two cases of household E1 (3 persons); 乙村: E3 (4 persons), one case without a household, one draft.
    expect(rows[V1]).toEqual([2, 1, 3, 6, 400, 300, 500, 1]);
    expect(rows[V2]).toEqual([3, 1, 4, 7, 366.6667, 100, 800, 0]);
    // The total is computed, not added up: 2 households, 7 persons, average over all five cases.
    expect(r.total).toEqual([5, 2, 7, 13, 380, 100, 800, 1]);
    expect(r.columns.map((c: { title: string }) => c.title)).toEqual(['村', '件数', '户数', '人数', '家庭人口（人）合计', '家庭月人均收入（元/月）平均', '家庭月人均收入（元/月）最小', '家庭月人均收入（元/月）最大', '件数']);
    expect(r.scopeLabel).toBe('统计范围：测试镇及下辖地区');
  });

  it('a ratio of two measures, and null where the denominator is zero', async () => {
    const r = await run({
      source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'region', level: 'village' }],
      measures: [
        { key: 'cases', kind: 'count' },
        { key: 'approved', kind: 'count', where: [{ on: 'status', in: ['APPROVED'] }] },
        { key: 'rejected', kind: 'count', where: [{ on: 'status', in: ['REJECTED'] }] },
        { key: 'rate', kind: 'ratio', numerator: 'approved', denominator: 'cases', scale: 100 },
        { key: 'odds', kind: 'ratio', numerator: 'approved', denominator: 'rejected' },
      ],
    });
    const rows = byKey(r.rows);
    expect(rows[V1]).toEqual([2, 1, 0, 50, null]);
    expect(rows[V2]).toEqual([3, 0, 1, 0, 0]);
    expect(r.total).toEqual([5, 1, 1, 20, 1]);
  });

  it('days pending per step', async () => {
    const r = await run({ source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'state' }], measures: [{ key: 'days', kind: 'daysPending' }, { key: 'cases', kind: 'count' }] });
    const rows = byKey(r.rows);
    expect(rows.township_review![0]).toBeCloseTo(4, 2);
    expect(rows.village_appraisal![0]).toBeCloseTo(10, 2);
    expect(rows.approved).toEqual([null, 1]);
    expect(r.total[0]).toBeCloseTo(7, 2);
    expect(r.rows.find((x: { keys: string[] }) => x.keys[0] === 'township_review').labels[0]).toBe('乡镇审核');
  });

  it('periods: month of submission from the roll-up, decisions in a date range from the cases', async () => {
    const months = await run({ source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'period', unit: 'month' }], measures: [{ key: 'cases', kind: 'count' }] });
    expect(months.usedRollup).toBe(true);
    expect(months.rows.map((x: { keys: string[]; values: number[] }) => [x.keys[0], x.values[0]])).toEqual([['', 1], ['2026-04', 1], ['2026-05', 2], ['2026-06', 1]]);
    const may = await run({ source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'status' }], measures: [{ key: 'cases', kind: 'count' }], period: { kind: 'range', from: '2026-05-01', to: '2026-05-31' } });
    expect(may.usedRollup).toBe(true);
    expect(byKey(may.rows)).toEqual({ IN_REVIEW: [1], REJECTED: [1] });
    expect(may.periodLabel).toBe('期间：2026-05-01 至 2026-05-31');
    const decided = await run({ source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'status' }], measures: [{ key: 'cases', kind: 'count' }], period: { kind: 'range', from: '2026-05-01', to: '2026-05-31', time: 'decided' } });
    expect(decided.usedRollup).toBe(false);
    expect(byKey(decided.rows)).toEqual({ APPROVED: [1] });
    // Not month-aligned: the cases themselves answer, with the same meaning.
    const part = await run({ source: 'applications', programmes: ['dibao'], measures: [{ key: 'cases', kind: 'count' }], dimensions: [], period: { kind: 'range', from: '2026-05-16', to: '2026-06-03' } });
    expect(part.usedRollup).toBe(false);
    expect(part.total).toEqual([2]);
  });

  it('quarters, and a filter on an enum field', async () => {
    const r = await run({ source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'period', unit: 'quarter' }, { kind: 'field', field: '/reason/category' }], filters: [{ on: 'field', field: '/reason/category', in: ['因病'] }], measures: [{ key: 'cases', kind: 'count' }] });
    expect(byKey(r.rows)).toEqual({ '|因病': [1], '2026-Q2|因病': [4] });
  });
});

describe('register reports', () => {
  it('households and persons by register status, with an incidence ratio (docs/reports.md)', async () => {
    const r = await run(docExample('docs/reports.md', 'incidence'));
    expect(byKey(r.rows)).toEqual({ 已脱贫: [2, 6, 6, 0, 0], 建档立卡户: [1, 3, 3, 3, 100] });
    expect(r.total).toEqual([3, 9, 9, 3, 33.3333]);
  });

  it('persons by village', async () => {
    const r = await run({ source: 'persons', register: 'household', dimensions: [{ kind: 'region', level: 'village' }], measures: [{ key: 'persons', kind: 'count' }, { key: 'households', kind: 'households' }] });
    expect(byKey(r.rows)).toEqual({ [V1]: [5, 2], [V2]: [4, 1] });
  });

  it('changes in a period from the register change log (docs/reports.md)', async () => {
    const r = await run(docExample('docs/reports.md', 'changes-in-may'));
    // May: E2 new and exit, E3 new, E1 corrected; E1's "new" (March) and E3's exit (June) are outside.
    expect(byKey(r.rows)).toEqual({ correction: [1, 1, 3], exit: [1, 1, 2], new: [2, 2, 6] });
    expect(r.rows.find((x: { keys: string[] }) => x.keys[0] === 'new').labels[0]).toBe('新识别');
    expect(r.total).toEqual([4, 3, 9]);
  });
});

describe('checks and scope', () => {
  it('refuses unknown fields, sums the form does not allow and bad ratios, each with its pointer', async () => {
    const bad = await s.gql(RUN, { d: {
      source: 'applications', programmes: ['dibao'],
      dimensions: [{ kind: 'field', field: '/nope' }],
      measures: [{ key: 'income', kind: 'sum', field: '/perCapitaIncome' }, { key: 'votes', kind: 'avg', field: '/appraisal/votesFor' }, { key: 'r', kind: 'ratio', numerator: 'income', denominator: 'missing' }],
    } }, admin);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.problems!.map((p) => p.path)).toEqual(['/measures/2/denominator']);
    const names = await s.gql(RUN, { d: {
      source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'field', field: '/nope' }],
      measures: [{ key: 'income', kind: 'sum', field: '/perCapitaIncome' }, { key: 'votes', kind: 'avg', field: '/appraisal/votesFor' }],
    } }, admin);
    expect(names.errors![0].extensions!.problems!.map((p) => p.path)).toEqual(['/measures/0/kind', '/measures/1/kind', '/dimensions/0']);
    expect(names.errors![0].extensions!.messageZh).toMatch(/报表定义有 3 处错误/);
    expect(codeOf(await s.gql(RUN, { d: { source: 'applications', programmes: ['dibao'], measures: [{ key: 'n', kind: 'count' }], dimensions: [{ kind: 'region', level: 'village' }, { kind: 'state' }, { kind: 'status' }, { kind: 'field', field: '/reason/category' }] } }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(RUN, { d: { source: 'applications', programmes: ['nope'], measures: [{ key: 'n', kind: 'count' }] } }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(RUN, { d: { source: 'applications', programmes: ['dibao'], measures: [{ key: 'n', kind: 'count' }] } }))).toBe('UNAUTHENTICATED');
  });

  it('a village cadre sees their village only, and the label says so', async () => {
    const cadre = await s.login('dongjie_cadre');
    const r = await run({ source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'region', level: 'village' }], measures: [{ key: 'n', kind: 'count' }] }, COUNTY, cadre);
    expect(r.rows.map((x: { labels: string[] }) => x.labels[0])).toEqual(['东街村']);
    expect(r.scopeLabel).toBe('统计范围：东街村（您有权查看的地区）');
    const county = await run({ source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'region', level: 'village' }], measures: [{ key: 'n', kind: 'count' }] }, COUNTY, await s.login('county_office'));
    expect(county.rows.find((x: { labels: string[] }) => x.labels[0] === '东街村').values).toEqual(r.rows[0].values);
    expect(codeOf(await s.gql(RUN, { d: { source: 'applications', programmes: ['dibao'], measures: [{ key: 'n', kind: 'count' }] }, r: TOWN }, cadre))).toBe('FORBIDDEN');
  });

  it('saves, lists, runs by id and deletes a report; only report managers may save', async () => {
    const office = await s.login('county_office');
    const definition = { source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'region', level: 'village' }], measures: [{ key: 'n', kind: 'count' }], chart: 'bar' };
    const saved = await s.gql('mutation($i: SaveReportInput!) { saveReport(input: $i) { id name regionCode definition } }', { i: { name: '低保按村', regionCode: COUNTY, definition } }, office);
    const id = saved.data.saveReport.id;
    expect(saved.data.saveReport.definition).toEqual(definition);
    const cadre = await s.login('dongjie_cadre');
    expect((await s.gql('{ reports { id name } }', {}, cadre)).data.reports.map((x: { name: string }) => x.name)).toContain('低保按村');
    const byId = await s.gql(RUN, { id, r: TOWN }, office);
    expect(byKey(byId.data.runReport.rows)).toEqual({ [V1]: [2], [V2]: [3] });
    expect(codeOf(await s.gql('mutation($i: SaveReportInput!) { saveReport(input: $i) { id } }', { i: { name: 'x', regionCode: COUNTY, definition } }, cadre))).toBe('FORBIDDEN');
    const bad = await s.gql('mutation($i: SaveReportInput!) { saveReport(input: $i) { id } }', { i: { name: 'x', regionCode: COUNTY, definition: { ...definition, measures: [] } } }, office);
    expect(bad.errors![0].extensions!.problems![0].path).toBe('/measures');
    expect((await s.gql('mutation($id: ID!) { deleteReport(id: $id) }', { id }, office)).data.deleteReport).toBe(true);
    expect(codeOf(await s.gql('query($id: ID!) { report(id: $id) { id } }', { id }, office))).toBe('NOT_FOUND');
  });

  it('exports a report as XLSX: the rows, the total and the scope', async () => {
    const definition = { source: 'applications', programmes: ['dibao'], dimensions: [{ kind: 'region', level: 'village' }], measures: [{ key: 'cases', kind: 'count' }, { key: 'income', kind: 'avg', field: '/perCapitaIncome' }] };
    const res = await fetch(`${s.url}/exports/report.xlsx?region=${TOWN}&name=${encodeURIComponent('低保按村')}&definition=${encodeURIComponent(JSON.stringify(definition))}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toMatch(/低保按村-\d{4}-\d{2}-\d{2}\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.slice(0, 5)).toEqual([['村', '件数', '家庭月人均收入（元/月）平均'], ['甲村', 2, 400], ['乙村', 3, 366.6667], ['合计', 5, 380], ['统计范围：测试镇及下辖地区']]);
    const refused = await fetch(`${s.url}/exports/report.xlsx?definition=${encodeURIComponent('{"source":"nope"}')}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(refused.status).toBe(400);
    expect((await fetch(`${s.url}/exports/report.xlsx?definition=%7B`)).status).toBe(401);
  });
});
