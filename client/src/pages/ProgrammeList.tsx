/** /designer — the county's programmes; create a new one. */
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { graphql } from '../graphql';
import type { DesignRegistersQuery, ProgrammesQuery } from '../graphql/graphql';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { useRegionNames } from '../regions';
import { fmtDate } from '../format';

export const ProgrammesDocument = graphql(`
  query Programmes {
    programmes {
      canFile
      id key name nameEn description regionCode status
      currentVersion { id number publishedAt }
      draft { id number createdAt }
    }
  }
`);

const DesignRegistersDocument = graphql(`
  query DesignRegisters {
    registers(includeRetired: true) {
      id key name nameEn regionCode status
      currentVersion { id number publishedAt }
      draft { id number createdAt }
    }
  }
`);

const CreateRegisterDocument = graphql(`
  mutation CreateRegister($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {
    createRegister(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }
  }
`);

const CreateProgrammeDocument = graphql(`
  mutation CreateProgramme($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {
    createProgramme(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }
  }
`);

type Programme = ProgrammesQuery['programmes'][number];
type RegisterRow = DesignRegistersQuery['registers'][number];

export const statusColor: Record<string, string> = { draft: 'default', published: 'green', retired: 'red', active: 'green' };

export default function ProgrammeList() {
  const { t, lang, pick, tOr } = useI18n();
  const { user, hasRole } = useSession();
  const { data, error, loading } = useQuery(ProgrammesDocument, {});
  const registers = useQuery(DesignRegistersDocument, {});
  // What the create dialog makes: a programme, or a register (the same names and owner).
  const [open, setOpen] = useState<false | 'programme' | 'register'>(false);
  const [busy, setBusy] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const names = useRegionNames([...(data?.programmes ?? []), ...(registers.data?.registers ?? [])].map((p) => p.regionCode));
  const county = user?.roles.find((r) => r.role === 'designer')?.regionCode ?? user?.roles.find((r) => r.regionCode.endsWith('000000'))?.regionCode ?? '';
  const canDesign = hasRole('designer', 'admin', 'county_admin');

  async function create() {
    const v = await form.validateFields();
    setBusy(true);
    setCreateError(null);
    try {
      const input = { ...v, nameEn: v.nameEn || null, description: v.description || null };
      if (open === 'register') {
        const r = await request(CreateRegisterDocument, input);
        navigate(`/designer/registers/${encodeURIComponent(r.createRegister.key)}`);
      } else {
        const r = await request(CreateProgrammeDocument, input);
        navigate(`/designer/${encodeURIComponent(r.createProgramme.key)}`);
      }
    } catch (e) {
      setCreateError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('designer.listTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('designer.listIntro')}</Typography.Paragraph>
        </div>
        {canDesign && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('programme')}>
            {t('designer.create')}
          </Button>
        )}
      </div>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />}
      <Table<Programme>
        rowKey="key"
        loading={loading}
        dataSource={data?.programmes ?? []}
        pagination={false}
        // On a phone the table scrolls sideways inside its box instead of one character per line.
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('designer.name'), render: (_, p) => <Link to={`/designer/${encodeURIComponent(p.key)}`}>{pick(p.name, p.nameEn)}</Link> },
          { title: t('designer.key'), dataIndex: 'key', render: (k) => <code>{k}</code> },
          { title: t('designer.owner'), render: (_, p) => names[p.regionCode] ?? p.regionCode },
          { title: t('designer.status'), render: (_, p) => <Tag color={statusColor[p.status] ?? 'default'}>{tOr(`status.${p.status}`, p.status)}</Tag> },
          { title: t('designer.current'), render: (_, p) => (p.currentVersion ? `v${p.currentVersion.number} · ${fmtDate(lang, p.currentVersion.publishedAt)}` : '—') },
          { title: t('designer.hasDraft'), render: (_, p) => (p.draft ? <Tag color="blue">v{p.draft.number}</Tag> : '—') },
          { title: t('designer.description'), dataIndex: 'description', ellipsis: true },
        ]}
      />
      <div className="page-head register-list-head">
        <div>
          <Typography.Title level={3}>{t('rd.listTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('rd.listIntro')}</Typography.Paragraph>
        </div>
        {canDesign && (
          <Button icon={<PlusOutlined />} onClick={() => setOpen('register')}>
            {t('rd.create')}
          </Button>
        )}
      </div>
      {registers.error != null && <Alert type="error" showIcon title={errorText(t, lang, registers.error)} role="alert" />}
      <Table<RegisterRow>
        className="register-list"
        rowKey="key"
        loading={registers.loading}
        dataSource={registers.data?.registers ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('designer.name'), render: (_, r) => <Link to={`/designer/registers/${encodeURIComponent(r.key)}`}>{pick(r.name, r.nameEn)}</Link> },
          { title: t('designer.key'), dataIndex: 'key', render: (k) => <code>{k}</code> },
          { title: t('designer.owner'), render: (_, r) => names[r.regionCode] ?? r.regionCode },
          { title: t('designer.status'), render: (_, r) => <Tag color={statusColor[r.status] ?? 'default'}>{tOr(`rd.status.${r.status}`, r.status)}</Tag> },
          { title: t('designer.current'), render: (_, r) => (r.currentVersion ? `v${r.currentVersion.number} · ${fmtDate(lang, r.currentVersion.publishedAt)}` : '—') },
          { title: t('designer.hasDraft'), render: (_, r) => (r.draft ? <Tag color="blue">v{r.draft.number}</Tag> : '—') },
        ]}
      />
      <Modal open={!!open} title={open === 'register' ? t('rd.create') : t('designer.create')} onCancel={() => setOpen(false)} onOk={create} confirmLoading={busy} okText={t('designer.createOk')} destroyOnHidden>
        {createError != null && <Alert type="error" showIcon title={errorText(t, lang, createError)} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={form} layout="vertical" initialValues={{ regionCode: county }}>
          <Form.Item name="key" label={t('designer.key')} extra={t('designer.keyHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_-]{1,39}$/, message: t('designer.keyRule') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t('designer.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('designer.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="regionCode" label={t('designer.owner')} extra={names[county] ?? county} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('designer.description')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
