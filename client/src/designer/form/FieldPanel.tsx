/**
 * The side panel of the form builder: everything about the selected field, in the words of a
 * programme officer (标题、填写提示、必填、范围、显示条件、公示与脱敏、唯一、可修改的步骤).
 */
import { Button, Checkbox, Divider, Input, InputNumber, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { type Aggregate, type Condition, type Field, type FormModel, type Limits, type MaskKind, type Scalar } from './field-model';
import { kindLabel } from './palette';
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
  if (target?.kind === 'boolean') {
    return <Select id="fb-cond-value" aria-label="条件取值" value={value} style={{ width: 120 }} options={[{ value: true, label: '是' }, { value: false, label: '否' }]} onChange={onChange} />;
  }
  if (target?.kind === 'choice') {
    return (
      <Select
        id="fb-cond-value"
        aria-label="条件取值"
        value={value}
        style={{ minWidth: 140 }}
        options={(target.options ?? []).map((o) => ({ value: o.value, label: o.label ?? String(o.value) }))}
        onChange={onChange}
      />
    );
  }
  if (target && (target.kind === 'number' || target.kind === 'money')) {
    return <InputNumber aria-label="条件取值" value={typeof value === 'number' ? value : null} onChange={(n) => onChange(typeof n === 'number' ? n : 0)} />;
  }
  return <Input aria-label="条件取值" value={String(value)} style={{ width: 160 }} onChange={(e) => onChange(e.target.value)} />;
}

function ConditionEditor({ label, cond, field, siblings, onChange }: { label: string; cond: Condition | undefined; field: Field; siblings: Field[]; onChange: (c: Condition | undefined) => void }) {
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
            <span>当</span>
            <Select
              id={`fb-${label === '显示条件' ? 'visible' : 'required'}-field`}
              aria-label={`${label}：字段`}
              value={cond.field}
              style={{ minWidth: 140 }}
              options={[...candidates.map((f) => ({ value: f.key, label: f.title || f.key })), ...(target ? [] : [{ value: cond.field, label: `${cond.field}（已不存在）` }])]}
              onChange={(key) => onChange({ field: key, equals: firstValue(siblings.find((f) => f.key === key)) })}
            />
            <span>为</span>
            <ConditionValue target={target} value={cond.equals} onChange={(v) => onChange({ ...cond, equals: v })} />
          </>
        )}
      </Space>
    </Row>
  );
}

