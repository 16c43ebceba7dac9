/** /public — the notice board anyone may read: cases under notice by village, masked, with objections. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { Link, setQuery, useLocation } from '../router';
import { RegionCascader } from '../components/RegionCascader';
import { ObjectionModal } from '../components/ObjectionForm';
import { ObjectionLookup } from '../components/ObjectionLookup';
import { PublicNoticesDocument, groupBy, type PublicNotice } from '../notices';
import { daysUntil, fmtDate } from '../format';

const PAGE = 50;

export default function PublicBoard() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const region = query.get('region');
  const [items, setItems] = useState<PublicNotice[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [objecting, setObjecting] = useState<PublicNotice | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const d = await request(PublicNoticesDocument, { regionCode: region, first: PAGE, after });
        const page = d.publicNotices;
        setItems((prev) => (after ? [...prev, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node)));
        setTotal(page.totalCount);
        setCursor(page.pageInfo.endCursor ?? null);
        setMore(page.pageInfo.hasNextPage);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [region],
  );

  useEffect(() => {
    document.title = `${t('public.title')} · ${t('app.title')}`;
    void load(null);
  }, [load, t]);

  const villages = groupBy(items, (n) => n.regionCode);
  // Phones get one card per case: a table's five columns do not fit 360 px.
  const narrow = !Grid.useBreakpoint().md;
  const period = (n: PublicNotice) => {
    const left = daysUntil(n.noticeEnd);
    return (
      <>
        <span className="nowrap">{fmtDate(lang, n.noticeStart)} – {fmtDate(lang, n.noticeEnd)}</span>{' '}
        {n.noticeEnd && left >= 0 && !n.objectionPending && <Tag color="orange">{t('public.daysLeft', { n: left })}</Tag>}
        {n.objectionPending && <Tag color="gold">{t('public.pending')}</Tag>}
      </>
    );
  };
  const objectButton = (n: PublicNotice, block = false) =>
    n.objectionOpen ? (
      <Button size={block ? 'middle' : 'small'} block={block} onClick={() => setObjecting(n)} aria-label={`${t('public.raise')} ${n.reference}`}>
        {t('public.raise')}
      </Button>
    ) : (
      <Typography.Text type="secondary">{t('public.closed')}</Typography.Text>
    );
  const fields = (n: PublicNotice) => (
    <span className="notice-fields">
      {n.fields.map((f, i) => (
        <span key={i}>
          <Typography.Text type="secondary">{f.title}：</Typography.Text>
          {f.value ?? '—'}
        </span>
      ))}
    </span>
  );

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('public.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('public.intro')}</Typography.Paragraph>
        </div>
        <Space wrap>
          <label htmlFor="public-region">{t('public.region')}</label>
          <RegionCascader id="public-region" value={region} onChange={(c) => setQuery({ region: c })} placeholder={t('public.allRegions')} />
        </Space>
      </div>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />}
      {!error && (
        <Typography.Paragraph>
          {t('public.count', { n: total })}
        </Typography.Paragraph>
      )}
      <ObjectionLookup />
      <Typography.Paragraph>
        <Link to="/public/status">{t('lookup.title')} →</Link>
      </Typography.Paragraph>
      {loading && !items.length && <Spin />}
      {!loading && !error && !items.length && <Empty description={t('public.empty')} />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {villages.map(([code, notices]) => (
          <Card
            key={code}
            title={
              <span>
                {notices[0].regionName}
                {notices[0].townshipName && <Typography.Text type="secondary"> · {notices[0].townshipName}</Typography.Text>}
              </span>
            }
            extra={
              <Link to={`/public/print/${code}`} target="_blank" rel="noopener" className="nowrap">
                <PrinterOutlined /> {t('public.print')}
              </Link>
            }
          >
            {groupBy(notices, (n) => n.programmeKey).map(([key, list]) => (
              <section key={key} className="notice-programme">
                <Typography.Title level={5}>
                  {list[0].programmeName}
                  <Typography.Text type="secondary" className="notice-office">
                    {' '}
                    · {t('public.office')}：{list[0].office ?? '—'}
                    {list[0].officePhone && (
                      <>
                        {' '}· {t('public.contact')}：<a href={`tel:${list[0].officePhone.replace(/[^0-9+]/g, '')}`}>{list[0].officePhone}</a>
                      </>
                    )}
                  </Typography.Text>
                </Typography.Title>
                {narrow ? (
                  <div className="notice-cards">
                    {list.map((n) => (
                      <Card key={n.reference} size="small" className="notice-card">
                        <div className="notice-card-head">
                          <Typography.Text strong className="notice-ref">{n.reference}</Typography.Text>
                          <Tag>{n.stateTitle}</Tag>
                        </div>
                        {fields(n)}
                        <div className="notice-card-period">{t('public.period')}：{period(n)}</div>
                        <div className="notice-card-action">{objectButton(n, true)}</div>
                      </Card>
                    ))}
                  </div>
                ) : (
                <Table<PublicNotice>
                  size="small"
                  rowKey="reference"
                  pagination={false}
                  dataSource={list}
                  tableLayout="fixed"
                  columns={[
                    { title: t('public.reference'), dataIndex: 'reference', width: 250, render: (r) => <span className="nowrap">{r}</span> },
                    { title: t('public.details'), render: (_, n) => fields(n) },
                    { title: t('public.stage'), dataIndex: 'stateTitle', width: 110 },
                    {
                      title: t('public.period'),
                      width: 250,
                      render: (_, n) => period(n),
                    },
                    {
                      title: t('public.objection'),
                      width: 110,
                      render: (_, n) => objectButton(n),
                    },
                  ]}
                />
                )}
              </section>
            ))}
          </Card>
        ))}
      </Space>
      {more && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => load(cursor)} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
      <ObjectionModal notice={objecting} onClose={() => setObjecting(null)} />
    </div>
  );
}
