/**
 * Runs a workflow on sample data, step by step, the way the server would — nothing is written:
 * the same pure engine decides each transition (guards, quorum counts), the form recomputes its
 * `x-compute` fields and validates at SUBMIT and on edits, and every state entered reports the
 * register effects it would apply, the timers it would start and its due rule. A timer is
 * "skipped to" by a step naming it (`after:NOTICE_PERIOD`).
 *
 * A step the workflow does not offer (unknown event, wrong role, a field the state may not edit)
 * is a mistake in the path: refused with a bilingual BAD_USER_INPUT naming the step. A step the
 * workflow refuses on the data (a guard, invalid data) is a result: the run stops there and says why.
 */
import { badInput, DomainError, type FieldProblem } from '../core/errors.js';
import type { CompiledForm } from '../programmes/form-schema.js';
import { changedPointers, isPointerWithin, readPointer } from '../programmes/form-schema.js';
import { mergeData } from '../applications/merge.js';
import { effectKindFor, stateEffectsOf } from './effects.js';
import type { CompiledWorkflow, PersistedSnapshot } from './engine.js';
import type { Title } from './definition.js';
import { SUBMIT_EVENT } from './definition.js';

export const MAX_SIMULATION_STEPS = 50;
/** How a step names a timer: `after:` and the `after` key. */
export const TIMER_STEP_PREFIX = 'after:';

export interface SimulationStep {
  event: string;
  /** The role sending it; checked against the event's roles when given. */
  role?: string | null;
  /** Edits sent with the step (merged like transitionApplication's `data`). */
  data?: Record<string, unknown> | null;
}

export interface SimulatedEffect {
  /** `move`: an append that takes the person over from another entry; `remove`: items whose field equals the value. */
  op: 'set' | 'copy' | 'append' | 'move' | 'remove' | 'create';
  /** The register entry field written. */
  entryPointer: string;
  /** The form field read (copy, append, create). */
  formPointer?: string;
  value: unknown;
}

export interface SimulatedTimer {
  delay: string;
  duration: string;
  /** The step that skips to it. */
  step: string;
  target: string;
}

export interface StepRefusal {
  /** GUARD_FAILED, DATA_INVALID, COMPUTE_REFUSED or RULE_BUDGET_EXCEEDED. */
  code: string;
  en: string;
  zh: string;
  problems: FieldProblem[];
}

export interface SimulatedStepResult {
  index: number;
  event: string;
  role: string | null;
  from: string;
  to: string;
  accepted: boolean;
  refusal?: StepRefusal;
  /** Computed fields whose value this step changed, with the new value. */
  computed: { pointer: string; value: unknown }[];
  /** Register changes entering `to` would make (none when the state did not change). */
  effects: SimulatedEffect[];
  effectKind?: string;
  /** Timers entering `to` would start. */
  timers: SimulatedTimer[];
  /** `to`'s due rule: an ISO duration, or a form field / annual day. */
  due?: string;
  status: string;
  title: Title;
}

export interface SimulationResult {
  initialState: string;
  finalState: string;
  /** The data at the end (after every accepted step and computation). */
  data: Record<string, unknown>;
  /** What the data still lacks under the form (e.g. generated samples); empty when valid. */
  dataProblems: FieldProblem[];
  steps: SimulatedStepResult[];
  /** Whether every step was accepted. */
  completed: boolean;
}

const stepError = (i: number, field: string, en: string, zh: string, problem: { en: string; zh: string }) =>
  badInput({ en: `Step ${i + 1}: ${en}`, zh: `第 ${i + 1} 步：${zh}` }, [{ path: `/steps/${i}/${field}`, message: problem.zh, messageEn: problem.en }]);

function refusalOf(e: DomainError, code?: string): StepRefusal {
  return { code: code ?? String(e.details.subCode ?? e.code), en: e.message, zh: e.details.messageZh, problems: (e.details.problems ?? []).map((p) => ({ ...p })) };
}

/**
 * `entry`: the household a rule guard reads as `$entry` (null: the case names none). The run never
 * changes it: effects are reported, not applied, as on the server they apply only on entering a
 * state, after its guards.
 */
