/**
 * /applications — every application the user's regions cover: search by reference or the start of
 * the applicant's name, filters in the address bar, cursor paging with a stack for "previous",
 * and a CSV export of the whole filter.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Grid, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { Link, setQuery, useLocation } from '../router';
import { RegionCascader } from '../components/RegionCascader';
import { ProgrammesDocument } from './ProgrammeList';
import { ProgrammeStepsDocument } from './Inbox';
import { kindColor } from '../format-status';
import { CaseCards } from '../components/CaseCards';
import { fmtDateTime } from '../format';
import { csvFileName } from '../csv';
import { BulkActions } from '../components/BulkActions';
import { ExportButton } from '../components/ExportButton';
import {
  ApplicationListDocument,
  EXPORT_MAX,
  STATUSES,
  applicationsCsv,
  downloadText,
  fetchAllApplications,
  filterFromQuery,
  filterVariables,
  type ApplicationRow,
} from './applications-query';

const PAGE_SIZE = 20;

export const statusColor: Record<string, string> = {
  DRAFT: 'default', IN_REVIEW: 'blue', UNDER_NOTICE: 'orange', APPROVED: 'green', REJECTED: 'red', WITHDRAWN: 'default',
};

export default function Applications() {
  const { t, lang, pick, tOr } = useI18n();
  const { message } = App.useApp();
  const { query } = useLocation();
  const filter = filterFromQuery(query);
  const filterKey = JSON.stringify(filter);
  const [search, setSearch] = useState(filter.q ?? '');
  // Relay cursors only go forward: a stack of the `after` of every page on the way here.
  const [stack, setStack] = useState<(string | null)[]>([null]);
  useEffect(() => setStack([null]), [filterKey]);
  useEffect(() => setSearch(filter.q ?? ''), [filter.q]);
  useEffect(() => {
    document.title = `${t('apps.title')} · ${t('app.title')}`;
  }, [t]);

  const vars = useMemo(() => filterVariables(JSON.parse(filterKey)), [filterKey]);
  const after = stack[stack.length - 1];
  const { data, error, loading, reload } = useQuery(ApplicationListDocument, { ...vars, first: PAGE_SIZE, after });
  const programmes = useQuery(ProgrammesDocument, {});
  const steps = useQuery(ProgrammeStepsDocument, { key: filter.programme ?? '' }, { skip: !filter.programme });
  const conn = data?.applications;
  const rows = conn?.edges.map((e) => e.node) ?? [];
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const narrow = Grid.useBreakpoint().sm === false;
  useEffect(() => setSelectedIds([]), [filterKey, after]);
  const selected = rows.filter((r) => selectedIds.includes(r.id));

  const stateOptions = useMemo(() => {
    if (!filter.programme) return [];
    const nodes = steps.data?.programme?.currentVersion?.diagram.nodes ?? [];
    return nodes.map((n) => ({ value: n.id, label: pick(n.title, n.titleEn) }));
  }, [filter.programme, steps.data, pick]);

  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const abort = useRef<{ aborted: boolean }>({ aborted: false });
  useEffect(() => () => void (abort.current.aborted = true), []);

  async function exportCsv() {
    abort.current = { aborted: false };
    const signal = abort.current;
    setExporting({ done: 0, total: conn?.totalCount ?? 0 });
    try {
      const r = await fetchAllApplications(filter, (done, total) => setExporting({ done, total }), signal);
      if (signal.aborted) return;
      const text = applicationsCsv(r.rows, {
        header: [t('apps.reference'), t('apps.applicant'), t('apps.programme'), t('apps.village'), t('apps.villageCode'), t('apps.step'), t('apps.status'), t('apps.submitted'), t('apps.updated')],
        programme: (x) => pick(x.programme.name, x.programme.nameEn),
        step: (x) => pick(x.stateTitle, x.stateTitleEn),
        status: (x) => tOr(`status.${x.status}`, x.status),
      });
      downloadText(text, csvFileName(t('apps.fileName')));
      if (r.truncated) message.warning(t('apps.exportTruncated', { max: EXPORT_MAX, total: r.total }));
      else message.success(t('apps.exported', { n: r.rows.length }));
    } catch (e) {
      message.error(errorText(t, lang, e));
    } finally {
      setExporting(null);
    }
  }

  const from = filter.from ? dayjs(filter.from) : null;
  const to = filter.to ? dayjs(filter.to) : null;
  const page = stack.length;
  const pages = Math.max(1, Math.ceil((conn?.totalCount ?? 0) / PAGE_SIZE));

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('apps.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('apps.intro')}</Typography.Paragraph>
        </div>
        <Space wrap>
          <ExportButton
            list="applications"
            filter={{ search: vars.search, programmeKey: vars.programmeKey, status: vars.status, state: vars.state, regionCode: vars.regionCode, submittedFrom: vars.submittedFrom, submittedTo: vars.submittedTo }}
            disabled={!conn?.totalCount}
          />
          {exporting && (
            <span className="export-progress" role="status" aria-live="polite">
              <Progress type="line" size="small" style={{ width: 160 }} percent={exporting.total ? Math.round((exporting.done / exporting.total) * 100) : 0} />
              <Typography.Text type="secondary">{t('apps.exporting', { done: exporting.done, total: exporting.total })}</Typography.Text>
              <Button size="small" onClick={() => (abort.current.aborted = true)}>{t('common.cancel')}</Button>
            </span>
          )}
          <Button icon={<DownloadOutlined />} onClick={exportCsv} loading={!!exporting} disabled={!conn?.totalCount}>
            {t('apps.export')}
          </Button>
        </Space>
      </div>
      <div className="toolbar" role="search" aria-label={t('apps.filters')}>
        <Input.Search
          id="apps-search"
          allowClear
          style={{ width: 260 }}
          placeholder={t('apps.searchHint')}
          aria-label={t('apps.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => setQuery({ q: v.trim() || null })}
          enterButton={t('apps.searchButton')}
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('inbox.allProgrammes')}
          aria-label={t('apps.programme')}
          value={filter.programme ?? undefined}
          onChange={(v) => setQuery({ programme: v, state: null })}
          options={(programmes.data?.programmes ?? []).map((p) => ({ value: p.key, label: pick(p.name, p.nameEn) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('apps.allStatuses')}
          aria-label={t('apps.status')}
          value={filter.status ?? undefined}
          onChange={(v) => setQuery({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('inbox.allStates')}
          aria-label={t('apps.step')}
          value={filter.state ?? undefined}
          onChange={(v) => setQuery({ state: v })}
          options={stateOptions}
          disabled={!filter.programme}
          title={filter.programme ? undefined : t('apps.pickProgrammeForStep')}
        />
        <RegionCascader value={filter.region} onChange={(c) => setQuery({ region: c })} placeholder={t('inbox.allRegions')} aria-label={t('apps.region')} />
        <DatePicker.RangePicker
          aria-label={t('apps.submittedRange')}
          placeholder={[t('apps.submittedFrom'), t('apps.submittedTo')]}
          value={[from, to]}
          allowEmpty={[true, true]}
          onChange={(v) => setQuery({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
        />
        <Button icon={<ReloadOutlined />} onClick={() => reload()}>{t('common.refresh')}</Button>
      </div>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" style={{ marginBottom: 12 }} />}
      <Typography.Paragraph className="apps-count" aria-live="polite">
        {conn ? t('apps.count', { n: conn.totalCount }) : '\u00a0'}
      </Typography.Paragraph>
      <BulkActions selected={selected} onClear={() => setSelectedIds([])} onDone={() => reload()} />
      {narrow ? (
        <CaseCards
          rows={rows}
          loading={loading}
          empty={t('apps.empty')}
          selectedIds={selectedIds}
          onSelect={(id, on) => setSelectedIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)))}
          foot={(r) => (
            <>
              <Tag bordered={false} color={statusColor[r.status]}>{tOr(`status.${r.status}`, r.status)}</Tag>
              <span className="history-meta">{r.submittedAt ? `${t('apps.submitted')}：${fmtDateTime(lang, r.submittedAt)}` : `${t('apps.updated')}：${fmtDateTime(lang, r.updatedAt)}`}</span>
            </>
          )}
        />
      ) : (
      <Table<ApplicationRow>
        rowKey="id"
        className="apps-table"
        loading={loading}
        rowSelection={{ selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys as string[]), columnWidth: 40 }}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('apps.empty') }}
        pagination={false}
        columns={[
          { title: t('apps.reference'), render: (_, r) => <Link to={`/applications/${r.id}`} className="nowrap">{r.reference}</Link> },
          { title: t('apps.applicant'), render: (_, r) => r.applicantName ?? '—' },
          { title: t('apps.programme'), render: (_, r) => pick(r.programme.name, r.programme.nameEn) },
          { title: t('apps.village'), render: (_, r) => r.region?.name ?? r.regionCode },
          { title: t('apps.step'), render: (_, r) => <Tag color={kindColor[r.stateKind] ?? 'default'}>{pick(r.stateTitle, r.stateTitleEn)}</Tag> },
          { title: t('apps.status'), render: (_, r) => <Tag bordered={false} color={statusColor[r.status]}>{tOr(`status.${r.status}`, r.status)}</Tag> },
          { title: t('apps.submitted'), render: (_, r) => <span className="nowrap">{fmtDateTime(lang, r.submittedAt)}</span> },
          { title: t('apps.updated'), render: (_, r) => <span className="nowrap">{fmtDateTime(lang, r.updatedAt)}</span> },
        ]}
      />
      )}
      <Space className="pager" style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
        <Typography.Text type="secondary">{t('inbox.pageOf', { page, pages })}</Typography.Text>
        <Button disabled={stack.length <= 1 || loading} onClick={() => setStack((s) => s.slice(0, -1))}>{t('common.prev')}</Button>
        <Button
          disabled={!conn?.pageInfo.hasNextPage || !conn.pageInfo.endCursor || loading}
          onClick={() => setStack((s) => [...s, conn!.pageInfo.endCursor!])}
        >
          {t('common.next')}
        </Button>
      </Space>
    </div>
  );
}
