/**
 * /public/status — an applicant checks their case without signing in: the reference number and
 * the last four characters of the ID number give the current step and its dates, nothing else.
 * The server rate-limits failed look-ups; the refusal is shown as it is said.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { graphql } from '../graphql';
import type { PublicStatusQuery } from '../graphql/graphql';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { fmtDate, fmtDateTime } from '../format';
import { kindColorOfStatus } from '../format-status';

const PublicStatusDocument = graphql(`
  query PublicStatus($reference: String!, $idLastFour: String!) {
    publicStatus(reference: $reference, idLastFour: $idLastFour) {
      reference programmeName stepTitle stepTitleEn status submittedAt stepSince noticeEndsAt dueAt
    }
  }
`);

export default function PublicStatus() {
  const { t, lang, pick, tOr } = useI18n();
  const [result, setResult] = useState<PublicStatusQuery['publicStatus'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `${t('lookup.title')} · ${t('app.title')}`;
  }, [t]);

  async function onFinish(v: { reference: string; idLastFour: string }) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult((await request(PublicStatusDocument, { reference: v.reference.trim(), idLastFour: v.idLastFour.trim() })).publicStatus);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page public-status">
      <Typography.Title level={2}>{t('lookup.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lookup.intro')}</Typography.Paragraph>
      <Card>
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} className="status-form">
          <Form.Item name="reference" label={t('lookup.reference')} rules={[{ required: true, message: t('lookup.referenceRequired') }]}>
            <Input placeholder={t('lookup.referenceHint')} autoComplete="off" autoCapitalize="characters" spellCheck={false} size="large" />
          </Form.Item>
          <Form.Item name="idLastFour" label={t('lookup.lastFour')} extra={t('lookup.lastFourHint')} rules={[{ required: true, message: t('lookup.lastFourRequired') }]}>
            <Input maxLength={4} autoComplete="off" autoCapitalize="characters" inputMode="text" size="large" style={{ maxWidth: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={busy} block>
            {t('lookup.submit')}
          </Button>
        </Form>
        {error != null && <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} title={errorText(t, lang, error)} />}
        {result && (
          <Descriptions className="status-result" column={1} bordered size="small" style={{ marginTop: 16 }} title={result.reference}>
            <Descriptions.Item label={t('lookup.programme')}>{result.programmeName}</Descriptions.Item>
            <Descriptions.Item label={t('lookup.step')}>
              <Tag color={kindColorOfStatus(result.status)}>{pick(result.stepTitle, result.stepTitleEn)}</Tag> {tOr(`status.${result.status}`, result.status)}
            </Descriptions.Item>
            <Descriptions.Item label={t('lookup.since')}>{fmtDateTime(lang, result.stepSince)}</Descriptions.Item>
            {result.submittedAt && <Descriptions.Item label={t('lookup.submitted')}>{fmtDateTime(lang, result.submittedAt)}</Descriptions.Item>}
            {result.noticeEndsAt && <Descriptions.Item label={t('lookup.noticeEnds')}>{fmtDate(lang, result.noticeEndsAt)}</Descriptions.Item>}
            {result.dueAt && <Descriptions.Item label={t('lookup.due')}>{fmtDate(lang, result.dueAt)}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>
    </div>
  );
}
