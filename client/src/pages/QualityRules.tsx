/**
 * /quality/rules — the county's data-quality rules: the list (a table on desktop, cards on
 * phones), defining and editing a rule with a JSON Logic editor and a preview of what it finds in
 * a region before saving, retiring, and the scheduled runs per region.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Grid, Input, List, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorText, useI18n, type MessageKey } from '../i18n';
import { ApiError, request } from '../api';
import { useQuery } from '../hooks';
import { Link } from '../router';
import { useSession } from '../session';
import { RegionCascader } from '../components/RegionCascader';
import { CodeEditor, parseJson } from '../components/CodeEditor';
import { fmtDateTime } from '../format';
import { refusalText } from './admin-common';
import {
  DefineQualityRuleDocument, PreviewQualityRuleDocument, QualityRulesDocument, RetireQualityRuleDocument, SetQualityScheduleDocument,
  SEVERITY_COLOR, UpdateQualityRuleDocument, type RuleRow,
} from './quality-query';
import type { PreviewQualityRuleQuery, QualityRuleInput } from '../graphql/graphql';

interface RuleForm {
  key: string;
  target: 'application' | 'entry';
  sourceKey: string;
  kind: 'record' | 'aggregate';
  severity: 'error' | 'warning' | 'info';
  messageZh: string;
  messageEn: string;
  fields: string;
}

const EXAMPLE_LOGIC = '{\n  "==": [{ "var": "householdSize" }, { "var": "members.length" }]\n}';
const EXAMPLE_AGGREGATE = '{\n  "left": { "kind": "sum", "field": "/householdSize" },\n  "op": "==",\n  "right": { "kind": "items", "field": "/members" }\n}';

export default function QualityRules() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const narrow = Grid.useBreakpoint().sm === false;
  const { data, error, loading, reload } = useQuery(QualityRulesDocument, {});
  const [editing, setEditing] = useState<{ rule?: RuleRow } | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const [json, setJson] = useState(EXAMPLE_LOGIC);
  const [previewRegion, setPreviewRegion] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewQualityRuleQuery['previewQualityRule'] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cronRegion, setCronRegion] = useState<string | null>(null);
  const [cron, setCron] = useState('0 2 * * *');
  const kind = Form.useWatch('kind', form);
  const target = Form.useWatch('target', form);
  useEffect(() => {
    document.title = `${t('quality.rules.title')} · ${t('app.title')}`;
  }, [t]);

  const sources = useMemo(() => {
    const list = target === 'application' ? data?.programmes ?? [] : data?.registers ?? [];
    return list.filter((s) => s.currentVersion).map((s) => ({ value: s.key, label: pick(s.name, s.nameEn ?? null) }));
  }, [data, target, pick]);
  const sourceName = (r: RuleRow) => {
    const list = r.target === 'application' ? data?.programmes ?? [] : data?.registers ?? [];
    const s = list.find((x) => x.key === r.sourceKey);
    return s ? pick(s.name, s.nameEn ?? null) : r.sourceKey;
  };

  function open(rule?: RuleRow) {
    setFailure(null);
    setPreview(null);
    setPreviewRegion(previewRegion ?? user?.roles[0]?.regionCode ?? null);
    form.setFieldsValue(rule
      ? { key: rule.key, target: rule.target as RuleForm['target'], sourceKey: rule.sourceKey, kind: rule.kind as RuleForm['kind'], severity: rule.severity as RuleForm['severity'], messageZh: rule.messageZh, messageEn: rule.messageEn, fields: rule.fields.join(', ') }
      : { key: '', target: 'entry', sourceKey: data?.registers.find((r) => r.currentVersion)?.key ?? '', kind: 'record', severity: 'warning', messageZh: '', messageEn: '', fields: '' });
    setJson(rule ? JSON.stringify(rule.kind === 'record' ? rule.logic : rule.aggregate, null, 2) : EXAMPLE_LOGIC);
    setEditing({ rule });
  }

  /** The rule as the API takes it, or null when the JSON does not parse (the editor shows why). */
  async function input(): Promise<QualityRuleInput | null> {
    const v = await form.validateFields();
    const parsed = parseJson(json);
    if (parsed.error || parsed.value === undefined) {
      setFailure(t('quality.rules.invalidJson'));
      return null;
    }
    return {
      key: v.key.trim(), target: v.target, sourceKey: v.sourceKey, severity: v.severity, messageZh: v.messageZh, messageEn: v.messageEn,
      fields: v.fields.split(/[,，\s]+/).filter(Boolean),
      ...(v.kind === 'record' ? { logic: parsed.value } : { aggregate: parsed.value }),
    };
  }

  async function act(op: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await op();
    } catch (e) {
      // A refused rule names each problem with its place in the rule.
      const problems = e instanceof ApiError ? e.problems ?? [] : [];
      setFailure([refusalText(t, lang, e), ...problems.map((p) => `${p.path.replace(/^\/input/, '')}: ${lang === 'en' ? p.messageEn ?? p.message : p.message}`)].join('\n'));
    } finally {
      setBusy(false);
    }
  }

  const runPreview = () => act(async () => {
    const i = await input();
    if (!i || !previewRegion) return;
    setPreview((await request(PreviewQualityRuleDocument, { regionCode: previewRegion, input: i })).previewQualityRule);
  });

  const save = () => act(async () => {
    const i = await input();
    if (!i) return;
    if (editing?.rule) await request(UpdateQualityRuleDocument, { id: editing.rule.id, input: i });
    else await request(DefineQualityRuleDocument, { input: i });
    message.success(t('quality.saved'));
    setEditing(null);
    await reload();
  });

  const retire = (r: RuleRow) => act(async () => {
    await request(RetireQualityRuleDocument, { id: r.id });
    message.success(t('quality.saved'));
    await reload();
  });

  const saveSchedule = () => act(async () => {
    if (!cronRegion) return;
    await request(SetQualityScheduleDocument, { regionCode: cronRegion, cron, enabled: true });
    message.success(t('quality.saved'));
    await reload();
  });

  const rules = data?.qualityRules ?? [];
  const severityTag = (s: string) => <Tag color={SEVERITY_COLOR[s]}>{t(`quality.severity.${s}` as MessageKey)}</Tag>;
  const kindText = (r: RuleRow) => t(`quality.rules.kind.${r.kind}` as MessageKey);
  const ruleActions = (r: RuleRow) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => open(r)}>{t('quality.rules.edit')}</Button>
      <Popconfirm title={t('quality.rules.retireConfirm')} onConfirm={() => retire(r)}>
        <Button size="small" danger>{t('quality.rules.retire')}</Button>
      </Popconfirm>
    </Space>
  );

  return (
    <div className="page quality-rules-page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('quality.rules.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('quality.rules.intro')}</Typography.Paragraph>
        </div>
        <Link to="/quality">{t('quality.title')}</Link>
      </div>
      <div className="toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open()} disabled={!data}>{t('quality.rules.define')}</Button>
      </div>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />}
      {failure && !editing && <Alert type="error" showIcon title={failure} role="alert" closable onClose={() => setFailure(null)} style={{ marginBottom: 12 }} />}
      {narrow ? (
        <div className="entry-cards" aria-busy={loading}>
          {rules.length === 0 && !loading && <Empty description={t('quality.rules.empty')} />}
          {rules.map((r) => (
            <Card key={r.id} size="small" className="entry-card">
              <div className="entry-card-head">
                <Typography.Text strong>{r.key}</Typography.Text>
                {severityTag(r.severity)}
              </div>
              <div>{pick(r.messageZh, r.messageEn)}</div>
              <div className="history-meta">{sourceName(r)} · {kindText(r)}</div>
              <div style={{ marginTop: 8 }}>{ruleActions(r)}</div>
            </Card>
          ))}
        </div>
      ) : (
        <Table<RuleRow>
          rowKey="id"
          className="quality-rules-table"
          loading={loading}
          dataSource={rules}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('quality.rules.empty') }}
          columns={[
            { title: t('quality.rules.key'), render: (_, r) => <Typography.Text code>{r.key}</Typography.Text> },
            { title: t('quality.rules.source'), render: (_, r) => sourceName(r) },
            { title: t('quality.rules.kind'), render: (_, r) => kindText(r) },
            { title: t('quality.severity'), render: (_, r) => severityTag(r.severity) },
            { title: t('quality.message'), render: (_, r) => pick(r.messageZh, r.messageEn) },
            { title: t('quality.actions'), render: (_, r) => ruleActions(r) },
          ]}
        />
      )}

      <Card size="small" title={t('quality.schedule.title')} style={{ marginTop: 24 }} className="quality-schedules">
        <List
          size="small"
          dataSource={data?.qualitySchedules ?? []}
          locale={{ emptyText: '—' }}
          renderItem={(s) => (
            <List.Item>
              <Space wrap>
                <Typography.Text>{s.regionCode}</Typography.Text>
                <Typography.Text code>{s.cron}</Typography.Text>
                <Typography.Text type="secondary">{t('quality.schedule.next')}：{fmtDateTime(lang, s.nextRunAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        <Space wrap style={{ marginTop: 8 }}>
          <RegionCascader value={cronRegion} onChange={setCronRegion} fromCounty aria-label={t('quality.region')} style={narrow ? { width: '100%' } : { minWidth: 200 }} />
          <Input aria-label={t('quality.schedule.cron')} placeholder={t('quality.schedule.cron')} value={cron} onChange={(e) => setCron(e.target.value)} style={{ width: 160 }} />
          <Button onClick={saveSchedule} disabled={!cronRegion} loading={busy && !editing}>{t('quality.schedule.save')}</Button>
        </Space>
      </Card>

      <Modal
        open={!!editing}
        title={editing?.rule ? `${t('quality.rules.edit')} ${editing.rule.key}` : t('quality.rules.define')}
        onCancel={() => setEditing(null)}
        width={narrow ? '100%' : 860}
        style={narrow ? { top: 0, maxWidth: '100vw', padding: 0 } : undefined}
        destroyOnHidden
        footer={[
          <Button key="preview" onClick={runPreview} loading={busy} disabled={!previewRegion}>{t('quality.rules.preview')}</Button>,
          <Button key="save" type="primary" onClick={save} loading={busy} id="quality-rule-save">{t('quality.rules.save')}</Button>,
        ]}
      >
        <Form form={form} layout="vertical" className="quality-rule-form" requiredMark={false}>
          <Space wrap align="start" style={{ width: '100%' }}>
            <Form.Item name="key" label={t('quality.rules.key')} rules={[{ required: true }]}>
              <Input disabled={!!editing?.rule} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="target" label={t('quality.rules.target')}>
              <Select disabled={!!editing?.rule} style={{ width: 150 }} onChange={() => form.setFieldValue('sourceKey', undefined)}
                options={(['entry', 'application'] as const).map((v) => ({ value: v, label: t(`quality.rules.target.${v}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="sourceKey" label={t('quality.rules.source')} rules={[{ required: true }]}>
              <Select disabled={!!editing?.rule} style={{ width: 200 }} options={sources} />
            </Form.Item>
            <Form.Item name="severity" label={t('quality.severity')}>
              <Select style={{ width: 110 }} options={(['error', 'warning', 'info'] as const).map((v) => ({ value: v, label: t(`quality.severity.${v}` as MessageKey) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="kind" label={t('quality.rules.kind')}>
            <Radio.Group onChange={(e) => setJson(e.target.value === 'record' ? EXAMPLE_LOGIC : EXAMPLE_AGGREGATE)}
              options={(['record', 'aggregate'] as const).map((v) => ({ value: v, label: t(`quality.rules.kind.${v}` as MessageKey) }))} />
          </Form.Item>
          <CodeEditor id="quality-rule-json" label={kind === 'aggregate' ? t('quality.rules.aggregateJson') : t('quality.rules.logic')} value={json} onChange={setJson} rows={8} />
          <Form.Item name="messageZh" label={t('quality.rules.messageZh')} rules={[{ required: true }]} style={{ marginTop: 12 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="messageEn" label={t('quality.rules.messageEn')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="fields" label={t('quality.rules.fields')}>
            <Input placeholder="/householdSize, /members" />
          </Form.Item>
          <Space wrap>
            <Typography.Text>{t('quality.rules.previewRegion')}</Typography.Text>
            <RegionCascader value={previewRegion} onChange={setPreviewRegion} fromCounty aria-label={t('quality.rules.previewRegion')} style={{ minWidth: 200 }} />
          </Space>
        </Form>
        {failure && <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-line' }}>{failure}</span>} role="alert" style={{ marginTop: 12 }} className="quality-rule-error" />}
        {preview && (
          <div className="quality-preview" style={{ marginTop: 12 }} aria-live="polite">
            <Typography.Text strong>{t('quality.rules.previewResult', { checked: preview.checked, failing: preview.failing })}</Typography.Text>
            <ul>
              {preview.hits.slice(0, 10).map((h) => <li key={h.recordKey}>{h.label}</li>)}
            </ul>
          </div>
        )}
      </Modal>
    </div>
  );
}
