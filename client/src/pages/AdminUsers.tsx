/**
 * /admin/users — user administration for admins and county admins: the users of their regions
 * (search, region filter, cursor paging), creating one, granting and revoking roles on a region,
 * resetting a password, disabling and re-enabling; a tab for the county's roles and one for bulk
 * creation from a pasted table. A table on desktop, cards on phones (< 576 px).
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Grid, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { request } from '../api';
import { useQuery } from '../hooks';
import { setQuery, useLocation } from '../router';
import { useSession } from '../session';
import { useRegionNames } from '../regions';
import { RegionCascader } from '../components/RegionCascader';
import {
  AdminRolesDocument, AdminUsersDocument, CreateUserDocument, DisableUserDocument, EnableUserDocument, GrantRoleDocument,
  ResetPasswordDocument, RevokeRoleDocument, type AdminUser,
} from './admin-users-query';
import { isAdminUser, refusalText, useAdminAction } from './admin-common';
import { AdminRoles } from './AdminRoles';
import { AdminWebhooks } from '../notifications/AdminWebhooks';
import { AdminBulkUsers } from './AdminBulkUsers';
import NotFound from './NotFound';

const PAGE_SIZE = 20;

type Dialog =
  | { kind: 'create' }
  | { kind: 'grant'; user: AdminUser }
  | { kind: 'reset'; user: AdminUser };

/** Roles that may be granted at a region: the catalogue visible there, not retired. */
function RoleSelect({ regionCode, value, onChange, id }: { regionCode: string | null; value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t, pick } = useI18n();
  const { data, loading } = useQuery(AdminRolesDocument, { regionCode, includeBelow: false, includeRetired: false }, { skip: !regionCode });
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      disabled={!regionCode}
      placeholder={t('admin.pickRole')}
      value={value}
      onChange={onChange}
      // The county's own roles first: the reason to come here is usually one of them.
      options={[...(data?.roles ?? [])].sort((a, b) => Number(a.builtIn) - Number(b.builtIn)).map((r) => ({ value: r.name, label: `${pick(r.zh, r.en)} (${r.name})` }))}
    />
  );
}

