/**
 * Why a transition was refused by its guards, in words the person who pressed the button can act
 * on: each refusing guard's own `message` (or a default naming the event and the state) and its
 * `paths` as field problems, so the form shows the reason beside the fields concerned.
 */
import { DomainError, type FieldProblem } from '../core/errors.js';
import type { GuardConfig, Title } from '../workflow/definition.js';
import type { EventInfo, StateInfo } from '../workflow/engine.js';

/** What one refusing guard says; the default when the definition gives no message. */
export function guardMessage(guard: GuardConfig, event: EventInfo, state: StateInfo): Title {
  if (guard.message) return guard.message;
  if (guard.type === 'quorum') {
    const n = Number(guard.params.count);
    return {
      zh: `环节“${state.title.zh}”的“${event.title.zh}”需要 ${n} 位不同人员分别确认`,
      en: `"${event.title.en}" in state "${state.title.en}" needs ${n} different people to confirm it`,
    };
  }
  return {
    zh: `不满足环节“${state.title.zh}”中“${event.title.zh}”的条件`,
    en: `The conditions for "${event.title.en}" in state "${state.title.en}" are not met`,
  };
}

/** TRANSITION_NOT_ALLOWED, subCode GUARD_FAILED, with every refusing guard's reason and fields. */
export function guardFailed(refusedBy: readonly GuardConfig[], event: EventInfo, state: StateInfo): DomainError {
  const messages: Title[] = [];
  const problems: FieldProblem[] = [];
  for (const guard of refusedBy.length ? refusedBy : [{ type: 'rule', params: {} } as GuardConfig]) {
    const m = guardMessage(guard, event, state);
    if (!messages.some((x) => x.zh === m.zh && x.en === m.en)) messages.push(m);
    for (const path of guard.paths ?? []) problems.push({ path, message: m.zh, messageEn: m.en });
  }
  return new DomainError('TRANSITION_NOT_ALLOWED', messages.map((m) => m.en).join('; '), {
    subCode: 'GUARD_FAILED',
    messageZh: messages.map((m) => m.zh).join('；'),
    state: state.name,
    event: event.event,
    ...(problems.length ? { problems } : {}),
  });
}
