/** The public's look-up of an objection by its receipt code (no login): status and dismissal reason. */
import { useState } from 'react';
import { Alert, Input, Space, Typography } from 'antd';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { ObjectionStatusDocument } from '../notices';
import type { ObjectionStatusQuery } from '../graphql/graphql';

export function ObjectionLookup() {
  const { t, lang, tOr } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ObjectionStatusQuery['objectionStatus'] | null>(null);

  async function lookUp(receipt: string) {
    if (!receipt.trim()) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult((await request(ObjectionStatusDocument, { receipt: receipt.trim() })).objectionStatus);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="objection-lookup" style={{ marginBottom: 16 }}>
      <Space wrap>
        <label htmlFor="objection-receipt">{t('public.lookup')}</label>
        <Input.Search id="objection-receipt" placeholder={t('public.lookupHint')} enterButton={t('public.lookupButton')} loading={busy} onSearch={lookUp} maxLength={40} style={{ width: 360, maxWidth: '100%' }} />
      </Space>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} style={{ marginTop: 8 }} role="alert" />}
      {result && (
        <div role="status" style={{ marginTop: 8 }}>
          <Typography.Text>{t('public.lookupResult', { reference: result.reference, status: tOr(`public.lookupStatus.${result.status}`, result.status) })}</Typography.Text>
          {result.dismissalReason && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('public.lookupReason', { reason: result.dismissalReason })}</Typography.Paragraph>}
        </div>
      )}
    </div>
  );
}
