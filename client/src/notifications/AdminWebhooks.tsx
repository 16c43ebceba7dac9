/**
 * The webhooks tab of /admin/users: where the region's case events are sent (county data, no
 * code), and each webhook's delivery log with its last attempts and a "send again".
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../i18n';
import { request } from '../api';
import { useQuery } from '../hooks';
import { useSession } from '../session';
import { useRegionNames } from '../regions';
import { refusalText, useDefiningRegions, useAdminAction } from '../pages/admin-common';
import {
  CreateWebhookDocument, DeleteWebhookDocument, RedeliverWebhookDocument, UpdateWebhookDocument, WebhookDeliveriesDocument, WebhooksDocument,
  type DeliveryView, type WebhookView,
} from './queries';

interface HookForm {
  regionCode: string;
  name: string;
  url: string;
  secret?: string;
  eventKinds: string[];
  active: boolean;
}

const STATUS_COLOR: Record<string, string> = { pending: 'gold', delivered: 'green', failed: 'red' };

export function AdminWebhooks({ narrow }: { narrow: boolean }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const regions = useDefiningRegions(user);
  const { data, error, loading, reload } = useQuery(WebhooksDocument, {});
  const names = useRegionNames([...regions.map((r) => r.code), ...(data?.webhooks.map((w) => w.regionCode) ?? [])]);
  const [editing, setEditing] = useState<{ hook?: WebhookView } | null>(null);
  const [logOf, setLogOf] = useState<WebhookView | null>(null);
  const { failure, setFailure, busy, run } = useAdminAction(reload);
  const [form] = Form.useForm<HookForm>();

  function openForm(hook?: WebhookView) {
    setFailure(null);
    setEditing({ hook });
    form.setFieldsValue(hook
      ? { regionCode: hook.regionCode, name: hook.name, url: hook.url, secret: '', eventKinds: hook.eventKinds, active: hook.active }
      : { regionCode: regions.find((r) => /^\d{6}000000$/.test(r.code) && !r.code.endsWith('00000000'))?.code ?? regions.at(-1)?.code, name: '', url: '', secret: '', eventKinds: ['*'], active: true });
  }

  function save(v: HookForm) {
    const input = { name: v.name, url: v.url, secret: v.secret || null, eventKinds: v.eventKinds, active: v.active };
    return run(
      () => (editing?.hook ? request(UpdateWebhookDocument, { id: editing.hook.id, input }) : request(CreateWebhookDocument, { regionCode: v.regionCode, input })),
      // Forget the secret once saved: the hidden dialog keeps its fields otherwise.
      () => { setEditing(null); form.resetFields(); },
    );
  }

  const hooks = data?.webhooks ?? [];
  const activeTag = (w: WebhookView) => (w.active ? <Tag color="green">{t('webhooks.active')}</Tag> : <Tag>{t('webhooks.paused')}</Tag>);
  const actions = (w: WebhookView) => (
    <Space wrap>
      <Button size="small" onClick={() => setLogOf(w)}>{t('webhooks.log')}</Button>
      <Button size="small" onClick={() => openForm(w)}>{t('webhooks.edit')}</Button>
      <Popconfirm title={t('webhooks.deleteConfirm')} onConfirm={() => run(() => request(DeleteWebhookDocument, { id: w.id }))}>
        <Button size="small" danger>{t('webhooks.delete')}</Button>
      </Popconfirm>
    </Space>
  );
  return (
    <div className="admin-webhooks">
      <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
      <div className="toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm()} disabled={!regions.length}>{t('webhooks.new')}</Button>
      </div>
      {error ? <Alert type="error" showIcon title={refusalText(t, lang, error)} /> : null}
      {narrow ? (
        // On a phone each webhook is a card: the table's five columns do not fit 360 px.
        <div className="webhook-cards">
          {!loading && hooks.length === 0 && <Typography.Text type="secondary">{t('webhooks.none')}</Typography.Text>}
          {hooks.map((w) => (
            <Card key={w.id} size="small" className="webhook-card" title={w.name} extra={activeTag(w)} style={{ marginBottom: 12 }}>
              <div><Typography.Text type="secondary">{names[w.regionCode] ?? w.regionCode}</Typography.Text></div>
              <Typography.Text className="webhook-url" ellipsis={{ tooltip: w.url }} style={{ maxWidth: '100%' }}>{w.url}</Typography.Text>
              <div style={{ margin: '6px 0' }}>{w.eventKinds.map((k) => <Tag key={k}>{k}</Tag>)}</div>
              {actions(w)}
            </Card>
          ))}
        </div>
      ) : (
        <Table<WebhookView>
          rowKey="id"
          loading={loading}
          dataSource={hooks}
          pagination={false}
          locale={{ emptyText: t('webhooks.none') }}
          columns={[
            { title: t('webhooks.name'), key: 'name', render: (_, w) => <><div>{w.name}</div><Typography.Text type="secondary">{names[w.regionCode] ?? w.regionCode}</Typography.Text></> },
            { title: t('webhooks.url'), key: 'url', render: (_, w) => <Typography.Text className="webhook-url" ellipsis={{ tooltip: w.url }}>{w.url}</Typography.Text> },
            { title: t('webhooks.kinds'), key: 'kinds', render: (_, w) => w.eventKinds.map((k) => <Tag key={k}>{k}</Tag>) },
            { title: t('webhooks.active'), key: 'active', render: (_, w) => activeTag(w) },
            { title: t('admin.actions'), key: 'actions', render: (_, w) => actions(w) },
          ]}
        />
      )}
      <Modal open={!!editing} title={editing?.hook ? t('webhooks.edit') : t('webhooks.new')} confirmLoading={busy} onCancel={() => setEditing(null)} onOk={() => form.submit()} forceRender>
        {failure && <Alert type="error" showIcon title={failure} role="alert" className="admin-alert" />}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="regionCode" label={t('webhooks.region')} rules={[{ required: true }]}>
            <Select disabled={!!editing?.hook} options={regions.map((r) => ({ value: r.code, label: names[r.code] ?? r.name }))} />
          </Form.Item>
          <Form.Item name="name" label={t('webhooks.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="url" label={t('webhooks.url')} rules={[{ required: true, type: 'url' }]}><Input placeholder="https://" inputMode="url" /></Form.Item>
          <Form.Item name="secret" label={t('webhooks.secret')} extra={editing?.hook ? t('webhooks.secretKeep', { hint: editing.hook.secretHint }) : undefined}
            rules={editing?.hook ? [{ min: 16, max: 200 }] : [{ required: true, min: 16, max: 200 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="eventKinds" label={t('webhooks.kinds')} extra={t('webhooks.kindsHelp')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="tags" options={['*', 'SUBMIT', 'APPROVE', 'RETURN', 'REJECT', 'status:APPROVED', 'status:REJECTED', 'status:UNDER_NOTICE'].map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="active" label={t('webhooks.active')} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
      <Drawer open={!!logOf} onClose={() => setLogOf(null)} title={`${t('webhooks.log')} · ${logOf?.name ?? ''}`} size={narrow ? Math.min(window.innerWidth, 420) : 760}>
        {logOf && <DeliveryLog hook={logOf} narrow={narrow} />}
      </Drawer>
    </div>
  );
}

function DeliveryLog({ hook, narrow }: { hook: WebhookView; narrow: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const { data, loading, error, reload } = useQuery(WebhookDeliveriesDocument, { id: hook.id, first: 20, after: stack.at(-1) ?? null });
  const result = (d: DeliveryView) => (d.lastStatus ? `HTTP ${d.lastStatus}` : d.lastError ?? '—');
  return (
    <>
      {error ? <Alert type="error" showIcon title={refusalText(t, lang, error)} /> : null}
      <Table<DeliveryView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.webhookDeliveries.nodes ?? []}
        pagination={false}
        scroll={narrow ? { x: 560 } : undefined}
        columns={[
          { title: t('webhooks.time'), key: 'at', render: (_, d) => dayjs(d.createdAt).format('MM-DD HH:mm:ss') },
          { title: t('webhooks.kinds'), key: 'kind', render: (_, d) => <><Tag>{d.kind}</Tag><div>{d.reference}</div></> },
          {
            title: t('admin.status'), key: 'status', render: (_, d) => (
              <>
                <Tag color={STATUS_COLOR[d.status]}>{t(`webhooks.status.${d.status}` as 'webhooks.status.pending')}</Tag>
                {d.status === 'pending' && d.nextAttemptAt && d.attempts > 0 && <div><Typography.Text type="secondary">{t('webhooks.nextAt', { at: dayjs(d.nextAttemptAt).format('HH:mm:ss') })}</Typography.Text></div>}
              </>
            ),
          },
          { title: t('webhooks.attempts'), dataIndex: 'attempts', key: 'attempts' },
          { title: t('webhooks.lastResult'), key: 'result', render: (_, d) => <Typography.Text type={d.status === 'delivered' ? undefined : 'danger'}>{result(d)}</Typography.Text> },
          {
            title: '', key: 'again', render: (_, d) => d.status !== 'pending' && (
              <Button size="small" onClick={() => void request(RedeliverWebhookDocument, { id: d.id }).then(() => { message.success(t('admin.saved')); return reload(); }, (e) => message.error(refusalText(t, lang, e)))}>
                {t('webhooks.redeliver')}
              </Button>
            ),
          },
        ]}
      />
      <div className="pager">
        <Button disabled={stack.length <= 1} onClick={() => setStack((s) => s.slice(0, -1))}>{t('admin.prev')}</Button>
        <Button disabled={!data?.webhookDeliveries.pageInfo.hasNextPage} onClick={() => setStack((s) => [...s, data!.webhookDeliveries.pageInfo.endCursor ?? null])}>{t('admin.next')}</Button>
      </div>
    </>
  );
}
