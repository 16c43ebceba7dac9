/**
 * The register link's prefill (docs/registers.md): which form fields a new application takes from
 * the household picked when filing, as rows of form field ← register field, both picked from the
 * schemas. Fields already filled by the filer are never overwritten (workflow/effects.ts prefill).
 */
import { Button, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { prefillOf, setPrefill, type FieldOption, type PrefillPair } from './effects-model';
import type { Json } from './workflow-edit';

const fieldOpts = (list: FieldOption[]) => list.map((f) => ({ value: f.pointer, label: `${f.title} (${f.pointer})` }));

export function PrefillEditor({ workflow, formFields, entryFields, onChange }: {
  workflow: unknown; formFields: FieldOption[]; entryFields: FieldOption[]; onChange: (wf: Json) => void;
}) {
  const { t } = useI18n();
  const rows = prefillOf(workflow);
  if (rows === null) return null; // not a map of pointers: the JSON tab edits it (listed above)
  const set = (next: PrefillPair[]) => onChange(setPrefill(workflow, next));
  const setRow = (i: number, r: PrefillPair) => set(rows.map((x, j) => (j === i ? r : x)));
  // A form field takes one value: the pickers offer only the fields no other row fills.
  const free = (i: number) => formFields.filter((f) => !rows.some((r, j) => j !== i && r.form === f.pointer));
  const add = () => {
    const form = free(-1)[0]?.pointer;
    if (form) set([...rows, { form, entry: entryFields.find((f) => f.pointer === form)?.pointer ?? entryFields[0]?.pointer ?? '' }]);
  };

  return (
    <div className="flow-prefill" data-section="prefill">
      <Typography.Text>{t('flow.prefill')}</Typography.Text>
      <Typography.Text type="secondary" className="flow-hint">{t('flow.prefillHint')}</Typography.Text>
      {rows.map((r, i) => (
        <div key={i} className="flow-effect" data-prefill={i}>
          <Select aria-label={t('flow.formField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={r.form || undefined} options={fieldOpts(free(i))}
            onChange={(form: string) => setRow(i, { ...r, form })} />
          <span>←</span>
          <Select aria-label={t('flow.entryField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={r.entry || undefined} options={fieldOpts(entryFields)}
            onChange={(entry: string) => setRow(i, { ...r, entry })} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('flow.removePrefill')} onClick={() => set(rows.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} disabled={free(-1).length === 0 || entryFields.length === 0} onClick={add}>{t('flow.addPrefill')}</Button>
    </div>
  );
}
