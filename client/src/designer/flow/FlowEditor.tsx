/**
 * The visual workflow editor: states as nodes and transitions as edges of the live diagram (click
 * a state to edit it), a side panel for the state and its transitions — titles, roles from the
 * county's catalogue, editable fields picked from the form, due dates, recurring reviews, the
 * notice period and objections, register effects with fields picked from the form and the
 * register, guards and their alternatives built from field comparisons, quorums. The server's
 * checkWorkflow findings are drawn on the states and transitions they concern as the definition
 * changes. Every edit writes the same JSON the JSON tab shows; what the panels cannot show is
 * named in the panel and kept as written.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../graphql';
import { request } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { WorkflowDiagram, diagramFromWorkflow } from '../../components/WorkflowDiagram';
import { addState, NAME, statesOf, type Json, type Kind } from './workflow-edit';
import { registerLinkOf, schemaFieldOptions, setLinkStatuses, setRegisterLink } from './effects-model';
import { PrefillEditor } from './PrefillEditor';
import { unrepresented } from './flow-coverage';
import { KINDS, StatePanel } from './StatePanel';
import type { RegisterInfo } from './EffectsEditor';
import type { Finding } from './TransitionPanel';

const FlowRolesDocument = graphql(`
  query FlowRoles {
    roles { name zh en }
  }
`);
const FlowRegistersDocument = graphql(`
  query FlowRegisters {
    registers { key name nameEn currentVersion { schema changeKinds { key zh en } statuses { value zh en } } }
  }
`);

export interface FlowProblem {
  code: string;
  message: string;
  state?: string | null;
  event?: string | null;
}

type Registers = { key: string; name: string; nameEn?: string | null; currentVersion?: { schema: unknown; changeKinds: { key: string; zh: string; en: string }[]; statuses: { value: string; zh: string; en: string }[] } | null }[];

export function FlowEditor({ workflow, formSchema, errors, warnings, onChange }: {
  workflow: unknown; formSchema: unknown; errors: FlowProblem[]; warnings: FlowProblem[]; onChange: (wf: Json) => void;
}) {
  const { t, lang } = useI18n();
  const [roles, setRoles] = useState<{ name: string; zh: string; en: string }[]>([]);
  const [registers, setRegisters] = useState<Registers | null>(null);
  useEffect(() => {
    request(FlowRolesDocument).then((d) => setRoles(d.roles)).catch(() => setRoles([]));
    request(FlowRegistersDocument).then((d) => setRegisters(d.registers)).catch(() => setRegisters([]));
  }, []);
  const states = statesOf(workflow);
  const names = Object.keys(states);
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected && states[selected] ? selected : null;
  const diagram = useMemo(() => diagramFromWorkflow(workflow), [workflow]);
  const fields = useMemo(() => schemaFieldOptions(formSchema), [formSchema]);
  const itemFields = useMemo(() => schemaFieldOptions(formSchema, 400, true), [formSchema]);
  const jsonOnly = useMemo(() => unrepresented(workflow), [workflow]);
  const link = registerLinkOf(workflow);

  // The linked register's fields and change kinds, for the effects' pickers.
  const register: RegisterInfo | null | 'none' = useMemo(() => {
    if (!link) return 'none';
    if (!registers) return null;
    const r = registers.find((x) => x.key === link.key);
    if (!r?.currentVersion) return 'none';
    return { key: r.key, name: r.name, changeKinds: r.currentVersion.changeKinds, statuses: r.currentVersion.statuses, fields: schemaFieldOptions(r.currentVersion.schema), itemFields: schemaFieldOptions(r.currentVersion.schema, 400, true) };
  }, [link?.key, registers]); // eslint-disable-line react-hooks/exhaustive-deps

  // Findings by state and by `state event`: errors win over warnings.
  const flagged = useMemo(() => {
    const m = new Map<string, 'error' | 'warning'>();
    for (const [list, level] of [[warnings, 'warning'], [errors, 'error']] as const) {
      for (const p of list) {
        if (p.state && p.event) m.set(`${p.state} ${p.event}`, level);
        if (p.state) m.set(p.state, level);
      }
    }
    return m;
  }, [errors, warnings]);
  const findings = (state: string, event?: string): Finding[] => [
    ...errors.filter((p) => p.state === state && (event === undefined ? true : p.event === event)).map((p) => ({ ...p, level: 'error' as const })),
    ...warnings.filter((p) => p.state === state && (event === undefined ? true : p.event === event)).map((p) => ({ ...p, level: 'warning' as const })),
  ];

  const [newState, setNewState] = useState({ name: '', kind: 'task' as Kind });
  const newStateOk = NAME.test(newState.name) && !states[newState.name];
  const onAddState = () => {
    if (!newStateOk) return;
    onChange(addState(workflow, newState.name, newState.kind, { zh: newState.name, en: newState.name }));
    setSelected(newState.name);
    setNewState({ name: '', kind: 'task' });
  };

  const roleOptions = roles.map((r) => ({ value: r.name, label: `${lang === 'en' ? r.en : r.zh} (${r.name})` }));
  const machineJsonOnly = jsonOnly.filter((p) => p.startsWith('/meta'));

  return (
    <div className="flow-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input aria-label={t('flow.newState')} placeholder={t('flow.newStateHint')} value={newState.name}
          status={newState.name && !newStateOk ? 'error' : undefined} onChange={(e) => setNewState({ ...newState, name: e.target.value.trim() })} onPressEnter={onAddState} style={{ width: 220, maxWidth: '100%' }} />
        <Select aria-label={t('flow.kind')} value={newState.kind} onChange={(kind) => setNewState({ ...newState, kind })} style={{ width: 110 }}
          options={KINDS.map((k) => ({ value: k, label: t(`flow.kind.${k}` as MessageKey) }))} />
        <Button icon={<PlusOutlined />} onClick={onAddState} disabled={!newStateOk}>{t('flow.addState')}</Button>
      </Space>
      <div className="flow-register">
        <Typography.Text>{t('flow.register')}</Typography.Text>
        <Select aria-label={t('flow.register')} allowClear style={{ minWidth: 200 }} placeholder={t('flow.registerNone')} value={link?.key}
          options={(registers ?? []).map((r) => ({ value: r.key, label: `${lang === 'en' && r.nameEn ? r.nameEn : r.name} (${r.key})` }))}
          onChange={(key?: string) => onChange(setRegisterLink(workflow, key ? { key, link: link?.link ?? 'existing' } : null))} />
        {link && (
          <Select aria-label={t('flow.registerLink')} style={{ minWidth: 160 }} value={link.link}
            options={(['existing', 'optional', 'create'] as const).map((m) => ({ value: m, label: t(`flow.link.${m}` as MessageKey) }))}
            onChange={(m) => onChange(setRegisterLink(workflow, { key: link.key, link: m }))} />
        )}
        {link && link.link !== 'create' && register && register !== 'none' && <Typography.Text>{t('flow.registerStatuses')}</Typography.Text>}
        {link && link.link !== 'create' && register && register !== 'none' && (
          <Select mode="multiple" allowClear className="flow-register-statuses" aria-label={t('flow.registerStatuses')} style={{ minWidth: 240 }} placeholder={t('flow.registerStatusesAny')}
            value={link.statuses ?? []} onChange={(v: string[]) => onChange(setLinkStatuses(workflow, v))}
            options={register.statuses.map((st) => ({ value: st.value, label: lang === 'en' ? st.en : st.zh }))} />
        )}
        {machineJsonOnly.length > 0 && <Typography.Text type="secondary">{t('flow.jsonOnlyShort')} {machineJsonOnly.map((p) => <code key={p}>{p} </code>)}</Typography.Text>}
      </div>
      {link && register && register !== 'none' && <PrefillEditor workflow={workflow} formFields={itemFields} entryFields={register.itemFields} onChange={onChange} />}
      <div className="flow-grid">
        <div className="flow-canvas">
          <Typography.Text type="secondary">{t('flow.clickHint')}</Typography.Text>
          <div className="flow-diagram-box">
            {diagram && diagram.nodes.length ? <WorkflowDiagram diagram={diagram} current={current} flagged={flagged} onSelect={setSelected} /> : <Empty description={t('flow.noStates')} />}
          </div>
          <div className="flow-states" role="list" aria-label={t('flow.states')}>
            {names.map((n) => (
              <Tag key={n} role="listitem" color={n === current ? 'processing' : flagged.get(n) === 'error' ? 'error' : flagged.get(n) ? 'warning' : 'default'} style={{ cursor: 'pointer' }} onClick={() => setSelected(n)}>
                {n}{flagged.get(n) ? ' !' : ''}
              </Tag>
            ))}
          </div>
        </div>
        <div className="flow-panel">
          {!current ? (
            <Empty description={t('flow.selectState')} />
          ) : (
            <StatePanel key={current} name={current} workflow={workflow} names={names} roleOptions={roleOptions} fields={fields} register={register}
              jsonOnly={jsonOnly.filter((p) => p.startsWith(`/states/${current.replace(/~/g, '~0').replace(/\//g, '~1')}/`))}
              findings={findings} onChange={onChange} onRemoved={() => setSelected(null)} />
          )}
        </div>
      </div>
    </div>
  );
}
