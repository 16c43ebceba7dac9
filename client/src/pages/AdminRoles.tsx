/**
 * The roles tab of /admin/users: the catalogue visible at the chosen county (built-in roles and
 * the county's own), and defining, renaming, retiring and restoring the county's roles.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { request } from '../api';
import { useQuery } from '../hooks';
import { useSession } from '../session';
import { useRegionNames } from '../regions';
import { AdminRolesDocument, DefineRoleDocument, RetireRoleDocument, UpdateRoleDocument, type AdminRole } from './admin-users-query';
import { refusalText, useDefiningRegions, useAdminAction } from './admin-common';

interface RoleForm {
  name: string;
  zh: string;
  en: string;
}

export function AdminRoles({ narrow }: { narrow: boolean }) {
  const { t, lang, pick } = useI18n();
  const { user } = useSession();
  const regions = useDefiningRegions(user);
  const [region, setRegion] = useState<string | null>(null);
  useEffect(() => {
    if (!region && regions.length) setRegion(regions.find((r) => r.code.endsWith('000000') && !r.code.endsWith('00000000'))?.code ?? regions.at(-1)!.code);
  }, [regions, region]);
  const names = useRegionNames(regions.map((r) => r.code));
  const { data, error, loading, reload } = useQuery(AdminRolesDocument, { regionCode: region, includeBelow: true, includeRetired: true }, { skip: !region });
  const [editing, setEditing] = useState<{ role?: AdminRole } | null>(null);
  const { failure, setFailure, busy, run } = useAdminAction(reload);
  const [form] = Form.useForm<RoleForm>();

  // The county's own roles first: they are what this tab manages.
  const roles = [...(data?.roles ?? [])].sort((a, b) => Number(a.builtIn) - Number(b.builtIn));
  const regionName = (code: string | null | undefined) => (code ? names[code] ?? code : t('admin.builtIn'));

  return (
    <div className="admin-roles">
      <Typography.Paragraph type="secondary">{t('admin.rolesIntro')}</Typography.Paragraph>
      <div className="toolbar">
        {regions.length > 1 && (
          <Select
            id="roles-region"
            aria-label={t('admin.rolesRegion')}
            style={{ minWidth: 200, ...(narrow ? { width: '100%' } : {}) }}
            value={region ?? undefined}
            onChange={setRegion}
            options={regions.map((r) => ({ value: r.code, label: names[r.code] ?? r.name }))}
          />
        )}
        <Button type="primary" icon={<PlusOutlined />} disabled={!region} onClick={() => { setFailure(null); setEditing({}); }}>
          {t('admin.defineRole')}
        </Button>
      </div>
      {failure && !editing && <Alert type="error" showIcon title={failure} role="alert" className="admin-alert" closable onClose={() => setFailure(null)} />}
      {error ? <Alert type="error" showIcon title={refusalText(t, lang, error)} role="alert" /> : null}
      <Table<AdminRole>
        className="roles-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={roles}
        pagination={false}
        scroll={narrow ? { x: 560 } : undefined}
        columns={[
          { title: t('admin.roleName'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('admin.role'), key: 'title', render: (_, r) => <span className="role-title">{pick(r.zh, r.en)}</span> },
          { title: t('admin.region'), key: 'region', render: (_, r) => (r.builtIn ? <Tag>{t('admin.builtIn')}</Tag> : regionName(r.regionCode)) },
          { title: t('admin.readScope'), dataIndex: 'readScope', responsive: ['md'], render: (v: string) => t(v === 'all' ? 'admin.scope.all' : 'admin.scope.programmes') },
          { title: t('admin.status'), key: 'status', render: (_, r) => (r.retired ? <Tag color="default">{t('admin.retired')}</Tag> : <Tag color="green">{t('admin.active')}</Tag>) },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_, r) => r.builtIn || r.regionCode !== region ? null : (
              <Space size="small" wrap>
                {r.retired ? (
                  <Button size="small" loading={busy} onClick={() => run(() => request(DefineRoleDocument, { input: { name: r.name, zh: r.zh, en: r.en, regionCode: region! } }))}>{t('admin.restore')}</Button>
                ) : (
                  <>
                    <Button size="small" onClick={() => { setFailure(null); setEditing({ role: r }); }}>{t('admin.editRole')}</Button>
                    <Popconfirm title={t('admin.retireConfirm', { role: pick(r.zh, r.en) })} okText={t('admin.retire')} onConfirm={() => run(() => request(RetireRoleDocument, { name: r.name, regionCode: region! }))}>
                      <Button size="small" danger>{t('admin.retire')}</Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.role ? t('admin.editRole') : `${t('admin.defineRole')} · ${regionName(region)}`}
        okText={editing?.role ? t('admin.editRole') : t('admin.defineRole')}
        okButtonProps={{ id: 'role-dialog-ok' }}
        confirmLoading={busy}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {failure && <Alert type="error" showIcon title={failure} role="alert" className="admin-alert" />}
        <Form<RoleForm>
          form={form}
          layout="vertical"
          initialValues={editing?.role ? { name: editing.role.name, zh: editing.role.zh, en: editing.role.en } : undefined}
          onFinish={(v) => run(
            () => {
              const input = { name: v.name.trim(), zh: v.zh.trim(), en: v.en.trim(), regionCode: region! };
              return editing?.role ? request(UpdateRoleDocument, { input }) : request(DefineRoleDocument, { input });
            },
            () => setEditing(null),
          )}
        >
          <Form.Item name="name" label={t('admin.roleName')} extra={t('admin.roleNameRule')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('admin.roleNameRule') }]}>
            <Input id="role-name" disabled={!!editing?.role} autoComplete="off" />
          </Form.Item>
          <Form.Item name="zh" label={t('admin.roleZh')} rules={[{ required: true, max: 50 }]}>
            <Input id="role-zh" />
          </Form.Item>
          <Form.Item name="en" label={t('admin.roleEn')} rules={[{ required: true, max: 100 }]}>
            <Input id="role-en" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
