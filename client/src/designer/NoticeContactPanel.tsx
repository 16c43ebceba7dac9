/**
 * 公示设置: the office a programme's notices name, its phone and address (printed on the notice and
 * shown on the public board). Empty means the county's contact applies; the panel shows which one
 * notices use now.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { graphql } from '../graphql';
import { ApiError, request } from '../api';
import { errorText, useI18n } from '../i18n';

const ContactDocument = graphql(`
  query ProgrammeNoticeContact($key: String!) {
    programme(key: $key) {
      id
      noticeContact { office phone address }
      noticeContactInEffect { office phone address }
    }
  }
`);
const SetContactDocument = graphql(`
  mutation SetProgrammeNoticeContact($key: String!, $contact: NoticeContactInput) {
    setNoticeContact(programmeKey: $key, contact: $contact) { office phone address }
  }
`);

type Contact = { office: string; phone?: string | null; address?: string | null };

export function NoticeContactPanel({ programmeKey }: { programmeKey: string }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Contact>();
  const [inEffect, setInEffect] = useState<Contact | null>(null);
  const [own, setOwn] = useState<Contact | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const r = await request(ContactDocument, { key: programmeKey });
    setOwn(r.programme?.noticeContact ?? null);
    setInEffect(r.programme?.noticeContactInEffect ?? null);
    form.setFieldsValue({ office: r.programme?.noticeContact?.office ?? '', phone: r.programme?.noticeContact?.phone ?? '', address: r.programme?.noticeContact?.address ?? '' });
  };
  useEffect(() => { load().catch(setError); }, [programmeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (contact: Contact | null) => {
    setBusy(true);
    setError(null);
    try {
      await request(SetContactDocument, { key: programmeKey, contact });
      message.success(contact ? t('contact.saved') : t('contact.cleared'));
      await load();
    } catch (e) {
      setError(e);
      // Put each refused field's reason under it.
      if (e instanceof ApiError && e.problems?.length) {
        form.setFields(e.problems.flatMap((p) => {
          const name = p.path.split('/').pop() as keyof Contact;
          return ['office', 'phone', 'address'].includes(name) ? [{ name, errors: [lang === 'zh' ? p.message : (p.messageEn ?? p.message)] }] : [];
        }));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="notice-contact-panel" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">{t('contact.help')}</Typography.Paragraph>
      {inEffect && (
        <Descriptions size="small" column={1} bordered title={own ? t('contact.inEffectOwn') : t('contact.inEffectCounty')} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('contact.office')}>{inEffect.office}</Descriptions.Item>
          <Descriptions.Item label={t('contact.phone')}>{inEffect.phone || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('contact.address')}>{inEffect.address || '—'}</Descriptions.Item>
        </Descriptions>
      )}
      {error != null && <Alert type="error" showIcon message={errorText(t, lang, error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save({ office: v.office, phone: v.phone || null, address: v.address || null })}>
        <Form.Item name="office" label={t('contact.office')} rules={[{ required: true, message: t('contact.officeRequired') }, { max: 100 }]}>
          <Input id="contact-office" placeholder="顺平县民政局社会救助股" maxLength={100} />
        </Form.Item>
        <Form.Item name="phone" label={t('contact.phone')} rules={[{ pattern: /^[0-9+()\- ]{3,40}$/, message: t('contact.phoneFormat') }]}>
          <Input id="contact-phone" placeholder="0312-7621234" inputMode="tel" maxLength={40} />
        </Form.Item>
        <Form.Item name="address" label={t('contact.address')} rules={[{ max: 200 }]}>
          <Input id="contact-address" placeholder="顺平县蒲阳镇兴平路 12 号" maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>{t('contact.save')}</Button>
          {own && (
            <Popconfirm title={t('contact.clearConfirm')} onConfirm={() => save(null)}>
              <Button disabled={busy}>{t('contact.clear')}</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </div>
  );
}
