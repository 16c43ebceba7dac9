/**
 * A case's page opened without a connection (after a reload, or the phone closed the app): the
 * changes kept on the phone in the pinned version's form, to go on editing and keep again.
 */
import { useState } from 'react';
import { App, Button, Card, Grid, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useI18n } from '../i18n';
import { AidForm } from '../form/AidForm';
import type { EditDraft } from './drafts';
import { useOffline } from './OfflineProvider';
import { LocalCopy } from './LocalCopy';

export function OfflineCase({ draft }: { draft: EditDraft }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const offline = useOffline();
  const [data, setData] = useState<unknown>(draft.data);
  const [dirty, setDirty] = useState(false);
  const narrow = !Grid.useBreakpoint().md;
  const form = draft.form!;

  async function keep() {
    const { state: _s, savedAt: _t, ...rest } = draft;
    // Same case, same starting version: only the data changes.
    await offline.keep({ ...rest, data: (data ?? {}) as Record<string, unknown> });
    setDirty(false);
    message.success(t('offline.savedLocal'));
  }

  const save = (
    <Button icon={<SaveOutlined />} onClick={keep} disabled={!dirty}>
      {t('application.saveDraft')}
    </Button>
  );
  return (
    <div className="page offline-case">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{draft.reference}</Typography.Title>
          <Typography.Text type="secondary">
            {pick(draft.programmeName, draft.programmeNameEn)} · {t('application.versionN', { n: form.versionNumber })}
          </Typography.Text>
        </div>
      </div>
      <LocalCopy draft={draft} onUseMine={() => setData(draft.data)} />
      <Card title={t('application.form')} extra={!narrow && save}>
        <AidForm
          schema={form.formSchema as RJSFSchema}
          uiSchema={form.uiSchema as UiSchema}
          formData={data ?? {}}
          regionCode={draft.regionCode}
          programmeKey={draft.programmeKey}
          onChange={(d) => {
            setData(d);
            setDirty(true);
          }}
        />
        {narrow && (
          <div className="sticky-actions" role="region" aria-label={t('application.actions')}>
            <div className="sticky-actions-buttons">{save}</div>
          </div>
        )}
      </Card>
    </div>
  );
}