export function simulateWorkflow(wf: CompiledWorkflow, form: CompiledForm, sample: Record<string, unknown>, steps: SimulationStep[], entry: Readonly<Record<string, unknown>> | null = null): SimulationResult {
  if (steps.length > MAX_SIMULATION_STEPS) {
    throw badInput({ en: `A simulation has at most ${MAX_SIMULATION_STEPS} steps`, zh: `模拟最多 ${MAX_SIMULATION_STEPS} 步` }, [{ path: '/steps', message: `最多 ${MAX_SIMULATION_STEPS} 步`, messageEn: `at most ${MAX_SIMULATION_STEPS} steps` }]);
  }
  const start = wf.initialState();
  let snapshot: PersistedSnapshot = start.snapshot;
  let state = start.state;
  let data: Record<string, unknown>;
  try {
    data = form.compute(sample);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    data = sample;
  }
  /** Events sent in the current visit of the state (quorum counts each step as another person). */
  let visit: string[] = [];
  const results: SimulatedStepResult[] = [];
  let completed = true;

  for (const [i, step] of steps.entries()) {
    const info = wf.stateInfo(state);
    if (step.data != null && (typeof step.data !== 'object' || Array.isArray(step.data))) {
      throw stepError(i, 'data', 'the edits must be an object', '修改内容须为对象', { en: 'must be an object', zh: '须为对象' });
    }
    const base = { index: i, event: step.event, role: step.role ?? null, from: state, computed: [], effects: [], timers: [] };
    // Which event this step sends: one the state offers, its objection event, or one of its timers.
    let eventType: string;
    const timer = step.event.startsWith(TIMER_STEP_PREFIX) ? info.timers.find((t) => t.delay === step.event.slice(TIMER_STEP_PREFIX.length)) : undefined;
    const offered = wf.events(state).find((e) => e.event === step.event);
    if (timer) eventType = timer.eventType;
    else if (offered) {
      eventType = offered.event;
      if (step.role && offered.roles.length && !offered.roles.includes(step.role)) {
        throw stepError(i, 'role', `role "${step.role}" may not send ${step.event} in state "${state}" (roles: ${offered.roles.join(', ')})`,
          `角色 ${step.role} 不能在环节“${info.title.zh}”执行 ${step.event}（可执行角色：${offered.roles.join('、')}）`,
          { en: `may be ${offered.roles.join(', ')}`, zh: `可为 ${offered.roles.join('、')}` });
      }
    } else if (info.objectionEvent === step.event) eventType = step.event;
    else {
      const available = [...wf.events(state).map((e) => e.event), ...info.timers.map((t) => TIMER_STEP_PREFIX + t.delay), ...(info.objectionEvent ? [info.objectionEvent] : [])];
      const list = available.length ? available.join(', ') : '—';
      throw stepError(i, 'event', `event ${step.event} is not available in state "${state}" (available: ${list})`,
        `环节“${info.title.zh}”（${state}）不能执行 ${step.event}（可执行：${list}）`,
        { en: `not available in ${state}; available: ${list}`, zh: `当前环节不可执行；可执行：${list}` });
    }

    // Edits: only fields the state lets its role change (anything in the draft), then recompute.
    let next = data;
    let refusal: StepRefusal | undefined;
    try {
      if (step.data) {
        const merged = mergeData(data, step.data);
        if (info.kind !== 'draft') {
          const refused = changedPointers(data, merged).filter((p) => !info.editable.some((e) => isPointerWithin(p, e)) && !form.computed.some((f) => isPointerWithin(p, f.pointer)));
          if (refused.length) {
            throw stepError(i, 'data', `fields ${refused.join(', ')} may not be edited in state "${state}"`, `环节“${info.title.zh}”不可修改字段 ${refused.join('、')}`,
              { en: `not editable in ${state}: ${refused.join(', ')}`, zh: `此环节不可修改：${refused.join('、')}` });
          }
        }
        next = form.compute(merged);
        if (info.kind !== 'draft') {
          const problems = form.validate(next);
          if (problems.length) refusal = { code: 'DATA_INVALID', en: `The data has ${problems.length} invalid field(s)`, zh: `数据有 ${problems.length} 处填写有误`, problems: problems.map(({ path, message, messageEn }) => ({ path, message, messageEn })) };
        }
      } else next = form.compute(data);
      if (!refusal && eventType === SUBMIT_EVENT && info.kind === 'draft') {
        const problems = form.validate(next);
        if (problems.length) refusal = { code: 'DATA_INVALID', en: `The application has ${problems.length} invalid field(s)`, zh: `申请有 ${problems.length} 处填写有误`, problems: problems.map(({ path, message, messageEn }) => ({ path, message, messageEn })) };
      }
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'BAD_USER_INPUT' || e.details.subCode !== 'COMPUTE_REFUSED') throw e;
      refusal = refusalOf(e);
    }

    let to = state;
    if (!refusal) {
      try {
        const distinctActors = visit.filter((ev) => ev === eventType).length + 1;
        const r = wf.transition(snapshot, { type: eventType }, { data: next, distinctActors, entry });
        if (!r.changed) {
          const guards = r.refusedBy ?? [];
          const en = guards.map((g) => g.message?.en ?? `the conditions for ${step.event} in state "${state}" are not met`).join('; ');
          const zh = guards.map((g) => g.message?.zh ?? `不满足环节“${info.title.zh}”中 ${step.event} 的条件`).join('；');
          const paths = [...new Set(guards.flatMap((g) => g.paths ?? []))];
          refusal = { code: 'GUARD_FAILED', en: en || `${step.event} changed nothing`, zh: zh || `${step.event} 未生效`, problems: paths.map((p) => ({ path: p, message: zh, messageEn: en })) };
        } else {
          to = r.to;
          snapshot = r.snapshot;
        }
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        refusal = refusalOf(e); // a rule over its budget
      }
    }

    if (refusal) {
      const now = wf.stateInfo(state);
      results.push({ ...base, to: state, accepted: false, refusal, status: wf.status(state), title: now.title });
      completed = false;
      break;
    }
    const computed = form.computed.flatMap((f) => changedPointers(data, next).filter((p) => isPointerWithin(p, f.pointer)).map((p) => ({ pointer: p, value: readPointer(next, p) })));
    data = next;
    const entered = to !== state;
    visit = entered ? [] : [...visit, eventType];
    const toInfo = wf.stateInfo(to);
    const result: SimulatedStepResult = { ...base, to, accepted: true, computed, status: wf.status(to), title: toInfo.title };
    if (entered) {
      const effects = stateEffectsOf(wf.definition.states[to]?.meta);
      if (effects) {
        result.effectKind = effectKindFor(effects.kind, data);
        result.effects = effects.effects.flatMap((e): SimulatedEffect[] => {
          if ('set' in e) return [{ op: 'set', entryPointer: e.set, value: e.value }];
          if ('copy' in e) return [{ op: 'copy', entryPointer: e.to, formPointer: e.copy, value: readPointer(data, e.copy) ?? null }];
          if ('append' in e) return [{ op: e.move ? 'move' : 'append', entryPointer: e.to, formPointer: e.append, value: readPointer(data, e.append) ?? null }];
          if ('remove' in e) return [{ op: 'remove', entryPointer: `${e.remove}/*${e.match}`, formPointer: e.equals, value: readPointer(data, e.equals) ?? null }];
          return Object.entries(e.create).map(([entry, formPointer]) => ({ op: 'create' as const, entryPointer: entry, formPointer, value: readPointer(data, formPointer) ?? null }));
        });
      }
      result.timers = toInfo.timers.map((t) => ({ delay: t.delay, duration: t.duration, step: TIMER_STEP_PREFIX + t.delay, target: t.target }));
      const due = wf.definition.states[to]?.meta;
      if (due?.dueIn) result.due = due.dueIn;
      else if (due?.dueDate) result.due = 'field' in due.dueDate ? `field ${due.dueDate.field}` : `annual ${due.dueDate.annual}`;
    }
    results.push(result);
    state = to;
  }
  const dataProblems = form.validate(data).map(({ path, message, messageEn }) => ({ path, message, messageEn }));
  return { initialState: start.state, finalState: state, data, dataProblems, steps: results, completed };
}
