/**
 * The header's "待同步 N" button (shown while anything waits) and its drawer: each draft with its
 * state (waiting, syncing, conflict, error), the server's message, and what can be done with it.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, SyncOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../i18n';
import { fmtDateTime } from '../format';
import { useRegionNames } from '../regions';
import { pendingCount, type DraftState } from './drafts';
import { useOffline } from './OfflineProvider';
import { ConflictTable } from './ConflictTable';
import { DraftActions } from './DraftActions';

const stateColor: Record<DraftState, string> = { waiting: 'blue', syncing: 'processing', conflict: 'orange', error: 'red' };

export function PendingDrafts() {
  const { t, lang, pick } = useI18n();
  const { drafts, online, syncing, syncNow } = useOffline();
  const [open, setOpen] = useState(false);
  const names = useRegionNames(drafts.map((d) => d.regionCode));
  const n = pendingCount(drafts);
  if (!n) return null;
  const attention = drafts.some((d) => d.state === 'conflict' || d.state === 'error');
  return (
    <>
      <Badge dot={attention} offset={[-4, 4]}>
        <Button className="pending-button" icon={<CloudUploadOutlined />} onClick={() => setOpen(true)} aria-haspopup="dialog" danger={attention}>
          {t('offline.pending', { n })}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('offline.title')}
        placement="right"
        // Never wider than the phone's screen.
        size="min(460px, 100vw)"
        className="pending-drawer"
        closeIcon={<span aria-label={t('common.close')}>✕</span>}
        extra={
          <Button size="small" icon={<SyncOutlined spin={syncing} />} onClick={() => void syncNow()} disabled={!online || syncing}>
            {t('offline.syncNow')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('offline.intro')}</Typography.Paragraph>
        <List
          className="pending-list"
          dataSource={drafts}
          locale={{ emptyText: t('offline.empty') }}
          renderItem={(d) => (
            <List.Item key={d.localId} className={`pending-item pending-${d.state}`}>
              <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
                <Space wrap size={6}>
                  <Tag color={stateColor[d.state]} className="pending-state">{t(`offline.state.${d.state}` as MessageKey)}</Tag>
                  <Typography.Text strong>{d.kind === 'edit' ? d.reference : t('offline.newCase')}</Typography.Text>
                </Space>
                <Typography.Text type="secondary">
                  {pick(d.programmeName, d.programmeNameEn)} · {names[d.regionCode] ?? d.regionCode}
                </Typography.Text>
                <Typography.Text type="secondary">{t('offline.savedAt', { time: fmtDateTime(lang, d.savedAt) })}</Typography.Text>
                {d.problem && d.state !== 'conflict' && (
                  <Alert type={d.state === 'error' ? 'error' : 'warning'} showIcon className="pending-problem" title={lang === 'zh' ? (d.problem.messageZh ?? d.problem.message) : d.problem.message} />
                )}
                {d.state === 'conflict' && (
                  <>
                    <Alert type="warning" showIcon title={t('offline.conflictHint')} />
                    <ConflictTable draft={d} />
                  </>
                )}
                <DraftActions draft={d} onOpen={() => setOpen(false)} />
              </Space>
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}

/** The banner under the header while the server cannot be reached. */
export function OfflineBanner() {
  const { t } = useI18n();
  const { online } = useOffline();
  if (online) return null;
  return <Alert banner type="warning" showIcon role="status" className="offline-banner" title={t('offline.banner')} />;
}
