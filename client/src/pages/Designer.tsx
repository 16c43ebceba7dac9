/**
 * /designer/:key — edit a programme's form schema, uiSchema and workflow as JSON with a live form
 * preview, a live diagram and the server's static checks (debounced); save the draft; publish.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { graphql } from '../graphql';
import type { ProgrammeQuery } from '../graphql/graphql';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { useDebounced, useQuery } from '../hooks';
import { useDraftActions } from '../designer/draft-actions';
import { RefusalAlert } from '../designer/RefusalAlert';
import { Link, setQuery, useLocation } from '../router';
import { CodeEditor, parseJson } from '../components/CodeEditor';
import { WorkflowDiagram, diagramFromWorkflow } from '../components/WorkflowDiagram';
import { AidForm } from '../form/AidForm';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { fmtDateTime } from '../format';
import { statusColor } from './ProgrammeList';
import { TEMPLATE_FORM, TEMPLATE_UI, TEMPLATE_WORKFLOW } from './designer-template';
import { FormBuilder } from '../designer/form/FormBuilder';
import { BuilderRefusal, builderRefusal } from '../designer/form/BuilderRefusal';
import { FlowEditor } from '../designer/flow/FlowEditor';
import { SimulationPanel } from '../designer/flow/SimulationPanel';
import { VersionsPanel } from '../designer/flow/VersionsPanel';
import { NoticeContactPanel } from '../designer/NoticeContactPanel';
import { LedgerPanel } from '../designer/ledger/LedgerPanel';

const ProgrammeDocument = graphql(`
  query Programme($key: String!) {
    programme(key: $key) {
      id key name nameEn description regionCode status
      currentVersion { id number status formSchema uiSchema workflow createdAt publishedAt }
      draft { id number status formSchema uiSchema workflow createdAt publishedAt }
      versions { id number status formSchema uiSchema workflow createdAt publishedAt }
    }
  }
`);
const SaveDraftDocument = graphql(`
  mutation SaveProgrammeDraft($key: String!, $formSchema: JSON!, $uiSchema: JSON, $workflow: JSON!) {
    saveProgrammeDraft(key: $key, formSchema: $formSchema, uiSchema: $uiSchema, workflow: $workflow) { id number status createdAt }
  }
`);
const PublishDocument = graphql(`
  mutation PublishProgramme($key: String!) {
    publishProgramme(key: $key) { id number status publishedAt }
  }
`);
const RetireDocument = graphql(`
  mutation RetireProgramme($key: String!) {
    retireProgramme(key: $key) { id status }
  }
`);
const CheckWorkflowDocument = graphql(`
  query CheckWorkflow($workflow: JSON!) {
    checkWorkflow(workflow: $workflow) {
      ok
      errors { code message messageZh state event }
      warnings { code message messageZh state event }
    }
  }
`);
const CheckFormSchemaDocument = graphql(`
  query CheckFormSchema($formSchema: JSON!) {
    checkFormSchema(formSchema: $formSchema) { path message }
  }
`);

type Version = NonNullable<ProgrammeQuery['programme']>['versions'][number];
type ReportProblem = { code: string; message: string; messageZh?: string | null; state?: string | null; event?: string | null };
type Report = { ok: boolean; errors: ReportProblem[]; warnings: ReportProblem[] };

/** A workflow problem: our sentence for its code, where it is, and the server's detail (in Chinese where the checker words it so). */
function Problem({ p }: { p: ReportProblem }) {
  const { tOr, lang } = useI18n();
  const known = tOr(`wf.${p.code}`, '');
  const detail = lang === 'zh' && p.messageZh ? p.messageZh : p.message;
  return (
    <span>
      {p.state && <code>{p.state}{p.event ? `.${p.event}` : ''}</code>} {known || detail}
      {known && <Typography.Text type="secondary" style={{ fontSize: 12 }}> — {detail}</Typography.Text>}
    </span>
  );
}

const EDITOR_TABS = ['builder', 'form', 'ui', 'workflow', 'flow', 'simulate', 'versions', 'contact'];
const pretty = (v: unknown) => JSON.stringify(v ?? {}, null, 2);

