/**
 * /registers — the entries of a register (the household files) in the user's regions: filters in
 * the address bar (register, region, category, one enum field, name or ID number), status as
 * coloured tags, cursor paging; a table on desktop and cards on phones (< 576 px).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { Link, setQuery, useLocation } from '../router';
import { RegionCascader } from '../components/RegionCascader';
import { fmtDateTime } from '../format';
import {
  RegisterEntryListDocument,
  RegistersDocument,
  registerFilterFromQuery,
  registerFilterVariables,
  type EntryRow,
} from './registers-query';

const PAGE_SIZE = 20;

/** `1306**********1234` for ID-shaped key parts: lists are often read over a shoulder. */
export const maskedKey = (key: string) => key.split('|').map((k) => (/^\d{17}[\dX]$/.test(k) ? `${k.slice(0, 4)}**********${k.slice(14)}` : k)).join(' · ');

export function StatusTag({ color, title }: { color: string; title: string }) {
  // antd presets by name; a #rrggbb colour is passed through as is.
  return <Tag color={color === 'default' ? undefined : color} className="status-tag">{title}</Tag>;
}

export default function Registers() {
  const { t, lang, pick } = useI18n();
  const { query } = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = screens.sm === false;
  const filter = registerFilterFromQuery(query);
  const registers = useQuery(RegistersDocument, {});
  const published = (registers.data?.registers ?? []).filter((r) => r.currentVersion);
  // Registers the user's roles do not read (a head teacher's programmes act on none) are not offered.
  const list = published.filter((r) => r.canReadEntries);
  const register = list.find((r) => r.key === filter.register) ?? list[0];
  const filterKey = JSON.stringify(filter);
  const [search, setSearch] = useState(filter.q ?? '');
  const [stack, setStack] = useState<(string | null)[]>([null]);
  useEffect(() => setStack([null]), [filterKey]);
  useEffect(() => setSearch(filter.q ?? ''), [filter.q]);
  useEffect(() => {
    document.title = `${t('registers.title')} · ${t('app.title')}`;
  }, [t]);

  const after = stack[stack.length - 1];
  const vars = useMemo(() => (register ? registerFilterVariables(JSON.parse(filterKey), register.key) : null), [filterKey, register]);
  const { data, error, loading, reload } = useQuery(RegisterEntryListDocument, { ...(vars ?? { registerKey: '' }), first: PAGE_SIZE, after }, { skip: !vars });
  const conn = vars ? data?.registerEntries : undefined;
  const rows = conn?.edges.map((e) => e.node) ?? [];
  const version = register?.currentVersion;
  const statusField = version?.statusField;
  const fieldOptions = useMemo(
    () => (version?.filterFields ?? [])
      .filter((f) => f.path !== statusField)
      .map((f) => ({ label: f.title, options: f.values.map((v) => ({ value: `${f.path}=${v}`, label: `${f.title}：${v}` })) })),
    [version, statusField],
  );
  const page = stack.length;
  const pages = Math.max(1, Math.ceil((conn?.totalCount ?? 0) / PAGE_SIZE));

  if (registers.error) return <Alert type="error" showIcon title={errorText(t, lang, registers.error)} role="alert" />;
  if (registers.data && !register) return <Empty description={t(published.length ? 'registers.notYours' : 'registers.none')} />;

  const statusTitle = (r: EntryRow) => pick(r.statusTitle, r.statusTitleEn);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{register ? pick(register.name, register.nameEn) : t('registers.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('registers.intro')}</Typography.Paragraph>
        </div>
      </div>
      <div className="toolbar" role="search" aria-label={t('registers.filters')}>
        <Input.Search
          id="registers-search"
          allowClear
          style={{ width: narrow ? '100%' : 300 }}
          placeholder={t('registers.searchHint')}
          aria-label={t('registers.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => setQuery({ q: v.trim() || null })}
          enterButton={t('registers.searchButton')}
        />
        {list.length > 1 && (
          <Select
            style={{ minWidth: 160 }}
            aria-label={t('registers.register')}
            value={register?.key}
            onChange={(v) => setQuery({ register: v, status: null, field: null, incomplete: null })}
            options={list.map((r) => ({ value: r.key, label: pick(r.name, r.nameEn) }))}
          />
        )}
        <RegionCascader value={filter.region} onChange={(c) => setQuery({ region: c })} placeholder={t('registers.allRegions')} aria-label={t('registers.region')} style={narrow ? { width: '100%' } : undefined} />
        <Select
          id="registers-status"
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('registers.allStatuses')}
          aria-label={t('registers.status')}
          value={filter.status ?? undefined}
          onChange={(v) => setQuery({ status: v })}
          options={(version?.statuses ?? []).map((s) => ({ value: s.value, label: <StatusTag color={s.color} title={pick(s.zh, s.en)} /> }))}
        />
        {fieldOptions.length > 0 && (
          <Select
            id="registers-field"
            allowClear
            showSearch
            style={{ minWidth: 200 }}
            placeholder={t('registers.field')}
            aria-label={t('registers.field')}
            value={filter.field ?? undefined}
            onChange={(v) => setQuery({ field: v })}
            options={fieldOptions}
          />
        )}
        {(version?.checklist.length ?? 0) > 0 && (
          <Checkbox id="registers-incomplete" checked={filter.incomplete} onChange={(e) => setQuery({ incomplete: e.target.checked ? '1' : null })} title={t('registers.incompleteHint')}>
            {t('registers.incomplete')}
          </Checkbox>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => reload()} aria-label={t('common.refresh')}>{narrow ? null : t('common.refresh')}</Button>
      </div>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" style={{ marginBottom: 12 }} />}
      <Typography.Paragraph className="registers-count" aria-live="polite">
        {conn ? t('registers.count', { n: conn.totalCount }) : '\u00a0'}
      </Typography.Paragraph>
      {narrow ? (
        <div className="entry-cards" aria-busy={loading}>
          {rows.length === 0 && !loading && <Empty description={t('registers.empty')} />}
          {rows.map((r) => (
            <Link key={r.id} to={`/registers/entries/${r.id}`} className="entry-card-link">
              <Card size="small" className="entry-card" loading={loading && !rows.length}>
                <div className="entry-card-head">
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <StatusTag color={r.statusColor} title={statusTitle(r)} />
                </div>
                <div className="history-meta">
                  {r.region?.name ?? r.regionCode} · {maskedKey(r.key)}
                </div>
                <div className="history-meta">{t('registers.updated')}：{fmtDateTime(lang, r.updatedAt)}</div>
              </Card>
            </Link>
          ))}
        </div>
      ) : (
        <Table<EntryRow>
          rowKey="id"
          className="entries-table"
          loading={loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('registers.empty') }}
          pagination={false}
          columns={[
            { title: t('registers.name'), render: (_, r) => <Link to={`/registers/entries/${r.id}`}>{r.name}</Link> },
            { title: t('registers.key'), render: (_, r) => <span className="nowrap">{maskedKey(r.key)}</span> },
            { title: t('registers.village'), render: (_, r) => r.region?.name ?? r.regionCode },
            { title: t('registers.status'), render: (_, r) => <StatusTag color={r.statusColor} title={statusTitle(r)} /> },
            { title: t('registers.updated'), render: (_, r) => <span className="nowrap">{fmtDateTime(lang, r.updatedAt)}</span> },
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
