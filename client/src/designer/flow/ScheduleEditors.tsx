/**
 * The time settings of a state in the flow editor's side panel: its due date, its recurring
 * review and (notice states) the notice period and what an objection does. Periods are picked as
 * a number and a unit, or one of the machine's named delays; a period written otherwise in the
 * JSON (`P1DT12H`) is shown and edited as written.
 */
import { Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useI18n } from '../../i18n';
import {
  annualOk, delayNames, DURATION, dueOf, joinDuration, noticeOf, reviewOf, setDue, setNotice, setReview, splitDuration, type Due, type Review,
} from './state-settings';
import { eventsOf, type Json } from './workflow-edit';
import type { FieldOption } from './effects-model';

type Opt = { value: string; label: string };
const UNITS = ['D', 'W', 'M', 'Y', 'H'] as const;

/** A period: number + unit, a named delay, or (when written otherwise) the ISO text. */
export function DurationInput({ value, onChange, delays, label, id }: { value: string; onChange: (v: string) => void; delays: string[]; label: string; id: string }) {
  const { t } = useI18n();
  const split = splitDuration(value);
  const named = delays.includes(value);
  if (value && !split && !named) {
    return (
      <Input id={id} aria-label={label} value={value} status={DURATION.test(value) ? undefined : 'error'} style={{ width: 160 }}
        onChange={(e) => onChange(e.target.value.trim().toUpperCase())} />
    );
  }
  const unitOptions = [
    ...UNITS.map((u) => ({ value: u, label: t(`flow.unit.${u}`) })),
    ...delays.map((d) => ({ value: `@${d}`, label: t('flow.namedDelay', { name: d }) })),
  ];
  return (
    <Space.Compact>
      {!named && <InputNumber id={id} aria-label={label} min={1} max={1825} value={split?.n ?? null} style={{ width: 80 }}
        onChange={(n) => onChange(n ? joinDuration(n, split?.unit ?? 'D') : '')} />}
      <Select aria-label={t('flow.unit')} style={{ minWidth: named ? 200 : 110 }} value={named ? `@${value}` : (split?.unit ?? 'D')} options={unitOptions}
        onChange={(u: string) => onChange(u.startsWith('@') ? u.slice(1) : joinDuration(split?.n ?? 7, u as (typeof UNITS)[number]))} />
    </Space.Compact>
  );
}

export function DueEditor({ workflow, name, dateFields, onChange }: { workflow: unknown; name: string; dateFields: FieldOption[]; onChange: (wf: Json) => void }) {
  const { t } = useI18n();
  const due = dueOf(workflow, name);
  if (!due) return <Typography.Text type="secondary">{t('flow.dueJsonOnly')}</Typography.Text>;
  const set = (d: Due) => onChange(setDue(workflow, name, d));
  const delays = delayNames(workflow);
  return (
    <div className="flow-section" data-section="due">
      <Typography.Text strong>{t('flow.due')}</Typography.Text>
      <Radio.Group aria-label={t('flow.due')} value={due.mode} optionType="button" size="small"
        onChange={(e) => {
          const mode = e.target.value as Due['mode'];
          if (mode === 'none') set({ mode });
          if (mode === 'in') set({ mode, dueIn: 'P15D' });
          if (mode === 'field') set({ mode, field: dateFields[0]?.pointer ?? '' });
          if (mode === 'annual') set({ mode, annual: '04-15' });
        }}
        options={[
          { value: 'none', label: t('flow.dueNone') },
          { value: 'in', label: t('flow.dueIn') },
          { value: 'field', label: t('flow.dueField'), disabled: dateFields.length === 0 && due.mode !== 'field' },
          { value: 'annual', label: t('flow.dueAnnual') },
        ]} />
      {due.mode === 'in' && (
        <label>{t('flow.dueInLabel')}<DurationInput id={`due-${name}`} label={t('flow.dueInLabel')} value={due.dueIn} delays={delays} onChange={(v) => set({ mode: 'in', dueIn: v })} /></label>
      )}
      {due.mode === 'field' && (
        <label>{t('flow.dueFieldLabel')}
          <Select aria-label={t('flow.dueFieldLabel')} value={due.field || undefined} style={{ minWidth: 200 }}
            options={dateFields.map((f) => ({ value: f.pointer, label: `${f.title} (${f.pointer})` }))} onChange={(field) => set({ mode: 'field', field })} />
        </label>
      )}
      {due.mode === 'annual' && (
        <label>{t('flow.dueAnnualLabel')}
          <Input aria-label={t('flow.dueAnnualLabel')} value={due.annual} placeholder="04-15" style={{ width: 100 }} status={annualOk(due.annual) ? undefined : 'error'}
            onChange={(e) => set({ mode: 'annual', annual: e.target.value.trim() })} />
        </label>
      )}
    </div>
  );
}

