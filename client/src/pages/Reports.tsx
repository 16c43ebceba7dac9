/**
 * /reports — reports as data: pick a saved report or build one (source, measures, dimensions,
 * filters, period), see it as a table and a chart, drill down by region (click a region: its
 * children), export it to Excel, print it, save it. The label above the figures says which
 * regions they cover (a village cadre sees their village, and is told so).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Input, Modal, Segmented, Select, Space, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { graphql } from '../graphql';
import type { RunReportQuery } from '../graphql/graphql';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { request } from '../api';
import { setQuery, useLocation } from '../router';
import { Chart } from '../components/Chart';
import { RegionCascader } from '../components/RegionCascader';
import { ProgrammesDocument } from './ProgrammeList';
import { RegistersDocument } from './registers-query';
import { downloadExport } from '../exports';
import { allowedAggregates, statFields } from '../../../server/src/reports/stat-fields';

const ReportsDocument = graphql(`
  query Reports { reports { id name description regionCode definition updatedAt } }
`);
const RunReportDocument = graphql(`
  query RunReport($id: ID, $definition: JSON, $regionCode: String) {
    runReport(id: $id, definition: $definition, regionCode: $regionCode) {
      columns { key title titleEn kind dimension level }
      rows { keys labels values }
      total regionCode scopeRegions { code name level } scopeLabel scopeLabelEn periodLabel periodLabelEn usedRollup
    }
  }
`);
const SaveReportDocument = graphql(`
  mutation SaveReport($input: SaveReportInput!) { saveReport(input: $input) { id name } }
`);
const DeleteReportDocument = graphql(`
  mutation DeleteReport($id: ID!) { deleteReport(id: $id) }
`);
const ReportFormDocument = graphql(`
  query ReportForm($key: String!) { programme(key: $key) { key currentVersion { formSchema } } }
`);
const ReportRegisterDocument = graphql(`
  query ReportRegister($key: String!) { register(key: $key) { key currentVersion { schema } } }
`);

type Result = RunReportQuery['runReport'];
type Def = {
  source: string;
  programmes?: string[];
  register?: string;
  measures: Array<{ key: string; kind: string; field?: string; numerator?: string; denominator?: string; scale?: number; where?: unknown[] }>;
  dimensions: Array<{ kind: string; level?: string; field?: string; unit?: string }>;
  filters?: Array<{ on: string; in: string[] }>;
  period?: { kind: string; from?: string; to?: string };
  chart?: string;
};

const PALETTE = ['#b71c1c', '#1677ff', '#fa8c16', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c', '#faad14', '#2f54eb'];
const LEVELS = ['county', 'township', 'village'];
const APP_SOURCES = ['applications', 'applicationEvents'];
const STATUSES: Array<[string, string, string]> = [
  ['DRAFT', '草稿', 'Draft'], ['IN_REVIEW', '审核中', 'In review'], ['UNDER_NOTICE', '公示中', 'Under notice'],
  ['APPROVED', '已批准', 'Approved'], ['REJECTED', '未批准', 'Rejected'], ['WITHDRAWN', '已撤回', 'Withdrawn'],
];

const DEFAULT_DEF: Def = {
  source: 'applications', programmes: ['dibao'],
  measures: [{ key: 'cases', kind: 'count' }],
  dimensions: [{ kind: 'region', level: 'township' }, { kind: 'state' }],
  chart: 'stacked',
};

/** Measure choices as select values: "count", "sum:/householdSize", "rate:approved" … */
function measureValue(m: Def['measures'][number]): string {
  return m.field ? `${m.kind}:${m.field}` : m.kind === 'ratio' ? 'approvalRate' : m.where ? `${m.kind}@${JSON.stringify(m.where)}` : m.kind;
}

