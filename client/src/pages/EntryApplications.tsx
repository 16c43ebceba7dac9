/**
 * The household file's cases (一户一档): every application of this entry in every programme the
 * user may read, with its state, and a button to file a new one for the household.
 */
import { Card, List, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { graphql } from '../graphql';
import { useQuery } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { fmtDate } from '../format';

const EntryApplicationsDocument = graphql(`
  query EntryApplications($entryId: ID!) {
    applications(filter: { entryId: $entryId }, first: 50) {
      edges { node { id reference status stateTitle stateTitleEn createdAt programme { name nameEn } } }
    }
  }
`);

const STATUS_COLOR: Record<string, string> = { APPROVED: 'green', REJECTED: 'red', WITHDRAWN: 'default', DRAFT: 'default', IN_REVIEW: 'blue', UNDER_NOTICE: 'orange' };

export function EntryApplications({ entryId }: { entryId: string }) {
  const { t, lang, pick } = useI18n();
  const { data, loading } = useQuery(EntryApplicationsDocument, { entryId });
  const items = data?.applications.edges.map((e) => e.node) ?? [];
  return (
    <Card
      size="small"
      title={t('household.applications')}
      loading={loading && !data}
      extra={<Link to={`/applications/new?entry=${entryId}`} className="ant-btn ant-btn-sm"><PlusOutlined /> {t('household.fileNew')}</Link>}
      style={{ marginBottom: 16 }}
    >
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Link to={`/applications/${a.id}`}>{pick(a.programme.name, a.programme.nameEn)}</Link>{' '}
                <Tag bordered={false} color={STATUS_COLOR[a.status]}>{pick(a.stateTitle, a.stateTitleEn)}</Tag>
                <div className="history-meta">{a.reference} · {fmtDate(lang, a.createdAt)}</div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('household.noApplications')}</Typography.Text>
      )}
    </Card>
  );
}

