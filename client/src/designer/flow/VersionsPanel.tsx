/**
 * Versions: what changed between two versions (fields, states, transitions), and moving the
 * running cases of an older version to the current one — a state mapping (default: same names),
 * a dry run listing per case whether it can move and why not, then moving the chosen cases.
 */
import { useState } from 'react';
import { Alert, Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { graphql } from '../../graphql';
import { request } from '../../api';
import { errorText, useI18n } from '../../i18n';

const DiffDocument = graphql(`
  query ProgrammeVersionDiff($programme: String!, $from: Int!, $to: Int!) {
    programmeVersionDiff(programme: $programme, from: $from, to: $to) {
      from to
      fields { change pointer aspects before after }
      states { change state aspects }
      transitions { change state event aspects }
    }
  }
`);
const PreviewDocument = graphql(`
  query CaseMigrationPreview($input: CaseMigrationInput!, $first: Int!, $after: String) {
    caseMigrationPreview(input: $input, first: $first, after: $after) {
      total endCursor
      items { applicationId reference state targetState status canMove reasons { code message messageEn path } }
    }
  }
`);
const MigrateDocument = graphql(`
  mutation MigrateCases($input: CaseMigrationInput!, $ids: [ID!]!) {
    migrateCases(input: $input, applicationIds: $ids) {
      moved { applicationId reference targetState }
      stayed { applicationId reference reasons { code message messageEn } }
    }
  }
`);

type Version = { number: number; status: string; workflow: unknown };
type Change = { change: string; pointer?: string | null; state?: string | null; event?: string | null; aspects: string[] };
type Check = { applicationId: string; reference: string; state: string; targetState: string; status: string; canMove: boolean; reasons: { code: string; message: string; messageEn: string; path?: string | null }[] };

const CHANGE_COLOR: Record<string, string> = { added: 'success', removed: 'error', changed: 'warning' };
const statesOfVersion = (v?: Version) => Object.keys(((v?.workflow as { states?: Record<string, unknown> } | undefined)?.states) ?? {});

export function VersionsPanel({ programmeKey, versions }: { programmeKey: string; versions: Version[] }) {
  const { lang, t, tOr } = useI18n();
  const sorted = [...versions].sort((a, b) => a.number - b.number);
  const current = sorted.find((v) => v.status === 'published');
  const [from, setFrom] = useState<number | undefined>(sorted.length > 1 ? sorted[sorted.length - 2]!.number : undefined);
  const [to, setTo] = useState<number | undefined>(sorted[sorted.length - 1]?.number);
  const [diff, setDiff] = useState<{ fields: Change[]; states: Change[]; transitions: Change[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ total: number; items: Check[] } | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<{ moved: number; stayed: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const fromV = sorted.find((v) => v.number === from);
  const canMigrate = !!fromV && fromV.status !== 'draft' && !!current && current.number > fromV.number;
  const input = () => ({
    programme: programmeKey, fromVersion: from!, toVersion: current!.number,
    mapping: Object.entries(mapping).filter(([a, b]) => b && a !== b).map(([a, b]) => ({ from: a, to: b })),
  });

  async function compare() {
    if (from === undefined || to === undefined) return;
    setError(null);
    try {
      setDiff((await request(DiffDocument, { programme: programmeKey, from, to })).programmeVersionDiff);
    } catch (e) {
      setError(e);
    }
  }
  async function dryRun() {
    setError(null);
    setResult(null);
    try {
      const p = (await request(PreviewDocument, { input: input(), first: 200 })).caseMigrationPreview;
      setPreview(p);
      setChosen(p.items.filter((c) => c.canMove).map((c) => c.applicationId).slice(0, 100));
    } catch (e) {
      setError(e);
    }
  }
  async function move() {
    setBusy(true);
    setError(null);
    try {
      const r = (await request(MigrateDocument, { input: input(), ids: chosen })).migrateCases;
      setResult({ moved: r.moved.length, stayed: r.stayed.length });
      await dryRun();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (sorted.length < 2) return <Empty description={t('ver.thereIsOnly')} />;
  const versionOptions = sorted.map((v) => ({ value: v.number, label: `v${v.number} · ${t(`status.${v.status}` as never)}` }));
  const where = (c: Change) => c.pointer ?? (c.event ? `${c.state}.${c.event}` : c.state);
  const changeTable = (title: string, rows: Change[]) => (
    <>
      <Typography.Title level={5}>{title} <Tag>{rows.length}</Tag></Typography.Title>
      {rows.length ? (
        <ul className="check-list diff-list">
          {rows.map((c, i) => <li key={i}><Tag color={CHANGE_COLOR[c.change]}>{tOr(`ver.${c.change}`, c.change)}</Tag><code>{where(c)}</code> {c.aspects.join(', ')}</li>)}
        </ul>
      ) : <Typography.Paragraph type="secondary">{t('ver.noChange')}</Typography.Paragraph>}
    </>
  );

  return (
    <div className="versions-panel">
      <Space wrap>
        <Select aria-label={t('ver.fromVersion')} value={from} onChange={setFrom} options={versionOptions} style={{ minWidth: 140 }} />
        →
        <Select aria-label={t('ver.toVersion')} value={to} onChange={setTo} options={versionOptions} style={{ minWidth: 140 }} />
        <Button onClick={compare}>{t('ver.compare')}</Button>
      </Space>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} style={{ marginTop: 8 }} role="alert" />}
      {diff && (
        <div style={{ marginTop: 8 }}>
          {changeTable(t('ver.formFields'), diff.fields)}
          {changeTable(t('ver.states'), diff.states)}
          {changeTable(t('ver.transitions'), diff.transitions)}
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('ver.moveRunningCases')}</Typography.Title>
      {!canMigrate ? (
        <Typography.Paragraph type="secondary">{t('ver.pickAnOlder')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('ver.mappingHint', { from: from ?? '', to: current!.number })}</Typography.Paragraph>
          <div className="mapping-grid">
            {statesOfVersion(fromV).map((s) => (
              <label key={s}><code>{s}</code> →
                <Select size="small" style={{ minWidth: 160 }} value={mapping[s] ?? (statesOfVersion(current).includes(s) ? s : undefined)} placeholder={t('ver.missing')}
                  onChange={(v) => setMapping({ ...mapping, [s]: v })} options={statesOfVersion(current).map((n) => ({ value: n, label: n }))} />
              </label>
            ))}
          </div>
          <Space wrap style={{ marginTop: 8 }}>
            <Button onClick={dryRun}>{t('ver.dryRunWrites')}</Button>
            <Button type="primary" disabled={!preview || chosen.length === 0} loading={busy} onClick={move}>{t('ver.moveChosen', { n: chosen.length })}</Button>
            {result && <Tag color="success">{t('ver.moved', { moved: result.moved, stayed: result.stayed })}</Tag>}
          </Space>
          {preview && (
            <Table<Check>
              size="small" rowKey="applicationId" style={{ marginTop: 8 }} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }}
              title={() => t('ver.total', { n: preview.total })}
              dataSource={preview.items}
              rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen((keys as string[]).slice(0, 100)), getCheckboxProps: (c) => ({ disabled: !c.canMove }) }}
              columns={[
                { title: t('ver.reference'), dataIndex: 'reference' },
                { title: t('ver.states'), render: (_, c) => <span><code>{c.state}</code> → <code>{c.targetState}</code></span> },
                { title: t('ver.canMove'), render: (_, c) => c.canMove ? <Tag color="success">{t('ver.yes')}</Tag> : <Tag color="error">{t('ver.no')}</Tag> },
                { title: t('ver.whyNot'), render: (_, c) => c.reasons.map((r, i) => <div key={i}><Tag>{r.code}</Tag>{lang === 'en' ? r.messageEn : r.message}</div>) },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}
