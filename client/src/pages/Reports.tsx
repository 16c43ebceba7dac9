/** /reports — applicationStats as charts: by state, by township or village, for one programme. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Empty, Segmented, Select, Space, Table, Typography } from 'antd';
import { graphql } from '../graphql';
import type { ApplicationStatsQuery } from '../graphql/graphql';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { setQuery, useLocation } from '../router';
import { Chart } from '../components/Chart';
import { RegionCascader } from '../components/RegionCascader';
import { ProgrammesDocument } from './ProgrammeList';
import { fieldTitles } from '../format';

const ReportFormDocument = graphql(`
  query ReportForm($key: String!) {
    programme(key: $key) { key currentVersion { formSchema } }
  }
`);

const StatsDocument = graphql(`
  query ApplicationStats($programmeKey: String!, $regionCode: String, $groupBy: [String!]!) {
    applicationStats(programmeKey: $programmeKey, regionCode: $regionCode, groupBy: $groupBy) { keys labels count sums }
  }
`);
type Row = ApplicationStatsQuery['applicationStats'][number];

const PALETTE = ['#b71c1c', '#1677ff', '#fa8c16', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c', '#faad14', '#2f54eb'];

export default function Reports() {
  const { t, lang, pick } = useI18n();
  const { query } = useLocation();
  const programmes = useQuery(ProgrammesDocument, {});
  const list = programmes.data?.programmes ?? [];
  const programmeKey = query.get('programme') ?? list.find((p) => p.currentVersion)?.key ?? null;
  const regionCode = query.get('region');
  const area = (query.get('by') as 'township' | 'village') ?? 'township';
  const skip = !programmeKey;
  const byState = useQuery(StatsDocument, { programmeKey: programmeKey ?? '', regionCode, groupBy: ['state'] }, { skip });
  const byArea = useQuery(StatsDocument, { programmeKey: programmeKey ?? '', regionCode, groupBy: [area, 'state'] }, { skip });
  const [mode, setMode] = useState<'bar' | 'pie'>('bar');
  const form = useQuery(ReportFormDocument, { key: programmeKey ?? '' }, { skip });
  const titles = useMemo(() => fieldTitles(form.data?.programme?.currentVersion?.formSchema), [form.data]);

  useEffect(() => {
    document.title = `${t('reports.title')} · ${t('app.title')}`;
  }, [t]);

  const stateRows = byState.data?.applicationStats ?? [];
  const total = stateRows.reduce((s, r) => s + r.count, 0);
  const label = (r: Row, i: number) => r.labels?.[i] ?? r.keys?.[i] ?? '—';

  const stateOption = useMemo(
    () =>
      mode === 'pie'
        ? {
            color: PALETTE,
            tooltip: { trigger: 'item' },
            legend: { type: 'scroll', bottom: 0 },
            series: [{ type: 'pie', radius: ['35%', '65%'], data: stateRows.map((r) => ({ name: label(r, 0), value: r.count })), label: { formatter: '{b}: {c}' } }],
          }
        : {
            color: PALETTE,
            tooltip: { trigger: 'axis' },
            grid: { left: 48, right: 16, top: 16, bottom: 60 },
            xAxis: { type: 'category', data: stateRows.map((r) => label(r, 0)), axisLabel: { interval: 0, rotate: stateRows.length > 6 ? 30 : 0 } },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: stateRows.map((r) => r.count), barMaxWidth: 40, label: { show: true, position: 'top' } }],
          },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stateRows, mode],
  );

  // Township/village × state, stacked.
  const areaOption = useMemo(() => {
    const rows = byArea.data?.applicationStats ?? [];
    const areas = [...new Set(rows.map((r) => label(r, 0)))];
    const states = [...new Set(rows.map((r) => label(r, 1)))];
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 70 },
      xAxis: { type: 'category', data: areas, axisLabel: { interval: 0, rotate: areas.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: states.map((s) => ({
        name: s,
        type: 'bar',
        stack: 'all',
        barMaxWidth: 48,
        data: areas.map((a) => rows.filter((r) => label(r, 0) === a && label(r, 1) === s).reduce((n, r) => n + r.count, 0)),
      })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [byArea.data]);

  const err = programmes.error ?? byState.error ?? byArea.error;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('reports.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('reports.intro')}</Typography.Paragraph>
        </div>
      </div>
      <div className="toolbar">
        <Select
          style={{ minWidth: 240 }}
          aria-label={t('inbox.programme')}
          value={programmeKey ?? undefined}
          placeholder={t('newApp.pickProgramme')}
          onChange={(v) => setQuery({ programme: v })}
          options={list.map((p) => ({ value: p.key, label: pick(p.name, p.nameEn) }))}
        />
        <RegionCascader value={regionCode} onChange={(c) => setQuery({ region: c })} placeholder={t('reports.wholeCounty')} aria-label={t('inbox.region')} />
        <Typography.Text strong>{t('reports.total', { n: total })}</Typography.Text>
      </div>
      {err != null && <Alert type="error" showIcon role="alert" title={errorText(t, lang, err)} style={{ marginBottom: 12 }} />}
      {!programmeKey ? (
        <Empty description={t('newApp.pickFirst')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div className="designer-grid">
            <Card
              size="small"
              title={t('reports.byState')}
              loading={byState.loading && !byState.data}
              extra={<Segmented size="small" value={mode} onChange={(v) => setMode(v as 'bar' | 'pie')} options={[{ value: 'bar', label: t('reports.bar') }, { value: 'pie', label: t('reports.pie') }]} />}
            >
              {stateRows.length ? <Chart option={stateOption} label={t('reports.byState')} /> : <Empty description={t('reports.empty')} />}
            </Card>
            <Card
              size="small"
              title={area === 'township' ? t('reports.byTownship') : t('reports.byVillage')}
              loading={byArea.loading && !byArea.data}
              extra={<Segmented size="small" value={area} onChange={(v) => setQuery({ by: v as string })} options={[{ value: 'township', label: t('reports.township') }, { value: 'village', label: t('reports.village') }]} />}
            >
              {byArea.data?.applicationStats.length ? <Chart option={areaOption} label={t('reports.byTownship')} /> : <Empty description={t('reports.empty')} />}
            </Card>
          </div>
          <Card size="small" title={t('reports.table')}>
            <Table<Row>
              size="small"
              rowKey={(r) => (r.keys ?? []).join('|')}
              pagination={false}
              dataSource={byArea.data?.applicationStats ?? []}
              columns={[
                { title: area === 'township' ? t('reports.township') : t('reports.village'), render: (_, r) => label(r, 0) },
                { title: t('inbox.state'), render: (_, r) => label(r, 1) },
                { title: t('reports.count'), dataIndex: 'count', align: 'right', width: 90, className: 'nowrap' },
                {
                  title: t('reports.sums'),
                  render: (_, r) =>
                    r.sums && typeof r.sums === 'object' && Object.keys(r.sums).length
                      ? Object.entries(r.sums as Record<string, number>).map(([k, v]) => `${titles[k] ?? k}：${typeof v === 'number' ? v.toLocaleString() : String(v)}`).join('；')
                      : '—',
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
