/**
 * rjsf widget `"ui:widget": "attachment"` for a string field: uploads to POST /files and stores
 * the file id (`name` kept beside it for display). Also used for `format: data-url` so that no
 * programme ever stores a file inline in the form data.
 */
import { useState } from 'react';
import { Button, Space, Typography, Upload, App } from 'antd';
import { PaperClipOutlined, UploadOutlined, DeleteOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES, openFile, uploadFile } from '../api';
import { errorText, useI18n } from '../i18n';

const names = new Map<string, string>();

/** Value forms: "<id>" or "<id>|<file name>" (the name helps the reader of the history). */
export const parseAttachment = (v: unknown): { id: string; name: string } | null => {
  if (typeof v !== 'string' || !v) return null;
  const [id, ...rest] = v.split('|');
  return { id, name: rest.join('|') || names.get(id) || id.slice(0, 8) };
};

export function AttachmentWidget(props: WidgetProps) {
  const { value, onChange, disabled, readonly, id, registry } = props;
  const { regionCode = '', programmeKey } = (registry.formContext as { regionCode?: string; programmeKey?: string } | undefined) ?? {};
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const current = parseAttachment(value);

  return (
    <Space wrap id={id}>
      {current && (
        <Button type="link" icon={<PaperClipOutlined />} onClick={() => openFile(current.id, current.name).catch((e) => message.error(errorText(t, lang, e)))}>
          {current.name}
        </Button>
      )}
      {!readonly && !disabled && (
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          showUploadList={false}
          beforeUpload={async (file) => {
            if (file.size > MAX_UPLOAD_BYTES) {
              message.error(t('error.FILE_TOO_LARGE'));
              return Upload.LIST_IGNORE;
            }
            if (!UPLOAD_TYPES.includes(file.type)) {
              message.error(t('error.FILE_TYPE'));
              return Upload.LIST_IGNORE;
            }
            setBusy(true);
            try {
              const f = await uploadFile(file, regionCode, programmeKey);
              names.set(f.id, f.name);
              onChange(`${f.id}|${f.name}`);
              message.success(t('attachment.uploaded', { name: f.name }));
            } catch (e) {
              message.error(errorText(t, lang, e));
            } finally {
              setBusy(false);
            }
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {current ? t('attachment.replace') : t('attachment.upload')}
          </Button>
        </Upload>
      )}
      {current && !readonly && !disabled && (
        <Button icon={<DeleteOutlined />} aria-label={t('attachment.remove')} onClick={() => onChange(undefined)} />
      )}
      {!current && (readonly || disabled) && <Typography.Text type="secondary">{t('attachment.none')}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('attachment.limits')}</Typography.Text>
    </Space>
  );
}
