/**
 * /designer/registers/:key — define a register the way a programme is defined: the entry form in
 * the visual form builder, 档案设置 (name and key fields, statuses with titles and colours, the
 * person index, kinds of change, editing roles) picked from that form's fields, 档案清单 (what a
 * complete household file holds) and the whole definition as JSON. Save the draft (checked in full by the server,
 * nothing saved on any problem), publish: entries are validated with the new version from then on.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CloudUploadOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { graphql } from '../graphql';
import type { RegisterDesignQuery } from '../graphql/graphql';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { useDraftActions } from '../designer/draft-actions';
import { RefusalAlert } from '../designer/RefusalAlert';
import { Link } from '../router';
import { CodeEditor } from '../components/CodeEditor';
import { parseJson } from '../components/parse-json';
import { fmtDateTime } from '../format';
import { statusColor } from './ProgrammeList';
import { FormBuilder } from '../designer/form/FormBuilder';
import { BuilderRefusal, builderRefusal } from '../designer/form/BuilderRefusal';
import { RegisterSettings } from '../designer/register/RegisterSettings';
import { ChecklistEditor } from '../designer/register/ChecklistEditor';
import { TEMPLATE_DEFINITION, definitionOf, syncStatuses, type RegisterDefinition } from '../designer/register/register-model';

const RegisterDesignDocument = graphql(`
  query RegisterDesign($key: String!) {
    register(key: $key) {
      id key name nameEn regionCode status
      currentVersion { ...RegisterVersionDesign }
      draft { ...RegisterVersionDesign }
      versions { id number status createdAt publishedAt }
    }
  }
  fragment RegisterVersionDesign on RegisterVersion {
    id number status schema uiSchema keyFields nameField statusField
    statuses { value zh en color }
    changeKinds { key zh en death }
    headIdField membersField memberIdField memberNameField editingRoles
    checklist { key title titleEn programme reachedState event attachment }
  }
`);
const SaveRegisterDraftDocument = graphql(`
  mutation SaveRegisterDraft($key: String!, $definition: RegisterDefinitionInput!) {
    saveRegisterDraft(key: $key, definition: $definition) { id number }
  }
`);
const RetireRegisterDocument = graphql(`
  mutation RetireRegister($key: String!) {
    retireRegister(key: $key) { id status }
  }
`);
const PublishRegisterDocument = graphql(`
  mutation PublishRegister($key: String!) {
    publishRegister(key: $key) { id number }
  }
`);

type Register = NonNullable<RegisterDesignQuery['register']>;
const pretty = (v: unknown) => JSON.stringify(v ?? {}, null, 2);

export default function RegisterDesigner({ registerKey }: { registerKey: string }) {
  const { t, lang, pick, tOr } = useI18n();
  const { message, modal } = App.useApp();
  const { data, error, loading, reload } = useQuery(RegisterDesignDocument, { key: registerKey });
  const register: Register | undefined = data?.register;
  const [def, setDef] = useState<RegisterDefinition | null>(null);
  const [jsonText, setJsonText] = useState('');
  const [tab, setTab] = useState('settings');
  const [refused, setRefused] = useState<string[] | null>(null);
  const [dirty, setDirty] = useState(false);
  // The form builder keeps its own model: it is remounted when the form changes elsewhere.
  const [builderKey, setBuilderKey] = useState(0);

  useEffect(() => {
    if (!register || def) return;
    const v = register.draft ?? register.currentVersion;
    setDef(v ? definitionOf(v) : TEMPLATE_DEFINITION);
    // A register saved but never given a version starts from the template: unsaved until saved.
    setDirty(!v);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [register]);
  useEffect(() => {
    document.title = `${t('rd.title')} · ${register ? pick(register.name, register.nameEn) : registerKey}`;
  }, [register, registerKey, t, pick]);

  const json = useMemo(() => parseJson(jsonText), [jsonText]);
  const change = (next: RegisterDefinition) => {
    setDef(next);
    setDirty(true);
  };
  const openTab = (key: string) => {
    if (!def) return;
    if (key === 'builder') {
      const why = builderRefusal({ value: def.schema }, { value: def.uiSchema });
      setRefused(why);
      if (why) return;
      setBuilderKey((k) => k + 1);
    }
    if (key === 'json') setJsonText(pretty({ ...def, statuses: syncStatuses(def) }));
    setTab(key);
  };
  const onJson = (text: string) => {
    setJsonText(text);
    const parsed = parseJson(text);
    if (!parsed.error && parsed.value && typeof parsed.value === 'object') change(parsed.value as RegisterDefinition);
  };

  const { busy, error: actionError, setError: setActionError, act, save, publish } = useDraftActions({
    ready: !!def && !json.error, dirty, saved: () => setDirty(false), reload,
    save: async () => (await request(SaveRegisterDraftDocument, { key: registerKey, definition: { ...def!, statuses: syncStatuses(def!) } })).saveRegisterDraft.number,
    publish: async () => (await request(PublishRegisterDocument, { key: registerKey })).publishRegister.number,
  });
  const retire = () => act('retire', async () => {
    await request(RetireRegisterDocument, { key: registerKey });
    message.success(t('rd.retired'));
    await reload();
  });

  if (error) return <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />;
  if (!register || !def) return loading || (register && !def) ? <Card loading /> : <Empty description={t('error.NOT_FOUND')} />;

  return (
    <div className="page register-designer">
      <div className="page-head">
        <div>
          <Typography.Text type="secondary"><Link to="/designer">{t('designer.listTitle')}</Link> ›</Typography.Text>
          <Typography.Title level={2}>
            {pick(register.name, register.nameEn)} <Tag color={statusColor[register.status] ?? 'default'}>{tOr(`rd.status.${register.status}`, register.status)}</Tag>
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('rd.kind')} · <code>{register.key}</code> · {register.currentVersion ? t('designer.currentIs', { n: register.currentVersion.number }) : t('designer.neverPublished')}
            {register.draft && ` · ${t('designer.draftIs', { n: register.draft.number })}`}
          </Typography.Text>
        </div>
        <Space wrap>
          {dirty && <Badge status="warning" text={t('designer.unsaved')} />}
          <Button icon={<SaveOutlined />} onClick={save} loading={busy === 'save'} disabled={register.status === 'retired'}>{t('designer.saveDraft')}</Button>
          <Popconfirm title={t('designer.publishConfirm')} description={t('rd.publishHint')} onConfirm={publish} okText={t('designer.publish')} cancelText={t('common.cancel')}>
            <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'publish'} disabled={register.status === 'retired' || (!register.draft && !dirty)}>
              {t('designer.publish')}
            </Button>
          </Popconfirm>
          {register.status !== 'retired' && (
            <Button danger icon={<StopOutlined />} loading={busy === 'retire'}
              onClick={() => modal.confirm({ title: t('rd.retireConfirm'), content: t('rd.retireHint'), okText: t('designer.retire'), okButtonProps: { danger: true }, cancelText: t('common.cancel'), onOk: retire })}>
              {t('designer.retire')}
            </Button>
          )}
        </Space>
      </div>
      <RefusalAlert error={actionError} onClose={() => setActionError(null)} />
      <Card size="small">
        {refused && <BuilderRefusal pointers={refused} onClose={() => setRefused(null)} />}
        <Tabs
          activeKey={tab}
          onChange={openTab}
          items={[
            { key: 'settings', label: t('rd.settings'), children: tab === 'settings' ? <RegisterSettings def={def} regionCode={register.regionCode} onChange={change} /> : null },
            {
              key: 'builder', label: t('rd.form'),
              children: tab === 'builder' ? (
                <FormBuilder key={builderKey} schema={def.schema} uiSchema={def.uiSchema} workflow={null} regionCode={register.regionCode}
                  onChange={(schema, uiSchema) => change({ ...def, schema, uiSchema })} onWorkflowChange={() => undefined} />
              ) : null,
            },
            {
              key: 'checklist', label: t('rd.checklist'),
              children: tab === 'checklist' ? (
                <ChecklistEditor rows={def.dossier?.checklist ?? []} onChange={(rows) => change({ ...def, dossier: rows.length ? { checklist: rows } : null })} />
              ) : null,
            },
            {
              key: 'json', label: <span>JSON {json.error && <Badge status="error" />}</span>,
              children: tab === 'json' ? <CodeEditor id="rd-json" label={t('rd.json')} value={jsonText} onChange={onJson} /> : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('designer.versions')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...register.versions].sort((a, b) => b.number - a.number)}
          columns={[
            { title: t('designer.version'), dataIndex: 'number', render: (n: number) => `v${n}` },
            { title: t('designer.status'), dataIndex: 'status', render: (s: string) => <Tag color={statusColor[s] ?? 'default'}>{tOr(`status.${s}`, s)}</Tag> },
            { title: t('designer.created'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(lang, v) },
            { title: t('designer.publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => fmtDateTime(lang, v) },
          ]}
        />
      </Card>
    </div>
  );
}
