/**
 * /registers/entries/:id — one household file: the entry's fields read-only (EntrySummary), its
 * members, a timeline of categories and changes from the change log (before → after),
 * and an edit mode (the register's form, validated like the server) saved with the kind of change
 * and a note.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Grid, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, EditOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { downloadDossier, openDossier } from '../dossier';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type Form from '@rjsf/core';
import { ApiError, request } from '../api';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { Link } from '../router';
import { AidForm } from '../form/AidForm';
import { problemsToErrorSchema } from '../form/problems';
import { fmtDateTime } from '../format';
import { useRoleTitle } from '../roles';
import { readPointer } from '@platform/form-pointer';
import { StatusTag } from './Registers';
import { EntryApplications } from './EntryApplications';
import { EntrySummary } from './EntrySummary';
import { RegisterEntryDocument, UpdateRegisterEntryDocument, changeLabel, schemaTitles, shortValue, type FullEntry } from './registers-query';

const SHOWN_CHANGES = 6;

export default function RegisterEntryPage({ id }: { id: string }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, setData, reload } = useQuery(RegisterEntryDocument, { id });
  const entry = data?.registerEntry ?? null;
  const [editing, setEditing] = useState(false);
  const [formData, setFormData] = useState<unknown>(null);
  const [kind, setKind] = useState<string | undefined>();
  const [kindMissing, setKindMissing] = useState(false);
  const [comment, setComment] = useState('');
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [zipping, setZipping] = useState(false);
  const formRef = useRef<Form>(null);
  const roleTitle = useRoleTitle();

  useEffect(() => {
    if (entry && !editing) setFormData(entry.data ?? {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry]);
  useEffect(() => {
    document.title = `${entry?.name ?? t('entry.form')} · ${t('app.title')}`;
  }, [entry, t]);

  const version = entry?.register.currentVersion;
  const titles = useMemo(() => schemaTitles(version?.schema), [version?.schema]);
  const statuses = useMemo(() => new Map((version?.statuses ?? []).map((s) => [s.value, s])), [version]);

  function replace(next: FullEntry) {
    setData({ registerEntry: next });
    setFormData(next.data ?? {});
  }

  function startEdit() {
    setEditing(true);
    setSaveError(null);
    setExtraErrors(undefined);
    setKind(undefined);
    setComment('');
  }

  function cancel() {
    setEditing(false);
    setSaveError(null);
    setExtraErrors(undefined);
    setFormData(entry?.data ?? {});
  }

  async function save() {
    if (!entry) return;
    if (!kind) {
      setKindMissing(true);
      document.getElementById('entry-kind')?.focus();
      return;
    }
    if (formRef.current && !formRef.current.validateForm()) {
      message.error(t('entry.fixErrors'));
      return;
    }
    setBusy(true);
    setSaveError(null);
    setExtraErrors(undefined);
    try {
      const r = await request(UpdateRegisterEntryDocument, { id: entry.id, data: formData ?? {}, expectedVersion: entry.version, kind, comment: comment.trim() || null });
      replace(r.updateRegisterEntry);
      setEditing(false);
      message.success(t('entry.saved'));
    } catch (e) {
      setSaveError(e);
      if (e instanceof ApiError && e.problems?.length) setExtraErrors(problemsToErrorSchema(e.problems.filter((p) => p.path !== '/kind' && p.path !== '/comment'), '', lang));
    } finally {
      setBusy(false);
    }
  }

  if (error) return <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />;
  if (!entry || !version) return loading ? <Card loading /> : <Empty description={t('error.NOT_FOUND')} />;

  const conflict = saveError instanceof ApiError && saveError.code === 'VERSION_CONFLICT';
  const retired = entry.register.status === 'retired';
  const memberLabel = (n: number) => t('entry.member', { n });

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Text type="secondary"><Link to="/registers">{pick(entry.register.name, entry.register.nameEn)}</Link> ›</Typography.Text>
          <Typography.Title level={2} className="entry-title">
            {entry.name} <StatusTag color={entry.statusColor} title={pick(entry.statusTitle, entry.statusTitleEn)} />
          </Typography.Title>
          <Typography.Text type="secondary">
            {entry.region?.name ?? entry.regionCode} · {entry.key} · {t('entry.versionN', { n: entry.version })}
          </Typography.Text>
        </div>
        <Space wrap className="entry-actions">
          <Button icon={<PrinterOutlined />} onClick={() => openDossier(entry.id).catch((e) => message.error(errorText(t, lang, e)))}>{t('dossier.print')}</Button>
          <Button
            icon={<DownloadOutlined />}
            loading={zipping}
            onClick={async () => {
              setZipping(true);
              try {
                message.success(t('dossier.downloaded', { name: await downloadDossier(entry.id, entry.name) }));
              } catch (e) {
                message.error(errorText(t, lang, e));
              } finally {
                setZipping(false);
              }
            }}
          >
            {t('dossier.zip')}
          </Button>
          {entry.canEdit && !editing && (
            <Button type="primary" icon={<EditOutlined />} onClick={startEdit}>{t('entry.edit')}</Button>
          )}
        </Space>
      </div>
      {!entry.canEdit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={retired ? t('entry.retired') : t('entry.readOnly')} />}
      {saveError != null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={conflict ? t('entry.conflict') : errorText(t, lang, saveError)}
          description={
            conflict ? (
              <Button size="small" onClick={() => { setEditing(false); setSaveError(null); void reload(); }}>{t('entry.reload')}</Button>
            ) : saveError instanceof ApiError && saveError.problems?.length ? (
              <ul className="problem-list">
                {saveError.problems.slice(0, 8).map((p, i) => (
                  <li key={i}>{changeLabel(p.path, titles, memberLabel)}：{lang === 'en' && p.messageEn ? p.messageEn : p.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <div className="app-grid">
        <div className="entry-main">
          <Card
            title={t('entry.form')}
            extra={editing && (
              <Space>
                <Button onClick={cancel}>{t('common.cancel')}</Button>
                <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={busy}>{t('entry.save')}</Button>
              </Space>
            )}
          >
            {editing && (
              <div className="entry-change-form">
                <div>
                  <label htmlFor="entry-kind">{t('entry.kind')} *</label>
                  <Select
                    id="entry-kind"
                    style={{ width: '100%' }}
                    // A register may record many kinds of change: typing 死亡 or 更正 finds one.
                    showSearch={{ optionFilterProp: 'label' }}
                    value={kind}
                    status={kindMissing ? 'error' : undefined}
                    aria-invalid={kindMissing}
                    onChange={(v) => { setKind(v); setKindMissing(false); }}
                    options={version.changeKinds.map((k) => ({ value: k.key, label: pick(k.zh, k.en) }))}
                  />
                  {kindMissing && <Typography.Text type="danger" role="alert">{t('entry.kindRequired')}</Typography.Text>}
                </div>
                <div>
                  <label htmlFor="entry-comment">{t('entry.comment')}</label>
                  <Input.TextArea id="entry-comment" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('entry.commentHint')} />
                </div>
              </div>
            )}
            {editing ? (
              <AidForm
                ref={formRef}
                schema={version.schema as RJSFSchema}
                uiSchema={version.uiSchema as UiSchema}
                formData={formData ?? {}}
                regionCode={entry.regionCode}
                extraErrors={extraErrors}
                onChange={(d) => setFormData(d)}
              />
            ) : (
              <EntrySummary schema={version.schema} uiSchema={version.uiSchema} data={entry.data} />
            )}
          </Card>
          <Members entry={entry} titles={titles} />
        </div>
        <div className="app-side">
          <Checklist entry={entry} />
          <EntryApplications entryId={entry.id} />
          <Card size="small" title={t('entry.timeline')} className="entry-timeline">
            {entry.changes.length ? (
              <Timeline
                items={[...entry.changes].reverse().map((c) => {
                  const statusChange = c.changes.find((x) => x.path === version.statusField);
                  const others = c.changes.filter((x) => x !== statusChange);
                  const to = statusChange ? statuses.get(String(statusChange.after)) : undefined;
                  return {
                    key: c.id,
                    color: to ? (to.color === 'default' ? 'gray' : to.color) : 'gray',
                    content: (
                      <div className="entry-change">
                        <div>
                          <Tag bordered={false}>{pick(c.kindTitle ?? c.kind, c.kindTitleEn)}</Tag>
                          {statusChange && (
                            <span className="status-change">
                              {statusChange.before != null && (
                                <>
                                  <StatusTag color={statuses.get(String(statusChange.before))?.color ?? 'default'} title={statusTitle(statuses, statusChange.before, pick)} />→{' '}
                                </>
                              )}
                              <StatusTag color={to?.color ?? 'default'} title={statusTitle(statuses, statusChange.after, pick)} />
                            </span>
                          )}
                        </div>
                        <div className="history-meta">
                          {fmtDateTime(lang, c.at)} · {c.actorName ?? t('entry.system')}
                          {c.role && ` · ${roleTitle(c.role, lang)}`}
                          {c.applicationReference && ` · ${t('entry.fromApplication', { ref: c.applicationReference })}`}
                          {c.sourceFile && ` · ${t('entry.fromFile', { file: c.sourceFile })}`}
                        </div>
                        {c.comment && <Typography.Paragraph style={{ margin: '4px 0 0' }}>“{c.comment}”</Typography.Paragraph>}
                        {c.seq > 1 && others.length > 0 && (
                          <ul className="change-lines">
                            {others.slice(0, SHOWN_CHANGES).map((x, i) => (
                              <li key={i}>
                                <span className="change-field">{changeLabel(x.path, titles, memberLabel)}</span>：
                                {x.before == null ? <Tag color="green" bordered={false}>{t('entry.added')}</Tag> : <del>{shortValue(x.before)}</del>}
                                {x.before != null && x.after != null && ' → '}
                                {x.after == null ? <Tag color="red" bordered={false}>{t('entry.removed')}</Tag> : <ins>{shortValue(x.after)}</ins>}
                              </li>
                            ))}
                            {others.length > SHOWN_CHANGES && <li className="history-meta">{t('entry.moreChanges', { n: others.length - SHOWN_CHANGES })}</li>}
                          </ul>
                        )}
                      </div>
                    ),
                  };
                })}
              />
            ) : (
              <Typography.Text type="secondary">{t('entry.noChanges')}</Typography.Text>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}

/** What the household file holds and misses, by the register's checklist. */
function Checklist({ entry }: { entry: FullEntry }) {
  const { t, pick } = useI18n();
  if (!entry.checklist.length) return null;
  const missing = entry.checklist.filter((c) => !c.done).length;
  return (
    <Card
      size="small"
      title={t('dossier.checklist')}
      className="entry-checklist"
      extra={missing ? <Tag color="red">{t('dossier.incomplete', { n: missing })}</Tag> : <Tag color="green">{t('dossier.complete')}</Tag>}
      style={{ marginBottom: 16 }}
    >
      <ul className="checklist" aria-label={t('dossier.checklist')}>
        {entry.checklist.map((c) => (
          <li key={c.key} data-done={c.done}>
            {c.done ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden /> : <CloseCircleFilled style={{ color: '#cf1322' }} aria-hidden />}{' '}
            <span className="checklist-title">{pick(c.title, c.titleEn)}</span>{' '}
            <Typography.Text type={c.done ? 'secondary' : 'danger'}>{c.done ? c.applicationReference ?? t('dossier.done') : t('dossier.missing')}</Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function statusTitle(statuses: Map<string, { zh: string; en: string }>, value: unknown, pick: (zh: string, en?: string | null) => string): string {
  const s = statuses.get(String(value));
  return s ? pick(s.zh, s.en) : shortValue(value);
}

/** The members array as a table, its columns the member schema's scalar fields. */
function Members({ entry, titles }: { entry: FullEntry; titles: Record<string, string> }) {
  const { t } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const version = entry.register.currentVersion!;
  const field = version.membersField;
  if (!field) return null;
  const members = readPointer(entry.data, field);
  const rows = Array.isArray(members) ? (members as Record<string, unknown>[]) : [];
  const itemProps = orderedKeys(readItemProperties(version.schema, field), readPointer(version.uiSchema, `${field}/items/ui:order`));
  const heads = new Set(entry.persons.filter((p) => p.role === 'head').map((p) => p.idNumber));
  const idKey = version.memberIdField?.slice(1);
  const isHead = (m: Record<string, unknown>) => idKey !== undefined && heads.has(String(m[idKey]).toUpperCase());
  if (narrow) {
    // A phone: one card per member (a table of nine columns would scroll sideways), the name and
    // the ID number first, the other fields on one line under their titles' order.
    const nameKey = version.memberNameField?.slice(1);
    return (
      <Card size="small" title={`${t('entry.members')} (${rows.length})`} className="entry-members" style={{ marginTop: 16 }}>
        {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('entry.noMembers')} /> : (
          <ul className="member-cards">
            {rows.map((m, i) => (
              <li key={i} className="member-card">
                <div className="member-card-head">
                  <strong>{shortValue(nameKey ? m[nameKey] : undefined)}</strong>
                  {isHead(m) && <Tag color="red" bordered={false}>{t('entry.head')}</Tag>}
                  {idKey && <span className="member-card-id">{shortValue(m[idKey])}</span>}
                </div>
                <div className="member-card-fields">
                  {itemProps.filter((k) => k !== nameKey && k !== idKey && m[k] !== undefined && m[k] !== '').map((k) => (
                    <span key={k}><Typography.Text type="secondary">{titles[`${field}/${k}`] ?? k}</Typography.Text> {shortValue(m[k])}</span>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    );
  }
  return (
    <Card size="small" title={`${t('entry.members')} (${rows.length})`} className="entry-members" style={{ marginTop: 16 }}>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('entry.noMembers') }}
        columns={itemProps.map((k) => ({
          title: titles[`${field}/${k}`] ?? k,
          key: k,
          render: (_: unknown, m: Record<string, unknown>) => (
            <span className="nowrap">
              {shortValue(m[k])}
              {k === idKey && isHead(m) && <Tag color="red" bordered={false} style={{ marginLeft: 6 }}>{t('entry.head')}</Tag>}
            </span>
          ),
        }))}
      />
    </Card>
  );
}

/**
 * Keys in the uiSchema's `ui:order` (stored schemas are jsonb, which does not keep key order),
 * then any others. `*` in ui:order stands for "the rest".
 */
function orderedKeys(props: Record<string, unknown>, order: unknown): string[] {
  const keys = Object.keys(props);
  if (!Array.isArray(order)) return keys;
  const listed = order.filter((k): k is string => typeof k === 'string' && keys.includes(k));
  return [...listed, ...keys.filter((k) => !listed.includes(k))];
}

/** The `items.properties` of the array at `pointer` in the schema (scalar ones only). */
function readItemProperties(schema: unknown, pointer: string): Record<string, unknown> {
  let node = schema as Record<string, any> | undefined;
  for (const seg of pointer.split('/').slice(1)) node = node?.properties?.[seg];
  const props = (node?.items?.properties ?? {}) as Record<string, { type?: string }>;
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v && v.type !== 'object' && v.type !== 'array'));
}
