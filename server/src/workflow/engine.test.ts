import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.js';
import { compileWorkflow, type CompiledWorkflow, type PersistedSnapshot } from './engine.js';
import { changed, fixture } from './workflow.fixture.js';

const DAY = 86_400_000;
const ctx = (data: Record<string, unknown> = {}, distinctActors = 1) => ({ data, distinctActors });
/** Stored snapshots come back from jsonb: never the same object the engine returned. */
const stored = (s: PersistedSnapshot): unknown => JSON.parse(JSON.stringify(s));

function walk(wf: CompiledWorkflow, events: string[], data: Record<string, unknown> = { grade: 'D' }) {
  let snapshot = wf.initialState().snapshot;
  for (const type of events) {
    const r = wf.transition(stored(snapshot), { type }, ctx(data));
    expect(r.changed, `${r.from} --${type}-->`).toBe(true);
    snapshot = r.snapshot;
  }
  return snapshot;
}

describe('compileWorkflow', () => {
  it('throws WORKFLOW_INVALID with every problem located in the definition', () => {
    const def = changed('states.review.on.APPROVE.target', 'nowhere');
    let error: unknown;
    try {
      compileWorkflow(def);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const de = error as DomainError;
    expect(de.code).toBe('WORKFLOW_INVALID');
    expect(de.message).toMatch(/^The workflow is invalid: State "review", event "APPROVE": target "nowhere" does not exist/);
    expect(de.details.problems).toContainEqual({
      path: '/states/review/on/APPROVE',
      message: '工作流定义错误：State "review", event "APPROVE": target "nowhere" does not exist',
      messageEn: 'State "review", event "APPROVE": target "nowhere" does not exist',
    });
    expect(de.details.messageZh).toMatch(/^工作流定义有 \d+ 处错误，首处：State "review"/);
  });

  it('keeps its own copy of the definition', () => {
    const def = fixture();
    const wf = compileWorkflow(def);
    (def.states as Record<string, unknown>).review = {};
    expect(wf.stateInfo('review').roles).toEqual(['township_reviewer']);
  });
});

describe('a compiled workflow', () => {
  const wf = compileWorkflow(fixture());

  it('starts in the draft with a JSON snapshot', () => {
    const { state, snapshot } = wf.initialState();
    expect(state).toBe('draft');
    expect(snapshot).toEqual(stored(snapshot));
    expect(snapshot).toMatchObject({ value: 'draft', status: 'active' });
    expect(wf.status(state)).toBe('DRAFT');
  });

  it('moves on an accepted event and reports the new state', () => {
    const r = wf.transition(stored(wf.initialState().snapshot), { type: 'SUBMIT' }, ctx());
    expect(r).toMatchObject({ changed: true, from: 'draft', to: 'review', snapshot: { value: 'review' } });
    expect(r.info).toMatchObject({ name: 'review', kind: 'task', roles: ['township_reviewer'], editable: ['/grade'] });
    expect(wf.status(r.to)).toBe('IN_REVIEW');
  });

  it.each(['APPROVE', 'NO_SUCH_EVENT', 'xstate.stop', 'xstate.init'])('does not change on %s in the draft', (type) => {
    const r = wf.transition(stored(wf.initialState().snapshot), { type }, ctx());
    expect(r).toMatchObject({ changed: false, from: 'draft', to: 'draft', snapshot: { value: 'draft', status: 'active' } });
  });

  it('evaluates rule guards over the form data', () => {
    const review = walk(wf, ['SUBMIT']);
    expect(wf.transition(stored(review), { type: 'APPROVE' }, ctx({ grade: 'B' })).changed).toBe(false);
    expect(wf.transition(stored(review), { type: 'APPROVE' }, ctx({})).changed).toBe(false);
    const r = wf.transition(stored(review), { type: 'APPROVE' }, ctx({ grade: 'C' }));
    expect(r).toMatchObject({ changed: true, to: 'notice' });
    expect(wf.status('notice')).toBe('UNDER_NOTICE');
  });

  it('reports the guards that refused, with their message and paths, and none for an unknown event', () => {
    const guard = {
      type: 'rule', params: { rule: { in: [{ var: 'grade' }, ['C', 'D']] } }, message: { zh: '等级须为 C 或 D', en: 'The grade must be C or D' }, paths: ['/grade'],
    };
    const def = changed('states.review.on.APPROVE.guard', guard);
    const guarded = compileWorkflow(def);
    const review = walk(guarded, ['SUBMIT']);
    const r = guarded.transition(stored(review), { type: 'APPROVE' }, ctx({ grade: 'B' }));
    expect(r.changed).toBe(false);
    expect(r.refusedBy).toEqual([guard]);
    expect(guarded.transition(stored(review), { type: 'NOPE' }, ctx({})).refusedBy).toBeUndefined();
    expect(wf.quorums('verification')).toEqual([{ event: 'VERIFY', count: 3 }]);
    expect(wf.quorums('review')).toEqual([]);
  });

  it('refuses the one transition whose rule exceeds its budget, naming the state and event', () => {
    // Doubles an array per item (hidden from the checker behind "if"): 2^30 elements for 30 items.
    const doubling = { reduce: [{ var: 'items' }, { merge: [{ var: 'accumulator' }, { if: [true, { var: 'accumulator' }, []] }] }, [1]] };
    const greedy = compileWorkflow(changed('states.review.on.APPROVE.guard', { type: 'rule', params: { rule: { '!!': [doubling] } } }));
    const review = walk(greedy, ['SUBMIT']);
    const data = { items: Array.from({ length: 30 }, (_, i) => i) };
    let error: unknown;
    try {
      greedy.transition(stored(review), { type: 'APPROVE' }, ctx(data));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const de = error as DomainError;
    expect(de.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(de.details.subCode).toBe('RULE_BUDGET_EXCEEDED');
    expect(de.message).toMatch(/state "review".*event "APPROVE"|event "APPROVE".*state "review"/);
    expect(de.details.messageZh).toMatch(/审核.*APPROVE|APPROVE.*审核/);
    // The same case can still take the other ways out of the state.
    expect(greedy.transition(stored(review), { type: 'RETURN' }, ctx(data))).toMatchObject({ changed: true, to: 'draft' });
  });

  it('returns for correction and starts again', () => {
    const back = walk(wf, ['SUBMIT', 'RETURN', 'SUBMIT']);
    expect(back.value).toBe('review');
  });

  it('lists the timers of a state with the event to send when they fire', () => {
    expect(wf.stateInfo('notice')).toEqual({
      name: 'notice',
      kind: 'notice',
      title: { zh: '公示', en: 'Notice' },
      roles: [],
      editable: [],
      objectionEvent: 'OBJECTION',
      timers: [
        { delay: 'NOTICE_PERIOD', duration: 'P7D', ms: 7 * DAY, eventType: 'xstate.after.NOTICE_PERIOD.test.notice', target: 'verification' },
      ],
    });
    expect(wf.stateInfo('verification').timers).toEqual([
      { delay: 'P30D', duration: 'P30D', ms: 30 * DAY, eventType: 'xstate.after.P30D.test.verification', target: 'rejected' },
    ]);
  });

  it('moves when a timer fires, and only in its own state', () => {
    const notice = walk(wf, ['SUBMIT', 'APPROVE']);
    const [timer] = wf.stateInfo('notice').timers;
    const r = wf.transition(stored(notice), { type: timer!.eventType }, ctx());
    expect(r).toMatchObject({ changed: true, from: 'notice', to: 'verification' });
    const otherTimer = wf.stateInfo('verification').timers[0]!.eventType;
    expect(wf.transition(stored(notice), { type: otherTimer }, ctx()).changed).toBe(false);
  });

  it('sends an objection back for re-examination', () => {
    const notice = walk(wf, ['SUBMIT', 'APPROVE']);
    expect(wf.transition(stored(notice), { type: 'OBJECTION' }, ctx())).toMatchObject({ changed: true, to: 'review' });
  });

  it('stays in the state until the quorum is reached', () => {
    const verification = walk(wf, ['SUBMIT', 'APPROVE', 'xstate.after.NOTICE_PERIOD.test.notice']);
    const second = wf.transition(stored(verification), { type: 'VERIFY' }, ctx({}, 2));
    expect(second).toMatchObject({ changed: true, from: 'verification', to: 'verification' });
    const third = wf.transition(stored(second.snapshot), { type: 'VERIFY' }, ctx({}, 3));
    expect(third).toMatchObject({ changed: true, from: 'verification', to: 'approved', snapshot: { value: 'approved', status: 'done' } });
    expect(wf.status('approved')).toBe('APPROVED');
  });

  it('accepts nothing in a final state', () => {
    const ended = walk(wf, ['SUBMIT', 'APPROVE', 'xstate.after.NOTICE_PERIOD.test.notice', 'xstate.after.P30D.test.verification']);
    expect(ended.value).toBe('rejected');
    expect(wf.status('rejected')).toBe('REJECTED');
    expect(wf.transition(stored(ended), { type: 'SUBMIT' }, ctx()).changed).toBe(false);
  });

  it('lists the events roles may send, without timers or the public objection', () => {
    expect(wf.events('review')).toEqual([
      { event: 'APPROVE', title: { zh: '通过', en: 'Approve' }, roles: ['township_reviewer'], requiresComment: false },
      { event: 'RETURN', title: { zh: '退回', en: 'Return' }, roles: ['township_reviewer'], requiresComment: true },
      { event: 'REJECT', title: { zh: '不予通过', en: 'Reject' }, roles: ['township_reviewer'], requiresComment: true },
    ]);
    expect(wf.events('notice')).toEqual([]);
    expect(wf.events('approved')).toEqual([]);
    expect(wf.events('verification').map((e) => e.event)).toEqual(['VERIFY']);
  });

  it('refuses unknown states and snapshots that do not belong to it', () => {
    expect(() => wf.stateInfo('limbo')).toThrow(DomainError);
    expect(() => wf.transition({ value: 'limbo' }, { type: 'SUBMIT' }, ctx())).toThrow(/not in workflow "test"/);
    expect(() => wf.transition(null, { type: 'SUBMIT' }, ctx())).toThrow(/not in workflow "test"/);
  });

  it('draws a diagram with guarded and timer edges', () => {
    const d = wf.diagram();
    expect(d.nodes.map((n) => n.id)).toEqual(['draft', 'review', 'notice', 'verification', 'approved', 'rejected']);
    expect(d.nodes[0]).toEqual({ id: 'draft', kind: 'draft', title: { zh: '填报', en: 'Draft' } });
    expect(d.edges).toContainEqual({ from: 'review', to: 'notice', event: 'APPROVE', title: { zh: '通过', en: 'Approve' }, guard: 'rule' });
    expect(d.edges).toContainEqual({
      from: 'notice',
      to: 'verification',
      event: 'xstate.after.NOTICE_PERIOD.test.notice',
      title: { zh: 'P7D 期满', en: 'After P7D' },
      timer: 'NOTICE_PERIOD',
    });
    expect(d.edges.filter((e) => e.event === 'VERIFY').map((e) => e.to)).toEqual(['approved', 'verification']);
  });

  it('maps a withdrawn outcome to WITHDRAWN', () => {
    const wd = compileWorkflow(changed('states.rejected.meta.outcome', 'withdrawn'));
    expect(wd.status('rejected')).toBe('WITHDRAWN');
  });
});
