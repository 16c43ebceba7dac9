/**
 * Ledger layouts (台账) of a programme: list them, create or edit one by picking columns from the
 * case fields and the form's fields (member fields are joined in one cell), order them (↑/↓),
 * rename their headers, save (defineLedger) or retire; download a layout's export of the
 * programme's cases. The server checks every field and answers refusals with their place.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../graphql';
import { ApiError, request } from '../../api';
import { useNamedAction, useQuery } from '../../hooks';
import { errorText, useI18n } from '../../i18n';
import { downloadExport, exportUrl } from '../../exports';
import { addColumn, emptyLedger, ledgerInput, moveColumn, removeColumn, renameColumn, type DraftLedger } from './ledger-edit';

const LedgerLayoutsDocument = graphql(`
  query LedgerLayouts($programmeKey: String!) {
    ledgers(programmeKey: $programmeKey) { name title titleEn updatedAt columns { field title } }
    ledgerFields(programmeKey: $programmeKey) { field title titleEn kind group }
  }
`);
const DefineLedgerDocument = graphql(`
  mutation DefineLedgerLayout($programmeKey: String!, $input: LedgerInput!) {
    defineLedger(programmeKey: $programmeKey, input: $input) { name title columns { field title } }
  }
`);
const RetireLedgerDocument = graphql(`
  mutation RetireLedgerLayout($programmeKey: String!, $name: String!) {
    retireLedger(programmeKey: $programmeKey, name: $name) { name }
  }
`);

export function LedgerPanel({ programmeKey, published }: { programmeKey: string; published: boolean }) {
  const { lang, t } = useI18n();
  const tx = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const data = useQuery(LedgerLayoutsDocument, { programmeKey }, { skip: !published });
  const [draft, setDraft] = useState<DraftLedger | null>(null);
  const [existing, setExisting] = useState(false);
  const [pick, setPick] = useState<string | undefined>();
  const { busy, error, setError, act: run } = useNamedAction();
  const [saved, setSaved] = useState<string | null>(null);

  const fields = useMemo(() => data.data?.ledgerFields ?? [], [data.data]);
  const byField = useMemo(() => new Map(fields.map((f) => [f.field, f])), [fields]);
  const fieldLabel = (field: string) => {
    const f = byField.get(field);
    if (!f) return field;
    return f.kind === 'member' && f.group ? `${f.group}·${f.title}` : f.title;
  };
  const options = useMemo(() => {
    const caseFields = fields.filter((f) => f.kind === 'case');
    const formFields = fields.filter((f) => f.kind === 'form');
    const groups = [...new Set(fields.filter((f) => f.kind === 'member').map((f) => f.group ?? ''))];
    const opt = (f: (typeof fields)[number]) => ({ value: f.field, label: `${lang === 'en' && f.titleEn ? f.titleEn : f.title}`, title: f.field });
    return [
      { label: tx('案件信息', 'Case'), options: caseFields.map(opt) },
      { label: tx('表单字段', 'Form fields'), options: formFields.map(opt) },
      ...groups.map((g) => ({ label: `${g}（${tx('每人一项，合并在一格', 'joined in one cell')}）`, options: fields.filter((f) => f.kind === 'member' && (f.group ?? '') === g).map(opt) })),
    ].filter((g) => g.options.length);
  }, [fields, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const act = (name: string, fn: () => Promise<unknown>) => {
    setSaved(null);
    return run(name, fn);
  };

  if (!published) return <Empty description={tx('项目发布后才能定义台账（台账的列取自已发布的表单）', 'Publish the programme first: ledger columns come from its published forms')} />;
  if (data.error) return <Alert type="error" showIcon role="alert" title={errorText(t, lang, data.error)} />;
  const ledgers = data.data?.ledgers ?? [];
  const problems = (error instanceof ApiError && error.problems) || [];
  const columnProblem = (i: number) => problems.find((p) => p.path.startsWith(`/input/columns/${i}/`));

  const save = () => act('save', async () => {
    const r = await request(DefineLedgerDocument, { programmeKey, input: ledgerInput(draft!, (f) => byField.get(f)?.title) });
    setDraft(null);
    setSaved(r.defineLedger.title);
    await data.reload();
  });

  return (
    <div className="ledger-panel" data-testid="ledger-panel">
      <Typography.Paragraph type="secondary">
        {tx('台账是导出的固定格式：选哪些列、什么顺序、列标题叫什么。在“导出”中选择台账即按此格式下载。', 'A ledger is a fixed export layout: which columns, in which order, under which headers. Choose it under "Export" to download in this layout.')}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon role="alert" closable onClose={() => setError(null)} style={{ marginBottom: 12 }} title={errorText(t, lang, error)}
        description={problems.length ? <ul className="check-list">{problems.slice(0, 12).map((p, i) => <li key={i}><code>{p.path}</code> {lang === 'en' ? p.messageEn ?? p.message : p.message}</li>)}</ul> : undefined} /> : null}
      {saved ? <Alert type="success" showIcon closable onClose={() => setSaved(null)} style={{ marginBottom: 12 }} title={tx(`已保存台账“${saved}”`, `Ledger "${saved}" saved`)} /> : null}

      {!draft && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setDraft(emptyLedger()); setExisting(false); setError(null); }}>{tx('新建台账', 'New ledger')}</Button>
          </Space>
          <List
            bordered
            size="small"
            loading={data.loading}
            locale={{ emptyText: tx('还没有台账', 'No ledgers yet') }}
            dataSource={ledgers}
            renderItem={(l) => (
              <List.Item className="ledger-item" data-testid={`ledger-${l.name}`}>
                <div style={{ minWidth: 0, flex: '1 1 200px' }}>
                  <Typography.Text strong>{lang === 'en' && l.titleEn ? l.titleEn : l.title}</Typography.Text> <Tag>{l.name}</Tag>
                  <div><Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>{l.columns.map((c) => c.title).join('、')}</Typography.Text></div>
                </div>
                <Space wrap size={4}>
                  <Button size="small" onClick={() => { setDraft({ name: l.name, title: l.title, titleEn: l.titleEn ?? '', columns: l.columns.map((c) => ({ ...c })) }); setExisting(true); setError(null); }}>{tx('编辑', 'Edit')}</Button>
                  <Button size="small" icon={<DownloadOutlined />} loading={busy === `dl:${l.name}`}
                    onClick={() => act(`dl:${l.name}`, () => downloadExport(exportUrl('applications', 'xlsx', { programmeKey }, l.name), `${l.title}.xlsx`))}>
                    {tx('下载', 'Download')}
                  </Button>
                  <Popconfirm title={tx(`停用台账“${l.title}”？`, `Retire ledger "${l.title}"?`)} okText={tx('停用', 'Retire')} cancelText={tx('取消', 'Cancel')}
                    onConfirm={() => act(`retire:${l.name}`, async () => { await request(RetireLedgerDocument, { programmeKey, name: l.name }); await data.reload(); })}>
                    <Button size="small" danger loading={busy === `retire:${l.name}`}>{tx('停用', 'Retire')}</Button>
                  </Popconfirm>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}

      {draft && (
        <Card size="small" title={existing ? tx(`编辑台账 ${draft.name}`, `Edit ledger ${draft.name}`) : tx('新建台账', 'New ledger')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <label className="ledger-field">
              <span>{tx('标题', 'Title')}</span>
              <Input id="ledger-title" status={problems.some((p) => p.path === '/input/title') ? 'error' : undefined} value={draft.title} maxLength={100} placeholder={tx('如：低保对象花名册', 'e.g. Dibao roll')} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
            </label>
            <label className="ledger-field">
              <span>{tx('名称（导出地址中使用：字母、数字、_ 或 -）', 'Name (used in the export address: letters, digits, _ or -)')}</span>
              <Input id="ledger-name" status={problems.some((p) => p.path === '/input/name') ? 'error' : undefined} value={draft.name} maxLength={40} disabled={existing} placeholder="dibao-roll" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </label>
            <label className="ledger-field">
              <span>{tx('英文标题（可选）', 'English title (optional)')}</span>
              <Input id="ledger-title-en" value={draft.titleEn} maxLength={100} onChange={(e) => setDraft({ ...draft, titleEn: e.target.value })} />
            </label>
            <Space.Compact style={{ width: '100%' }}>
              <Select id="ledger-pick" showSearch optionFilterProp="label" style={{ flex: 1, minWidth: 0 }} placeholder={tx('选择要加入的字段', 'Choose a field to add')}
                aria-label={tx('选择字段', 'Choose a field')} value={pick} onChange={setPick} options={options} />
              <Button icon={<PlusOutlined />} disabled={!pick} onClick={() => { setDraft(addColumn(draft, pick!)); setPick(undefined); }}>{tx('加入', 'Add')}</Button>
            </Space.Compact>
            <List
              size="small"
              bordered
              locale={{ emptyText: tx('尚未选择列', 'No columns yet') }}
              dataSource={draft.columns.map((c, i) => ({ ...c, i }))}
              renderItem={(c) => {
                const p = columnProblem(c.i);
                return (
                  <List.Item className="ledger-column" data-testid="ledger-column">
                    <div style={{ flex: '1 1 220px', minWidth: 0 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>{c.i + 1}. {fieldLabel(c.field)} <code>{c.field}</code></Typography.Text>
                      <Input size="small" aria-label={tx(`第 ${c.i + 1} 列标题`, `Header of column ${c.i + 1}`)} value={c.title} placeholder={byField.get(c.field)?.title ?? c.field}
                        status={p ? 'error' : undefined} onChange={(e) => setDraft(renameColumn(draft, c.i, e.target.value))} />
                      {p ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{lang === 'en' ? p.messageEn ?? p.message : p.message}</Typography.Text> : null}
                    </div>
                    <Space size={2}>
                      <Button size="small" icon={<ArrowUpOutlined />} aria-label={tx('上移', 'Move up')} disabled={c.i === 0} onClick={() => setDraft(moveColumn(draft, c.i, -1))} />
                      <Button size="small" icon={<ArrowDownOutlined />} aria-label={tx('下移', 'Move down')} disabled={c.i === draft.columns.length - 1} onClick={() => setDraft(moveColumn(draft, c.i, 1))} />
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={tx('删除此列', 'Remove column')} onClick={() => setDraft(removeColumn(draft, c.i))} />
                    </Space>
                  </List.Item>
                );
              }}
            />
            <Space wrap>
              <Button type="primary" loading={busy === 'save'} onClick={save}>{tx('保存台账', 'Save ledger')}</Button>
              <Button onClick={() => { setDraft(null); setError(null); }}>{tx('取消', 'Cancel')}</Button>
            </Space>
          </Space>
        </Card>
      )}
    </div>
  );
}
