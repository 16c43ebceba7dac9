/**
 * /imports — bring applications or register entries in from a spreadsheet: choose the programme or
 * register and the region, download its template, upload the filled file, watch it being checked
 * (progress bar), read the report (line, column, problem), download the file with the bad cells
 * marked, then commit (all or nothing, or the valid rows only) or cancel. The import in progress
 * lives in the address bar (?job=), so a reload or a shared link comes back to it.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Grid, Popconfirm, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { errorText, useI18n } from '../i18n';
import { useNamedAction, useQuery } from '../hooks';
import { request } from '../api';
import { setQuery, useLocation } from '../router';
import { useSession } from '../session';
import { RegionCascader } from '../components/RegionCascader';
import {
  CancelImportDocument,
  CommitImportDocument,
  download,
  ImportJobDocument,
  ImportRefusal,
  ImportTargetsDocument,
  targetQuery,
  uploadImport,
  type ImportJobView,
} from './imports-query';

const RUNNING = ['QUEUED', 'VALIDATING', 'COMMITTING'];
const REPORT_PAGE = 200;

type Problem = ImportJobView['problems']['nodes'][number];

export default function Imports() {
  const { t, lang, pick } = useI18n();
  const { query } = useLocation();
  const { user } = useSession();
  const narrow = Grid.useBreakpoint().sm === false;
  const targets = useQuery(ImportTargetsDocument, {});
  const options = useMemo(() => {
    const d = targets.data;
    if (!d) return [];
    return [
      { label: t('imports.programmes'), options: d.programmes.filter((p) => p.currentVersion && p.status !== 'retired').map((p) => ({ value: `programme:${p.key}`, label: pick(p.name, p.nameEn) })) },
      { label: t('imports.registers'), options: d.registers.filter((r) => r.currentVersion && r.status !== 'retired').map((r) => ({ value: `register:${r.key}`, label: pick(r.name, r.nameEn) })) },
    ].filter((g) => g.options.length);
  }, [targets.data, t, pick]);
  const target = query.get('target') ?? options[0]?.options[0]?.value ?? null;
  const region = query.get('region') ?? user?.roles[0]?.regionCode ?? null;
  const jobId = query.get('job') ?? null;
  const { busy, error, setError, act } = useNamedAction();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [after, setAfter] = useState<string | null>(null);
  // "Submit on import": offered only where the programme's workflow allows it (meta.import.submit).
  const [submitOnImport, setSubmitOnImport] = useState(false);

  useEffect(() => {
    document.title = `${t('imports.title')} · ${t('app.title')}`;
  }, [t]);

  const job = useQuery(ImportJobDocument, { id: jobId ?? '', first: REPORT_PAGE, after: null }, { skip: !jobId });
  const view = jobId ? job.data?.importJob : undefined;
  const running = !!view && RUNNING.includes(view.status);
  // Poll while the server works on it.
  useEffect(() => {
    if (!running) return;
    const h = setTimeout(() => void job.reload(), 800);
    return () => clearTimeout(h);
  }, [running, view, job]);
  useEffect(() => {
    setProblems(view?.problems.nodes ?? []);
    setAfter(view?.problems.pageInfo.hasNextPage ? view.problems.pageInfo.endCursor ?? null : null);
  }, [view]);

  const message = (e: unknown) => (e instanceof ImportRefusal && lang === 'zh' && e.messageZh ? e.messageZh : errorText(t, lang, e));

  const loadMore = () => act('more', async () => {
    const d = await request(ImportJobDocument, { id: jobId!, first: REPORT_PAGE, after });
    setProblems((p) => [...p, ...d.importJob.problems.nodes]);
    setAfter(d.importJob.problems.pageInfo.hasNextPage ? d.importJob.problems.pageInfo.endCursor ?? null : null);
  });

  const percent = view && view.progressTotal > 0 ? Math.floor((100 * view.progressDone) / view.progressTotal) : view && !running ? 100 : 0;
  const statusColor: Record<string, string> = { VALIDATED: 'blue', COMMITTED: 'green', FAILED: 'red', CANCELLED: 'default' };

  return (
    <div className="page imports-page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('imports.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('imports.intro')}</Typography.Paragraph>
        </div>
      </div>
      {targets.error ? <Alert type="error" showIcon title={errorText(t, lang, targets.error)} role="alert" /> : null}
      {error ? <Alert type="error" showIcon title={message(error)} role="alert" closable onClose={() => setError(null)} style={{ marginBottom: 16 }} /> : null}

      <Card title={t('imports.step1')} size="small" style={{ marginBottom: 16 }}>
        <Space wrap style={{ width: '100%' }}>
          <Select
            id="imports-target"
            style={{ minWidth: narrow ? '100%' : 260 }}
            aria-label={t('imports.target')}
            placeholder={t('imports.target')}
            value={target ?? undefined}
            options={options}
            onChange={(v) => setQuery({ target: v, job: null })}
          />
          <RegionCascader value={region} onChange={(c) => setQuery({ region: c })} placeholder={t('imports.region')} aria-label={t('imports.region')} style={narrow ? { width: '100%' } : { minWidth: 220 }} />
          <Button icon={<DownloadOutlined />} disabled={!target} loading={busy === 'template'} onClick={() => act('template', () => download(`/imports/template?${targetQuery(target!)}`, 'template.xlsx'))}>
            {t('imports.template')}
          </Button>
        </Space>
      </Card>

      <Card title={t('imports.step2')} size="small" style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={!target || !region || busy === 'upload'}
          beforeUpload={(file) => {
            void act('upload', async () => {
              const r = await uploadImport(file, target!, region!);
              setQuery({ job: r.id });
            });
            return false;
          }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{busy === 'upload' ? t('imports.uploading') : t('imports.drop')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </Card>

      {jobId && job.error ? <Alert type="error" showIcon title={errorText(t, lang, job.error)} role="alert" /> : null}
      {view ? (
        <Card
          title={<span>{t('imports.step3')} <Tag color={statusColor[view.status]} data-testid="import-status">{t(`imports.status.${view.status}` as never)}</Tag></span>}
          size="small"
          extra={view.fileName}
        >
          <div data-testid="import-progress">
            <Progress
              percent={percent}
              status={view.status === 'FAILED' ? 'exception' : running ? 'active' : 'normal'}
              format={(p) => `${p ?? 0}%`}
              aria-label={t('imports.progress')}
            />
          </div>
          <Typography.Text type="secondary">
            {view.status === 'COMMITTING' || view.status === 'COMMITTED' ? t('imports.written', { done: view.progressDone, total: view.progressTotal }) : t('imports.checked', { done: view.progressDone, total: view.progressTotal })}
            {running && view.etaSeconds != null ? ` · ${t('imports.eta', { s: view.etaSeconds })}` : ''}
          </Typography.Text>
          {view.status === 'VALIDATED' && view.messageZh && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={pick(view.messageZh, view.message)} role="alert" />}
          {view.status === 'FAILED' && <Alert type="error" showIcon style={{ marginTop: 12 }} title={pick(view.messageZh ?? view.message ?? '', view.message)} role="alert" />}
          <Descriptions size="small" column={narrow ? 1 : 4} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('imports.rows')}>{view.totalRows}</Descriptions.Item>
            <Descriptions.Item label={t('imports.validRows')}>
              {view.validRows}
              {view.linkedRows > 0 && <Typography.Text type="secondary" data-testid="import-linked-rows"> ({t('imports.linkedRows', { n: view.linkedRows })})</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('imports.errorRows')}><span data-testid="import-error-rows">{view.errorRows}</span></Descriptions.Item>
            <Descriptions.Item label={t('imports.writtenRows')}>{view.writtenRows}{view.skippedRows ? ` (${t('imports.skipped', { n: view.skippedRows })})` : ''}</Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginTop: 12 }}>
            {view.status !== 'QUEUED' && view.status !== 'VALIDATING' && view.status !== 'FAILED' && view.problemCount > 0 && (
              <Button icon={<DownloadOutlined />} loading={busy === 'marked'} onClick={() => act('marked', () => download(view.markedFileUrl, 'marked.xlsx'))}>
                {t('imports.marked')}
              </Button>
            )}
            {view.status === 'VALIDATED' && (
              <>
                {view.submitAllowed && (
                  <Checkbox checked={submitOnImport} onChange={(e) => setSubmitOnImport(e.target.checked)} data-testid="import-submit">
                    {t('imports.submitOnImport')}
                  </Checkbox>
                )}
                <Button type="primary" disabled={view.errorRows > 0 || view.validRows === 0} loading={busy === 'commit'}
                  onClick={() => act('commit', async () => { await request(CommitImportDocument, { id: view.id, mode: 'ALL_OR_NOTHING' as never, submit: submitOnImport && view.submitAllowed }); await job.reload(); })}>
                  {t('imports.commitAll')}
                </Button>
                {view.errorRows > 0 && view.validRows > 0 && (
                  <Popconfirm title={t('imports.commitValidConfirm', { n: view.validRows, bad: view.errorRows })} okText={t('imports.commitValid')} cancelText={t('imports.back')}
                    onConfirm={() => act('commit', async () => { await request(CommitImportDocument, { id: view.id, mode: 'VALID_ROWS' as never, submit: submitOnImport && view.submitAllowed }); await job.reload(); })}>
                    <Button loading={busy === 'commit'}>{t('imports.commitValid')}</Button>
                  </Popconfirm>
                )}
              </>
            )}
            {(running || view.status === 'VALIDATED') && (
              <Button danger disabled={view.cancelRequested} loading={busy === 'cancel'} onClick={() => act('cancel', async () => { await request(CancelImportDocument, { id: view.id }); await job.reload(); })}>
                {view.cancelRequested ? t('imports.cancelling') : t('imports.cancel')}
              </Button>
            )}
          </Space>
          {view.status === 'COMMITTED' && <Alert type="success" showIcon style={{ marginTop: 12 }} title={t(view.submit ? 'imports.doneSubmitted' : 'imports.done', { n: view.writtenRows })} />}

          {problems.length > 0 ? (
            <Table<Problem>
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(p) => `${p.sheet}|${p.line}|${p.column}|${p.message}`}
              dataSource={problems}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: narrow ? 360 : undefined }}
              aria-label={t('imports.report')}
              columns={[
                { title: t('imports.line'), key: 'line', width: narrow ? 90 : 160, render: (_, p) => `${p.sheet} · ${p.line}` },
                { title: t('imports.column'), dataIndex: 'column', width: narrow ? 100 : 200, render: (c: string | null) => c ?? '—' },
                { title: t('imports.message'), key: 'message', render: (_, p) => pick(p.message, p.messageEn) },
              ]}
            />
          ) : view.status === 'VALIDATED' ? <Empty style={{ marginTop: 16 }} description={t('imports.noProblems')} /> : null}
          {after && <Button style={{ marginTop: 8 }} loading={busy === 'more'} onClick={loadMore}>{t('imports.more')}</Button>}
        </Card>
      ) : null}
    </div>
  );
}