export function ReviewEditor({ workflow, name, roleOptions, onChange }: { workflow: unknown; name: string; roleOptions: Opt[]; onChange: (wf: Json) => void }) {
  const { t } = useI18n();
  const review = reviewOf(workflow, name);
  if (review === 'json') return <Typography.Text type="secondary">{t('flow.reviewJsonOnly')}</Typography.Text>;
  const events = eventsOf(workflow, name);
  const set = (r: Review | null) => onChange(setReview(workflow, name, r));
  const delays = delayNames(workflow);
  return (
    <div className="flow-section" data-section="review">
      <Space>
        <Switch aria-label={t('flow.review')} size="small" checked={!!review}
          onChange={(on) => set(on ? { every: delays.includes('REVIEW_PERIOD') ? 'REVIEW_PERIOD' : 'P2M', title: { zh: '定期复核', en: 'Periodic review' }, roles: [], events: events.slice(0, 1) } : null)} />
        <Typography.Text strong>{t('flow.review')}</Typography.Text>
      </Space>
      {review && (
        <div className="flow-form">
          <label>{t('flow.reviewEvery')}<DurationInput id={`review-every-${name}`} label={t('flow.reviewEvery')} value={review.every} delays={delays} onChange={(every) => set({ ...review, every })} /></label>
          <label>{t('flow.titleZh')}<Input aria-label={t('flow.reviewTitleZh')} value={review.title.zh} onChange={(e) => set({ ...review, title: { ...review.title, zh: e.target.value } })} /></label>
          <label>{t('flow.titleEn')}<Input aria-label={t('flow.reviewTitleEn')} value={review.title.en} onChange={(e) => set({ ...review, title: { ...review.title, en: e.target.value } })} /></label>
          <label>{t('flow.reviewRoles')}<Select mode="multiple" aria-label={t('flow.reviewRoles')} value={review.roles} options={roleOptions} onChange={(roles) => set({ ...review, roles })} /></label>
          <label>{t('flow.reviewEvents')}<Select mode="multiple" aria-label={t('flow.reviewEvents')} value={review.events} options={events.map((e) => ({ value: e, label: e }))} onChange={(ev) => set({ ...review, events: ev })} /></label>
          <label>{t('flow.reviewDueIn')}
            <Space>
              <Switch size="small" aria-label={t('flow.reviewDueIn')} checked={review.dueIn !== undefined} onChange={(on) => set(on ? { ...review, dueIn: 'P15D' } : (({ dueIn: _d, ...r }) => r)(review))} />
              {review.dueIn !== undefined && <DurationInput id={`review-due-${name}`} label={t('flow.reviewDueIn')} value={review.dueIn} delays={delays} onChange={(dueIn) => set({ ...review, dueIn })} />}
            </Space>
          </label>
        </div>
      )}
    </div>
  );
}

export function NoticeEditor({ workflow, name, names, onChange }: { workflow: unknown; name: string; names: string[]; onChange: (wf: Json) => void }) {
  const { t } = useI18n();
  const notice = noticeOf(workflow, name);
  if (!notice) return <Typography.Text type="secondary">{t('flow.noticeJsonOnly')}</Typography.Text>;
  const others = names.filter((n) => n !== name).map((n) => ({ value: n, label: n }));
  const set = (patch: Partial<typeof notice>) => onChange(setNotice(workflow, name, { ...notice, ...patch }));
  return (
    <div className="flow-section" data-section="notice">
      <Typography.Text strong>{t('flow.notice')}</Typography.Text>
      <div className="flow-form">
        <label>{t('flow.noticePeriod')}<DurationInput id={`notice-${name}`} label={t('flow.noticePeriod')} value={notice.delay} delays={delayNames(workflow)} onChange={(delay) => set({ delay, target: notice.target || others[0]?.value || '' })} /></label>
        <label>{t('flow.noticeThen')}<Select aria-label={t('flow.noticeThen')} value={notice.target || undefined} options={others} onChange={(target) => set({ target, delay: notice.delay || 'P7D' })} /></label>
        <label>{t('flow.objectionEvent')}<Input aria-label={t('flow.objectionEvent')} value={notice.objectionEvent}
          status={/^[A-Za-z][A-Za-z0-9_]{0,59}$/.test(notice.objectionEvent) ? undefined : 'error'}
          onChange={(e) => set({ objectionEvent: e.target.value.trim().toUpperCase() })} /></label>
        <label>{t('flow.objectionTarget')}<Select aria-label={t('flow.objectionTarget')} value={notice.objectionTarget || undefined} options={others} onChange={(objectionTarget) => set({ objectionTarget })} /></label>
      </div>
      <Typography.Text type="secondary" className="flow-hint">{t('flow.objectionHint')}</Typography.Text>
    </div>
  );
}