/** Runs a server check on the parsed value, debounced; network failures are shown, not thrown. */
function useServerCheck<R>(value: unknown, ok: boolean, run: (v: unknown) => Promise<R>) {
  const key = ok ? JSON.stringify(value) : '';
  const debounced = useDebounced(key, 600);
  const [state, setState] = useState<{ result?: R; error?: unknown; pending: boolean }>({ pending: false });
  useEffect(() => {
    if (!debounced) return;
    let live = true;
    setState((s) => ({ ...s, pending: true }));
    run(JSON.parse(debounced))
      .then((result) => live && setState({ result, pending: false }))
      .catch((error) => live && setState({ error, pending: false }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return { ...state, stale: key !== debounced };
}

export default function Designer({ programmeKey }: { programmeKey: string }) {
  const { t, lang, pick, tOr } = useI18n();
  const { message, modal } = App.useApp();
  const { data, error, loading, reload } = useQuery(ProgrammeDocument, { key: programmeKey });
  const programme = data?.programme;
  const [formText, setFormText] = useState<string | null>(null);
  const [uiText, setUiText] = useState('');
  const [wfText, setWfText] = useState('');
  const [dirty, setDirty] = useState(false);
  const [previewData, setPreviewData] = useState<unknown>({});
  const [editorTab, setEditorTab] = useState('form');
  // `?tab=flow` opens a tab directly (links from the docs, the phone checks); the builder still
  // opens only for a form it can represent.
  const { query } = useLocation();
  const askedTab = query.get('tab');
  // Keywords of the current form the visual builder cannot represent (then it stays in JSON).
  const [refused, setRefused] = useState<string[] | null>(null);

  const loadVersion = (v: Pick<Version, 'formSchema' | 'uiSchema' | 'workflow'> | null | undefined) => {
    setFormText(pretty(v?.formSchema ?? TEMPLATE_FORM));
    setUiText(pretty(v?.uiSchema ?? (v ? {} : TEMPLATE_UI)));
    setWfText(pretty(v?.workflow ?? { ...TEMPLATE_WORKFLOW, id: programmeKey.replace(/[^A-Za-z0-9_-]/g, '_') }));
    setDirty(false);
  };

  useEffect(() => {
    if (programme && formText === null) loadVersion(programme.draft ?? programme.currentVersion);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [programme]);

  useEffect(() => {
    document.title = `${t('designer.title')} · ${programme ? pick(programme.name, programme.nameEn) : programmeKey}`;
  }, [programme, programmeKey, t, pick]);

  const form = useMemo(() => parseJson(formText ?? ''), [formText]);
  const ui = useMemo(() => parseJson(uiText), [uiText]);
  const wf = useMemo(() => parseJson(wfText), [wfText]);
  const allParsed = !form.error && !ui.error && !wf.error && form.value !== undefined && wf.value !== undefined;

  const wfCheck = useServerCheck<Report>(wf.value, !wf.error && wf.value !== undefined, (v) => request(CheckWorkflowDocument, { workflow: v }).then((d) => d.checkWorkflow));
  const formCheck = useServerCheck(form.value, !form.error && form.value !== undefined, (v) => request(CheckFormSchemaDocument, { formSchema: v }).then((d) => d.checkFormSchema));
  const diagram = useMemo(() => diagramFromWorkflow(wf.value), [wf.value]);

  const openTab = (key: string) => {
    if (key === 'builder') {
      const why = builderRefusal(form, ui);
      setRefused(why);
      if (why) {
        setQuery({ tab: null });
        return setEditorTab('form');
      }
    }
    setQuery({ tab: key === 'form' ? null : key });
    setEditorTab(key);
  };
  useEffect(() => {
    if (formText !== null && askedTab && askedTab !== editorTab && EDITOR_TABS.includes(askedTab)) openTab(askedTab);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formText !== null]);

  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setDirty(true);
  };

  const { busy, error: actionError, setError: setActionError, act, save, publish } = useDraftActions({
    ready: allParsed, dirty, saved: () => setDirty(false), reload,
    save: async () => (await request(SaveDraftDocument, { key: programmeKey, formSchema: form.value, uiSchema: ui.value ?? null, workflow: wf.value })).saveProgrammeDraft.number,
    publish: async () => (await request(PublishDocument, { key: programmeKey })).publishProgramme.number,
  });

  const retire = () => act('retire', async () => {
    await request(RetireDocument, { key: programmeKey });
    message.success(t('designer.retired'));
    await reload();
  });

  if (error) {
    return <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />;
  }
  if (!programme) return loading ? <Card loading /> : <Empty description={t('error.NOT_FOUND')} />;

  const wfErrors = wfCheck.result?.errors ?? [];
  const wfWarnings = wfCheck.result?.warnings ?? [];
  const formProblems = formCheck.result ?? [];
  const checksOk = allParsed && wfCheck.result?.ok && formProblems.length === 0;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Text type="secondary"><Link to="/designer">{t('designer.listTitle')}</Link> ›</Typography.Text>
          <Typography.Title level={2}>
            {pick(programme.name, programme.nameEn)} <Tag color={statusColor[programme.status] ?? 'default'}>{tOr(`status.${programme.status}`, programme.status)}</Tag>
          </Typography.Title>
          <Typography.Text type="secondary">
            <code>{programme.key}</code> · {programme.currentVersion ? t('designer.currentIs', { n: programme.currentVersion.number }) : t('designer.neverPublished')}
            {programme.draft && ` · ${t('designer.draftIs', { n: programme.draft.number })}`}
          </Typography.Text>
        </div>
        <Space wrap>
          {dirty && <Badge status="warning" text={t('designer.unsaved')} />}
          <Button icon={<SaveOutlined />} onClick={save} loading={busy === 'save'} disabled={!allParsed}>
            {t('designer.saveDraft')}
          </Button>
          <Popconfirm title={t('designer.publishConfirm')} description={t('designer.publishHint')} onConfirm={publish} okText={t('designer.publish')} cancelText={t('common.cancel')}>
            <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'publish'} disabled={!allParsed || (!programme.draft && !dirty) || wfErrors.length > 0 || formProblems.length > 0}>
              {t('designer.publish')}
            </Button>
          </Popconfirm>
          {programme.currentVersion && programme.status !== 'retired' && (
            <Button
              danger
              icon={<StopOutlined />}
              loading={busy === 'retire'}
              onClick={() => modal.confirm({ title: t('designer.retireConfirm'), content: t('designer.retireHint'), okText: t('designer.retire'), okButtonProps: { danger: true }, cancelText: t('common.cancel'), onOk: retire })}
            >
              {t('designer.retire')}
            </Button>
          )}
        </Space>
      </div>
      <RefusalAlert error={actionError} onClose={() => setActionError(null)} max={12} />
      {/* The form builder, flow editor, simulation and versions need the whole width. */}
      <div className={`designer-grid${['builder', 'flow', 'simulate', 'versions', 'ledgers'].includes(editorTab) ? ' designer-wide' : ''}`}>
        <Card size="small" title={t('designer.editors')}>
          {refused && <BuilderRefusal pointers={refused} onClose={() => setRefused(null)} />}
          <Tabs
            activeKey={editorTab}
            onChange={openTab}
            items={[
              {
                key: 'builder',
                label: pick('表单设计', 'Form builder'),
                children:
                  editorTab === 'builder' ? (
                    <FormBuilder
                      schema={form.value}
                      uiSchema={ui.value}
                      workflow={wf.value}
                      regionCode={programme.regionCode}
                      onChange={(s, u) => {
                        setFormText(pretty(s));
                        setUiText(pretty(u));
                        setDirty(true);
                      }}
                      onWorkflowChange={(w) => {
                        setWfText(pretty(w));
                        setDirty(true);
                      }}
                    />
                  ) : null,
              },
              { key: 'form', label: <span>{t('designer.formSchema')} {(form.error || formProblems.length > 0) && <Badge status="error" />}</span>, children: <CodeEditor id="ed-form" label={t('designer.formSchema')} value={formText ?? ''} onChange={edit(setFormText)} /> },
              { key: 'ui', label: <span>uiSchema {ui.error && <Badge status="error" />}</span>, children: <CodeEditor id="ed-ui" label="uiSchema" value={uiText} onChange={edit(setUiText)} /> },
              { key: 'workflow', label: <span>{t('designer.workflow')} {(wf.error || wfErrors.length > 0) && <Badge status="error" />}</span>, children: <CodeEditor id="ed-workflow" label={t('designer.workflow')} value={wfText} onChange={edit(setWfText)} /> },
              {
                key: 'flow', label: <span>{t('designer.flowEditor')} {(wf.error || wfErrors.length > 0) && <Badge status="error" />}</span>,
                children: wf.error ? <Empty description={t('designer.fixJson')} /> : <FlowEditor workflow={wf.value} formSchema={form.value} errors={wfErrors} warnings={wfWarnings} onChange={(v) => edit(setWfText)(pretty(v))} />,
              },
              { key: 'simulate', label: t('designer.simulate'), children: allParsed ? <SimulationPanel programmeKey={programmeKey} formSchema={form.value} workflow={wf.value} /> : <Empty description={t('designer.fixJson')} /> },
              { key: 'versions', label: t('designer.versionDiff'), children: <VersionsPanel programmeKey={programmeKey} versions={programme.versions} /> },
              { key: 'contact', label: t('designer.noticeContact'), children: <NoticeContactPanel programmeKey={programmeKey} /> },
              { key: 'ledgers', label: pick('台账', 'Ledgers'), children: editorTab === 'ledgers' ? <LedgerPanel programmeKey={programmeKey} published={!!programme.currentVersion} /> : null },
            ]}
          />
        </Card>
        <div className="app-side">
          <Card size="small" className="checks" title={<span>{t('designer.checks')} {checksOk && <Tag icon={<CheckCircleOutlined />} color="success">{t('designer.checksOk')}</Tag>}{(wfCheck.pending || formCheck.pending || wfCheck.stale || formCheck.stale) && <Typography.Text type="secondary"> {t('designer.checking')}</Typography.Text>}</span>}>
            <div aria-live="polite">
            {(wfCheck.error != null || formCheck.error != null) && <Alert type="warning" showIcon title={t('designer.checkUnavailable')} description={errorText(t, lang, wfCheck.error ?? formCheck.error)} />}
            <Typography.Text strong>{t('designer.formChecks')}</Typography.Text>
            {form.error ? (
              <Typography.Paragraph type="danger">{t('designer.fixJson')}</Typography.Paragraph>
            ) : formProblems.length ? (
              <ul className="check-list">{formProblems.map((p, i) => <li key={i}><Typography.Text type="danger"><code>{p.path || '/'}</code> {p.message}</Typography.Text></li>)}</ul>
            ) : (
              <Typography.Paragraph type="success">{formCheck.result ? t('designer.noProblems') : '…'}</Typography.Paragraph>
            )}
            <Typography.Text strong>{t('designer.workflowChecks')}</Typography.Text>
            {wf.error ? (
              <Typography.Paragraph type="danger">{t('designer.fixJson')}</Typography.Paragraph>
            ) : wfErrors.length || wfWarnings.length ? (
              <ul className="check-list">
                {wfErrors.map((p, i) => (
                  <li key={`e${i}`}><Tag color="error">{t('designer.error')}</Tag><Problem p={p} /></li>
                ))}
                {wfWarnings.map((p, i) => (
                  <li key={`w${i}`}><Tag color="warning">{t('designer.warning')}</Tag><Problem p={p} /></li>
                ))}
              </ul>
            ) : (
              <Typography.Paragraph type="success">{wfCheck.result ? t('designer.noProblems') : '…'}</Typography.Paragraph>
            )}
            </div>
          </Card>
          <Card size="small" title={t('designer.diagram')}>
            {diagram && diagram.nodes.length ? <WorkflowDiagram diagram={diagram} /> : <Empty description={t('designer.noDiagram')} />}
          </Card>
          {editorTab !== 'builder' && <Card size="small" title={t('designer.preview')} extra={<Typography.Text type="secondary">{t('designer.previewHint')}</Typography.Text>}>
            <div className="preview-box">
              {form.value && !form.error && formProblems.length > 0 ? (
                <Empty description={t('designer.fixForm')} />
              ) : form.value && !form.error ? (
                <ErrorBoundary key={`${formText}|${uiText}`}>
                  <AidForm schema={form.value as RJSFSchema} uiSchema={(ui.value as UiSchema) ?? {}} formData={previewData} onChange={setPreviewData} liveValidate regionCode={programme.regionCode} />
                </ErrorBoundary>
              ) : (
                <Empty description={t('designer.fixJson')} />
              )}
            </div>
          </Card>}
          <Card size="small" title={t('designer.versions')}>
            <Table<Version>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={[...programme.versions].sort((a, b) => b.number - a.number)}
              columns={[
                { title: t('designer.version'), dataIndex: 'number', render: (n) => `v${n}` },
                { title: t('designer.status'), dataIndex: 'status', render: (s) => <Tag color={statusColor[s] ?? 'default'}>{tOr(`status.${s}`, s)}</Tag> },
                { title: t('designer.created'), dataIndex: 'createdAt', render: (v) => fmtDateTime(lang, v) },
                { title: t('designer.publishedAt'), dataIndex: 'publishedAt', render: (v) => fmtDateTime(lang, v) },
                {
                  title: '',
                  render: (_, v) => (
                    <Button size="small" onClick={() => (dirty ? modal.confirm({ title: t('designer.discard'), okText: t('designer.load'), cancelText: t('common.cancel'), onOk: () => loadVersion(v) }) : loadVersion(v))}>
                      {t('designer.load')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </div>
      </div>
    </div>
  );
}