export default function AdminUsers() {
  const { t, lang, pick } = useI18n();
  const { message, modal } = App.useApp();
  const { user } = useSession();
  const { query } = useLocation();
  const narrow = Grid.useBreakpoint().sm === false;
  const tab = query.get('tab') ?? 'users';
  const region = query.get('region');
  const search = query.get('q') ?? '';
  const [searchText, setSearchText] = useState(search);
  const [stack, setStack] = useState<(string | null)[]>([null]);
  useEffect(() => setStack([null]), [region, search]);
  useEffect(() => {
    document.title = `${t('admin.title')} · ${t('app.title')}`;
  }, [t]);
  const mayAdminister = isAdminUser(user) || !!user?.roles.some((r) => r.role === 'county_admin');
  const after = stack[stack.length - 1];
  const { data, error, loading, reload } = useQuery(AdminUsersDocument, { regionCode: region, search: search || null, first: PAGE_SIZE, after }, { skip: !mayAdminister });
  const users = data?.users.edges.map((e) => e.node) ?? [];
  const names = useRegionNames(users.flatMap((u) => [u.regionCode, ...u.roles.map((r) => r.regionCode)]).filter((c): c is string => !!c));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [grantRegion, setGrantRegion] = useState<string | null>(null);
  const [form] = Form.useForm();
  // Outside a dialog a refusal is a message: there is no form to show it beside.
  const { failure, setFailure, busy, run } = useAdminAction(reload, (text, keep) => (dialog ? keep(text) : message.error(text)));

  if (!mayAdminister) return <NotFound />;

  function open(d: Dialog) {
    form.resetFields();
    setFailure(null);
    setGrantRegion(d.kind === 'grant' ? d.user.regionCode ?? null : null);
    setDialog(d);
  }

  const regionName = (code: string | null | undefined) => (code ? names[code] ?? code : '—');
  const roleTitle = (r: AdminUser['roles'][number]) => pick(r.roleTitle, r.roleTitleEn);

  function revoke(u: AdminUser, r: AdminUser['roles'][number]) {
    modal.confirm({
      title: t('admin.revokeConfirm', { user: u.displayName, role: roleTitle(r), region: regionName(r.regionCode) }),
      okButtonProps: { danger: true },
      onOk: () => run(() => request(RevokeRoleDocument, { username: u.username, role: r.role, regionCode: r.regionCode })),
    });
  }

  const roleTags = (u: AdminUser) => (
    <span className="user-role-tags">
      {u.roles.map((r) => (
        <Tag
          key={`${r.role}@${r.regionCode}`}
          closable
          closeIcon={<span aria-label={`${t('admin.revoke')} ${roleTitle(r)}`}>×</span>}
          onClose={(e) => { e.preventDefault(); revoke(u, r); }}
          color={r.roleRegionCode ? 'purple' : 'red'}
          bordered={false}
        >
          {roleTitle(r)} · {regionName(r.regionCode)}
        </Tag>
      ))}
    </span>
  );

  const actions = (u: AdminUser) => (
    <Space size="small" wrap>
      <Button size="small" icon={<PlusOutlined />} onClick={() => open({ kind: 'grant', user: u })}>{t('admin.grant')}</Button>
      <Button size="small" icon={<KeyOutlined />} onClick={() => open({ kind: 'reset', user: u })}>{t('admin.resetPassword')}</Button>
      {u.active ? (
        <Popconfirm title={t('admin.disableConfirm', { user: u.displayName })} okText={t('admin.disable')} okButtonProps={{ danger: true }} onConfirm={() => run(() => request(DisableUserDocument, { username: u.username }))}>
          <Button size="small" danger icon={<StopOutlined />}>{t('admin.disable')}</Button>
        </Popconfirm>
      ) : (
        <Button size="small" onClick={() => run(() => request(EnableUserDocument, { username: u.username }))}>{t('admin.enable')}</Button>
      )}
    </Space>
  );

  const status = (u: AdminUser) => (u.active ? <Tag color="green">{t('admin.active')}</Tag> : <Tag>{t('admin.disabled')}</Tag>);

  const usersTab = (
    <div className="admin-users">
      <div className="toolbar" role="search" aria-label={t('admin.search')}>
        <Input.Search
          id="users-search"
          allowClear
          style={{ width: narrow ? '100%' : 280 }}
          placeholder={t('admin.searchHint')}
          aria-label={t('admin.search')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(v) => setQuery({ q: v.trim() || null })}
          enterButton={t('admin.searchButton')}
        />
        <RegionCascader fromCounty value={region} onChange={(c) => setQuery({ region: c })} placeholder={t('admin.allRegions')} aria-label={t('admin.region')} style={narrow ? { width: '100%' } : undefined} />
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => open({ kind: 'create' })}>{t('admin.newUser')}</Button>
        {data && <Typography.Text type="secondary" className="users-count">{t('admin.total', { n: data.users.totalCount })}</Typography.Text>}
      </div>
      {error ? <Alert type="error" showIcon title={refusalText(t, lang, error)} role="alert" /> : null}
      {narrow ? (
        <div className="user-cards">
          {!loading && users.length === 0 && <Empty description={t('admin.none')} />}
          {users.map((u) => (
            <Card key={u.id} size="small" className="user-card" title={<span>{u.displayName} <Typography.Text type="secondary">{u.username}</Typography.Text></span>} extra={status(u)}>
              <div className="user-card-region">{t('admin.homeRegion')}：{regionName(u.regionCode)}</div>
              {roleTags(u)}
              <div className="user-card-actions">{actions(u)}</div>
            </Card>
          ))}
        </div>
      ) : (
        <Table<AdminUser>
          className="users-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={users}
          pagination={false}
          locale={{ emptyText: <Empty description={t('admin.none')} /> }}
          columns={[
            { title: t('admin.displayName'), key: 'name', render: (_, u) => <><div>{u.displayName}</div><Typography.Text type="secondary">{u.username}</Typography.Text></> },
            { title: t('admin.homeRegion'), key: 'region', render: (_, u) => regionName(u.regionCode) },
            { title: t('admin.roles'), key: 'roles', render: (_, u) => roleTags(u) },
            { title: t('admin.status'), key: 'status', render: (_, u) => status(u) },
            { title: t('admin.actions'), key: 'actions', render: (_, u) => actions(u) },
          ]}
        />
      )}
      <div className="pager">
        <Button disabled={stack.length <= 1} onClick={() => setStack((s) => s.slice(0, -1))}>{t('admin.prev')}</Button>
        <Button disabled={!data?.users.pageInfo.hasNextPage} onClick={() => setStack((s) => [...s, data!.users.pageInfo.endCursor ?? null])}>{t('admin.next')}</Button>
      </div>
    </div>
  );

  const dialogTitle = !dialog ? '' : dialog.kind === 'create' ? t('admin.newUser') : dialog.kind === 'grant' ? t('admin.grantTitle', { user: dialog.user.displayName }) : t('admin.resetTitle', { user: dialog.user.displayName });

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('admin.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('admin.intro')}</Typography.Paragraph>
        </div>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setQuery({ tab: k === 'users' ? null : k })}
        items={[
          { key: 'users', label: t('admin.tabUsers'), children: usersTab },
          { key: 'roles', label: t('admin.tabRoles'), children: <AdminRoles narrow={narrow} /> },
          { key: 'bulk', label: t('admin.tabBulk'), children: <AdminBulkUsers narrow={narrow} onCreated={() => void reload()} /> },
          { key: 'webhooks', label: t('webhooks.tab'), children: <AdminWebhooks narrow={narrow} /> },
        ]}
      />
      <Modal open={!!dialog} title={dialogTitle} confirmLoading={busy} okButtonProps={{ id: 'user-dialog-ok' }} onCancel={() => setDialog(null)} onOk={() => form.submit()} forceRender>
        {failure && <Alert type="error" showIcon title={failure} role="alert" className="admin-alert" />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: Record<string, string>) => {
            if (!dialog) return;
            if (dialog.kind === 'create') {
              return run(async () => {
                await request(CreateUserDocument, { input: { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, regionCode: grantRegion } });
                if (v.role && grantRegion) await request(GrantRoleDocument, { username: v.username.trim(), role: v.role, regionCode: grantRegion });
              }, () => setDialog(null));
            }
            if (dialog.kind === 'grant') {
              return run(() => request(GrantRoleDocument, { username: dialog.user.username, role: v.role, regionCode: grantRegion! }), () => setDialog(null));
            }
            return run(() => request(ResetPasswordDocument, { username: dialog.user.username, password: v.password }), () => { setDialog(null); message.info(t('admin.resetDone')); });
          }}
        >
          {dialog?.kind === 'create' && (
            <>
              <Form.Item name="username" label={t('admin.username')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_.-]{2,39}$/ }]}>
                <Input id="new-username" autoComplete="off" />
              </Form.Item>
              <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true, max: 50 }]}>
                <Input id="new-display-name" autoComplete="off" />
              </Form.Item>
              <Form.Item name="password" label={t('admin.password')} extra={t('admin.passwordRule')} rules={[{ required: true, min: 10, max: 200 }]}>
                <Input.Password id="new-password" autoComplete="new-password" />
              </Form.Item>
            </>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'grant') && (
            <>
              <Form.Item label={dialog.kind === 'create' ? t('admin.homeRegion') : t('admin.region')} required={dialog.kind === 'grant'}>
                <RegionCascader id="grant-region" fromCounty value={grantRegion} onChange={(c) => { setGrantRegion(c); form.setFieldValue('role', undefined); }} placeholder={t('admin.pickRegion')} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="role" label={t('admin.role')} rules={dialog.kind === 'grant' ? [{ required: true }] : []}>
                <RoleSelect id="grant-role" regionCode={grantRegion} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'reset' && (
            <Form.Item name="password" label={t('admin.newPassword')} extra={t('admin.passwordRule')} rules={[{ required: true, min: 10, max: 200 }]}>
              <Input.Password id="reset-password" autoComplete="new-password" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
