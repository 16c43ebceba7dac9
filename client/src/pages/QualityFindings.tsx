/**
 * /quality — the 疑点数据 worklist: findings in the user's regions, filtered in the address bar
 * (region, status, severity, rule), a summary of open findings by rule, "run checks" over the
 * chosen region, a link to where each record is fixed and dismissal with a comment; a table on
 * desktop and cards on phones (< 576 px).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Grid, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorText, useI18n, type MessageKey } from '../i18n';
import { request } from '../api';
import { useQuery } from '../hooks';
import { Link, setQuery, useLocation } from '../router';
import { useSession } from '../session';
import { useRegionNames } from '../regions';
import { RegionCascader } from '../components/RegionCascader';
import { fmtDateTime } from '../format';
import { refusalText } from './admin-common';
import {
  DismissFindingDocument, QualityFindingsDocument, QualitySummaryDocument, RunQualityDocument, recordLink,
  SEVERITY_COLOR, STATUS_COLOR, type FindingRow,
} from './quality-query';

const PAGE_SIZE = 20;
const STATUSES = ['open', 'dismissed', 'fixed'] as const;
const SEVERITIES = ['error', 'warning', 'info'] as const;

export default function QualityFindings() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { query } = useLocation();
  const { user } = useSession();
  const narrow = Grid.useBreakpoint().sm === false;
  const region = query.get('region');
  // Open findings unless the address says otherwise ("all" shows every status).
  const statusParam = query.get('status') ?? 'open';
  const status = statusParam === 'all' ? null : statusParam;
  const severity = query.get('severity');
  const check = query.get('check');
  const filter = useMemo(() => ({ regionCode: region, status, severity, checkKey: check }), [region, status, severity, check]);
  const filterKey = JSON.stringify(filter);
  const [stack, setStack] = useState<(string | null)[]>([null]);
  useEffect(() => setStack([null]), [filterKey]);
  useEffect(() => {
    document.title = `${t('quality.title')} · ${t('app.title')}`;
  }, [t]);

  const after = stack[stack.length - 1];
  const { data, error, loading, reload } = useQuery(QualityFindingsDocument, { filter, first: PAGE_SIZE, after });
  const summary = useQuery(QualitySummaryDocument, { regionCode: region });
  const conn = data?.qualityFindings;
  const rows = conn?.edges.map((e) => e.node) ?? [];
  const names = useRegionNames([...rows.map((r) => r.regionCode), ...(user?.roles.map((r) => r.regionCode) ?? [])]);

  // Open findings by check over the summary's regions, most first.
  const byCheck = useMemo(() => {
    const m = new Map<string, { checkKey: string; label: string; severity: string; open: number }>();
    for (const r of summary.data?.qualitySummary ?? []) {
      const cur = m.get(r.checkKey) ?? { checkKey: r.checkKey, label: pick(r.messageZh, r.messageEn), severity: r.severity, open: 0 };
      cur.open += r.open;
      m.set(r.checkKey, cur);
    }
    return [...m.values()].filter((c) => c.open > 0).sort((a, b) => b.open - a.open);
  }, [summary.data, pick]);

  const [dismissing, setDismissing] = useState<FindingRow | null>(null);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The region a run covers: the filter's, else the user's first grant.
  const runRegion = region ?? user?.roles[0]?.regionCode ?? null;

  async function runChecks() {
    if (!runRegion) {
      message.warning(t('quality.runRegion'));
      return;
    }
    setBusy(true);
    try {
      const { runQualityRules: r } = await request(RunQualityDocument, { regionCode: runRegion });
      message.success(t('quality.ran', { checked: r.recordsChecked, opened: r.findingsOpened, closed: r.findingsClosed }));
      if (r.truncated) message.warning(t('quality.truncated'));
      await Promise.all([reload(), summary.reload()]);
    } catch (e) {
      message.error(refusalText(t, lang, e));
    } finally {
      setBusy(false);
    }
  }

  async function dismiss() {
    if (!dismissing) return;
    setBusy(true);
    setFailure(null);
    try {
      await request(DismissFindingDocument, { id: dismissing.id, comment });
      setDismissing(null);
      message.success(t('quality.saved'));
      await Promise.all([reload(), summary.reload()]);
    } catch (e) {
      setFailure(refusalText(t, lang, e));
    } finally {
      setBusy(false);
    }
  }

  const severityTag = (s: string) => <Tag color={SEVERITY_COLOR[s]}>{t(`quality.severity.${s}` as MessageKey)}</Tag>;
  const statusTag = (s: string) => <Tag color={STATUS_COLOR[s] === 'default' ? undefined : STATUS_COLOR[s]} className="status-tag">{t(`quality.status.${s}` as MessageKey)}</Tag>;
  const detailText = (f: FindingRow) => {
    const d = f.detail as Record<string, unknown> | null;
    if (f.recordKind === 'region' && d) return t('quality.aggregate', { left: String(d.left), op: String(d.op), right: String(d.right), records: String(d.records) });
    if (d && typeof d === 'object' && 'diedInHousehold' in d) {
      const person = d.personName ? `${String(d.personName)}（${String(d.idNumber ?? '')}）` : String(d.idNumber ?? '');
      const household = d.diedInName ? `${String(d.diedInName)}（${String(d.diedInHousehold ?? '')}）` : String(d.diedInHousehold ?? '');
      return t(d.sameHousehold ? 'quality.diedHere' : 'quality.diedIn', { person, household, date: String(d.recordedAt ?? '').slice(0, 10), ref: !d.applicationReference ? '' : lang === 'en' ? ` (${String(d.applicationReference)})` : `（${String(d.applicationReference)}）` });
    }
    if (d && typeof d === 'object' && 'otherHousehold' in d) return `${String(d.idNumber ?? '')} → ${String(d.otherName ?? d.otherHousehold ?? '')}`;
    return null;
  };
  const recordText = (f: FindingRow) => (f.recordKind === 'region' ? names[f.recordKey] ?? f.recordKey : f.recordLabel ?? f.recordKey);
  const actions = (f: FindingRow) => (
    <Space wrap size={4}>
      <Link to={recordLink(f)} className="ant-btn ant-btn-sm ant-btn-default quality-fix">{t('quality.fix')}</Link>
      {f.status === 'open' && (
        <Button size="small" className="quality-dismiss" onClick={() => { setComment(''); setFailure(null); setDismissing(f); }}>{t('quality.dismiss')}</Button>
      )}
    </Space>
  );
  const page = stack.length;
  const pages = Math.max(1, Math.ceil((conn?.totalCount ?? 0) / PAGE_SIZE));

  return (
    <div className="page quality-page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('quality.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('quality.intro')}</Typography.Paragraph>
        </div>
        <Link to="/quality/rules">{t('quality.rulesLink')}</Link>
      </div>
      <div className="toolbar" role="search" aria-label={t('quality.filters')}>
        <RegionCascader value={region} onChange={(c) => setQuery({ region: c })} placeholder={t('quality.allRegions')} aria-label={t('quality.region')} style={narrow ? { width: '100%' } : { minWidth: 200 }} />
        <Select
          id="quality-status"
          style={{ minWidth: 120 }}
          aria-label={t('quality.status')}
          value={statusParam}
          onChange={(v) => setQuery({ status: v === 'open' ? null : v })}
          options={[...STATUSES.map((s) => ({ value: s, label: t(`quality.status.${s}` as MessageKey) })), { value: 'all', label: t('quality.allStatuses') }]}
        />
        <Select
          id="quality-severity"
          allowClear
          style={{ minWidth: 120 }}
          placeholder={t('quality.allSeverities')}
          aria-label={t('quality.severity')}
          value={severity ?? undefined}
          onChange={(v) => setQuery({ severity: v })}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`quality.severity.${s}` as MessageKey) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => { void reload(); void summary.reload(); }} aria-label={t('common.refresh')}>{narrow ? null : t('common.refresh')}</Button>
        <Button type="primary" icon={<PlayCircleOutlined />} loading={busy && !dismissing} onClick={runChecks} className="quality-run">{t('quality.run')}</Button>
      </div>
      {byCheck.length > 0 && (
        <div className="quality-summary" aria-label={t('quality.summary')}>
          <Typography.Text type="secondary">{t('quality.summary')}：</Typography.Text>
          {byCheck.map((c) => (
            <Tag.CheckableTag key={c.checkKey} checked={check === c.checkKey} onChange={(on) => setQuery({ check: on ? c.checkKey : null })}>
              <span className={`quality-dot quality-dot-${c.severity}`} aria-hidden /> {c.label} · {c.open}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" style={{ marginBottom: 12 }} />}
      <Typography.Paragraph className="quality-count" aria-live="polite">{conn ? t('quality.count', { n: conn.totalCount }) : '\u00a0'}</Typography.Paragraph>
      {narrow ? (
        <div className="entry-cards quality-cards" aria-busy={loading}>
          {rows.length === 0 && !loading && <Empty description={t('quality.empty')} />}
          {rows.map((f) => (
            <Card key={f.id} size="small" className="entry-card quality-card">
              <div className="entry-card-head">
                <Typography.Text strong>{recordText(f)}</Typography.Text>
                <span>{severityTag(f.severity)}{statusTag(f.status)}</span>
              </div>
              <div>{pick(f.messageZh, f.messageEn)}</div>
              {detailText(f) && <div className="history-meta quality-detail">{detailText(f)}</div>}
              <div className="history-meta">{names[f.regionCode] ?? f.regionCode} · {fmtDateTime(lang, f.firstSeenAt)}</div>
              {f.comment && <div className="history-meta">{t('quality.comment')}：{f.comment}</div>}
              <div style={{ marginTop: 8 }}>{actions(f)}</div>
            </Card>
          ))}
        </div>
      ) : (
        <Table<FindingRow>
          rowKey="id"
          className="quality-table"
          loading={loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('quality.empty') }}
          pagination={false}
          columns={[
            { title: t('quality.severity'), render: (_, f) => severityTag(f.severity) },
            { title: t('quality.record'), render: (_, f) => <Link to={recordLink(f)}>{recordText(f)}</Link> },
            { title: t('quality.region'), render: (_, f) => names[f.regionCode] ?? f.regionCode },
            {
              title: t('quality.message'),
              render: (_, f) => (
                <div className="quality-message">
                  <div>{pick(f.messageZh, f.messageEn)}</div>
                  {detailText(f) && <Typography.Text type="secondary" className="quality-detail">{detailText(f)}</Typography.Text>}
                  {f.fields.length > 0 && <div className="history-meta">{t('quality.fields')}：{f.fields.join('、')}</div>}
                  {f.comment && <div className="history-meta">{t('quality.comment')}：{f.comment}</div>}
                </div>
              ),
            },
            { title: t('quality.status'), render: (_, f) => statusTag(f.status) },
            { title: t('quality.firstSeen'), render: (_, f) => <span className="nowrap">{fmtDateTime(lang, f.firstSeenAt)}</span> },
            { title: t('quality.actions'), render: (_, f) => actions(f) },
          ]}
        />
      )}
      <Space className="pager" style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
        <Typography.Text type="secondary">{t('inbox.pageOf', { page, pages })}</Typography.Text>
        <Button disabled={stack.length <= 1 || loading} onClick={() => setStack((s) => s.slice(0, -1))}>{t('common.prev')}</Button>
        <Button disabled={!conn?.pageInfo.hasNextPage || !conn.pageInfo.endCursor || loading} onClick={() => setStack((s) => [...s, conn!.pageInfo.endCursor!])}>{t('common.next')}</Button>
      </Space>
      <Modal
        open={!!dismissing}
        title={t('quality.dismissTitle')}
        okText={t('quality.dismiss')}
        onOk={dismiss}
        confirmLoading={busy}
        okButtonProps={{ disabled: comment.trim().length < 2, id: 'quality-dismiss-ok' }}
        onCancel={() => setDismissing(null)}
        destroyOnHidden
      >
        {dismissing && <Typography.Paragraph>{recordText(dismissing)}：{pick(dismissing.messageZh, dismissing.messageEn)}</Typography.Paragraph>}
        <Input.TextArea id="quality-comment" aria-label={t('quality.comment')} rows={4} maxLength={500} showCount value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('quality.dismissHint')} />
        {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginTop: 12 }} />}
      </Modal>
    </div>
  );
}