export default function Reports() {
  const { t, lang, pick } = useI18n();
  const { query } = useLocation();
  const reportId = query.get('report');
  const regionCode = query.get('region');
  const saved = useQuery(ReportsDocument, {});
  const programmes = useQuery(ProgrammesDocument, {});
  const registers = useQuery(RegistersDocument, {});
  const [def, setDef] = useState<Def>(DEFAULT_DEF);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    document.title = `${t('reports.title')} · ${t('app.title')}`;
  }, [t]);

  // Choosing a saved report loads its definition into the builder.
  useEffect(() => {
    const r = saved.data?.reports.find((x) => x.id === reportId);
    if (r) {
      setDef(r.definition as Def);
      setName(r.name);
    }
  }, [reportId, saved.data]);

  const isApp = APP_SOURCES.includes(def.source);
  const firstProgramme = def.programmes?.[0] ?? '';
  const form = useQuery(ReportFormDocument, { key: firstProgramme }, { skip: !isApp || !firstProgramme });
  const registerKey = def.register ?? registers.data?.registers[0]?.key ?? '';
  const regForm = useQuery(ReportRegisterDocument, { key: registerKey }, { skip: isApp || !registerKey });
  const fields = useMemo(
    () => statFields(isApp ? form.data?.programme?.currentVersion?.formSchema : regForm.data?.register?.currentVersion?.schema),
    [isApp, form.data, regForm.data],
  );
  const register = registers.data?.registers.find((r) => r.key === registerKey);

  const run = useQuery(RunReportDocument, { definition: def, regionCode }, { skip: isApp ? !def.programmes?.length : !def.register });
  const result = run.data?.runReport;

  const update = (patch: Partial<Def>) => setDef((d) => ({ ...d, ...patch }));
  const changeSource = (source: string) => {
    const app = APP_SOURCES.includes(source);
    setDef({
      source,
      ...(app ? { programmes: def.programmes?.length ? def.programmes : ['dibao'] } : { register: registerKey }),
      measures: [{ key: 'count', kind: 'count' }],
      dimensions: [{ kind: 'region', level: 'township' }, ...(source === 'registerChanges' || source === 'applicationEvents' ? [{ kind: 'changeKind' }] : app ? [{ kind: 'state' }] : [{ kind: 'registerStatus' }])],
      chart: 'stacked',
    });
  };

  // ---- choices -----------------------------------------------------------------------------
  const measureOptions = [
    { value: 'count', label: pick(def.source === 'persons' ? '人数' : def.source === 'entries' ? '户数' : isApp ? (def.source === 'applications' ? '件数' : '办理次数') : '变更次数', 'Count') },
    { value: 'households', label: pick('户数（去重）', 'Households (distinct)') },
    { value: 'persons', label: pick('人数（家庭成员）', 'Persons (members)') },
    ...(def.source === 'applications' ? [
      { value: 'daysPending', label: pick('平均在办天数', 'Average days pending') },
      { value: `count@${JSON.stringify([{ on: 'status', in: ['APPROVED'] }])}`, label: pick('已批准件数', 'Approved') },
      { value: 'approvalRate', label: pick('批准率（%）', 'Approval rate (%)') },
    ] : []),
    ...fields.filter((f) => f.kind === 'number').flatMap((f) => allowedAggregates(f).map((a) => ({
      value: `${a}:${f.pointer}`,
      label: `${f.title} · ${pick({ sum: '合计', avg: '平均', min: '最小', max: '最大' }[a]!, a)}`,
    }))),
  ];
  // A rate shows as one choice: its numerator (approved cases) is part of it.
  const measureValues = (() => {
    const vs = [...new Set(def.measures.map(measureValue))];
    return vs.includes('approvalRate') ? vs.filter((v) => !v.startsWith('count@')) : vs;
  })();
  const setMeasures = (values: string[]) => {
    const measures: Def['measures'] = [];
    const approved = { key: 'approved', kind: 'count', where: [{ on: 'status', in: ['APPROVED'] }] };
    for (const v of values.slice(0, 6)) {
      if (v === 'approvalRate') {
        if (!measures.some((m) => m.key === 'approved')) measures.push(approved);
        if (!measures.some((m) => m.key === 'count')) measures.push({ key: 'count', kind: 'count' });
        measures.push({ key: 'rate', kind: 'ratio', numerator: 'approved', denominator: 'count', scale: 100 });
      } else if (v.includes('@')) {
        if (!measures.some((m) => m.key === 'approved')) measures.push(approved);
      } else if (v.includes(':')) {
        const [kind, field] = [v.slice(0, v.indexOf(':')), v.slice(v.indexOf(':') + 1)];
        measures.push({ key: `m${measures.length}`, kind, field });
      } else if (!measures.some((m) => m.key === v)) measures.push({ key: v, kind: v });
    }
    if (measures.length) update({ measures });
  };

  const dimensionOptions = [
    ...LEVELS.map((l) => ({ value: `region:${l}`, label: pick({ county: '按县', township: '按乡镇', village: '按村' }[l]!, `By ${l}`) })),
    ...(isApp ? [
      { value: 'programme', label: pick('按项目', 'By programme') },
      { value: 'state', label: pick('按环节', 'By step') },
      { value: 'status', label: pick('按状态', 'By status') },
    ] : [{ value: 'registerStatus', label: pick('按户类别', 'By register status') }]),
    ...(def.source === 'applicationEvents' || def.source === 'registerChanges' ? [{ value: 'changeKind', label: pick('按变更类型', 'By change kind') }] : []),
    ...['month', 'quarter', 'year'].map((u) => ({ value: `period:${u}`, label: pick({ month: '按月', quarter: '按季度', year: '按年' }[u]!, `By ${u}`) })),
    ...fields.filter((f) => f.kind === 'group' && f.enumValues).map((f) => ({ value: `field:${f.pointer}`, label: `${pick('按', 'By ')}${f.title}` })),
  ];
  const dimValue = (d: Def['dimensions'][number]) => (d.kind === 'region' ? `region:${d.level}` : d.kind === 'period' ? `period:${d.unit}` : d.kind === 'field' ? `field:${d.field}` : d.kind);
  const setDimensions = (values: string[]) => update({
    dimensions: values.slice(0, 3).map((v) => {
      const [kind, rest] = [v.split(':')[0]!, v.slice(v.indexOf(':') + 1)];
      return kind === 'region' ? { kind, level: rest } : kind === 'period' ? { kind, unit: rest } : kind === 'field' ? { kind, field: rest } : { kind };
    }),
  });

  const statusFilter = def.filters?.find((f) => f.on === (isApp ? 'status' : 'registerStatus'))?.in ?? [];
  const statusOptions = isApp
    ? STATUSES.map(([v, zh, en]) => ({ value: v, label: pick(zh, en) }))
    : (register?.currentVersion?.statuses ?? []).map((s) => ({ value: s.value, label: pick(s.zh, s.en) }));

  // ---- drill down --------------------------------------------------------------------------
  const regionDim = def.dimensions.findIndex((d) => d.kind === 'region');
  const drillable = regionDim >= 0 && def.dimensions[regionDim]!.level !== 'village';
  const drill = (code: string) => {
    if (!drillable || !code) return;
    const level = def.dimensions[regionDim]!.level!;
    const next = LEVELS[LEVELS.indexOf(level) + 1]!;
    setDef((d) => ({ ...d, dimensions: d.dimensions.map((x, i) => (i === regionDim ? { ...x, level: next } : x)) }));
    setQuery({ region: code });
  };

  // ---- chart -------------------------------------------------------------------------------
  const chartKind = def.chart ?? 'bar';
  const option = useMemo(() => chartOption(result, chartKind, pick), [result, chartKind, pick]);

  const columns = (result?.columns ?? []).map((c, i) => ({
    key: c.key,
    title: pick(c.title, c.titleEn),
    align: c.kind === 'measure' ? ('right' as const) : undefined,
    className: c.kind === 'measure' ? 'nowrap' : undefined,
    render: (_: unknown, r: Result['rows'][number] & { total?: boolean }) => {
      const dims = result!.columns.filter((x) => x.kind === 'dimension').length;
      if (c.kind === 'dimension') {
        if (r.total) return i === 0 ? <strong>{pick('合计', 'Total')}</strong> : '';
        const label = r.labels[i] ?? '';
        return c.dimension === 'region' && drillable && i === regionDim && r.keys[i]
          ? <Button type="link" size="small" className="report-drill" onClick={() => drill(r.keys[i]!)}>{label}</Button>
          : label;
      }
      const v = r.values[i - dims];
      return v == null ? '—' : v.toLocaleString(lang === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 });
    },
  }));
  const dataSource = result ? [...result.rows.map((r) => ({ ...r, total: false })), ...(result.columns.some((c) => c.kind === 'dimension') ? [{ keys: [], labels: [], values: result.total, total: true }] : [])] : [];

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const q = new URLSearchParams({ definition: JSON.stringify(def), ...(regionCode ? { region: regionCode } : {}), ...(name ? { name } : {}) });
      await downloadExport(`/exports/report.xlsx?${q}`, 'report.xlsx');
    } catch (e) {
      void message.error(errorText(t, lang, e));
    } finally {
      setExporting(false);
    }
  };
  const save = async () => {
    if (!name.trim()) { void message.warning(pick('请填写报表名称', 'Name the report first')); return; }
    setSaving(true);
    try {
      const existing = saved.data?.reports.find((x) => x.id === reportId && x.name === name.trim());
      const r = await request(SaveReportDocument, { input: { id: existing?.id ?? null, name: name.trim(), regionCode: existing?.regionCode ?? result?.regionCode ?? result?.scopeRegions[0]?.code ?? '130636000000', definition: def } });
      void message.success(pick(`已保存：${r.saveReport.name}`, `Saved: ${r.saveReport.name}`));
      await saved.reload();
      setQuery({ report: r.saveReport.id });
    } catch (e) {
      void message.error(errorText(t, lang, e));
    } finally {
      setSaving(false);
    }
  };
  const remove = () => Modal.confirm({
    title: pick(`删除报表“${name}”？`, `Delete the report "${name}"?`),
    onOk: async () => {
      try {
        await request(DeleteReportDocument, { id: reportId! });
        setQuery({ report: null });
        await saved.reload();
      } catch (e) {
        void message.error(errorText(t, lang, e));
      }
    },
  });

  const err = run.error ?? programmes.error;
  return (
    <div className="page report-page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('reports.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead no-print">{t('reports.intro')}</Typography.Paragraph>
        </div>
      </div>
      <div className="toolbar no-print">
        <Select
          style={{ minWidth: 220 }}
          aria-label={pick('已保存的报表', 'Saved reports')}
          data-testid="report-pick"
          allowClear
          value={reportId ?? undefined}
          placeholder={pick('选择已保存的报表', 'Pick a saved report')}
          onChange={(v) => { setQuery({ report: v ?? null }); if (!v) { setDef(DEFAULT_DEF); setName(''); } }}
          options={(saved.data?.reports ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
        <RegionCascader value={regionCode} onChange={(c) => setQuery({ region: c })} placeholder={pick('我的全部地区', 'All my regions')} aria-label={t('inbox.region')} />
        <Button onClick={exportXlsx} loading={exporting} data-testid="report-export">{pick('导出 Excel', 'Export Excel')}</Button>
        <Button onClick={() => window.print()}>{pick('打印', 'Print')}</Button>
      </div>

      <Card size="small" className="no-print report-builder" title={pick('报表设置', 'Build the report')}>
        <div className="report-builder-grid">
          <label>
            <span>{pick('数据来源', 'Source')}</span>
            <Select id="report-source" value={def.source} onChange={changeSource} options={[
              { value: 'applications', label: pick('申请', 'Applications') },
              { value: 'applicationEvents', label: pick('申请办理记录', 'Application history') },
              { value: 'entries', label: pick('户档案', 'Register entries') },
              { value: 'persons', label: pick('人员', 'Persons') },
              { value: 'registerChanges', label: pick('档案变更记录', 'Register changes') },
            ]} />
          </label>
          {isApp ? (
            <label>
              <span>{pick('项目', 'Programmes')}</span>
              <Select id="report-programmes" mode="multiple" maxCount={10} value={def.programmes} onChange={(v) => update({ programmes: v, filters: [] })}
                options={(programmes.data?.programmes ?? []).filter((p) => p.currentVersion).map((p) => ({ value: p.key, label: pick(p.name, p.nameEn) }))} />
            </label>
          ) : (
            <label>
              <span>{pick('登记簿', 'Register')}</span>
              <Select id="report-register" value={registerKey} onChange={(v) => update({ register: v })}
                options={(registers.data?.registers ?? []).map((r) => ({ value: r.key, label: pick(r.name, r.nameEn) }))} />
            </label>
          )}
          <label>
            <span>{pick('指标', 'Measures')}</span>
            <Select id="report-measures" mode="multiple" value={measureValues}
              onChange={setMeasures} options={measureOptions} />
          </label>
          <label>
            <span>{pick('维度（最多 3 个）', 'Dimensions (up to 3)')}</span>
            <Select id="report-dimensions" mode="multiple" maxCount={3} value={def.dimensions.map(dimValue)} onChange={setDimensions} options={dimensionOptions} />
          </label>
          <label>
            <span>{isApp ? pick('状态筛选', 'Status filter') : pick('户类别筛选', 'Register status filter')}</span>
            <Select id="report-filter" mode="multiple" allowClear value={statusFilter} placeholder={pick('全部', 'All')}
              onChange={(v: string[]) => update({ filters: v.length ? [{ on: isApp ? 'status' : 'registerStatus', in: v }] : [] })} options={statusOptions} />
          </label>
          <label>
            <span>{pick('期间', 'Period')}</span>
            <Space.Compact style={{ width: '100%' }}>
              <Select id="report-period" value={def.period?.kind ?? 'all'} style={{ minWidth: 110 }}
                onChange={(v) => update({ period: v === 'all' ? undefined : v === 'range' ? { kind: 'range', from: dayjs().startOf('year').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') } : { kind: v } })}
                options={[
                  { value: 'all', label: pick('不限', 'Any time') }, { value: 'thisMonth', label: pick('本月', 'This month') }, { value: 'lastMonth', label: pick('上月', 'Last month') },
                  { value: 'thisYear', label: pick('本年', 'This year') }, { value: 'lastYear', label: pick('上年', 'Last year') }, { value: 'range', label: pick('日期范围', 'Date range') },
                ]} />
              {def.period?.kind === 'range' && (
                <DatePicker.RangePicker allowClear={false} value={[dayjs(def.period.from), dayjs(def.period.to)]}
                  onChange={(v) => v?.[0] && v[1] && update({ period: { kind: 'range', from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') } })} />
              )}
            </Space.Compact>
          </label>
          <label>
            <span>{pick('报表名称', 'Report name')}</span>
            <Space.Compact style={{ width: '100%' }}>
              <Input id="report-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} placeholder={pick('如：低保按村统计', 'e.g. 低保 by village')} />
              <Button type="primary" onClick={save} loading={saving}>{pick('保存', 'Save')}</Button>
              {reportId && <Button danger onClick={remove}>{pick('删除', 'Delete')}</Button>}
            </Space.Compact>
          </label>
        </div>
      </Card>

      {err != null && <Alert type="error" showIcon role="alert" title={errorText(t, lang, err)} style={{ margin: '12px 0' }} />}
      {result && (
        <div className="report-scope" data-testid="report-scope">
          <Tag color="red">{pick(result.scopeLabel, result.scopeLabelEn)}</Tag>
          {result.periodLabel && <Tag>{pick(result.periodLabel, result.periodLabelEn)}</Tag>}
          {regionCode && <Button size="small" className="no-print" onClick={() => {
            setDef((d) => ({ ...d, dimensions: d.dimensions.map((x) => (x.kind === 'region' ? { ...x, level: 'township' } : x)) }));
            setQuery({ region: null });
          }}>{pick('返回全部地区', 'Back to all regions')}</Button>}
        </div>
      )}
      <Card size="small" className="report-chart" title={name || pick('图表', 'Chart')}
        loading={run.loading && !run.data}>
        <div className="report-chart-kinds no-print">
          <Segmented size="small" value={chartKind} onChange={(v) => update({ chart: v as string })} options={[
          { value: 'bar', label: pick('柱状', 'Bars') }, { value: 'stacked', label: pick('堆叠', 'Stacked') }, { value: 'pie', label: pick('饼图', 'Pie') }, { value: 'line', label: pick('折线', 'Line') }, { value: 'table', label: pick('仅表格', 'Table only') },
        ]} />
        </div>
        {chartKind !== 'table' && (result?.rows.length ? <Chart option={option} label={name || t('reports.title')} onClick={drillable && regionDim === 0 && chartKind !== 'pie' ? (i) => drill(result.rows.find((r) => r.labels[0] === [...new Set(result.rows.map((x) => x.labels[0]))][i])?.keys[0] ?? '') : undefined} /> : <Empty description={t('reports.empty')} />)}
        <Table
          size="small"
          className="report-table"
          rowKey={(r) => (r.total ? '__total' : r.keys.join('|'))}
          pagination={dataSource.length > 200 ? { pageSize: 100, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          dataSource={dataSource}
          columns={columns}
          style={{ marginTop: chartKind === 'table' ? 0 : 12 }}
        />
      </Card>
    </div>
  );
}

/** The chart for the result: first dimension on the axis, second (if any) as series. */
function chartOption(result: Result | undefined, kind: string, pick: (zh: string, en?: string | null) => string) {
  if (!result?.rows.length) return {};
  const dims = result.columns.filter((c) => c.kind === 'dimension').length;
  const measures = result.columns.filter((c) => c.kind === 'measure');
  const axis = [...new Set(result.rows.map((r) => r.labels[0] ?? pick('合计', 'Total')))];
  if (kind === 'pie') {
    return {
      color: PALETTE, tooltip: { trigger: 'item' }, legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: axis.map((a) => ({ name: a, value: result.rows.filter((r) => (r.labels[0] ?? '') === a).reduce((n, r) => n + (r.values[0] ?? 0), 0) })), label: { formatter: '{b}: {c}' } }],
    };
  }
  const type = kind === 'line' ? 'line' : 'bar';
  const series = dims >= 2
    ? [...new Set(result.rows.map((r) => r.labels[1]!))].map((s) => ({
        name: s, type, ...(kind === 'stacked' ? { stack: 'all' } : {}), barMaxWidth: 40,
        data: axis.map((a) => result.rows.filter((r) => r.labels[0] === a && r.labels[1] === s).reduce((n, r) => n + (r.values[0] ?? 0), 0)),
      }))
    : measures.map((m, i) => ({ name: pick(m.title, m.titleEn), type, ...(kind === 'stacked' ? { stack: 'all' } : {}), barMaxWidth: 40, data: result.rows.map((r) => r.values[i]) }));
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 70, containLabel: true },
    xAxis: { type: 'category', data: axis, axisLabel: { interval: 0, rotate: axis.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series,
  };
}
