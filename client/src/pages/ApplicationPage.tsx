/**
 * /applications/:id — the form of the pinned programme version (edit, save, submit), the actions
 * this user may take, the workflow diagram with the current state, the history and objections.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Grid, Input, Modal, Progress, Space, Tag, Timeline, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type Form from '@rjsf/core';
import { ApiError, request } from '../api';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { Link } from '../router';
import { AidForm } from '../form/AidForm';
import { problemsToErrorSchema } from '../form/problems';
import { editableUi } from '../form/editable-ui';
import { WorkflowDiagram } from '../components/WorkflowDiagram';
import { daysSince, daysUntil, fieldTitles, fmtDate, fmtDateTime } from '../format';
import { kindColor } from '../format-status';
import { useRoleTitle } from '../roles';
import { useOffline } from '../offline/OfflineProvider';
import { LocalCopy } from '../offline/LocalCopy';
import { OfflineCase } from '../offline/OfflineCase';
import { editId } from '../offline/drafts';
import {
  ApplicationDocument,
  ResolveObjectionDocument,
  SaveApplicationDocument,
  SubmitApplicationDocument,
  TransitionApplicationDocument,
  type FullApplication,
} from './application-doc';

export default function ApplicationPage({ id }: { id: string }) {
  const { t, lang, pick, tOr } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, setData, reload } = useQuery(ApplicationDocument, { id });
  const app = data?.application ?? null;
  const [formData, setFormData] = useState<unknown>(null);
  const [dirty, setDirty] = useState(false);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [actionError, setActionError] = useState<unknown>(null);
  /** Where the error is shown: beside the action buttons for a workflow action, else at the top. */
  const [errorAtAction, setErrorAtAction] = useState(false);
  const [busy, setBusy] = useState('');
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);
  const formRef = useRef<Form>(null);
  const roleTitle = useRoleTitle();
  // Phones: the steps as a list instead of the diagram, and the buttons in a bar fixed at the bottom.
  const narrow = !Grid.useBreakpoint().md;
  const offline = useOffline();
  // Changes to this case kept on the phone (saved without a connection), with their state.
  const local = offline.drafts.find((d) => d.kind === 'edit' && d.appId === id);
  /** The form holds the phone's copy: its edits started from the version that copy remembers. */
  const [fromLocal, setFromLocal] = useState(false);
  useEffect(() => {
    // The phone's copy reached the server: show the server's case as it now is.
    if (offline.lastSynced.includes(id)) {
      setDirty(false);
      setFromLocal(false);
      void reload();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offline.lastSynced]);
  // Opened without a connection: load the case once it returns.
  useEffect(() => {
    if (offline.online && error instanceof ApiError && error.code === 'NETWORK') void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offline.online]);

  useEffect(() => {
    if (app && !dirty) setFormData(app.data ?? {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [app]);
  useEffect(() => {
    document.title = `${app?.reference ?? t('app.application')} · ${t('app.title')}`;
  }, [app, t]);

  const isDraft = app?.stateKind === 'draft';
  const editable = app?.editableFields ?? [];
  const canEdit = !!app && (isDraft ? app.availableActions.length > 0 || editable.length > 0 : editable.length > 0);
  const uiSchema = useMemo(() => {
    const base = (app?.programmeVersion.uiSchema ?? {}) as UiSchema;
    if (!app) return base;
    if (isDraft && canEdit) return base;
    return editableUi(base, editable);
  }, [app, isDraft, canEdit, editable]);
  const titles = useMemo(() => fieldTitles(app?.programmeVersion.formSchema), [app?.programmeVersion.formSchema]);
  const visited = useMemo(() => new Set((app?.history ?? []).flatMap((h) => [h.fromState, h.toState].filter(Boolean) as string[])), [app]);

  const replace = (next: FullApplication) => {
    setData({ application: next });
    setFormData(next.data ?? {});
    setDirty(false);
  };

  function fail(e: unknown) {
    setActionError(e);
    if (e instanceof ApiError && e.problems?.length) {
      const withData = e.problems.some((p) => p.path.startsWith('/data/'));
      setExtraErrors(problemsToErrorSchema(e.problems, withData ? '/data' : '', lang));
    }
  }

  async function run<T>(name: string, fn: () => Promise<T>, atAction = false): Promise<T | undefined> {
    setBusy(name);
    setActionError(null);
    setErrorAtAction(atAction);
    setExtraErrors(undefined);
    try {
      return await fn();
    } catch (e) {
      fail(e);
      return undefined;
    } finally {
      setBusy('');
    }
  }

  /** Saved without a connection: kept on the phone with the version the edits started from. */
  async function keepOnPhone() {
    if (!app) return;
    const kept = await offline.keep({
      kind: 'edit', localId: local?.localId ?? editId(app.id), appId: app.id, reference: app.reference,
      baseVersion: fromLocal && local?.kind === 'edit' ? local.baseVersion : app.version,
      programmeKey: app.programmeKey, programmeName: app.programme.name, programmeNameEn: app.programme.nameEn,
      regionCode: app.regionCode, data: (formData ?? {}) as Record<string, unknown>, titles,
      form: { formSchema: app.programmeVersion.formSchema, uiSchema: app.programmeVersion.uiSchema, versionNumber: app.programmeVersion.number },
    });
    if (!kept) return;
    setFromLocal(true);
    setDirty(false);
    setActionError(null);
    message.success(t('offline.savedLocal'));
  }

  async function saveDraft(): Promise<FullApplication | undefined> {
    if (!app) return;
    if (!offline.online) return void (await keepOnPhone());
    let lost = false;
    const r = await run('save', async () => {
      try {
        return await request(SaveApplicationDocument, { id: app.id, data: formData ?? {}, expectedVersion: app.version });
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'NETWORK')) throw e;
        lost = true;
        return undefined;
      }
    });
    if (lost) {
      offline.markUnreachable();
      await keepOnPhone();
      return;
    }
    if (r) {
      replace(r.saveApplication);
      message.success(t('application.saved'));
      return r.saveApplication;
    }
  }

  async function submit() {
    if (!app) return;
    if (formRef.current && !formRef.current.validateForm()) {
      message.error(t('application.fixErrors'));
      return;
    }
    let current: FullApplication | undefined = app;
    if (dirty) current = await saveDraft();
    if (!current) return;
    const r = await run('submit', () => request(SubmitApplicationDocument, { id: current!.id, expectedVersion: current!.version }));
    if (r) {
      replace(r.submitApplication);
      message.success(t('application.submitted'));
    }
  }

  async function act(event: string, requiresComment: boolean) {
    if (!app) return;
    if (requiresComment && !comment.trim()) {
      setCommentMissing(true);
      document.getElementById('action-comment')?.focus();
      return;
    }
    setCommentMissing(false);
    const r = await run(event, () =>
      request(TransitionApplicationDocument, {
        id: app.id,
        event,
        comment: comment.trim() || null,
        data: dirty ? formData : null,
        expectedVersion: app.version,
      }),
      true,
    );
    if (r) {
      replace(r.transitionApplication);
      setComment('');
      message.success(t('application.done', { state: pick(r.transitionApplication.stateTitle, r.transitionApplication.stateTitleEn) }));
    }
  }

  // Opened without a connection: the changes kept on the phone for this case, if any.
  if (error instanceof ApiError && error.code === 'NETWORK' && local?.kind === 'edit' && local.form) return <OfflineCase draft={local} />;
  if (error) return <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />;
  if (!app) return loading ? <Card loading /> : <Empty description={t('error.NOT_FOUND')} />;

  const actions = app.availableActions.filter((a) => !(isDraft && a.event === 'SUBMIT'));
  const canSubmit = isDraft && app.availableActions.some((a) => a.event === 'SUBMIT');
  const conflict = actionError instanceof ApiError && actionError.code === 'VERSION_CONFLICT';
  const actionButtons = actions.map((a) => (
    <Button
      key={a.event}
      type={/REJECT|RETURN|BACK|WITHDRAW/.test(a.event) ? 'default' : 'primary'}
      danger={/REJECT/.test(a.event)}
      loading={busy === a.event}
      onClick={() => act(a.event, a.requiresComment)}
    >
      {pick(a.title, a.titleEn)}{a.requiresComment ? ' *' : ''}
    </Button>
  ));
  // The refusal's own words (a guard's message, a vote already cast, a stale version, a missing role) beside the buttons.
  const refusalAlert = (atAction: boolean) =>
    actionError != null && !!errorAtAction === atAction && (
      <Alert
        type="error"
        showIcon
        role="alert"
        className={atAction ? 'action-error' : undefined}
        style={atAction ? { marginTop: 10 } : { marginBottom: 12 }}
        title={errorText(t, lang, actionError)}
        description={
          conflict ? (
            <Button size="small" onClick={() => { setDirty(false); void reload(); setActionError(null); }}>{t('application.reload')}</Button>
          ) : actionError instanceof ApiError && actionError.problems?.length ? (
            t('application.problemsBelow', { n: actionError.problems.length })
          ) : undefined
        }
      />
    );
  const actionErrorAlert = refusalAlert(true);
  const draftButtons = canEdit && (
    <>
      {isDraft && (
        <Button icon={<SaveOutlined />} onClick={saveDraft} loading={busy === 'save'} disabled={!dirty}>
          {t('application.saveDraft')}
        </Button>
      )}
      {canSubmit && (
        <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={busy === 'submit'} disabled={!offline.online} title={offline.online ? undefined : t('offline.submitNeedsNetwork')}>
          {t('application.submit')}
        </Button>
      )}
    </>
  );
  const barHasButtons = actions.length > 0 || (canEdit && (isDraft || canSubmit));

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Text type="secondary"><Link to="/">{t('inbox.title')}</Link> ›</Typography.Text>
          <Typography.Title level={2}>
            {app.reference} <Tag color={kindColor[app.stateKind] ?? 'default'} style={{ fontSize: 14, verticalAlign: 4 }}>{pick(app.stateTitle, app.stateTitleEn)}</Tag>
          </Typography.Title>
          <Typography.Text type="secondary">
            {pick(app.programme.name, app.programme.nameEn)} · {app.region?.name ?? app.regionCode}
            {app.applicantName && ` · ${app.applicantName}`} · {t('application.versionN', { n: app.programmeVersion.number })}
          </Typography.Text>
        </div>
      </div>
      {refusalAlert(false)}
      {local && (
        <LocalCopy
          draft={local}
          onUseMine={() => {
            setFormData(local.data);
            setDirty(true);
            setFromLocal(true);
          }}
        />
      )}
      {narrow ? (
        <Card size="small" title={t('application.steps')} className="app-diagram">
          <StepList diagram={app.programmeVersion.diagram} current={app.state} visited={visited} />
        </Card>
      ) : (
        <Card size="small" title={t('application.diagram')} className="app-diagram">
          <WorkflowDiagram diagram={app.programmeVersion.diagram} current={app.state} visited={visited} />
        </Card>
      )}
      <div className="app-grid">
        <Card
          title={t('application.form')}
          extra={
            canEdit && !narrow && (
              <Space>
                {isDraft && (
                  <Button icon={<SaveOutlined />} onClick={saveDraft} loading={busy === 'save'} disabled={!dirty}>
                    {t('application.saveDraft')}
                  </Button>
                )}
                {canSubmit && (
                  <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={busy === 'submit'} disabled={!offline.online} title={offline.online ? undefined : t('offline.submitNeedsNetwork')}>
                    {t('application.submit')}
                  </Button>
                )}
              </Space>
            )
          }
        >
          <AidForm
            ref={formRef}
            schema={app.programmeVersion.formSchema as RJSFSchema}
            uiSchema={uiSchema}
            formData={formData ?? {}}
            readonly={!canEdit}
            regionCode={app.regionCode}
            programmeKey={app.programmeKey}
            extraErrors={extraErrors}
            onChange={(d) => {
              setFormData(d);
              setDirty(true);
            }}
          />
        </Card>
        <div className="app-side">
          <Card size="small" title={t('application.summary')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('application.status')}>{tOr(`status.${app.status}`, app.status)}</Descriptions.Item>
              {app.entry && (
                <Descriptions.Item label={t('household.label')}>
                  <Link to={`/registers/entries/${app.entry.id}`}>{app.entry.name}</Link> · {app.entry.status}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('application.created')}>{fmtDateTime(lang, app.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('application.submittedAt')}>{fmtDateTime(lang, app.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('application.inState')}>{t('inbox.daysN', { n: daysSince(app.stateEnteredAt) })}</Descriptions.Item>
              {app.noticeEndsAt && app.stateKind === 'notice' && (
                <Descriptions.Item label={t('application.noticeEnds')}>
                  {fmtDate(lang, app.noticeEndsAt)} ({t('public.daysLeft', { n: Math.max(0, daysUntil(app.noticeEndsAt)) })})
                </Descriptions.Item>
              )}
              {app.dueAt && (
                <Descriptions.Item label={t('inbox.due')}>
                  <Typography.Text type={app.overdue ? 'danger' : undefined}>{fmtDate(lang, app.dueAt)}</Typography.Text>
                  {app.overdue && <Tag color="red" style={{ marginLeft: 4 }}>{t('inbox.overdueTag')}</Tag>}
                </Descriptions.Item>
              )}
              {app.openReview && (
                <Descriptions.Item label={t('application.review')}>
                  <Tag color="purple">{t('inbox.review', { n: app.openReview.occurrence, title: pick(app.openReview.title, app.openReview.titleEn) })}</Tag>
                </Descriptions.Item>
              )}
              {app.openObjections > 0 && (
                <Descriptions.Item label={t('application.objections')}>
                  <Tag color="gold" className="objections-paused">{t('objection.pausedN', { n: app.openObjections })}</Tag>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title={t('application.actions')}>
            {actions.length ? (
              <>
                <label htmlFor="action-comment">{t('application.comment')}</label>
                <Input.TextArea
                  id="action-comment"
                  rows={3}
                  maxLength={2000}
                  value={comment}
                  status={commentMissing ? 'error' : undefined}
                  aria-invalid={commentMissing}
                  onChange={(e) => { setComment(e.target.value); setCommentMissing(false); }}
                  placeholder={t('application.commentHint')}
                />
                {commentMissing && <Typography.Text type="danger" role="alert">{t('application.commentRequired')}</Typography.Text>}
                {app.quorum && <QuorumProgress quorum={app.quorum} />}
                {!narrow && <Space wrap style={{ marginTop: 10 }}>{actionButtons}</Space>}
                {app.blockedActions.length > 0 && actionError == null && (
                  <ul className="action-blocked" style={{ margin: '8px 0 0', paddingInlineStart: 18 }}>
                    {app.blockedActions.map((b) => {
                      const title = actions.find((a) => a.event === b.event);
                      return (
                        <li key={b.event}>
                          <Typography.Text type="warning">
                            {title ? `${pick(title.title, title.titleEn)}${lang === 'zh' ? '：' : ': '}` : ''}{pick(b.reason, b.reasonEn)}
                          </Typography.Text>
                        </li>
                      );
                    })}
                  </ul>
                )}
                {!narrow && actionErrorAlert}
              </>
            ) : (
              <>
                {app.quorum && <QuorumProgress quorum={app.quorum} />}
                <Typography.Text type="secondary">
                  {canSubmit ? t('application.draftHint') : t('application.noActions')}
                </Typography.Text>
              </>
            )}
          </Card>
          <Objections app={app} onChange={reload} />
          <Card size="small" title={t('application.history')}>
            {app.history.length ? (
              <Timeline
                items={[...app.history].reverse().map((h) => ({
                  key: h.id,
                  color: /REJECT/.test(h.event) ? 'red' : /OBJECTION/.test(h.event) ? 'orange' : 'blue',
                  content: (
                    <div>
                      <div>
                        <Typography.Text strong>{h.fromTitle ? `${h.fromTitle} → ${h.toTitle ?? h.toState}` : (h.toTitle ?? h.toState)}</Typography.Text>
                      </div>
                      <div className="history-meta">
                        {fmtDateTime(lang, h.at)} · {h.actorName ?? t('application.system')}
                        {h.role && ` · ${roleTitle(h.role, lang)}`} · {pick(h.eventTitle, h.eventTitleEn)}
                        {h.occurrence != null && ` · ${t('application.occurrence', { n: h.occurrence })}`}
                      </div>
                      {h.comment && <Typography.Paragraph style={{ margin: '4px 0 0' }}>“{h.comment}”</Typography.Paragraph>}
                      {h.changedFields && h.changedFields.length > 0 && (
                        <div className="history-meta">{t('application.changed')}：{h.changedFields.map((f) => titles[f] ?? f).join('、')}</div>
                      )}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('application.noHistory')}</Typography.Text>
            )}
          </Card>
        </div>
      </div>
      {narrow && barHasButtons && (
        <div className="sticky-actions" role="region" aria-label={t('application.actions')}>
          {actionErrorAlert}
          <div className="sticky-actions-buttons">
            {draftButtons}
            {actionButtons}
          </div>
        </div>
      )}
    </div>
  );
}

/** The workflow's steps as a vertical list (phones): passed, current, still ahead. */
function StepList({ diagram, current, visited }: { diagram: FullApplication['programmeVersion']['diagram']; current: string; visited: Set<string> }) {
  const { t, pick } = useI18n();
  // In the order a case goes: breadth-first from the draft along the transitions, end states last.
  const ordered = useMemo(() => {
    const start = diagram.nodes.find((n) => n.kind === 'draft') ?? diagram.nodes[0];
    const seen = new Set<string>();
    const queue = start ? [start.id] : [];
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const e of diagram.edges) if (e.from === id && !seen.has(e.to)) queue.push(e.to);
    }
    const rank = new Map([...seen].map((id, i) => [id, i]));
    const key = (n: (typeof diagram.nodes)[number]) => (n.kind === 'final' ? 10_000 : 0) + (rank.get(n.id) ?? 5_000);
    return [...diagram.nodes].sort((a, b) => key(a) - key(b));
  }, [diagram]);
  return (
    <ol className="step-list">
      {ordered.map((n) => {
        const state = n.id === current ? 'current' : visited.has(n.id) ? 'done' : 'ahead';
        return (
          <li key={n.id} className={`step step-${state} step-kind-${n.kind}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="step-dot" aria-hidden />
            <span className="step-title">{pick(n.title, n.titleEn)}</span>
            {state === 'current' && <Tag color="red">{t('application.stepCurrent')}</Tag>}
            {state === 'done' && <span className="step-note">{t('application.stepDone')}</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** "2 / 5 have confirmed" and who, for a state decided by several people. */
function QuorumProgress({ quorum }: { quorum: NonNullable<FullApplication['quorum']> }) {
  const { t, lang, pick } = useI18n();
  const roleTitle = useRoleTitle();
  return (
    <div className="quorum-progress" style={{ margin: '10px 0' }}>
      <Typography.Text strong>{t('application.quorum', { title: pick(quorum.title, quorum.titleEn), votes: quorum.votes, needed: quorum.needed })}</Typography.Text>
      <Progress percent={Math.round((100 * quorum.votes) / quorum.needed)} showInfo={false} size="small" />
      {quorum.voters.length ? (
        <ul className="quorum-voters" aria-label={t('application.quorumVoters')} style={{ margin: 0, paddingInlineStart: 18 }}>
          {quorum.voters.map((v, i) => (
            <li key={i} className="history-meta">
              {v.name ?? '—'}{v.role && ` · ${roleTitle(v.role, lang)}`} · {fmtDateTime(lang, v.at)}
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Text type="secondary">{t('application.quorumNone')}</Typography.Text>
      )}
    </div>
  );
}

function Objections({ app, onChange }: { app: FullApplication; onChange(): void }) {
  const { t, lang, tOr } = useI18n();
  const { message } = App.useApp();
  const [resolving, setResolving] = useState<{ id: string; outcome: 'upheld' | 'dismissed' } | null>(null);
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!app.objections.length) return null;

  async function resolve() {
    if (!resolving) return;
    if (!comment.trim()) {
      setCommentMissing(true);
      return;
    }
    setBusy(true);
    try {
      await request(ResolveObjectionDocument, { id: resolving.id, outcome: resolving.outcome, comment: comment.trim() });
      message.success(t('objection.resolved'));
      setResolving(null);
      setComment('');
      onChange();
    } catch (e) {
      message.error(errorText(t, lang, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={`${t('application.objections')} (${app.objections.length})`}>
      {app.objections.map((o) => (
        <div key={o.id} className="objection" style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
          <Space wrap>
            <Tag color={o.status !== 'upheld' && o.status !== 'dismissed' ? 'orange' : o.status === 'upheld' ? 'red' : 'default'}>{tOr(`objection.status.${o.status}`, o.status)}</Tag>
            <Typography.Text type="secondary">{fmtDateTime(lang, o.createdAt)}</Typography.Text>
            {o.contact && <Typography.Text type="secondary">{t('objection.contact')}: {o.contact}</Typography.Text>}
          </Space>
          <Typography.Paragraph style={{ margin: '6px 0' }}>{o.reason}</Typography.Paragraph>
          {o.outcomeComment && <Typography.Paragraph type="secondary">{t('objection.outcome')}: {o.outcomeComment}</Typography.Paragraph>}
          {o.status !== 'upheld' && o.status !== 'dismissed' && (
            <Space>
              <Button size="small" danger onClick={() => setResolving({ id: o.id, outcome: 'upheld' })}>{t('objection.uphold')}</Button>
              <Button size="small" onClick={() => setResolving({ id: o.id, outcome: 'dismissed' })}>{t('objection.dismiss')}</Button>
            </Space>
          )}
        </div>
      ))}
      <Modal
        open={!!resolving}
        title={resolving?.outcome === 'upheld' ? t('objection.uphold') : t('objection.dismiss')}
        onCancel={() => setResolving(null)}
        onOk={resolve}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Typography.Paragraph type="secondary">{resolving?.outcome === 'upheld' ? t('objection.upholdHint') : t('objection.dismissHint')}</Typography.Paragraph>
        <label htmlFor="resolve-comment">{t('objection.outcome')} *</label>
        <Input.TextArea
          id="resolve-comment"
          rows={3}
          value={comment}
          status={commentMissing ? 'error' : undefined}
          aria-invalid={commentMissing}
          onChange={(e) => { setComment(e.target.value); setCommentMissing(false); }}
          maxLength={1000}
        />
        {commentMissing && <Typography.Text type="danger" role="alert">{t('objection.outcomeRequired')}</Typography.Text>}
      </Modal>
    </Card>
  );
}
