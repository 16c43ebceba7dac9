/**
 * 档案设置: what makes a form a register, picked from the entry form's own fields, never typed as
 * pointers: the name and key fields, the status field with a title and colour per value, the
 * person index (head's ID, the members list and the ID and name inside a member), the kinds of
 * change the log records, and the roles that may edit. The checklist stays in the JSON tab.
 */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../graphql';
import { request } from '../../api';
import { useI18n } from '../../i18n';
import {
  CHANGE_KIND_KEY, STATUS_COLORS, entryFields, memberFields, syncStatuses,
  type ChangeKindRow, type RegisterDefinition, type StatusRow,
} from './register-model';

const RegisterRolesDocument = graphql(`
  query RegisterRoles($regionCode: String) {
    roles(regionCode: $regionCode) { name zh en }
  }
`);

function Row({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="rs-row">
      <Typography.Text strong>{label}</Typography.Text>
      {hint && <Typography.Text type="secondary" className="rs-hint">{hint}</Typography.Text>}
      <div>{children}</div>
    </div>
  );
}

export function RegisterSettings({ def, regionCode, onChange }: { def: RegisterDefinition; regionCode: string; onChange: (next: RegisterDefinition) => void }) {
  const { t, lang } = useI18n();
  const [roles, setRoles] = useState<{ name: string; zh: string; en: string }[]>([]);
  useEffect(() => {
    request(RegisterRolesDocument, { regionCode }).then((d) => setRoles(d.roles)).catch(() => setRoles([]));
  }, [regionCode]);
  const [newKind, setNewKind] = useState<ChangeKindRow>({ key: '', zh: '', en: '' });

  const fields = entryFields(def.schema);
  const label = (f: { pointer: string; title: string }) => `${f.title}（${f.pointer}）`;
  const options = (pred: (f: (typeof fields)[number]) => boolean) => fields.filter(pred).map((f) => ({ value: f.pointer, label: label(f) }));
  const scalar = (f: (typeof fields)[number]) => f.type !== 'object' && f.type !== 'array';
  const members = memberFields(def.schema, def.membersField);
  const statuses = syncStatuses(def);
  const set = (patch: Partial<RegisterDefinition>) => onChange({ ...def, ...patch });
  const setStatus = (value: string, patch: Partial<StatusRow>) => set({ statuses: statuses.map((s) => (s.value === value ? { ...s, ...patch } : s)) });
  const kindOk = CHANGE_KIND_KEY.test(newKind.key) && !def.changeKinds.some((k) => k.key === newKind.key) && newKind.zh.trim() !== '';

  return (
    <div className="register-settings">
      <Row label={t('rd.nameField')} hint={t('rd.nameFieldHint')}>
        <Select id="rd-name-field" value={def.nameField || undefined} onChange={(v) => set({ nameField: v })} options={options(scalar)} style={{ width: '100%' }} aria-label={t('rd.nameField')} />
      </Row>
      <Row label={t('rd.keyFields')} hint={t('rd.keyFieldsHint')}>
        <Select id="rd-key-fields" mode="multiple" maxCount={5} value={def.keyFields} onChange={(v) => set({ keyFields: v })} options={options(scalar)} style={{ width: '100%' }} aria-label={t('rd.keyFields')} />
      </Row>
      <Row label={t('rd.statusField')} hint={t('rd.statusFieldHint')}>
        <Select id="rd-status-field" value={def.statusField || undefined} onChange={(v) => onChange({ ...def, statusField: v, statuses: syncStatuses({ ...def, statusField: v }) })}
          options={options((f) => !!f.enum && f.type !== 'array')} style={{ width: '100%' }} aria-label={t('rd.statusField')} />
      </Row>
      <Table<StatusRow>
        className="rd-statuses"
        size="small"
        rowKey="value"
        pagination={false}
        dataSource={statuses}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('rd.statusValue'), dataIndex: 'value', render: (v: string, s) => <Tag color={s.color}>{v}</Tag> },
          { title: t('rd.titleZh'), dataIndex: 'zh', render: (v: string, s) => <Input size="small" value={v} onChange={(e) => setStatus(s.value, { zh: e.target.value })} aria-label={`${s.value} ${t('rd.titleZh')}`} /> },
          { title: t('rd.titleEn'), dataIndex: 'en', render: (v: string, s) => <Input size="small" value={v} onChange={(e) => setStatus(s.value, { en: e.target.value })} aria-label={`${s.value} ${t('rd.titleEn')}`} /> },
          {
            title: t('rd.color'), dataIndex: 'color',
            render: (v: string, s) => (
              <Select size="small" value={v} onChange={(c) => setStatus(s.value, { color: c })} style={{ width: 110 }} aria-label={`${s.value} ${t('rd.color')}`}
                options={[...new Set([...STATUS_COLORS, v])].map((c) => ({ value: c, label: <Tag color={c}>{c}</Tag> }))} />
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" className="rs-hint">{t('rd.statusValuesHint')}</Typography.Paragraph>

      <Row label={t('rd.headIdField')} hint={t('rd.headIdFieldHint')}>
        <Select allowClear value={def.headIdField ?? undefined} onChange={(v) => set({ headIdField: v ?? null })} options={options(scalar)} style={{ width: '100%' }} aria-label={t('rd.headIdField')} />
      </Row>
      <Row label={t('rd.membersField')} hint={t('rd.membersFieldHint')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select allowClear value={def.membersField ?? undefined} onChange={(v) => set({ membersField: v ?? null, memberIdField: null, memberNameField: null })}
            options={options((f) => f.type === 'array')} style={{ width: '100%' }} aria-label={t('rd.membersField')} />
          {def.membersField && (
            <>
              <Select allowClear value={def.memberIdField ?? undefined} onChange={(v) => set({ memberIdField: v ?? null })} placeholder={t('rd.memberIdField')}
                options={members.filter(scalar).map((f) => ({ value: f.pointer, label: label(f) }))} style={{ width: '100%' }} aria-label={t('rd.memberIdField')} />
              <Select allowClear value={def.memberNameField ?? undefined} onChange={(v) => set({ memberNameField: v ?? null })} placeholder={t('rd.memberNameField')}
                options={members.filter(scalar).map((f) => ({ value: f.pointer, label: label(f) }))} style={{ width: '100%' }} aria-label={t('rd.memberNameField')} />
            </>
          )}
        </Space>
      </Row>

      <Row label={t('rd.changeKinds')} hint={t('rd.changeKindsHint')}>
        <Table<ChangeKindRow>
          className="rd-kinds"
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={def.changeKinds}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('rd.kindKey'), dataIndex: 'key', render: (v: string) => <code>{v}</code> },
            { title: t('rd.titleZh'), dataIndex: 'zh', render: (v: string, k) => <Input size="small" value={v} aria-label={`${k.key} ${t('rd.titleZh')}`} onChange={(e) => set({ changeKinds: def.changeKinds.map((x) => (x.key === k.key ? { ...x, zh: e.target.value } : x)) })} /> },
            { title: t('rd.titleEn'), dataIndex: 'en', render: (v: string, k) => <Input size="small" value={v} aria-label={`${k.key} ${t('rd.titleEn')}`} onChange={(e) => set({ changeKinds: def.changeKinds.map((x) => (x.key === k.key ? { ...x, en: e.target.value } : x)) })} /> },
            { title: t('rd.death'), dataIndex: 'death', render: (v: boolean | undefined, k) => <Checkbox checked={!!v} aria-label={`${k.key} ${t('rd.death')}`} onChange={(e) => set({ changeKinds: def.changeKinds.map((x) => (x.key === k.key ? { key: x.key, zh: x.zh, en: x.en, ...(e.target.checked ? { death: true } : {}) } : x)) })} /> },
            { title: '', render: (_: unknown, k) => <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('rd.removeKind', { key: k.key })} onClick={() => set({ changeKinds: def.changeKinds.filter((x) => x.key !== k.key) })} /> },
          ]}
        />
        <Space wrap className="rd-new-kind" style={{ marginTop: 8 }}>
          <Input id="rd-kind-key" size="small" placeholder={t('rd.kindKeyHint')} value={newKind.key} onChange={(e) => setNewKind({ ...newKind, key: e.target.value.trim() })} status={newKind.key && !CHANGE_KIND_KEY.test(newKind.key) ? 'error' : undefined} aria-label={t('rd.kindKey')} style={{ width: 150 }} />
          <Input id="rd-kind-zh" size="small" placeholder={t('rd.titleZh')} value={newKind.zh} onChange={(e) => setNewKind({ ...newKind, zh: e.target.value })} aria-label={t('rd.titleZh')} style={{ width: 130 }} />
          <Input id="rd-kind-en" size="small" placeholder={t('rd.titleEn')} value={newKind.en} onChange={(e) => setNewKind({ ...newKind, en: e.target.value })} aria-label={t('rd.titleEn')} style={{ width: 150 }} />
          <Button size="small" icon={<PlusOutlined />} disabled={!kindOk} onClick={() => {
            set({ changeKinds: [...def.changeKinds, { key: newKind.key, zh: newKind.zh.trim(), en: newKind.en.trim() || newKind.zh.trim() }] });
            setNewKind({ key: '', zh: '', en: '' });
          }}>{t('rd.addKind')}</Button>
        </Space>
      </Row>

      <Row label={t('rd.editingRoles')} hint={t('rd.editingRolesHint')}>
        <Select id="rd-editing-roles" mode="multiple" value={def.editingRoles} onChange={(v) => set({ editingRoles: v })} style={{ width: '100%' }} aria-label={t('rd.editingRoles')}
          options={[...new Set([...roles.map((r) => r.name), ...def.editingRoles])].map((name) => {
            const r = roles.find((x) => x.name === name);
            return { value: name, label: r ? `${lang === 'en' ? r.en : r.zh} (${name})` : name };
          })} />
      </Row>
    </div>
  );
}
