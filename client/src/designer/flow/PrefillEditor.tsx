/**
 * The register link's prefill (docs/registers.md): which form fields a new application takes from
 * the household picked when filing, as rows of form field ← register field, both picked from the
 * schemas. Fields already filled by the filer are never overwritten (workflow/effects.ts prefill).
 * Where both fields are choices that word their values differently, the row shows a value map:
 * each register value → a form value, or none (left to the filer).
 */
import { Button, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { prefillOf, prefillValuesFor, setPrefill, type FieldOption, type PrefillPair } from './effects-model';
import type { Json } from './workflow-edit';

const fieldOpts = (list: FieldOption[]) => list.map((f) => ({ value: f.pointer, label: `${f.title} (${f.pointer})` }));

export function PrefillEditor({ workflow, formFields, entryFields, onChange }: {
  workflow: unknown; formFields: FieldOption[]; entryFields: FieldOption[]; onChange: (wf: Json) => void;
}) {
  const { t } = useI18n();
  const rows = prefillOf(workflow);
  if (rows === null) return null; // not a map of pointers: the JSON tab edits it (listed above)
  const formOf = (p: string) => formFields.find((f) => f.pointer === p);
  const entryOf = (p: string) => entryFields.find((f) => f.pointer === p);
  const set = (next: PrefillPair[]) => onChange(setPrefill(workflow, next));
  const setRow = (i: number, r: PrefillPair) => set(rows.map((x, j) => (j === i ? r : x)));
  // Picking another field starts its value map afresh (same values matched, the rest to choose).
  const afresh = (r: PrefillPair): PrefillPair => {
    const { values: _old, ...plain } = r;
    const values = prefillValuesFor(plain, formOf(r.form), entryOf(r.entry));
    return values ? { ...plain, values } : plain;
  };
  const pick = (i: number, r: PrefillPair) => setRow(i, afresh(r));
  const setValue = (i: number, r: PrefillPair, key: string, value?: string | number | boolean) => {
    const values = { ...r.values };
    if (value === undefined) delete values[key];
    else values[key] = value;
    setRow(i, { ...r, values });
  };
  // A form field takes one value: the pickers offer only the fields no other row fills.
  const free = (i: number) => formFields.filter((f) => !rows.some((r, j) => j !== i && r.form === f.pointer));
  const add = () => {
    const form = free(-1)[0]?.pointer;
    if (form) set([...rows, afresh({ form, entry: entryFields.find((f) => f.pointer === form)?.pointer ?? entryFields[0]?.pointer ?? '' })]);
  };

  return (
    <div className="flow-prefill" data-section="prefill">
      <Typography.Text>{t('flow.prefill')}</Typography.Text>
      <Typography.Text type="secondary" className="flow-hint">{t('flow.prefillHint')}</Typography.Text>
      {rows.map((r, i) => {
        const choices = formOf(r.form)?.enum;
        const mapped = entryOf(r.entry)?.enum && choices && (r.values || prefillValuesFor(r, formOf(r.form), entryOf(r.entry)));
        return (
          <div key={i} className="flow-effect" data-prefill={i}>
            <Select aria-label={t('flow.formField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={r.form || undefined} options={fieldOpts(free(i))}
              onChange={(form: string) => pick(i, { ...r, form })} />
            <span>←</span>
            <Select aria-label={t('flow.entryField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={r.entry || undefined} options={fieldOpts(entryFields)}
              onChange={(entry: string) => pick(i, { ...r, entry })} />
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('flow.removePrefill')} onClick={() => set(rows.filter((_, j) => j !== i))} />
            {mapped && (
              <div className="flow-kind-cases flow-prefill-values" data-values={r.form}>
                <Typography.Text type="secondary" className="flow-hint">{t('flow.prefillValues')}</Typography.Text>
                {entryOf(r.entry)!.enum!.map((v) => (
                  <div key={String(v)} className="flow-kind-case" data-value={String(v)}>
                    <span>{String(v)} →</span>
                    <Select aria-label={`${t('flow.prefillValue')}: ${String(v)}`} allowClear style={{ minWidth: 160 }} value={r.values?.[String(v)] as string | undefined}
                      placeholder={t('flow.prefillValueNone')} options={choices.map((c) => ({ value: c as string, label: String(c) }))}
                      onChange={(value?: string) => setValue(i, r, String(v), value)} />
                  </div>
                ))}
              </div>
            )}
          </div>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} disabled={free(-1).length === 0 || entryFields.length === 0} onClick={add}>{t('flow.addPrefill')}</Button>
    </div>
  );
}
