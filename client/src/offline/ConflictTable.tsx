/** Mine next to the server's copy, field by field (only the fields that differ). */
import { Table, Typography } from 'antd';
import { useI18n } from '../i18n';
import { diffData, showValue, type Draft } from './drafts';

export function ConflictTable({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  if (!draft.server) return null;
  const rows = diffData(draft.data, draft.server.data, draft.titles);
  if (!rows.length) return <Typography.Text type="secondary">{t('offline.noDiff')}</Typography.Text>;
  return (
    <Table
      className="conflict-table"
      size="small"
      pagination={false}
      rowKey="path"
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('offline.field'), dataIndex: 'title', key: 'title' },
        { title: t('offline.mine'), key: 'mine', render: (_, r) => <span className="conflict-mine">{showValue(r.mine)}</span> },
        { title: t('offline.server'), key: 'server', render: (_, r) => <span className="conflict-server">{showValue(r.server)}</span> },
      ]}
    />
  );
}
