/**
 * One event of a state in the flow editor: target, titles, roles, requires-comment, a quorum, and
 * its guarded alternatives — "when all (or any) of these comparisons hold go to A, otherwise B" —
 * each guard built from field comparisons with its refusal message.
 */
import { Alert, Button, Card, Checkbox, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { quorumOf, removeTransition, setTransition, transitionOf, type Json } from './workflow-edit';
import { addAlternative, alternativesOf, RULE_OPS, setAlternatives, withEdits, type Alternative, type Comparison, type GuardModel } from './guard-model';
import type { FieldOption } from './effects-model';
import type { FlowProblem } from './FlowEditor';

const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
type Opt = { value: string; label: string };
export type Finding = FlowProblem & { level: 'error' | 'warning' };

export function Findings({ list }: { list: Finding[] }) {
  if (!list.length) return null;
  return (
    <ul className="check-list flow-findings" aria-live="polite">
      {list.map((p, i) => <li key={i}><Tag color={p.level}>{p.code}</Tag>{p.message}</li>)}
    </ul>
  );
}

/** Comparisons joined by all/any, and the message shown when they do not hold. */
function RuleEditor({ guard, fields, onChange }: { guard: GuardModel; fields: FieldOption[]; onChange: (g: GuardModel | null) => void }) {
  const { t } = useI18n();
  const vars = fields.filter((f) => !f.pointer.includes('*') && f.type !== 'object' && f.type !== 'array')
    .map((f) => ({ value: f.pointer.slice(1).split('/').join('.'), label: `${f.title} (${f.pointer.slice(1).split('/').join('.')})` }));
  const conds = guard.conditions;
  const edit = (patch: Parameters<typeof withEdits>[1]) => onChange(withEdits(guard, patch));
  const setCond = (i: number, c: Comparison) => edit({ conditions: conds.map((x, j) => (j === i ? c : x)) });
  const message = guard.message ?? { zh: '', en: '' };
  return (
    <div className="flow-rule">
      {conds.length > 1 && (
        <Radio.Group size="small" optionType="button" aria-label={t('flow.ruleMode')} value={guard.mode} onChange={(e) => edit({ mode: e.target.value })}
          options={[{ value: 'all', label: t('flow.ruleAll') }, { value: 'any', label: t('flow.ruleAny') }]} />
      )}
      {conds.map((c, i) => (
        <div key={i} className="flow-cond" data-cond={i}>
          <Select showSearch optionFilterProp="label" aria-label={t('flow.condField')} style={{ minWidth: 150 }} value={c.field || undefined} placeholder={t('flow.condField')} options={vars}
            onChange={(field: string) => setCond(i, { ...c, field })} />
          <Select aria-label={t('flow.condOp')} style={{ width: 80 }} value={c.op} options={RULE_OPS.map((o) => ({ value: o, label: o }))}
            onChange={(op) => setCond(i, { ...c, op, ...(op === 'in' ? { ref: undefined } : {}) })} />
          {c.op !== 'in' && (
            <Select aria-label={t('flow.condKind')} style={{ width: 110 }} value={c.ref ? (c.ref.factor !== undefined ? 'times' : 'field') : 'value'}
              options={[{ value: 'value', label: t('flow.condValue') }, { value: 'field', label: t('flow.condOther') }, { value: 'times', label: t('flow.condTimes') }]}
              onChange={(k: string) => setCond(i, k === 'value' ? { ...c, ref: undefined } : { ...c, ref: { field: c.ref?.field ?? vars[0]?.value ?? '', ...(k === 'times' ? { factor: c.ref?.factor ?? 1 } : {}) } })} />
          )}
          {c.ref ? (
            <>
              {c.ref.factor !== undefined && <InputNumber aria-label={t('flow.condFactor')} style={{ width: 80 }} value={c.ref.factor} onChange={(n) => setCond(i, { ...c, ref: { ...c.ref!, factor: n ?? 1 } })} />}
              {c.ref.factor !== undefined && <span>×</span>}
              <Select showSearch optionFilterProp="label" aria-label={t('flow.condOtherField')} style={{ minWidth: 150 }} value={c.ref.field || undefined} options={vars}
                onChange={(field: string) => setCond(i, { ...c, ref: { ...c.ref!, field } })} />
            </>
          ) : (
            <Input aria-label={t('flow.condValue')} style={{ width: 120 }} value={c.value} placeholder={c.op === 'in' ? 'C,D' : '1000'} onChange={(e) => setCond(i, { ...c, value: e.target.value })} />
          )}
          <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('flow.removeCond')} onClick={() => {
            const next = conds.filter((_, j) => j !== i);
            onChange(next.length ? withEdits(guard, { conditions: next }) : null);
          }} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} disabled={!vars.length} onClick={() => edit({ conditions: [...conds, { field: vars[0]!.value, op: '==', value: '' }] })}>{t('flow.addCond')}</Button>
      <Space wrap>
        <label>{t('flow.messageZh')}<Input aria-label={t('flow.messageZh')} value={message.zh} onChange={(e) => edit({ message: { ...message, zh: e.target.value } })} /></label>
        <label>{t('flow.messageEn')}<Input aria-label={t('flow.messageEn')} value={message.en} onChange={(e) => edit({ message: { ...message, en: e.target.value } })} /></label>
      </Space>
    </div>
  );
}

export function TransitionPanel({ from, event, workflow, names, roleOptions, fields, findings, onChange }: {
  from: string; event: string; workflow: unknown; names: string[]; roleOptions: Opt[]; fields: FieldOption[];
  findings: Finding[]; onChange: (wf: Json) => void;
}) {
  const { t } = useI18n();
  const tr = transitionOf(workflow, from, event) ?? {};
  const meta = (isRec(tr.meta) ? tr.meta : {}) as Json;
  const title = (isRec(meta.title) ? meta.title : {}) as { zh?: string; en?: string };
  const quorum = quorumOf(workflow, from, event);
  const alts = quorum == null ? alternativesOf(workflow, from, event) : null;
  const set = (patch: Parameters<typeof setTransition>[3]) => onChange(setTransition(workflow, from, event, patch));
  const setAlts = (next: Alternative[]) => onChange(setAlternatives(workflow, from, event, next));
  const targets = names.map((n) => ({ value: n, label: n }));
  const newGuard = (): GuardModel => ({ mode: 'all', conditions: [{ field: fields.find((f) => !f.pointer.includes('*'))?.pointer.slice(1).split('/').join('.') ?? '', op: '==', value: '' }] });

  return (
    <Card size="small" type="inner" className="flow-transition" data-event={event} style={{ marginBottom: 8 }}
      title={<span><code>{event}</code> → {alts && alts.length > 1 ? alts.map((a) => a.target).join(' / ') : (tr.target as string)}</span>}
      extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('flow.removeTransition')} onClick={() => onChange(removeTransition(workflow, from, event))} />}>
      <Findings list={findings} />
      <div className="flow-form">
        {(!alts || alts.length === 1) && <label>{t('flow.target')}<Select aria-label={`${t('flow.target')} ${event}`} value={tr.target as string} onChange={(v) => set({ target: v })} options={targets} /></label>}
        <label>{t('flow.titleZh')}<Input value={title.zh ?? ''} onChange={(e) => set({ meta: { title: { ...title, zh: e.target.value } } })} /></label>
        <label>{t('flow.titleEn')}<Input value={title.en ?? ''} onChange={(e) => set({ meta: { title: { ...title, en: e.target.value } } })} /></label>
        <label>{t('flow.transitionRoles')}<Select mode="multiple" value={(meta.roles as string[]) ?? []} onChange={(r) => set({ meta: { roles: r } })} options={roleOptions} /></label>
        <Checkbox checked={meta.requiresComment === true} onChange={(e) => set({ meta: { requiresComment: e.target.checked } })}>{t('flow.requiresComment')}</Checkbox>
        <label>{t('flow.quorum')}<InputNumber aria-label={t('flow.quorum')} min={0} max={50} value={quorum ?? undefined} disabled={!!alts && alts.length > 1}
          onChange={(n) => set({ quorum: n && n > 1 ? n : null })} /></label>
      </div>
      {quorum == null && !alts && <Alert type="info" showIcon title={t('flow.ruleJsonOnly')} />}
      {alts && (
        <div className="flow-alternatives">
          {alts.map((a, i) => {
            const last = i === alts.length - 1;
            return (
              <div key={i} className="flow-alternative" data-alt={i}>
                <Space wrap>
                  <Typography.Text strong>{alts.length === 1 ? t('flow.conditions') : i === 0 ? t('flow.altFirst') : a.guard ? t('flow.altElseIf') : t('flow.altElse')}</Typography.Text>
                  {alts.length > 1 && (
                    <>
                      <span>{t('flow.goTo')}</span>
                      <Select aria-label={t('flow.altTarget')} style={{ minWidth: 140 }} value={a.target} options={targets} onChange={(target: string) => setAlts(alts.map((x, j) => (j === i ? { ...x, target } : x)))} />
                      <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('flow.removeAlt')} onClick={() => setAlts(alts.filter((_, j) => j !== i))} />
                    </>
                  )}
                </Space>
                {a.guard ? (
                  <RuleEditor guard={a.guard} fields={fields} onChange={(g) => setAlts(alts.map((x, j) => (j === i ? { ...x, guard: g } : x)))} />
                ) : (
                  !(last && alts.length > 1) && <Button size="small" icon={<PlusOutlined />} disabled={!fields.length} onClick={() => setAlts(alts.map((x, j) => (j === i ? { ...x, guard: newGuard() } : x)))}>{t('flow.addCond')}</Button>
                )}
              </div>
            );
          })}
          {alts.some((a) => a.guard) && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAlts(addAlternative(alts, from))}>{t('flow.addAlt')}</Button>
          )}
        </div>
      )}
    </Card>
  );
}
