/**
 * The side panel of the form builder: everything about the selected field, in the words of a
 * programme officer (标题、填写提示、必填、范围、显示条件、公示与脱敏、唯一、可修改的步骤).
 */
import { Button, Checkbox, Divider, Input, InputNumber, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { type Aggregate, type Condition, type Field, type FormModel, type Limits, type MaskKind, type Scalar } from './field-model';
import { kindLabel } from './palette';
import { useI18n } from '../../i18n';
import { FormulaEditor } from './FormulaEditor';
import { numberFieldsInScope } from './check-model';
import { editableStepsOf, editingSteps, pointerOf, setEditableSteps } from './editable-steps';

interface Props {
  model: FormModel;
  field: Field;
  /** the fields beside it (same section, table or the root) */
  siblings: Field[];
  /** data path of the field; inside a table, relative to the row */
  path: string[];
  inTable: boolean;
  workflow: unknown;
  problems: string[];
  onPatch: (patch: Partial<Field>) => void;
  onRename: (key: string) => void;
  onRemove: () => void;
  onWorkflowChange: (workflow: unknown) => void;
}

const Row = ({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) => (
  <div className="fb-row">
    <label className="fb-label">
      {label}
      {hint && <Typography.Text type="secondary" className="fb-hint"> {hint}</Typography.Text>}
    </label>
    {children}
  </div>
);

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const STRING_KINDS = new Set(['text', 'textarea', 'idcard', 'mobile', 'date', 'region', 'attachment', 'choice']);
const SINGLE_VALUE = new Set(['text', 'textarea', 'number', 'money', 'date', 'boolean', 'choice', 'idcard', 'mobile', 'region', 'computed']);

/** A condition's value: chosen from the options of a choice, 是/否 for a yes/no, typed otherwise. */
function ConditionValue({ target, value, onChange }: { target: Field | undefined; value: Scalar; onChange: (v: Scalar) => void }) {
  const { t } = useI18n();
  if (target?.kind === 'boolean') {
    return <Select id="fb-cond-value" aria-label={t('fb.p.condValue')} value={value} style={{ width: 120 }} options={[{ value: true, label: t('fb.p.yes') }, { value: false, label: t('fb.p.no') }]} onChange={onChange} />;
  }
  if (target?.kind === 'choice') {
    return (
      <Select
        id="fb-cond-value"
        aria-label={t('fb.p.condValue')}
        value={value}
        style={{ minWidth: 140 }}
        options={(target.options ?? []).map((o) => ({ value: o.value, label: o.label ?? String(o.value) }))}
        onChange={onChange}
      />
    );
  }
  if (target && (target.kind === 'number' || target.kind === 'money')) {
    return <InputNumber aria-label={t('fb.p.condValue')} value={typeof value === 'number' ? value : null} onChange={(n) => onChange(typeof n === 'number' ? n : 0)} />;
  }
  return <Input aria-label={t('fb.p.condValue')} value={String(value)} style={{ width: 160 }} onChange={(e) => onChange(e.target.value)} />;
}

function ConditionEditor({ which, label, cond, field, siblings, onChange }: { which: 'visible' | 'required'; label: string; cond: Condition | undefined; field: Field; siblings: Field[]; onChange: (c: Condition | undefined) => void }) {
  const { t } = useI18n();
  const candidates = siblings.filter((f) => f.id !== field.id && !f.visibleWhen && SINGLE_VALUE.has(f.kind) && f.kind !== 'computed');
  const target = cond ? siblings.find((f) => f.key === cond.field) : undefined;
  const firstValue = (f: Field | undefined): Scalar => (f?.kind === 'boolean' ? true : f?.options?.[0]?.value ?? '');
  return (
    <Row label={label}>
      <Space wrap>
        <Switch
          aria-label={label}
          checked={!!cond}
          disabled={!cond && candidates.length === 0}
          onChange={(on) => onChange(on ? { field: candidates[0].key, equals: firstValue(candidates[0]) } : undefined)}
        />
        {cond && (
          <>
            <span>{t('fb.p.when')}</span>
            <Select
              id={`fb-${which}-field`}
              aria-label={t('fb.p.fieldOf', { label })}
              value={cond.field}
              style={{ minWidth: 140 }}
              options={[...candidates.map((f) => ({ value: f.key, label: f.title || f.key })), ...(target ? [] : [{ value: cond.field, label: t('fb.p.gone', { key: cond.field }) }])]}
              onChange={(key) => onChange({ field: key, equals: firstValue(siblings.find((f) => f.key === key)) })}
            />
            <span>{t('fb.p.is')}</span>
            <ConditionValue target={target} value={cond.equals} onChange={(v) => onChange({ ...cond, equals: v })} />
          </>
        )}
      </Space>
    </Row>
  );
}

export function FieldPanel({ model, field: f, siblings, path, inTable, workflow, problems, onPatch, onRename, onRemove, onWorkflowChange }: Props) {
  const { t, lang } = useI18n();
  const limit = (k: keyof Limits, v: unknown) => {
    const limits = { ...f.limits };
    if (v === null || v === undefined || v === '') delete limits[k];
    else limits[k] = v;
    onPatch({ limits });
  };
  const text = (v: string) => (v === '' ? undefined : v);
  const numberInput = (k: keyof Limits, label: string) => (
    <Row label={label}>
      <InputNumber aria-label={label} value={num(f.limits[k])} onChange={(v) => limit(k, v)} style={{ width: '100%' }} />
    </Row>
  );
  const pointer = pointerOf(path);
  const steps = editingSteps(workflow);
  const editable = editableStepsOf(workflow, pointer);
  const numbers = numberFieldsInScope(model, siblings, inTable)
    .filter((n) => n.field.id !== f.id)
    .map((n) => ({ path: n.path, title: n.field.title ? `${n.field.title}${n.field.unit ? `（${n.field.unit}）` : ''}` : n.path }));
  const rootScalars = model.fields.filter((x) => SINGLE_VALUE.has(x.kind) && x.id !== f.id && !x.visibleWhen);
  const uniqueOpts = typeof f.unique === 'object' ? f.unique : {};
  const isString = STRING_KINDS.has(f.kind) || (f.kind === 'computed' && f.valueType === 'string');
  const widget = typeof f.ui['ui:widget'] === 'string' ? (f.ui['ui:widget'] as string) : undefined;
  const setWidget = (w: string | undefined) => {
    const ui = { ...f.ui };
    if (w) ui['ui:widget'] = w;
    else delete ui['ui:widget'];
    onPatch({ ui });
  };

  return (
    <div className="fb-panel" aria-label={t('fb.p.fieldProps')}>
      <div className="fb-panel-head">
        <Typography.Text strong>{kindLabel(f.kind, lang)}</Typography.Text>
        <Button danger size="small" icon={<DeleteOutlined />} onClick={onRemove}>{t('fb.p.removeField')}</Button>
      </div>
      {problems.length > 0 && (
        <ul className="check-list fb-problems">
          {problems.map((p, i) => <li key={i}><Typography.Text type="danger">{p}</Typography.Text></li>)}
        </ul>
      )}
      <Row label={t('fb.p.title')}>
        <Input aria-label={t('fb.p.title')} value={f.title ?? ''} onChange={(e) => onPatch({ title: text(e.target.value) })} />
      </Row>
      <Row label={t('fb.p.key')} hint={t('fb.p.keyHint')}>
        <Input aria-label={t('fb.p.key')} value={f.key} onChange={(e) => onRename(e.target.value.trim())} />
      </Row>
      {f.kind !== 'section' && f.kind !== 'table' && (
        <Row label={t('fb.p.help')}>
          <Input aria-label={t('fb.p.help')} value={f.help ?? ''} onChange={(e) => onPatch({ help: text(e.target.value) })} />
        </Row>
      )}
      {(f.kind === 'section' || f.kind === 'table') && (
        <Row label={t('fb.p.description')}>
          <Input.TextArea aria-label={t('fb.p.description')} autoSize value={f.description ?? ''} onChange={(e) => onPatch({ description: text(e.target.value) })} />
        </Row>
      )}
      {['text', 'textarea', 'idcard', 'mobile', 'number', 'money'].includes(f.kind) && (
        <Row label={t('fb.p.placeholder')}>
          <Input aria-label={t('fb.p.placeholder')} value={f.placeholder ?? ''} onChange={(e) => onPatch({ placeholder: text(e.target.value) })} />
        </Row>
      )}
      {f.kind !== 'section' && f.kind !== 'computed' && (
        <Row label={t('fb.p.required')}>
          <Switch aria-label={t('fb.p.required')} checked={!!f.required} onChange={(v) => onPatch({ required: v || undefined, requiredWhen: v ? undefined : f.requiredWhen })} />
        </Row>
      )}

      {(f.kind === 'text' || f.kind === 'textarea') && (
        <>
          {numberInput('minLength', t('fb.p.minLength'))}
          {numberInput('maxLength', t('fb.p.maxLength'))}
          <Row label={t('fb.p.pattern')} hint={t('fb.p.patternHint')}>
            <Input aria-label={t('fb.p.pattern')} value={typeof f.limits.pattern === 'string' ? f.limits.pattern : ''} onChange={(e) => limit('pattern', e.target.value)} />
          </Row>
        </>
      )}
      {(f.kind === 'number' || f.kind === 'money' || f.kind === 'computed') && (
        <>
          {f.kind !== 'computed' && numberInput('minimum', t('fb.p.minimum'))}
          {f.kind !== 'computed' && numberInput('maximum', t('fb.p.maximum'))}
          <Row label={t('fb.p.unit')} hint={t('fb.p.unitHint')}>
            <Input aria-label={t('fb.p.unit')} value={f.unit ?? ''} onChange={(e) => onPatch({ unit: text(e.target.value) })} />
          </Row>
          {f.kind === 'number' && (
            <Row label={t('fb.p.integer')}>
              <Switch aria-label={t('fb.p.integer')} checked={f.valueType === 'integer'} onChange={(v) => onPatch({ valueType: v ? 'integer' : undefined })} />
            </Row>
          )}
          <Row label={t('fb.p.aggregate')} hint={t('fb.p.aggregateHint')}>
            <Select<Aggregate | ''>
              aria-label={t('fb.p.aggregate')}
              value={f.aggregate ?? ''}
              style={{ width: '100%' }}
              options={[{ value: '', label: t('fb.p.aggDefault') }, { value: 'sum', label: t('fb.p.sum') }, { value: 'avg', label: t('fb.p.avg') }, { value: 'none', label: t('fb.p.none') }]}
              onChange={(v) => onPatch({ aggregate: v || undefined })}
            />
          </Row>
        </>
      )}
      {f.kind === 'computed' && (
        <>
          <Row label={t('fb.p.formula')}>
            <FormulaEditor rule={f.compute} numbers={numbers} onChange={(compute) => onPatch({ compute })} />
          </Row>
          <Row label={t('fb.p.valueType')}>
            <Select
              aria-label={t('fb.p.valueType')}
              value={f.valueType ?? 'number'}
              style={{ width: '100%' }}
              options={[{ value: 'number', label: t('fb.p.number') }, { value: 'integer', label: t('fb.p.int') }, { value: 'string', label: t('fb.p.text') }, { value: 'boolean', label: t('fb.p.bool') }]}
              onChange={(valueType) => onPatch({ valueType })}
            />
          </Row>
        </>
      )}
      {(f.kind === 'choice' || f.kind === 'multichoice') && (
        <>
          <Row label={t('fb.p.options')} hint={t('fb.p.optionsHint')}>
            {(f.options ?? []).map((o, i) => (
              <Space.Compact key={i} style={{ width: '100%', marginBottom: 4 }}>
                <Input
                  aria-label={t('fb.p.optValue', { n: i + 1 })}
                  value={String(o.value)}
                  onChange={(e) => onPatch({ options: (f.options ?? []).map((x, j) => (j === i ? { ...x, value: f.valueType === 'integer' || f.valueType === 'number' ? Number(e.target.value) : e.target.value } : x)) })}
                />
                <Input
                  aria-label={t('fb.p.optLabel', { n: i + 1 })}
                  placeholder={t('fb.p.optionLabel')}
                  value={o.label ?? ''}
                  onChange={(e) => onPatch({ options: (f.options ?? []).map((x, j) => (j === i ? { value: x.value, ...(e.target.value ? { label: e.target.value } : {}) } : x)) })}
                />
                <Button aria-label={t('fb.p.removeOpt', { n: i + 1 })} icon={<DeleteOutlined />} onClick={() => onPatch({ options: (f.options ?? []).filter((_, j) => j !== i) })} />
              </Space.Compact>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => onPatch({ options: [...(f.options ?? []), { value: `选项${(f.options ?? []).length + 1}` }] })}>
              {t('fb.p.addOption')}
            </Button>
          </Row>
          <Row label={t('fb.p.widget')}>
            <Select
              aria-label={t('fb.p.widget')}
              value={widget ?? ''}
              style={{ width: '100%' }}
              options={
                f.kind === 'choice'
                  ? [{ value: 'radio', label: t('fb.p.radio') }, { value: '', label: t('fb.p.select') }]
                  : [{ value: 'checkboxes', label: t('fb.p.checkboxes') }, { value: '', label: t('fb.p.multiselect') }]
              }
              onChange={(w) => setWidget(w || undefined)}
            />
          </Row>
        </>
      )}
      {f.kind === 'multichoice' && (
        <>
          {numberInput('minItems', t('fb.p.minItems'))}
          {numberInput('maxItems', t('fb.p.maxItems'))}
        </>
      )}
      {f.kind === 'table' && (
        <>
          {numberInput('minItems', t('fb.p.minRows'))}
          {numberInput('maxItems', t('fb.p.maxRows'))}
          <Typography.Paragraph type="secondary" className="fb-hint">{t('fb.p.columnsHint')}</Typography.Paragraph>
        </>
      )}

      <Divider size="small" />
      <ConditionEditor which="visible" label={t('fb.p.visibleWhen')} cond={f.visibleWhen} field={f} siblings={siblings} onChange={(c) => onPatch({ visibleWhen: c, requiredWhen: c ? undefined : f.requiredWhen })} />
      {!f.visibleWhen && !f.required && f.kind !== 'section' && f.kind !== 'computed' && (
        <ConditionEditor which="required" label={t('fb.p.requiredWhen')} cond={f.requiredWhen} field={f} siblings={siblings} onChange={(c) => onPatch({ requiredWhen: c })} />
      )}

      {SINGLE_VALUE.has(f.kind) && (
        <>
          <Divider size="small" />
          <Row label={t('fb.p.public')} hint={t('fb.p.publicHint')}>
            <Space wrap>
              <Switch aria-label={t('fb.p.public')} checked={!!f.public} onChange={(v) => onPatch({ public: v || undefined, mask: v ? f.mask ?? (f.kind === 'idcard' ? 'idcard' : f.kind === 'mobile' ? 'phone' : undefined) : undefined })} />
              {f.public && isString && (
                <Select<MaskKind | ''>
                  id="fb-mask"
                  aria-label={t('fb.p.mask')}
                  value={f.mask ?? ''}
                  style={{ width: 150 }}
                  options={[{ value: '', label: t('fb.p.maskNone') }, { value: 'name', label: t('fb.p.maskName') }, { value: 'idcard', label: t('fb.p.maskIdcard') }, { value: 'phone', label: t('fb.p.maskPhone') }]}
                  onChange={(m) => onPatch({ mask: m || undefined })}
                />
              )}
            </Space>
          </Row>
        </>
      )}
      {(isString || f.kind === 'number') && f.kind !== 'computed' && !inTable && (
        <Row label={t('fb.p.unique')} hint={t('fb.p.uniqueHint')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Switch aria-label={t('fb.p.unique')} checked={!!f.unique} onChange={(v) => onPatch({ unique: v || undefined })} />
            {f.unique && (
              <>
                <Select
                  mode="multiple"
                  aria-label={t('fb.p.uniqueScope')}
                  placeholder={t('fb.p.uniqueScopeHint')}
                  value={uniqueOpts.scope ?? []}
                  style={{ width: '100%' }}
                  options={rootScalars.map((x) => ({ value: `/${x.key}`, label: x.title || x.key }))}
                  onChange={(scope: string[]) => {
                    const next = { ...uniqueOpts, scope: scope.length ? scope : undefined };
                    onPatch({ unique: next.scope || next.group ? JSON.parse(JSON.stringify(next)) : true });
                  }}
                />
                <Input
                  aria-label={t('fb.p.uniqueGroup')}
                  placeholder={t('fb.p.uniqueGroupHint')}
                  value={uniqueOpts.group ?? ''}
                  onChange={(e) => {
                    const next = { ...uniqueOpts, group: e.target.value || undefined };
                    onPatch({ unique: next.scope || next.group ? JSON.parse(JSON.stringify(next)) : true });
                  }}
                />
              </>
            )}
          </Space>
        </Row>
      )}
      {!inTable && steps.length > 0 && (
        <>
          <Divider size="small" />
          <Row label={t('fb.p.editable')} hint={t('fb.p.editableHint')}>
            <Checkbox.Group
              aria-label={t('fb.p.editable')}
              value={[...editable.direct, ...editable.inherited]}
              onChange={(chosen) => onWorkflowChange(setEditableSteps(workflow, pointer, (chosen as string[]).filter((s) => !editable.inherited.includes(s))))}
            >
              <Space direction="vertical">
                {steps.map((s) => (
                  <Tooltip key={s.name} title={editable.inherited.includes(s.name) ? t('fb.p.editableInherited') : undefined}>
                    <Checkbox value={s.name} disabled={editable.inherited.includes(s.name)}>
                      {s.title}
                    </Checkbox>
                  </Tooltip>
                ))}
              </Space>
            </Checkbox.Group>
          </Row>
        </>
      )}
    </div>
  );
}

/** The panel shown when no field is selected: the form's own title and description. */
export function FormPanel({ model, onChange }: { model: FormModel; onChange: (m: FormModel) => void }) {
  const { t } = useI18n();
  return (
    <div className="fb-panel" aria-label={t('fb.p.formProps')}>
      <div className="fb-panel-head">
        <Typography.Text strong>{t('fb.p.formProps')}</Typography.Text>
      </div>
      <Row label={t('fb.p.formTitle')}>
        <Input aria-label={t('fb.p.formTitle')} value={model.title ?? ''} onChange={(e) => onChange({ ...model, title: e.target.value || undefined })} />
      </Row>
      <Row label={t('fb.p.formDescription')}>
        <Input.TextArea aria-label={t('fb.p.formDescription')} autoSize value={model.description ?? ''} onChange={(e) => onChange({ ...model, description: e.target.value || undefined })} />
      </Row>
      <Typography.Paragraph type="secondary">{t('fb.p.formHint')}</Typography.Paragraph>
    </div>
  );
}

