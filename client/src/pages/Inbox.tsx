/**
 * / — the task inbox: applications waiting for this user, with filters, counts and days waiting.
 * Sorted by due date by default (earliest first, overdue ones marked red), or newest first.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Grid, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { graphql } from '../graphql';
import type { MyTasksQuery } from '../graphql/graphql';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { Link, navigate, setQuery, useLocation } from '../router';
import { RegionCascader } from '../components/RegionCascader';
import { ProgrammesDocument } from './ProgrammeList';
import { daysSince, fmtDate, fmtDateTime } from '../format';
import { BulkActions } from '../components/BulkActions';
import { useCanFile } from '../components/Shell';
import { useSession } from '../session';
import { ExportButton } from '../components/ExportButton';
import { CaseCards } from '../components/CaseCards';
import { kindColor } from '../format-status';

const MyTasksDocument = graphql(`
  query MyTasks($programmeKey: String, $state: String, $regionCode: String, $overdue: Boolean, $orderBy: TaskOrder, $first: Int, $after: String) {
    myTasks(filter: { programmeKey: $programmeKey, state: $state, regionCode: $regionCode, overdue: $overdue }, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id reference programmeKey programme { key name nameEn }
          regionCode region { name }
          state stateTitle stateTitleEn stateKind status applicantName
          submittedAt stateEnteredAt updatedAt noticeEndsAt
          dueAt overdue openReview { occurrence title titleEn }
          version availableActions { event title titleEn requiresComment }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ProgrammeStepsDocument = graphql(`
  query ProgrammeSteps($key: String!) {
    programme(key: $key) { key currentVersion { diagram { nodes { id kind title titleEn } } } }
  }
`);

type Task = MyTasksQuery['myTasks']['edges'][number]['node'];
const PAGE_SIZES = [20, 50, 100];


export default function Inbox() {
  const { t, lang, pick } = useI18n();
  // 新建申请 only for those whose roles file some programme (as in the menu).
  const canFile = useCanFile(useSession().user?.id);
  const { query } = useLocation();
  // A phone gets one card per case instead of a table it would have to scroll sideways.
  const narrow = Grid.useBreakpoint().sm === false;
  const programmeKey = query.get('programme');
  const state = query.get('state');
  const regionCode = query.get('region');
  const pageSize = Number(query.get('size')) || 20;
  // ?order=newest switches from the default due-date order; ?overdue=1 keeps only overdue cases.
  const orderBy = query.get('order') === 'newest' ? 'NEWEST' : 'DUE';
  const overdueOnly = query.get('overdue') === '1';
  // Relay cursors only go forward: remember the cursor that starts each page we have seen.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(0);
  const filterKey = `${programmeKey}|${state}|${regionCode}|${pageSize}|${orderBy}|${overdueOnly}`;
  useEffect(() => {
    setCursors([null]);
    setPage(0);
  }, [filterKey]);

  const { data, error, loading, reload } = useQuery(MyTasksDocument, {
    programmeKey, state, regionCode, overdue: overdueOnly ? true : null, orderBy, first: pageSize, after: cursors[page] ?? null,
  });
  const programmes = useQuery(ProgrammesDocument, {});
  const steps = useQuery(ProgrammeStepsDocument, { key: programmeKey ?? '' }, { skip: !programmeKey });
  const conn = data?.myTasks;
  useEffect(() => {
    document.title = `${t('inbox.title')} · ${t('app.title')}`;
  }, [t]);
  useEffect(() => {
    if (conn?.pageInfo.hasNextPage && conn.pageInfo.endCursor) {
      setCursors((c) => {
        const next = [...c];
        next[page + 1] = conn.pageInfo.endCursor!;
        return next;
      });
    }
  }, [conn, page]);

  const rows = conn?.edges.map((e) => e.node) ?? [];
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  useEffect(() => setSelectedIds([]), [filterKey, page]);
  const selected = rows.filter((r) => selectedIds.includes(r.id));
  const toggle = (id: string, on: boolean) => setSelectedIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  const stateOptions = useMemo(() => {
    const m = new Map<string, string>();
    // The chosen programme's steps where people act; otherwise the steps seen on this page.
    const nodes = programmeKey ? steps.data?.programme?.currentVersion?.diagram.nodes ?? [] : [];
    for (const n of nodes) if (n.kind === 'task' || n.kind === 'notice' || n.kind === 'draft') m.set(n.id, pick(n.title, n.titleEn));
    if (!programmeKey) for (const r of rows) m.set(r.state, pick(r.stateTitle, r.stateTitleEn));
    if (state && !m.has(state)) m.set(state, state);
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [rows, state, pick, programmeKey, steps.data]);
  const overdue = rows.filter((r) => r.overdue).length;
  const oldest = rows.reduce((m, r) => Math.max(m, daysSince(r.stateEnteredAt)), 0);

  const reviewTag = (r: Task) => r.openReview && (
    <Tag color="purple">{t('inbox.review', { n: r.openReview.occurrence, title: pick(r.openReview.title, r.openReview.titleEn) })}</Tag>
  );
  const due = (r: Task) => (r.dueAt ? (
    <Space size={4} wrap className="task-due">
      <Typography.Text type={r.overdue ? 'danger' : undefined}>{fmtDate(lang, r.dueAt)}</Typography.Text>
      {r.overdue && <Tag color="red">{t('inbox.overdueTag')}</Tag>}
    </Space>
  ) : '—');

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('inbox.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('inbox.intro')}</Typography.Paragraph>
        </div>
        <Space wrap>
          <ExportButton list="tasks" filter={{ programmeKey, state, regionCode }} disabled={!conn?.totalCount} />
          {canFile && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/applications/new')}>
              {t('nav.newApplication')}
            </Button>
          )}
        </Space>
      </div>
      <div className="kpi">
        <Card size="small"><Statistic title={t('inbox.total')} value={conn?.totalCount ?? 0} loading={loading && !conn} /></Card>
        <Card size="small"><Statistic title={t('inbox.overdue')} value={overdue} valueStyle={overdue ? { color: '#cf1322' } : undefined} /></Card>
        <Card size="small"><Statistic title={t('inbox.oldest')} value={oldest} suffix={t('inbox.days')} /></Card>
      </div>
      <div className="toolbar" role="search">
        <Select
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('inbox.allProgrammes')}
          aria-label={t('inbox.programme')}
          value={programmeKey ?? undefined}
          onChange={(v) => setQuery({ programme: v, state: null })}
          options={(programmes.data?.programmes ?? []).map((p) => ({ value: p.key, label: pick(p.name, p.nameEn) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('inbox.allStates')}
          aria-label={t('inbox.state')}
          value={state ?? undefined}
          onChange={(v) => setQuery({ state: v })}
          options={stateOptions}
          notFoundContent={t('inbox.pickProgrammeFirst')}
        />
        <RegionCascader value={regionCode} onChange={(c) => setQuery({ region: c })} placeholder={t('inbox.allRegions')} aria-label={t('inbox.region')} />
        <Select
          style={{ minWidth: 150 }}
          aria-label={t('inbox.order')}
          value={orderBy}
          onChange={(v) => setQuery({ order: v === 'NEWEST' ? 'newest' : null })}
          options={[{ value: 'DUE', label: t('inbox.orderDue') }, { value: 'NEWEST', label: t('inbox.orderNewest') }]}
        />
        <Checkbox checked={overdueOnly} onChange={(e) => setQuery({ overdue: e.target.checked ? '1' : null })}>{t('inbox.overdueOnly')}</Checkbox>
        <Button icon={<ReloadOutlined />} onClick={() => reload()} aria-label={t('common.refresh')}>{t('common.refresh')}</Button>
      </div>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" style={{ marginBottom: 12 }} />}
      <BulkActions selected={selected} onClear={() => setSelectedIds([])} onDone={() => reload()} />
      {narrow ? (
        <CaseCards
          rows={rows}
          loading={loading}
          empty={t('inbox.empty')}
          selectedIds={selectedIds}
          onSelect={toggle}
          foot={(r) => (
            <>
              <span className="history-meta">{t('inbox.due')}：</span>{due(r)} {reviewTag(r)}
            </>
          )}
        />
      ) : (
        <Table<Task>
          className="tasks-table"
          rowKey="id"
          loading={loading}
          rowSelection={{ selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys as string[]), columnWidth: 40 }}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('inbox.empty') }}
          pagination={false}
          columns={[
            { title: t('inbox.reference'), render: (_, r) => <Link to={`/applications/${r.id}`}>{r.reference}</Link> },
            { title: t('inbox.applicant'), dataIndex: 'applicantName', render: (v) => v ?? '—' },
            { title: t('inbox.programme'), render: (_, r) => pick(r.programme.name, r.programme.nameEn) },
            { title: t('inbox.region'), render: (_, r) => r.region?.name ?? r.regionCode },
            {
              title: t('inbox.state'),
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={kindColor[r.stateKind] ?? 'default'}>{pick(r.stateTitle, r.stateTitleEn)}</Tag>
                  {reviewTag(r)}
                </Space>
              ),
            },
            {
              title: t('inbox.due'),
              render: (_, r) => due(r),
            },
            { title: t('inbox.submitted'), render: (_, r) => fmtDateTime(lang, r.submittedAt) },
            {
              title: t('inbox.waiting'),
              render: (_, r) => {
                const d = daysSince(r.stateEnteredAt);
                return <Typography.Text type={d >= 7 ? 'danger' : undefined} strong={d >= 7}>{t('inbox.daysN', { n: d })}</Typography.Text>;
              },
              sorter: (a, b) => daysSince(a.stateEnteredAt) - daysSince(b.stateEnteredAt),
            },
            { title: '', render: (_, r) => <Link to={`/applications/${r.id}`} aria-label={`${t('inbox.open')} ${r.reference}`}>{t('inbox.open')}</Link> },
          ]}
        />
      )}
      <Space className="pager" style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
        <Typography.Text type="secondary">{t('inbox.pageOf', { page: page + 1, pages: Math.max(1, Math.ceil((conn?.totalCount ?? 0) / pageSize)) })}</Typography.Text>
        <Button disabled={page === 0 || loading} onClick={() => setPage((p) => p - 1)}>{t('common.prev')}</Button>
        <Button disabled={!conn?.pageInfo.hasNextPage || loading} onClick={() => setPage((p) => p + 1)}>{t('common.next')}</Button>
        <Select
          value={pageSize}
          aria-label={t('inbox.pageSize')}
          onChange={(v) => setQuery({ size: String(v) })}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('inbox.perPage', { n }) }))}
        />
      </Space>
    </div>
  );
}
