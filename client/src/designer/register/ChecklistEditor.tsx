/**
 * 档案清单: what a complete household file holds (`dossier.checklist`, docs/registers.md), as
 * rows of title → programme → condition, each picked from the programme's published workflow and
 * form: 有申请即可, 到达环节 (a state), 经过操作 (an event) or 已上传材料 (a form field). The server
 * checks the same on save; a programme not published yet can be named by its key in the JSON tab.
 */
import { useEffect, useState } from 'react';
import { Button, Empty, Input, Select, Space, Table, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../graphql';
import { request } from '../../api';
import { useI18n } from '../../i18n';
import { schemaFieldOptions } from '../flow/effects-model';
import { conditionOf, newChecklistKey, withCondition, workflowChoices, type ChecklistCondition, type ChecklistRow } from './register-model';

const ChecklistProgrammesDocument = graphql(`
  query ChecklistProgrammes {
    programmes { key name nameEn currentVersion { workflow formSchema } }
  }
`);

type Programme = { key: string; name: string; nameEn?: string | null; currentVersion?: { workflow: unknown; formSchema: unknown } | null };
const CONDITIONS: ChecklistCondition[] = ['exists', 'reachedState', 'event', 'attachment'];

export function ChecklistEditor({ rows, onChange }: { rows: ChecklistRow[]; onChange: (rows: ChecklistRow[]) => void }) {
  const { t, lang, pick } = useI18n();
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  useEffect(() => {
    request(ChecklistProgrammesDocument).then((d) => setProgrammes(d.programmes)).catch(() => setProgrammes([]));
  }, []);
  const byKey = new Map(programmes.map((p) => [p.key, p]));
  const set = (i: number, next: ChecklistRow) => onChange(rows.map((r, j) => (j === i ? next : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    onChange(next);
  };
  const valueOptions = (row: ChecklistRow, kind: ChecklistCondition) => {
    const v = byKey.get(row.programme)?.currentVersion;
    if (!v) return [];
    if (kind === 'attachment') return schemaFieldOptions(v.formSchema).filter((f) => f.type !== 'object' && f.type !== 'array').map((f) => ({ value: f.pointer, label: `${f.title}（${f.pointer}）` }));
    const choices = workflowChoices(v.workflow, lang);
    return kind === 'reachedState' ? choices.states : kind === 'event' ? choices.events : [];
  };

  return (
    <div className="checklist-editor">
      <Typography.Paragraph type="secondary">{t('rd.checklistIntro')}</Typography.Paragraph>
      {rows.length === 0 ? <Empty description={t('rd.checklistEmpty')} /> : (
        <Table<ChecklistRow>
          className="rd-checklist"
          size="small"
          // By place, not by key: the key is edited in the row itself.
          rowKey={(r) => String(rows.indexOf(r))}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={[
            { title: t('rd.itemTitle'), render: (_, r, i) => <Input size="small" value={r.title} maxLength={40} aria-label={`${t('rd.itemTitle')} ${i + 1}`} onChange={(e) => set(i, { ...r, title: e.target.value })} style={{ width: 150 }} /> },
            { title: t('rd.titleEn'), render: (_, r, i) => <Input size="small" value={r.titleEn ?? ''} aria-label={`${t('rd.titleEn')} ${i + 1}`} onChange={(e) => set(i, { ...r, titleEn: e.target.value || null })} style={{ width: 150 }} /> },
            {
              title: t('rd.itemProgramme'),
              render: (_, r, i) => (
                <Select size="small" value={r.programme || undefined} aria-label={`${t('rd.itemProgramme')} ${i + 1}`} style={{ width: 180 }}
                  onChange={(p) => set(i, withCondition({ ...r, programme: p }, 'exists', ''))}
                  options={[...new Set([...programmes.map((p) => p.key), ...(r.programme ? [r.programme] : [])])].map((k) => {
                    const p = byKey.get(k);
                    return { value: k, label: p ? pick(p.name, p.nameEn) : k };
                  })} />
              ),
            },
            {
              title: t('rd.itemCondition'),
              render: (_, r, i) => {
                const c = conditionOf(r);
                return (
                  <Space size={4} wrap>
                    <Select size="small" value={c.kind} aria-label={`${t('rd.itemCondition')} ${i + 1}`} style={{ width: 120 }}
                      onChange={(kind) => set(i, withCondition(r, kind, kind === 'exists' ? '' : c.value))}
                      options={CONDITIONS.map((k) => ({ value: k, label: t(`rd.cond.${k}`) }))} />
                    {c.kind !== 'exists' && (
                      <Select size="small" showSearch={{ optionFilterProp: 'label' }} value={c.value || undefined} aria-label={`${t(`rd.cond.${c.kind}`)} ${i + 1}`} style={{ width: 220 }}
                        placeholder={t('rd.itemPick')} onChange={(v) => set(i, withCondition(r, c.kind, v))} options={valueOptions(r, c.kind)} />
                    )}
                  </Space>
                );
              },
            },
            { title: t('rd.kindKey'), render: (_, r, i) => <Input size="small" value={r.key} aria-label={`${t('rd.kindKey')} ${i + 1}`} onChange={(e) => set(i, { ...r, key: e.target.value.trim() })} style={{ width: 130 }} /> },
            {
              title: '',
              render: (_, r, i) => (
                <Space size={0}>
                  <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('rd.itemUp', { title: r.title })} />
                  <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('rd.itemDown', { title: r.title })} />
                  <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('rd.itemRemove', { title: r.title })} />
                </Space>
              ),
            },
          ]}
        />
      )}
      <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => onChange([...rows, { key: newChecklistKey(rows), title: '', programme: programmes[0]?.key ?? '' }])}>
        {t('rd.itemAdd')}
      </Button>
    </div>
  );
}
