/**
 * Register effects of entering a state (docs/registers.md): the change kind from the register's
 * catalogue (fixed, or chosen by the value of one of the form's list fields), then rows of set / copy / append (or move in) / remove / create whose fields are picked from the form's and
 * the register's schemas. A constant for an enum field of the register is picked from its values.
 */
import { Alert, Button, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../i18n';
import { EFFECT_OPS, effectsOf, newRow, setEffects, type EffectRow, type FieldOption, type StateEffects } from './effects-model';
import type { Json } from './workflow-edit';

export interface RegisterInfo {
  key: string;
  name: string;
  changeKinds: { key: string; zh: string; en: string }[];
  statuses: { value: string; zh: string; en: string }[];
  fields: FieldOption[];
  // The fields with those of list items (`/members/*/name`), for the prefill's list pairs.
  itemFields: FieldOption[];
}

const fieldOpts = (list: FieldOption[]) => list.map((f) => ({ value: f.pointer, label: `${f.title} (${f.pointer})` }));

/** A constant for an entry field: its enum values, yes/no, a number, or text. */
function ConstantInput({ field, value, onChange, label }: { field: FieldOption | undefined; value: unknown; onChange: (v: unknown) => void; label: string }) {
  const { t } = useI18n();
  if (field?.enum) {
    return <Select aria-label={label} style={{ minWidth: 140 }} value={value === '' ? undefined : JSON.stringify(value)}
      options={field.enum.map((v) => ({ value: JSON.stringify(v), label: String(v) }))} onChange={(v: string) => onChange(JSON.parse(v))} />;
  }
  if (field?.type === 'boolean') return <Switch aria-label={label} checked={value === true} onChange={onChange} checkedChildren={t('flow.yes')} unCheckedChildren={t('flow.no')} />;
  if (field?.type === 'number' || field?.type === 'integer') return <InputNumber aria-label={label} value={typeof value === 'number' ? value : null} onChange={(n) => onChange(n ?? 0)} />;
  return <Input aria-label={label} style={{ width: 160 }} value={typeof value === 'string' ? value : JSON.stringify(value)} onChange={(e) => onChange(e.target.value)} />;
}

export function EffectsEditor({ workflow, name, formFields, register, onChange }: {
  workflow: unknown; name: string; formFields: FieldOption[]; register: RegisterInfo | null | 'none'; onChange: (wf: Json) => void;
}) {
  const { t, lang } = useI18n();
  const effects = effectsOf(workflow, name);
  if (!effects) return <Typography.Text type="secondary">{t('flow.effectsJsonOnly')}</Typography.Text>;
  const entryFields = register && register !== 'none' ? register.fields : [];
  // `by`: the choice by a form field; null drops it (undefined keeps the current one).
  const set = (rows: EffectRow[], kind = effects.kind, by: StateEffects['by'] | null = effects.by) =>
    onChange(setEffects(workflow, name, { kind: kind || (register && register !== 'none' ? register.changeKinds[0]?.key ?? '' : ''), by: by ?? undefined, rows }));
  const setRow = (i: number, r: EffectRow) => set(effects.rows.map((x, j) => (j === i ? r : x)));
  const entryOf = (p: string) => entryFields.find((f) => f.pointer === p);
  const kindOptions = register && register !== 'none' ? register.changeKinds.map((k) => ({ value: k.key, label: `${lang === 'en' ? k.en : k.zh} (${k.key})` })) : [];
  const arrays = entryFields.filter((f) => f.type === 'array');
  // A kind chosen by a form field: fields with a list of values; a new choice starts with the
  // field's first value on the current kind (an empty choice would mean no choice).
  const choices = formFields.filter((f) => f.enum?.length);
  const choose = (field: string | undefined) => {
    const first = choices.find((f) => f.pointer === field)?.enum?.[0];
    set(effects.rows, effects.kind, field && first !== undefined ? { field, cases: { [String(first)]: effects.kind } } : null);
  };
  const setCase = (value: string, kind: string | undefined) => {
    const cases = { ...effects.by!.cases };
    if (kind) cases[value] = kind;
    else delete cases[value];
    set(effects.rows, effects.kind, { ...effects.by!, cases });
  };
  const caseValues = effects.by ? [...new Set([...(choices.find((f) => f.pointer === effects.by!.field)?.enum ?? []).map(String), ...Object.keys(effects.by.cases)])] : [];
  // A new row starts on the first fields on offer; a constant on the first of its field's values.
  const fresh = (op: EffectRow['op']): EffectRow => {
    const r = newRow(op, formFields.map((f) => f.pointer), (op === 'append' || op === 'remove' ? arrays : entryFields).map((f) => f.pointer));
    return r.op === 'set' ? { ...r, value: entryOf(r.entry)?.enum?.[0] ?? '' } : r;
  };

  return (
    <div className="flow-section" data-section="effects">
      <Typography.Text strong>{t('flow.effects')}</Typography.Text>
      {register === 'none' && (effects.rows.length
        ? <Alert type="warning" showIcon title={t('flow.effectsNoRegister')} />
        : <Typography.Text type="secondary" className="flow-hint">{t('flow.effectsNoRegister')}</Typography.Text>)}
      {register && register !== 'none' && (
        <>
          <label>{t(effects.by ? 'flow.effectKindDefault' : 'flow.effectKind')}
            <Select aria-label={t('flow.effectKind')} style={{ minWidth: 180 }} value={effects.kind || undefined} placeholder={t('flow.effectKind')}
              options={kindOptions} onChange={(kind: string) => set(effects.rows, kind)} />
          </label>
          <label className="flow-switch">
            <Switch size="small" aria-label={t('flow.effectKindBy')} checked={!!effects.by} disabled={!effects.by && choices.length === 0}
              onChange={(on) => choose(on ? choices[0]?.pointer : undefined)} /> {t('flow.effectKindBy')}
          </label>
          {effects.by && (
            <div className="flow-kind-cases">
              <Select aria-label={t('flow.effectKindField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={effects.by.field || undefined}
                options={fieldOpts(choices)} onChange={(field: string) => choose(field)} />
              {caseValues.map((v) => (
                <div key={v} className="flow-kind-case" data-case={v}>
                  <span>{v} →</span>
                  <Select aria-label={`${t('flow.effectKind')}: ${v}`} allowClear style={{ minWidth: 180 }} value={effects.by!.cases[v]} placeholder={t('flow.effectKindOtherwise')}
                    options={kindOptions} onChange={(kind?: string) => setCase(v, kind)} />
                </div>
              ))}
            </div>
          )}
          {effects.rows.map((r, i) => (
            <div key={i} className="flow-effect" data-effect={i}>
              <Select aria-label={t('flow.effectOp')} style={{ width: 150 }} value={r.op} options={EFFECT_OPS.map((op) => ({ value: op, label: t(`flow.op.${op}` as MessageKey) }))}
                onChange={(op) => setRow(i, fresh(op))} />
              {r.op === 'set' && (
                <>
                  <Select aria-label={t('flow.entryField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={r.entry || undefined} options={fieldOpts(entryFields)}
                    onChange={(entry: string) => setRow(i, { ...r, entry, value: entryOf(entry)?.enum?.[0] ?? '' })} />
                  <span>=</span>
                  <ConstantInput field={entryOf(r.entry)} value={r.value} label={t('flow.effectValue')} onChange={(value) => setRow(i, { ...r, value })} />
                </>
              )}
              {(r.op === 'copy' || r.op === 'append') && (
                <>
                  <Select aria-label={t('flow.formField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={r.form || undefined} options={fieldOpts(formFields)} onChange={(form: string) => setRow(i, { ...r, form })} />
                  <span>→</span>
                  <Select aria-label={t('flow.entryField')} showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={r.entry || undefined}
                    options={fieldOpts(r.op === 'append' ? arrays : entryFields)} onChange={(entry: string) => setRow(i, { ...r, entry })} />
                </>
              )}
              {r.op === 'append' && (
                <label className="flow-move">
                  <Switch size="small" aria-label={t('flow.move')} checked={r.move === true} onChange={(move) => setRow(i, { ...r, move: move || undefined })} /> {t('flow.move')}
                </label>
              )}
              {r.op === 'remove' && (
                <>
                  <Select aria-label={t('flow.entryField')} showSearch optionFilterProp="label" style={{ minWidth: 160 }} value={r.entry || undefined} options={fieldOpts(arrays)} onChange={(entry: string) => setRow(i, { ...r, entry })} />
                  <span>{t('flow.removeWhere')}</span>
                  <Input aria-label={t('flow.removeMatch')} style={{ width: 120 }} value={r.match} placeholder="/idNumber" onChange={(e) => setRow(i, { ...r, match: e.target.value })} />
                  <span>=</span>
                  <Select aria-label={t('flow.formField')} showSearch optionFilterProp="label" style={{ minWidth: 160 }} value={r.form || undefined} options={fieldOpts(formFields)} onChange={(form: string) => setRow(i, { ...r, form })} />
                </>
              )}
              {r.op === 'create' && (
                <div className="flow-create">
                  {r.pairs.map((p, k) => (
                    <Space key={k} wrap>
                      <Select aria-label={t('flow.formField')} showSearch optionFilterProp="label" style={{ minWidth: 170 }} value={p.form || undefined} options={fieldOpts(formFields)}
                        onChange={(form: string) => setRow(i, { ...r, pairs: r.pairs.map((x, j) => (j === k ? { ...x, form } : x)) })} />
                      <span>→</span>
                      <Select aria-label={t('flow.entryField')} showSearch optionFilterProp="label" style={{ minWidth: 170 }} value={p.entry || undefined} options={fieldOpts(entryFields)}
                        onChange={(entry: string) => setRow(i, { ...r, pairs: r.pairs.map((x, j) => (j === k ? { ...x, entry } : x)) })} />
                      <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('flow.removePair')} disabled={r.pairs.length < 2}
                        onClick={() => setRow(i, { ...r, pairs: r.pairs.filter((_, j) => j !== k) })} />
                    </Space>
                  ))}
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setRow(i, { ...r, pairs: [...r.pairs, { form: '', entry: '' }] })}>{t('flow.addPair')}</Button>
                </div>
              )}
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('flow.removeEffect')} onClick={() => set(effects.rows.filter((_, j) => j !== i))} />
            </div>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => set([...effects.rows, fresh('set')])}>{t('flow.addEffect')}</Button>
        </>
      )}
      {register === null && <Typography.Text type="secondary">…</Typography.Text>}
    </div>
  );
}
