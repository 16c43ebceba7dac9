/** What the user may do with a draft kept on the phone; conflicts are resolved only by a choice. */
import { App, Button, Space } from 'antd';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import type { Draft } from './drafts';
import { useOffline } from './OfflineProvider';

/** `withOpen`: a button to the draft's page (in the header's list; the page itself needs none). */
export function DraftActions({ draft, onOpen, withOpen = true }: { draft: Draft; onOpen?: () => void; withOpen?: boolean }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const offline = useOffline();
  const open = () => {
    onOpen?.();
    navigate(draft.kind === 'edit' ? `/applications/${draft.appId}` : `/applications/new?draft=${encodeURIComponent(draft.localId)}`);
  };
  const discard = () =>
    modal.confirm({
      title: t('offline.discard'),
      content: t('offline.discardConfirm'),
      okText: t('offline.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => offline.discard(draft.localId),
    });
  const overwrite = () =>
    modal.confirm({
      title: t('offline.overwrite'),
      content: t('offline.overwriteConfirm', { version: draft.server?.version ?? '' }),
      okText: t('offline.overwrite'),
      cancelText: t('common.cancel'),
      onOk: () => offline.overwrite(draft.localId),
    });
  return (
    <Space wrap size="small">
      {withOpen && (
        <Button size="small" onClick={open}>
          {draft.state === 'conflict' ? t('offline.compare') : t('offline.open')}
        </Button>
      )}
      {draft.state === 'conflict' && (
        <Button size="small" type="primary" onClick={overwrite}>
          {t('offline.overwrite')}
        </Button>
      )}
      {draft.state === 'error' && (
        <Button size="small" onClick={() => offline.retry(draft.localId)} disabled={!offline.online}>
          {t('offline.retry')}
        </Button>
      )}
      <Button size="small" danger onClick={discard}>
        {t('offline.discard')}
      </Button>
    </Space>
  );
}
