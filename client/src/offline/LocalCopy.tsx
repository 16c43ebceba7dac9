/**
 * On a case's page: the changes kept on the phone for it. In a conflict the phone's values stand
 * beside the server's, so the user can copy over by hand, discard theirs, or overwrite after
 * confirming; a refusal shows the server's own message.
 */
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import { fmtDateTime } from '../format';
import type { Draft } from './drafts';
import { useOffline } from './OfflineProvider';
import { ConflictTable } from './ConflictTable';
import { DraftActions } from './DraftActions';

export function LocalCopy({ draft, onUseMine }: { draft: Draft; onUseMine(): void }) {
  const { t, lang } = useI18n();
  const offline = useOffline();
  const conflict = draft.state === 'conflict';
  const message = draft.problem && !conflict ? (lang === 'zh' ? (draft.problem.messageZh ?? draft.problem.message) : draft.problem.message) : null;
  return (
    <Alert
      className={`local-copy local-copy-${draft.state}`}
      type={conflict ? 'warning' : draft.state === 'error' ? 'error' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <Space wrap size={6}>
          <Typography.Text strong>{t('offline.localCopy')}</Typography.Text>
          <Tag className="pending-state">{t(`offline.state.${draft.state}` as MessageKey)}</Tag>
          <Typography.Text type="secondary">{t('offline.savedAt', { time: fmtDateTime(lang, draft.savedAt) })}</Typography.Text>
        </Space>
      }
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%', minWidth: 0 }}>
          {conflict && <Typography.Text>{t('offline.conflictHint')}</Typography.Text>}
          {message && <Typography.Text type="danger" className="local-copy-problem">{message}</Typography.Text>}
          {conflict && <ConflictTable draft={draft} />}
          <Space wrap size="small">
            <Button size="small" onClick={onUseMine}>{t('offline.useMine')}</Button>
            {conflict && <Button size="small" onClick={() => offline.discard(draft.localId)}>{t('offline.merged')}</Button>}
            <DraftActions draft={draft} withOpen={false} />
          </Space>
        </Space>
      }
    />
  );
}
