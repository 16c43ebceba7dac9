/**
 * The visual workflow editor: states as nodes and transitions as edges of the live diagram (click
 * a state to edit it), a side panel for the state and its transitions — titles, roles from the
 * county's catalogue, requires-comment, editable fields picked from the form, the notice period,
 * the due date, guards built from field comparisons (JSON Logic) with their message, quorums and
 * register effects. The server's checkWorkflow findings are drawn on the states and transitions
 * they concern as the definition changes. Every edit writes the same JSON the JSON tab shows.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../graphql';
import { request } from '../../api';
import { useI18n } from '../../i18n';
import { WorkflowDiagram, diagramFromWorkflow } from '../../components/WorkflowDiagram';
import {
  addState, addTransition, conditionsFromRule, eventsOf, formPointers, metaOf, NAME, noticePeriodOf, OPS, quorumOf, removeState, removeTransition,
  ruleFromConditions, setNoticePeriod, setStateMeta, setTransition, statesOf, transitionOf, type Condition, type Json, type Kind,
} from './workflow-edit';

const FlowRolesDocument = graphql(`
  query FlowRoles {
    roles { name zh en }
  }
`);

export interface FlowProblem {
  code: string;
  message: string;
  state?: string | null;
  event?: string | null;
}

const KINDS: Kind[] = ['draft', 'task', 'notice', 'final'];
const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function FlowEditor({ workflow, formSchema, errors, warnings, onChange }: {
  workflow: unknown; formSchema: unknown; errors: FlowProblem[]; warnings: FlowProblem[]; onChange: (wf: Json) => void;
}) {
  const { lang } = useI18n();
  const tx = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const [roles, setRoles] = useState<{ name: string; zh: string; en: string }[]>([]);
  useEffect(() => {
    request(FlowRolesDocument).then((d) => setRoles(d.roles)).catch(() => setRoles([]));
  }, []);
  const states = statesOf(workflow);
  const names = Object.keys(states);
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected && states[selected] ? selected : null;
  const diagram = useMemo(() => diagramFromWorkflow(workflow), [workflow]);
  const fields = useMemo(() => formPointers(formSchema), [formSchema]);

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
  const findings = (state: string, event?: string) => [
    ...errors.filter((p) => p.state === state && (event === undefined ? true : p.event === event)).map((p) => ({ ...p, level: 'error' as const })),
    ...warnings.filter((p) => p.state === state && (event === undefined ? true : p.event === event)).map((p) => ({ ...p, level: 'warning' as const })),
  ];

  // Add a state.
  const [newState, setNewState] = useState({ name: '', kind: 'task' as Kind });
  const newStateOk = NAME.test(newState.name) && !states[newState.name];
  const onAddState = () => {
    if (!newStateOk) return;
    onChange(addState(workflow, newState.name, newState.kind, { zh: newState.name, en: newState.name }));
    setSelected(newState.name);
    setNewState({ name: '', kind: 'task' });
  };

  const roleOptions = roles.map((r) => ({ value: r.name, label: `${lang === 'en' ? r.en : r.zh} (${r.name})` }));
  const fieldOptions = fields.map((f) => ({ value: f, label: f }));

  return (
    <div className="flow-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input aria-label={tx('新环节标识', 'New state name')} placeholder={tx('新环节标识，如 township_review', 'New state, e.g. township_review')} value={newState.name}
          status={newState.name && !newStateOk ? 'error' : undefined} onChange={(e) => setNewState({ ...newState, name: e.target.value.trim() })} onPressEnter={onAddState} style={{ width: 220 }} />
        <Select aria-label={tx('环节类型', 'Kind')} value={newState.kind} onChange={(kind) => setNewState({ ...newState, kind })} style={{ width: 110 }}
          options={KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))} />
        <Button icon={<PlusOutlined />} onClick={onAddState} disabled={!newStateOk}>{tx('添加环节', 'Add state')}</Button>
        <Typography.Text type="secondary">{tx('点击流程图中的环节进行编辑', 'Click a state in the diagram to edit it')}</Typography.Text>
      </Space>
      <div className="flow-grid">
        <div className="flow-canvas">
          {diagram && diagram.nodes.length ? <WorkflowDiagram diagram={diagram} current={current} flagged={flagged} onSelect={setSelected} /> : <Empty description={tx('还没有环节', 'No states yet')} />}
          <div className="flow-states" role="list" aria-label={tx('环节', 'States')}>
            {names.map((n) => (
              <Tag key={n} role="listitem" color={n === current ? 'processing' : flagged.get(n) === 'error' ? 'error' : flagged.get(n) ? 'warning' : 'default'} style={{ cursor: 'pointer' }} onClick={() => setSelected(n)}>
                {n}{flagged.get(n) ? ' !' : ''}
              </Tag>
            ))}
          </div>
        </div>
        <div className="flow-panel">
          {!current ? (
            <Empty description={tx('选择一个环节', 'Select a state')} />
          ) : (
            <StatePanel key={current} name={current} workflow={workflow} names={names} roleOptions={roleOptions} fieldOptions={fieldOptions}
              findings={findings} onChange={onChange} onRemoved={() => setSelected(null)} tx={tx} lang={lang} />
          )}
        </div>
      </div>
    </div>
  );
}

function kindLabel(k: Kind, lang: string): string {
  const zh: Record<Kind, string> = { draft: '填报', task: '办理', notice: '公示', final: '结束' };
  return lang === 'en' ? k : zh[k];
}

type Tx = (zh: string, en: string) => string;
type Finding = FlowProblem & { level: 'error' | 'warning' };

function Findings({ list }: { list: Finding[] }) {
  if (!list.length) return null;
  return (
    <ul className="check-list flow-findings" aria-live="polite">
      {list.map((p, i) => <li key={i}><Tag color={p.level}>{p.code}</Tag>{p.message}</li>)}
    </ul>
  );
}

function StatePanel({ name, workflow, names, roleOptions, fieldOptions, findings, onChange, onRemoved, tx, lang }: {
  name: string; workflow: unknown; names: string[]; roleOptions: { value: string; label: string }[]; fieldOptions: { value: string; label: string }[];
  findings: (state: string, event?: string) => Finding[]; onChange: (wf: Json) => void; onRemoved: () => void; tx: Tx; lang: string;
}) {
  const state = statesOf(workflow)[name]!;
  const meta = metaOf(state);
  const title = (isRec(meta.title) ? meta.title : {}) as { zh?: string; en?: string };
  const kind = (meta.kind as Kind) ?? 'task';
  const set = (patch: Json) => onChange(setStateMeta(workflow, name, patch));
  const notice = noticePeriodOf(workflow, name);
  const [effectsText, setEffectsText] = useState(() => JSON.stringify(meta.effects ?? [], null, 1));
  const [effectsError, setEffectsError] = useState(false);
  const [newEvent, setNewEvent] = useState({ event: '', target: '' });
  const events = eventsOf(workflow, name);
  const newEventOk = NAME.test(newEvent.event) && !events.includes(newEvent.event) && names.includes(newEvent.target);

  return (
    <Card size="small" title={<span>{tx('环节', 'State')} <code>{name}</code></span>}
      extra={<Button size="small" danger icon={<DeleteOutlined />} onClick={() => { onChange(removeState(workflow, name)); onRemoved(); }}>{tx('删除', 'Delete')}</Button>}>
      <Findings list={findings(name).filter((f) => !f.event)} />
      <div className="flow-form">
        <label>{tx('中文名称', 'Title (zh)')}<Input value={title.zh ?? ''} onChange={(e) => set({ title: { ...title, zh: e.target.value } })} /></label>
        <label>{tx('英文名称', 'Title (en)')}<Input value={title.en ?? ''} onChange={(e) => set({ title: { ...title, en: e.target.value } })} /></label>
        <label>{tx('类型', 'Kind')}<Select value={kind} onChange={(k) => set({ kind: k })} options={KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))} /></label>
        {kind === 'final' && (
          <label>{tx('结果', 'Outcome')}<Select value={meta.outcome as string} onChange={(o) => set({ outcome: o })} options={['approved', 'rejected', 'withdrawn'].map((o) => ({ value: o, label: o }))} /></label>
        )}
        {kind !== 'final' && (
          <label>{tx('办理角色', 'Roles')}<Select mode="multiple" value={(meta.roles as string[]) ?? []} onChange={(r) => set({ roles: r })} options={roleOptions} aria-label={tx('办理角色', 'Roles')} /></label>
        )}
        {kind !== 'final' && kind !== 'draft' && (
          <label>{tx('可修改字段', 'Editable fields')}<Select mode="multiple" value={(meta.editable as string[]) ?? []} onChange={(v) => set({ editable: v })} options={fieldOptions} /></label>
        )}
        {kind === 'task' && (
          <label>{tx('办理期限（如 P15D）', 'Due in (e.g. P15D)')}<Input value={(meta.dueIn as string) ?? ''} onChange={(e) => set({ dueIn: e.target.value || undefined })} /></label>
        )}
        {kind === 'notice' && (
          <Space wrap>
            <label>{tx('公示期（如 P7D）', 'Notice period (e.g. P7D)')}<Input value={notice?.duration ?? ''} onChange={(e) => onChange(setNoticePeriod(workflow, name, e.target.value, notice?.target ?? ''))} /></label>
            <label>{tx('期满后进入', 'Then go to')}<Select style={{ minWidth: 160 }} value={notice?.target || undefined} onChange={(t) => onChange(setNoticePeriod(workflow, name, notice?.duration || 'P7D', t))} options={names.map((n) => ({ value: n, label: n }))} /></label>
          </Space>
        )}
        {kind !== 'final' && (
          <label>{tx('进入时对登记簿的修改（JSON）', 'Register effects on entering (JSON)')}
            <Input.TextArea rows={2} value={effectsText} status={effectsError ? 'error' : undefined} onChange={(e) => {
              setEffectsText(e.target.value);
              try {
                const v = JSON.parse(e.target.value || '[]');
                setEffectsError(!Array.isArray(v));
                if (Array.isArray(v)) set({ effects: v.length ? v : undefined, effectKind: v.length ? (meta.effectKind ?? 'update') : undefined });
              } catch {
                setEffectsError(true);
              }
            }} />
          </label>
        )}
      </div>
      {kind !== 'final' && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>{tx('操作（流转）', 'Transitions')}</Typography.Title>
          {events.map((ev) => (
            <TransitionPanel key={ev} from={name} event={ev} workflow={workflow} names={names} roleOptions={roleOptions} fieldOptions={fieldOptions}
              findings={findings(name, ev)} onChange={onChange} tx={tx} />
          ))}
          <Space wrap>
            <Input aria-label={tx('新操作名', 'New event')} placeholder={tx('操作名，如 APPROVE', 'Event, e.g. APPROVE')} value={newEvent.event} style={{ width: 160 }}
              onChange={(e) => setNewEvent({ ...newEvent, event: e.target.value.trim().toUpperCase() })} />
            <Select aria-label={tx('目标环节', 'Target state')} placeholder={tx('目标环节', 'Target')} style={{ minWidth: 160 }} value={newEvent.target || undefined}
              onChange={(t) => setNewEvent({ ...newEvent, target: t })} options={names.map((n) => ({ value: n, label: n }))} />
            <Button icon={<PlusOutlined />} disabled={!newEventOk} onClick={() => {
              onChange(addTransition(workflow, name, newEvent.event, newEvent.target, { zh: newEvent.event, en: newEvent.event }));
              setNewEvent({ event: '', target: '' });
            }}>{tx('添加操作', 'Add transition')}</Button>
          </Space>
        </>
      )}
    </Card>
  );
}

function TransitionPanel({ from, event, workflow, names, roleOptions, fieldOptions, findings, onChange, tx }: {
  from: string; event: string; workflow: unknown; names: string[]; roleOptions: { value: string; label: string }[]; fieldOptions: { value: string; label: string }[];
  findings: Finding[]; onChange: (wf: Json) => void; tx: Tx;
}) {
  const t = transitionOf(workflow, from, event) ?? {};
  const meta = (isRec(t.meta) ? t.meta : {}) as Json;
  const title = (isRec(meta.title) ? meta.title : {}) as { zh?: string; en?: string };
  const guard = isRec(t.guard) ? t.guard : null;
  const quorum = quorumOf(workflow, from, event);
  const rule = guard?.type === 'rule' && isRec(guard.params) ? guard.params.rule : undefined;
  const conds = rule === undefined ? [] : conditionsFromRule(rule);
  const message = (isRec(guard?.message) ? guard!.message : {}) as { zh?: string; en?: string };
  const set = (patch: Parameters<typeof setTransition>[3]) => onChange(setTransition(workflow, from, event, patch));
  const setConds = (next: Condition[], msg = message) => {
    const r = ruleFromConditions(next);
    const paths = [...new Set(next.filter((c) => c.field).map((c) => `/${c.field.split('.').join('/')}`))];
    set({ guard: r ? { type: 'rule', params: { rule: r }, ...(msg.zh || msg.en ? { message: msg } : {}), ...(paths.length && (msg.zh || msg.en) ? { paths } : {}) } : null });
  };
  const fieldVars = fieldOptions.filter((f) => !f.value.includes('*')).map((f) => ({ value: f.value.slice(1).split('/').join('.'), label: f.value }));

  return (
    <Card size="small" type="inner" className="flow-transition" data-event={event} style={{ marginBottom: 8 }}
      title={<span><code>{event}</code> → {t.target as string}</span>}
      extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={tx('删除操作', 'Delete transition')} onClick={() => onChange(removeTransition(workflow, from, event))} />}>
      <Findings list={findings} />
      <div className="flow-form">
        <label>{tx('目标环节', 'Target')}<Select value={t.target as string} onChange={(v) => set({ target: v })} options={names.map((n) => ({ value: n, label: n }))} /></label>
        <label>{tx('中文名称', 'Title (zh)')}<Input value={title.zh ?? ''} onChange={(e) => set({ meta: { title: { ...title, zh: e.target.value } } })} /></label>
        <label>{tx('英文名称', 'Title (en)')}<Input value={title.en ?? ''} onChange={(e) => set({ meta: { title: { ...title, en: e.target.value } } })} /></label>
        <label>{tx('可执行角色（默认为环节角色）', 'Roles (default: the state\'s)')}<Select mode="multiple" value={(meta.roles as string[]) ?? []} onChange={(r) => set({ meta: { roles: r } })} options={roleOptions} /></label>
        <Checkbox checked={meta.requiresComment === true} onChange={(e) => set({ meta: { requiresComment: e.target.checked } })}>{tx('须填写意见', 'Requires a comment')}</Checkbox>
        <label>{tx('多人确认（人数，≥2）', 'Quorum (people, ≥ 2)')}<InputNumber min={0} max={50} value={quorum ?? undefined} onChange={(n) => set({ quorum: n && n > 1 ? n : null })} /></label>
        {quorum == null && (conds === null ? (
          <Alert type="info" showIcon title={tx('该条件较复杂，请在 JSON 中编辑', 'This rule is not a plain comparison: edit it in the JSON')} />
        ) : (
          <div className="flow-rule">
            <Typography.Text strong>{tx('条件（全部满足才可执行）', 'Conditions (all must hold)')}</Typography.Text>
            {conds.map((c, i) => (
              <Space key={i} wrap>
                <Select showSearch style={{ minWidth: 150 }} value={c.field || undefined} placeholder={tx('字段', 'Field')} options={fieldVars}
                  onChange={(f) => setConds(conds.map((x, j) => (j === i ? { ...x, field: f } : x)))} />
                <Select style={{ width: 80 }} value={c.op} options={OPS.map((o) => ({ value: o, label: o }))} onChange={(op) => setConds(conds.map((x, j) => (j === i ? { ...x, op } : x)))} />
                <Input style={{ width: 120 }} value={c.value} placeholder={c.op === 'in' ? 'C,D' : '1000'} onChange={(e) => setConds(conds.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={tx('删除条件', 'Remove condition')} onClick={() => setConds(conds.filter((_, j) => j !== i))} />
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined />} disabled={!fieldVars.length} onClick={() => setConds([...conds, { field: fieldVars[0]!.value, op: '==', value: '' }])}>{tx('添加条件', 'Add condition')}</Button>
            {conds.length > 0 && (
              <Space wrap>
                <label>{tx('不满足时的提示（中文）', 'Message when refused (zh)')}<Input value={message.zh ?? ''} onChange={(e) => setConds(conds, { ...message, zh: e.target.value })} /></label>
                <label>{tx('不满足时的提示（英文）', 'Message when refused (en)')}<Input value={message.en ?? ''} onChange={(e) => setConds(conds, { ...message, en: e.target.value })} /></label>
              </Space>
            )}
          </div>
        ))}
      </div>
    </Card>
  );
}
