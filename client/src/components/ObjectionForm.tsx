/** The public's objection form (no login): reason ≤ 1000 characters, contact optional. */
import { useState } from 'react';
import { Alert, Form, Input, Modal, Result, Typography } from 'antd';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { RaiseObjectionDocument, type PublicNotice } from '../notices';
import { fmtDateTime } from '../format';

export const REASON_MAX = 1000;

export function ObjectionModal({ notice, onClose }: { notice: PublicNotice | null; onClose(): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string; contact?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ reference: string; createdAt: string; receipt?: string | null } | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    setDone(null);
    onClose();
  };

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await request(RaiseObjectionDocument, { reference: notice!.reference, reason: v.reason.trim(), contact: v.contact?.trim() || null });
      setDone({ reference: r.raiseObjection.reference, createdAt: r.raiseObjection.createdAt, receipt: r.raiseObjection.receipt });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!notice}
      title={t('objection.title')}
      onCancel={close}
      onOk={done ? close : submit}
      okText={done ? t('common.close') : t('objection.submit')}
      cancelButtonProps={{ style: done ? { display: 'none' } : undefined }}
      confirmLoading={busy}
      destroyOnHidden
      // Near the top and within the screen on a phone: the keyboard takes the lower half.
      className="objection-modal"
      style={{ top: 8 }}
      width="min(520px, calc(100vw - 16px))"
    >
      {notice && !done && (
        <>
          <Typography.Paragraph>
            {t('objection.about', { reference: notice.reference, programme: notice.programmeName, village: notice.regionName })}
          </Typography.Paragraph>
          {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} style={{ marginBottom: 12 }} role="alert" />}
          <Form form={form} layout="vertical">
            <Form.Item
              name="reason"
              label={t('objection.reason')}
              rules={[
                { required: true, whitespace: true, message: t('objection.reasonRequired') },
                { max: REASON_MAX, message: t('objection.reasonTooLong', { max: REASON_MAX }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={REASON_MAX} showCount placeholder={t('objection.reasonHint')} enterKeyHint="next" />
            </Form.Item>
            <Form.Item name="contact" label={t('objection.contact')} extra={t('objection.contactHint')}>
              <Input maxLength={100} autoComplete="tel" inputMode="tel" enterKeyHint="send" onPressEnter={() => void submit()} />
            </Form.Item>
          </Form>
        </>
      )}
      {done && (
        <Result
          status="success"
          title={t('objection.done')}
          subTitle={
            <div role="status">
              <Typography.Paragraph style={{ marginBottom: 4 }}>{t('objection.doneHint', { reference: done.reference })}</Typography.Paragraph>
              {done.receipt && (
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {t('objection.receipt')}
                  <Typography.Text strong copyable className="objection-receipt">{done.receipt}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{t('objection.receiptHint')}</Typography.Text>
                </Typography.Paragraph>
              )}
              <Typography.Text type="secondary">{t('objection.doneAt', { at: fmtDateTime(lang, done.createdAt) })}</Typography.Text>
            </div>
          }
        />
      )}
    </Modal>
  );
}
