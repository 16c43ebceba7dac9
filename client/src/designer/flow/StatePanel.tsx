/**
 * The side panel of one state in the flow editor: titles, kind, outcome, roles, editable fields,
 * due date, recurring review, notice period and objections, register effects, its transitions, and
 * a notice naming whatever of it only the JSON tab can edit (kept as written).
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../i18n';
import { addTransition, eventsOf, metaOf, NAME, removeState, setStateMeta, statesOf, type Json, type Kind } from './workflow-edit';
import { DueEditor, NoticeEditor, ReviewEditor } from './ScheduleEditors';
import { EffectsEditor, type RegisterInfo } from './EffectsEditor';
import { Findings, TransitionPanel, type Finding } from './TransitionPanel';
import type { FieldOption } from './effects-model';

const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const KINDS: Kind[] = ['draft', 'task', 'notice', 'final'];
type Opt = { value: string; label: string };

export function StatePanel({ name, workflow, names, roleOptions, fields, register, jsonOnly, findings, onChange, onRemoved }: {
  name: string; workflow: unknown; names: string[]; roleOptions: Opt[]; fields: FieldOption[]; register: RegisterInfo | null | 'none';
  jsonOnly: string[]; findings: (state: string, event?: string) => Finding[]; onChange: (wf: Json) => void; onRemoved: () => void;
}) {
  const { t } = useI18n();
  const state = statesOf(workflow)[name]!;
  const meta = metaOf(state);
  const title = (isRec(meta.title) ? meta.title : {}) as { zh?: string; en?: string };
  const kind = (meta.kind as Kind) ?? 'task';
  const set = (patch: Json) => onChange(setStateMeta(workflow, name, patch));
  const [newEvent, setNewEvent] = useState({ event: '', target: '' });
  const events = eventsOf(workflow, name);
  const newEventOk = NAME.test(newEvent.event) && !events.includes(newEvent.event) && names.includes(newEvent.target);
  const dateFields = fields.filter((f) => f.type === 'string' && (f.format === 'date' || f.format === 'date-time'));
  const editable = fields.map((f) => ({ value: f.pointer, label: `${f.title} (${f.pointer})` }));
  // Guards may also read the household as the register holds it (`$entry.status`, docs/registers.md).
  const guardFields = register && register !== 'none'
    ? [...fields, ...register.fields.map((f) => ({ ...f, pointer: `/$entry${f.pointer}`, title: `${t('flow.guardEntryField')}·${f.title}` }))]
    : fields;

  return (
    <Card size="small" className="flow-state-panel" title={<span>{t('flow.state')} <code>{name}</code></span>}
      extra={<Button size="small" danger icon={<DeleteOutlined />} onClick={() => { onChange(removeState(workflow, name)); onRemoved(); }}>{t('flow.delete')}</Button>}>
      <Findings list={findings(name).filter((f) => !f.event)} />
      {jsonOnly.length > 0 && (
        <Alert className="flow-json-only" type="info" showIcon style={{ marginBottom: 8 }} title={t('flow.jsonOnly')}
          description={<ul className="check-list">{jsonOnly.map((p) => <li key={p}><code>{p}</code></li>)}</ul>} />
      )}
      <div className="flow-form">
        <label>{t('flow.titleZh')}<Input aria-label={t('flow.stateTitleZh')} value={title.zh ?? ''} onChange={(e) => set({ title: { ...title, zh: e.target.value } })} /></label>
        <label>{t('flow.titleEn')}<Input aria-label={t('flow.stateTitleEn')} value={title.en ?? ''} onChange={(e) => set({ title: { ...title, en: e.target.value } })} /></label>
        <label>{t('flow.kind')}<Select aria-label={t('flow.kind')} value={kind} onChange={(k) => set({ kind: k })} options={KINDS.map((k) => ({ value: k, label: t(`flow.kind.${k}` as MessageKey) }))} /></label>
        {kind === 'final' && (
          <label>{t('flow.outcome')}<Select aria-label={t('flow.outcome')} value={meta.outcome as string} onChange={(o) => set({ outcome: o })}
            options={['approved', 'rejected', 'withdrawn'].map((o) => ({ value: o, label: t(`flow.outcome.${o}` as MessageKey) }))} /></label>
        )}
        {kind !== 'final' && (
          <label>{t('flow.roles')}<Select mode="multiple" value={(meta.roles as string[]) ?? []} onChange={(r) => set({ roles: r })} options={roleOptions} aria-label={t('flow.roles')} /></label>
        )}
        {kind !== 'final' && kind !== 'draft' && (
          <label>{t('flow.editable')}<Select mode="multiple" aria-label={t('flow.editable')} value={(meta.editable as string[]) ?? []} onChange={(v) => set({ editable: v })} options={editable} /></label>
        )}
      </div>
      {kind !== 'final' && <DueEditor workflow={workflow} name={name} dateFields={dateFields} onChange={onChange} />}
      {kind === 'task' && <ReviewEditor workflow={workflow} name={name} roleOptions={roleOptions} onChange={onChange} />}
      {kind === 'notice' && <NoticeEditor workflow={workflow} name={name} names={names} onChange={onChange} />}
      {kind !== 'draft' && <EffectsEditor workflow={workflow} name={name} formFields={fields} register={register} onChange={onChange} />}
      {kind !== 'final' && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('flow.transitions')}</Typography.Title>
          {events.map((ev) => (
            <TransitionPanel key={ev} from={name} event={ev} workflow={workflow} names={names} roleOptions={roleOptions} fields={guardFields}
              findings={findings(name, ev)} onChange={onChange} />
          ))}
          <Space wrap>
            <Input aria-label={t('flow.newEvent')} placeholder={t('flow.newEventHint')} value={newEvent.event} style={{ width: 160 }}
              onChange={(e) => setNewEvent({ ...newEvent, event: e.target.value.trim().toUpperCase() })} />
            <Select aria-label={t('flow.target')} placeholder={t('flow.target')} style={{ minWidth: 160 }} value={newEvent.target || undefined}
              onChange={(tg) => setNewEvent({ ...newEvent, target: tg })} options={names.map((n) => ({ value: n, label: n }))} />
            <Button icon={<PlusOutlined />} disabled={!newEventOk} onClick={() => {
              onChange(addTransition(workflow, name, newEvent.event, newEvent.target, { zh: newEvent.event, en: newEvent.event }));
              setNewEvent({ event: '', target: '' });
            }}>{t('flow.addTransition')}</Button>
          </Space>
        </>
      )}
    </Card>
  );
}