export function FieldPanel({ model, field: f, siblings, path, inTable, workflow, problems, onPatch, onRename, onRemove, onWorkflowChange }: Props) {
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
    <div className="fb-panel" aria-label="字段属性">
      <div className="fb-panel-head">
        <Typography.Text strong>{kindLabel(f.kind)}</Typography.Text>
        <Button danger size="small" icon={<DeleteOutlined />} onClick={onRemove}>删除字段</Button>
      </div>
      {problems.length > 0 && (
        <ul className="check-list fb-problems">
          {problems.map((p, i) => <li key={i}><Typography.Text type="danger">{p}</Typography.Text></li>)}
        </ul>
      )}
      <Row label="标题">
        <Input aria-label="标题" value={f.title ?? ''} onChange={(e) => onPatch({ title: text(e.target.value) })} />
      </Row>
      <Row label="字段标识" hint="数据中的名称，字母开头">
        <Input aria-label="字段标识" value={f.key} onChange={(e) => onRename(e.target.value.trim())} />
      </Row>
      {f.kind !== 'section' && f.kind !== 'table' && (
        <Row label="填写提示">
          <Input aria-label="填写提示" value={f.help ?? ''} onChange={(e) => onPatch({ help: text(e.target.value) })} />
        </Row>
      )}
      {(f.kind === 'section' || f.kind === 'table') && (
        <Row label="说明">
          <Input.TextArea aria-label="说明" autoSize value={f.description ?? ''} onChange={(e) => onPatch({ description: text(e.target.value) })} />
        </Row>
      )}
      {['text', 'textarea', 'idcard', 'mobile', 'number', 'money'].includes(f.kind) && (
        <Row label="占位提示">
          <Input aria-label="占位提示" value={f.placeholder ?? ''} onChange={(e) => onPatch({ placeholder: text(e.target.value) })} />
        </Row>
      )}
      {f.kind !== 'section' && f.kind !== 'computed' && (
        <Row label="必填">
          <Switch aria-label="必填" checked={!!f.required} onChange={(v) => onPatch({ required: v || undefined, requiredWhen: v ? undefined : f.requiredWhen })} />
        </Row>
      )}

      {(f.kind === 'text' || f.kind === 'textarea') && (
        <>
          {numberInput('minLength', '最少字数')}
          {numberInput('maxLength', '最多字数')}
          <Row label="格式（正则表达式）" hint="如 ^[0-9]{16,19}$">
            <Input aria-label="格式（正则表达式）" value={typeof f.limits.pattern === 'string' ? f.limits.pattern : ''} onChange={(e) => limit('pattern', e.target.value)} />
          </Row>
        </>
      )}
      {(f.kind === 'number' || f.kind === 'money' || f.kind === 'computed') && (
        <>
          {f.kind !== 'computed' && numberInput('minimum', '最小值')}
          {f.kind !== 'computed' && numberInput('maximum', '最大值')}
          <Row label="单位" hint="显示在标题后，如 元、人、亩">
            <Input aria-label="单位" value={f.unit ?? ''} onChange={(e) => onPatch({ unit: text(e.target.value) })} />
          </Row>
          {f.kind === 'number' && (
            <Row label="只能填整数">
              <Switch aria-label="只能填整数" checked={f.valueType === 'integer'} onChange={(v) => onPatch({ valueType: v ? 'integer' : undefined })} />
            </Row>
          )}
          <Row label="统计汇总" hint="报表中如何汇总">
            <Select<Aggregate | ''>
              aria-label="统计汇总"
              value={f.aggregate ?? ''}
              style={{ width: '100%' }}
              options={[{ value: '', label: '（默认：不汇总）' }, { value: 'sum', label: '求和' }, { value: 'avg', label: '平均' }, { value: 'none', label: '不汇总' }]}
              onChange={(v) => onPatch({ aggregate: v || undefined })}
            />
          </Row>
        </>
      )}
      {f.kind === 'computed' && (
        <>
          <Row label="计算公式">
            <FormulaEditor rule={f.compute} numbers={numbers} onChange={(compute) => onPatch({ compute })} />
          </Row>
          <Row label="结果类型">
            <Select
              aria-label="结果类型"
              value={f.valueType ?? 'number'}
              style={{ width: '100%' }}
              options={[{ value: 'number', label: '数字' }, { value: 'integer', label: '整数' }, { value: 'string', label: '文本' }, { value: 'boolean', label: '是/否' }]}
              onChange={(valueType) => onPatch({ valueType })}
            />
          </Row>
        </>
      )}
      {(f.kind === 'choice' || f.kind === 'multichoice') && (
        <>
          <Row label="选项" hint="显示名可不填">
            {(f.options ?? []).map((o, i) => (
              <Space.Compact key={i} style={{ width: '100%', marginBottom: 4 }}>
                <Input
                  aria-label={`选项 ${i + 1} 的值`}
                  value={String(o.value)}
                  onChange={(e) => onPatch({ options: (f.options ?? []).map((x, j) => (j === i ? { ...x, value: f.valueType === 'integer' || f.valueType === 'number' ? Number(e.target.value) : e.target.value } : x)) })}
                />
                <Input
                  aria-label={`选项 ${i + 1} 的显示名`}
                  placeholder="显示名"
                  value={o.label ?? ''}
                  onChange={(e) => onPatch({ options: (f.options ?? []).map((x, j) => (j === i ? { value: x.value, ...(e.target.value ? { label: e.target.value } : {}) } : x)) })}
                />
                <Button aria-label={`删除选项 ${i + 1}`} icon={<DeleteOutlined />} onClick={() => onPatch({ options: (f.options ?? []).filter((_, j) => j !== i) })} />
              </Space.Compact>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => onPatch({ options: [...(f.options ?? []), { value: `选项${(f.options ?? []).length + 1}` }] })}>
              添加选项
            </Button>
          </Row>
          <Row label="显示方式">
            <Select
              aria-label="显示方式"
              value={widget ?? ''}
              style={{ width: '100%' }}
              options={
                f.kind === 'choice'
                  ? [{ value: 'radio', label: '单选按钮' }, { value: '', label: '下拉框' }]
                  : [{ value: 'checkboxes', label: '复选框' }, { value: '', label: '下拉多选' }]
              }
              onChange={(w) => setWidget(w || undefined)}
            />
          </Row>
        </>
      )}
      {f.kind === 'multichoice' && (
        <>
          {numberInput('minItems', '至少选几项')}
          {numberInput('maxItems', '最多选几项')}
        </>
      )}
      {f.kind === 'table' && (
        <>
          {numberInput('minItems', '最少行数')}
          {numberInput('maxItems', '最多行数')}
          <Typography.Paragraph type="secondary" className="fb-hint">表格的列在画布上的表格里添加和排序。</Typography.Paragraph>
        </>
      )}

      <Divider size="small" />
      <ConditionEditor label="显示条件" cond={f.visibleWhen} field={f} siblings={siblings} onChange={(c) => onPatch({ visibleWhen: c, requiredWhen: c ? undefined : f.requiredWhen })} />
      {!f.visibleWhen && !f.required && f.kind !== 'section' && f.kind !== 'computed' && (
        <ConditionEditor label="条件必填" cond={f.requiredWhen} field={f} siblings={siblings} onChange={(c) => onPatch({ requiredWhen: c })} />
      )}

      {SINGLE_VALUE.has(f.kind) && (
        <>
          <Divider size="small" />
          <Row label="在公示中显示" hint="村务公开栏、异议页">
            <Space wrap>
              <Switch aria-label="在公示中显示" checked={!!f.public} onChange={(v) => onPatch({ public: v || undefined, mask: v ? f.mask ?? (f.kind === 'idcard' ? 'idcard' : f.kind === 'mobile' ? 'phone' : undefined) : undefined })} />
              {f.public && isString && (
                <Select<MaskKind | ''>
                  id="fb-mask"
                  aria-label="脱敏方式"
                  value={f.mask ?? ''}
                  style={{ width: 150 }}
                  options={[{ value: '', label: '不脱敏' }, { value: 'name', label: '姓名（张*明）' }, { value: 'idcard', label: '身份证号' }, { value: 'phone', label: '手机号' }]}
                  onChange={(m) => onPatch({ mask: m || undefined })}
                />
              )}
            </Space>
          </Row>
        </>
      )}
      {(isString || f.kind === 'number') && f.kind !== 'computed' && !inTable && (
        <Row label="唯一" hint="一个值只能有一份在办申请">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Switch aria-label="唯一" checked={!!f.unique} onChange={(v) => onPatch({ unique: v || undefined })} />
            {f.unique && (
              <>
                <Select
                  mode="multiple"
                  aria-label="唯一范围"
                  placeholder="范围：每个…各一份（如学期）"
                  value={uniqueOpts.scope ?? []}
                  style={{ width: '100%' }}
                  options={rootScalars.map((x) => ({ value: `/${x.key}`, label: x.title || x.key }))}
                  onChange={(scope: string[]) => {
                    const next = { ...uniqueOpts, scope: scope.length ? scope : undefined };
                    onPatch({ unique: next.scope || next.group ? JSON.parse(JSON.stringify(next)) : true });
                  }}
                />
                <Input
                  aria-label="跨项目共享组"
                  placeholder="跨项目共享组，如 education-aid（可不填）"
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
          <Row label="可修改的步骤" hint="审核人员在这些步骤可以改这个字段">
            <Checkbox.Group
              aria-label="可修改的步骤"
              value={[...editable.direct, ...editable.inherited]}
              onChange={(chosen) => onWorkflowChange(setEditableSteps(workflow, pointer, (chosen as string[]).filter((s) => !editable.inherited.includes(s))))}
            >
              <Space direction="vertical">
                {steps.map((s) => (
                  <Tooltip key={s.name} title={editable.inherited.includes(s.name) ? '整个分组在此步骤可修改' : undefined}>
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
  return (
    <div className="fb-panel" aria-label="表单属性">
      <div className="fb-panel-head">
        <Typography.Text strong>表单属性</Typography.Text>
      </div>
      <Row label="表单标题">
        <Input aria-label="表单标题" value={model.title ?? ''} onChange={(e) => onChange({ ...model, title: e.target.value || undefined })} />
      </Row>
      <Row label="表单说明">
        <Input.TextArea aria-label="表单说明" autoSize value={model.description ?? ''} onChange={(e) => onChange({ ...model, description: e.target.value || undefined })} />
      </Row>
      <Typography.Paragraph type="secondary">点击画布上的字段编辑它的属性；从左侧拖入或点击字段类型添加新字段。</Typography.Paragraph>
    </div>
  );
}

