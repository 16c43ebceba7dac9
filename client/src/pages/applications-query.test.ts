import { describe, expect, it } from 'vitest';
import { applicationsCsv, filterFromQuery, filterVariables, type ApplicationRow } from './applications-query';

describe('the filter in the address bar', () => {
  it('reads every parameter; a blank search is no search', () => {
    const f = filterFromQuery(new URLSearchParams('q=%20%20&programme=dibao&status=APPROVED&state=county_review&region=130636100&from=2026-01-01&to=2026-01-31'));
    expect(f).toEqual({ q: null, programme: 'dibao', status: 'APPROVED', state: 'county_review', region: '130636100', from: '2026-01-01', to: '2026-01-31' });
  });

  it('sends whole local days: the start of "from", the end of "to"', () => {
    const v = filterVariables({ q: '王', programme: null, status: null, state: null, region: null, from: '2026-01-01', to: '2026-01-31' });
    expect(new Date(v.submittedFrom!).getTime()).toBe(new Date(2026, 0, 1, 0, 0, 0, 0).getTime());
    expect(new Date(v.submittedTo!).getTime()).toBe(new Date(2026, 0, 31, 23, 59, 59, 999).getTime());
    expect(v.search).toBe('王');
  });

  it('ignores dates that are not YYYY-MM-DD', () => {
    const v = filterVariables({ q: null, programme: null, status: null, state: null, region: null, from: 'yesterday', to: '2026-02-30' });
    expect(v.submittedFrom).toBeNull();
    expect(v.submittedTo).toBeNull();
  });
});

describe('applicationsCsv', () => {
  const row = (over: Partial<ApplicationRow>): ApplicationRow => ({
    id: '1', reference: '130636-DIBAO-2026-000001', programmeKey: 'dibao', programme: { key: 'dibao', name: '农村低保', nameEn: 'Dibao' },
    regionCode: '130636100201', region: { name: '东街村' }, state: 'township_review', stateTitle: '乡镇审核', stateTitleEn: 'Township review',
    stateKind: 'task', status: 'IN_REVIEW', applicantName: '张三', submittedAt: new Date(2026, 2, 5, 14, 7).toISOString(), updatedAt: new Date(2026, 2, 6, 9, 0).toISOString(),
    ...over,
  }) as ApplicationRow;
  const labels = {
    header: ['编号', '申请人', '项目', '所在村', '区划代码', '环节', '状态', '提交时间', '最后变动'],
    programme: (r: ApplicationRow) => r.programme.name,
    step: (r: ApplicationRow) => r.stateTitle,
    status: (r: ApplicationRow) => ({ IN_REVIEW: '审核中', DRAFT: '草稿' })[r.status] ?? r.status,
  };

  it('writes a BOM, the header and one line per application', () => {
    const lines = applicationsCsv([row({}), row({ id: '2', applicantName: null, submittedAt: null, status: 'DRAFT' })], labels).split('\r\n');
    expect(lines[0]).toBe('\uFEFF编号,申请人,项目,所在村,区划代码,环节,状态,提交时间,最后变动');
    expect(lines[1]).toBe('130636-DIBAO-2026-000001,张三,农村低保,东街村,130636100201,乡镇审核,审核中,2026-03-05 14:07,2026-03-06 09:00');
    expect(lines[2]).toBe('130636-DIBAO-2026-000001,,农村低保,东街村,130636100201,乡镇审核,草稿,,2026-03-06 09:00');
    expect(lines[3]).toBe('');
  });

  it('neutralises an applicant name that looks like a formula', () => {
    const text = applicationsCsv([row({ applicantName: '=cmd|" /C calc"!A0' })], labels);
    expect(text).toContain(`"'=cmd|"" /C calc""!A0"`);
  });
});
