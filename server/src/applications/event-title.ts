/**
 * The title a history row shows for its event, from the workflow (the transition's `meta.title`),
 * or the platform's own words for the rows the platform writes (creation, an in-step edit, a timer,
 * a review falling due, an upheld objection). Never the code: people read 提交, not SUBMIT.
 */
import type { Title } from '../workflow/definition.js';
import type { CompiledWorkflow } from '../workflow/engine.js';
import { REVIEW_DUE } from './reviews.js';

const PLATFORM: Record<string, Title> = {
  CREATE: { zh: '创建申请', en: 'Application created' },
  SAVE: { zh: '修改内容', en: 'Contents edited' },
  SUBMIT: { zh: '提交', en: 'Submit' },
  [REVIEW_DUE]: { zh: '定期复核到期', en: 'Periodic review due' },
};
const TIMER: Title = { zh: '期满自动流转', en: 'Time limit reached' };
const OBJECTION: Title = { zh: '异议成立，退回', en: 'Objection upheld: sent back' };
const OTHER: Title = { zh: '办理', en: 'Handled' };

export function eventTitle(wf: CompiledWorkflow, event: string, fromState: string | null | undefined): Title {
  const state = fromState ? wf.definition.states[fromState] : undefined;
  if (state) {
    const spec = state.on?.[event];
    if (spec !== undefined) {
      const alts = Array.isArray(spec) ? spec : [spec];
      for (const a of alts) if (typeof a === 'object' && a.meta?.title) return a.meta.title;
    }
    try {
      const info = wf.stateInfo(fromState!);
      if (info.objectionEvent === event) return OBJECTION;
      if (info.timers.some((t) => t.eventType === event)) return TIMER;
    } catch {
      /* a state missing from this version: fall through */
    }
  }
  return PLATFORM[event] ?? (/^xstate\.after/.test(event) ? TIMER : OTHER);
}
